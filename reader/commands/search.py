"""`reader search QUERY [--json] [--limit N]`: the library's search, headless.

The same hits as the window's search dialog (reader/store/search.py), grouped by article,
best first. Text: one heading per article, one line per hit with the matched words and the
claim's verb in **bold**. JSON: {"query", "articles": [{"id", "title", "origin", "hits": [...]}]}
where each hit has kind, text, marks and verb (offsets into text), source and claim id.
The library is opened read-only: a search never creates, migrates or repairs it.
"""

from __future__ import annotations

import argparse
import json
import sys

KIND_WORDS = {"claim": "claim", "note": "your note", "source": "source", "article": "text"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", help="words to look for (each as a word prefix)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits (default 50)")


def bolded(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span wrapped in ** (overlapping spans merged)."""
    out, at = [], 0
    for start, end in sorted(merge_spans(spans)):
        out += [text[at:start], "**", text[start:end], "**"]
        at = end
    return "".join(out + [text[at:]])


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def emphasis(hit) -> list[tuple[int, int]]:  # noqa: ANN001 - SearchHit
    """What a reader sees bold in a hit: the matched words and a claim's verb."""
    return list(hit.marks) + ([hit.verb] if hit.verb else [])


def run(args: argparse.Namespace) -> int:
    from reader.commands.export import read_library
    from reader.store.search import group_by_article

    query = " ".join(args.query)

    def hits(lib):  # noqa: ANN001, ANN202 - reader.store.Library
        groups = group_by_article(lib.search(query, limit=args.limit), query)
        return groups, {g.article_id: (a.origin if (a := lib.article(g.article_id)) else "") for g in groups}

    groups, origins = read_library(hits)
    if args.json:
        doc = {"query": query, "articles": [
            {"id": g.article_id, "title": g.title, "origin": origins[g.article_id],
             "title_marks": [list(m) for m in g.title_marks],
             "hits": [{"kind": h.kind, "text": h.snippet, "marks": [list(m) for m in h.marks],
                       "verb": list(h.verb) if h.verb else None, "source": h.source_name,
                       "source_key": h.source_key, "claim_id": h.claim_id, "position": h.position,
                       "rank": round(h.rank, 4)} for h in g.hits]} for g in groups]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not groups:
        print(f"Nothing in your library matches “{query}”.")
        return 0
    for g in groups:
        where = f"  ({origins[g.article_id]})" if origins[g.article_id] else ""
        print(bolded(g.title or "Untitled article", g.title_marks) + where)
        for h in g.hits:
            who = f"{h.source_name} — " if h.kind in ("note", "source") and h.source_name else ""
            print(f"  {KIND_WORDS.get(h.kind, h.kind):<9} {who}{bolded(h.snippet, emphasis(h))}")
        print()
    hits = sum(len(g.hits) for g in groups)
    print(f"{hits} hit{'s' * (hits != 1)} in {len(groups)} article{'s' * (len(groups) != 1)}", file=sys.stderr)
    return 0
