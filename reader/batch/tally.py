"""What a batch run did, counted the same way by every engine, and said in one sentence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Tally:
    analysed: int = 0     # results written, failures included
    failed: int = 0       # of those, documents written as {"id", "error"}
    malformed: int = 0    # input lines skipped
    resumed: int = 0      # documents already in the output (--resume)

    def add(self, other: Tally) -> None:
        self.analysed += other.analysed
        self.failed += other.failed
        self.malformed += other.malformed
        self.resumed += other.resumed

    def sentence(self, seconds: float) -> str:
        parts = [f"analysed {self.analysed} documents in {seconds:.1f} s"]
        if self.failed:
            parts.append(f'{self.failed} failed (written as {{"id", "error"}})')
        if self.malformed:
            parts.append(f"{self.malformed} malformed lines skipped")
        if self.resumed:
            parts.append(f"{self.resumed} already done (--resume)")
        return "; ".join(parts)
