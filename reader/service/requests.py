"""The request semantics of the analysis process (server.py): partial results at most every
PROGRESS_INTERVAL_S, in batches of PARAGRAPH_BATCH paragraphs, the newest request of each kind
(analysis, load) kept in a `Newest`, and the real engine by default. No Qt, no spaCy import.
"""

from __future__ import annotations

PROGRESS_INTERVAL_S = 0.25  # partial results at most this often (the final one always)
PARAGRAPH_BATCH = 8  # paragraphs per progress step: the first highlights show after one batch
WARM_UP_TEXT = "The harbour master said the ferries were running again."


def default_engine():  # noqa: ANN201 - imported lazily: keeps spaCy out of start-up
    from reader.analysis import AttributionEngine

    return AttributionEngine()


class Newest:
    """The newest request id of one kind, written by one thread and read by another (one int: atomic)."""

    def __init__(self) -> None:
        self.value = 0

    def stale(self, request_id: int) -> bool:
        return request_id != self.value
