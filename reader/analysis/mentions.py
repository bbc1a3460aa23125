"""A source phrase (tokens of one parse) → `Mention`: name, title, role, affiliation, kind.

Titles and ranks come before the name ("IDF Maj.-Gen. Yoav Mordechai"); roles come from
appositions ("…, coordinator of government activities in the territories,") or from a
pre-modifier that is not a title ("Times of Israel journalist Avi Issacharoff"). An office
title ("Prime Minister") is also a role when nothing else gives one.
"""

from __future__ import annotations

from reader.analysis.lexicon import lexicon
from reader.analysis.records import Mention

PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "they": "they", "them": "they",
            "their": "they", "it": "it", "its": "it", "i": "i", "my": "i", "we": "we", "us": "we", "our": "we",
            "who": "who"}
_MALE_HONORIFICS = {"mr", "mr.", "sir", "lord", "father", "fr.", "brother", "king", "prince", "rabbi",
                    "sheikh", "sheik", "imam", "pope", "cardinal", "bishop", "archbishop"}
_FEMALE_HONORIFICS = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "sister", "queen", "princess"}
_INDEFINITE = {"a", "an", "one", "another", "some", "several", "two", "three", "many", "other"}
_NAME_DEPS = {"compound", "flat", "nmod", "amod", "punct", "appos", "npadvmod", "nummod"}


def doc_text(doc) -> str:  # noqa: ANN001
    """`doc.text` rebuilds the string on every access; keep one copy per Doc."""
    text = doc.user_data.get("sourcelight_text")
    if text is None:
        text = doc.user_data["sourcelight_text"] = doc.text
    return text


def span_of(tokens, offset: int) -> tuple[int, int]:  # noqa: ANN001
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])


def trim(tokens):  # noqa: ANN001, ANN201
    """Drop punctuation and conjunctions at the edges of a token list."""
    toks = list(tokens)
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "cc"):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        if toks[-1].text == ")" and any(t.text == "(" for t in toks):
            break
        toks.pop()
    return toks


def _text(tokens) -> str:  # noqa: ANN001
    toks = trim(tokens)
    if not toks:
        return ""
    doc = toks[0].doc
    return doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]


def _is_title(tok) -> bool:  # noqa: ANN001
    titles = lexicon().titles
    low = tok.lower_
    return low in titles or low.rstrip(".") in titles or low + "." in titles


def entity_head(head):  # noqa: ANN001, ANN201
    """The token that names the source inside a phrase: "a statement from the ministry" → ministry,
    "a spokesman for the company, Omar Zayed" → Zayed, "Major (res.) Dan Feferman" → Feferman."""
    lex = lexicon()
    low = head.lower_
    if low in lex.document_nouns or low in lex.nouns:
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "NOUN"):
                    return pobj
    if head.pos_ != "PROPN" or _is_title(head):
        appos = [t for t in head.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and not _is_title(t)]
        person = [t for t in appos if t.ent_type_ == "PERSON"]
        direct = [t for t in appos if t.head == head]   # "the ferry operator, Arab Bridge Maritime,"
        if person or direct:
            return (person or direct)[0]
    return head


def describe(head, tokens, offset: int, paragraph: int) -> Mention:  # noqa: ANN001
    """Mention for the phrase `tokens` (a contiguous token list) headed by `head`."""
    lex = lexicon()
    tokens = trim(tokens) or [head]
    mention = Mention(span=span_of(tokens, offset), text=_text(tokens), paragraph=paragraph)
    low = head.lower_
    if low in PRONOUNS and head.pos_ == "PRON":
        mention.kind, mention.pronoun, mention.head = "pronoun", PRONOUNS[low], low
        mention.plural = mention.pronoun in ("they", "we")
        mention.gender = {"he": "m", "she": "f"}.get(mention.pronoun, "")
        return mention
    ent = entity_head(head)
    mention.head = ent.lower_
    mention.plural = ent.tag_ in ("NNS", "NNPS")
    name_toks = _name_tokens(ent)
    # words right before the name inside the phrase: titles or a pre-modifying role
    prefix = []
    k = (name_toks[0].i if name_toks else ent.i) - 1
    first = min(x.i for x in tokens)
    doc = head.doc
    while k >= first and doc[k].dep_ not in ("det", "poss", "case") and (
            not doc[k].is_punct or doc[k].text in "()" or doc[k].text == "-" and not doc[k].whitespace_):
        prefix.insert(0, doc[k])
        k -= 1
    if name_toks:
        mention.name = _text(name_toks)
    if ent is not head:                      # descriptor phrase around the name
        outer = [t for t in head.subtree if t.i not in {x.i for x in ent.subtree}]
        if _is_title(head) and head.i < ent.i and not any(t.dep_ == "det" for t in outer):
            mention.title = _text([t for t in outer if t.i < ent.i])   # "Major (res.) Dan Feferman"
        elif head.lower_ not in lex.document_nouns and head.lower_ not in lex.nouns:
            mention.role = _text(outer)
    if name_toks:
        _split_prefix(mention, prefix)
    else:
        _describe_description(ent, mention, {t.i for t in tokens})
    for child in ent.children:
        descriptive = child.pos_ != "PROPN" or any(d.dep_ == "det" for d in child.children)
        if child.dep_ == "appos" and descriptive and child.ent_type_ != "PERSON" and not mention.role:
            mention.role = _text(list(child.subtree))
            for tok in child.subtree:
                if tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.head.lower_ in ("of", "for", "at", "with"):
                    mention.affiliation = mention.affiliation or _text(_name_tokens(tok))
    if ent.ent_type_ == "PERSON" and not mention.affiliation:
        for child in ent.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "at", "with"):
                pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
                if pobj is not None:
                    mention.affiliation = _text(_name_tokens(pobj) or [pobj])
                    break
    if not mention.role and mention.title and any(w in lex.offices for w in mention.title.lower().split()):
        if not all(w.strip("().") in lex.ranks | lex.honorifics for w in mention.title.lower().split()):
            mention.role, mention.role_from_title = mention.title, True
    mention.kind = _kind(ent, name_toks, tokens, mention)
    mention.gender = _gender(mention)
    return mention


def _name_tokens(ent):  # noqa: ANN001, ANN201
    """The proper-name run ending at `ent` ("Yoav Mordechai", "The Jerusalem Post"), titles excluded."""
    if ent.pos_ != "PROPN" and not ent.ent_type_:
        return []
    doc = ent.doc
    start = ent.i
    while start - 1 >= 0 and doc[start - 1].head.i in range(start - 1, ent.i + 1) \
            and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "flat", "nmod") \
            and not _is_title(doc[start - 1]):
        start -= 1
    end = ent.i
    # "Times of Israel", "Ministry of Transport": a name continues through "of" + proper noun
    # (not a person's: "Ann Lee of the U.S. Army" — there it is the affiliation).
    for child in ent.children if ent.ent_type_ != "PERSON" else ():
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1:
            pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if pobj is not None:
                end = max(t.i for t in pobj.subtree)
    if start - 1 >= 0 and doc[start - 1].lower_ == "the" and doc[start - 1].text == "The":
        start -= 1
    toks = [doc[i] for i in range(start, end + 1)]
    while toks and _is_title(toks[0]):
        toks.pop(0)
    return toks


def _describe_description(ent, mention: Mention, within: set[int]) -> None:  # noqa: ANN001
    """A source without a name ("a senior official who …", "sources familiar with …"): the
    name is the phrase up to a relative clause or comma; a single person's role is the head
    noun with its modifiers ("senior official", "Israeli general")."""
    relative = {t.i for r in ent.subtree if r.dep_ == "relcl" for t in r.subtree}
    toks = [t for t in ent.subtree if t.i not in relative and not (t.dep_ == "case" and t.head == ent)
            and t.i in within]
    stop = next((t.i for t in toks if t.text == "," and t.i > ent.i), None)
    toks = [t for t in toks if stop is None or t.i < stop]
    if toks:
        mention.name = _text(toks)
    lex = lexicon()
    if not mention.plural and ent.lower_ in (lex.anonymous_nouns | lex.role_nouns | lex.titles):
        mods = [t for t in ent.subtree if t.i <= ent.i and t.dep_ in ("amod", "compound", "nmod", "npadvmod")
                or t == ent]
        if len(mods) > 1:
            mention.role = mention.role or _text(mods)


def _split_prefix(mention: Mention, prefix) -> None:  # noqa: ANN001
    """Words before the name: a title run ("IDF Maj.-Gen.") or a role ("Times of Israel journalist")."""
    words = [t for t in prefix if not t.is_space]
    if not words:
        return
    last_title = max((k for k, t in enumerate(words) if _is_title(t)), default=-1)
    if last_title == len(words) - 1 or (last_title >= 0 and all(t.text in "()" for t in words[last_title + 1:])):
        mention.title = mention.title or _text(words)
    elif not mention.role:
        mention.role = _text(words)
        props = [t for t in words if t.pos_ == "PROPN" or t.ent_type_ == "ORG"]
        if props:
            mention.affiliation = mention.affiliation or _text(props)
    if mention.title and not mention.affiliation:
        orgs = [t for t in words if t.ent_type_ == "ORG" or (t.pos_ == "PROPN" and t.is_upper and len(t) > 1)]
        if orgs:
            mention.affiliation = orgs[0].text


def _kind(ent, name_toks, tokens, mention: Mention) -> str:  # noqa: ANN001
    lex = lexicon()
    text_low = " ".join(t.lower_ for t in tokens)
    if any(p in text_low for p in lex.anonymous_phrases):
        return "anonymous"
    words = {t.lower_.strip(".") for t in name_toks} | {t.lower_ for t in name_toks}
    det = next((c.lower_ for c in ent.children if c.dep_ in ("det", "nummod")), "")
    if not det and any(c.dep_ == "poss" for c in ent.children):
        det = "the"   # "the ministry's spokesperson" is as definite as "the spokesperson"
    if name_toks:
        if len(name_toks) == 1 and ent.lower_ in lex.document_nouns and ent.ent_type_ != "PERSON":
            return "document"   # a headline label the tagger took for a name: "Audit: …", "Poll: …"
        if words & lex.media_words and (ent.ent_type_ != "PERSON" or len(name_toks) == 1):
            return "media"
        who = any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children) for c in ent.children)
        if ent.ent_type_ == "PERSON" or mention.title and ent.pos_ == "PROPN" or who:
            return "person"   # "Smith, who said …": a relative "who" speaks of a person
        if ent.ent_type_ in ("GPE",) or words & lex.government_words:
            return "government"
        if ent.ent_type_ == "NORP" and mention.plural:
            return "unnamed_group"   # "Democrats", "Palestinians"
        if ent.ent_type_ in ("ORG", "NORP", "FAC"):
            return "organization"
        # no entity type: an all-capitals name is an organisation ("UNICEF"), a short
        # title-case name is most often a person ("Smith said …")
        if len(name_toks) <= 3 and all(t.is_title for t in name_toks if t.is_alpha):
            return "person"
        return "organization"
    head = ent.lower_
    # Every content word capitalised ("Save the Children", "Friends of the Earth"): a name the
    # tagger read as common nouns, so a named body — unless it names a people ("the
    # Democrats", NORP) or is a title ("the Prime Minister").
    content = [t for t in tokens if t.is_alpha and not t.is_stop]
    if (len(content) >= 2 and all(t.is_title or t.is_upper for t in content)
            and not any(t.ent_type_ == "NORP" for t in content) and head not in lex.titles
            and not any(t.lower_ in lex.titles for t in content)):
        return "media" if head in lex.media_words else "government" if head in lex.government_words \
            else "organization"
    if head in lex.document_nouns:
        return "document"
    if head in ("source", "sources", "insider", "insiders"):
        return "anonymous"
    if det in ("the", "this", "that") and not mention.plural and (head in lex.role_nouns or head in lex.titles):
        return "role_ref"
    if det in _INDEFINITE and not mention.plural and (head in lex.anonymous_nouns or head in lex.titles
                                                      or head in lex.role_nouns):
        return "anonymous"
    if head in lex.media_words:
        return "media"
    if mention.plural and (head in lex.group_nouns or head in lex.anonymous_nouns):
        return "unnamed_group"
    if head in lex.government_words:
        return "government"
    if mention.plural:
        return "unnamed_group"
    return "anonymous" if det in _INDEFINITE else "organization" if det == "the" else "unnamed_group"


def _gender(mention: Mention) -> str:
    lex = lexicon()
    title_words = set(mention.title.lower().split())
    if title_words & _MALE_HONORIFICS:
        return "m"
    if title_words & _FEMALE_HONORIFICS:
        return "f"
    first = mention.name.split()[0].lower() if mention.name else ""
    if mention.kind == "person" and len(mention.name.split()) >= 2:
        if first in lex.female_names:
            return "f"
        if first in lex.male_names:
            return "m"
    return ""
