"""The analysis contract (../shared/DESIGN.md) as plain dataclasses.

Offsets are Python ``str`` indices (code points) into the analysed text, end exclusive.
Everything else in the product (UI, store, eval) reads these types or their JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

CLAIM_KINDS = ("direct", "indirect", "mixed", "according_to", "hedged")
SOURCE_KINDS = ("person", "media", "organization", "government", "unnamed_group", "anonymous", "document")
CUE_CLASSES = ("speech", "belief", "intention", "evidence", "decree", "perception", "hedge")


@dataclass
class Claim:
    id: str
    kind: str
    cue: list[Span]
    content: list[Span]
    source_mention: list[Span] = field(default_factory=list)
    source_id: str | None = None
    parent: str | None = None
    confidence: float = 0.5
    rule: str = ""
    cue_class: str = "speech"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "cue": [list(s) for s in self.cue],
            "content": [list(s) for s in self.content],
            "source_mention": [list(s) for s in self.source_mention],
            "source_id": self.source_id,
            "parent": self.parent,
            "confidence": round(float(self.confidence), 3),
            "rule": self.rule,
            "cue_class": self.cue_class,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"],
            kind=d["kind"],
            cue=[tuple(s) for s in d.get("cue", [])],
            content=[tuple(s) for s in d.get("content", [])],
            source_mention=[tuple(s) for s in d.get("source_mention", [])],
            source_id=d.get("source_id"),
            parent=d.get("parent"),
            confidence=float(d.get("confidence", 0.5)),
            rule=d.get("rule", ""),
            cue_class=d.get("cue_class", "speech"),
        )


@dataclass
class Source:
    id: str
    name: str
    kind: str
    title: str = ""
    role: str = ""
    affiliation: str = ""
    mentions: list[Span] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "title": self.title,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [list(s) for s in self.mentions],
            "claim_ids": list(self.claim_ids),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            id=d["id"],
            name=d.get("name", ""),
            kind=d.get("kind", "person"),
            title=d.get("title") or "",
            role=d.get("role") or "",
            affiliation=d.get("affiliation") or "",
            mentions=[tuple(s) for s in d.get("mentions", [])],
            claim_ids=list(d.get("claim_ids", [])),
        )


@dataclass
class Analysis:
    claims: list[Claim] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)

    def to_dict(self, doc_id: str = "") -> dict[str, Any]:
        return {
            "id": doc_id,
            "claims": [c.to_dict() for c in self.claims],
            "sources": [s.to_dict() for s in self.sources],
            "boilerplate": [list(s) for s in self.boilerplate],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        return cls(
            claims=[Claim.from_dict(c) for c in d.get("claims", [])],
            sources=[Source.from_dict(s) for s in d.get("sources", [])],
            boilerplate=[tuple(s) for s in d.get("boilerplate", [])],
        )

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


def contract_problems(doc: dict[str, Any], text_length: int) -> list[str]:
    """Every way `doc` (an analysis as JSON) breaks the contract; empty when it holds.

    Used by the CLI self-check, the tests and the frozen app's --self-test.
    """
    problems: list[str] = []

    def bad(spans: Any) -> bool:
        if not isinstance(spans, list):
            return True
        return any(
            not (isinstance(s, list) and len(s) == 2 and all(isinstance(x, int) for x in s)
                 and 0 <= s[0] < s[1] <= text_length)
            for s in spans
        )

    claims, sources = doc.get("claims"), doc.get("sources")
    if not isinstance(claims, list) or not isinstance(sources, list):
        return ["'claims' and 'sources' must be lists"]
    source_ids = {s.get("id") for s in sources}
    claim_ids = {c.get("id") for c in claims}
    if len(claim_ids) != len(claims):
        problems.append("claim ids are not unique")
    if len(source_ids) != len(sources):
        problems.append("source ids are not unique")
    for c in claims:
        cid = c.get("id")
        if c.get("kind") not in CLAIM_KINDS:
            problems.append(f"claim {cid}: unknown kind {c.get('kind')!r}")
        for key in ("cue", "content"):
            if not c.get(key) or bad(c.get(key)):
                problems.append(f"claim {cid}: bad or empty {key}")
        if bad(c.get("source_mention", [])):
            problems.append(f"claim {cid}: bad source_mention")
        if c.get("source_id") is not None and c.get("source_id") not in source_ids:
            problems.append(f"claim {cid}: source_id {c.get('source_id')} not in sources")
        if c.get("parent") is not None and c.get("parent") not in claim_ids:
            problems.append(f"claim {cid}: parent {c.get('parent')} not a claim")
        if c.get("kind") == "hedged" and (c.get("source_id") is not None or c.get("source_mention")):
            problems.append(f"claim {cid}: a hedged claim has no source")
        conf = c.get("confidence")
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            problems.append(f"claim {cid}: confidence must be in [0, 1]")
        if not c.get("rule"):
            problems.append(f"claim {cid}: no rule")
        if c.get("cue_class", "speech") not in CUE_CLASSES:
            problems.append(f"claim {cid}: unknown cue_class {c.get('cue_class')!r}")
    for s in sources:
        sid = s.get("id")
        if s.get("kind") not in SOURCE_KINDS:
            problems.append(f"source {sid}: unknown kind {s.get('kind')!r}")
        if bad(s.get("mentions", [])):
            problems.append(f"source {sid}: bad mentions")
        for cid in s.get("claim_ids", []):
            if cid not in claim_ids:
                problems.append(f"source {sid}: claim {cid} missing")
    if bad(doc.get("boilerplate", [])):
        problems.append("bad boilerplate spans")
    # imported here: the profile is computed from these types' constants
    from reader.analysis.profile import profile_problems

    return problems + profile_problems(doc)
