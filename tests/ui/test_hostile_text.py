"""Markup in article or network text is shown as text, never loaded (issue 17, item 6).

`<img src=…>` in a source's name or role, a note, a title or an HTTP reason phrase must reach
no widget as rich text: Qt would load the file (with /dev/zero, until the process dies).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.analysis import Analysis
from reader.ui.message_bar import MessageBar
from reader.ui.notes_editor import NotesPanel, NoteTarget
from reader.ui.plain_text import plain_tooltip
from reader.ui.sources_panel import DESCRIPTION, SourcesPanel
from ui_stubs import claim, source

IMG = "<img src=/dev/zero width=900>"


def test_a_source_name_with_markup_is_plain_in_the_notes_heading(qtbot):
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.set_target(NoteTarget("a1", "s1", f"{IMG} Mordechai", "person"))
    assert panel.heading.textFormat() == Qt.TextFormat.PlainText
    assert panel.heading.text() == f"Notes on {IMG} Mordechai"
    assert panel.heading.sizeHint().height() < 100  # no 838 px image


def test_a_reason_phrase_with_markup_is_plain_in_the_message_strip(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_message(f"Could not fetch https://x.example: HTTP 500 {IMG}")
    label = bar.findChild(type(panel_label := bar._label))  # noqa: SLF001 - the one label
    assert label is panel_label and label.textFormat() == Qt.TextFormat.PlainText
    assert IMG in bar.text()


def test_names_and_roles_with_markup_are_escaped_in_list_tooltips(qtbot):
    text = f"{IMG} said the port was open."
    analysis = Analysis(claims=[claim("c1", text, "the port was open", "said", IMG, "s1")],
                        sources=[source("s1", IMG, "person", ["c1"], title=IMG, role=IMG)])
    panel = SourcesPanel()
    qtbot.addWidget(panel)
    panel.set_analysis(analysis)
    item = panel._items["s1"]  # noqa: SLF001
    assert item.text(0) == IMG  # item text is always plain
    assert "<img" not in item.toolTip(0) and "&lt;img" in item.toolTip(0)
    assert IMG in item.data(0, DESCRIPTION)  # what the filter searches


def test_plain_tooltip_keeps_text_and_line_breaks():
    assert plain_tooltip("") == ""
    shown = plain_tooltip(f"a & b\n{IMG}")
    assert "&amp;" in shown and "&lt;img" in shown and "\n" in shown
