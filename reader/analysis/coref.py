"""Source cards: merge the mentions of one real-world source, resolve pronouns and role nouns.

How a mention finds its card (rule-based, in text order):
* a name joins a card with the same name, the same surname ("Mordechai" ↔ "Yoav Mordechai"),
  a name that is a word-suffix or prefix of it ("the Post" ↔ "The Jerusalem Post"), or its
  acronym ("IDF" ↔ "Israel Defense Forces"); when several fit, the most recently mentioned wins;
* a description ("Egyptian authorities", "sources familiar with the situation") joins a card
  with the same description;
* a definite role noun ("the official", "the general", "the ministry", "the company") joins the
  most recent card whose head, role, title or kind fits that noun;
* a pronoun joins the most recent compatible candidate before it: he/she → a person whose
  gender (from honorifics, first names, earlier pronouns) does not conflict; they → a plural
  or collective source (group, organisation, media, government); it → a singular
  organisation, media outlet, government body or document. Candidates are the earlier
  speakers plus people named as subjects (so "Smith arrived. He said …" works); candidates
  in the same or previous paragraph come first, the most recently mentioned wins, and a
  resolved pronoun teaches the card its gender. An unresolvable pronoun keeps its own card ("he") at lower confidence.
"""

from __future__ import annotations

from reader.analysis.lexicon import lexicon
from reader.analysis.records import Mention, RawClaim
from reader.analysis.types import Source

_COLLECTIVE = {"organization", "media", "government", "unnamed_group"}
_ROLE_KINDS = {
    "company": {"organization"}, "firm": {"organization"}, "group": {"organization", "unnamed_group"},
    "organization": {"organization"}, "organisation": {"organization"}, "ministry": {"government"},
    "government": {"government"}, "army": {"government"}, "military": {"government"},
    "newspaper": {"media"}, "paper": {"media"}, "agency": {"organization", "government", "media"},
}
def _PERSON_NOUNS() -> set[str]:  # noqa: N802 - a constant read lazily from the lexicon
    lex = lexicon()
    return (lex.anonymous_nouns | lex.titles | lex.role_nouns) - set(_ROLE_KINDS) - {"source", "sources"}


_GENERIC = {"the", "a", "an", "of", "and", "for", "news", "group", "inc", "inc.", "ltd", "co", "co."}


class _Card:
    def __init__(self, mention: Mention, order: int) -> None:
        self.name = mention.name or mention.text
        self.kind = mention.kind if mention.kind not in ("pronoun", "role_ref") else \
            ("person" if mention.pronoun in ("he", "she") or mention.kind == "role_ref" and
             mention.head in lexicon().titles else "organization" if mention.pronoun == "it" else "unnamed_group")
        if mention.kind == "role_ref":
            # "the governor" with no earlier match: one identifiable office holder is a person;
            # "the official", "the spokesman" stay anonymous; "the ministry" is an institution.
            default = "person" if mention.head in lexicon().offices | lexicon().ranks else "anonymous"
            self.kind = sorted(_ROLE_KINDS.get(mention.head, {default}))[0]
        self.title, self.role, self.affiliation = mention.title, mention.role, mention.affiliation
        self.role_from_title = mention.role_from_title
        self.gender, self.plural = mention.gender, mention.plural
        self.heads = {mention.head}
        self.mentions: list[Mention] = []
        self.claims: list[int] = []
        self.last = mention.span[0]
        self.last_paragraph = mention.paragraph
        self.order = order
        self.speaker = mention.speaker

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.last = max(self.last, mention.span[0])
        self.last_paragraph = max(self.last_paragraph, mention.paragraph)
        self.heads.add(mention.head)
        if mention.name and len(mention.name) > len(self.name) and mention.kind not in ("pronoun", "role_ref"):
            self.name = mention.name
        self.title = self.title or mention.title
        if mention.role and (not self.role or self.role_from_title and not mention.role_from_title):
            self.role, self.role_from_title = mention.role, mention.role_from_title
        self.affiliation = self.affiliation or mention.affiliation
        if mention.gender and not self.gender:
            self.gender = mention.gender
        self.speaker = self.speaker or mention.speaker


def _words(name: str) -> list[str]:
    return [w for w in name.lower().replace("’", "'").split() if w not in _GENERIC]


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in _GENERIC)


def _name_match(m: Mention, card: _Card) -> bool:
    if not m.name or not card.name:
        return False
    a, b = _words(m.name), _words(card.name)
    if not a or not b:
        return False
    if a == b:
        return True
    if card.kind == "person" or m.kind == "person":
        if m.kind not in ("person", "") and card.kind != "person":
            return False
        return a[-1] == b[-1] and (len(a) == 1 or len(b) == 1 or a[0] == b[0])
    if len(a) < len(b) and (b[-len(a):] == a or b[:len(a)] == a):
        return True
    if len(b) < len(a) and (a[-len(b):] == b or a[:len(b)] == b):
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) == 1 and short[0].isalpha() and len(short[0]) >= 2:
        return "".join(w[0] for w in long_ if w[:1].isalpha()) == short[0]   # "IDF" ↔ "Israel Defense Forces"
    return False


def _pronoun_fits(m: Mention, card: _Card) -> bool:
    p = m.pronoun
    if p in ("he", "she"):
        want = "m" if p == "he" else "f"
        # a person, or one unnamed individual ("a senior official", "the governor")
        personal = card.kind == "person" or (card.kind == "anonymous" and not card.plural
                                             and bool(card.heads & _PERSON_NOUNS()))
        return personal and card.gender in ("", want)
    if p == "they":
        return card.plural or card.kind in _COLLECTIVE or card.kind == "anonymous" and card.plural
    if p == "it":
        return not card.plural and card.kind in ("organization", "media", "government", "document")
    return False


_GENERIC_ROLE_NOUNS = {"company", "firm", "group", "organization", "organisation", "newspaper", "paper",
                       "agency", "government"}


def _role_fits(m: Mention, card: _Card) -> bool:
    """"the official" ↔ a card whose head, role, title or name has "official"; a generic noun
    ("the company", "the newspaper") ↔ any card of a fitting kind. "the ministry" needs the word."""
    noun = m.head
    words = set(card.role.lower().split()) | set(card.title.lower().split()) | set(card.name.lower().split())
    if noun in card.heads or noun in words:
        return True
    return noun in _GENERIC_ROLE_NOUNS and card.kind in _ROLE_KINDS.get(noun, set())


class SourceResolver:
    def __init__(self) -> None:
        self.cards: list[_Card] = []
        self.by_span: dict[tuple[int, int], _Card] = {}

    def _new(self, m: Mention) -> _Card:
        card = _Card(m, len(self.cards))
        card.add(m)
        self.cards.append(card)
        return card

    def _recent(self, m: Mention, fits) -> _Card | None:  # noqa: ANN001
        before = [c for c in self.cards if c.last < m.span[0] and fits(m, c)]
        if not before:
            return None
        near = [c for c in before if m.paragraph - c.last_paragraph <= 1]
        pool = near or before
        # the most recent compatible candidate (news pronouns pick up the latest subject)
        return max(pool, key=lambda c: (c.last, c.speaker))

    def resolve(self, m: Mention) -> _Card:
        # one phrase can be the source of several claims ("She said … and warned …")
        card = self.by_span.get(m.span)
        if card is not None:
            if m.speaker and not any(x.span == m.span and x.speaker for x in card.mentions):
                card.add(m)
            return card
        card = self._resolve(m)
        self.by_span[m.span] = card
        return card

    def _resolve(self, m: Mention) -> _Card:
        if m.kind == "pronoun":
            card = self._recent(m, _pronoun_fits)
            if card is not None:
                if m.gender and not card.gender:
                    card.gender = m.gender
                card.add(m)
                return card
            return self._new(m)
        if m.kind == "role_ref":
            card = self._recent(m, _role_fits)
            if card is not None:
                card.add(m)
                return card
            return self._new(m)
        matches = [c for c in self.cards if _name_match(m, c)] if m.name else \
            [c for c in self.cards if not c.name == "" and _words(c.name) == _words(m.text)
             and c.kind == m.kind]
        if matches:
            card = max(matches, key=lambda c: c.last)
            card.add(m)
            return card
        return self._new(m)


class ArticleCards:
    """The article's cards, fed paragraph by paragraph (in text order) and read at any time.

    Resolution is incremental, so the UI's provisional results after every batch cost only
    the new paragraphs; inherited sources (floating quotes, "I" inside a quote) are joined
    when reading, because their speaker may be named later.
    """

    def __init__(self) -> None:
        self.resolver = SourceResolver()
        self.card_of: dict[int, _Card] = {}
        self.inherits: list[int] = []
        self.claims_seen = 0
        self.antecedents_seen = 0

    def feed(self, claims: list[RawClaim], antecedents: list[Mention]) -> None:
        events: list[tuple[int, int, object]] = []
        for k in range(self.claims_seen, len(claims)):
            claim = claims[k]
            if claim.dropped or claim.kind == "hedged":
                continue
            if claim.source is not None and claim.inherit_from is None:
                events.append((claim.source.span[0], 1, k))
            elif claim.inherit_from is not None:
                self.inherits.append(k)
        for m in antecedents[self.antecedents_seen:]:
            events.append((m.span[0], 0, m))
        self.claims_seen, self.antecedents_seen = len(claims), len(antecedents)
        events.sort(key=lambda e: (e[0], e[1]))
        resolver = self.resolver
        for _pos, typ, item in events:
            if typ == 0:
                m = item
                matches = [c for c in resolver.cards if _name_match(m, c)]
                if matches:
                    max(matches, key=lambda c: c.last).last = max(m.span[0], 0)
                else:
                    card = resolver._new(m)
                    card.speaker = False
                resolver.by_span.setdefault(m.span, matches[-1] if matches else card)
                continue
            k = item
            card = self.card_of[k] = resolver.resolve(claims[k].source)
            if claims[k].content_pronoun and not card.gender and card.kind == "person":
                # "Murphy said he was …": the complement's subject pronoun is the speaker's gender
                card.gender = {"he": "m", "she": "f"}[claims[k].content_pronoun]

    def sources(self, claims: list[RawClaim]) -> tuple[list[Source], list[str | None]]:
        """Cards with claims so far, and each claim's card id (claim ids are list indices)."""
        card_of = dict(self.card_of)
        for k in self.inherits:
            target = claims[k].inherit_from
            seen = set()
            while target is not None and target not in card_of and target not in seen and 0 <= target < len(claims):
                seen.add(target)
                target = claims[target].inherit_from
            if target is not None and target in card_of:
                card_of[k] = card_of[target]
        used = sorted({id(c): c for c in card_of.values()}.values(), key=lambda c: c.order)
        ids = {id(c): f"s{n + 1}" for n, c in enumerate(used)}
        claim_ids: dict[int, list[int]] = {}
        for k, card in card_of.items():
            claim_ids.setdefault(id(card), []).append(k)
        sources = []
        for card in used:
            mentions = sorted({m.cited for m in card.mentions if m.speaker} | {m.span for m in card.mentions if m.speaker})
            sources.append(Source(id=ids[id(card)], name=card.name, kind=card.kind, title=card.title,
                                  role=card.role, affiliation=card.affiliation, mentions=mentions,
                                  claim_ids=[str(k) for k in sorted(claim_ids[id(card)])]))
        return sources, [ids[id(card_of[k])] if k in card_of else None for k in range(len(claims))]
