"""Correcting the analysis in the window: the highlight's context menu, the keyboard, the marks.

    controls = CorrectionControls(window)   # once, after the window made its session

- Right-click on a highlight (or the Menu key / Shift+F10 on the claim outlined with n / p, or
  the one under the text cursor): not a claim, change the source (a card, a new one, none),
  change the kind or the class, set the span to the selection. On a selection: add a claim
  (pick the source, a new one, or unsourced). Delete rejects the current claim; Ctrl+Z
  undoes the latest correction; Ctrl+E edits the selected source card (card_editor.py), as
  does the context menu of the sources list (edit, merge, split).
- Every claim a correction touched gets a solid square border (the n / p outline is a
  rounded vermillion one; machine highlights are tints and underlines), and its tooltip says
  "corrected by you"; a corrected card is underlined in the sources list.
This module lays out menus and dialogs and calls `ReadingSession.correct` / `undo_correction`;
the state is the session's (`session.corrections`, reader/ui/corrections_state.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import QMenu

from reader.analysis.types import CLAIM_KINDS, CUE_CLASSES
from reader.corrections import CardSpec, add_claim, change_kind, change_source, edit_span, not_a_claim
from reader.ui import context_menus
from reader.ui.card_editor import EDIT_TAB, MERGE_TAB, SPLIT_TAB, CardEditor, NewSourceDialog
from reader.ui.claim_navigation import claim_tooltip
from reader.ui.highlights import KIND_LABELS
from reader.ui.plain_text import escaped
from reader.ui.sources_panel import SOURCE_ID, UNSOURCED

CORRECTED_LABEL = "corrected by you"
MARK_LIGHT, MARK_DARK = QColor("#1a1a1a"), QColor("#f2f2f2")  # neither is a claim tint nor the n / p outline
MARK_WIDTH = 2.0
MARK_PAD = 1.0
NO_SOURCE_LABEL = "No source (unsourced)"
NEW_SOURCE_LABEL = "New source…"
NOTHING_CHOSEN = ""  # no card id is empty: a claim being added has no source ticked yet


class CorrectedMarks:
    """The solid border around corrected claims, painted by the ArticleView over its text."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []  # Qt positions

    def paint(self, view) -> None:  # noqa: ANN001 - reader.ui.article_view.ArticleView
        if not self.spans:
            return
        dark = view.palette().color(QPalette.ColorRole.Base).lightness() < 128
        painter = QPainter(view.viewport())
        painter.setPen(QPen(MARK_DARK if dark else MARK_LIGHT, MARK_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        height = view.viewport().height()
        for span in self.spans:
            for rect in view.span_rects(span):
                if rect.bottom() >= 0 and rect.top() <= height:
                    painter.drawRect(rect.adjusted(-MARK_PAD, MARK_PAD, MARK_PAD, -MARK_PAD))
        painter.end()


class CorrectionControls(QObject):
    def __init__(self, window) -> None:  # noqa: ANN001 - reader.ui.main_window.MainWindow
        super().__init__(window)
        self.window, self.session, self.view = window, window.session, window.view
        self.state = self.session.corrections
        self.marks = CorrectedMarks()
        self.menu: QMenu | None = None  # the menu showing (or shown last)
        self.dialog = None  # the card dialog showing, if any
        self._told_unapplied: tuple[str, set[str]] = ("", set())  # article id, corrections said not to apply
        self.view.corrected_marks = self.marks
        self.view.set_tooltip_provider(self.tooltip)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_menu)
        tree = window.sources.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._on_sources_menu)
        self.session.analysisUpdated.connect(self._on_analysis)
        self.session.correctionMade.connect(self._on_correction_made)
        self.state.writer.written.connect(self._on_written)
        self.undo_action = self._action("&Undo correction", self.undo, QKeySequence.StandardKey.Undo,
                                        name="actionUndoCorrection")
        self.reject_action = self._action("&Not a claim", self.reject_current, "Del", name="actionNotAClaim")
        self.menu_action = self._action("&Correct this claim…", self.show_menu_at_cursor, "Shift+F10",
                                        name="actionCorrectClaim")
        self.card_action = self._action("Edit source &card…", lambda: self.edit_card(self.window.sources.current_source_id()),
                                        "Ctrl+E", name="actionEditCard")
        edit_menu = next((o for o in window.actions_.find.associatedObjects() if isinstance(o, QMenu)), None)
        if edit_menu is not None:
            edit_menu.addSeparator()
            edit_menu.addActions([self.undo_action, self.reject_action, self.menu_action, self.card_action])

    def _action(self, text: str, slot: Callable, key, name: str) -> QAction:  # noqa: ANN001
        action = QAction(text, self.window, objectName=name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    # what the session shows -------------------------------------------------------------------
    @Slot(object, bool)
    def _on_analysis(self, analysis, final: bool) -> None:  # noqa: ANN001
        offsets = self.window.offsets
        self.marks.spans = [offsets.span(tuple(span)) for c in analysis.claims if c.id in self.state.claim_ids
                            for span in c.content]
        self.window.sources.set_corrected(self.state.source_ids, CORRECTED_LABEL)
        self.view.viewport().update()
        uids = {u.correction.uid for u in self.state.unapplied} if final else set()
        told_article, told = self._told_unapplied
        if uids - (told if told_article == self.state.article_id else set()):  # said once per article
            self._told_unapplied = self.state.article_id, told | uids if told_article == self.state.article_id else uids
            n = len(uids)
            self.session.failed.emit(
                f"{n} of your corrections no longer appl{'ies' if n == 1 else 'y'} to this text. "
                f"{'It is' if n == 1 else 'They are'} kept: Sources > Corrections that no longer apply "
                f"lists {'it' if n == 1 else 'them'}.", "info")

    @Slot(str)
    def _on_correction_made(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8_000)

    def tooltip(self, claim_id: str) -> str:
        text = self.window.article.text if self.window.article else ""
        base = claim_tooltip(self.session.analysis, text, claim_id)
        if base and claim_id in self.state.claim_ids:
            base += f"<br><b>✓ {CORRECTED_LABEL}</b>"
        note = self.state.note_of.get(claim_id)
        if base and note is not None:
            base += f"<br><i>Your note:</i> <span style='white-space:pre-wrap'>{escaped(note.text)}</span>"
        return base

    # which claim, which selection -------------------------------------------------------------
    def _selection(self) -> tuple[int, int] | None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            return None
        offsets = self.window.offsets
        start, end = offsets.from_qt(cursor.selectionStart()), offsets.from_qt(cursor.selectionEnd())
        text = self.window.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def current_claim_id(self) -> str | None:
        """The claim outlined with n / p, else the one under the text cursor."""
        claim_id = self.window.navigator.current_claim_id()
        if claim_id is None:
            mark = self.view.mark_at_point(self.view.cursorRect().center())
            claim_id = mark.claim_id if mark is not None else None
        return claim_id

    # the menu on the text ---------------------------------------------------------------------
    @Slot(QPoint)
    def _on_view_menu(self, point: QPoint) -> None:
        mark = self.view.mark_at_point(point)
        menu = self.build_menu(mark.claim_id if mark else None, self._selection())
        context_menus.add_text_actions(self.window, menu, point)  # copy with citation, find, search
        self._popup(menu, self.view.viewport().mapToGlobal(point))

    def show_menu_at_cursor(self) -> None:
        claim_id = self.current_claim_id()
        span = self.window.navigator.current_span()
        point = self.view.cursorRect().center()
        if span is not None:
            rects = self.view.span_rects(span)
            point = rects[0].center().toPoint() if rects else point
        self._popup(self.build_menu(claim_id, self._selection()), self.view.viewport().mapToGlobal(point))

    def _popup(self, menu: QMenu, where: QPoint) -> None:
        self.menu = menu
        menu.popup(where)

    def build_menu(self, claim_id: str | None, selection: tuple[int, int] | None) -> QMenu:
        menu = QMenu(self.view, objectName="correctionMenu")
        claim = self.state.claim(claim_id) if claim_id else None
        ready = self.session.analysis_done and self.window.article is not None
        if claim is not None and ready:
            self._claim_actions(menu, claim, selection)
        if selection is not None and ready:
            if claim is not None:
                menu.addSeparator()
            add = menu.addMenu("&Add a claim from the selection")
            add.setObjectName("addClaimMenu")
            self._source_choices(add, NOTHING_CHOSEN, lambda card, spec: self._add(selection, card, spec))
        if menu.isEmpty():
            hint = menu.addAction("Right-click a highlight to correct it, or select text to add a claim.")
            hint.setEnabled(False)
        menu.addSeparator()
        undo = menu.addAction(self.undo_action.text())
        undo.setObjectName("undoCorrection")
        undo.setEnabled(bool(self.state.log))
        undo.triggered.connect(self.undo)
        return menu

    def _claim_actions(self, menu: QMenu, claim: dict[str, Any], selection: tuple[int, int] | None) -> None:
        text = self.window.article.text
        reject = menu.addAction("&Not a claim")
        reject.setObjectName("notAClaim")
        reject.triggered.connect(lambda: self.session.correct(not_a_claim(text, claim)))
        sources = menu.addMenu("Change the &source")
        sources.setObjectName("changeSourceMenu")
        self._source_choices(sources, claim.get("source_id"),
                             lambda card, spec: self.session.correct(change_source(text, claim, card, spec)))
        kinds = menu.addMenu("Change the &kind")
        kinds.setObjectName("changeKindMenu")
        for kind in CLAIM_KINDS:
            self._choice(kinds, KIND_LABELS.get(kind, kind), f"kind:{kind}", kind == claim.get("kind"),
                         lambda _=False, k=kind: self.session.correct(change_kind(text, claim, kind=k)))
        classes = menu.addMenu("Change the &class")
        classes.setObjectName("changeClassMenu")
        for cue_class in CUE_CLASSES:
            self._choice(classes, cue_class, f"class:{cue_class}", cue_class == claim.get("cue_class"),
                         lambda _=False, c=cue_class: self.session.correct(change_kind(text, claim, cue_class=c)))
        noted = self.state.note_of.get(claim["id"])
        note = menu.addAction("Edit your &note on this claim" if noted else "Add a &note on this claim")
        note.setObjectName("claimNote")
        note.triggered.connect(lambda: self.edit_note(claim["id"]))
        span = menu.addAction("Set the span to the &selection")
        span.setObjectName("editSpan")
        span.setEnabled(selection is not None)
        if selection is not None:
            span.triggered.connect(lambda: self.session.correct(edit_span(text, claim, *selection)))

    @staticmethod
    def _choice(menu: QMenu, label: str, name: str, checked: bool, slot: Callable) -> QAction:
        action = menu.addAction(label)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setChecked(checked)
        action.triggered.connect(slot)
        return action

    def _source_choices(self, menu: QMenu, current: str | None, chosen: Callable) -> None:
        """Every card of the article, a new card, or none: `chosen(card_dict | None, CardSpec | None)`.
        `current`: the claim's source id (None: unsourced), or NOTHING_CHOSEN for a new claim."""
        cards = sorted(self.state.doc.get("sources", []), key=lambda c: (c.get("name") or "").casefold())
        for card in cards:
            self._choice(menu, card.get("name") or "unnamed", f"source:{card['id']}", card["id"] == current,
                         lambda _=False, c=card: chosen(c, None))
        menu.addSeparator()
        new = menu.addAction(NEW_SOURCE_LABEL)
        new.setObjectName("newSource")
        new.triggered.connect(lambda: self._ask_new_source(lambda spec: chosen(None, spec)))
        self._choice(menu, NO_SOURCE_LABEL, "noSource", current is None, lambda: chosen(None, None))

    def _ask_new_source(self, then: Callable[[CardSpec], None]) -> None:
        selection = self._selection()
        dialog = NewSourceDialog(self.window.article.text[slice(*selection)] if selection and
                                 selection[1] - selection[0] < 80 else "", self.window)
        dialog.accepted.connect(lambda: then(dialog.spec()))
        self._show(dialog)

    def _add(self, selection: tuple[int, int], card: dict | None, spec: CardSpec | None) -> None:
        self.session.correct(add_claim(self.window.article.text, *selection, card=card, new_card=spec))

    def edit_note(self, claim_id: str) -> None:
        """Choose the claim, as a click on it does, and type in its note (under the source's)."""
        if self.state.claim(claim_id) is None:
            return
        self.view.claimClicked.emit(claim_id)
        self.window.sources_dock.show()
        self.window.claim_note.focus_editor()

    def reject_current(self) -> None:
        claim_id = self.current_claim_id()
        claim = self.state.claim(claim_id) if claim_id else None
        if claim is None:
            self.window.statusBar().showMessage("No claim here: step to one with n / p, or click a highlight.", 5_000)
            return
        self.view.set_current_span(None)
        self.session.correct(not_a_claim(self.window.article.text, claim))

    # source cards -------------------------------------------------------------------------------
    @Slot(QPoint)
    def _on_sources_menu(self, point: QPoint) -> None:
        tree = self.window.sources.tree
        item = tree.itemAt(point)
        source_id = item.data(0, SOURCE_ID) if item is not None else ""
        menu = QMenu(tree, objectName="cardMenu")
        if source_id and source_id != UNSOURCED and self.state.card(source_id) is not None:
            for label, tab, name in (("&Edit source card…", EDIT_TAB, "editCard"),
                                     ("&Merge into another card…", MERGE_TAB, "mergeCard"),
                                     ("&Split mentions off…", SPLIT_TAB, "splitCard")):
                action = menu.addAction(label)
                action.setObjectName(name)
                action.triggered.connect(lambda _=False, t=tab: self.edit_card(source_id, t))
            menu.addSeparator()
        undo = menu.addAction(self.undo_action.text())
        undo.setEnabled(bool(self.state.log))
        undo.triggered.connect(self.undo)
        context_menus.add_source_actions(self.window, menu, point)  # show claims, copy card, search
        self._popup(menu, tree.viewport().mapToGlobal(point))

    def edit_card(self, source_id: str, tab: int = EDIT_TAB) -> CardEditor | None:
        card = self.state.card(source_id) if source_id else None
        if card is None or not self.session.analysis_done:
            self.window.statusBar().showMessage("Pick a source in the list first, then edit its card.", 5_000)
            return None
        dialog = CardEditor(self.window.article.text, card, self.state.doc.get("sources", []), self.window, tab)
        dialog.accepted.connect(lambda: self._card_edited(dialog))
        self._show(dialog)
        return dialog

    def _card_edited(self, dialog: CardEditor) -> None:
        correction = dialog.correction()
        if correction is not None:
            self.window.notes.flush()  # a renamed card's notes move with it: what was typed is saved first
            self.session.correct(correction)

    def undo(self) -> None:
        self.window.notes.flush()  # the undo may rename a card back: its notes move too
        self.session.undo_correction()

    @Slot()
    def _on_written(self) -> None:
        """Once a write is committed, show the notes of a card renamed by it under its new name."""
        target = self.window.notes.target
        source = self.session.analysis.source(target.source_id) if target and self.session.analysis else None
        if source is not None and (source.name, source.kind) != (target.name, target.kind):
            self.window.sources.sourceSelected.emit(source.id)

    def _show(self, dialog) -> None:  # noqa: ANN001
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
