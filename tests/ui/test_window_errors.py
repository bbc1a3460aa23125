"""Failures are one clear, non-modal message; the window keeps working."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from reader.analysis import Analysis, ModelLoadError

from ui_stubs import claim, source, stub_engine


def no_modal_dialog() -> bool:
    return not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]


@pytest.mark.parametrize("kind", ["missing", "binary", "empty", "directory"])
def test_a_bad_file_gives_one_non_modal_message(kind, make_window, tmp_path, sample_path, qtbot):
    window = make_window(engine_factory=stub_engine())
    path = tmp_path / f"bad-{kind}.txt"
    if kind == "binary":
        path.write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "directory":
        path.mkdir()
    shown = []
    window.messageShown.connect(shown.append)
    assert window.open_path(path) is False
    assert len(shown) == 1 and window.message_bar.text() == shown[0]
    assert path.name in shown[0] or str(path) in shown[0]
    assert no_modal_dialog()
    # and the window still opens a good file afterwards
    assert window.open_path(sample_path)
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")
    assert window.message_bar.isHidden()  # a newly opened article clears the old message


def test_an_analysis_error_is_a_message_and_the_window_keeps_working(make_window, sample_path, qtbot):
    window = make_window(engine_factory=stub_engine(fail_with=RuntimeError("parser exploded")))
    with qtbot.waitSignal(window.analysisFailed, timeout=10_000) as failed:
        window.open_path(sample_path)
    assert "parser exploded" in failed.args[1] and "still readable" in failed.args[1]
    assert "parser exploded" in window.message_bar.text()
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")  # text stays
    assert no_modal_dialog()
    assert window.progress.isHidden()
    assert window.model_label.text() == ""  # an engine error is not a model that failed to load
    window.show_find_bar()
    qtbot.keyClicks(window.find_bar.field, "Aqaba")
    assert window.view.textCursor().selectedText() == "Aqaba"


def test_a_model_that_fails_to_load_is_explained(make_window, sample_path, qtbot):
    factory = stub_engine(fail_with=ModelLoadError("The language model 'x' could not be loaded."))
    window = make_window(engine_factory=factory, warm_up=True)
    qtbot.waitUntil(lambda: window.model_label.text() == "Language model unavailable", timeout=10_000)
    assert "could not be loaded" in window.message_bar.text()
    with qtbot.waitSignal(window.analysisFailed, timeout=10_000):
        window.open_path(sample_path)
    assert window.view.toPlainText().startswith("Red Sea ferry link reopens")


def test_after_an_error_a_working_analysis_still_draws(make_window, tmp_path, qtbot):
    text = "Officials said the port was open."
    path = tmp_path / "ok.txt"
    path.write_text(text)
    good = Analysis(claims=[claim("c1", text, "the port was open", "said", "Officials", "s1")],
                    sources=[source("s1", "Officials", "unnamed_group", ["c1"])])
    window = make_window(engine_factory=stub_engine(good, version=None))
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        window.open_path(path)
    assert len(window.view.extraSelections()) == 3


def test_a_corrupt_library_is_a_message_not_a_crash(make_window, data_dir, sample_path, qtbot):
    (data_dir / "library.db").write_bytes(b"this is not a database " * 200)
    window = make_window(engine_factory=stub_engine())
    qtbot.waitUntil(lambda: bool(window.message_bar.text()), timeout=3_000)  # the store's notice
    notice = window.message_bar.text()
    assert no_modal_dialog()
    with qtbot.waitSignal(window.analysisFinished, timeout=10_000):
        assert window.open_path(sample_path)  # reading works with or without a library
    assert notice
