"""The reading session on its own: it imports no widget, hands slow documents to the analysis
process, and saves analyses off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.analysis import Analysis

from ui_stubs import claim, source, stub_engine

TEXT = "Harbour news\nThe mayor said the ferries were back."
SIGNAL_TIMEOUT_MS = 60_000  # a new analysis process on a busy machine


def _imports(module: str) -> set[str]:
    import ast
    import importlib.util

    tree = ast.parse(Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module == "reader.ui")
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_session_imports_no_widget():
    """Neither the session nor the reader.ui modules it uses import QtWidgets or QtGui
    (reader.ui itself exports the window, so this reads the import statements)."""
    seen, todo = set(), ["reader.ui.session"]
    while todo:
        module = todo.pop()
        seen.add(module)
        imports = _imports(module)
        assert not {m for m in imports if m in ("PySide6.QtWidgets", "PySide6.QtGui")}, module
        todo += [m for m in imports if m.startswith("reader.ui.") and m not in seen and m not in todo]
    assert seen == {"reader.ui.session", "reader.ui.analysis_client", "reader.ui.analysis_signals",
                    "reader.ui.library_access", "reader.ui.corrections_state", "reader.ui.corrected_results",
                    "reader.ui.read_here"}


def test_markdown_is_read_by_the_analysis_process(qtbot, tmp_path, monkeypatch):
    import reader.documents
    from reader.ui.session import ReadingSession

    def no_reading_here(*_args):  # noqa: ANN002, ANN202 - the child process has the real loader
        raise AssertionError("the GUI process read the Markdown file itself")

    monkeypatch.setattr(reader.documents, "load", no_reading_here)
    monkeypatch.setattr(reader.documents, "load_path", no_reading_here)
    path = tmp_path / "notes.md"
    path.write_text("# Harbour news\n\nThe mayor said the *ferries* were back.\n", encoding="utf-8")
    session = ReadingSession(tmp_path / "data", stub_engine())
    try:
        with qtbot.waitSignal(session.articleShown, timeout=SIGNAL_TIMEOUT_MS) as shown:
            assert session.open_path(path)
            assert session.article is None  # not read here
        assert shown.args[0].title == "Harbour news"
    finally:
        session.close()


def test_the_analysis_is_saved_off_the_gui_thread_and_cached(qtbot, tmp_path, monkeypatch):
    from reader.store import Library
    from reader.ui.session import ReadingSession

    writers = []
    real_save = Library.save_analysis

    def recording_save(self, *args):  # noqa: ANN001, ANN002, ANN202
        writers.append(threading.get_ident())
        return real_save(self, *args)

    monkeypatch.setattr(Library, "save_analysis", recording_save)
    analysis = Analysis(claims=[claim("c1", TEXT, "the ferries were back", "said", "The mayor", "s1")],
                        sources=[source("s1", "The mayor", "person", ["c1"])])
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    factory = stub_engine(analysis)
    data = tmp_path / "data"
    session = ReadingSession(data, factory)
    finals = []
    session.analysisUpdated.connect(lambda _a, final: finals.append(final))
    assert session.open_path(path)
    with qtbot.waitSignal(session.analysisUpdated, timeout=SIGNAL_TIMEOUT_MS,
                          check_params_cb=lambda _a, final: final):
        session.start_analysis()
    session.close()  # waits for the saver
    assert writers and threading.get_ident() not in writers
    again = ReadingSession(data, factory)
    try:
        assert again.open_path(path)
        with qtbot.waitSignal(again.analysisUpdated, timeout=SIGNAL_TIMEOUT_MS):
            again.start_analysis()
        assert again.analysis_done and factory.calls == 1  # from the cache
    finally:
        again.close()


def test_the_library_file_is_created_off_the_gui_thread_before_the_analysis_starts(qtbot, tmp_path, monkeypatch):
    """`prepare` has the saver's thread create (or upgrade) the library; the analysis of an
    article shown meanwhile waits for it, so a cached analysis is never missed."""
    import reader.store.opening as opening
    from reader.ui.session import ReadingSession

    steps = []  # (thread, steps pending) for every upgrade that had something to do
    real_upgrade = opening.upgrade

    def recording_upgrade(db, path, *args):  # noqa: ANN001, ANN002, ANN202
        before = opening.stored_version(db.conn)
        result = real_upgrade(db, path, *args)
        if opening.stored_version(db.conn) != before:
            steps.append(threading.get_ident())
        return result

    monkeypatch.setattr(opening, "upgrade", recording_upgrade)
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    session = ReadingSession(tmp_path / "data", stub_engine())
    try:
        session.prepare(load_model=False)
        assert session.open_path(path)
        session.start_analysis()  # the first paint, maybe before the library is ready
        with qtbot.waitSignal(session.analysisUpdated, timeout=SIGNAL_TIMEOUT_MS,
                              check_params_cb=lambda _a, final: final):
            pass
        assert session.library is not None and not session.library.read_only
        assert steps and threading.get_ident() not in steps  # created on the saver's thread only
    finally:
        session.close()
