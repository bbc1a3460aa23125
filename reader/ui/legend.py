"""The cue-class toggles beside the legend: which kinds of attribution are highlighted.

Contract:
* `CUE_CLASSES` are the contract's seven `cue_class` values, in the order the row shows them;
  `CLASS_WORDS` names each in words (the toggle's tooltip and the claim's hover say it).
* `ClassToggles` is a row of checkable buttons, one per class, each showing how many claims of
  that class the article has. Toggling one emits `classesChanged(frozenset)` with the classes
  now hidden; the window redraws with `shown_claim_ids`.
* The hidden classes are kept in the window's settings file (`view/hiddenClasses`), read when
  the row is built and written on every toggle; a class name the file holds that is not a
  class any more is ignored.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

CUE_CLASSES = ("speech", "belief", "intention", "evidence", "decree", "perception", "hedge")
CLASS_WORDS = {
    "speech": "Speech: what someone said, claimed, denied, asked or announced",
    "belief": "Belief: what someone thinks, knows, expects or doubts",
    "intention": "Intention: what someone plans, wants, promises, demands, supports or opposes",
    "evidence": "Evidence: what a document, study, poll, record or data set shows",
    "decree": "Decree: what a court, authority or body ruled, decided or ordered",
    "perception": "Perception: what someone saw, heard, noticed or felt about a fact",
    "hedge": "Hedge: a claim the author reports with no one named (reportedly, is believed)",
}
HIDDEN_KEY = "view/hiddenClasses"


def shown_claim_ids(analysis, claim_ids: set[str] | None, hidden: frozenset[str]) -> set[str] | None:  # noqa: ANN001
    """The claims to draw: those of `claim_ids` (None: all) whose class is not hidden; None
    when nothing is filtered, so the caller keeps its fast path."""
    if not hidden:
        return claim_ids
    return {c.id for c in analysis.claims
            if c.cue_class not in hidden and (claim_ids is None or c.id in claim_ids)}


class ClassToggles(QWidget):
    classesChanged = Signal(frozenset)  # the classes now hidden

    def __init__(self, settings_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="classToggles")
        self._settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        self.setAccessibleName("Kinds of claim to highlight")
        # the row never sets the window's minimum width; a very narrow window clips its end
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 2)
        row.setSpacing(4)
        row.addWidget(QLabel("Show:", objectName="classTogglesLabel"))
        hidden = self._stored_hidden()
        self.buttons: dict[str, QToolButton] = {}
        for name in CUE_CLASSES:
            button = QToolButton(objectName=f"classToggle_{name}")
            button.setCheckable(True)
            button.setChecked(name not in hidden)
            button.setAutoRaise(True)
            button.setToolTip(CLASS_WORDS[name])
            button.setAccessibleName(CLASS_WORDS[name])
            button.toggled.connect(self._on_toggled)
            self.buttons[name] = button
            row.addWidget(button)
            _mark_off(button)
        row.addStretch(1)
        self.set_counts(None)

    def _stored_hidden(self) -> frozenset[str]:
        value = self._settings.value(HIDDEN_KEY, [])
        items = [value] if isinstance(value, str) else list(value or [])   # one item comes back as a str
        return frozenset(v for v in items if v in CUE_CLASSES)

    def hidden(self) -> frozenset[str]:
        return frozenset(name for name, b in self.buttons.items() if not b.isChecked())

    def set_counts(self, analysis) -> None:  # noqa: ANN001
        """Each button shows its class and how many claims of it the article has."""
        counts = Counter(c.cue_class for c in analysis.claims) if analysis is not None else Counter()
        for name, button in self.buttons.items():
            button.setText(f"{name} {counts[name]}" if analysis is not None else name)

    def set_hidden(self, hidden: frozenset[str] | set[str]) -> None:
        for name, button in self.buttons.items():
            button.setChecked(name not in hidden)

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        for button in self.buttons.values():
            _mark_off(button)
        hidden = self.hidden()
        self._settings.setValue(HIDDEN_KEY, sorted(hidden))
        self._settings.sync()
        self.classesChanged.emit(hidden)


def _mark_off(button: QToolButton) -> None:
    """A hidden class is struck through, so the row reads right without colour too."""
    font = button.font()
    font.setStrikeOut(not button.isChecked())
    button.setFont(font)
