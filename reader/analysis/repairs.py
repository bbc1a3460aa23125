"""Repairs for what the small model misparses, each a general surface pattern checked
against the parse: a that-clause hung on an adjunct ("confirmed at the time that …"), a
clause before "SOURCE CUE" that the parser did not link ("…, the Post reported"), a name
phrase with no subject arc, a quotation right after or right before its cue, and a cue verb
the tagger read as a noun ("The policy states that …", "…, the data show.")."""

from __future__ import annotations

from reader.analysis.candidates import SKIP_SUBJECTS, Candidate, source_tokens, subject
from reader.analysis.confidence import DASH_CREDIT_CONFIDENCE, NOUN_TAGGED_CUE_CONFIDENCE, QUOTE_THEN_CUE_CONFIDENCE
from reader.analysis.lexicon import lexicon
from reader.analysis.mentions import trim

_SHORTEST_QUOTE = 5        # tokens from opening mark to closing mark, for a quote after a cue
_SHORTEST_AFTER_COLON = 2
_SUBORDINATORS = {"when", "if", "after", "before", "because", "as", "while", "although", "though", "since",
                  "unless", "once", "until", "whether"}


def wh_clause(comp) -> bool:  # noqa: ANN001
    """"understand what …", "know why …": an embedded question, not a claim."""
    first = comp.left_edge
    return first.lower_ in ("what", "why", "how", "whether", "who", "whom", "which", "when", "where", "if")


def adjunct_tokens(tok) -> set[int]:  # noqa: ANN001
    adjunct = set()
    for c in tok.children:
        if c.i > tok.i and c.dep_ in ("prep", "npadvmod", "advmod", "dobj", "dative", "punct", "agent"):
            adjunct |= {t.i for t in c.subtree}
    return adjunct


def quote_after(tok, quote_starts: frozenset[int]) -> set[int]:  # noqa: ANN001
    """"tweeted “…”", "KCNA added: “…”", "told the Post, “…”": a quotation right after the cue
    (past its adjuncts) is its content even when the parser did not attach it."""
    doc = tok.doc
    adjunct = adjunct_tokens(tok)
    i = tok.i + 1
    while i < len(doc) and (i in adjunct or doc[i].text in (",", ":")) and doc[i].text not in ("“", '"', "‘", "``"):
        if doc[i].text in (".", "!", "?"):
            return set()   # "…,” she said. “…”": the sentence ended; the next quotation is not this cue's
        i += 1
    if i >= len(doc) or doc[i].idx not in quote_starts:
        return set()  # not an opening mark (the scanner knows; a straight mark may be closing)
    end = next((k for k in range(i + 1, len(doc)) if doc[k].text in ("”", '"', "’", "''")), len(doc) - 1)
    # a colon announces speech, so even a short quotation after it is the content ("replied: “No.”")
    shortest = _SHORTEST_AFTER_COLON if any(doc[k].text == ":" for k in range(tok.i + 1, i)) else _SHORTEST_QUOTE
    return set(range(i, end + 1)) if end - i >= shortest else set()


def phrase_before(tok):  # noqa: ANN001, ANN202
    """"Speaking in their defence, Tom Molomby, SC, said that …": no subject in the parse, but a
    name phrase ends right before the cue."""
    doc = tok.doc
    i = tok.i - 1
    while i >= tok.sent.start and doc[i].is_punct:
        i -= 1
    if i < tok.sent.start:
        return None
    t = doc[i]
    while t.head.i < tok.i and t.head != t and t.dep_ in ("appos", "compound", "flat", "punct", "conj", "cc"):
        t = t.head
    if t.pos_ == "PROPN" and t.dep_ in ("npadvmod", "appos", "dobj", "pobj", "conj", "ROOT") and tok.dep_ == "ROOT":
        return t
    return None


# nouns whose that-clause measures a degree ("to the point that", "to the extent that")
_DEGREE_NOUNS = {"point", "extent", "degree"}


def that_after_adjuncts(tok) -> set[int]:  # noqa: ANN001
    """"confirmed at the time that …", "said on Monday that …": the parser often hangs the
    that-clause on the adjunct; take it back when only adjuncts stand between cue and "that"."""
    doc = tok.doc
    adjunct = adjunct_tokens(tok)
    i = tok.i + 1
    sent_end = tok.sent.end
    while i < sent_end and doc[i].lower_ != "that":
        if i not in adjunct:
            return set()
        i += 1
    if i >= sent_end or doc[i].dep_ not in ("mark", "advmod"):
        return set()  # a relative "that" ("rounds aimed at speakers that broadcast …")
    verb = doc[i].head
    if verb.i < i:
        return set()
    if verb.dep_ in ("acl", "relcl") and verb.head.lower_ in _DEGREE_NOUNS and verb.head.i in adjunct:
        return set()   # "complained … to the point that …": a degree, not what was said
    if verb.dep_ in ("acl", "relcl") and verb.head.lower_ in lexicon().nouns and (
            verb.head.i not in adjunct or verb.head.dep_ == "dobj"):
        # "… the claim that …", "dismissed the suggestion that …" belong to the noun (nominal
        # cue); "argued in a post that …" is the verb's (the medium is an adjunct)
        return set()
    if verb.pos_ not in ("VERB", "AUX"):
        # "observed that the date … coincided": the parser took the clause subject for an object
        return {t.i for t in verb.subtree if t.i >= i} if verb.head == tok else set()
    return {t.i for t in verb.subtree if t.i >= i}   # "that" is content


def trailing(tok, subj):  # noqa: ANN001, ANN202
    """"CLAUSE, SOURCE CUE (adjuncts)." when the parser did not link the clause to the cue:
    the source phrase follows a comma or closing quote, the clause is what precedes it."""
    doc = tok.doc
    if subj is None and tok.dep_ == "acl" and tok.head.pos_ in ("PROPN", "NOUN") and tok.head.i < tok.i:
        subj = tok.head
    if subj is not None and subj.i > tok.i:
        # inverted: "“Never,” replied Peter Holm." — the cue follows the clause's punctuation
        k = tok.i - 1
        while k > tok.sent.start and doc[k].text in (",", "”", '"', "''", "’"):
            k -= 1
        if k == tok.i - 1 or k - tok.sent.start < 1 or any(
                t.dep_ not in ("aux", "advmod", "neg", "punct") for t in doc[tok.i + 1:subj.left_edge.i]):
            return None, set()
        return subj, set(range(tok.sent.start, k + 1))
    if subj is None:
        return None, set()
    # the source phrase sits right before the cue, and only adjuncts follow the cue
    between = [t for t in doc[max(t.i for t in subj.subtree if t.i < tok.i) + 1:tok.i]]
    if any(t.dep_ not in ("aux", "advmod", "neg", "punct") for t in between):
        return None, set()
    if any(c.i > tok.i and c.dep_ in ("xcomp", "ccomp", "attr", "acomp", "oprd", "dobj", "conj")
           and not (c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") or c.lower_ in ("reporters", "journalists"))
           for c in tok.children):
        return None, set()
    left = min(t.i for t in subj.subtree if t.i < tok.i)
    while left > tok.sent.start and doc[left - 1].lower_ in lexicon().titles | {"(", ")"}:
        left -= 1
    if left - 1 <= tok.sent.start or doc[left - 1].text not in (",", "”", '"', "''", "—", "–"):
        return None, set()
    content = {i for i in range(tok.sent.start, left - 1)}
    first = doc[tok.sent.start]
    if first.tag_ in ("VBN", "VBG") or first.dep_ == "mark" or first.lower_ in _SUBORDINATORS:
        return None, set()  # "Asked whether …, Smith said no": an adjunct of the cue, not its content
    return (subj, content) if len(content) >= 3 else (None, set())


def quote_then_cue(doc, span: tuple[int, int], cands: list[Candidate]) -> None:  # noqa: ANN001
    """"“…”, added KCNA." / "“…,” the minister told reporters.": a quotation no rule claimed,
    followed (past a comma) by a speech cue whose subject also follows the quotation."""
    s, e = span
    inside = {t.i for t in doc if s <= t.idx < e}
    if not inside or any(inside & c.content for c in cands):
        return
    first = doc[min(inside)]
    if any(not t.is_punct for t in doc[first.sent.start:first.i]):
        return  # a quotation inside a sentence is a scare quote or part of a longer clause
    j = max(inside) + 1
    if j + 1 < len(doc) and doc[j].text in ("-", "—", "–", "--") and doc[j + 1].pos_ == "PROPN":
        # credit line: "“…” — Matthew Ingram" (a name, with no verb, after a dash)
        name = [doc[k] for k in range(j + 1, len(doc)) if not doc[k].is_punct or doc[k].text in ".-"]
        name = [t for t in name if t.i < next((k for k in range(j + 1, len(doc)) if doc[k].text == ","), len(doc))]
        if name and len(name) <= 6 and not any(t.pos_ in ("VERB", "AUX") for t in name):
            head = max(name, key=lambda t: t.i if t.pos_ == "PROPN" else -1)
            cands.append(Candidate([doc[j]], set(inside), head, name, "indirect", "quote-dash-credit", "speech", DASH_CREDIT_CONFIDENCE,
                                   "credit"))
        return
    while j < len(doc) and doc[j].is_punct and doc[j].text not in ("“", "‘"):
        j += 1
    used = {t.i for c in cands for t in c.cue}
    for k in range(j, min(j + 7, len(doc))):
        tok = doc[k]
        if tok.is_punct and tok.text not in ("’", "'"):
            return
        cue = lexicon().verb_cue(tok.lower_) if tok.pos_ == "VERB" else None
        if cue is None or cue.cls != "speech" or tok.i in used:
            continue
        subj, passive = subject(tok)
        if subj is None and tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i \
                and tok.head.pos_ in ("PROPN", "NOUN"):
            subj = tok.head   # "…”, added KCNA." misparsed as an adjective on the name
        if subj is None or passive or subj.i < j or subj.i in inside or subj.lower_ in SKIP_SUBJECTS:
            return
        if any(c.dep_ == "ccomp" and c.i not in inside for c in tok.children):
            return  # the cue has a content of its own
        cands.append(Candidate([tok], set(inside), subj, source_tokens(subj, tok), "indirect", "quote-then-cue",
                           "speech", QUOTE_THEN_CUE_CONFIDENCE, tok.dep_))
        return


def noun_tagged_cue(doc, cands: list[Candidate]) -> None:  # noqa: ANN001
    """A cue verb the tagger read as a noun because its subject looked like a modifier:
    "The firm's policy states that …" ("states" the root, "policy" its compound), and
    "CLAUSE, the data show." ("show" a noun at the end of the sentence). The subject must be
    a thing that can hold a claim (a document, a group, a name)."""
    from reader.analysis.phrasal import source_like   # phrasal imports this module's neighbours
    lex = lexicon()
    used = {t.i for c in cands for t in c.cue}
    for sent in doc.sents:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words:
            continue
        colon_cue = next((t for t in sent if t.pos_ == "NOUN" and t.i + 2 < sent.end and doc[t.i + 1].text == ":"
                          and doc[t.i + 2].is_quote and t.i not in used and _noun_cue(t)), None)
        if colon_cue is not None:   # "A banner above the stage read: “…”"
            src = [t for t in doc[sent.start:colon_cue.i]]
            head = next((t for t in src if t.pos_ in ("NOUN", "PROPN") and (t.head.i >= colon_cue.i or t.dep_ == "ROOT"
                                                                             or t.head == t)), None)
            if head is not None and source_like(head) and 1 <= len(src) <= 8:
                _add(cands, colon_cue, set(range(colon_cue.i + 2, sent.end)), head, src)
                continue
        root = sent.root
        if root.pos_ == "NOUN" and root.i not in used and _noun_cue(root) and \
                not any(c.dep_ == "det" for c in root.children):
            subj = next((c for c in reversed(list(root.lefts)) if c.dep_ == "compound"), None)
            after = [t for t in sent if t.i > root.i and not (t.is_punct and t.i == sent.end - 1)]
            clause = after and (after[0].lower_ in ("that", "how") or any(
                t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in after))   # "Court rules ban is legal"
            if subj is not None and source_like(subj) and len(after) >= 3 and clause:
                _add(cands, root, {t.i for t in after}, subj, [t for t in sent if t.i < root.i])
                continue
        last = words[-1]
        if last.pos_ != "NOUN" or last.i in used or last.i == sent.start or lex.verb_cue(last.lower_) is None:
            continue
        k = last.i - 1
        while k > sent.start and doc[k].text != "," and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PRON") \
                and last.i - k <= 5:
            k -= 1
        src = [t for t in doc[k + 1:last.i]]
        head = next((t for t in reversed(src) if t.pos_ in ("NOUN", "PROPN")), None)
        if doc[k].text != "," or head is None or not source_like(head) or k - sent.start < 3:
            continue
        # a form that is also a nominal cue ("reports", "claims") is a verb here only when it
        # agrees with a singular subject: "…, the paper reports." (not "…, the annual reports.")
        if not _noun_cue(last) and not (last.lower_.endswith("s") and head.tag_ in ("NN", "NNP") and head != last):
            continue
        _add(cands, last, set(range(sent.start, k)), head, src)


def _noun_cue(tok) -> bool:  # noqa: ANN001
    """A verb cue form that, as a noun, is not a nominal cue of its own ("report", "claims")."""
    lex = lexicon()
    return lex.verb_cue(tok.lower_) is not None and tok.lower_ not in lex.nouns and \
        lex.verb_cue(tok.lower_).cls in ("speech", "evidence", "belief")


def _add(cands, cue_tok, content: set[int], head, src) -> None:  # noqa: ANN001
    cue = lexicon().verb_cue(cue_tok.lower_)
    cls = "evidence" if head.lower_ in lexicon().document_nouns else cue.cls
    cands.append(Candidate([cue_tok], content, head, trim(src), "indirect", "noun-tagged-cue", cls,
                           NOUN_TAGGED_CUE_CONFIDENCE, "ROOT"))
