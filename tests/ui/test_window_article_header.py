"""Issue 15 in the window: author(s), date, site and address as a quiet line above the article."""

from __future__ import annotations

import os
from pathlib import Path

from ui_stubs import stub_engine

FIXTURES = Path(__file__).resolve().parents[1] / "documents" / "fixtures"
URL = "https://www.meridian.example/news/2024/08/14/harbor-city-rations-water-as-reservoir-falls-to-record-low"


def saved_page(tmp_path: Path, site: str = "") -> Path:
    html = (FIXTURES / "news-page.html").read_text(encoding="utf-8")
    head = f'<meta property="og:url" content="{URL}">'
    if site:
        html = html.replace('content="The Meridian Courier"', f'content="{site}"')
    path = tmp_path / "harbor.html"
    path.write_text(html.replace("<head>", "<head>" + head, 1), encoding="utf-8")
    return path


def test_a_page_s_author_date_site_and_address_sit_above_its_text(make_window, qtbot, tmp_path):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        window.open_path(saved_page(tmp_path))
    header = window.article_header
    assert header.isVisible()
    assert header.text() == ("Lena Brandt  ·  14 August 2024  ·  The Meridian Courier  ·  "
                             "meridian.example/news/2024/08/14/harbor-city-rations-water-…")
    assert URL in header.toolTip()
    # above the text, quieter than it, and the text itself still starts with the headline
    bottom = header.mapTo(window, header.rect().bottomLeft()).y()
    assert bottom <= window.view.mapTo(window, window.view.rect().topLeft()).y()
    assert header.font().pointSizeF() < window.view.font().pointSizeF()
    assert window.view.toPlainText().startswith("Harbor city rations water")
    if os.environ.get("SOURCELIGHT_SCREENSHOT_DIR"):  # for looking at it: not part of the check
        window.grab().save(str(Path(os.environ["SOURCELIGHT_SCREENSHOT_DIR"]) / "article-header.png"))


def test_a_text_without_metadata_has_no_header_and_the_next_article_replaces_it(make_window, qtbot, tmp_path):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        window.open_path(saved_page(tmp_path))
    assert window.article_header.isVisible()
    plain = tmp_path / "plain.txt"
    plain.write_text("Bridge reopens\nThe bridge reopened on Monday, the council said.\n", encoding="utf-8")
    assert window.open_path(plain)
    assert not window.article_header.isVisible() and window.article_header.text() == ""


def test_a_byline_in_a_text_file_fills_the_header(make_window, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text("Bridge reopens\nBy Jane Whitford and Tom Ng, City Desk\nPublished March 3, 2024\n"
                    "The bridge reopened on Monday, the council said.\n", encoding="utf-8")
    window = make_window(engine_factory=stub_engine())
    assert window.open_path(path)
    assert window.article_header.text() == "Jane Whitford and Tom Ng  ·  3 March 2024"
    assert "By Jane Whitford and Tom Ng, City Desk" in window.view.toPlainText()  # kept in the text


def test_markup_in_a_page_s_site_name_is_shown_as_text(make_window, qtbot, tmp_path):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        window.open_path(saved_page(tmp_path, site="&lt;img src=/dev/zero&gt; Courier"))
    assert "·  <img src=/dev/zero> Courier  ·" in window.article_header.text()
