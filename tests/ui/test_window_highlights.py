"""The sample article through the real model: highlights, source selection, navigation, hover, click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QTreeWidget

from reader.ui.highlights import CLAIM_ID, PART
from reader.ui.sources_panel import UNSOURCED


def drawn(window) -> dict[tuple[str, str], list[tuple[int, int, str]]]:  # noqa: ANN001
    """(claim id, part) → [(start, end, text)] of every claim overlay in the view."""
    out: dict = {}
    for sel in window.view.extraSelections():
        cid = sel.format.property(CLAIM_ID)
        if cid:
            c = sel.cursor
            out.setdefault((cid, sel.format.property(PART)), []).append(
                (c.selectionStart(), c.selectionEnd(), c.selectedText()))
    return out


def claim_ids_drawn(window) -> set[str]:  # noqa: ANN001
    return {cid for cid, _part in drawn(window)}


def test_known_claims_are_highlighted_at_their_positions(make_window, open_and_wait, sample_path):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    text = window.article.text
    assert window.view.toPlainText() == text  # the document itself is never modified
    overlays = drawn(window)
    assert analysis.claims
    for c in analysis.claims:
        for part, spans in (("content", c.content), ("cue", c.cue), ("mention", c.source_mention)):
            # the sample is all in the BMP without CRLF, so Qt positions equal code points here
            assert sorted(overlays.get((c.id, part), [])) == sorted((s, e, text[s:e]) for s, e in spans)
    # a claim every version of the engine must find: "According to the World Food Programme, …"
    start = text.index("According to the World Food Programme")
    wfp = [c for c in analysis.claims if c.cue and c.cue[0][0] == start]
    assert wfp, "the according-to claim is missing"
    cue_start, cue_end = wfp[0].cue[0]
    assert text[cue_start:cue_end] == "According to"
    assert "World Food Programme" in overlays[(wfp[0].id, "mention")][0][2]
    assert f"from {len(analysis.sources)} source" in window.statusBar().currentMessage()


def test_selecting_a_source_highlights_exactly_its_claims(make_window, open_and_wait, sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    top = max(analysis.sources, key=lambda s: len(s.claim_ids))
    assert window.select_source(top.id)
    expected = {c.id for c in analysis.claims if c.source_id == top.id}
    assert claim_ids_drawn(window) == expected
    # scrolled to (and the cursor put on) its first claim
    first = min(min(s for s, _ in [*c.content, *c.cue, *c.source_mention])
                for c in analysis.claims if c.id in expected)
    assert window.view.textCursor().position() == first
    assert window.sources.card.text().startswith(f"<b style='font-size:larger'>{top.name}")
    # deselecting shows every claim again
    window.sources.tree.setCurrentItem(None)
    assert claim_ids_drawn(window) == {c.id for c in analysis.claims}


def test_n_p_and_f3_step_through_the_claims_of_the_source(make_window, open_and_wait, sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    window.select_source(window.sources.source_ids()[0])
    window.select_source(max(analysis.sources, key=lambda s: len(s.claim_ids)).id)
    order = list(window.navigator._order)
    starts = [window.view.textCursor().position()]
    window.view.setFocus()
    for key in (Qt.Key.Key_N, Qt.Key.Key_F3):
        qtbot.keyClick(window.view, key)
        starts.append(window.view.textCursor().position())
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    starts.append(window.view.textCursor().position())
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    starts.append(window.view.textCursor().position())
    claims = {c.id: c for c in analysis.claims}
    extent = [min(s for s, _ in [*claims[i].content, *claims[i].cue, *claims[i].source_mention]) for i in order]
    n = len(order)
    assert starts == [extent[0], extent[1 % n], extent[2 % n], extent[1 % n], extent[0]]


def test_typing_n_in_the_notes_does_not_jump(make_window, open_and_wait, sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    window.select_source(analysis.sources[0].id)
    before = window.view.textCursor().position()
    qtbot.keyClicks(window.notes.editor, "no pun")
    assert window.notes.editor.toPlainText() == "no pun"
    assert window.view.textCursor().position() == before


def _point_of(window, position: int) -> QPoint:  # noqa: ANN001
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(position)
    window.view.setTextCursor(cursor)
    window.view.ensureCursorVisible()
    return window.view.cursorRect(cursor).center() + QPoint(2, 0)


def test_click_on_a_highlight_selects_its_source_and_hover_explains_it(make_window, open_and_wait,
                                                                       sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    target = next(c for c in reversed(analysis.claims) if c.source_id)
    s, e = target.content[0]
    point = _point_of(window, (s + e) // 2)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.sources.current_source_id() == target.source_id
    assert target.id in claim_ids_drawn(window)
    source = analysis.source(target.source_id)
    # hover: the tooltip names the source, the cue, the kind, the confidence and the rule
    point = _point_of(window, (s + e) // 2)  # selecting the source scrolled the view
    event = QHelpEvent(QEvent.Type.ToolTip, point, window.view.viewport().mapToGlobal(point))
    window.view.viewportEvent(event)
    tip = window.view.last_tooltip
    assert source.name in tip and f"rule {target.rule}" in tip and "confidence" in tip
    assert window.article.text[target.cue[0][0]:target.cue[0][1]] in tip


def test_sources_are_grouped_counted_and_filterable(make_window, open_and_wait, sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    tree = window.findChild(QTreeWidget, "sourcesList")
    rows = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert rows[0] == "All sources" and tree.topLevelItem(0).text(1) == str(len(analysis.claims))
    groups = rows[1:]
    allowed = ["People & officials", "Media", "Organisations & government", "Anonymous & unnamed", "Unsourced"]
    assert groups == [g for g in allowed if g in groups] and groups
    for src in analysis.sources:
        assert window.sources.count_of(src.id) == len(src.claim_ids)
    unsourced = [c for c in analysis.claims if c.source_id is None]
    assert (UNSOURCED in window.sources.source_ids()) == bool(unsourced)
    name = analysis.sources[0].name
    qtbot.keyClicks(window.sources.filter, name)
    visible = [i for i in window.sources.source_ids() if not window.sources._items[i].isHidden()]
    assert analysis.sources[0].id in visible
    assert all(name.casefold() in window.sources._items[i].toolTip(0).casefold() for i in visible)
