"""The claims of the source selected in the source book, under the article each was made in.

    claims = SourceBookClaims()
    claims.show_reading()                        # the source's claims are being read
    claims.show_claims(details, only_article)    # a SourceDetails; one article's claims, or all ("")
    claims.show_message(text)                    # nothing to list, and why
    claims.chosen_claim()                        # (article_id, source_key, claim_id) of the selected claim, or None
    claims_count(details, only_article)          # '8 in 2 articles', for the list's label
    claims.claimChosen(article_id, source_key, claim_id)   # Enter or a double-click on a claim

A row is the claim in words with its verb bold ('Maria Okafor **said**: “We are relieved…”'),
painted by the search dialog's RichDelegate; its plain text (what a screen reader reads) ends with
the article's title. Article titles are headings that cannot be selected (Up/Down skip them).
At most CLAIMS_LISTED claim rows are made: a source quoted in thousands of articles would
otherwise cost a laid-out rich-text row each on the GUI thread; the rest are counted.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from reader.store import labels
from reader.store.source_book import SourceDetails
from reader.ui.plain_text import plain_tooltip
from reader.ui.search_dialog import HTML_ROLE, RichDelegate, rich

CLAIM_ROLE = Qt.ItemDataRole.UserRole  # claim rows: (article_id, source_key, claim_id)
CLAIMS_LISTED = 300  # ~40 ms of CPU to lay out on the GUI thread
CLAIM_INDENT_PX = 12  # claims under their article's heading, wrapped lines too
UNTITLED = "Untitled article"


class SourceBookClaims(QListWidget):
    claimChosen = Signal(str, str, str)  # article_id, source_key, claim_id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="sourceClaims")
        self.setAccessibleName("Claims of the selected source")
        self.setAccessibleDescription("Grouped by article, in reading order; Enter opens the article at the claim.")
        self.setWordWrap(True)
        self.setItemDelegate(RichDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemActivated.connect(self._activated)

    def show_reading(self) -> None:
        self.show_message("Reading the claims of this source…")

    def show_message(self, text: str) -> None:
        self.clear()
        self.addItem(_unselectable(text, html.escape(text)))

    def show_claims(self, details: SourceDetails, only_article: str = "") -> None:
        groups = [g for g in details.claims if not only_article or g.article_id == only_article]
        total = sum(len(g.claims) for g in groups)
        if not total:
            self.show_message("No claims of this source are stored for this article." if only_article
                              else "No claims of this source are stored.")
            return
        self.clear()
        listed = 0
        for group in groups:
            if listed >= CLAIMS_LISTED:
                break
            title = group.article_title or UNTITLED
            self.addItem(_unselectable(title, f"<span style='font-size:large'>{html.escape(title)}</span>"))
            for claim in group.claims[:CLAIMS_LISTED - listed]:
                item = QListWidgetItem(f"{claim.line} — {title}")
                line = rich(claim.line, [claim.verb])
                item.setData(HTML_ROLE, f"<div style='margin-left:{CLAIM_INDENT_PX}px'>{line}</div>")
                item.setData(CLAIM_ROLE, (claim.article_id, details.key, claim.claim_id))
                item.setToolTip(plain_tooltip(f"{labels.claim_kind(claim.kind)} · {title}"))
                self.addItem(item)
                listed += 1
        if total > listed:
            more = f"… and {total - listed} more claims of this source."
            self.addItem(_unselectable(more, html.escape(more)))

    def chosen_claim(self) -> tuple[str, str, str] | None:
        """The selected claim row's (article_id, source_key, claim_id); None if no claim is selected."""
        selected = self.selectedItems()
        return selected[0].data(CLAIM_ROLE) if selected and selected[0].data(CLAIM_ROLE) else None

    def _activated(self, item: QListWidgetItem) -> None:
        data = item.data(CLAIM_ROLE)
        if data:
            self.claimChosen.emit(*data)


def claims_count(details: SourceDetails, only_article: str = "") -> str:
    """'8 in 2 articles', or '1 in this article' for one article's claims."""
    if only_article:
        n = sum(len(g.claims) for g in details.claims if g.article_id == only_article)
        return f"{n} in this article"
    n, articles = details.claim_count, len(details.claims)
    return f"{n} in {articles} article{'s' * (articles != 1)}"


def _unselectable(text: str, rich_text: str) -> QListWidgetItem:
    """A heading or a message: shown, read by screen readers, never selected."""
    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setData(HTML_ROLE, rich_text)
    return item
