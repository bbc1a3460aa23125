"""Attribution phrases beyond SOURCE CUE CONTENT: hedges without a source, "according to X",
"per X", "as X put it", "in X's words" / "in her view" / "in the eyes of X", "X is confident
that", nominal cues ("X's claim that …", "Her verdict: …"), "citing X", headline colons
("Black Democrats to Clinton: Send money") and transcript lines ("NAME: …"). A document's
creator, when named, is its source ("per the bank's projections" → the bank)."""

from __future__ import annotations

from reader.analysis.candidates import POSSESSIVE_PRONOUNS, SKIP_SUBJECTS, Candidate, content_of, source_tokens, subject
from reader.analysis.confidence import (
    ACCORDING_TO_CONFIDENCE, ADJECTIVE_CONFIDENCE, AS_PUT_IT_CONFIDENCE, CITING_CONFIDENCE, GENERIC_REPORTS_CONFIDENCE,
    HEADLINE_COLON_CONFIDENCE, HEDGE_ADVERB_CONFIDENCE, IN_WORDS_CONFIDENCE, NOMINAL_CONFIDENCE, PASSIVE_CONFIDENCE,
    REPAIR_PENALTY)
from reader.analysis.lexicon import Cue, lexicon
from reader.analysis.mentions import trim

CREDIT_WORDS = {"image", "images", "photo", "photos", "picture", "video", "audio", "credit", "credits",
                "source", "sources", "update", "updated", "note", "editor", "related", "by", "file",
                "read", "see", "tags", "category", "categories", "posted", "published", "watch", "listen"}
GENERIC_REPORTS = {"reports", "report", "rumors", "rumours", "media", "accounts", "speculation"}


def hedge_passive(tok, subj, comps, cands) -> None:  # noqa: ANN001
    cue = [c for c in tok.children if c.dep_ in ("auxpass", "aux") and c.i < tok.i] + [tok]
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if subj is not None and subj.lower_ == "it" and comps:
        content = set().union(*(content_of(c) for c in comps))
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                cands.append(Candidate([tok], content, pobj, trim(list(pobj.subtree)), "indirect",
                                   "passive-by-agent", "speech", PASSIVE_CONFIDENCE, tok.dep_))
                return
        cands.append(Candidate([subj, *cue], content, None, [], "hedged", "it-is-passive-hedge", "hedge", PASSIVE_CONFIDENCE))
        return
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if subj is not None and xcomp is not None and agent is None and tok.lower_ in lexicon().hedge_passives:
        content = {t.i for t in subj.subtree} | {t.i for t in xcomp.subtree}
        cands.append(Candidate(cue, content, None, [], "hedged", "passive-hedge", "hedge", PASSIVE_CONFIDENCE))


def hedge_adverb(tok, cands) -> None:  # noqa: ANN001
    verb = tok.head
    if lexicon().verb_cue(verb.lower_) and any(c.dep_ == "ccomp" for c in verb.children):
        return  # "he reportedly said that …" is a sourced claim
    content = {t.i for t in verb.subtree} - {tok.i}
    content -= {t.i for t in verb.subtree if t.dep_ in ("cc",) and t.head == verb}
    cands.append(Candidate([tok], content, None, [], "hedged", "hedge-adverb", "hedge", HEDGE_ADVERB_CONFIDENCE))


def clause_anchor(tok):  # noqa: ANN001, ANN202
    anchor = tok.head
    while anchor.pos_ not in ("VERB", "AUX") and anchor.dep_ != "ROOT" and anchor.head != anchor:
        anchor = anchor.head
    return anchor


def according(tok, to, cands) -> None:  # noqa: ANN001
    pobj = next((c for c in to.children if c.dep_ in ("pobj", "pcomp")), None) or \
        next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is not None:
        prep_source([tok, to], tok, pobj, cands, "according-to")


def per(tok, cue: Cue, cands) -> None:  # noqa: ANN001
    """"per the filing", "…, per court records": a preposition cue whose object is the source."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or not (source_like(pobj) or pobj.lower_ in lexicon().nouns):
        return
    if tok.dep_ == "prep":
        prep_source([tok], tok, pobj, cands, "per-x")
    elif tok.dep_ == "ROOT" and tok.i == tok.sent.start:
        # "Per X, CLAUSE." parsed with "Per" as the root: the clause after X's comma is the content
        end = max(t.i for t in pobj.subtree)
        doc = tok.doc
        if end + 1 < tok.sent.end and doc[end + 1].text == ",":
            content = set(range(end + 2, tok.sent.end))
            _prep_claim([tok], content, pobj, list(pobj.subtree), cands, "per-x",
                        ACCORDING_TO_CONFIDENCE - REPAIR_PENALTY)


def creator(noun):  # noqa: ANN001, ANN202
    """Who made an artefact: the possessor ("the bank's projections" → the bank) or the agent of
    a participle ("logs released by the port authority"); the guide: the creator of a document
    is the source when named."""
    lex = lexicon()
    if noun.lower_ not in lex.document_nouns and noun.lower_ not in lex.nouns and noun.lower_ not in lex.in_nouns:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and (c.pos_ in ("PROPN", "NOUN") or
                                                                   c.lower_ in POSSESSIVE_PRONOUNS)), None)
    if owner is not None:
        return owner
    # "logs released by the port authority", "a survey carried out by the trust"
    for part in noun.children:
        if part.dep_ == "acl" and part.tag_ == "VBN":
            agent = next((c for c in part.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if by is not None and (source_like(by) or by.pos_ == "NOUN"):
                return by
    return None


def prep_source(cue_toks, tok, pobj, cands, rule: str) -> None:  # noqa: ANN001
    """A prepositional cue ("according to X", "per X"): X is the source, the clause the phrase
    hangs in is the content."""
    anchor = clause_anchor(tok)
    if anchor == tok:
        return
    # the source phrase; a misparse can hang the clause itself under it ("According to Rathbun the …")
    src = [t for t in pobj.subtree if t.i <= pobj.i or any(
        a.dep_ in ("prep", "appos", "acl", "relcl", "cc", "conj", "punct") and a.head == pobj for a in [t, *t.ancestors])]
    commas = [t.i for t in src if t.text == "," and t.i > pobj.i]
    if len(commas) >= 2:   # one apposition at most: "according to the coach, Ali Mehraban, …"
        src = [t for t in src if t.i < commas[1]]
    src_ids = {t.i for t in src}
    cue_ids = {t.i for t in cue_toks}
    content = {t.i for t in anchor.subtree} - src_ids - cue_ids
    if anchor in tok.subtree:
        content = {t.i for t in tok.subtree} - src_ids - cue_ids
    dets = {c.lower_ for c in pobj.children if c.dep_ in ("det", "poss")}
    if pobj.lower_ in GENERIC_REPORTS and not dets and pobj.pos_ != "PROPN":
        cands.append(Candidate(cue_toks, content, None, [], "hedged", "according-to-reports", "hedge",
                               GENERIC_REPORTS_CONFIDENCE))
        return
    _prep_claim(cue_toks, content, pobj, src, cands, rule, ACCORDING_TO_CONFIDENCE)


def _prep_claim(cue_toks, content: set[int], pobj, src, cands, rule: str, confidence: float) -> None:  # noqa: ANN001
    """The claim of a preposition cue: a document's creator, when named, is the source."""
    cls = "evidence" if pobj.lower_ in lexicon().document_nouns else "speech"
    head, src_toks = pobj, trim(sorted(src, key=lambda t: t.i))
    maker = creator(pobj)
    if maker is not None:
        head, src_toks = maker, trim([t for t in maker.subtree if t.dep_ != "case"])
    cands.append(Candidate(cue_toks, content, head, src_toks, "according_to", rule, cls, confidence, "prep"))


def as_put_it(tok, cands) -> None:  # noqa: ANN001
    subj, _ = subject(tok)
    if subj is None:
        return
    content = content_of(tok.head, tok)
    mark = next(c for c in tok.children if c.dep_ == "mark")
    cue = [mark, tok] + [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it"]
    cands.append(Candidate(cue, content, subj, trim(list(subj.subtree)), "indirect", "as-x-put-it", "speech", AS_PUT_IT_CONFIDENCE,
                       tok.dep_))


def in_noun(tok, cue: Cue, cands) -> None:  # noqa: ANN001
    """"in her view", "in the view of most economists", "in the words of one organiser",
    "in the eyes of critics": the possessor or the of-object is the source, the clause the
    phrase hangs in is the content."""
    prep = tok.head
    if prep.lower_ != "in" or prep.head == prep:
        return
    src = next((c for c in tok.children if c.dep_ == "poss"), None)
    cue_toks = [tok]
    if src is None:
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        src = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if src is not None:
            cue_toks = [t for t in tok.doc[prep.i:of.i + 1]]
    anchor = clause_anchor(prep)
    if src is None or anchor is None or anchor == prep:
        return
    content = {t.i for t in anchor.subtree} - {t.i for t in prep.subtree}
    rule = "in-x-words" if cue.cls == "speech" else "in-x-view"
    cands.append(Candidate(cue_toks, content, src, trim([t for t in src.subtree if t.dep_ != "case"]), "indirect", rule,
                           cue.cls, IN_WORDS_CONFIDENCE, "prep"))


# Prepositions whose object is what an adjectival cue is about: "confident of a deal",
# "worried about costs", "opposed to the bill" (not "angry with the mayor": a person).
_ADJECTIVE_TOPIC_PREPS = {"of", "about", "over", "to", "that"}


def adjective(tok, cue: Cue, cands) -> None:  # noqa: ANN001
    """"She was confident that …", "willing to talk", "worried about the cost": the frame
    (ccomp / xcomp / pobj in the lexicon) says where the content is."""
    content, rule, cue_toks = set(), "subject-adjective-complement", [tok]
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in _ADJECTIVE_TOPIC_PREPS
                 and c.i == tok.i + 1 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
    if comp is not None and "ccomp" in cue.frames:
        content = content_of(comp)
    elif xcomp is not None and "xcomp" in cue.frames:
        content, rule = {t.i for t in xcomp.subtree}, "subject-adjective-infinitive"
    elif prep is not None and "pobj" in cue.frames:
        obj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
        content, rule, cue_toks = {t.i for t in obj.subtree}, "subject-adjective-object", [tok, prep]
    if not content:
        return
    head = tok.head if tok.dep_ == "acomp" else tok
    subj, _ = subject(head)
    if subj is None or subj.lower_ in SKIP_SUBJECTS:
        return
    # the copula and what stands with it belong to the cue: "was not confident"
    group = [c for c in head.children if c.dep_ in ("aux", "auxpass", "neg", "advmod") and subj.i < c.i < tok.i] + \
        ([head] if head is not tok and head.i < tok.i else [])
    group += [c for c in tok.children if c.dep_ == "advmod" and c.i < tok.i]
    cands.append(Candidate(sorted(group + cue_toks, key=lambda t: t.i), content, subj, source_tokens(subj, tok),
                           "indirect", rule, cue.cls, ADJECTIVE_CONFIDENCE, tok.dep_))


# Fixed phrases whose noun is no cue: "in order to / that" states a purpose, not an order.
_FIXED_PHRASES = {("in", "order")}


def nominal(tok, cue: Cue, cands) -> None:  # noqa: ANN001
    if tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB" and lexicon().verb_cue(tok.head.head.lower_):
        return  # "said in a statement that …": the verb is the cue, the noun only its manner
    if tok.i > 0 and (tok.doc[tok.i - 1].lower_, tok.lower_) in _FIXED_PHRASES:
        return
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX")
                   and any(m.dep_ in ("mark", "nsubj") and m.lower_ == "that" for m in c.children)), None)
    if clause is None:   # "the warning … that cases are rising" parsed as a relative clause
        clause = next((c for c in tok.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                       and any(m.dep_ in ("nsubj", "nsubjpass") and m.lower_ != "that" for m in c.children)), None)
    if clause is None and "acl_to" in cue.frames:   # "the mayor's plan to close the pool"
        clause = next((c for c in tok.children if c.dep_ == "acl" and c.i > tok.i and c.pos_ == "VERB"
                       and any(m.dep_ == "aux" and m.lower_ == "to" for m in c.children)), None)
    if clause is None:
        return
    # a possessor is the source: "the union's warning", "her admission that …"
    src = next((c for c in tok.children if c.dep_ == "poss" and (c.pos_ in ("PROPN", "NOUN") or
                                                                c.lower_ in POSSESSIVE_PRONOUNS)), None)
    if src is None:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of", "among"):
                src = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if src is not None:
                    break
    if src is None:   # "market expectations that …", "union demands for …": the modifier holds it
        src = next((c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1
                    and (c.pos_ == "PROPN" or source_like(c))), None)
    if src is None and tok.dep_ == "dobj":
        src, _ = subject(tok.head)
    if src is None and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        src, _ = subject(tok.head.head)   # "came to the conclusion that …"
    if src is None or src.pos_ == "PRON" and src.lower_ not in ("he", "she", "they") + POSSESSIVE_PRONOUNS:
        return
    content = {t.i for t in clause.subtree}
    cands.append(Candidate([tok], content, src, trim([t for t in src.subtree if t.dep_ != "case"]), "indirect",
                       "nominal-cue", cue.cls, NOMINAL_CONFIDENCE, "nominal"))


def citing(tok, cands) -> None:  # noqa: ANN001
    src = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
    if src is None or not source_like(src):
        return
    governor = next((k for k, c in enumerate(cands) if tok.head in c.cue), None)
    if governor is not None:
        content = set(cands[governor].content)
    else:
        content = content_of(tok.head, tok)
    cands.append(Candidate([tok], content, src, trim(list(src.subtree)), "indirect", "citing", "speech", CITING_CONFIDENCE,
                       "cite", parent=governor))


def source_like(tok) -> bool:  # noqa: ANN001
    """Can this noun speak? Names, people, groups, outlets, documents — not "privacy rules"."""
    lex = lexicon()
    low = tok.lower_
    return (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or low in lex.group_nouns
            or low in lex.anonymous_nouns or low in lex.document_nouns or low in lex.role_nouns
            or low in lex.media_words or low in lex.titles)


def headline_colon(doc, cands) -> None:  # noqa: ANN001
    lex = lexicon()
    for sent in doc.sents:
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None:
            continue
        left = [t for t in sent if t.i < colon.i]
        right = [t for t in sent if t.i > colon.i and not t.is_punct]
        if not (1 <= len(left) <= 8) or len(right) < 2 or any(t.lower_ in CREDIT_WORDS for t in left):
            continue
        if any(t.text in (",", "“", '"', "”", "(") for t in left):
            continue
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("compound", "amod", "nmod") for t in left) or \
                (colon.i + 1 < len(doc) and doc[colon.i + 1].like_num):
            continue   # a verb on the left is a clause, not a speaker ("Harbour chief:" may tag "Harbour" a verb)
        to = next((t for t in left if t.lower_ == "to" and t.i > left[0].i), None)
        source = [t for t in left if to is None or t.i < to.i]
        head = next((t for t in reversed(source) if t.pos_ in ("PROPN", "NOUN")), source[-1])
        if not (head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or source_like(head) and head.pos_ == "NOUN"):
            continue
        document = head.lower_ in lex.document_nouns
        if document and any(t.dep_ in ("det", "poss") for t in left):
            continue   # "Poll: …" heads a story; "The result: a delay" is the writer's own colon
        cls = "evidence" if document else "speech"
        content = {t.i for t in sent if t.i > colon.i}
        cands.append(Candidate([colon], content, head, trim(source), "indirect", "headline-colon", cls,
                               HEADLINE_COLON_CONFIDENCE))
        return


_SPEAKER_LINE_MAX = 5   # tokens of a speaker label: "Dr. Ana Ruiz", "Radio Norte"


def speaker_line(doc, cands) -> bool:  # noqa: ANN001
    """A transcript line "NAME: words …" (an interview, a hearing): a short proper-name label
    opening the paragraph, then a colon; everything after the colon, over all its sentences,
    is what the label's holder said. Returns whether the paragraph is such a line."""
    colon = next((t for t in doc[:_SPEAKER_LINE_MAX + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0:
        return False
    label = [t for t in doc[:colon.i] if not t.is_space]
    rest = [t for t in doc[colon.i + 1:] if not t.is_punct and not t.is_space]
    if not label or len(rest) < 2 or any(t.lower_ in CREDIT_WORDS for t in label):
        return False
    if not all(t.pos_ == "PROPN" or t.text in (".", "-") or _is_title_word(t) for t in label) or \
            not any(t.pos_ == "PROPN" for t in label):
        return False
    if doc[colon.i + 1].like_num:
        return False   # "Kickoff: 7.30"
    head = max((t for t in label if t.pos_ == "PROPN"), key=lambda t: t.i)
    content = {t.i for t in doc if t.i > colon.i and not t.is_space}
    cls = "evidence" if head.lower_ in lexicon().document_nouns else "speech"
    cands.append(Candidate([colon], content, head, trim(label), "indirect", "speaker-line", cls,
                           HEADLINE_COLON_CONFIDENCE))
    return True


def _is_title_word(tok) -> bool:  # noqa: ANN001
    titles = lexicon().titles
    return tok.lower_ in titles or tok.lower_.rstrip(".") in titles


_NOMINAL_COLON_MAX = 4   # "Her verdict:", "The union's message:"


def nominal_colon(doc, cands) -> None:  # noqa: ANN001
    """"Her verdict: the plan cannot work." / "The union's message: “…”": a nominal cue with a
    possessor opens the sentence and a colon introduces what it holds; the possessor is the
    source, noun and colon the cue."""
    lex = lexicon()
    used = {t.i for c in cands for t in c.cue}
    for sent in doc.sents:
        colon = next((t for t in doc[sent.start:min(sent.end, sent.start + _NOMINAL_COLON_MAX + 1)]
                      if t.text == ":"), None)
        if colon is None or colon.i == sent.start or colon.i + 2 > sent.end:
            continue
        noun = doc[colon.i - 1]
        cue = lex.nouns.get(noun.lower_)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if cue is None or owner is None or noun.i in used or not all(
                t.i in {x.i for x in noun.subtree} for t in doc[sent.start:noun.i]):
            continue
        content = set(range(colon.i + 1, sent.end))
        cands.append(Candidate([noun, colon], content, owner, trim([t for t in owner.subtree if t.dep_ != "case"]),
                               "indirect", "nominal-colon", cue.cls, NOMINAL_CONFIDENCE, "nominal"))
