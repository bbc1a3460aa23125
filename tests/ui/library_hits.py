"""Shared by the tests that open a claim from the library (the search, the source book): a
library of two articles read by the real model, and what "opened at that claim" means."""

from __future__ import annotations

OTHER_ARTICLE = "Harbour news\nThe harbour master said the pier was safe.\n"
OKAFOR_KEY = "person:maria okafor"
OKAFOR_WORDS = "We are relieved"


def read_sample_then_another(window, open_and_wait, qtbot, sample_path, tmp_path,  # noqa: ANN001, ANN201
                             analysis_ms: int, stored_ms: int):
    """Read the sample, then another article (so a hit must switch articles); wait until the
    saver thread has stored the sample's claims. Returns Maria Okafor's "We are relieved" claim."""
    analysis = open_and_wait(window, sample_path, timeout=analysis_ms)
    okafor = next(c for c in analysis.claims
                  if window.article.text[c.content[0][0]:].startswith(f"“{OKAFOR_WORDS}"))
    other = tmp_path / "other.txt"
    other.write_text(OTHER_ARTICLE, encoding="utf-8")
    open_and_wait(window, other, timeout=analysis_ms)
    library = window.ensure_library()
    qtbot.waitUntil(lambda: bool(library.db.execute(
        "SELECT 1 FROM claims WHERE claim_id = ? AND source_key = ? AND content LIKE ?",
        [okafor.id, OKAFOR_KEY, f"“{OKAFOR_WORDS}%"]).fetchone()), timeout=stored_ms)
    return okafor


def assert_opened_at(window, qtbot, claim, timeout: int) -> None:  # noqa: ANN001
    """The sample is open, scrolled to `claim` (Okafor's), outlined, its source selected."""
    qtbot.waitUntil(lambda: window.view.current_span() is not None, timeout=timeout)
    assert window.article.id != "" and window.article.text.startswith("Red Sea ferry")
    start, end = window.view.current_span()
    assert OKAFOR_WORDS in window.view.document().toPlainText()[start:end]  # the outline is on that claim
    top, bottom = window.view.visible_range(0)
    assert top <= start <= bottom  # scrolled to it
    assert window.view.current_outline_rects()
    assert window.sources.current_source_id() == claim.source_id
