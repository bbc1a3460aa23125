"""Sources list > "Export this source's notes and claims…" in a real window on the sample article
(real model, real library): the save dialog (answered by a stand-in that records what it was
offered) suggests the source's name; the file written is the source's page of the "one file
per source" export, with front matter, [[Source name]] links, blockquotes with the verb and the
note just typed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtWidgets import QFileDialog

from reader.store.export import export_per_source
from reader.ui.context_menus import sources_menu

ANALYSIS_MS = 120_000
SAVED_MS = 10_000


class SaveDialogAnswer:
    """Stands in for QFileDialog.getSaveFileName: answers `path` ('' = cancelled), keeps the offer."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.offered: list[tuple[str, str]] = []  # (suggested file, filter)

    def __call__(self, parent, caption: str, suggested: str, filters: str):  # noqa: ANN001, ANN204
        self.offered.append((suggested, filters))
        return (str(self.path) if self.path else "", filters)


@pytest.fixture
def window(make_window, open_and_wait, sample_path, qtbot):
    win = make_window()
    open_and_wait(win, sample_path, timeout=ANALYSIS_MS)
    library = win.ensure_library()
    # the analysis is saved on the library's own thread: the export reads what is stored
    qtbot.waitUntil(lambda: any(c.article_id == win.article.id for c in library.claims()), timeout=SAVED_MS)
    return win


def select(window, name: str) -> None:  # noqa: ANN001
    window.select_source(next(s for s in window.analysis.sources if s.name == name).id)


def export_action(window):  # noqa: ANN001, ANN201
    """The action in the menu of the selected source."""
    tree = window.sources.tree
    menu = sources_menu(window, tree.visualItemRect(tree.currentItem()).center())
    found = [a for a in menu.actions() if a.objectName() == "exportSource"]
    assert found, [a.objectName() for a in menu.actions()]
    assert found[0].text() == "Export this source's notes and claims…"
    return menu, found[0]


def test_a_source_is_exported_as_its_own_page(window, qtbot, monkeypatch, tmp_path):
    select(window, "Maria Okafor")
    qtbot.keyClicks(window.notes.editor, "Relief is not recovery: ask WFP.")  # not saved yet: the export flushes
    answer = SaveDialogAnswer(tmp_path / "okafor.md")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    _menu, action = export_action(window)
    action.trigger()
    assert [Path(s).name for s, _f in answer.offered] == ["Maria Okafor.md"]
    page = (tmp_path / "okafor.md").read_text(encoding="utf-8")

    head, _, body = page.removeprefix("---\n").partition("\n---\n")
    meta = yaml.safe_load(head)
    assert meta["title"] == "Maria Okafor" and meta["kind"] == "person"
    article = {"title": window.article.title, **({"author": window.article.header()["author"]}
                                                 if "author" in window.article.header() else {})}
    assert meta["articles"] == [article]  # a local file: named, no url, no site
    assert body.lstrip().startswith("# Maria Okafor")
    assert "> [[Maria Okafor]] **said**: “We are relieved, but relief is not the same as recovery”" in body
    assert "Relief is not recovery: ask WFP." in body
    assert "exported" in window.message_bar.text()
    # the very page the "one file per source" export writes
    vault = export_per_source(window.ensure_library(), tmp_path / "vault")
    assert page == next(p for p in vault if p.name == "Maria Okafor.md").read_text(encoding="utf-8")


def test_a_cancelled_dialog_writes_nothing(window, monkeypatch, tmp_path):
    answer = SaveDialogAnswer(None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    select(window, "A senior official")
    _menu, action = export_action(window)
    action.trigger()
    assert [Path(s).name for s, _f in answer.offered] == ["A senior official.md"]
    assert list(tmp_path.rglob("*.md")) == []
