"""The frames a verb cue takes: where its content is in the dependency parse.

Each cue entry in data/cues.tsv lists its frames (CUES.md documents them); this module
turns a frame into the token indices of the content. Frames are tried in a fixed order,
from the most specific complement to the loosest, and the first that matches wins:

* ccomp      — a clausal complement: "warned that the road would close", "expect rates to fall"
* xcomp      — an infinitive or gerund: "plans to reopen", "denied taking the money",
               "urged the board to wait" (the object is the addressee, not content)
* pobj       — the object of the cue's particle or preposition: "called for a ban",
               "worried about the cost", "approve of his handling"
* obj_pred   — an object with its predicate: "called the plan reckless"
* oprd_quote — an object with a quoted predicate: "calling it “fake news”"
* obj_prep   — an object with its prepositional phrase: "accused the mayor of lying"
* dobj       — a noun-phrase object: "the senator opposes the bill", "the poll shows a lead"
* obj_as     — "described the deal as a disaster"

A frame may name a class of its own (`xcomp:intention`): "asked whether" is speech, "asked
to join" an intention. `frame_content` returns the content, the rule name and that class.
"""

from __future__ import annotations

from reader.analysis.candidates import content_of, subject
from reader.analysis.lexicon import Cue, lexicon

# Pronoun objects that stand for a thing said or proposed ("supports it"); personal ones
# ("told him") are addressees.
_THING_PRONOUNS = {"it", "this", "that", "these", "those", "both", "all"}
_OBJECT_DEPS = ("dobj",)
# "call X home": an idiom of place, never a judgement of X
_IDIOM_PREDICATES = {"home"}


def _subtree(tok) -> set[int]:  # noqa: ANN001
    return {t.i for t in tok.subtree}


def _object(tok):  # noqa: ANN001, ANN202
    """The cue's noun-phrase object, if it can be content (a thing, not a person addressed)."""
    for c in tok.children:
        if c.dep_ in _OBJECT_DEPS and c.i > tok.i:
            if c.pos_ in ("NOUN", "PROPN", "NUM") or c.pos_ == "PRON" and c.lower_ in _THING_PRONOUNS:
                return c
            if c.pos_ == "VERB" and c.tag_ == "VBG":
                return c
    return None


def _own_complements(tok, comps: list) -> list:  # noqa: ANN001
    """Complements that are the cue's content. Not a clause before the cue across a semicolon
    ("Storm closes road; council vows to rebuild": two clauses of a headline), nor — when the
    cue has a clause after it and no quotation is involved — a clause before it ("Strike enters
    second week, union says talks have failed")."""
    doc = tok.doc
    kept = [c for c in comps if c.i > tok.i or not any(t.text == ";" for t in doc[c.right_edge.i:tok.i])]
    after = [c for c in kept if c.i > tok.i]
    if after and not any(t.is_quote for t in tok.sent):
        kept = after
    return kept


def _ccomp(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    comps = _own_complements(tok, comps)
    if not comps:
        return None
    content: set[int] = set()
    for c in comps:
        # "show a record 45,756 migrants … drove claims up": the parser took the clause's
        # subject for the cue's object; a subjectless complement gets it back.
        obj = None
        if not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children):
            obj = next((o for o in tok.children if o.dep_ == "dobj" and tok.i < o.i < c.i), None)
            if obj is None and _headless_finite(c):
                continue
        content |= content_of(c)
        if obj is not None:
            content |= _subtree(obj)
    if not content:
        return None
    return content, "subject-cue-complement"


def _headless_finite(clause) -> bool:  # noqa: ANN001
    """A finite verb after the cue with no subject, no complementizer and no quotation: a
    participle the parser took for a clause ("pointed to the table with soup served with
    bread"), not something said."""
    doc = clause.doc
    if clause.tag_ not in ("VBD", "VBZ", "VBP") or any(g.dep_ in ("mark", "aux", "auxpass") for g in clause.children):
        return False
    left = clause.left_edge.i
    return not any(t.is_quote or t.text == ":" for t in doc[max(left - 2, 0):left + 1])


def _xcomp(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    if tok.tag_ == "VBN" and tok.dep_ == "acl":
        return None   # "a visa required to travel": a participle describing a noun, no holder
    x = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
    if x is None:
        return None
    return _subtree(x), "subject-cue-infinitive"


def _pobj(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    if len(cue_toks) < 2:
        return None
    obj = next((c for c in cue_toks[-1].children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    return _subtree(obj), "cue-particle-object"


def _obj_pred(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    if tok.tag_ == "VBN" and tok.dep_ == "acl":
        return None   # "a group called the Friends": a name, not a judgement
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    pred = next((c for c in tok.children if c.dep_ == "oprd" and c.i > tok.i), None)
    if pred is None or obj is not None and obj.pos_ == "PRON" and obj.lower_ not in _THING_PRONOUNS:
        return None   # "called him a hero": a name for a person, not a judgement of a claim
    if pred.pos_ == "PROPN" and not any(t.is_quote for t in pred.subtree):
        return None   # "a unit called the Sea Watch": a name given, not a judgement
    if pred.lower_ in _IDIOM_PREDICATES:
        return None   # "will call the museum home": where it stays, not a judgement
    if obj is None:   # "called the ruling absurd": the parser can hang the object under the predicate
        if not any(t.pos_ in ("NOUN", "PROPN") for t in pred.subtree):
            return None
        return _subtree(pred), "cue-object-predicate"
    return _subtree(obj) | _subtree(pred), "cue-object-predicate"


def _oprd_quote(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    if tok.tag_ == "VBN" and tok.dep_ == "acl":
        return None
    objs = [c for c in tok.children if c.dep_ in ("oprd", "dobj") and c.i > tok.i]
    quoted = [c for c in objs if any(t.is_quote for t in tok.doc[c.left_edge.i - 1:c.right_edge.i + 1])]
    if not quoted:
        return None
    return {t.i for o in objs for t in o.subtree}, "call-it-quote"


def _obj_prep(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and obj is not None and c.i > obj.i
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
    if obj is None or prep is None:
        return None
    # everything from the object to the end of its phrase ("found most of them behind on rent")
    return set(range(obj.left_edge.i, prep.right_edge.i + 1)), "cue-object-preposition"


def _person(tok) -> bool:  # noqa: ANN001
    """A noun that names people: "the student", "reporters", "the minister", "Ana Ruiz"."""
    lex = lexicon()
    forms = {tok.lower_, tok.lower_ + "s", tok.lower_.removesuffix("s")}   # the lists hold one number
    people = lex.group_nouns | lex.role_nouns | lex.anonymous_nouns | lex.titles
    return tok.ent_type_ in ("PERSON", "NORP") or bool(forms & people)


def _after_colon(tok, obj):  # noqa: ANN001, ANN202
    """The clause a colon after the object introduces ("denied the claims on Monday: she was
    …"); only the cue's own adjuncts may stand between object and colon."""
    doc = obj.doc
    own = {t.i for t in tok.subtree}
    colon = obj.right_edge.i + 1
    while colon < len(doc) and colon in own and doc[colon].text != ":" and doc[colon].pos_ not in ("VERB", "AUX"):
        colon += 1
    if colon + 1 >= len(doc) or doc[colon].text != ":":
        return None
    end = doc[colon + 1].sent.end
    content = {t.i for t in doc[colon + 1:end] if not t.is_space}
    return content if any(t.pos_ in ("VERB", "AUX") for t in doc[colon + 1:end]) else None


def _states_content(obj) -> bool:  # noqa: ANN001
    """Does a speech cue's noun-phrase object say what was said? A gerund does ("denied taking
    the money"), and so does a noun with its own clause ("rejected a motion to exclude it",
    "disputed the idea that …"); a plain noun phrase only names the act or its topic ("denied
    the allegations", "announced a review"): the guide's content is what is attributed."""
    if obj.tag_ == "VBG":
        return True
    return any(c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") for c in obj.children)


def _dobj(tok, cue: Cue, comps: list, cue_toks: list) -> tuple | None:  # noqa: ANN001
    obj = _object(tok)
    if obj is None:
        return None
    if cue.cls == "speech" and _person(obj):
        return None   # "police questioned the student": a person spoken to, not a thing said
    if cue.class_in("dobj") == "speech":
        after = _after_colon(tok, obj)
        if after:
            return after, "cue-object-colon"   # "denied these allegations: she was never …"
        holder, _ = subject(tok)
        if not _states_content(obj) and (holder is None or holder.lower_ not in lexicon().document_nouns):
            return None   # a document's object is its finding: "the poll suggested a closer race"
    elif cue.cls == "speech" and _states_content(obj):
        return _subtree(obj), "cue-object", "speech"   # "disputed the claim that …": what was said
    return _subtree(obj), "cue-object"


def _obj_as(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str] | None:  # noqa: ANN001
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    as_ = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or as_ is None:
        return None
    return _subtree(obj) | _subtree(as_), "describe-as"


# Most specific first; a frame missing from this table (quote, cite, acl_that, …) is read
# by the rule that owns it.
FRAME_ORDER = (("ccomp", _ccomp), ("xcomp", _xcomp), ("pobj", _pobj), ("obj_pred", _obj_pred),
               ("oprd_quote", _oprd_quote), ("obj_prep", _obj_prep), ("dobj", _dobj), ("obj_as", _obj_as))


def frame_content(tok, cue: Cue, comps: list, cue_toks: list) -> tuple[set[int], str, str] | None:  # noqa: ANN001
    """(content token indices, rule, cue class) of the first of the cue's frames that matches."""
    for name, reader in FRAME_ORDER:
        if name not in cue.frames:
            continue
        found = reader(tok, cue, comps, cue_toks)
        if found is not None and found[0]:   # a reader may name the class itself (a third item)
            return found[0], found[1], found[2] if len(found) > 2 else cue.class_in(name)
    return None
