"""Context menus of the main window: on the article text (and its highlights) and on the
sources list.

Contract: the window's menus on the text and on the sources list are built by the corrections
controls (reader/ui/correction_menu.py); `add_text_actions(window, menu, pos)` and
`add_source_actions(window, menu, pos)` append the reading actions below for the point `pos`
(viewport coordinates). `text_menu` / `sources_menu` build menus of these actions alone (for
tests). Each action has an objectName.
- Text: the standard Copy / Select All; on a highlight "Copy claim with source and verb"
  ('Maria Okafor said: “…” — Title, URL') and "Show this source's claims"; with a selection
  "Copy with citation", "Find in article" and "Search library for …".
- Sources list: "Show this source's claims", "Copy source card", "Copy its claims",
  "Export this source's notes and claims…" (the Markdown page the "one file per source" export
  writes for it, saved where the user says; reader/store/export.py) and "Search library for
  this source".
Menus only read the session's article and analysis and call the window's own commands.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu

from reader.store import labels
from reader.ui.sources_panel import SOURCE_ID, UNSOURCED

SELECTION_LABEL_CHARS = 30


def citation(window) -> str:  # noqa: ANN001
    """' — Title, https://…' for the article on screen (a local file or paste: the title only)."""
    article = window.article
    if article is None:
        return ""
    web = article.origin if article.origin.startswith(("http://", "https://")) else ""
    return f" — {article.title}" + (f", {web}" if web else "")


def claim_words(window, claim_id: str) -> str:  # noqa: ANN001
    """A claim in words with its source and verb: 'A senior official denied: “…”'."""
    analysis, article = window.analysis, window.article
    claim = next((c for c in analysis.claims if c.id == claim_id), None) if analysis and article else None
    if claim is None:
        return ""
    text = article.text
    source = analysis.source(claim.source_id)
    cue = " ".join(text[s:e] for s, e in claim.cue)
    content = labels.CONTENT_JOINER.join(text[s:e].strip() for s, e in claim.content)
    return labels.claim_sentence(labels.claim_parts(source.name if source else "", cue, content, claim.kind))


def _copy(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def _add(menu: QMenu, name: str, text: str, slot) -> None:  # noqa: ANN001
    action = menu.addAction(text)
    action.setObjectName(name)
    action.triggered.connect(slot)


def _search_library(window, query: str) -> None:  # noqa: ANN001
    window.open_search()
    dialog = window.dialogs.search
    if dialog is not None:
        dialog.set_query(query)


def add_text_actions(window, menu: QMenu, pos: QPoint) -> None:  # noqa: ANN001
    """Append the reading actions for the point `pos` (viewport coordinates) to the text's menu."""
    view = window.view
    mark = view.mark_at_point(pos)
    words = claim_words(window, mark.claim_id) if mark is not None else ""
    if words:
        menu.addSeparator()
        _add(menu, "copyClaim", "Copy claim with source and verb", lambda: _copy(words + citation(window)))
        claim = window.navigator.claim(mark.claim_id)
        if claim is not None:
            _add(menu, "showSource", "Show this source's claims",
                 lambda: window.select_source(claim.source_id or UNSOURCED))
    selected = view.textCursor().selectedText().replace("\u2029", "\n").strip()
    if selected:
        short = labels.clip(selected, SELECTION_LABEL_CHARS)
        menu.addSeparator()
        _add(menu, "copyCited", "Copy with citation", lambda: _copy(f"“{selected}”{citation(window)}"))
        _add(menu, "findSelection", "Find in article", window.show_find_bar)
        _add(menu, "searchSelection", f"Search library for “{short}”",
             lambda: _search_library(window, selected))
    # the text's own Copy and Select All, last
    scrolled = QPoint(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    standard = view.createStandardContextMenu(pos + scrolled)  # it takes document coordinates
    standard.setParent(menu, standard.windowFlags())  # its actions live as long as the menu
    menu.addSeparator()
    for action in standard.actions():
        if action.text() and "Link" not in action.text():
            menu.addAction(action)


def text_menu(window, pos: QPoint) -> QMenu:  # noqa: ANN001
    """The reading actions alone, as a menu of their own."""
    menu = QMenu(window.view)
    menu.setObjectName("textMenu")
    add_text_actions(window, menu, pos)
    return menu


def card_text(window, source_id: str) -> str:  # noqa: ANN001
    source = window.analysis.source(source_id) if window.analysis else None
    if source is None:
        return ""
    about = [labels.source_kind(source.kind), source.title, source.role, source.affiliation]
    return " · ".join([source.name, *(a for a in about if a)])


def add_source_actions(window, menu: QMenu, pos: QPoint) -> None:  # noqa: ANN001
    """Append the reading actions for the source at `pos` (viewport coordinates) to the list's menu."""
    item = window.sources.tree.itemAt(pos)
    source_id = item.data(0, SOURCE_ID) if item is not None else None
    source = window.analysis.source(source_id) if window.analysis and isinstance(source_id, str) else None
    menu.addSeparator()
    if source is None:
        _add(menu, "allSources", "Show every claim", window.show_all_sources)
        return
    claims = [claim_words(window, cid) for cid in source.claim_ids]
    _add(menu, "showSource", "Show this source's claims", lambda: window.select_source(source.id))
    _add(menu, "copyCard", "Copy source card", lambda: _copy(card_text(window, source.id)))
    _add(menu, "copyClaims", "Copy its claims", lambda: _copy("\n".join(c for c in claims if c) + citation(window)))
    _add(menu, "exportSource", "Export this source's notes and claims…", lambda: export_source_notes(window, source))
    _add(menu, "searchSource", f"Search library for “{labels.clip(source.name, SELECTION_LABEL_CHARS)}”",
         lambda: _search_library(window, source.name))


def export_source_notes(window, source) -> Path | None:  # noqa: ANN001 - a reader.analysis Source
    """Ask where, then write the source's page (front matter, notes, claims with their verbs);
    the file dialog suggests the source's name. None when cancelled or not written."""
    from reader.store.export import export_source, file_name  # the store loads sqlite-utils: on first use
    from reader.ui.library_dialogs import export_notes

    article = window.article
    if article is None:
        return None
    if window.ensure_library() is None:
        window.show_message("There is no library to export from in this session.", "warning")
        return None
    path, _ = QFileDialog.getSaveFileName(window, "Export this source's notes and claims",
                                          str(Path.home() / f"{file_name(source.name)}.md"), "Markdown (*.md)")
    if not path:
        return None
    return export_notes(window, path, lambda lib, to: export_source(lib, to, article.id, source.name, source.kind))


def sources_menu(window, pos: QPoint) -> QMenu:  # noqa: ANN001
    menu = QMenu(window.sources.tree)
    menu.setObjectName("sourcesMenu")
    add_source_actions(window, menu, pos)
    return menu
