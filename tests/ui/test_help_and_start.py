"""Help and first start in a real window: the start page (its buttons open what they say; it
gives way to the article, focus in the text), F1 help, the shortcuts list generated from the
actions, About, and the accessible names (read through Qt's accessibility tree)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from reader import __version__
from reader.ui.help_dialogs import about_text, shortcut_rows, verbnet_notice

ANALYSIS_MS = 120_000


def accessible_name(widget) -> str:  # noqa: ANN001
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def test_the_first_start_shows_the_start_page_and_the_sample_opens_from_it(make_window, qtbot):
    window = make_window()
    page = window.start_page
    assert page.isVisible() and not window.view.isVisible()
    # the article's bars say nothing before an article is open: the page has its own legend
    assert not window.legend.isVisible() and not window.class_toggles.isVisible()
    assert [b.text() for b in page.buttons.values()] == ["Open file…", "Open URL…", "Paste article",
                                                         "Try the sample"]
    assert page.no_recent.isVisible() and not page.recent.isVisible()
    assert "Direct quote" in page.legend.toPlainText() and "Hedged / unsourced" in page.legend.toPlainText()
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_MS):
        qtbot.mouseClick(page.buttons["sample"], Qt.MouseButton.LeftButton)
    assert not page.isVisible() and window.view.isVisible()
    assert window.legend.isVisible() and window.class_toggles.isVisible()
    assert window.article.title.startswith("Red Sea ferry link")
    assert QApplication.focusWidget() is window.view  # focus lands in the article


def test_recent_articles_are_listed_and_open(make_window, qtbot, data_dir, tmp_path):
    from reader.ui.settings import UiSettings

    article = tmp_path / "harbour.txt"
    article.write_text("Harbour news\nThe harbour master said the pier was safe.\n", encoding="utf-8")
    settings = UiSettings(data_dir)
    settings.add_recent(str(article))
    settings.sync()
    window = make_window()
    page = window.start_page
    assert page.recent.isVisible() and page.recent.count() == 1
    assert page.recent.item(0).text().startswith("harbour.txt — ")
    with qtbot.waitSignal(window.articleOpened, timeout=ANALYSIS_MS):
        page.recent.itemActivated.emit(page.recent.item(0))
    assert window.article.title == "Harbour news" and not page.isVisible()


def test_the_buttons_call_the_window_commands(make_window, qtbot, monkeypatch):
    window = make_window()
    asked = []
    from reader.ui import library_dialogs

    monkeypatch.setattr(library_dialogs, "open_file_dialog", lambda w: asked.append("file"))
    monkeypatch.setattr(library_dialogs, "open_url_dialog", lambda w: asked.append("url"))
    QApplication.clipboard().setText("Pasted news\nThe mayor said the road would reopen.")
    for key in ("open", "url"):
        qtbot.mouseClick(window.start_page.buttons[key], Qt.MouseButton.LeftButton)
    assert asked == ["file", "url"]
    with qtbot.waitSignal(window.articleOpened, timeout=ANALYSIS_MS):
        qtbot.mouseClick(window.start_page.buttons["paste"], Qt.MouseButton.LeftButton)
    assert window.article.text.startswith("Pasted news")


def dialog_named(window, name: str) -> QDialog:  # noqa: ANN001
    dialog = window.findChild(QDialog, name)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_f1_opens_the_bundled_help(make_window, qtbot):
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = dialog_named(window, "helpDialog")
    text = dialog.browser.toPlainText()
    assert "What the colours mean" in text and "Search library" in text and "reportedly" in text
    assert accessible_name(dialog.browser) == "Help"
    dialog.close()


def test_the_shortcuts_list_is_every_shortcut_of_the_actions(make_window, qtbot):
    window = make_window()
    window.actions_.shortcuts.trigger()
    table = dialog_named(window, "shortcutsDialog").table
    shown = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert shown == shortcut_rows(window)
    # every key an action answers to (that a keyboard can type) is in the list, under its command
    listed = {k.strip() for _name, keys in shown for k in keys.split(", ")}
    for action in window.actions():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.NativeText)
            if re.fullmatch(r".+\+.+|F\d+|.", text):
                assert text in listed, (action.text(), text)
    commands = dict(shown)
    assert commands["Search library"] == "Ctrl+Shift+F" and commands["Preferences"] == "Ctrl+,"
    assert commands["Sourcelight help"] == "F1" and commands["All sources"] == "Esc"
    assert "F3" in commands["Next claim of this source"]


def test_about_names_versions_licences_and_the_library(make_window, qtbot, data_dir):
    from reader.analysis.engine import ENGINE_VERSION

    window = make_window()
    window.actions_.about.trigger()
    text = dialog_named(window, "aboutDialog").browser.toPlainText()
    assert f"Sourcelight {__version__}" in text and f"Analysis engine {ENGINE_VERSION}" in text
    assert "LGPL-3.0" in text and "GNU Lesser General Public License" in text and "PySide6" in text
    assert "VerbNet 3.X Copyright by University of Colorado" in text and verbnet_notice() in " ".join(text.split())
    assert str(data_dir / "library.db") in text
    assert "spacy" in about_text(data_dir)


def test_accessible_names_on_the_start_page_and_dialogs(make_window, qtbot):
    window = make_window()
    page = window.start_page
    assert accessible_name(page) == "Start page"
    assert accessible_name(page.recent) == "Recent articles"
    assert accessible_name(page.legend) == "What the colours mean"
    assert accessible_name(page.buttons["sample"]) == "Try the sample"
    assert QAccessible.queryAccessibleInterface(page).text(QAccessible.Text.Description)
    window.actions_.preferences.trigger()
    prefs = dialog_named(window, "preferencesDialog")
    for widget, name in ((prefs.reading_width, "Reading width"), (prefs.library, "Where your library lives")):
        assert accessible_name(widget) == name
    # a combo box reports its current item as its name: its description says what it is
    theme = QAccessible.queryAccessibleInterface(prefs.theme)
    assert prefs.theme.accessibleName() == "Theme" and "dark" in theme.text(QAccessible.Text.Description)
    prefs.close()


@pytest.fixture
def system_theme_after():
    yield
    from reader.ui.preferences import apply_theme

    apply_theme("system")  # the application's palette is shared by every later test


def test_preferences_apply_at_once_and_persist(make_window, qtbot, data_dir, system_theme_after):
    from PySide6.QtGui import QPalette

    from reader.ui.preferences import Preferences

    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    prefs = dialog_named(window, "preferencesDialog")
    assert prefs.library.text() == str(data_dir)  # the folder in use (library.db, as About says)
    prefs.theme.setCurrentIndex(prefs.theme.findData("dark"))
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    assert QApplication.style().name().lower() == "fusion"  # no desktop theme needed
    prefs.reading_width.setValue(55)
    prefs.font_size.setValue(17)
    family = prefs.font_family.itemData(1)
    prefs.font_family.setCurrentIndex(1)
    assert window.view.measure_chars == 55 and window.view.point_size == 17
    assert window.view.font_families[0] == family
    prefs.close()
    window.close()

    again = make_window()
    assert (again.view.measure_chars, again.view.point_size, again.view.font_families[0]) == (55, 17, family)
    again.actions_.preferences.trigger()
    shown = dialog_named(again, "preferencesDialog")
    assert shown.prefs == Preferences("dark", family, 17, 55)
    assert shown.theme.currentData() == "dark" and shown.reading_width.value() == 55
    shown.restore_defaults()
    assert again.view.measure_chars == Preferences().reading_width
    shown.close()
