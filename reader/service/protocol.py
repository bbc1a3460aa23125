"""The messages between the window and the analysis process: one JSON object per line.

Requests (window → process), each a dict with an "op":
    hello     {"factory": pickled engine factory (base64) or null, "path": sys.path for it}
              always the first line; null means the real spaCy engine
    prepare   {"load_model": bool}            load the model now, before an article needs it
    analyze   {"id": n, "text": str, "visible_from": int | null}
                                            the newest analysis; older ones stop; the paragraphs
                                            from code point `visible_from` (the reader's screen)
                                            first, then all from the top
    visible   {"id": n, "visible_from": int}   the reader scrolled: analysis n, if it has not
                                            started parsing yet (the model loads), starts there
    cancel    {"id": n}                       analyses older than n stop, their results drop
    load      {"id": n, "target": str}        read a path or URL into an Article (its own ids)
    shutdown  {}                              finish and exit (end of input does the same)

Events (process → window), each a dict with an "event":
    state     {"state": "loading" | "ready" | "idle" | a message for the user}
    progress  {"id", "done", "total", "analysis", "claims_from"}   a partial analysis
    finished  {"id", "done", "total", "analysis", "claims_from"}   the complete one
    analysis_failed / load_failed   {"id", "message"}
    loaded    {"id", "article"}

Lines are ASCII (json's escapes), so any text (lone surrogates too) survives the pipe.
Analyses travel as `Analysis.to_dict()`, articles as their fields; `decode_event` turns them
back into objects, on the reading thread, so the GUI thread receives ready objects.

Each analysis is cumulative, but its claims only ever grow at the end (earlier paragraphs are
settled), so a message carries the claims from index `claims_from` on: those before it are the
ones the previous message of the same request ended with (`ClaimsSent` on the process's side,
`ClaimsReceived` on the window's). The final analysis of 20,000 words is ~220 KB; the partials
before it no longer add up to megabytes to decode while the GUI thread shares the GIL.
"""

from __future__ import annotations

import base64
import json
import pickle
from collections.abc import Callable
from typing import Any

WORKER_FLAG = "--analysis-worker"

HELLO, PREPARE, ANALYZE, CANCEL, LOAD, SHUTDOWN = "hello", "prepare", "analyze", "cancel", "load", "shutdown"
VISIBLE = "visible"
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


class ClaimsSent:
    """The process's side: the claims already sent for one analysis request."""

    def __init__(self) -> None:
        self._sent: list[dict[str, Any]] = []

    def fields(self, analysis: Any) -> dict[str, Any]:
        """`analysis` as the "analysis" and "claims_from" fields of the next message."""
        data = analysis.to_dict()
        claims = data["claims"]
        keep = 0
        for old, new in zip(self._sent, claims):
            if old != new:
                break  # a settled claim changed after all: it is sent again, with all after it
            keep += 1
        self._sent = claims
        return {"analysis": {**data, "claims": claims[keep:]}, "claims_from": keep}


class ClaimsReceived:
    """The window's side (one per process, on its reading thread): the claims of the newest
    request, to which the next message of that request adds its tail."""

    def __init__(self) -> None:
        self._request: int | None = None
        self._claims: list[Any] = []

    def analysis(self, event: dict[str, Any]) -> Any:
        from reader.analysis.types import Analysis

        analysis = Analysis.from_dict(event["analysis"])
        keep = event.get("claims_from", 0)
        previous = self._claims if event.get("id") == self._request else []
        if keep > len(previous):
            raise ValueError(f"claims_from {keep} but only {len(previous)} claims received for request {event.get('id')}")
        analysis.claims = previous[:keep] + analysis.claims
        self._request, self._claims = event.get("id"), analysis.claims
        return analysis


def decode_event(line: bytes, received: ClaimsReceived) -> dict[str, Any]:
    """An event with its analysis / article as objects (imported here: the window has them already)."""
    event = decode(line)
    if "analysis" in event:
        event["analysis"] = received.analysis(event)
    if "article" in event:
        from reader.documents.article import Article

        event["article"] = Article(**event["article"])
    return event
