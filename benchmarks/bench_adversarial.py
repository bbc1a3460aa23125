"""Analysis time on the hostile documents of issue 17 (items 7-9). Prints figures; never fails.

Each document is analysed at its full size and at half of it; the ratio full ÷ half is
about 2 when the time is linear in the size (4 when quadratic). Times are CPU seconds of
this process (the machine is shared: wall time swings with other people's load), for the
whole path `reader analyze` takes: the file's conversion (Markdown for the bracket file),
then the engine.

    python benchmarks/bench_adversarial.py            # every document at full size
    python benchmarks/bench_adversarial.py --scale 0.1   # a quick look at a tenth of the sizes
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.analysis import AttributionEngine, load_nlp  # noqa: E402
from reader.analysis.boilerplate import is_boilerplate  # noqa: E402
from reader.documents.loader import article_from_text  # noqa: E402

_SPEAKERS = ["Anna Berg", "the minister", "Tom Reyes", "officials"]


def bracket_markdown(n: int) -> str:
    """The attack file: a Markdown article whose last paragraph is a run of n "["."""
    return "# Brackets\n\nAnna Berg said the plan would work.\n\n" + "[" * n + "\n"


def nested_quotes(n: int) -> str:
    """One paragraph of n quotations nested in each other, double and single marks alternating."""
    opening = "".join(f"{_SPEAKERS[i % 4]} said {'“‘'[i % 2]}" for i in range(n))
    closing = "".join("’”"[i % 2] for i in reversed(range(n)))
    return opening + "it works." + closing + "\n"


def many_quotes(n: int) -> str:
    """One paragraph of n attributed quotations."""
    return " ".join(f"“Plan {i} will work,” {_SPEAKERS[i % 4]} said." for i in range(n)) + "\n"


def _prose() -> str:
    sample = (ROOT / "resources" / "sample-article.txt").read_text(encoding="utf-8")
    # boilerplate lines (the donation appeal) left out: repeated, they would make the whole
    # line boilerplate, which is never parsed
    return " ".join(line.strip() for line in sample.splitlines() if line.strip() and not is_boilerplate(line))


def long_paragraph(n: int) -> str:
    """n characters of news prose on one line: a single paragraph."""
    prose = _prose()
    return (prose + " ") * (n // (len(prose) + 1)) + prose[:n % (len(prose) + 1)] + "\n"


def quote_marks(n: int) -> str:
    """A sentence with n straight double quotation marks in a row."""
    return "Anna Berg said " + '"' * n + " the plan would work.\n"


DOCUMENTS: list[tuple[str, Callable[[int], str], int, str]] = [
    ("24k-bracket Markdown file", bracket_markdown, 24_000, "markdown"),
    ("10,000 nested quotes, one paragraph", nested_quotes, 10_000, "text"),
    ("2,000 quotes in a paragraph", many_quotes, 2_000, "text"),
    ("312,000-character paragraph", long_paragraph, 312_000, "text"),
    ("10,000 consecutive quote marks", quote_marks, 10_000, "text"),
    ("5 MB single line", long_paragraph, 5 * 2**20, "text"),
]


def analyse_seconds(engine: AttributionEngine, source: str, kind: str) -> tuple[float, int]:
    """CPU seconds to convert and analyse `source`, and the number of claims found."""
    start = time.process_time()
    article = article_from_text(source, "bench", kind=kind)
    claims = len(engine.analyze(article.text).claims)
    return time.process_time() - start, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full sizes (default 1)")
    args = parser.parse_args()
    engine = AttributionEngine(load_nlp())
    engine.analyze("Anna Berg said the plan would work.")   # warm-up: first-call costs are not the documents'
    print(f"{'document':<38} {'size':>11} {'seconds':>8} {'half size':>10} {'ratio':>6} {'claims':>7}")
    for name, make, full, kind in DOCUMENTS:
        size = max(2, int(full * args.scale))
        half_seconds, _ = analyse_seconds(engine, make(size // 2), kind)
        seconds, claims = analyse_seconds(engine, make(size), kind)
        ratio = seconds / half_seconds if half_seconds > 0 else float("nan")
        print(f"{name:<38} {len(make(size)):>11,} {seconds:>8.2f} {half_seconds:>10.2f} {ratio:>6.2f} {claims:>7}",
              flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
