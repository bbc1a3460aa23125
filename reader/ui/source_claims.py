"""A list of selected claims, one row each — the cue, then the first words of what is claimed — in
reading order. A click (or Enter) on a row asks to jump there. Two of them: under the selected
source in the Sources tab, and under the chosen segment's bar in the Sourcing tab.

    claims = SourceClaims()            # or SourceClaims(object_name=…, accessible_name=…)
    claims.set_text(article.text)      # the article the offsets point into
    claims.show_claims(claims)         # the selected source's claims in reading order; [] hides the list
    claims.show_current(claim_id)      # the claim stepped to with n / p, or None
    claims.claimChosen                 # claim id: the window moves the view and outline there

The window passes the claims its ClaimNavigator has selected (a source's, or a segment's) (reader/ui/claim_navigation.py), so
the rows are in the order n / p steps through. Offsets are the contract's (code points into the
article text); the list needs no Qt positions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from reader.ui.plain_text import plain_tooltip

FIRST_WORDS = 8  # words of the content a row shows
VISIBLE_ROWS = 6  # the list grows to this many rows, then scrolls
CLAIM_ID = Qt.ItemDataRole.UserRole


def claim_row(claim, text: str) -> str:  # noqa: ANN001
    """ "said — the crossing would reopen on Monday, officials …" """
    cue = " … ".join(text[s:e] for s, e in claim.cue).strip()
    words = " ".join(text[s:e] for s, e in claim.content).split()
    gist = " ".join(words[:FIRST_WORDS]) + (" …" if len(words) > FIRST_WORDS else "")
    return f"{cue} — {gist}" if cue and gist else cue or gist


class SourceClaims(QListWidget):
    claimChosen = Signal(str)

    def __init__(self, parent=None, object_name: str = "sourceClaims",  # noqa: ANN001
                 accessible_name: str = "Claims of the selected source") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription("Enter or a click shows the claim in the text.")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self._text = ""
        self._shown: tuple = ()
        self.hide()

    def set_text(self, text: str) -> None:
        self._text = text
        self.show_claims([])

    def show_claims(self, claims: list) -> None:  # [reader.analysis.Claim]
        rows = tuple((c.id, claim_row(c, self._text)) for c in claims)
        if rows == self._shown:
            return  # the same claims (a partial result repeated them): keep the scroll and the row
        self._shown = rows
        self.clear()
        for claim_id, label in rows:
            item = QListWidgetItem(label, self)
            item.setData(CLAIM_ID, claim_id)
            item.setToolTip(plain_tooltip(label))
        self.setVisible(bool(rows))
        if rows:
            height = self.sizeHintForRow(0) * min(len(rows), VISIBLE_ROWS) + 2 * self.frameWidth()
            self.setFixedHeight(height)

    def claim_ids(self) -> list[str]:
        return [claim_id for claim_id, _label in self._shown]

    def show_current(self, claim_id: str | None) -> None:
        self.blockSignals(True)
        ids = self.claim_ids()
        self.setCurrentRow(ids.index(claim_id) if claim_id in ids else -1)
        self.blockSignals(False)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.claimChosen.emit(item.data(CLAIM_ID))
