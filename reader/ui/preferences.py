"""Preferences (Edit › Preferences…, Ctrl+,): theme, text font and size, reading width, which claim
classes are highlighted, the autosave delay of notes, and where the library lives.

Contract
- `Preferences` is what the user chose; `load(settings)` reads it from the window's ini file
  (reader/ui/settings.py's file, keys under "prefs/"; the text size is the existing
  "view/fontSize"), `save(settings, prefs)` writes it, `apply(window, prefs)` makes the window
  show it. The window calls `apply(window, load(settings))` once at start.
- Changes in the dialog apply and are saved at once (there is no OK to forget); "Restore
  defaults" goes back to `Preferences()` (the library folder has its own "Use the default
  location": resetting the other preferences never changes where the library lives).
- "Highlight" shows and sets the window's cue-class toggles (reader/ui/legend.py), which keep
  the classes not highlighted in the same settings file: one state, two places to change it.
- The dark theme is Qt's Fusion style with a dark palette: it needs no desktop (GTK) theme.
  "system" leaves the platform's style and palette as the application started with them.
- The autosave delay is the pause in typing after which a note is handed to the library
  (reader/ui/notes_editor.py's `HandOverTimers`, one per note editor of the window).
- "Library" is reader/ui/library_location.py's row: a new folder is saved at once and used
  from the next start.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QSpinBox,
    QStyleFactory,
    QVBoxLayout,
    QWidget,
)

from reader.ui.article_view import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MEASURE_CHARS, MIN_POINT_SIZE
from reader.ui.library_location import LibraryLocationRow
from reader.ui.notes_editor import SAVE_PAUSE_MS, HandOverTimers
from reader.ui.settings import UiSettings

THEMES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
MIN_WIDTH, MAX_WIDTH = 40, 140  # characters per line
DIALOG_WIDTH = 620
DEFAULT_FONT_LABEL = "Default (a serif for reading)"
MIN_SAVE_DELAY_S, MAX_SAVE_DELAY_S, SAVE_DELAY_STEP_S = 0.25, 10.0, 0.25  # autosave delay of notes
_KEYS = {"theme": "prefs/theme", "font_family": "prefs/fontFamily", "reading_width": "prefs/readingWidth",
         "save_delay_ms": "prefs/saveDelayMs"}
CLASS_WORDS = {"speech": "Speech (said, told, denied)", "belief": "Belief (thinks, expects)",
               "intention": "Intention (plans, wants)", "evidence": "Evidence (shows, found)",
               "decree": "Decree (ordered, ruled)", "perception": "Perception (saw, heard)",
               "hedge": "Hedged (reportedly, is believed)"}


@dataclass(frozen=True)
class Preferences:
    theme: str = "system"
    font_family: str = ""  # "" = the default serif families
    font_size: float = DEFAULT_POINT_SIZE
    reading_width: int = MEASURE_CHARS
    save_delay_ms: int = SAVE_PAUSE_MS  # a pause in typing this long saves the note


def _clamped_int(qs: QSettings, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(qs.value(key, default))
    except (TypeError, ValueError):  # a hand-edited file: the default rather than no window
        value = default
    return max(low, min(high, value))


def load(settings: UiSettings) -> Preferences:
    qs = QSettings(str(settings.path), QSettings.Format.IniFormat)
    theme = str(qs.value(_KEYS["theme"], "system"))
    return Preferences(theme=theme if theme in THEMES else "system",
                       font_family=str(qs.value(_KEYS["font_family"], "") or ""),
                       font_size=settings.font_size(DEFAULT_POINT_SIZE),
                       reading_width=_clamped_int(qs, _KEYS["reading_width"], MEASURE_CHARS, MIN_WIDTH, MAX_WIDTH),
                       save_delay_ms=_clamped_int(qs, _KEYS["save_delay_ms"], SAVE_PAUSE_MS,
                                            int(MIN_SAVE_DELAY_S * 1000), int(MAX_SAVE_DELAY_S * 1000)))


def save(settings: UiSettings, prefs: Preferences) -> None:
    qs = QSettings(str(settings.path), QSettings.Format.IniFormat)
    qs.setValue(_KEYS["theme"], prefs.theme)
    qs.setValue(_KEYS["font_family"], prefs.font_family)
    qs.setValue(_KEYS["reading_width"], int(prefs.reading_width))
    qs.setValue(_KEYS["save_delay_ms"], int(prefs.save_delay_ms))
    qs.sync()
    settings.set_font_size(prefs.font_size)


# themes ----------------------------------------------------------------------------------------
_SYSTEM: dict[str, object] = {}  # the style and palette the application started with


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1f1f1f"),
                         (roles.AlternateBase, "#2a2a2a"), (roles.ToolTipBase, "#333333"),
                         (roles.ToolTipText, "#f0f0f0"), (roles.Text, "#e6e6e6"), (roles.Button, "#333333"),
                         (roles.ButtonText, "#e6e6e6"), (roles.BrightText, "#ff6b6b"), (roles.Link, "#6cb6ff"),
                         (roles.Highlight, "#2f6db5"), (roles.HighlightedText, "#ffffff"),
                         (roles.PlaceholderText, "#9a9a9a")):
        p.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def apply_theme(theme: str) -> None:
    app = QApplication.instance()
    if app is None:
        return
    if not _SYSTEM:
        _SYSTEM["style"] = app.style().name()
        _SYSTEM["palette"] = QPalette(app.palette())
    if theme == "system":
        if app.style().name() != _SYSTEM["style"]:
            app.setStyle(QStyleFactory.create(str(_SYSTEM["style"])))
        app.setPalette(_SYSTEM["palette"])
        return
    if app.style().name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())


def apply(window, prefs: Preferences) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
    apply_theme(prefs.theme)
    window.view.set_reading_style(prefs.font_family, prefs.reading_width)
    window.view.set_point_size(prefs.font_size)
    for timers in window.findChildren(HandOverTimers):  # the source's and the claim's note editors
        timers.set_pause(prefs.save_delay_ms)


# the dialog --------------------------------------------------------------------------------------
class PreferencesDialog(QDialog):
    changed = Signal(object)  # Preferences, applied and saved

    def __init__(self, window) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
        super().__init__(window, objectName="preferencesDialog")
        self._window = window
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(DIALOG_WIDTH)
        self.prefs = load(window.settings)

        self.theme = QComboBox(objectName="themeChoice")
        for key, label in THEMES.items():
            self.theme.addItem(label, key)
        self.font_family = QComboBox(objectName="fontChoice")
        self.font_family.addItem(DEFAULT_FONT_LABEL, "")
        for family in QFontDatabase.families():
            self.font_family.addItem(family, family)
        self.font_size = QDoubleSpinBox(objectName="fontSize", suffix=" pt", decimals=0, singleStep=1)
        self.font_size.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.reading_width = QSpinBox(objectName="readingWidth", suffix=" characters per line")
        self.reading_width.setRange(MIN_WIDTH, MAX_WIDTH)
        self.save_delay = QDoubleSpinBox(objectName="saveDelay", suffix=" s", decimals=2,
                                         singleStep=SAVE_DELAY_STEP_S)
        self.save_delay.setRange(MIN_SAVE_DELAY_S, MAX_SAVE_DELAY_S)
        self.library_row = LibraryLocationRow(Path(window.data_dir), window.settings)
        self.library = self.library_row.field
        for widget, name, about in (
                (self.theme, "Theme", "Light, dark, or as the system is"),
                (self.font_family, "Font of the article", "The typeface of the article text"),
                (self.font_size, "Text size", "The size of the article text in points"),
                (self.reading_width, "Reading width", "How many characters a line of the article holds"),
                (self.save_delay, "Autosave delay",
                 "How long a pause in typing is before the note is saved")):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(about)

        self.classes: dict[str, QCheckBox] = {}
        classes = QWidget(objectName="highlightClasses")
        grid = QGridLayout(classes)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (name, words) in enumerate(CLASS_WORDS.items()):
            box = QCheckBox(words, objectName=f"highlight_{name}")
            box.setAccessibleDescription(f"Highlight {name} claims (the Show buttons above the article)")
            self.classes[name] = box
            grid.addWidget(box, i // 2, i % 2)

        form = QFormLayout()
        form.addRow("&Theme:", self.theme)
        form.addRow("&Font:", self.font_family)
        form.addRow("Text &size:", self.font_size)
        form.addRow("Reading &width:", self.reading_width)
        form.addRow("Highlight:", classes)
        form.addRow("&Autosave notes after:", self.save_delay)
        form.addRow("Library:", self.library_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self._show(self.prefs)
        self.theme.currentIndexChanged.connect(self._edited)
        self.font_family.currentIndexChanged.connect(self._edited)
        self.font_size.valueChanged.connect(self._edited)
        self.reading_width.valueChanged.connect(self._edited)
        self.save_delay.valueChanged.connect(self._edited)
        for box in self.classes.values():
            box.toggled.connect(self._classes_edited)

    def _show(self, prefs: Preferences) -> None:
        widgets = (self.theme, self.font_family, self.font_size, self.reading_width, self.save_delay,
                   *self.classes.values())
        for w in widgets:
            w.blockSignals(True)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.font_family.setCurrentIndex(max(0, self.font_family.findData(prefs.font_family)))
        self.font_size.setValue(prefs.font_size)
        self.reading_width.setValue(prefs.reading_width)
        self.save_delay.setValue(prefs.save_delay_ms / 1000)
        hidden = self._window.class_toggles.hidden()
        for name, box in self.classes.items():
            box.setChecked(name not in hidden)
        for w in widgets:
            w.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        # the text size may have changed by zooming since the dialog was made
        self.prefs = replace(self.prefs, font_size=self._window.view.point_size)
        self._show(self.prefs)
        super().showEvent(event)

    def _edited(self) -> None:
        self.set_preferences(Preferences(theme=self.theme.currentData(), font_family=self.font_family.currentData(),
                                         font_size=self.font_size.value(), reading_width=self.reading_width.value(),
                                         save_delay_ms=round(self.save_delay.value() * 1000)))

    def _classes_edited(self) -> None:
        # the window's toggles keep (and save) the hidden classes and redraw
        self._window.class_toggles.set_hidden(frozenset(n for n, box in self.classes.items() if not box.isChecked()))

    def set_preferences(self, prefs: Preferences) -> None:
        """Apply, save and show `prefs` (as the dialog's controls do)."""
        self.prefs = prefs
        apply(self._window, prefs)
        save(self._window.settings, prefs)
        self._show(prefs)
        self.changed.emit(prefs)

    def restore_defaults(self) -> None:
        self.set_preferences(Preferences())


def show_preferences(window) -> PreferencesDialog:  # noqa: ANN001
    """Edit › Preferences…: the window's one dialog, made on first use."""
    dialog = window.findChild(PreferencesDialog, "preferencesDialog") or PreferencesDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
