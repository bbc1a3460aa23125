"""`sourcelight --self-test`: prove that this installation (frozen or from source) works.

Checks, each independent of the others' success:
  registry  spaCy's registry holds the spacy-legacy architectures and the spacy-loggers
            loggers (a frozen build loses them unless build.spec keeps their metadata);
  model     the language model loads;
  analysis  the bundled sample article is analysed; its claims keep the contract;
  process   the analysis process starts (this executable with --analysis-worker) the way the
            window starts it (early, adopted by a ReadingSession), and analyses the sample;
            its result is the same as the in-process analysis's;
  pdf       the bundled sample PDF (resources/sample-article.pdf, the sample article laid out
            on two pages) opens through the loader of File > Open, and reads back as the
            sample's text: PDFium is bundled and paragraphs, headers and page numbers come out right;
  store     a SQLite library opens in a temporary folder, saves a note, reads it back, closes;
  qt        Qt starts (offscreen unless QT_QPA_PLATFORM says otherwise), renders a widget,
            and the UI package imports (so every Qt module it needs is in the bundle).

Prints ONE summary line and returns 0 (all passed) or 1. The line also goes to the log
file: in a windowed Windows build there is no stdout (`sys.stdout is None`), so the log
(`<data folder>/logs/sourcelight.log`) and the exit status are where the result is seen.
Uses only public APIs: reader.analysis, reader.store.Library, reader.resources, reader.ui.session.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable

from reader import __version__

log = logging.getLogger("reader.selftest")

SAMPLE = "sample-article.txt"
LEGACY_PREFIX = "spacy-legacy."
LEGACY_ARCH_PROBE = "spacy-legacy.HashEmbedCNN.v1"  # resolving it imports spacy_legacy.architectures
LOGGERS_PROBE = "spacy.ChainLogger.v1"  # registered by spacy-loggers through an entry point


class CheckFailed(Exception):
    """A check ran and found a problem; the message goes into the summary line."""


def _check_registry() -> str:
    import spacy

    legacy = sorted(n for n in spacy.registry.architectures.get_all() if n.startswith(LEGACY_PREFIX))
    if not legacy:
        raise CheckFailed("0 spacy-legacy architectures (package metadata missing from the build?)")
    spacy.registry.architectures.get(LEGACY_ARCH_PROBE)
    if LOGGERS_PROBE not in spacy.registry.loggers.get_all():
        raise CheckFailed(f"{LOGGERS_PROBE} missing (spacy-loggers metadata missing from the build?)")
    spacy.registry.loggers.get(LOGGERS_PROBE)
    return f"{len(legacy)} spacy-legacy architectures"


def _check_model() -> str:
    from reader.analysis import load_nlp

    nlp = load_nlp()
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def _check_analysis() -> str:
    from reader.analysis import AttributionEngine, contract_problems

    text = _read_sample()
    analysis = AttributionEngine().analyze(text)
    doc = analysis.to_dict("self-test")
    problems = contract_problems(doc, len(text))
    if problems:
        raise CheckFailed(f"{len(problems)} contract problems, first: {problems[0]}")
    claims, sources = len(doc["claims"]), len(doc["sources"])
    if not claims or not sources:
        raise CheckFailed(f"{claims} claims, {sources} sources in the sample (expected some of each)")
    return f"{claims} claims, {sources} sources, contract ok"


PROCESS_TIMEOUT_S = 120  # a fresh process imports spaCy and loads the model


def _read_sample() -> str:
    from reader.resources import resource_path

    path = resource_path(SAMPLE)
    if not path.is_file():
        raise CheckFailed(f"sample article missing: {path}")
    return path.read_text(encoding="utf-8")


def _check_process() -> str:
    """The window's own path: the process started early (as `reader.app.run_gui` does), adopted
    by a `ReadingSession`, which opens the sample and receives its analysis by signal."""
    from pathlib import Path

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.analysis import AttributionEngine
    from reader.resources import resource_path
    from reader.service.process import start_early
    from reader.ui.session import ReadingSession

    start_early(load_model=True)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "sourcelight"])
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def finished(analysis, final: bool) -> None:  # noqa: ANN001 - the session's GUI-thread signals
        if final:
            outcome["analysis"] = analysis
            loop.quit()

    def failed(message: str, level: str = "error") -> None:
        if level == "error":
            outcome["failed"] = message
            loop.quit()

    with tempfile.TemporaryDirectory(prefix="sourcelight-selftest-", ignore_cleanup_errors=True) as tmp:
        session = ReadingSession(Path(tmp))
        try:
            session.analysisUpdated.connect(finished)
            session.analysisFailed.connect(failed)
            session.failed.connect(failed)
            QTimer.singleShot(PROCESS_TIMEOUT_S * 1000, loop.quit)
            if session.open_path(resource_path(SAMPLE)):
                session.start_analysis()
                if not outcome:
                    loop.exec()
            pid = session.client.process_id
        finally:
            session.close()
            app.processEvents()  # deliver what closing posted
    if "failed" in outcome:
        raise CheckFailed(str(outcome["failed"]))
    if "analysis" not in outcome:
        raise CheckFailed(f"no result within {PROCESS_TIMEOUT_S} s")
    if pid is None or pid == os.getpid():
        raise CheckFailed("the analysis did not run in its own process")
    analysis = outcome["analysis"]
    if analysis.to_dict() != AttributionEngine().analyze(_read_sample()).to_dict():
        raise CheckFailed("the analysis process's result differs from the in-process analysis")
    return f"pid {pid}, {len(analysis.claims)} claims, same as in-process"


SAMPLE_PDF = "sample-article.pdf"  # made from SAMPLE by packaging/make_sample_pdf.py


def _check_pdf() -> str:
    from reader.documents import DocumentError, load_path
    from reader.resources import resource_path

    path = resource_path(SAMPLE_PDF)
    if not path.is_file():
        raise CheckFailed(f"sample PDF missing: {path}")
    try:
        article = load_path(path)
    except DocumentError as exc:
        raise CheckFailed(str(exc)) from None
    expected = _read_sample().strip().split("\n")
    got = article.text.split("\n")
    if article.metadata.get("format") != "pdf":
        raise CheckFailed(f"read as {article.metadata.get('format')}, not as a PDF")
    if got != expected:
        differing = next(k for k, (a, b) in enumerate(zip([*got, ""], [*expected, ""])) if a != b)
        raise CheckFailed(f"{len(got)} paragraphs, {len(expected)} expected; paragraph {differing + 1} differs")
    return f"{article.metadata.get('pages')} pages, {len(got)} paragraphs as in the sample"


def _check_store() -> str:
    from reader.store import Library

    with tempfile.TemporaryDirectory(prefix="sourcelight-selftest-", ignore_cleanup_errors=True) as tmp:
        library = Library.open(tmp)
        try:
            library.save_note("self-test", "s1", "Self Test", "person", "a note")
            back = library.note("self-test", "Self Test", "person")
        finally:
            library.close()
    if back != "a note":
        raise CheckFailed(f"note read back as {back!r}")
    return "ok"


def _check_qt() -> str:
    import importlib

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "sourcelight"])
    if not isinstance(app, QApplication):
        raise CheckFailed(f"a {type(app).__name__} is running, not a QApplication")
    label = QLabel("Sourcelight")
    try:
        if label.grab().isNull():
            raise CheckFailed("could not render a widget")
    finally:
        label.deleteLater()
    importlib.import_module("reader.ui")
    return f"{QGuiApplication.platformName()} ok"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("registry", _check_registry),
    ("model", _check_model),
    ("analysis", _check_analysis),
    ("process", _check_process),
    ("pdf", _check_pdf),
    ("store", _check_store),
    ("qt", _check_qt),
]


def _setup_log() -> None:
    """Log to the user's data folder, as the window does; the self-test goes on without it."""
    try:
        from reader.app import settings_dir
        from reader.log import setup_logging

        data_dir = settings_dir()  # where the window logs (the library may live elsewhere)
        data_dir.mkdir(parents=True, exist_ok=True)
        setup_logging(data_dir)
    except Exception:  # noqa: BLE001 - e.g. a read-only home; the summary line still tells
        pass


def run_self_test() -> int:
    """Run every check, print one summary line, return the exit status (0 or 1)."""
    from reader.log import ensure_std_streams

    ensure_std_streams()  # windowed build: no stdout/stderr → os.devnull, never None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed, no window flashes
    _setup_log()
    log.info("self-test: Sourcelight %s, Python %s, frozen=%s, executable %s",
             __version__, sys.version.split()[0], getattr(sys, "frozen", False), sys.executable)
    start = time.perf_counter()
    parts: list[str] = []
    failed = 0
    # Warnings (as filtered by the current filters) go to the log, not to stderr.
    with warnings.catch_warnings(record=True) as caught:
        for name, check in CHECKS:
            t0 = time.perf_counter()
            try:
                detail = check()
            except CheckFailed as exc:
                failed += 1
                detail = f"FAILED ({exc})"
                log.error("self-test %s: %s", name, exc)
            except Exception as exc:  # noqa: BLE001 - report every failure, then carry on
                failed += 1
                message = f"{type(exc).__name__}: {exc}".replace("\n", " ")
                detail = f"FAILED ({message[:200]})"
                log.exception("self-test %s failed", name)
            else:
                log.info("self-test %s: %s (%.2fs)", name, detail, time.perf_counter() - t0)
            parts.append(f"{name} {detail}")
    for w in caught:
        log.warning("self-test: %s: %s", w.category.__name__, w.message)
    verdict = "OK" if not failed else f"FAILED ({failed} of {len(CHECKS)} checks)"
    line = f"Sourcelight {__version__} self-test {verdict} in {time.perf_counter() - start:.1f}s: " + "; ".join(parts)
    log.info("%s", line)
    try:
        print(line, flush=True)
    except (OSError, ValueError):  # a closed or broken stdout: the log has the line
        pass
    return 0 if not failed else 1
