"""The paragraphs on screen first (reader/analysis/visible_first.py): the first partial result
holds the claims of the paragraphs from `visible_from()`, every partial is a valid analysis in
document order, and the final result is the top-down run's, claim ids and all."""

from __future__ import annotations

from reader.analysis import contract_problems
from reader.analysis.paragraphs import paragraph_spans
from reader.analysis.visible_first import AHEAD_CHARS

COPIES = 4  # the sample four times over (each copy its own paragraphs): ~2,700 words


def long_text(sample_text: str) -> str:
    title, *body = sample_text.strip().split("\n")
    return "\n".join([title, *(f"{p} (Copy {n}.)" for n in range(1, COPIES + 1) for p in body)])


def _start(claim) -> int:  # noqa: ANN001
    return min(s for s, _ in [*claim.content, *claim.cue, *claim.source_mention])


def test_the_first_partial_covers_the_visible_paragraphs_and_the_final_is_top_down(engine, sample_text):
    text = long_text(sample_text)
    paragraphs = paragraph_spans(text)
    middle = paragraphs[len(paragraphs) // 2][0]  # the reader is half-way down
    steps = list(engine.analyze_progressively(text, batch_size=4, visible_from=lambda: middle))
    first = steps[0].analysis
    assert first.claims and all(middle <= _start(c) < middle + AHEAD_CHARS + max(e - s for s, e in paragraphs)
                                for c in first.claims)
    top_down = list(engine.analyze_progressively(text, batch_size=4))
    assert steps[-1].analysis.to_dict() == top_down[-1].analysis.to_dict() == engine.analyze(text).to_dict()
    assert [p.done for p in steps] == sorted(p.done for p in steps) and steps[-1].done == steps[-1].total
    for p in steps:
        analysis = p.analysis
        assert contract_problems(analysis.to_dict(), len(text)) == []
        assert [c.id for c in analysis.claims] == [f"c{n + 1}" for n in range(len(analysis.claims))]
        assert [_start(c) for c in analysis.claims] == sorted(_start(c) for c in analysis.claims)
    # until the run from the top reaches the screen, the partials keep showing what is on it
    on_screen = {(tuple(map(tuple, c.content)), c.kind) for c in first.claims}
    for p in steps[1:]:
        shown = {(tuple(map(tuple, c.content)), c.kind) for c in p.analysis.claims}
        assert len(on_screen - shown) <= len(on_screen) // 4  # provisional: context may change a few


def test_a_position_in_the_first_batch_changes_nothing(engine, sample_text):
    steps = list(engine.analyze_progressively(sample_text, batch_size=4, visible_from=lambda: 0))
    plain = list(engine.analyze_progressively(sample_text, batch_size=4))
    assert [p.analysis.to_dict() for p in steps] == [p.analysis.to_dict() for p in plain]
