"""The main window: the article in the middle, its sources and your notes in a dock on the right.

Flow: open → the text shows at once → a cached analysis (same article, same engine version)
draws highlights immediately, otherwise the worker analyses it and partial results draw
progressively → the final result is saved to the library and `analysisFinished` fires.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QProgressBar, QSplitter, QStatusBar, QTextBrowser, QVBoxLayout, QWidget,
)

from reader import APP_NAME
from reader.documents import Article
from reader.ui import actions, highlights, library_dialogs
from reader.ui.article_view import DEFAULT_POINT_SIZE, ArticleView
from reader.ui.claim_navigation import ClaimNavigator, claim_tooltip
from reader.ui.find_bar import FindBar
from reader.ui.message_bar import MessageBar
from reader.ui.notes_editor import NotesPanel, NoteTarget
from reader.ui.offsets import QtOffsets
from reader.ui.opening import ArticleOpening
from reader.ui.settings import UiSettings
from reader.ui.sources_panel import UNSOURCED, SourcesPanel
from reader.ui.worker import BackgroundWorker

log = logging.getLogger("reader.ui")
# the library and the analysis start when the text has been painted; these are the fallbacks
START_FALLBACK_MS = 150  # … for a hidden window, which never paints
LIBRARY_FALLBACK_MS = 1000  # … for the library's notice when no article is opened
WINDOWED_OVER = 600  # more overlays than this: draw only those within a screenful of the view
PARTIAL_INTERVAL_MS = 400  # redrawing thousands of overlays per batch would stall the GUI thread


class MainWindow(ArticleOpening, QMainWindow):
    articleOpened = Signal(str)  # article id, once its text is shown
    analysisProgress = Signal(str, int, int)  # article id, paragraphs done, total
    analysisFinished = Signal(str)  # article id, once every highlight is drawn
    analysisFailed = Signal(str, str)  # article id, message
    messageShown = Signal(str)

    def __init__(self, data_dir: Path, engine_factory=None, warm_up: bool = True) -> None:  # noqa: ANN001
        super().__init__()
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.article: Article | None = None
        self.analysis = None
        self.analysis_done = False
        self._offsets = QtOffsets("")
        self._overlays: highlights.Overlays | None = None  # built lazily per article and palette
        self._windowed = False  # overlays only around the visible text (long articles)
        self._partial = None  # the newest partial analysis not drawn yet
        self._last_partial_at = 0.0
        self._partial_timer = QTimer(self, singleShot=True)
        self._partial_timer.timeout.connect(self._draw_partial)
        self._request = 0  # id of the worker request whose results we want
        self._load_request = 0
        self._pending_source_key = ""  # a source to select once the analysis is in
        self._started_for = ""  # id of the article whose analysis (or cache look-up) has started
        self._closed = False
        self._engine_version = self._version_of(engine_factory)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.settings = UiSettings(self.data_dir)
        self._build_widgets()
        self.actions_ = actions.install(self)
        self.library = None  # opened after the first paint (see ensure_library)
        self._library_tried = False
        self.worker = BackgroundWorker(engine_factory, self)
        self.worker.analysisProgress.connect(self._on_progress)
        self.worker.analysisFinished.connect(self._on_analysis_finished)
        self.worker.articleLoaded.connect(self._on_article_loaded)
        self.worker.analysisFailed.connect(self._on_analysis_failed)
        self.worker.loadFailed.connect(self._on_load_failed)
        self.worker.modelState.connect(self._on_model_state)
        self._restore_state()
        # the worker's imports (sqlite-utils, spaCy) compete for the GIL: start them once the
        # window has had its first turn of the event loop, which paints it
        self._warm_up = warm_up
        QTimer.singleShot(0, self._prepare_worker)
        self.view.painted.connect(self._start_analysis)
        QTimer.singleShot(LIBRARY_FALLBACK_MS, self.ensure_library)  # its notice shows without an article too

    @Slot()
    def _prepare_worker(self) -> None:
        self.worker.prepare(load_model=self._warm_up)

    def ensure_library(self):  # noqa: ANN201 - Library | None
        """Open the library on first use: the window paints before sqlite-utils is even imported."""
        if not self._library_tried:
            self._library_tried = True
            self.library = library_dialogs.open_library(self)
            self.notes.set_library(self.library)
        return self.library

    @staticmethod
    def _version_of(engine_factory) -> str | None:  # noqa: ANN001
        if engine_factory is None:
            from reader.analysis import AttributionEngine  # no spaCy import: the model loads lazily

            return AttributionEngine.version
        return getattr(engine_factory, "version", None)  # a stub without a version is never cached

    # construction -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.message_bar = MessageBar()
        self.legend = QTextBrowser(objectName="legend")
        self.legend.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.legend.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.legend.setAccessibleName("Legend of the highlights")
        self.view = ArticleView()
        self.view.claimClicked.connect(self._on_claim_clicked)
        self.view.scrolled.connect(self._on_scrolled)
        self.view.escapePressed.connect(self.show_all_sources)
        self.view.set_tooltip_provider(self._tooltip)
        self.find_bar = FindBar(self.view)
        central = QWidget(objectName="centralArea")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for widget, stretch in ((self.message_bar, 0), (self.legend, 0), (self.view, 1), (self.find_bar, 0)):
            column.addWidget(widget, stretch)
        self.setCentralWidget(central)
        self._update_legend()

        self.sources = SourcesPanel()
        self.sources.sourceSelected.connect(self._on_source_selected)
        self.notes = NotesPanel()
        self.notes.noteSaved.connect(self.sources.set_noted)
        self.notes.saveFailed.connect(self.show_message)
        split = QSplitter(Qt.Orientation.Vertical, objectName="sourcesSplitter")
        split.addWidget(self.sources)
        split.addWidget(self.notes)
        split.setSizes([480, 220])
        self.sources_dock = QDockWidget("Sources", self, objectName="sourcesPanel")
        self.sources_dock.setWidget(split)
        self.sources_dock.setMinimumWidth(260)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.sources_dock)
        self.navigator = ClaimNavigator()

        status = QStatusBar(objectName="statusBar")
        self.model_label = QLabel(objectName="modelStatus")
        self.progress = QProgressBar(objectName="analysisProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("%v / %m paragraphs")
        self.progress.hide()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.model_label)
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

    # showing an article (opening files, URLs, pastes and drops: ArticleOpening) ---------
    def show_article(self, article: Article) -> None:
        self.notes.set_target(None)  # saves the note being edited
        self.article, self.analysis, self.analysis_done = article, None, False
        self._offsets = QtOffsets(article.text)
        self._overlays = None
        self._partial = None
        self.view.set_article_text(article.text, article.title)
        self.view.setFocus()  # the keyboard goes to the text: arrows scroll, n / p step
        self.sources.set_analysis(None)
        self.navigator.reset()
        self.message_bar.dismiss()
        self.setWindowTitle(f"{article.title} — {APP_NAME}")
        self.worker.cancel_analysis()  # the previous article's analysis stops at its next batch
        self._request = 0
        self._started_for = ""
        self.articleOpened.emit(article.id)
        self.statusBar().showMessage(f"Opened “{article.title}”")
        # the library and the analysis start once the text is on screen (or soon, if hidden)
        # (a minimised window may never paint either: hence a fallback in every case)
        QTimer.singleShot(START_FALLBACK_MS if not self.view.isVisible() else 1000, self._start_analysis)

    @Slot()
    def _start_analysis(self) -> None:
        """Cached highlights at once, or a request to the worker; once per opened article."""
        article = self.article
        if article is None or self._started_for == article.id or self._closed:
            return
        self._started_for = article.id
        self.ensure_library()
        library_dialogs.remember(self, article)
        cached = library_dialogs.cached_analysis(self, article.id, self._engine_version)
        if cached is not None:
            self._apply_analysis(cached, final=True)
            return
        self._request = self.worker.analyze(article.text)
        self.progress.setRange(0, 0)  # busy until the first batch says how many paragraphs
        self.progress.show()
        self.statusBar().showMessage(f"Opened “{article.title}” — finding who says what…")

    # analysis results ---------------------------------------------------------------------
    @Slot(int, int, int, object)
    def _on_progress(self, request_id: int, done: int, total: int, analysis) -> None:  # noqa: ANN001
        if request_id != self._request:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.statusBar().showMessage(f"Analysing… {done} of {total} paragraphs")
        if done < total:
            # the first batch draws at once; later ones at most every PARTIAL_INTERVAL_MS, newest wins
            self._partial = analysis
            wait_ms = PARTIAL_INTERVAL_MS - (time.monotonic() - self._last_partial_at) * 1000
            if wait_ms <= 0:
                self._draw_partial()
            elif not self._partial_timer.isActive():
                self._partial_timer.start(int(wait_ms))
        self.analysisProgress.emit(self.article.id, done, total)

    def _draw_partial(self) -> None:
        if self._partial is not None and self.article is not None:
            analysis, self._partial = self._partial, None
            self._last_partial_at = time.monotonic()
            self._apply_analysis(analysis, final=False)

    @Slot(int, object)
    def _on_analysis_finished(self, request_id: int, analysis) -> None:  # noqa: ANN001
        if request_id != self._request or self.article is None:
            return
        self._partial_timer.stop()
        self._partial = None
        library_dialogs.save_analysis(self, self.article.id, self._engine_version, analysis)
        self._apply_analysis(analysis, final=True)

    def _apply_analysis(self, analysis, final: bool) -> None:  # noqa: ANN001
        self.analysis = analysis
        self.navigator.set_analysis(analysis, self._offsets)
        self.sources.set_analysis(analysis, library_dialogs.noted_keys(self, self.article.id))
        self._refresh_highlights()
        if final:
            self.analysis_done = True
            self.progress.hide()
            n_claims, n_sources = len(analysis.claims), len(analysis.sources)
            self.statusBar().showMessage(f"{n_claims} claim{'s' * (n_claims != 1)} from "
                                         f"{n_sources} source{'s' * (n_sources != 1)}")
            if self._pending_source_key:
                self._select_pending_source()
            self.analysisFinished.emit(self.article.id)

    @Slot(int, str)
    def _on_analysis_failed(self, request_id: int, message: str) -> None:
        if request_id == self._request and self.article is not None:
            self.progress.hide()
            self.show_message(message)
            self.analysisFailed.emit(self.article.id, message)

    @Slot(int, str)
    def _on_load_failed(self, request_id: int, message: str) -> None:
        if request_id == self._load_request:
            self.show_message(message)

    @Slot(str)
    def _on_model_state(self, state: str) -> None:
        texts = {"loading": "Loading language model…", "ready": "Language model ready", "idle": ""}
        self.model_label.setText(texts.get(state, "Language model unavailable"))
        if state not in texts:
            self.model_label.setToolTip(state)
            self.show_message(state)

    def show_message(self, text: str, level: str = "error") -> None:
        """One non-modal message above the article; the window keeps working."""
        self.message_bar.show_message(text, level)
        self.statusBar().showMessage(text, 10_000)
        self.messageShown.emit(text)

    # highlights and sources ---------------------------------------------------------------
    def _palette(self) -> highlights.Palette:
        return highlights.Palette(dark=self.palette().color(QPalette.ColorRole.Base).lightness() < 128)

    def _update_legend(self) -> None:
        highlights.fill_legend(self.legend.document(), self._palette())
        self.legend.document().setDocumentMargin(6)
        self.legend.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        # one line; measured from the font, since the document has no width before the first show
        self.legend.setFixedHeight(self.legend.fontMetrics().lineSpacing() + 16)

    def _refresh_highlights(self) -> None:
        if self.analysis is None:
            self.view.set_highlights([], [])
            return
        if self._overlays is None:
            self._overlays = highlights.Overlays(self.view.document(), self._offsets, self._palette())
        claim_ids = self.selected_claim_ids()
        self._windowed = highlights.overlay_count(self.analysis, claim_ids) > WINDOWED_OVER
        visible = self.view.visible_range() if self._windowed else None
        self.view.set_highlights(*self._overlays.selections(self.analysis, claim_ids, visible))

    @Slot()
    def _on_scrolled(self) -> None:
        if self._windowed:
            self._refresh_highlights()

    def selected_claim_ids(self) -> set[str] | None:
        """The claims of the selected source; None (all claims) when no source is selected."""
        source_id = self.sources.current_source_id()
        return None if not source_id else self.navigator.claims_of(source_id)

    def select_source(self, source_id: str) -> bool:
        return self.sources.select_source(source_id)

    @Slot(str)
    def _on_source_selected(self, source_id: str) -> None:
        self._refresh_highlights()
        self.navigator.select(source_id)
        source = self.analysis.source(source_id) if (self.analysis and source_id != UNSOURCED) else None
        self.notes.set_target(NoteTarget(self.article.id, source.id, source.name, source.kind)
                              if source is not None and self.article is not None else None)
        if source_id:
            self._go_to(self.navigator.first())
        else:
            self.view.set_current_span(None)

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
        self.view.set_current_span(self.navigator.current_span())
        number, total = self.navigator.position()
        if not number:
            self.sources.show_claim_position("")
            return
        text = f"{number} of {total}"
        if self.navigator.wrapped:
            text += " — back to the first" if number == 1 else " — back to the last"
            self.statusBar().showMessage(f"Wrapped round: claim {number} of {total}", 5_000)
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
            self._overlays = None
            self._update_legend()
            self._refresh_highlights()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self._closed = True
        self._library_tried = True  # a pending timer must not reopen it
        self.notes.flush()
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.worker.shutdown()
        library_dialogs.close_library(self)
        super().closeEvent(event)
