"""Web-page extraction quality: bag-of-words F1 and exact titles on our own saved-page fixtures
(every tests/documents/fixtures/**/NAME.html that has a NAME.expected.txt: title line, then the
article's paragraphs), ours (`reader.documents.webpage`) against plain trafilatura
(`trafilatura.extract` with its defaults, title from its metadata). Prints figures only.

Bag of words: lower-cased word tokens with multiplicity; F1 of the extracted text's bag
against the expected text's bag (the title line counts as text on both sides).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.documents import DocumentError  # noqa: E402
from reader.documents.webpage import article_from_html  # noqa: E402

FIXTURES = ROOT / "tests" / "documents" / "fixtures"
_WORD = re.compile(r"\w+")


def bag_f1(predicted: str, expected: str) -> float:
    pred, gold = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(expected.lower()))
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def plain_trafilatura(html: str) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta else "") or ""
    return (f"{title}\n{text}" if title and not text.startswith(title) else text), title


def main() -> None:
    rows = []
    for page in sorted(p for p in FIXTURES.rglob("*.html") if p.with_suffix(".expected.txt").exists()):
        expected = page.with_suffix(".expected.txt").read_text(encoding="utf-8")
        want_title = expected.split("\n", 1)[0]
        html = page.read_text(encoding="utf-8")
        try:
            ours = article_from_html(html, str(page))
            ours_text, ours_title = ours.text, ours.title
        except DocumentError:
            ours_text = ours_title = ""
        theirs_text, theirs_title = plain_trafilatura(html)
        rows.append((page.stem, bag_f1(ours_text, expected), bag_f1(theirs_text, expected),
                     ours_title == want_title, theirs_title == want_title))
    print(f"{'page':<22}{'ours F1':>9}{'trafilatura':>13}{'our title':>11}{'its title':>11}")
    for name, f_ours, f_theirs, t_ours, t_theirs in rows:
        print(f"{name:<22}{f_ours:>9.3f}{f_theirs:>13.3f}{'ok' if t_ours else 'WRONG':>11}{'ok' if t_theirs else 'WRONG':>11}")
    n = len(rows)
    print(f"{'mean':<22}{sum(r[1] for r in rows) / n:>9.3f}{sum(r[2] for r in rows) / n:>13.3f}"
          f"{sum(r[3] for r in rows):>8}/{n}{sum(r[4] for r in rows):>8}/{n}")
    print(f"lowest page: ours {min(r[1] for r in rows):.3f}, trafilatura {min(r[2] for r in rows):.3f}")


if __name__ == "__main__":
    main()
