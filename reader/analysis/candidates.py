"""Attribution candidates: the token-level record the parse rules build, and the helpers
every rule shares (a cue's subject, the source phrase, a complement's content)."""

from __future__ import annotations

from dataclasses import dataclass

from reader.analysis.lexicon import lexicon
from reader.analysis.mentions import trim

COMPLEMENTIZERS = ("that", "whether", "if")
POSSESSIVE_PRONOUNS = ("his", "her", "their", "its", "our", "my")
SKIP_SUBJECTS = {"this", "that", "these", "those", "what", "there", "you", "which", "who", "it's"}


@dataclass
class Candidate:
    cue: list                      # tokens
    content: set[int]              # token indices
    source_head: object | None
    source_toks: list
    kind: str
    rule: str
    cls: str
    confidence: float
    attach: str = ""               # dependency label that joins the cue to its governor
    parent: int | None = None


def subject(tok):  # noqa: ANN001, ANN202
    """(subject token, passive?) of a cue, following conjuncts, participles and relatives."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                return tok.head, False
            return c, False
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return c, True
    for aux in tok.children:   # "She is convinced …" with "She" hung on "is"
        if aux.dep_ in ("aux", "auxpass") and aux.i < tok.i:
            s = next((c for c in aux.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if s is not None:
                return s, s.dep_ == "nsubjpass"
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        # "said prices had doubled and warned that …": a reporting verb coordinated inside a
        # complement belongs with the reporting verb above it, not with the complement's verb.
        gov = tok.head
        if gov.dep_ == "ccomp" and lexicon().verb_cue(gov.head.lower_) and \
                any(c.dep_ == "ccomp" for c in tok.children) and not lexicon().verb_cue(gov.lower_):
            return subject(gov.head)
        subj, passive = subject(gov)
        # "She was asked … and said …": the shared subject, but the conjunct is active
        return subj, passive and tok.tag_ == "VBN"
    # "is expected to announce", "was told to leave": the infinitive or gerund is active
    if tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG" and tok.head.pos_ in ("VERB", "AUX"):
        return subject(tok.head)[0], False
    if tok.dep_ == "xcomp" and tok.head.pos_ == "VERB":
        return subject(tok.head)[0], False
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head, False
    return None, False


RELATIVE_PRONOUNS = ("who", "which", "that")


def relative_pronoun(cue_toks, head):  # noqa: ANN001, ANN201
    """The relative pronoun through which a cue in a relative clause has `head` as its source:
    "the mayor, who said …", "…, who said … and warned …", "a firm that found …"."""
    for tok in cue_toks:
        verb = tok
        while verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
            verb = verb.head
        if verb.dep_ == "relcl" and verb.head == head:
            return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.lower_ in RELATIVE_PRONOUNS and c.i < verb.i), None)
    return None


def source_tokens(head, stop):  # noqa: ANN001, ANN202
    """The subject phrase: its whole subtree (titles, appositions, relative clauses, as
    annotators mark it), minus the cue clause when the phrase governs it ("a message stating"),
    extended left over titles the parser left outside it ("Major (res.) Dan Feferman")."""
    toks = list(head.subtree)
    if stop in toks:
        # the whole branch of the phrase that holds the cue ("the dean, who argued … and warned")
        branch = stop
        while branch.head != head and branch.head != branch:
            branch = branch.head
        cut = {t.i for t in branch.subtree}
        toks = [t for t in toks if t.i not in cut and t.i < min(cut)] or [head]
    # a relative clause set off by a comma ("the ferry company, which says …,") is an aside,
    # not part of the name; restrictive ones ("officials who spoke on condition …") stay
    doc = head.doc
    for rel in head.children:
        if rel.dep_ == "relcl" and rel.left_edge.i > 0 and doc[rel.left_edge.i - 1].text == "," and \
                doc[rel.left_edge.i].lower_ in ("who", "which", "whose", "whom"):
            aside = {t.i for t in rel.subtree} | {rel.left_edge.i - 1}
            toks = [t for t in toks if t.i not in aside]
    toks = trim(toks)
    if not toks:
        return toks
    i = toks[0].i - 1
    titles = lexicon().titles
    while i >= 0 and (doc[i].lower_ in titles or doc[i].lower_.rstrip(".") in titles or doc[i].text in "()"
                      or (doc[i].pos_ == "PROPN" and i + 1 < len(doc) and doc[i + 1].lower_ in titles)):
        i -= 1
    extra = [doc[k] for k in range(i + 1, toks[0].i)]
    if extra and extra[0].text != "(":
        toks = extra + toks
    return toks


def content_of(root, cue_tok=None) -> set[int]:  # noqa: ANN001
    """The clause under `root`, its complementizer ("that", "whether", "if") included, as
    annotators mark content; without the cue's own clause when the cue hangs inside it."""
    toks = {t.i for t in root.subtree}
    if cue_tok is not None:
        toks -= {t.i for t in cue_tok.subtree}
    return toks
