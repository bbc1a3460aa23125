"""Analysis speed and memory. Prints figures; never fails on time.

* ratio = engine time ÷ bare parse time, on the sample and on a ~20,000-word article built
  from it. Two bare baselines: the model as shipped (`spacy.load`, every component, the
  usual `nlp(text)` way to use it, paragraph by paragraph with `nlp.pipe`) and our trimmed
  pipeline (no lemmatizer) without any rules, so the rule layer's own cost shows too;
* tokens per second end to end;
* peak RSS of a fresh process that loads the model and analyses the 20,000-word article
  (`--memory-child` runs that measurement).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.analysis import AttributionEngine, load_nlp  # noqa: E402
from reader.analysis.paragraphs import paragraph_spans  # noqa: E402
from reader.analysis.pipeline import MODEL_PACKAGE  # noqa: E402


def best_of(n: int, fn) -> float:  # noqa: ANN001
    """Best CPU time of n runs: CPU time, not wall time, because the build machine is shared
    and wall-clock ratios swing by ±40 % under other people's load."""
    times = []
    for _ in range(n):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def texts() -> tuple[str, str]:
    sample = (ROOT / "resources" / "sample-article.txt").read_text(encoding="utf-8")
    long_text = "\n".join([sample] * (20_000 // len(sample.split()) + 1))
    return sample, long_text


def memory_child() -> None:
    _, long_text = texts()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    engine = AttributionEngine(load_nlp())
    engine.analyze("Warm-up: the model said hello.")
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    engine.analyze(long_text)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{before:.0f} {loaded:.0f} {peak:.0f}")


def main() -> None:
    import spacy

    # memory first, in a fresh process (a child forked later would inherit this one's peak)
    out = subprocess.run([sys.executable, __file__, "--memory-child"], capture_output=True, text=True, check=True)
    start, loaded, peak = out.stdout.split()
    sample, long_text = texts()
    t = time.perf_counter()
    nlp = load_nlp()
    print(f"model load (trimmed pipeline {nlp.pipe_names}): {time.perf_counter() - t:.2f} s")
    shipped = spacy.load(MODEL_PACKAGE)
    print(f"shipped pipeline for the bare baseline: {shipped.pipe_names}")
    engine = AttributionEngine(nlp)
    for name, text, runs in (("sample", sample, 7), ("20k words", long_text, 3)):
        paras = [text[s:e] for s, e in paragraph_spans(text)]
        bare_shipped = bare_trimmed = full = float("inf")
        for _ in range(runs):   # interleaved, so a burst of load hits all three alike
            bare_shipped = min(bare_shipped, best_of(1, lambda: list(shipped.pipe(paras))))
            bare_trimmed = min(bare_trimmed, best_of(1, lambda: list(nlp.pipe(paras))))
            full = min(full, best_of(1, lambda: engine.analyze(text)))
        tokens = sum(len(d) for d in nlp.pipe(paras))
        print(f"{name}: {len(text.split())} words, {tokens} tokens; "
              f"bare parse (shipped) {bare_shipped * 1000:.0f} ms, bare parse (trimmed) {bare_trimmed * 1000:.0f} ms, "
              f"analysis {full * 1000:.0f} ms; ratio vs shipped {full / bare_shipped:.2f}, "
              f"vs trimmed {full / bare_trimmed:.2f}; {tokens / full:.0f} tokens per CPU-second")
    print(f"peak RSS analysing the 20k-word article (fresh process): {peak} MB "
          f"(interpreter {start} MB, after model load {loaded} MB)")


if __name__ == "__main__":
    if "--memory-child" in sys.argv:
        memory_child()
    else:
        main()
