"""The signals of an analysis client: the one interface the reading session listens to.

The process-backed `AnalysisClient` (analysis_client.py) derives from `AnalysisSignals`; a test
double or another client would too, so the session never depends on how analyses are run.
Every signal is emitted on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AnalysisSignals(QObject):
    analysisProgress = Signal(int, int, int, object)  # request id, done, total, Analysis so far
    analysisFinished = Signal(int, object)  # request id, final Analysis
    analysisFailed = Signal(int, str)  # request id, message for the user
    articleLoaded = Signal(int, object)  # request id, Article
    loadFailed = Signal(int, str)  # request id, message for the user
    modelState = Signal(str)  # "loading" | "ready" | "idle" | a message for the user (a failed model)
