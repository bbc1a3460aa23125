"""The main window: the article in the middle, its sources and your notes in a dock on the right.

The window lays out the widgets and shows what the `ReadingSession` (reader/ui/session.py)
says: `articleShown` puts the text up, `analysisUpdated` draws highlights and sources (a panel
per turn of the event loop: reader/ui/analysis_display.py), and
what the user does (open, paste, a library hit) goes to the session's methods. It keeps no
article state of its own: `article` and `analysis` are the session's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget, QMainWindow, QSplitter, QStatusBar, QVBoxLayout, QWidget,
)

from reader import APP_NAME
from reader.analysis import Analysis
from reader.documents import Article
from reader.ui import actions, keyboard_focus, legend, library_dialogs, preferences, start_page
from reader.ui.analysis_display import AnalysisDisplay
from reader.ui.article_header import ArticleHeader
from reader.ui.article_view import DEFAULT_POINT_SIZE, ArticleView
from reader.ui.claim_navigation import ClaimNavigator, claim_tooltip
from reader.ui.claim_note_panel import ClaimNotePanel
from reader.ui.correction_menu import CorrectionControls
from reader.ui.find_bar import FindBar
from reader.ui.message_bar import MessageBar
from reader.ui.notes_editor import NotesPanel, NoteTarget
from reader.ui.offsets import QtOffsets
from reader.ui.session import ReadingSession
from reader.ui.settings import UiSettings
from reader.ui.sources_panel import UNSOURCED, SourcesPanel
from reader.ui.sourcing_panel import SourcingPanel, dock_beside
from reader.ui.unapplied_dialog import UnappliedControls
from reader.ui.window_status import AnalysisStatus, ColourLegend

log = logging.getLogger("reader.ui")
STATUS_NOTE_MS = 5_000
MESSAGE_STATUS_MS = 10_000


class MainWindow(QMainWindow):
    articleOpened = Signal(str)  # article id, once its text is shown
    analysisProgress = Signal(str, int, int)  # article id, paragraphs done, total
    analysisFinished = Signal(str)  # article id, once every highlight is drawn
    analysisFailed = Signal(str, str)  # article id, message
    messageShown = Signal(str)

    def __init__(self, data_dir: Path, engine_factory=None, warm_up: bool = True,  # noqa: ANN001
                 settings_dir: Path | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)  # the library's folder; settings_dir (default: the same) has settings.ini
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._offsets = QtOffsets("")
        self._model_message = ""  # the analysis process's last message in the message bar
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = UiSettings(settings_dir or self.data_dir)
        self.dialogs = library_dialogs.OpenDialogs()
        self.display = AnalysisDisplay(self)  # the analysis drawn into the panels, a panel per turn
        self.display.drawn.connect(self._on_drawn)
        self._build_widgets()
        self.actions_ = actions.install(self)
        keyboard_focus.install(self)
        self.session = ReadingSession(self.data_dir, engine_factory, self)
        self._connect_session(self.session)
        self.correcting = CorrectionControls(self)  # the reader's corrections: menus, keys, marks
        self.unapplied = UnappliedControls(self)  # Sources > Corrections that no longer apply…
        self.claim_note = ClaimNotePanel(self.session, self.notes)  # the chosen claim's note, under its source's
        self.sources_split.addWidget(self.claim_note)
        self.sources_split.setSizes([420, 170, 150])
        self._restore_state()
        preferences.apply(self, preferences.load(self.settings))
        self.start_page = start_page.install(self)  # until an article is shown
        # the client's imports (sqlite-utils, spaCy) compete for the GIL: start them once the
        # window has had its first turn of the event loop, which paints it
        QTimer.singleShot(0, lambda: self.session.prepare(warm_up))
        self.view.painted.connect(self._note_where_the_reader_is)  # first: the analysis starts there
        self.view.painted.connect(self.session.start_analysis)
        self.view.scrolled.connect(self._note_where_the_reader_is)

    def _connect_session(self, session: ReadingSession) -> None:
        session.articleShown.connect(self._show_article)
        session.analysisStarted.connect(self._on_analysis_started)
        session.analysisProgress.connect(self._on_progress)
        session.analysisUpdated.connect(self._show_analysis)
        session.analysisFailed.connect(self._on_analysis_failed)
        session.failed.connect(self.show_message)
        session.opening.connect(self.statusBar().showMessage)
        session.modelState.connect(self._on_model_state)
        session.libraryChanged.connect(self.notes.set_library)
        session.sourceRequested.connect(self.select_source)
        session.claimRequested.connect(self.show_claim)
        session.recentOpened.connect(self.settings.add_recent)
        session.articleShown.connect(self.article_header.show_article)
        session.articleShown.connect(self.settings.remember_title)  # Open Recent lists titles

    # the session's state, for callers that read it ----------------------------------------
    @property
    def article(self) -> Article | None:
        return self.session.article

    @property
    def analysis(self) -> Analysis | None:
        return self.session.analysis

    @property
    def analysis_done(self) -> bool:
        return self.session.analysis_done

    @property
    def offsets(self) -> QtOffsets:
        """Code points ↔ Qt positions of the article on screen."""
        return self._offsets

    def ensure_library(self):  # noqa: ANN201 - Library | None
        return self.session.ensure_library()

    # construction -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.message_bar = MessageBar()
        self.legend = ColourLegend()
        self.view = ArticleView()
        self.view.claimClicked.connect(self._on_claim_clicked)
        self.view.scrolled.connect(self.display.on_scrolled)
        self.view.escapePressed.connect(self.show_all_sources)
        self.view.set_tooltip_provider(self._tooltip)
        self.find_bar = FindBar(self.view)
        central = QWidget(objectName="centralArea")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.class_toggles = legend.ClassToggles(self.settings.path)
        self.class_toggles.classesChanged.connect(self.display.refresh_highlights)
        self.article_header = ArticleHeader()
        for widget, stretch in ((self.message_bar, 0), (self.legend, 0), (self.class_toggles, 0),
                                (self.article_header, 0), (self.view, 1), (self.find_bar, 0)):
            column.addWidget(widget, stretch)
        self.setCentralWidget(central)
        self._update_legend()

        self.sources = SourcesPanel()
        self.sources.sourceSelected.connect(self._on_source_selected)
        self.sources.claims.claimChosen.connect(self._jump_to_claim)
        self.notes = NotesPanel()
        self.notes.noteSaved.connect(self.sources.set_noted)
        self.notes.saveFailed.connect(self.show_message)
        self.sources_split = split = QSplitter(Qt.Orientation.Vertical, objectName="sourcesSplitter")
        split.addWidget(self.sources)
        split.addWidget(self.notes)
        split.setSizes([480, 220])
        self.sources_dock = QDockWidget("Sources", self, objectName="sourcesPanel")
        self.sources_dock.setWidget(split)
        self.sources_dock.setMinimumWidth(260)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.sources_dock)
        self.sourcing = SourcingPanel()
        self.sourcing.segmentChosen.connect(self._on_segment_chosen)
        self.sourcing.claims.claimChosen.connect(self._jump_to_claim)
        self.sourcing_dock = dock_beside(self, self.sources_dock, self.sourcing)
        self.sourcing_dock.visibilityChanged.connect(self.display.sourcing_seen)  # drawn only while seen
        self.navigator = ClaimNavigator()
        self.navigator.set_hidden(self.class_toggles.hidden())
        self.class_toggles.classesChanged.connect(self.navigator.set_hidden)

        status = QStatusBar(objectName="statusBar")
        self.analysis_status = AnalysisStatus()
        self.progress, self.model_label = self.analysis_status.progress, self.analysis_status.model_label
        status.addPermanentWidget(self.analysis_status)
        self.setStatusBar(status)

    def _restore_state(self) -> None:
        self.resize(1280, 820)
        self.resizeDocks([self.sources_dock], [360], Qt.Orientation.Horizontal)
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.view.set_point_size(self.settings.font_size(DEFAULT_POINT_SIZE))

    @Slot(str)
    def _on_model_state(self, state: str) -> None:
        if not self.analysis_status.show_model_state(state):
            self.show_message(state)
            self._model_message = state  # a crash's: cleared once an analysis succeeds again

    def show_message(self, text: str, level: str = "error") -> None:
        """One non-modal message above the article; the window keeps working."""
        self.message_bar.show_message(text, level)
        self.statusBar().showMessage(text, MESSAGE_STATUS_MS)
        self.messageShown.emit(text)

    # opening: the session reads; the window only gathers what the user gave ------------------
    def open_path(self, path: str | Path) -> bool:
        return self.session.open_path(path)

    def open_url(self, url: str) -> None:
        self.session.open_url(url)

    def paste_article(self) -> None:
        self.session.open_pasted(QGuiApplication.clipboard().text())

    def open_library_hit(self, article_id: str, source_key: str) -> None:
        self.session.open_library_hit(article_id, source_key)

    def open_library_claim(self, article_id: str, claim_id: str) -> None:
        self.session.open_library_hit(article_id, "", claim_id)

    def show_claim(self, claim_id: str) -> None:
        """Select the claim's source, scroll to the claim and outline it (a search hit)."""
        self.display.finish()
        self._on_claim_clicked(claim_id)
        span = self.navigator.current_span()
        if span is not None:
            self.view.scroll_to_position(span[0])

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        urls: list[QUrl] = event.mimeData().urls()
        if urls:
            event.acceptProposedAction()
            url = urls[0]
            self.open_path(url.toLocalFile() if url.isLocalFile() else url.toString())

    # what the session says ----------------------------------------------------------------
    @Slot(object)
    def _show_article(self, article: Article) -> None:
        self.start_page.leave()
        self.notes.set_target(None)  # saves the note being edited
        self._offsets = QtOffsets(article.text)
        self.display.reset()
        self.view.set_article_text(article.text, article.title)
        self.view.setFocus()  # the keyboard goes to the text: arrows scroll, n / p step
        self.sources.set_analysis(None)
        self.sources.claims.set_text(article.text)
        self.sourcing.claims.set_text(article.text)
        self.sourcing.set_analysis(None)
        self.navigator.reset()
        self.message_bar.dismiss()
        self.analysis_status.stopped()
        self.setWindowTitle(f"{article.title} — {APP_NAME}")
        self.articleOpened.emit(article.id)
        self.statusBar().showMessage(f"Opened “{article.title}”")
        if not self.view.isVisible():
            self.session.start_analysis()  # no paint will come to start it

    @Slot()
    def _note_where_the_reader_is(self) -> None:
        self.session.set_visible_from(self._offsets.from_qt(self.view.first_visible_position()))

    @Slot()
    def _on_analysis_started(self) -> None:
        self.analysis_status.started()
        self.statusBar().showMessage(f"Opened “{self.article.title}” — finding who says what…")

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.analysis_status.advanced(done, total)
        self.statusBar().showMessage(f"Analysing… {done} of {total} paragraphs")
        self.analysisProgress.emit(self.article.id, done, total)

    @Slot(object, bool)
    def _show_analysis(self, analysis: Analysis, final: bool) -> None:
        self.display.show(analysis, final)  # then _on_drawn

    @Slot(bool)
    def _on_drawn(self, final: bool) -> None:
        analysis = self.analysis
        if final:
            self.analysis_status.stopped()
            if self._model_message and self.message_bar.text() == self._model_message:
                self.message_bar.dismiss()  # the restarted process has done the analysis
            n_claims, n_sources = len(analysis.claims), len(analysis.sources)
            self.statusBar().showMessage(f"{n_claims} claim{'s' * (n_claims != 1)} from "
                                         f"{n_sources} source{'s' * (n_sources != 1)}")
            self.analysisFinished.emit(self.article.id)

    @Slot(str)
    def _on_analysis_failed(self, message: str) -> None:
        self.analysis_status.stopped()
        self.show_message(message)
        self.analysisFailed.emit(self.article.id, message)

    # highlights and sources ---------------------------------------------------------------
    def _update_legend(self) -> None:
        self.legend.show_palette(self.display.palette())

    def select_source(self, source_id: str) -> bool:
        self.display.finish()  # the list must hold the analysis the session has now
        return self.sources.select_source(source_id)

    @Slot(object)
    def _on_segment_chosen(self, segment) -> None:  # noqa: ANN001 - sourcing_panel.Segment | None
        """A segment of the sourcing bars replaces the selected source (None: every claim again)."""
        if segment is None:
            self.show_all_sources()
            return
        self.sources.clear_current()
        self._on_source_selected("", segment)

    @Slot(str)
    def _on_source_selected(self, source_id: str, segment=None) -> None:  # noqa: ANN001
        self.navigator.select(source_id, segment)
        self.sourcing.show_chosen(segment)
        self.show_source_claims()
        self.display.refresh_highlights()
        source = self.analysis.source(source_id) if (self.analysis and source_id != UNSOURCED) else None
        self.notes.set_target(NoteTarget(self.article.id, source.id, source.name, source.kind)
                              if source is not None and self.article is not None else None)
        if source_id or segment:
            self._go_to(self.navigator.first())
        else:
            self.view.set_current_span(None)
            self.claim_note.show_claim(None)

    def show_source_claims(self) -> None:
        source_selected, claims = bool(self.sources.current_source_id()), self.navigator.selected_claims()
        self.sources.claims.show_claims(claims if source_selected else [])
        self.sourcing.claims.show_claims(claims if self.navigator.segment and not source_selected else [])

    @Slot(str)
    def _jump_to_claim(self, claim_id: str) -> None:
        """A row of the selected source's (or segment's) claims: the view goes there and outlines it."""
        self.navigator.move_to(claim_id)
        self._go_to(self.navigator.current_span())

    def _on_claim_clicked(self, claim_id: str) -> None:
        claim = self.navigator.claim(claim_id)
        if claim is not None:
            self.sources.select_source(claim.source_id or UNSOURCED)
            self.navigator.move_to(claim_id)
            self._show_current_claim()

    def _tooltip(self, claim_id: str) -> str:
        return claim_tooltip(self.analysis, self.article.text if self.article else "", claim_id)

    def show_all_sources(self) -> None:
        """No source selected: every claim is highlighted again."""
        self.sources.select_all()

    def next_claim(self) -> None:
        self._go_to(self.navigator.step(+1))

    def previous_claim(self) -> None:
        self._go_to(self.navigator.step(-1))

    def _go_to(self, span: tuple[int, int] | None) -> None:
        if span is not None:
            self.view.scroll_to_position(span[0])
            self._show_current_claim()

    def _show_current_claim(self) -> None:
        """Outline the current claim and say where it is among the claims stepped through."""
        self.claim_note.show_claim(self.navigator.current_claim_id())
        self.view.set_current_span(self.navigator.current_span())
        self.sources.claims.show_current(self.navigator.current_claim_id())
        self.sourcing.claims.show_current(self.navigator.current_claim_id())
        number, total = self.navigator.position()
        if not number:
            self.sources.show_claim_position("")
            return
        text = f"{number} of {total}"
        if self.navigator.wrapped:
            text += " — back to the first" if number == 1 else " — back to the last"
            self.statusBar().showMessage(f"Wrapped round: claim {number} of {total}", STATUS_NOTE_MS)
        self.sources.show_claim_position(text)

    def focus_source_filter(self) -> None:
        self.sources_dock.show()
        self.sources.filter.setFocus()

    # menus --------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        library_dialogs.open_file_dialog(self)

    def open_url_dialog(self) -> None:
        library_dialogs.open_url_dialog(self)

    def export_notes_dialog(self) -> None:
        library_dialogs.export_notes_dialog(self)

    def open_search(self) -> None:
        library_dialogs.open_search(self)

    def open_source_book(self) -> None:
        library_dialogs.open_source_book(self)

    def fill_recent_menu(self) -> None:
        library_dialogs.fill_recent_menu(self, self.actions_.recent_menu)

    def show_find_bar(self) -> None:
        self.find_bar.open_bar()

    def zoom(self, steps: int) -> None:
        self.view.set_point_size(DEFAULT_POINT_SIZE if steps == 0 else self.view.point_size + steps)
        self.settings.set_font_size(self.view.point_size)

    # window events ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark: re-tint with the other variant
            self._update_legend()
            self.display.repaint_for_palette()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self.notes.flush()
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.session.close()
        super().closeEvent(event)
