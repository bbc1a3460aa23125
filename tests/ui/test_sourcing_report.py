"""Library > Sourcing report through the real window: two sites of real analyses (real model, real
SQLite in tmp_path), the table against counts made here, Save as CSV."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtGui import QAction

from reader.analysis import AttributionEngine

REPORT_TIMEOUT_MS = 20_000
ARTICLES = {  # id → (origin, text)
    "a1": ("https://www.example.org/port", "Port reopens\n\nMaria Okafor said the port would reopen on Monday. "
           "Officials who asked not to be named said the pier was still damaged. "
           "The delay reportedly cost millions."),
    "a2": ("https://news.example.com/talks", "Talks stall\n\n“We are close,” said Adrian Kessler, the envoy. "
           "Kessler said a deal could come within a week."),
    "a3": ("https://example.org/second", "Ferries\n\nA senior official who spoke on condition of anonymity "
           "said the ferries would run again. Hassan Reda said he had waited for nine nights."),
}


@pytest.fixture
def analysed_library(data_dir):
    """The three articles with the real engine's analyses, as the window would have stored them."""
    from reader.store import Library

    engine = AttributionEngine()
    lib = Library.open(data_dir)
    analyses = {}
    for article_id, (origin, text) in ARTICLES.items():
        analysis = engine.analyze(text)
        lib.remember_article(article_id, text.split("\n")[0], origin, text)
        lib.save_analysis(article_id, engine.version, analysis.to_dict())
        analyses[article_id] = analysis
    lib.close()
    return analyses


def unnamed_claims(analysis) -> int:  # noqa: ANN001
    return sum(1 for c in analysis.claims
               if c.source_id and analysis.source(c.source_id).kind in ("anonymous", "unnamed_group"))


def test_the_report_sums_the_library_per_site_and_saves_csv(make_window, analysed_library, qtbot, tmp_path):
    window = make_window()
    action = window.findChild(QAction, "actionSourcingReport")
    assert action is not None and action.text() == "Sourcing &report…"
    from reader.ui.sourcing_report import SourcingReportDialog

    action.trigger()
    dialog = window.findChild(SourcingReportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=REPORT_TIMEOUT_MS)  # read on its thread
    table = dialog.table
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    cells = [{h: table.item(r, c).text() for c, h in enumerate(headings)} for r in range(table.rowCount())]

    by_site = {"example.org": ["a1", "a3"], "news.example.com": ["a2"]}
    claims = {site: sum(len(analysed_library[a].claims) for a in ids) for site, ids in by_site.items()}
    unnamed = {site: sum(unnamed_claims(analysed_library[a]) for a in ids) for site, ids in by_site.items()}
    assert [row["Site"] for row in cells][0] == "all articles"
    assert cells[0]["Articles"] == "3"
    assert cells[0]["Claims"] == str(sum(claims.values()))
    assert {row["Site"]: row["Articles"] for row in cells[1:]} == {"example.org": "2", "news.example.com": "1"}
    assert {row["Site"]: row["Claims"] for row in cells[1:]} == {s: str(n) for s, n in claims.items()}
    assert unnamed["example.org"] > 0 and unnamed["news.example.com"] == 0  # so the sort means something
    assert [row["Site"] for row in cells[1:]] == ["example.org", "news.example.com"]  # most anonymous first
    assert cells[1]["Anonymous or unnamed"] == f"{round(100 * unnamed['example.org'] / claims['example.org'])} %"
    assert "3 articles from 2 sites" in dialog.status.text()

    out = tmp_path / "report.csv"
    assert dialog.save_button.isEnabled() and dialog.save_csv(out)
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["site"] for r in rows] == ["all articles", "example.org", "news.example.com"]
    assert [int(r["claims"]) for r in rows] == [sum(claims.values()), claims["example.org"], claims["news.example.com"]]
    assert float(rows[1]["anonymous_share"]) == pytest.approx(unnamed["example.org"] / claims["example.org"], abs=1e-3)
    assert str(out) in dialog.status.text()


def test_an_empty_library_says_so_and_a_bad_path_is_a_sentence(make_window, qtbot, tmp_path):
    from reader.ui.sourcing_report import READING_TEXT as READING
    from reader.ui.sourcing_report import SourcingReportDialog, open_report

    window = make_window()
    window.ensure_library()
    dialog = open_report(window)
    qtbot.waitUntil(lambda: dialog.status.text() != READING, timeout=REPORT_TIMEOUT_MS)
    assert dialog.status.text() == "No analysed articles in your library yet."
    assert not dialog.save_button.isEnabled()
    assert open_report(window) is dialog and len(window.findChildren(SourcingReportDialog)) == 1
    qtbot.waitUntil(lambda: dialog.status.text() != READING, timeout=REPORT_TIMEOUT_MS)
    assert not dialog.save_csv(tmp_path / "no such folder" / "r.csv")
    assert dialog.status.text().startswith("The report could not be saved to ")
