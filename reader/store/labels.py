"""Human words for the analysis's internal labels, and a claim as one line of prose.

Contract: nothing the user reads (search hits, exports, the CLI) shows an internal label
such as `unnamed_group` or `according_to`; it goes through `source_kind`, `claim_kind` or
`cue_class` here. `claim_parts` puts a claim in words with its verb, so an export or a
search hit never drops the cue that gives a quote its meaning ("denied", "reportedly").
No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_KINDS = {"person": "person", "media": "media outlet", "organization": "organisation",
                "government": "government body", "document": "document", "unnamed_group": "unnamed group",
                "anonymous": "anonymous source"}
CLAIM_KINDS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "partly quoted",
               "according_to": "according to", "hedged": "hedged (no source)"}
CUE_CLASSES = {"speech": "speech", "belief": "belief", "intention": "intention", "evidence": "evidence",
               "decree": "decree", "perception": "perception", "hedge": "hedge"}
UNNAMED_SOURCE = "unnamed source"
UNSOURCED = "No named source"  # where hedged claims are listed
ELLIPSIS = "…"


def _human(table: dict[str, str], label: str) -> str:
    # an unknown label still reads as words: "new_kind" → "new kind"
    return table.get(label, (label or "").replace("_", " "))


def source_kind(kind: str) -> str:
    return _human(SOURCE_KINDS, kind)


def claim_kind(kind: str) -> str:
    return _human(CLAIM_KINDS, kind)


def cue_class(name: str) -> str:
    return _human(CUE_CLASSES, name)


def clip(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters plus "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(",;:") + ELLIPSIS


@dataclass(frozen=True)
class ClaimParts:
    """A claim in words: `who` `verb`: “`content`” (who empty for a hedged claim). `content`
    keeps the article's characters and line breaks; one-line views fold them."""

    who: str
    verb: str
    content: str
    kind: str  # the internal kind, for callers that style by it


QUOTE_MARKS = "\"“”„«»"
CONTENT_JOINER = " … "  # between the content spans of one claim


def unquote(content: str) -> str:
    """A claim's words without the quotation marks and trailing comma the article put round
    each span: '“We are relieved,”' → 'We are relieved' (the export adds its own marks)."""
    return CONTENT_JOINER.join(p for p in (_unquote_part(x) for x in content.split(CONTENT_JOINER)) if p)


def _unquote_part(part: str) -> str:
    part = part.strip()
    inner = part.rstrip(",;")
    # only a span quoted whole: 'that his crews … "for as long as …"' keeps its own marks
    if len(inner) > 1 and inner[0] in QUOTE_MARKS and inner[-1] in QUOTE_MARKS \
            and not any(q in inner[1:-1] for q in QUOTE_MARKS):
        return inner[1:-1].strip().rstrip(",;")
    return part


def claim_parts(source_name: str, cue: str, content: str, kind: str) -> ClaimParts:
    """The words of a claim; `cue` as the article has it ("denied", "according to")."""
    cue = " ".join(cue.split())
    content = unquote(content)
    if not cue:
        cue = "according to" if kind == "according_to" else ("reportedly" if kind == "hedged" else "said")
    return ClaimParts(" ".join(source_name.split()), cue, content, kind)


def claim_line(parts: ClaimParts) -> tuple[str, tuple[int, int]]:
    """Plain text and the span of its verb: 'Maria Okafor said: “We are relieved”',
    'According to Reuters: “…”', 'Reportedly: “…”'. The verb stays as the article has it,
    so 'denied' is never lost."""
    quote = f" “{' '.join(parts.content.split())}”" if parts.content else ""
    if parts.kind == "according_to" and parts.who:
        before, verb, after = "", parts.verb, f" {parts.who}:{quote}"
    elif not parts.who:
        before, verb, after = "", parts.verb, f":{quote}"
    else:
        before, verb, after = f"{parts.who} ", parts.verb, f":{quote}"
    if not before:
        verb = verb[:1].upper() + verb[1:]
    return before + verb + after, (len(before), len(before) + len(verb))


def claim_sentence(parts: ClaimParts) -> str:
    return claim_line(parts)[0]
