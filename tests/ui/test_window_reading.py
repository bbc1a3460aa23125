"""Issue 10 items 2–5 on the real window: a fresh format for every article, the three zoom keys,
the way back to every claim, and the current claim while stepping with n / p."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QGuiApplication

from reader.analysis import Analysis
from reader.ui.article_view import DEFAULT_POINT_SIZE
from reader.ui.highlights import CLAIM_ID

from ui_stubs import claim, source, stub_engine

TEXT = ("Harbour news\n"
        "The mayor said the ferries were back. Mayor Lund stated the pier held.\n"
        "She added that fares would fall. Officials reported it was calm.")
SECOND = "Weather news\nForecasters said the storm had passed.\nThe coast guard agreed."
SIGNAL_TIMEOUT_MS = 10_000


def _analysis() -> Analysis:
    return Analysis(
        claims=[claim("c1", TEXT, "the ferries were back", "said", "The mayor", "s1"),
                claim("c2", TEXT, "the pier held", "stated", "Mayor Lund", "s1"),
                claim("c3", TEXT, "that fares would fall", "added", "She", "s1"),
                claim("c4", TEXT, "it was calm", "reported", "Officials", "s2")],
        sources=[source("s1", "Mayor Lund", "person", ["c1", "c2", "c3"], title="Mayor"),
                 source("s2", "Officials", "unnamed_group", ["c4"])])


@pytest.fixture
def harbour(make_window, tmp_path, qtbot):
    """A window showing TEXT with its four claims drawn."""
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    window = make_window(engine_factory=stub_engine(_analysis(), version=None))
    with qtbot.waitSignal(window.analysisFinished, timeout=SIGNAL_TIMEOUT_MS):
        assert window.open_path(path)
    return window


def claims_drawn(window) -> set[str]:  # noqa: ANN001
    return {sel.format.property(CLAIM_ID) for sel in window.view.extraSelections()} - {None}


def body_formats(window) -> list[tuple[QFont.Weight, float]]:  # noqa: ANN001
    """(weight, point size) of every fragment after the title line."""
    out = []
    block = window.view.document().firstBlock().next()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            out.append((fmt.fontWeight(), fmt.fontPointSize()))
            it += 1
        block = block.next()
    return out


# item 2 -----------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["open", "paste"])
def test_the_next_article_is_not_drawn_as_the_heading_of_the_last(how, harbour, tmp_path, qtbot):
    window = harbour
    first = window.view.document().firstBlock().begin().fragment().charFormat()
    assert first.fontWeight() == QFont.Weight.Bold  # the title line is a heading …
    assert all(weight <= QFont.Weight.Normal for weight, _size in body_formats(window))  # … the rest not
    # no click into the text in between: the cursor still sits in the heading
    if how == "open":
        path = tmp_path / "weather.txt"
        path.write_text(SECOND, encoding="utf-8")
        assert window.open_path(path)
    else:
        QGuiApplication.clipboard().setText(SECOND)
        window.paste_article()
    assert window.view.toPlainText() == SECOND
    formats = body_formats(window)
    assert formats and all(weight <= QFont.Weight.Normal for weight, _size in formats)
    assert all(size in (0, window.view.point_size) for _weight, size in formats)
    heading = window.view.document().firstBlock().begin().fragment().charFormat()
    assert heading.fontWeight() == QFont.Weight.Bold  # its own title is a heading again


# item 3 -----------------------------------------------------------------------------------
def test_each_shortcut_belongs_to_one_action(make_window):
    window = make_window(engine_factory=stub_engine())
    seen: dict[str, str] = {}
    for action in window.actions():
        for key in action.shortcuts():
            assert key.toString() not in seen, f"{key.toString()} is on {seen[key.toString()]!r} and {action.text()!r}"
            seen[key.toString()] = action.text()
    assert {"Ctrl+=", "Ctrl+-", "Ctrl+0"} <= set(seen)


def test_the_three_zoom_keys_change_the_text_size(make_window, qtbot):
    window = make_window(engine_factory=stub_engine())
    window.view.setFocus()
    size = window.view.point_size
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.point_size == size + 1
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.point_size == size - 1
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.point_size == DEFAULT_POINT_SIZE


# item 4 -----------------------------------------------------------------------------------
def _row_of(window, source_id: str) -> QPoint:  # noqa: ANN001
    tree = window.sources.tree
    return tree.visualItemRect(window.sources._items[source_id]).center()


def test_all_sources_esc_and_empty_space_bring_back_every_claim(harbour, qtbot):
    window = harbour
    tree = window.sources.tree
    every = {"c1", "c2", "c3", "c4"}
    assert claims_drawn(window) == every

    def pick_officials() -> None:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=_row_of(window, "s2"))
        assert window.sources.current_source_id() == "s2" and claims_drawn(window) == {"c4"}

    pick_officials()
    top = tree.topLevelItem(0)
    assert top.text(0) == "All sources" and top.text(1) == "4"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(top).center())
    assert window.sources.current_source_id() == "" and claims_drawn(window) == every

    pick_officials()
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert claims_drawn(window) == every and tree.currentItem() is top

    pick_officials()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert claims_drawn(window) == every

    pick_officials()
    below_the_rows = QPoint(10, tree.viewport().height() - 5)
    assert tree.itemAt(below_the_rows) is None
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=below_the_rows)
    assert claims_drawn(window) == every and window.notes.target is None

    pick_officials()
    window.actions_.all_sources.trigger()
    assert claims_drawn(window) == every


def test_arrow_keys_step_over_group_headings(harbour, qtbot):
    window = harbour
    tree = window.sources.tree
    window.sources.select_all()
    tree.setFocus()
    visited = []
    for _ in range(4):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        visited.append(window.sources.current_source_id())
    # All sources → (People & officials) → Mayor Lund → (Anonymous & unnamed) → Officials, and it stays
    assert visited == ["s1", "s2", "s2", "s2"]
    assert claims_drawn(window) == {"c4"}
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert window.sources.current_source_id() == "s1"
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentItem() is tree.topLevelItem(0)  # All sources, not the heading
    qtbot.keyClick(tree, Qt.Key.Key_End)
    assert window.sources.current_source_id() == "s2"
    qtbot.keyClick(tree, Qt.Key.Key_Home)
    assert tree.currentItem() is tree.topLevelItem(0)
    heading = tree.topLevelItem(1)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=_row_of(window, "s1"))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(heading).center())
    assert window.sources.current_source_id() == "s1"  # a click on a heading keeps the source


# item 5 -----------------------------------------------------------------------------------
def _extent(window, claim_id: str) -> tuple[int, int]:  # noqa: ANN001
    c = window.navigator.claim(claim_id)
    spans = [*c.content, *c.cue, *c.source_mention]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _outline_is_painted(window) -> bool:  # noqa: ANN001
    """The pixel on the middle of the outline's top edge is the outline's colour (vermillion)."""
    rect = window.view.current_outline_rects()[0]
    image = window.view.viewport().grab().toImage()
    colour = image.pixelColor(int(rect.center().x()), int(round(rect.top())))
    return colour.red() > 150 and colour.green() < 150 and colour.blue() < 100


def test_n_and_p_outline_the_current_claim_and_say_which_of_how_many(harbour, qtbot):
    window = harbour
    position = window.sources.claim_position
    assert window.view.current_span() is None and not window.view.current_outline_rects()
    window.select_source("s1")
    assert window.view.current_span() == _extent(window, "c1")
    assert position.text() == "1 of 3" and position.isVisible()
    assert window.view.current_outline_rects() and _outline_is_painted(window)
    window.view.setFocus()
    seen = []
    for key in (Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_N, Qt.Key.Key_P):
        qtbot.keyClick(window.view, key)
        seen.append((position.text(), window.view.current_span()))
    assert seen == [("2 of 3", _extent(window, "c2")), ("3 of 3", _extent(window, "c3")),
                    ("1 of 3 — back to the first", _extent(window, "c1")),
                    ("3 of 3 — back to the last", _extent(window, "c3"))]
    assert "Wrapped" in window.statusBar().currentMessage()
    assert _outline_is_painted(window)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # every claim again: no current one
    assert window.view.current_span() is None and position.text() == ""
    window.select_source("s1")
    QGuiApplication.clipboard().setText(SECOND)
    window.paste_article()  # another article: its sources have never been stepped through
    assert position.text() == "" and window.view.current_span() is None
