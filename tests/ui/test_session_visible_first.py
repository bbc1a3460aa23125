"""Issue 12's lean start, through the real window, analysis process and model: an article
scrolled to the middle while the model loads is analysed from the paragraphs on screen, so the
first partial result already holds their claims; the final result is the same as from the top."""

from __future__ import annotations

from reader.analysis.paragraphs import paragraph_spans
from reader.analysis.visible_first import AHEAD_CHARS
from tests.ui.conftest import ANALYSIS_TIMEOUT_MS

COPIES = 8  # the sample eight times over: ~5,400 words, far more than a screen


def _start(claim) -> int:  # noqa: ANN001
    return min(s for s, _ in [*claim.content, *claim.cue, *claim.source_mention])


def test_an_article_scrolled_to_the_middle_while_the_model_loads_first_shows_the_claims_there(make_window, qtbot, tmp_path,
                                                                            sample_text):
    title, body = sample_text.strip().split("\n", 1)
    text = title + "\n" + "\n".join(f"{body}\n(Update {n}.)" for n in range(COPIES))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    window = make_window()
    updates: list[tuple[object, bool]] = []
    window.session.analysisUpdated.connect(lambda analysis, final: updates.append((analysis, final)))
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        assert window.open_path(path)
        middle = paragraph_spans(window.article.text)[len(paragraph_spans(window.article.text)) // 2][0]
        # at once: the window's analysis process (warm_up=False) loads the model for this analysis,
        # which asks where the reader is once the model is in
        window.view.scroll_to_position(window.offsets.to_qt(middle))
    on_screen = window.offsets.from_qt(window.view.first_visible_position())
    assert on_screen > len(text) // 4  # the view really was in the middle when the analysis started
    first, final = updates[0], updates[-1]
    assert first[1] is False and final[1] is True
    first_claims = first[0].claims
    assert first_claims, "the first partial result holds the claims of the paragraphs on screen"
    reach = on_screen + AHEAD_CHARS + max(len(line) for line in text.split("\n"))
    paragraph_of_screen = max(s for s, _ in paragraph_spans(text) if s <= on_screen)
    assert all(paragraph_of_screen <= _start(c) < reach for c in first_claims)
    # the final result is the analysis from the top: the same as opening it unscrolled
    from reader.analysis import AttributionEngine

    assert final[0].to_dict() == AttributionEngine().analyze(text).to_dict()
