"""Analysis speed: engine time ÷ bare spaCy parse time, tokens per second, on the sample and
on a ~20,000-word article built from it. Prints figures; never fails on time."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.analysis import AttributionEngine, load_nlp  # noqa: E402
from reader.analysis.paragraphs import paragraph_spans  # noqa: E402


def best_of(n: int, fn) -> float:  # noqa: ANN001
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    sample = (ROOT / "resources" / "sample-article.txt").read_text(encoding="utf-8")
    long_text = "\n".join([sample] * (20_000 // len(sample.split()) + 1))
    t = time.perf_counter()
    nlp = load_nlp()
    print(f"model load: {time.perf_counter() - t:.2f} s")
    engine = AttributionEngine(nlp)
    for name, text, runs in (("sample", sample, 5), ("20k words", long_text, 1)):
        paras = [text[s:e] for s, e in paragraph_spans(text)]
        bare = best_of(runs, lambda: list(nlp.pipe(paras)))
        full = best_of(runs, lambda: engine.analyze(text))
        tokens = sum(len(d) for d in nlp.pipe(paras))
        print(f"{name}: {len(text.split())} words, {tokens} tokens; bare parse {bare * 1000:.0f} ms, "
              f"analysis {full * 1000:.0f} ms, ratio {full / bare:.2f}, {tokens / full:.0f} tokens/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
