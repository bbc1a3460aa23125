"""The reading session: the one owner of the article on screen, its analysis and the requests.

    session = ReadingSession(data_dir, engine_factory)
    session.open_path("article.md")   # → articleShown(article), later analysisUpdated(analysis, final)
    session.set_visible_from(offset)  # where the reader is: those paragraphs are analysed first
    session.start_analysis()          # once the text has been painted (or at once for a hidden window)

Data flows one way, session → window: the window shows what the signals carry and calls the
methods below for what the user does. The session imports no widget.

Opening: a small plain-text file is read here (quicker than a round trip); URLs, Markdown, saved
pages, PDFs and large files are read by the analysis process (its load thread), so neither a
slow page nor a parser ever holds the GUI thread. The text shows at
once; then a cached analysis (same article, same engine version) is drawn, or the client
analyses it — the paragraphs on the reader's screen first (`set_visible_from`), then all from the
top — and partial results come at most every PARTIAL_INTERVAL_MS (the first few, which fill the
screen), then every LATER_PARTIAL_INTERVAL_MS. Analyses are saved,
and opened articles remembered, by `AnalysisSaver` off the GUI thread.
The analysis client (analysis_client.py) runs spaCy in its own process, restarted if it dies
or hangs. Loads and analyses each have their own newest request: an article the user asked
for is never swallowed by the analysis of the one on screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reader import documents
from reader.analysis import Analysis
from reader.documents import Article, DocumentError
from reader.ui import library_access
from reader.ui.analysis_client import AnalysisClient
from reader.ui.corrected_results import CorrectedResults
from reader.ui.corrections_state import CorrectionsState
from reader.ui.read_here import WEB_SCHEMES, local_path, reads_in_a_frame

log = logging.getLogger("reader.ui.session")
START_FALLBACK_MS = 1000  # the analysis starts on the first paint; this, if no paint comes
LIBRARY_FALLBACK_MS = 1000  # the library's notice shows even when no article is opened
PARTIAL_INTERVAL_MS = 400  # redrawing thousands of overlays per batch would stall the GUI thread
QUICK_PARTIALS = 3  # partials at that pace: the screen's paragraphs come first, so these fill it
LATER_PARTIAL_INTERVAL_MS = 1000  # later ones add mostly below it (each costs the panels 10–20 ms at 20,000 words)
PASTED_TITLE = "Pasted article"


def engine_version(engine_factory: Callable[[], Any] | None) -> str | None:
    """The version cached analyses are kept under; None (a stub without one) is never cached."""
    if engine_factory is None:
        from reader.analysis.version import ENGINE_VERSION  # not the engine: it is not needed here

        return ENGINE_VERSION
    return getattr(engine_factory, "version", None)


class ReadingSession(QObject):
    articleShown = Signal(object)  # Article: show its text now
    analysisStarted = Signal()  # the shown article is being analysed (no cached analysis)
    analysisProgress = Signal(int, int)  # paragraphs done, total
    analysisUpdated = Signal(object, bool)  # Analysis (partial or final), final
    analysisFailed = Signal(str)  # message for the user; the text stays readable
    failed = Signal(str, str)  # message for the user, level ("error" | "warning" | "info")
    opening = Signal(str)  # what is being read or fetched, for the status bar
    modelState = Signal(str)  # "loading" | "ready" | "idle" | the message of a model that failed
    libraryChanged = Signal(object)  # Library | None, for the notes and the dialogs
    sourceRequested = Signal(str)  # a source id to select (the hit of a library search)
    claimRequested = Signal(str)  # a claim id to scroll to and outline (a claim hit of the search)
    recentOpened = Signal(str)  # a path or URL for the recent files
    _libraryPrepared = Signal()  # from the saver's thread: the library file is ready to open
    correctionMade = Signal(str)  # what a correction or its undo did, for the status bar

    def __init__(self, data_dir: Path, engine_factory: Callable[[], Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.analysis_done = False
        self.library = None  # reader.store.Library, opened on first use (after the first paint)
        self._library_tried = False
        self._library_preparing: Future | None = None  # the saver's first open, while it runs
        self._saver = library_access.AnalysisSaver(self.data_dir)
        self._engine_version = engine_version(engine_factory)
        self._analysis_request = 0  # ids of the client requests whose results we want
        self._load_request = 0
        self._started_for = ""  # id of the article whose analysis (or cache look-up) has started
        self._pending_source_key = ""  # a source to select once the analysis is in
        self._pending_claim_id = ""  # or a claim to show
        self._partial: Analysis | None = None  # the newest partial analysis not passed on yet
        self._last_partial_at = 0.0
        self._partials_passed = 0  # of the article on screen
        self._visible_from: int | None = None  # code point of the first character on the reader's screen
        self._partial_timer = QTimer(self, singleShot=True)
        self._partial_timer.timeout.connect(self._pass_partial)
        self._start_timer = QTimer(self, singleShot=True, interval=START_FALLBACK_MS)
        self._start_timer.timeout.connect(self.start_analysis)
        self._closed = False
        self.corrections = CorrectionsState(self)  # the reader's edits, applied after every analysis
        self.corrections.writer.writeFailed.connect(self._on_correction_not_saved)
        self._engine_analysis: Analysis | None = None  # the engine's result, under the corrections
        self._results = CorrectedResults(self.corrections, self)  # the edits put on top off the GUI thread
        self._results.ready.connect(self._on_result_ready)
        self.client = self.make_analysis_client(engine_factory)
        self.client.analysisProgress.connect(self._on_progress)
        self.client.analysisFinished.connect(self._on_analysis_finished)
        self.client.analysisFailed.connect(self._on_analysis_failed)
        self.client.articleLoaded.connect(self._on_article_loaded)
        self.client.loadFailed.connect(self._on_load_failed)
        self.client.modelState.connect(self.modelState)
        self._libraryPrepared.connect(self._on_library_prepared)  # queued: emitted on the saver's thread
        QTimer.singleShot(LIBRARY_FALLBACK_MS, self.ensure_library)

    def make_analysis_client(self, engine_factory: Callable[[], Any] | None) -> AnalysisClient:
        """The one place the analysis client is made: the analysis process (the one `reader.app`
        started at launch, for the real engine; a new one for any other, picklable, factory)."""
        return AnalysisClient(engine_factory, self)

    def prepare(self, load_model: bool) -> None:
        """Right after the window is built: the model loads in the analysis process, and the
        library file is created or upgraded on the saver's thread, not on this one."""
        self.client.prepare(load_model=load_model)
        if self._library_preparing is None and not self._library_tried:
            self._library_preparing = self._saver.open_first(self._libraryPrepared.emit)

    @Slot()
    def _on_library_prepared(self) -> None:
        if not self._closed:
            self.ensure_library()
            self.start_analysis()  # if one waited for the library (its cache comes first)

    def _library_being_prepared(self) -> bool:
        return self._library_preparing is not None and not self._library_preparing.done()

    # the library -------------------------------------------------------------------------
    def ensure_library(self):  # noqa: ANN201 - Library | None
        """Open the library on first use: the window paints before sqlite-utils is even imported."""
        if not self._library_tried and not self._closed:
            notice = ""  # what the saver's first open repaired or upgraded, if it ran
            if self._library_preparing is not None:
                notice = self._library_preparing.result()  # done, or (a dialog asks now) soon: never two opens at once
                self._library_preparing = None
            self._library_tried = True
            opened = library_access.open_library(self.data_dir)
            self.library = opened.library
            self.libraryChanged.emit(self.library)
            if opened.message or notice:
                self.failed.emit(opened.message or notice, "warning")
        return self.library

    def noted_keys(self) -> set[str]:
        return library_access.noted_keys(self.library, self.article.id) if self.article else set()

    def _writable(self) -> bool:
        return self.library is not None and not self.library.read_only

    # opening -----------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a small text file now; a URL, a page, Markdown or a large file in the background.

        False (and `failed`) when it fails at once; background failures come as `failed` too."""
        target = str(path).strip()
        if target.lower().startswith(WEB_SCHEMES):
            self.open_url(target)
            return True
        local = local_path(target) if documents.is_url(target) else target
        if local is not None and not reads_in_a_frame(local):
            self._load_request = self.client.load(str(Path(local).expanduser()))
            self.opening.emit(f"Opening {Path(local).name} …")
            return True
        try:
            # another scheme, or a file on another computer: the loader says why not
            article = documents.load(target) if local is None else documents.load_path(local)
        except DocumentError as exc:
            log.info("could not open %s: %s", target, exc)
            self.failed.emit(str(exc), "error")
            return False
        self.show_article(article)
        self.recentOpened.emit(str(Path(local).resolve()))
        return True

    def open_url(self, url: str) -> None:
        # the article on screen (and its analysis) stays until the new one has arrived
        self._load_request = self.client.load(url)
        self.opening.emit(f"Fetching {url} …")

    def open_pasted(self, text: str) -> bool:
        """File > New from clipboard: the text, cleaned up the way a .txt file would be."""
        from reader.documents.loader import article_from_text

        if not text.strip():
            self.failed.emit("The clipboard holds no text to read.", "warning")
            return False
        try:
            article = article_from_text(text, "clipboard", fallback_title=PASTED_TITLE, name="The clipboard")
        except DocumentError as exc:
            self.failed.emit(str(exc), "warning")
            return False
        self.show_article(article)
        return True

    def open_library_hit(self, article_id: str, source_key: str, claim_id: str = "") -> None:
        """A hit chosen in the library search or the source book: that article, that source
        (or that claim)."""
        article = library_access.stored_article(self.ensure_library(), article_id)
        if article is None:
            self.failed.emit("That article is no longer in your library.", "warning")
            return
        self._pending_source_key, self._pending_claim_id = source_key, claim_id
        if self.article is None or self.article.id != article.id:
            self.show_article(article)
        if self.analysis_done:
            self._select_pending_source()

    @Slot(int, object)
    def _on_article_loaded(self, request_id: int, article: Article) -> None:
        if request_id == self._load_request:
            self.show_article(article)
            if article.origin:
                self.recentOpened.emit(article.origin)

    @Slot(int, str)
    def _on_load_failed(self, request_id: int, message: str) -> None:
        if request_id == self._load_request:
            self.failed.emit(message, "error")

    def show_article(self, article: Article) -> None:
        """Make `article` the one on screen; its analysis starts with `start_analysis`."""
        self.article, self.analysis, self.analysis_done = article, None, False
        self.corrections.reset(article)
        self._engine_analysis = None
        self._results.drop()
        self._partial_timer.stop()
        self._partial = None
        self._partials_passed = 0
        self.client.cancel_analysis()  # the previous article's analysis stops at its next batch
        self._analysis_request = 0
        self._started_for = ""
        self._visible_from = None  # a new text shows from its top
        self.articleShown.emit(article)
        self._start_timer.start()  # in case the window never paints (minimised)

    # analysis ----------------------------------------------------------------------------
    @Slot()
    def start_analysis(self) -> None:
        """Cached highlights at once, or a request to the client; once per shown article."""
        article = self.article
        if article is None or self._started_for == article.id or self._closed:
            return
        if self._library_being_prepared():
            return  # _on_library_prepared starts it: the cached analysis may be there
        self._start_timer.stop()
        self._started_for = article.id
        library = self.ensure_library()
        self.corrections.load(library)
        if self._writable():
            self._saver.remember(article)
        cached = library_access.cached_analysis(library, article.id, self._engine_version)
        if cached is not None:
            self._finish(cached)
            return
        self._analysis_request = self.client.analyze(article.text, self._visible_from)
        self.analysisStarted.emit()

    def set_visible_from(self, offset: int) -> None:
        """Where the reader is (a code point of the text on screen): the analysis (one not started,
        or one waiting for its model) analyses the paragraphs from there first."""
        if offset != self._visible_from:
            self._visible_from = offset
            if self._analysis_request and not self.analysis_done:
                self.client.show_reader_at(offset)

    @Slot(int, int, int, object)
    def _on_progress(self, request_id: int, done: int, total: int, analysis: Analysis) -> None:
        if request_id != self._analysis_request:
            return
        if done < total:
            # the first batch is passed on at once; later ones at most every interval, newest wins
            self._partial = analysis
            interval = PARTIAL_INTERVAL_MS if self._partials_passed < QUICK_PARTIALS else LATER_PARTIAL_INTERVAL_MS
            wait_ms = interval - (time.monotonic() - self._last_partial_at) * 1000
            if wait_ms <= 0:
                self._pass_partial()
            elif not self._partial_timer.isActive():
                self._partial_timer.start(int(wait_ms))
        self.analysisProgress.emit(done, total)  # after the partial it brought was passed on

    def _pass_partial(self) -> None:
        if self._partial is not None and self.article is not None:
            partial, self._partial = self._partial, None
            self._last_partial_at = time.monotonic()
            self._partials_passed += 1
            self._results.show(partial, False)  # → _on_result_ready

    @Slot(int, object)
    def _on_analysis_finished(self, request_id: int, analysis: Analysis) -> None:
        if request_id != self._analysis_request or self.article is None:
            return
        if self._engine_version is not None and self._writable():
            self._saver.save(self.article.id, self._engine_version, analysis)
        self._finish(analysis)

    def _finish(self, analysis: Analysis) -> None:
        self._partial_timer.stop()
        self._partial = None
        self._results.show(analysis, True)  # → _on_result_ready

    @Slot(object, object, bool)
    def _on_result_ready(self, shown: Analysis, engine_analysis: Analysis, final: bool) -> None:
        self.analysis = shown
        if final:  # corrections can be made from now on, on top of the engine's result
            self._engine_analysis, self.analysis_done = engine_analysis, True
        self.analysisUpdated.emit(shown, final)
        if final and (self._pending_source_key or self._pending_claim_id):
            self._select_pending_source()

    @Slot(int, str)
    def _on_analysis_failed(self, request_id: int, message: str) -> None:
        if request_id == self._analysis_request and self.article is not None:
            self.analysisFailed.emit(message)

    def _select_pending_source(self) -> None:
        from reader.store import source_key

        key, self._pending_source_key = self._pending_source_key, ""
        claim_id, self._pending_claim_id = self._pending_claim_id, ""
        if claim_id and self.analysis and any(c.id == claim_id for c in self.analysis.claims):
            self.claimRequested.emit(claim_id)
            return
        for source in (self.analysis.sources if key and self.analysis else []):
            if source_key(source.name, source.kind) == key:
                self.sourceRequested.emit(source.id)
                return

    # corrections (reader/ui/corrections_state.py) ------------------------------------------
    def correct(self, correction) -> None:  # noqa: ANN001 - reader.corrections.Correction
        """Apply a correction of the reader to the analysis on screen and store it."""
        if self._engine_analysis is None or not self.analysis_done:
            self.failed.emit("Corrections can be made once the analysis is complete.", "info")
            return
        self.corrections.add(correction)
        self._show_corrected(f"{correction.description} — Ctrl+Z undoes it")
        if not self.corrections.saved_here():
            self.failed.emit("Your correction is shown but not saved: your library is not available or is "
                             "open read-only in this session.", "warning")

    def undo_correction(self) -> bool:
        """Take back the latest correction of this article (or its deletion); False when there is none."""
        undone = self.corrections.undo() if self._engine_analysis is not None else None
        if undone is None:
            self.correctionMade.emit("Nothing to undo: this article has no corrections.")
            return False
        correction, was_deleted = undone
        self._show_corrected(f"Put back: {correction.description}" if was_deleted
                             else f"Undone: {correction.description}")
        return True

    def delete_correction(self, uid: str) -> bool:
        """Delete one of this article's corrections (one that no longer applies); Ctrl+Z puts it back."""
        correction = self.corrections.delete(uid) if self._engine_analysis is not None else None
        if correction is None:
            return False
        self._show_corrected(f"Deleted: {correction.description} — Ctrl+Z puts it back")
        if not self.corrections.saved_here():
            self.failed.emit("The correction is deleted in this window only: your library is not available or "
                             "is open read-only in this session.", "warning")
        return True

    def _show_corrected(self, message: str) -> None:
        self.analysis = self.corrections.corrected(self._engine_analysis)
        self.analysisUpdated.emit(self.analysis, True)
        self.correctionMade.emit(message)

    @Slot(str)
    def _on_correction_not_saved(self, message: str) -> None:
        self.failed.emit(message, "warning")

    def wait_for_library_writes(self) -> bool:
        """Block until the analyses and corrections asked to be saved are in the library."""
        self.corrections.writer.wait()
        return self._saver.wait()

    # closing -----------------------------------------------------------------------------
    def close(self) -> None:
        """Stop the client, finish the library writes, close the library. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._library_tried = True  # a pending timer must not reopen it
        self._start_timer.stop()
        self._partial_timer.stop()
        self.client.shutdown()
        self._results.close()
        self._saver.close()
        self.corrections.close()
        library_access.close_library(self.library)
        self.library = None
        self.libraryChanged.emit(None)
