"""Keyboard reading order and visible focus in the main window.

Contract: `install(window)` makes Tab go article → sources list → source card → notes (and
Shift+Tab back), lets the card take focus so a screen reader reads it and its text can be
selected, and draws a focus ring (the palette's highlight colour, 2 px) around whichever of the
article, the sources list, the card or the notes has the keyboard. The notes editor puts the
cursor at the end of the note when Tab brings the focus in (reader/ui/notes_editor.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

FOCUS_RING_PX = 2
# a transparent ring when unfocused, so nothing moves when the focus comes
RING_CSS = ("#{name} {{ border: {px}px solid transparent; }} "
            "#{name}:focus {{ border: {px}px solid palette(highlight); }}")


def focus_ring(widget: QWidget, name: str) -> None:
    """A ring round `widget` while it has the keyboard focus (it is given `name` if it has none)."""
    if not widget.objectName():
        widget.setObjectName(name)
    widget.setStyleSheet(RING_CSS.format(name=widget.objectName(), px=FOCUS_RING_PX))


def reading_order(window) -> list[QWidget]:  # noqa: ANN001 - reader.ui.main_window.MainWindow
    return [window.view, window.sources.tree, window.sources.card, window.notes.editor]


def install(window) -> None:  # noqa: ANN001
    window.view.setTabChangesFocus(True)  # Tab leaves the article instead of walking its links
    card = window.sources.card
    card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    card.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # after the flags, which set a policy of their own
    # its name stays its text (what a screen reader reads); the description says what it is
    card.setAccessibleDescription("Source card: name, title and role of the selected source")
    order = reading_order(window)
    for first, second in zip(order, order[1:]):
        QWidget.setTabOrder(first, second)
    for widget, name in zip(order, ("articleView", "sourcesList", "sourceCard", "notesEditor")):
        focus_ring(widget, name)
