"""The paragraphs on screen analysed first: which they are, and the partial results that show them.

    ahead = paragraphs_ahead(paragraphs, todo, visible_from, batch_size)   # [] when top-down is as quick
    merged = with_preview(top_down, preview, boundary)                      # a partial result

The window says where the reader is (`visible_from`, a code-point offset into the text: the first
character on screen). The engine (engine.py) parses those paragraphs first — about a screenful
and a half, `AHEAD_CHARS` — and sends what they hold as its first partial result, then analyses
the whole text from the top as always, reusing those paragraphs' parses.

The final result is the top-down run's, so it is identical whatever was on screen: the rules
carry context from earlier paragraphs (the speaker of a quote named a paragraph before, the
antecedent of "she", the source cards merged over the whole article), which a paragraph in the
middle cannot have on its own. So only the partial results use the preview: until the top-down
run reaches the paragraphs on screen, a partial is its claims so far (everything before
`boundary`) followed by the preview's claims from `boundary` on, renumbered in document order;
a preview source that the top-down run has too (same name and kind) is that source, the others
get ids of their own.
"""

from __future__ import annotations

from dataclasses import replace

from reader.analysis.types import Analysis, Claim, Span

AHEAD_CHARS = 6_000  # from the first visible character: a screenful and more at any window size


def paragraphs_ahead(paragraphs: list[Span], todo: list[int], visible_from: int | None, batch_size: int) -> list[int]:
    """The paragraphs (indices among `todo`, the ones the engine parses) to parse before the
    rest: those from the paragraph holding `visible_from` to AHEAD_CHARS past it. Empty when
    there is no position, or when the top-down run's first batch already reaches it."""
    if visible_from is None or not todo:
        return []
    first = next((i for i, k in enumerate(todo) if paragraphs[k][1] > visible_from), None)
    if first is None or first < batch_size:
        return []  # on screen are the last lines of the text (nothing after) or the first batch
    end = paragraphs[todo[first]][0] + AHEAD_CHARS
    return [k for k in todo[first:] if paragraphs[k][0] < end]


def _start(claim: Claim) -> int:
    return min(s for s, _ in [*claim.content, *claim.cue, *claim.source_mention])


def with_preview(top_down: Analysis, preview: Analysis, boundary: int) -> Analysis:
    """The top-down claims (all before `boundary`) and the preview's from `boundary` on, as one
    provisional analysis in document order (ids c1, c2, … as the engine numbers them)."""
    kept = [c for c in preview.claims if _start(c) >= boundary]
    if not kept:
        return top_down
    claims = sorted([*((c, False) for c in top_down.claims), *((c, True) for c in kept)],
                    key=lambda pair: _start(pair[0]))
    new_id = {(ahead, c.id): f"c{n + 1}" for n, (c, ahead) in enumerate(claims)}
    by_name = {(s.name, s.kind): s.id for s in top_down.sources}
    taken = {s.id for s in top_down.sources}
    source_id: dict[str, str] = {}
    for s in preview.sources:
        same = by_name.get((s.name, s.kind))
        if same is None:
            same = next(f"s{n}" for n in range(len(taken) + 1, len(taken) + len(preview.sources) + 2)
                        if f"s{n}" not in taken)
            taken.add(same)
        source_id[s.id] = same
    merged = [replace(c, id=new_id[(ahead, c.id)],
                      parent=new_id.get((ahead, c.parent)) if c.parent is not None else None,
                      source_id=(source_id.get(c.source_id) if ahead else c.source_id) if c.source_id else None)
              for c, ahead in claims]
    sources = {s.id: replace(s, claim_ids=[]) for s in top_down.sources}
    for s in preview.sources:
        sources.setdefault(source_id[s.id], replace(s, id=source_id[s.id], claim_ids=[]))
    for claim in merged:
        if claim.source_id in sources:
            sources[claim.source_id].claim_ids.append(claim.id)
    return Analysis(claims=merged, sources=[s for s in sources.values() if s.claim_ids],
                    boilerplate=top_down.boilerplate)
