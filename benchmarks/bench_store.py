"""Library scale: 10,000 articles and 50,000 notes in a temporary folder; prints open + list
time, search time (one index over article titles and text, 50,000 claims, cards and notes,
grouped by article as the search dialog shows it), the claims of one source (the source book)
and single note save time against the goals (200 ms, 50 ms, 50 ms, 10 ms).
Prints figures; never fails on time."""

from __future__ import annotations

import itertools
import random
import statistics
from collections import Counter
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.store import Library  # noqa: E402
from reader.store.search import group_by_article  # noqa: E402

ARTICLES, NOTES, SOURCES_PER_ARTICLE = 10_000, 50_000, 5
COMMON = ("the of and to in a that is was he for it with as his on be at by they this had not are but "
          "from or have an said she which we there been one were all her would their").split()
FIRST = ("Yoav Maria Ahmed Li Olga Pierre Sara John Amir Noa Kenji Fatima Lars Ana Tomas Ines Omar Eva "
         "Ravi Zofia Dmitri Leila Hugo Aiko Pablo Nadia Felix Mina Oren Clara").split()
LAST = ("Mordechai Silva Haddad Chen Ivanova Dubois Cohen Smith Nasser Levi Sato Rahman Berg Costa Novak "
        "Okafor Kaur Moreau Weber Rossi Jensen Tanaka Kowalski Ali Park Fischer Santos Horvat Diallo Reyes").split()
TITLES = ("spokesman", "Minister of Health", "Maj.-Gen.", "mayor", "professor of economics", "senior official",
          "chief executive", "lawyer", "police commissioner", "analyst", "ambassador", "judge",
          "union leader", "researcher", "party chairman", "coach", "doctor", "farmer", "teacher", "activist")


def vocabulary(rng: random.Random, n: int = 4000) -> tuple[list[str], list[float]]:
    """Made-up words with a Zipf-like frequency, plus common English words on top, so a
    query term matches as many notes as a real word of its rank would."""
    syllables = "ka lo mi ne ru sa te vo zi pa de fu go hi ja".split()
    words = list(dict.fromkeys("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
                               for _ in range(n)))
    words = COMMON + words
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


def sentence(rng: random.Random, vocab: tuple[list[str], list[float]], n: int) -> str:
    return " ".join(rng.choices(vocab[0], cum_weights=vocab[1], k=n)).capitalize() + "."


def build(data_dir: Path) -> tuple[list[str], list[float]]:
    rng = random.Random(5)
    vocab = vocabulary(rng)
    names = [f"{f} {last}" for f in FIRST for last in LAST]  # 900 recurring people
    lib = Library.open(data_dir)
    notes = 0
    with lib.db.atomic():
        for i in range(ARTICLES):
            article_id = f"{i:032x}"
            text = " ".join(sentence(rng, vocab, 18) for _ in range(30))  # ~3,000 characters
            title = f"Article {i}: {sentence(rng, vocab, 6)}"
            lib.remember_article(article_id, title, f"https://example.org/{i}", text)
            people = rng.sample(names, SOURCES_PER_ARTICLE)
            sources = [{"id": f"s{j}", "name": p, "kind": "person", "title": rng.choice(TITLES),
                        "role": sentence(rng, vocab, 5), "affiliation": "", "mentions": [[0, 4]],
                        "claim_ids": [f"c{j}"]} for j, p in enumerate(people)]
            at = [rng.randrange(0, len(text) - 200) for _ in people]  # a claim somewhere in the text
            claims = [{"id": f"c{j}", "kind": "indirect", "cue": [[at[j], at[j] + 4]],
                       "content": [[at[j] + 5, at[j] + 5 + rng.randint(60, 190)]],
                       "source_mention": [[0, 4]], "source_id": f"s{j}", "parent": None,
                       "confidence": 0.9, "rule": "bench", "cue_class": "speech"} for j in range(len(people))]
            lib.save_analysis(article_id, "bench", {"id": article_id, "claims": claims, "sources": sources,
                                                    "boilerplate": []})
            for j, person in enumerate(people):
                if notes < NOTES:
                    lib.save_note(article_id, f"s{j}", person, "person", sentence(rng, vocab, rng.randint(8, 60)))
                    notes += 1
    lib.close()
    return vocab


def timed(fn) -> float:  # noqa: ANN001
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def open_and_list(data_dir: Path) -> tuple[float, int]:
    t = time.perf_counter()
    lib = Library.open(data_dir)
    n = len(lib.articles())
    elapsed = (time.perf_counter() - t) * 1000
    lib.close()
    return elapsed, n


# A new process, as at app start: nothing of the file in SQLite's cache (the OS may still
# have it). Imports are done before the clock starts.
FRESH_PROCESS = """
import sys, time
from reader.store import Library
t = time.perf_counter()
lib = Library.open(sys.argv[1])
n = len(lib.articles())
print((time.perf_counter() - t) * 1000)
"""


def claims_of_one_source(lib: Library) -> None:
    """The source book's read when a source is selected (its articles and its claims, by
    article, in words): a typical source and the most quoted one. Wall and CPU time."""
    typical = lib.source_index()[0].key
    (busiest,) = lib.db.execute("SELECT source_key FROM claims GROUP BY source_key"
                                " ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    for label, key in (("a source", typical), ("the most quoted source", busiest)):
        wall, cpu = [], []
        for _ in range(5):
            c = time.process_time()
            wall.append(timed(lambda k=key: lib.source_details(k)))
            cpu.append((time.process_time() - c) * 1000)
        details = lib.source_details(key)
        print(f"claims of one source ({label}: {details.claim_count} claims in {len(details.claims)} articles, "
              f"the Sources dialog, off the GUI thread): {statistics.median(wall):.1f} ms median, "
              f"{statistics.median(cpu):.1f} ms CPU (goal <= 50 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        t = time.perf_counter()
        vocab = build(data_dir)
        size = (data_dir / "library.db").stat().st_size / 1e6
        print(f"built {ARTICLES} articles, {NOTES} notes in {time.perf_counter() - t:.1f} s ({size:.0f} MB)")

        runs = [open_and_list(data_dir) for _ in range(5)]
        fresh = [float(subprocess.run([sys.executable, "-c", FRESH_PROCESS, str(data_dir)], check=True,
                                      capture_output=True, text=True, cwd=ROOT).stdout) for _ in range(3)]
        print(f"open + list {runs[0][1]} articles: {statistics.median(r[0] for r in runs):.0f} ms median, "
              f"{statistics.median(fresh):.0f} ms in a fresh process (goal <= 200 ms)")

        lib = Library.open(data_dir)
        words = vocab[0]
        queries = {"a surname": "mordechai", "a title word": "spokesman", "a 3-letter prefix": "mor",
                   "two rare words": f"{words[500]} {words[900]}", "a mid-frequency word": words[150],
                   "the most common word, a stop word": "the",
                   "a common content word (worst ranked case)": "said"}
        for label, query in queries.items():
            times = [timed(lambda q=query: group_by_article(lib.search(q), q)) for _ in range(5)]
            hits = lib.search(query)
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(Counter(h.kind for h in hits).items()))
            print(f"search {label} {query!r}: {statistics.median(times):.1f} ms median, "
                  f"{len(hits)} hits ({kinds}) in {len(group_by_article(hits, query))} articles (goal <= 50 ms)")
        saves = [timed(lambda i=i: lib.save_note(f"{i:032x}", "s0", "Noa Levi", "person", f"edited {i}"))
                 for i in range(50)]
        print(f"save one note (committed, fsync'd): {statistics.median(saves):.1f} ms median, "
              f"{max(saves):.1f} ms max (goal <= 10 ms)")
        stored = [lib.cached_analysis(f"{i:032x}", "bench") for i in range(20)]
        resaves = [timed(lambda i=i, a=a: lib.save_analysis(f"{i:032x}", "bench", a)) for i, a in enumerate(stored)]
        print(f"save one analysis (5 cards, 5 claims, their index rows, one transaction): "
              f"{statistics.median(resaves):.1f} ms median")
        index = statistics.median(timed(lib.source_index) for _ in range(3))
        key = lib.source_index()[0].key
        one = statistics.median(timed(lambda: lib.appearances(key)) for _ in range(3))
        print(f"source index of {len(lib.source_index())} sources (the Sources dialog): {index:.0f} ms; "
              f"one source's {len(lib.appearances(key))} articles: {one:.1f} ms")
        claims_of_one_source(lib)
        print(f"whole source book with {NOTES} notes (export): {timed(lib.source_book):.0f} ms")
        print(f"quick_check: {timed(lib.quick_check):.0f} ms")
        lib.close()


if __name__ == "__main__":
    main()
