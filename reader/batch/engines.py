"""One document → one result object, the same in every process and on every engine.

Each process (the main one, a pool worker, a Dask worker's analysing process) keeps one
`AttributionEngine` for its whole life: the model is loaded once per process, on first use or by
`warm_up()`.
A document the engine cannot analyse becomes `{"id", "error"}`: a batch never stops for one.
Every analysing process stays single-threaded (`keep_single_threaded`): see the reason there.
"""

from __future__ import annotations

import json
import os
from typing import Any

from reader.analysis import AttributionEngine
from reader.analysis.profile import with_profile

_engine: AttributionEngine | None = None
# Thread pools of numpy's BLAS, off: OpenBLAS starts one thread per extra core when numpy is
# imported, yet the engine's matrix products run in blis on the calling thread, so these threads
# never help. Their mere existence makes the process multi-threaded for glibc, whose locks then
# take atomic instructions, and spaCy's parser takes and releases the GIL (a lock) ~800,000 times a
# document: +13 % CPU per document measured (issue 18). Dask sets the same three for its workers.
SINGLE_THREAD_ENVIRONMENT = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def keep_single_threaded() -> None:
    """Before numpy is imported here: this process and the workers it spawns start no BLAS threads.
    A value the user set is kept."""
    for name, value in SINGLE_THREAD_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def engine() -> AttributionEngine:
    """This process's engine, loaded on first use."""
    global _engine
    if _engine is None:
        _engine = AttributionEngine()
        _engine.nlp  # noqa: B018 — load the model now, not inside the first document
    return _engine


def warm_up() -> None:
    """Load the model (the initializer of a pool worker and of a Dask worker's analysing process)."""
    engine()


def analyze_document(doc_id: str, text: str) -> dict[str, Any]:
    """The analysis contract for one document, or `{"id", "error"}` when the engine fails on it."""
    try:
        return with_profile(engine().analyze(text).to_dict(doc_id))
    except Exception as exc:  # noqa: BLE001 — any engine failure is this document's, not the batch's
        return failure(doc_id, exc)


def failure(doc_id: str, exc: BaseException) -> dict[str, Any]:
    first_line = (str(exc).strip().splitlines() or [""])[0]
    return {"id": doc_id, "error": f"{type(exc).__name__}: {first_line}".rstrip(": ")}


def is_failure(result: dict[str, Any]) -> bool:
    return "error" in result


def result_line(result: dict[str, Any]) -> str:
    """The one serialisation every engine writes (so outputs compare byte for byte)."""
    return json.dumps(result, ensure_ascii=False) + "\n"


def analyze_records(records: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """A chunk of (id, text) pairs → (result line, failed?) for each, in order (the unit a worker gets)."""
    results = [analyze_document(doc_id, text) for doc_id, text in records]
    return [(result_line(r), is_failure(r)) for r in results]
