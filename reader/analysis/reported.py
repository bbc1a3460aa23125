"""Attributions found in the dependency parse of one paragraph: the verb rules and the
assembly of all rules' candidates into claims.

Verb patterns here (each a general construction, not a phrase list):
* SOURCE CUE (that) CONTENT — cue verb with a clausal complement; the source is its subject,
  the subject it shares as a conjunct, its governor's subject for a participle ("…, adding
  that …"), the antecedent of a relative pronoun, or the noun an `acl` modifies;
  inverted ("…, said Mike Mayo") is the same tree.
* parenthetical cue ("Beyond that, he said, the bank …"): the cue hangs off the content.
* describe/characterize X as Y; call X “…”; deny X; vow/promise/urge … to X; call for X.
* multi-word cues keep their medium: "said in a statement", "wrote in a post".
* passive speech cues with a question or that-clause ("Asked whether …", "were told that …"):
  no source unless a by-phrase names one; a relative pronoun is the source mention of a cue
  in a relative clause ("…, who said …"), the antecedent its card.
* descriptions are no attributions (`_attributes`): participles describing a noun, a cue in
  another intention's infinitive, perception by things.
Other phrases (according to, nominal cues, hedges, citing, headline colons) are in
phrasal.py; repairs for misparses in repairs.py. Clauses of other attributions joined by
"while"/"and" are cut out of a claim's content (coordination); an attribution inside
another's content becomes its child (nesting).
"""

from __future__ import annotations

import re

from reader.analysis.candidates import (
    COMPLEMENTIZERS, SKIP_SUBJECTS, Candidate, content_of, relative_pronoun, source_tokens, subject)
from reader.analysis.confidence import (
    NEGATED_PENALTY, OTHER_CLASS_CONFIDENCE, PASSIVE_CONFIDENCE, REPAIR_PENALTY, VERB_CONFIDENCE)
from reader.analysis.frames import frame_content
from reader.analysis.lexicon import Cue, lexicon
from reader.analysis.mentions import describe, doc_text, trim
from reader.analysis.phrasal import (
    according, adjective, as_put_it, citing, creator, hedge_adverb, hedge_passive, headline_colon, in_noun, nominal,
    nominal_colon, per, speaker_line)
from reader.analysis.records import Mention, RawClaim
from reader.analysis.repairs import (
    noun_tagged_cue, phrase_before, quote_after, quote_then_cue, that_after_adjuncts, trailing, wh_clause)


def may_attribute(doc) -> bool:  # noqa: ANN001
    """Could this paragraph hold an attribution? (a cue word, a quotation mark or a colon)"""
    triggers = lexicon().trigger_words
    return any(t.lower_ in triggers or t.is_quote or t.text == ":" for t in doc)


def find_claims(doc, offset: int, paragraph: int, in_quote,  # noqa: ANN001
                quote_starts: frozenset[int] = frozenset(),
                quote_spans: tuple[tuple[int, int], ...] = ()) -> tuple[list[RawClaim], list[Mention]]:
    """Claims of one parsed paragraph; `in_quote(char_pos)` tells whether a position is quoted,
    `quote_starts` holds the paragraph-relative offsets of opening quotation marks and
    `quote_spans` the paragraph-relative spans of the quotations (parts) in this paragraph.

    Also returns subject-position person names, kept as antecedents for later pronouns.
    """
    lex = lexicon()
    cands: list[Candidate] = []
    cites = []
    line = speaker_line(doc, cands)
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            according(tok, doc[tok.i + 1], cands)
        elif low in lex.hedge_adverbs and tok.dep_ == "advmod":
            hedge_adverb(tok, cands)
        elif tok.pos_ in ("VERB", "AUX"):
            if low in ("citing", "quoting"):
                cites.append(tok)
                continue
            cue = lex.verb_cue(low)
            cue_toks = [tok]
            for child in tok.children:
                pcue = lex.particle_verbs.get((low, child.lower_)) if child.dep_ in ("prt", "prep") else None
                if pcue is not None:
                    cue, cue_toks = pcue, [tok, child]
            if low in ("put", "puts") and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                as_put_it(tok, cands)
            elif low in lex.adjectives and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children) \
                    and any(c.dep_ in ("aux", "auxpass") and c.lower_ in _COPULAS for c in tok.children):
                adjective(tok, lex.adjectives[low], cands)   # "is convinced that …" tagged a passive verb
            elif cue is not None or low in lex.hedge_passives:
                _verb(tok, cue, cue_toks, cands, quote_starts)
        elif low in lex.prepositions and tok.pos_ == "ADP":
            per(tok, lex.prepositions[low], cands)
        elif low in lex.in_nouns and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            in_noun(tok, lex.in_nouns[low], cands)
        elif tok.pos_ == "ADJ" and low in lex.adjectives:
            adjective(tok, lex.adjectives[low], cands)
        elif tok.pos_ == "NOUN" and low in lex.nouns:
            nominal(tok, lex.nouns[low], cands)
    for tok in cites:
        citing(tok, cands)
    for span in quote_spans:
        quote_then_cue(doc, span, cands)
    noun_tagged_cue(doc, cands)
    nominal_colon(doc, cands)
    if not cands and not line:
        headline_colon(doc, cands)
    _coordinate_and_nest(cands)
    converted = [_to_claim(c, cands, offset, paragraph, in_quote) for c in cands]
    _one_cue_per_content(cands, converted)
    index = {}
    claims: list[RawClaim] = []
    for k, claim in enumerate(converted):
        if claim is not None:
            index[k] = len(claims)
            claims.append(claim)
    for claim in claims:   # parents become indices into the returned list
        claim.parent = index.get(claim.parent) if claim.parent is not None else None
    antecedents = [describe(t, list(t.subtree), offset, paragraph) for t in doc if t.dep_ == "nsubj" and (
        t.pos_ == "PROPN" and (t.ent_type_ == "PERSON" or not t.ent_type_ and _looks_like_a_name(t))
        or t.pos_ == "NOUN" and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in t.children))]
    for m in antecedents:
        m.speaker = False
    return claims, antecedents


# ---- patterns ---------------------------------------------------------------------------

def _looks_like_a_name(tok) -> bool:  # noqa: ANN001
    """Without entity labels: "Anna Berg", "Judge Anna Berg" — two or more title-case proper nouns."""
    run = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.is_title]
    return tok.is_title and len(run) >= 1


_COPULAS = ("is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am", "'m")
_RAISING = ("appear", "appears", "appeared", "seem", "seems", "seemed")
# classes whose cue may follow its clause ("…, the survey found", "…, most residents believe")
_TRAILING_CLASSES = ("speech", "evidence", "belief")
_MEDIUM_NOUNS = {"statement", "interview", "post", "tweet", "letter", "email", "speech", "op-ed", "blog",
                 "briefing", "message", "video", "press", "conference", "release", "filing", "memo", "report"}
_REPAIR_RULES = {"cue-as-subject", "cue-adjunct-that", "clause-then-source-cue", "cue-then-quote", "parenthetical-cue", "as-x-said",
                 "cue-colon-clause"}


def _verb(tok, cue: Cue | None, cue_toks, cands, quote_starts: frozenset[int]) -> None:  # noqa: ANN001
    lex = lexicon()
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if cue is not None and tok.dep_ == "xcomp" and tok.head.lower_ in _RAISING and tok.head.i < tok.i:
        # "the emails appear to show staff were warned": the raising verb joins the cue, and
        # the parser may hang the clause on it
        comps += [c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i]
        cue_toks = [tok.head] + [c for c in tok.children if c.dep_ == "aux" and c.i < tok.i] + cue_toks
    if cue is not None and cue.cls != "speech":
        comps = [c for c in comps if not wh_clause(c)]
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    subj, is_pass = subject(tok)
    if passive and tok.lower_ in lex.hedge_passives or (passive and subj is not None and subj.lower_ == "it"):
        hedge_passive(tok, subj, comps, cands)
        return
    if cue is None:
        return
    passive_form = is_pass or subj is None and tok.tag_ == "VBN" and tok.dep_ == "advcl"
    content: set[int] = set()
    cls = cue.cls
    framed = frame_content(tok, cue, comps, cue_toks)
    if framed is not None:
        content, rule, cls = framed
    elif tok.dep_ in ("nsubj", "csubj") and tok.head.i > tok.i and cue.cls in _TRAILING_CLASSES + ("decree",) \
            and any(c.dep_ in ("nsubj", "compound") and c.i < tok.i for c in tok.children):
        # headline "Court rules checks are unlawful" parsed with the cue as the clause's subject
        content, rule = {t.i for t in tok.head.subtree if t.i > tok.i}, "cue-as-subject"
        subj = next(c for c in tok.children if c.dep_ in ("nsubj", "compound") and c.i < tok.i)
        is_pass = False
    elif tok.dep_ == "parataxis" and cue.cls in _TRAILING_CLASSES:
        content, rule = content_of(tok.head, tok), "parenthetical-cue"
        subj, is_pass = subject(tok)
    else:
        para = [c for c in tok.children if c.dep_ == "parataxis" and c.i > tok.i
                and any(t.text in ":“\"" for t in tok.doc[tok.i:c.left_edge.i + 1])]
        if para and cue.cls == "speech":
            content, rule = {t.i for t in para[0].subtree}, "cue-colon-clause"
        elif cue.cls == "speech" and tok.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) and tok.head.i > tok.i:
            content, rule = content_of(tok.head, tok), "as-x-said"
        elif cue.cls in ("speech", "evidence") and quote_after(tok, quote_starts):
            content, rule = quote_after(tok, quote_starts), "cue-then-quote"
        else:
            content, rule = that_after_adjuncts(tok), "cue-adjunct-that"
            if not content and cue.cls in _TRAILING_CLASSES:
                subj, content = trailing(tok, subj)
                rule, is_pass = "clause-then-source-cue", False
    if subj is None and not is_pass:
        subj = phrase_before(tok)
    if passive_form and cls == "speech" and not (content and rule == "subject-cue-complement"):
        # "were asked which party they trusted": the question parsed as an object
        wh_obj = next((c for c in tok.children if c.dep_ == "dobj" and c.left_edge.lower_ in _QUESTION_OPENERS), None)
        if wh_obj is not None:
            content, rule = {t.i for t in wh_obj.subtree}, "subject-cue-complement"
    if passive_form and content and \
            rule == "subject-cue-complement" and cls == "speech" and tok.doc[min(content)].lower_ in _QUESTION_OPENERS:
        _passive_cue(tok, cue_toks, content, cands)   # "Asked whether …", "was told that …"
        return
    if subj is None or is_pass or subj.lower_ in SKIP_SUBJECTS and subj.dep_ != "nsubj" or \
            subj.lower_ in ("this", "these", "those", "there", "you", "what"):
        return
    if not content:
        return
    if not _attributes(tok, subj, rule, cls):
        return
    if tok.dep_ == "relcl" and tok.head.lower_ == "thing" and any(c.lower_ == "next" for c in tok.head.children):
        return   # "the next thing she knew, the door was open": an idiom of sudden change, no belief
    if subj.dep_ == "csubj" and cls in _AGENT_CLASSES:
        return   # "Applying for a visa required the team to travel": an event intends or orders nothing
    if tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBG", "VBN") and max(content) < tok.i and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return   # "a condition characterised by …", "the fees requested in arrears": no clause before it is theirs
    if rule in _PHRASE_RULES and cls == "evidence" and subj.lower_ not in lex.document_nouns:
        return   # "the poll shows a lead" is evidence; "the vote showed divisions" is a description
    if cls == "speech" and subj.lower_ in lex.document_nouns:
        cls = "evidence"   # "the data suggest …", "the report says …": a document's finding
    conf = VERB_CONFIDENCE.get(cls, OTHER_CLASS_CONFIDENCE)
    if any(c.dep_ == "neg" for c in tok.children):
        conf -= NEGATED_PENALTY
    if rule in _REPAIR_RULES:
        conf -= REPAIR_PENALTY
    # "said in a statement", "wrote in a post on X": the medium belongs to the cue when it
    # sits between the verb and its content (annotators mark such multi-word cues).
    first_content = min(content)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "via") and tok.i < child.i < first_content:
            medium = [t for t in child.subtree if t.i < first_content and t.lower_ != "that"]
            if any(t.lower_ in _MEDIUM_NOUNS for t in medium):
                cue_toks = cue_toks + medium
    attach = tok.dep_
    src_head, src_toks = subj, source_tokens(subj, tok)
    maker = creator(subj) if subj.lower_ in lex.document_nouns else None
    if maker is not None:   # "the agency's figures show …": the agency is the source (the guide)
        src_head, src_toks = maker, trim([t for t in maker.subtree if t.dep_ != "case"])
    cands.append(Candidate(verb_group(tok, subj) + cue_toks, content, src_head, src_toks, "indirect",
                           rule, cls, conf, attach))


# a passive speech cue's clause opens with a complementizer or a question word ("was told
# that", "Asked whether", "was asked why"); other clauses after a passive are too loose
_QUESTION_OPENERS = ("that", "whether", "if", "why", "how", "what", "when", "where", "which", "who")
# frames whose content is a noun phrase, not a clause
_PHRASE_RULES = ("cue-object", "cue-particle-object", "cue-object-predicate", "cue-object-preposition")
# classes that only someone can hold: an event or a clause is no source of them
_AGENT_CLASSES = ("intention", "decree")
_PERCEIVERS = ("he", "she", "they", "i", "we", "you", "who", "one")
_AGENT_SUFFIX = re.compile(r"(er|or|ist|ant|ent|ian)s?$")   # "drivers", "inspectors", "tenants"


def _attributes(tok, subj, rule: str, cls: str) -> bool:  # noqa: ANN001
    """Is this cue an attribution at all, or a description that looks like one?
    * a participle describing a noun ("people seeking asylum", "a visa required to travel")
      holds no one's claim, unless the noun is a document ("a petition calling for …");
    * an infinitive under another cue ("wants to support it", "invited the public to suggest
      designs", "declined to say whether …") is inside that cue's content: under an intention
      or a decree, or with a noun-phrase object, it is no claim of its own;
    * only someone can perceive: "the finals saw two teams face off" is no perception."""
    lex = lexicon()
    if tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBG", "VBN") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            tok.head.lower_ not in lex.document_nouns and (rule in _PHRASE_RULES or rule == "subject-cue-infinitive"):
        return False
    if tok.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        outer = lex.verb_cue(tok.head.lower_)
        if outer is not None and (rule in _PHRASE_RULES or tok.dep_ == "xcomp" and "intention" in (
                outer.cls, outer.class_in("xcomp")) or outer.cls == "decree"):
            return False   # "declined to say whether …": the intention's content, not a claim of its own
    if cls == "perception" and subj is not None:
        low = subj.lower_
        sentient = (low in _PERCEIVERS or subj.ent_type_ in ("PERSON", "NORP") or low in lex.group_nouns
                    or low in lex.anonymous_nouns or low in lex.role_nouns or low in lex.titles
                    or subj.pos_ == "PROPN" and subj.ent_type_ in ("", "PERSON")
                    or subj.pos_ == "NOUN" and _AGENT_SUFFIX.search(low) is not None)
        if not sentient:
            return False
    return True


def _passive_cue(tok, cue_toks, content: set[int], cands) -> None:  # noqa: ANN001
    """A passive speech cue with a clause: "was asked whether …", "Asked if …, she said …",
    "were told that …". Its source is the by-phrase, or no one (the guide: empty source); the
    passive subject is the addressee, never content."""
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    src = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    content = content - {t.i for c in tok.children if c.dep_ in ("nsubjpass", "agent") for t in c.subtree}
    cands.append(Candidate(verb_group(tok, None) + cue_toks, content, src,
                           trim(list(src.subtree)) if src is not None else [], "indirect", "passive-cue", "speech",
                           PASSIVE_CONFIDENCE, tok.dep_))


_GROUP_DEPS = ("aux", "auxpass", "neg", "advmod")


def verb_group(tok, subj) -> list:  # noqa: ANN001
    """Auxiliaries, modals, negation and adverbs right before the cue verb ("has repeatedly
    called for", "could not say"): annotators keep them in the cue. Only the unbroken run
    that ends at the verb, and never reaching back into the subject."""
    doc, group = tok.doc, []
    own = {c.i for c in tok.children if c.dep_ in _GROUP_DEPS}
    floor = subj.i if subj is not None and subj.i < tok.i else -1
    i = tok.i - 1
    while i > floor and i in own and doc[i].lower_ not in COMPLEMENTIZERS and not doc[i].is_punct:
        group.insert(0, doc[i])
        i -= 1
    return group


# ---- coordination, nesting, conversion ---------------------------------------------------

def _coordinate_and_nest(cands: list[Candidate]) -> None:
    """Cut coordinated attributions out of each other's content; mark nested ones."""
    for a, ca in enumerate(cands):
        for b, cb in enumerate(cands):
            if a == b or not cb.cue:
                continue
            cue_tok = cb.cue[-1] if cb.rule != "nominal-cue" else cb.cue[0]
            if cue_tok.i not in ca.content:
                continue
            if cb.attach in ("advcl", "conj") and cb.source_head is not None and cb.kind != "hedged" \
                    and cb.rule != "citing":
                clause = {t.i for t in cue_tok.subtree}
                clause |= {c.i for c in cue_tok.children if c.dep_ in ("mark", "cc")}
                ca.content -= clause
                # the joining comma / "while" before the clause
                ca.content -= {i for i in list(ca.content) if i == min(clause) - 1}
            elif cb.parent is None and cb.rule != "citing":
                cb.parent = a
    for c in cands:
        if c.parent is not None and c.parent < len(cands) and cands[c.parent].parent == cands.index(c):
            c.parent = None  # never a cycle


def _one_cue_per_content(cands: list[Candidate], converted: list[RawClaim | None]) -> None:
    """A cue and the participle clause under it that read the very same content ("admitted to
    it, writing in a post “…”"): the parser hung the clause on both; it is the participle's, and
    the governing cue gives no claim (set to None in place, so `parent` indices stay valid)."""
    by_content: dict[tuple, list[int]] = {}
    for k, claim in enumerate(converted):
        if claim is not None and cands[k].rule not in ("nominal-cue", "citing"):
            doc = cands[k].cue[0].doc
            words = tuple(sorted(i for i in cands[k].content if not doc[i].is_punct and not doc[i].is_space))
            by_content.setdefault((cands[k].cue[0].sent.start, words), []).append(k)
    for (_sent, words), same in by_content.items():
        if len(same) > 1 and words:
            same.sort(key=lambda k: abs(words[0] - max(t.i for t in cands[k].cue)))
            near = cands[same[0]].cue[0]
            for k in same[1:]:
                if near.dep_ == "advcl" and cands[k].cue[0] in near.ancestors:
                    converted[k] = None   # "…, writing “…”" / "…, saying “…”": the participle's


def _runs(doc, indices: set[int], offset: int) -> list[tuple[int, int]]:  # noqa: ANN001
    spans: list[tuple[int, int]] = []
    text = doc_text(doc)
    for i in sorted(indices):
        if i >= len(doc):
            continue
        tok = doc[i]
        s, e = offset + tok.idx, offset + tok.idx + len(tok)
        if spans and not text[spans[-1][1] - offset:s - offset].strip(" \t,;:—–-()"):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    out = []
    for s, e in spans:                     # punctuation at the edges is not content
        t = text[s - offset:e - offset]
        lead = len(t) - len(t.lstrip(" ,;:—–-.)"))
        trail = len(t) - len(t.rstrip(" ,;:—–-.("))
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


_ADJUNCT_OPENERS = {"without", "citing", "according", "despite"}


def _trailing_adjunct(doc, keep: set[int]) -> set[int]:  # noqa: ANN001
    """", without offering evidence" / ", citing officials" closing the content is the
    reporter's adjunct, not what the source said (annotators stop the content before it)."""
    if not keep:
        return set()
    last = max(keep)
    for i in sorted(keep, reverse=True):
        tok = doc[i]
        if tok.lower_ in _ADJUNCT_OPENERS and i > 0 and doc[i - 1].text == "," and \
                all(t.i in keep for t in tok.subtree) and max(t.i for t in tok.subtree) >= last - 1:
            return {t.i for t in tok.subtree} | {i - 1} | {k for k in keep if k > max(t.i for t in tok.subtree)}
    return set()


def _to_claim(c: Candidate, cands: list[Candidate], offset: int, paragraph: int, in_quote) -> RawClaim | None:  # noqa: ANN001
    doc = c.cue[0].doc
    keep = c.content - {t.i for t in c.source_toks} - {t.i for t in c.cue}
    keep -= _trailing_adjunct(doc, keep)
    first = min(keep, default=None)
    if first is not None and doc[first].lower_ in COMPLEMENTIZERS and doc[first].dep_ in ("mark", "advmod"):
        first = min(keep - {first}, default=None)   # the complementizer stays in the content
    content = _runs(doc, keep, offset)
    cue = _runs(doc, {t.i for t in c.cue}, offset) or [(offset + c.cue[0].idx, offset + c.cue[0].idx + len(c.cue[0]))]
    if not content:
        return None
    last = max(t.i for t in c.cue)
    if last + 1 < len(doc) and doc[last + 1].text == ":" and offset + doc[last + 1].idx < content[0][0] and \
            doc[last].text != ":":
        # a colon that introduces speech belongs to the cue ("replied:"), as the guide marks it
        cue[-1] = (cue[-1][0], offset + doc[last + 1].idx + 1)
    source = None
    if c.source_head is not None and c.source_toks:
        source = describe(c.source_head, c.source_toks, offset, paragraph)
        if source.pronoun in ("i", "we") and not in_quote(cue[0][0]):
            return None  # the author speaking, not a source
        rel = relative_pronoun(c.cue, c.source_head)
        if rel is not None:   # the pronoun is the mention; the card stays the antecedent's
            source.stand_in = (offset + rel.idx, offset + rel.idx + len(rel))
    claim = RawClaim(kind=c.kind, cue=cue, content=content, source=source, rule=c.rule, cue_class=c.cls,
                     confidence=c.confidence, paragraph=paragraph, parent=c.parent)
    if first is not None and doc[first].lower_ in ("he", "she") and doc[first].dep_ in ("nsubj", "nsubjpass") \
            and first > c.cue[-1].i:
        claim.content_pronoun = doc[first].lower_
    return claim
