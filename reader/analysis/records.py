"""Plain records passed from the per-paragraph rules to the article-level resolution.

They hold character offsets and strings only, never spaCy objects, so a paragraph's `Doc`
can be freed as soon as its rules ran (memory stays flat on long articles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.analysis.types import Span


@dataclass
class Mention:
    """A phrase that names (or stands for) a source."""

    span: Span                 # the whole source phrase, as annotators mark it
    text: str
    name: str = ""             # proper name without title ("Yoav Mordechai"); "" for descriptions
    head: str = ""             # lower-case head word ("mordechai", "official", "he")
    kind: str = ""             # person | media | organization | government | unnamed_group | anonymous |
                               # document | pronoun | role_ref (definite description to resolve)
    title: str = ""
    role: str = ""
    role_from_title: bool = False   # the role is only the office title ("Speaker"): an apposition beats it
    affiliation: str = ""
    pronoun: str = ""          # he | she | they | it | i | we
    plural: bool = False
    gender: str = ""           # "m" | "f" | ""
    paragraph: int = 0
    speaker: bool = True       # False for entity mentions kept only as pronoun antecedents
    # the relative pronoun that stands for the phrase in the claim ("…, who said"): the claim's
    # source_mention is this span, its card is the antecedent's (the rest of this mention)
    stand_in: Span | None = None

    @property
    def cited(self) -> Span:
        """The span a claim shows as its source mention."""
        return self.stand_in or self.span


@dataclass
class RawClaim:
    kind: str
    cue: list[Span]
    content: list[Span]
    source: Mention | None
    rule: str
    cue_class: str = "speech"
    confidence: float = 0.7
    paragraph: int = 0
    parent: int | None = None          # index of the outer claim (same article list)
    inherit_from: int | None = None    # floating quote: index of the claim whose source it takes
    quote_ids: list[int] = field(default_factory=list)  # quotes this claim's content covers
    inside_quote: int | None = None    # quote id when the cue itself sits inside a quotation
    content_pronoun: str = ""          # "he"/"she" opening the content ("said he was …"): gender evidence
    dropped: bool = False

    @property
    def start(self) -> int:
        spans = self.content + self.cue
        return min(s for s, _ in spans) if spans else 0


def merge_spans(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def subtract(spans: list[Span], holes: list[Span]) -> list[Span]:
    """`spans` minus `holes`."""
    out: list[Span] = []
    for s, e in spans:
        pieces = [(s, e)]
        for hs, he in holes:
            nxt = []
            for ps, pe in pieces:
                if he <= ps or hs >= pe:
                    nxt.append((ps, pe))
                    continue
                if ps < hs:
                    nxt.append((ps, hs))
                if he < pe:
                    nxt.append((he, pe))
            pieces = nxt
        out.extend(pieces)
    return out
