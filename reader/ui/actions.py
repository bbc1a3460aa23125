"""Every menu command and shortcut of the main window, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reader import APP_NAME
from reader.ui import help_dialogs, preferences, sourcing_report

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    open: QAction
    open_url: QAction
    paste: QAction
    export_notes: QAction
    quit: QAction
    find: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    next_claim: QAction
    previous_claim: QAction
    all_sources: QAction
    search_notes: QAction
    source_book: QAction
    recent_menu: QMenu
    preferences: QAction | None = None
    help: QAction | None = None
    shortcuts: QAction | None = None
    about: QAction | None = None


def _action(window: QMainWindow, text: str, slot, *shortcuts, name: str = "") -> QAction:  # noqa: ANN001
    action = QAction(text, window)
    keys: list[QKeySequence] = []
    for s in shortcuts:
        for key in (QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]):
            if key not in keys:  # a standard key may repeat an explicit one (Ctrl+- is ZoomOut): Qt
                keys.append(key)  # then calls the shortcut ambiguous and ignores it
    if keys:
        action.setShortcuts(keys)
    if name:
        action.setObjectName(name)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work even with the menu bar hidden
    return action


def install(window) -> Actions:  # noqa: ANN001 - reader.ui.main_window.MainWindow
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    a_open = _action(window, "&Open…", window.open_dialog, Key.Open, name="actionOpen")
    a_url = _action(window, "Open &URL…", window.open_url_dialog, "Ctrl+L", name="actionOpenUrl")
    a_paste = _action(window, "New from &clipboard", window.paste_article, "Ctrl+Shift+V", name="actionPaste")
    file_menu.addActions([a_open, a_url, a_paste])
    recent = file_menu.addMenu("Open &Recent")
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(window.fill_recent_menu)
    file_menu.addSeparator()
    a_export = _action(window, "&Export notes…", window.export_notes_dialog, name="actionExportNotes")
    file_menu.addAction(a_export)
    file_menu.addSeparator()
    a_quit = _action(window, "&Quit", window.close, Key.Quit, name="actionQuit")
    file_menu.addAction(a_quit)

    edit_menu = bar.addMenu("&Edit")
    a_find = _action(window, "&Find in article…", window.show_find_bar, Key.Find, name="actionFind")
    edit_menu.addAction(a_find)
    edit_menu.addSeparator()
    a_prefs = _action(window, "&Preferences…", lambda: preferences.show_preferences(window), "Ctrl+,",
                      Key.Preferences, name="actionPreferences")
    a_prefs.setMenuRole(QAction.MenuRole.PreferencesRole)
    edit_menu.addAction(a_prefs)

    view_menu = bar.addMenu("&View")
    a_in = _action(window, "&Larger text", lambda: window.zoom(+1), "Ctrl+=", Key.ZoomIn, name="actionZoomIn")
    a_out = _action(window, "&Smaller text", lambda: window.zoom(-1), "Ctrl+-", Key.ZoomOut, name="actionZoomOut")
    a_reset = _action(window, "&Reset text size", lambda: window.zoom(0), "Ctrl+0", name="actionZoomReset")
    view_menu.addActions([a_in, a_out, a_reset])
    view_menu.addSeparator()
    view_menu.addAction(window.sources_dock.toggleViewAction())
    view_menu.addAction(window.sourcing_dock.toggleViewAction())

    sources_menu = bar.addMenu("&Sources")
    a_next = _action(window, "&Next claim of this source", window.next_claim, "N", "F3", name="actionNextClaim")
    a_prev = _action(window, "&Previous claim of this source", window.previous_claim, "P", "Shift+F3",
                     name="actionPreviousClaim")
    a_filter = _action(window, "&Filter sources", window.focus_source_filter, "Ctrl+Shift+S")
    # no window-wide shortcut: Esc also closes the find bar; the text and the list take Esc themselves
    a_all = _action(window, "&All sources (Esc)", window.show_all_sources, name="actionAllSources")
    sources_menu.addActions([a_next, a_prev, a_all, a_filter])

    library_menu = bar.addMenu("&Library")
    a_search = _action(window, "&Search library…", window.open_search, "Ctrl+Shift+F",
                       name="actionSearchNotes")
    a_book = _action(window, "Source &book…", window.open_source_book, "Ctrl+B", name="actionSourceBook")
    library_menu.addActions([a_search, a_book])
    library_menu.addAction(_action(window, "Sourcing &report…", lambda: sourcing_report.open_report(window),
                                   name="actionSourcingReport"))
    library_menu.addSeparator()
    library_menu.addAction(a_export)

    help_menu = bar.addMenu("&Help")
    dialogs = help_dialogs.HelpDialogs(window)
    a_help = _action(window, f"{APP_NAME} &help", dialogs.show_help, Key.HelpContents, "F1", name="actionHelp")
    a_keys = _action(window, "&Keyboard shortcuts", dialogs.show_shortcuts, name="actionShortcuts")
    a_about = _action(window, f"&About {APP_NAME}", dialogs.show_about, name="actionAbout")
    a_about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addActions([a_help, a_keys, a_about])
    return Actions(open=a_open, open_url=a_url, paste=a_paste, export_notes=a_export, quit=a_quit,
                   find=a_find, zoom_in=a_in, zoom_out=a_out, zoom_reset=a_reset, next_claim=a_next,
                   previous_claim=a_prev, all_sources=a_all, search_notes=a_search, source_book=a_book,
                   recent_menu=recent, preferences=a_prefs, help=a_help, shortcuts=a_keys, about=a_about)
