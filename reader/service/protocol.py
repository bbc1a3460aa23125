"""The messages between the window and the analysis process: one JSON object per line.

Requests (window → process), each a dict with an "op":
    hello     {"factory": pickled engine factory (base64) or null, "path": sys.path for it}
              always the first line; null means the real spaCy engine
    prepare   {"load_model": bool}            load the model now, before an article needs it
    analyze   {"id": n, "text": str}          the newest analysis; older ones stop
    cancel    {"id": n}                       analyses older than n stop, their results drop
    load      {"id": n, "target": str}        read a path or URL into an Article (its own ids)
    shutdown  {}                              finish and exit (end of input does the same)

Events (process → window), each a dict with an "event":
    state     {"state": "loading" | "ready" | "idle" | a message for the user}
    progress  {"id", "done", "total", "analysis"}    a partial (cumulative) analysis
    finished  {"id", "analysis"}
    analysis_failed / load_failed   {"id", "message"}
    loaded    {"id", "article"}

Lines are ASCII (json's escapes), so any text (lone surrogates too) survives the pipe.
Analyses travel as `Analysis.to_dict()`, articles as their fields; `decode_event` turns them
back into objects, on the reading thread, so the GUI thread receives ready objects.
"""

from __future__ import annotations

import base64
import json
import pickle
from collections.abc import Callable
from typing import Any

WORKER_FLAG = "--analysis-worker"

HELLO, PREPARE, ANALYZE, CANCEL, LOAD, SHUTDOWN = "hello", "prepare", "analyze", "cancel", "load", "shutdown"
STATE, PROGRESS, FINISHED, ANALYSIS_FAILED, LOADED, LOAD_FAILED = (
    "state", "progress", "finished", "analysis_failed", "loaded", "load_failed")

LOADING, READY, IDLE = "loading", "ready", "idle"  # model states; any other state is a message

ARTICLE_FIELDS = ("title", "text", "origin", "metadata")


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=True, separators=(",", ":"), default=str).encode("ascii") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    return json.loads(line)


def pack_factory(factory: Callable[[], Any] | None) -> str | None:
    """A picklable factory (top-level class or function, functools.partial) as text."""
    return None if factory is None else base64.b64encode(pickle.dumps(factory)).decode("ascii")


def unpack_factory(packed: str | None) -> Callable[[], Any] | None:
    return None if packed is None else pickle.loads(base64.b64decode(packed))  # noqa: S301 - our own parent


def article_fields(article: Any) -> dict[str, Any]:
    return {name: getattr(article, name) for name in ARTICLE_FIELDS}


def decode_event(line: bytes) -> dict[str, Any]:
    """An event with its analysis / article as objects (imported here: the window has them already)."""
    event = decode(line)
    if "analysis" in event:
        from reader.analysis.types import Analysis

        event["analysis"] = Analysis.from_dict(event["analysis"])
    if "article" in event:
        from reader.documents.article import Article

        event["article"] = Article(**event["article"])
    return event
