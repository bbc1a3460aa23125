"""Notes: typed, autosaved, back after a restart; a failed save keeps the text and says so."""

from __future__ import annotations

from reader.store import Library, StoreError


def _top_source(analysis):  # noqa: ANN001, ANN202
    return max(analysis.sources, key=lambda s: len(s.claim_ids))


def test_note_survives_closing_and_reopening(make_window, open_and_wait, sample_path, data_dir, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    source = _top_source(analysis)
    window.select_source(source.id)
    assert window.notes.editor.isEnabled()
    qtbot.keyClicks(window.notes.editor, "Check his figures against the port authority.")
    window.close()  # saves at once, without waiting for the debounce

    again = make_window()
    with qtbot.waitSignal(again.analysisFinished, timeout=5_000):
        again.open_path(sample_path)  # the cached analysis: highlights without re-analysis
    assert again.sources.has_marker(source.id)
    again.select_source(source.id)
    assert again.notes.editor.toPlainText() == "Check his figures against the port authority."


def test_autosave_is_debounced_and_forced_on_source_change(make_window, open_and_wait, sample_path,
                                                           data_dir, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    first, *others = sorted(analysis.sources, key=lambda s: -len(s.claim_ids))
    window.select_source(first.id)
    article_id = window.article.id
    reader = Library.open(data_dir)
    try:
        qtbot.keyClicks(window.notes.editor, "draft")
        assert reader.note(article_id, first.name, first.kind) == ""  # not yet: debounced
        qtbot.waitUntil(lambda: reader.note(article_id, first.name, first.kind) == "draft", timeout=3_000)
        assert window.sources.has_marker(first.id)
        if others:
            qtbot.keyClicks(window.notes.editor, " two")
            window.select_source(others[0].id)  # switching hands the text over at once
            qtbot.waitUntil(lambda: reader.note(article_id, first.name, first.kind) == "draft two",
                            timeout=3_000)
            assert window.notes.editor.toPlainText() == ""
    finally:
        reader.close()


class _ReadOnlyLibrary:
    """Wraps the real library; every note save fails the way a read-only database does."""

    def __init__(self, real: Library) -> None:
        self._real = real
        self.read_only = True

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self._real, name)

    def save_note(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        raise StoreError("your library is read-only")


def test_failed_save_keeps_the_text_and_shows_a_message(make_window, open_and_wait, sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    window.session.library = _ReadOnlyLibrary(window.session.library)
    window.notes.set_library(window.session.library)
    window.select_source(_top_source(analysis).id)
    with qtbot.waitSignal(window.messageShown, timeout=3_000) as shown:
        qtbot.keyClicks(window.notes.editor, "precious words")
    assert "read-only" in shown.args[0]
    assert "read-only" in window.message_bar.text()
    assert window.notes.editor.toPlainText() == "precious words"
    assert window.notes.state.text().startswith("Not saved")
