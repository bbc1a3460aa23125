"""The window's library features: notes search and source book hits, export."""

from __future__ import annotations

from reader.analysis import Analysis
from reader.store import source_key
from reader.ui import library_dialogs

from ui_stubs import claim, source, stub_engine

FIRST = "Ferry news\nThe harbour master said the pier was safe."
SECOND = "Weather news\nForecasters said the storm had passed."


def _analysis(text: str, name: str, cue_phrase: str, content: str) -> Analysis:
    return Analysis(claims=[claim("c1", text, content, "said", cue_phrase, "s1")],
                    sources=[source("s1", name, "person", ["c1"], role="harbour master")])


class TwoArticleEngine:
    """Answers with the analysis that fits the text it is given."""

    version = "two-1"

    def analyze_progressively(self, text, batch_size=8, cancelled=lambda: False,  # noqa: ANN001, ANN201
                              visible_from=None):
        from reader.analysis import Progress

        if text.startswith("Ferry"):
            yield Progress(1, 1, _analysis(text, "The harbour master", "The harbour master", "the pier was safe"))
        else:
            yield Progress(1, 1, _analysis(text, "Forecasters", "Forecasters", "the storm had passed"))


def _open(window, qtbot, path):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(path)


def test_search_and_source_book_hits_open_the_article_with_the_source(make_window, tmp_path, qtbot):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST)
    second.write_text(SECOND)
    window = make_window(engine_factory=TwoArticleEngine)
    _open(window, qtbot, first)
    first_id = window.article.id
    window.select_source("s1")
    qtbot.keyClicks(window.notes.editor, "Ask about the second berth")
    window.notes.flush()
    _open(window, qtbot, second)
    assert "Ctrl+Shift+F" in [k.toString() for k in window.actions_.search_notes.shortcuts()]

    window.actions_.search_notes.trigger()
    dialog = window.dialogs.search
    assert dialog.isVisible()
    key = source_key("The harbour master", "person")
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        dialog.hitChosen.emit(first_id, key)
    assert window.article.id == first_id
    assert window.sources.current_source_id() == "s1"
    assert window.notes.editor.toPlainText() == "Ask about the second berth"

    _open(window, qtbot, second)
    window.actions_.source_book.trigger()
    book = window.dialogs.source_book
    assert book.isVisible()
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        book.hitChosen.emit(first_id, key)
    assert window.article.id == first_id and window.sources.current_source_id() == "s1"
    book.close()
    dialog.close()


def test_export_writes_the_notes(make_window, tmp_path, qtbot):
    path = tmp_path / "first.txt"
    path.write_text(FIRST)
    window = make_window(engine_factory=TwoArticleEngine)
    _open(window, qtbot, path)
    window.select_source("s1")
    qtbot.keyClicks(window.notes.editor, "Check the berth count")  # not yet saved: export flushes
    out = library_dialogs.export_notes(window, str(tmp_path / "notes.md"))
    assert out is not None and "Check the berth count" in out.read_text(encoding="utf-8")
    assert "exported" in window.message_bar.text()
    assert library_dialogs.export_notes(window, str(tmp_path / "missing-dir" / "notes.md")) is None
    assert "could not be exported" in window.message_bar.text()


def test_a_hit_for_an_article_no_longer_stored_is_a_message(make_window, qtbot):
    window = make_window(engine_factory=stub_engine())
    window.open_library_hit("0" * 32, "person:nobody")
    assert "no longer in your library" in window.message_bar.text()


def test_an_export_right_after_an_analysis_waits_for_it_to_be_saved(make_window, tmp_path, qtbot):
    """Regression: analyses are saved on the saver's thread, and an export read the library at
    once; while another program held the library's write lock, the export missed the article
    just read. Now it waits for the saves asked for (the lock is let go half a second in)."""
    import sqlite3
    import threading

    path = tmp_path / "first.txt"
    path.write_text(FIRST)
    window = make_window(engine_factory=TwoArticleEngine)
    library = window.ensure_library()
    assert library is not None
    other_program = sqlite3.connect(library.path, check_same_thread=False, isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")  # the saver's writes queue behind this lock
    try:
        _open(window, qtbot, path)
        release = threading.Timer(0.5, other_program.execute, ["COMMIT"])
        release.start()
        out = library_dialogs.export_notes(window, str(tmp_path / "notes.md"))
        release.join()
    finally:
        other_program.close()
    assert out is not None
    text = out.read_text(encoding="utf-8")
    assert "the pier was safe" in text and "The harbour master" in text
