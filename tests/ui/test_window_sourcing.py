"""The Sourcing tab through the real window and model: its bars against counts made here from the
claims, a segment click filtering the highlights, the keyboard, accessible names, a dark palette."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from tests.ui.test_window_highlights import claim_ids_drawn

DRAW_TIMEOUT_MS = 10_000

DIMENSIONS = ("by_source_kind", "by_claim_kind", "by_cue_class")
DARK = {QPalette.ColorRole.Window: "#232323", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1b1b1b", QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#303030", QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Mid: "#5a5a5a", QPalette.ColorRole.Highlight: "#3d8ee0"}
FUSION_DARK_WINDOW = "#353535"  # the window of the usual Fusion dark palette: blue (#0072B2) on it is 2.4:1


@pytest.fixture
def open_and_show_sourcing(open_and_wait, qtbot):  # noqa: ANN001, ANN201
    """Open and wait for the analysis, then bring the Sourcing tab to the front and wait until it
    has drawn that analysis: the tab is drawn only while it is seen."""
    def run(window, path):  # noqa: ANN001, ANN202
        analysis = open_and_wait(window, path)
        show_sourcing(window, qtbot)
        return analysis

    return run


def show_sourcing(window, qtbot) -> None:  # noqa: ANN001
    if window.display.sourcing_current() and not window.sourcing.drawing:
        return
    with qtbot.waitSignal(window.sourcing.drawn, timeout=DRAW_TIMEOUT_MS):
        window.sourcing_dock.raise_()


def hand_counts(analysis) -> dict[str, Counter]:  # noqa: ANN001
    """Per dimension, category → claims, counted here from the claims and their sources."""
    def source_kind(claim) -> str:  # noqa: ANN001
        source = analysis.source(claim.source_id)
        return source.kind if source is not None else "unsourced"
    return {"by_source_kind": Counter(source_kind(c) for c in analysis.claims),
            "by_claim_kind": Counter(c.kind for c in analysis.claims),
            "by_cue_class": Counter(c.cue_class for c in analysis.claims)}


def shown(window, dimension: str) -> dict[str, int]:  # noqa: ANN001
    return {s.segment.category: s.count for s in window.sourcing.bars[dimension].segments}


def segment(window, dimension: str, category: str):  # noqa: ANN001, ANN201
    return next(s for s in window.sourcing.bars[dimension].segments if s.segment.category == category)


def wcag_contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        ch = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in (c.redF(), c.greenF(), c.blueF())]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_a_hidden_sourcing_tab_is_drawn_only_once_it_is_shown(make_window, open_and_wait, sample_path, qtbot):
    window = make_window()
    analysis = open_and_wait(window, sample_path)
    assert window.sourcing.profile is None  # behind the Sources tab: nothing was built for it
    show_sourcing(window, qtbot)
    assert window.sourcing.profile["claims"] == len(analysis.claims)
    assert sum(shown(window, "by_claim_kind").values()) == len(analysis.claims)


def test_bars_show_the_profile_and_follow_a_new_analysis(make_window, open_and_show_sourcing, sample_path, tmp_path):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    counts = hand_counts(analysis)
    for dimension in DIMENSIONS:
        assert shown(window, dimension) == {k: n for k, n in counts[dimension].items() if n}
    bar = window.sourcing.bars["by_source_kind"]
    # widths follow the counts: the largest segment is the widest, every segment is drawn
    widest = max(bar.segments, key=lambda s: s.width())
    assert widest.count == max(s.count for s in bar.segments)
    assert sum(s.width() for s in bar.segments) == bar.width()
    text = window.sourcing.sentences.text()
    assert f"of {len(analysis.sources)} sources are anonymous or unnamed" in text
    direct = counts["by_claim_kind"]["direct"]
    assert f"{direct} of {len(analysis.claims)} claims are direct quote" in text
    assert window.sourcing.summary.text().startswith(f"{len(analysis.claims)} claims from {len(analysis.sources)}")

    small = tmp_path / "small.txt"
    small.write_text("Port strike\n\nMaria Okafor said the port would reopen on Monday. "
                     "The strike reportedly cost millions.\n", encoding="utf-8")
    second = open_and_show_sourcing(window, small)
    assert shown(window, "by_claim_kind") == {k: n for k, n in hand_counts(second)["by_claim_kind"].items() if n}
    assert sum(shown(window, "by_source_kind").values()) == len(second.claims) < len(analysis.claims)


def test_clicking_a_segment_highlights_exactly_its_claims(make_window, open_and_show_sourcing, sample_path, qtbot):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    window.sourcing_dock.raise_()
    every = {c.id for c in analysis.claims}
    assert claim_ids_drawn(window) == every
    kinds = hand_counts(analysis)["by_source_kind"]
    category = next(k for k in ("anonymous", "unnamed_group", "media") if kinds[k])
    wanted = {c.id for c in analysis.claims
              if (analysis.source(c.source_id).kind if c.source_id else "unsourced") == category}
    button = segment(window, "by_source_kind", category)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert claim_ids_drawn(window) == wanted and wanted != every
    assert button.chosen and "highlighted now" in button.accessibleDescription()
    assert window.sources.current_source_id() == ""
    assert window.sourcing.chosen_line.text().startswith(f"Highlighted: only the {len(wanted)} claim")
    # the view went to the first of them, and n steps through them only
    first = min(min(s for s, _ in [*c.content, *c.cue, *c.source_mention]) for c in analysis.claims if c.id in wanted)
    assert window.view.textCursor().position() == first
    window.next_claim()
    assert window.navigator.current_claim_id() in wanted

    # another dimension: the direct quotes only
    qtbot.mouseClick(segment(window, "by_claim_kind", "direct"), Qt.MouseButton.LeftButton)
    assert claim_ids_drawn(window) == {c.id for c in analysis.claims if c.kind == "direct"}
    assert not button.chosen
    # "All sources" in the Sources tab brings every claim back
    window.sources_dock.raise_()
    all_row = window.sources.tree.topLevelItem(0)
    rect = window.sources.tree.visualItemRect(all_row)
    qtbot.mouseClick(window.sources.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert claim_ids_drawn(window) == every
    assert not any(s.chosen for bar in window.sourcing.bars.values() for s in bar.segments)
    # a source chosen in the list replaces a segment; clicking a chosen segment again shows all
    window.sourcing_dock.raise_()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert claim_ids_drawn(window) == wanted
    qtbot.keyClick(button, Qt.Key.Key_Return)  # the chosen one again (a second click would be a double-click)
    assert claim_ids_drawn(window) == every
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # Esc in the text, as after a source
    assert claim_ids_drawn(window) == every and not button.chosen and window.sourcing.chosen_line.isHidden()
    top = max(analysis.sources, key=lambda s: len(s.claim_ids))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.select_source(top.id)
    assert claim_ids_drawn(window) == {c.id for c in analysis.claims if c.source_id == top.id}
    assert not button.chosen


def test_keyboard_reaches_a_bar_moves_between_segments_and_filters(make_window, open_and_show_sourcing, sample_path, qtbot):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    window.sourcing_dock.raise_()
    bar = window.sourcing.bars["by_claim_kind"]
    # one segment per bar is in the Tab chain; the others are reached with the arrows
    in_chain = [s for s in bar.segments if s.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert in_chain == [bar.segments[0]]
    window.sourcing.bars["by_source_kind"].segments[-1].setFocus()
    qtbot.waitUntil(lambda: window.sourcing.bars["by_source_kind"].segments[-1].hasFocus())
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # the next bar: its current segment
    assert bar.segments[0].hasFocus()
    qtbot.keyClick(bar.segments[0], Qt.Key.Key_Right)
    second = bar.segments[1]
    assert second.hasFocus() and [s for s in bar.segments if s.focusPolicy() & Qt.FocusPolicy.TabFocus] == [second]
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert claim_ids_drawn(window) == {c.id for c in analysis.claims if c.kind == second.segment.category}
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_End)
    assert bar.segments[-1].hasFocus()
    qtbot.keyClick(bar.segments[-1], Qt.Key.Key_Home)
    assert bar.segments[0].hasFocus()


def test_bars_and_segments_have_accessible_names(make_window, open_and_show_sourcing, sample_path):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    names = {d: window.sourcing.bars[d].accessibleName() for d in DIMENSIONS}
    assert names == {"by_source_kind": "Claims by kind of source", "by_claim_kind": "Claims by kind of claim",
                     "by_cue_class": "Claims by cue class"}
    for dimension in DIMENSIONS:
        bar = window.sourcing.bars[dimension]
        assert "Enter" in bar.accessibleDescription()
        for s in bar.segments:
            assert s.accessibleName().startswith(f"{s.label}: {s.count} claim")
            assert "Enter highlights only these claims" in s.accessibleDescription()
            assert str(s.count) in bar.accessibleDescription()
    direct = segment(window, "by_claim_kind", "direct")
    assert direct.label == "direct quote" and direct.count == sum(c.kind == "direct" for c in analysis.claims)


def edge_contrasts(bar) -> dict:  # noqa: ANN001
    """Per segment and legend swatch, the lowest contrast of its drawn edge (left, top, bottom pixels)
    against the window pixel that shows between two segments."""
    image = bar.grab().toImage()
    first = bar.segments[0]
    ground = image.pixelColor(first.x() + first.width() - 1, first.height() // 2)  # the gap after it
    assert ground == bar.palette().color(QPalette.ColorRole.Window)
    lowest = {}
    for s in bar.segments:
        middle = s.x() + s.width() // 2
        edge = [(s.x(), s.height() // 2), (middle, 0), (middle, s.height() - 1)]
        lowest[s.segment.category] = min(wcag_contrast(image.pixelColor(x, y), ground) for x, y in edge)
    for swatch, s, _text in bar.legend_entries(bar.width()):  # the legend's squares have that edge too
        edge = [(swatch.left(), swatch.center().y()), (swatch.center().x(), swatch.top())]
        lowest[f"swatch {s.segment.category}"] = min(wcag_contrast(image.pixelColor(x, y), ground) for x, y in edge)
    return lowest


@pytest.mark.parametrize("ground", [DARK[QPalette.ColorRole.Window], FUSION_DARK_WINDOW])
def test_a_dark_palette_keeps_every_label_readable(make_window, open_and_show_sourcing, sample_path, qtbot, ground):
    window = make_window()
    open_and_show_sourcing(window, sample_path)
    window.sourcing_dock.raise_()
    # every segment's edge meets WCAG's 3:1 for graphics on the light window (yellow is faint on it) …
    for bar in window.sourcing.bars.values():
        assert min(edge_contrasts(bar).values()) >= 3, (bar.dimension.key, edge_contrasts(bar))
    dark = QPalette(window.palette())
    for role, colour in {**DARK, QPalette.ColorRole.Window: ground}.items():
        dark.setColor(role, QColor(colour))
    window.setPalette(dark)
    panel = window.sourcing
    qtbot.waitUntil(lambda: panel.palette().color(QPalette.ColorRole.Window) == QColor(ground))
    ink, ground = panel.palette().color(QPalette.ColorRole.WindowText), panel.palette().color(QPalette.ColorRole.Window)
    assert wcag_contrast(ink, ground) >= 7  # titles, legend and sentences
    anonymous = None
    for bar in panel.bars.values():
        image = bar.grab().toImage()
        for s in bar.segments:
            fill = s.fill_colour()
            # the segment is really drawn in that colour, and its count reads on it
            assert image.pixelColor(s.x() + 1, 1).name() == fill.name()
            assert wcag_contrast(s.text_colour(), fill) >= 4.5, s.segment
            if s.segment.category == "anonymous":
                anonymous = s
        # … and on a dark one, where blue (#0072B2) alone is 3.0:1 (#232323) or 2.4:1 (#353535)
        assert min(edge_contrasts(bar).values()) >= 3, (bar.dimension.key, edge_contrasts(bar))
    if anonymous is not None:  # the neutral hue follows the palette: light on a dark window
        assert anonymous.fill_colour() == ink and wcag_contrast(anonymous.fill_colour(), ground) >= 7


def extent(claim) -> tuple[int, int]:  # noqa: ANN001
    spans = [*claim.content, *claim.cue, *claim.source_mention]
    return min(s for s, _ in spans), max(e for _, e in spans)


def test_the_selected_sources_claims_are_listed_and_a_click_jumps_there(make_window, open_and_show_sourcing,
                                                                        sample_path, qtbot):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    text = window.article.text
    listing = window.sources.claims
    assert listing.isHidden()  # "All sources": no list
    top = max(analysis.sources, key=lambda s: len(s.claim_ids))
    assert len(top.claim_ids) >= 3
    assert window.select_source(top.id)
    mine = sorted((c for c in analysis.claims if c.source_id == top.id), key=extent)
    assert listing.isVisible() and listing.claim_ids() == [c.id for c in mine]
    _assert_rows_show_cue_and_words(listing, text, mine)
    assert listing.currentRow() == 0  # selecting the source went to its first claim
    _click_the_third_row(window, qtbot, listing, mine)
    assert window.sources.claim_position.text().startswith("3 of")
    _step_then_enter_on_the_first_row(window, qtbot, listing, mine)
    # "All sources" restores everything
    window.show_all_sources()
    assert listing.isHidden() and claim_ids_drawn(window) == {c.id for c in analysis.claims}


def test_a_chosen_segments_claims_are_listed_under_its_bar_and_a_click_jumps_there(make_window, open_and_show_sourcing,
                                                                                    sample_path, qtbot):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    window.sourcing_dock.raise_()
    text, panel = window.article.text, window.sourcing
    listing = panel.claims
    assert listing.isHidden() and panel.chosen_box.isHidden()
    kinds = hand_counts(analysis)["by_source_kind"]
    category = min((k for k, n in kinds.items() if n >= 3), key=lambda k: kinds[k])  # a few claims, not one

    def kind_of(claim) -> str:  # noqa: ANN001
        return analysis.source(claim.source_id).kind if claim.source_id else "unsourced"
    mine = sorted((c for c in analysis.claims if kind_of(c) == category), key=extent)
    qtbot.mouseClick(segment(window, "by_source_kind", category), Qt.MouseButton.LeftButton)
    assert listing.isVisible() and listing.claim_ids() == [c.id for c in mine]
    assert window.sources.claims.isHidden()  # no source is selected: its list stays away
    _assert_rows_show_cue_and_words(listing, text, mine)
    # right under the chosen segment's bar, above the next title
    qtbot.waitUntil(lambda: panel.bars["by_source_kind"].geometry().bottom() < panel.chosen_box.geometry().top()
                    < panel.chosen_box.geometry().bottom() < panel.titles["by_claim_kind"].geometry().top())
    assert listing.currentRow() == 0  # choosing the segment went to its first claim
    _click_the_third_row(window, qtbot, listing, mine)
    _step_then_enter_on_the_first_row(window, qtbot, listing, mine)

    # a segment of another bar: its claims, under that bar
    qtbot.mouseClick(segment(window, "by_claim_kind", "direct"), Qt.MouseButton.LeftButton)
    direct = sorted((c for c in analysis.claims if c.kind == "direct"), key=extent)
    assert listing.claim_ids() == [c.id for c in direct] and "direct quote" in listing.accessibleName()
    qtbot.waitUntil(lambda: panel.bars["by_claim_kind"].geometry().bottom() < panel.chosen_box.geometry().top()
                    < panel.titles["by_cue_class"].geometry().top())
    # Esc in the text hides it
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert listing.isHidden() and panel.chosen_box.isHidden()
    assert claim_ids_drawn(window) == {c.id for c in analysis.claims}
    # so does "All sources" in the Sources tab
    button = segment(window, "by_source_kind", category)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert listing.isVisible()
    window.sources_dock.raise_()
    rect = window.sources.tree.visualItemRect(window.sources.tree.topLevelItem(0))
    qtbot.mouseClick(window.sources.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert listing.isHidden() and window.sources.claims.isHidden()
    # and choosing the segment again; a source chosen instead shows the source's list, not the segment's
    window.sourcing_dock.raise_()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(button, Qt.Key.Key_Return)  # the chosen one again: every claim
    assert listing.isHidden() and claim_ids_drawn(window) == {c.id for c in analysis.claims}
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    top = max(analysis.sources, key=lambda s: len(s.claim_ids))
    window.select_source(top.id)
    assert listing.isHidden() and not window.sources.claims.isHidden()


def test_tab_goes_from_the_chosen_segment_to_its_claims_then_to_the_next_bar(make_window, open_and_show_sourcing,
                                                                             sample_path, qtbot):
    window = make_window()
    analysis = open_and_show_sourcing(window, sample_path)
    window.sourcing_dock.raise_()
    panel = window.sourcing
    direct = segment(window, "by_claim_kind", "direct")
    mine = sorted((c for c in analysis.claims if c.kind == "direct"), key=extent)
    assert len(mine) >= 2
    direct.setFocus()
    qtbot.waitUntil(direct.hasFocus)
    qtbot.keyClick(direct, Qt.Key.Key_Return)
    assert panel.claims.isVisible() and direct.hasFocus()  # choosing leaves the keyboard on the bar
    qtbot.keyClick(direct, Qt.Key.Key_Tab)
    assert panel.claims.hasFocus()
    qtbot.keyClick(panel.claims, Qt.Key.Key_Down)
    qtbot.keyClick(panel.claims, Qt.Key.Key_Return)
    assert window.view.current_span() == extent(mine[1]) and window.navigator.position() == (2, len(mine))
    qtbot.keyClick(panel.claims, Qt.Key.Key_Tab)  # on to the next bar, at its current segment
    assert window.focusWidget() is panel.bars["by_cue_class"].segments[0]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab)
    assert panel.claims.hasFocus()
    qtbot.keyClick(panel.claims, Qt.Key.Key_Backtab)
    assert direct.hasFocus()


def _assert_rows_show_cue_and_words(listing, text: str, mine) -> None:  # noqa: ANN001
    """Each row of a claims list starts with the claim's cue and holds its first word."""
    for row, claim in enumerate(mine):
        label = listing.item(row).text()
        cue = text[claim.cue[0][0]:claim.cue[0][1]]
        first_word = text[claim.content[0][0]:claim.content[0][1]].split()[0]
        assert label.startswith(cue) and first_word in label, label


def _click_the_third_row(window, qtbot, listing, mine) -> None:  # noqa: ANN001
    """A click on row 3: the cursor and the outline go to that claim, the third of `mine`."""
    rect = listing.visualItemRect(listing.item(2))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.textCursor().position() == extent(mine[2])[0]
    assert window.view.current_span() == extent(mine[2])  # the sample is BMP-only: Qt positions = code points
    assert window.navigator.position() == (3, len(mine))


def _step_then_enter_on_the_first_row(window, qtbot, listing, mine) -> None:  # noqa: ANN001
    """Stepping goes on from the row clicked, only `mine` is drawn, and Enter on a row jumps too."""
    window.next_claim()
    assert listing.currentRow() == 3 % len(mine)
    assert claim_ids_drawn(window) == {c.id for c in mine}
    listing.setFocus()
    listing.setCurrentRow(0)
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert window.view.current_span() == extent(mine[0])
