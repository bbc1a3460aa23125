"""Direct quotations → claims: joins the quote scanner with the parse-based claims.

* A claim whose content overlaps a quotation takes the whole quotation (every paragraph of
  it) as content: `direct` when nothing else is content, `mixed` otherwise.
* A split quote ("“A,” he said, “B.”"): a quotation that follows a direct claim's
  source/cue with only a comma or colon between joins that claim as another content span.
* A floating quote (a quotation that is its own sentence, with no cue) inherits the last
  speaker of the paragraph, or of the previous paragraph when it opens this one; when that
  speaker's claim is itself a quotation, the floating quote is more content of that claim
  (the quote goes on), otherwise a claim of its own that takes the speaker's card.
* Claims whose cue is inside a quotation ("I think …") nest under the quotation's claim;
  "I"/"we" there is the quoted speaker.
Scare quotes inside a sentence that no cue governs stay plain text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.analysis.confidence import FLOATING_QUOTE_CONFIDENCE, QUOTE_BONUS, QUOTE_BONUS_CEILING
from reader.analysis.quotes import Quote, inner_text
from reader.analysis.records import RawClaim, merge_spans, overlaps, subtract

# Between a split quote's attribution and its second part: punctuation, or a short addressee
# or adjunct ending in a comma ("the judge told the court, “…”").
_JOINER = re.compile(r"^[\s,:;—–-]*$|^\s+(?:[\w’'.-]+\s+){0,8}[\w’'.-]+\s*[,:]\s*$")
_SENTENCE_GAP = re.compile(r"^[\s.!?,;:—–-]*$")


class QuoteAttributor:
    """Per-article state: which quotation belongs to which claim, and the last speaker."""

    def __init__(self, text: str, quotes: list[Quote]) -> None:
        self.text = text
        self.quotes = quotes
        # every quote part by start, for O(log n) look-ups (quotes are outermost: parts never nest)
        self._parts = sorted((s, e, qid) for qid, q in enumerate(quotes) for s, e in q.parts)
        self._starts = [p[0] for p in self._parts]
        self.owner: dict[int, int] = {}        # quote id → global claim index
        self.last_speaker: int | None = None   # global index of the last claim with a source
        self.last_speaker_paragraph = -1

    def in_quote(self, pos: int) -> int | None:
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and self._parts[k][0] <= pos < self._parts[k][1]:
            return self._parts[k][2]
        return None

    def _first_part(self, lo: int) -> int:
        """Index of the first part that reaches past `lo`: one that starts before a piece of a
        long paragraph and runs into it counts for that piece too (parts never overlap)."""
        k = bisect_left(self._starts, lo)
        return k - 1 if k > 0 and self._parts[k - 1][1] > lo else k

    def quotes_in(self, lo: int, hi: int) -> list[int]:
        """Ids of the quotes with a part in [lo, hi)."""
        k = self._first_part(lo)
        ids: dict[int, None] = {}   # ordered, and a look-up per part costs O(1)
        while k < len(self._parts) and self._parts[k][0] < hi:
            ids[self._parts[k][2]] = None
            k += 1
        return list(ids)

    def parts_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The quote parts in [lo, hi), cut to it."""
        k = self._first_part(lo)
        out = []
        while k < len(self._parts) and self._parts[k][0] < hi:
            out.append((max(self._parts[k][0], lo), min(self._parts[k][1], hi)))
            k += 1
        return out

    def starts_in(self, lo: int, hi: int) -> frozenset[int]:
        k = bisect_left(self._starts, lo)
        out = set()
        while k < len(self._parts) and self._parts[k][0] < hi:
            out.add(self._parts[k][0])
            k += 1
        return frozenset(out)

    def attach(self, claims: list[RawClaim], base: int, paragraph: int, span: tuple[int, int],
               sentences: list[tuple[int, int]], earlier: list[RawClaim] | None = None) -> list[RawClaim]:
        """Update this paragraph's claims (global indices start at `base`; `earlier` holds the
        article's claims before them); returns added claims."""
        lo, hi = span
        local = sorted(self.quotes_in(lo, hi))
        for k, claim in enumerate(claims):
            claim.inside_quote = self.in_quote(claim.cue[0][0])
            if claim.inside_quote is not None:
                # a cue inside a quotation ("“I never said that,” he snapped") says nothing
                # beyond the quotation's end
                parts = self.quotes[claim.inside_quote].parts
                inside = [(max(s, ps), min(e, pe)) for s, e in claim.content for ps, pe in parts
                          if max(s, ps) < min(e, pe)]
                if inside:
                    claim.content = inside
            if claim.kind == "hedged":
                continue
            for qid in local:
                q = self.quotes[qid]
                if qid == claim.inside_quote or not any(overlaps(p, c) for p in q.parts for c in claim.content):
                    continue
                if qid in self.owner and self.owner[qid] != base + k:
                    continue
                self.owner[qid] = base + k
                claim.quote_ids.append(qid)
                claim.content = merge_spans(claim.content + q.parts)
            if claim.quote_ids:
                parts = [p for qid in claim.quote_ids for p in self.quotes[qid].parts]
                outside = subtract(claim.content, parts)
                rest = "".join(self.text[s:e] for s, e in outside)
                claim.kind = "mixed" if re.search(r"\w", rest) else "direct"
                claim.confidence = min(QUOTE_BONUS_CEILING, claim.confidence + QUOTE_BONUS)
                claim.rule = claim.rule if claim.rule.startswith("quote") else "quote-" + claim.rule
        added: list[RawClaim] = []
        ordered = sorted(range(len(claims)), key=lambda k: claims[k].start)
        for qid in local:
            q = self.quotes[qid]
            if qid in self.owner or not (lo <= q.parts[-1][0] < hi):
                continue
            words = len(inner_text(self.text, (q.start, q.end)).split()) if len(q.parts) == 1 else 99
            if words < 2:
                continue
            before = [k for k in ordered if claims[k].start < q.start and claims[k].kind in ("direct", "mixed")
                      and claims[k].source is not None]
            if before:
                k = before[-1]
                tail = max(e for s, e in claims[k].cue + [claims[k].source.span])
                if tail <= q.start and _JOINER.match(self.text[tail:q.start]):
                    claims[k].content = merge_spans(claims[k].content + q.parts)
                    claims[k].quote_ids.append(qid)
                    self.owner[qid] = base + k
                    claims[k].rule = claims[k].rule.replace("quote-", "split-quote-", 1)
                    continue
            if not _is_own_sentence(self.text, q, sentences):
                continue
            if before:
                # the same speaker keeps talking right after the attributed quote: one claim
                k = before[-1]
                tail = max(e for s, e in claims[k].cue + claims[k].content + [claims[k].source.span])
                if tail <= q.start and _SENTENCE_GAP.match(self.text[tail:q.start]):
                    claims[k].content = merge_spans(claims[k].content + q.parts)
                    claims[k].quote_ids.append(qid)
                    self.owner[qid] = base + k
                    continue
            speaker = self._speaker_before(claims, ordered, base, q, paragraph, lo)
            if speaker is None:
                continue
            held = claims[speaker - base] if speaker >= base else (earlier[speaker] if earlier else None)
            if held is not None and held.kind in ("direct", "mixed") and held.inherit_from is None and \
                    held.parent is None:
                # the quoted speaker goes on in a quotation of its own (the next sentence or
                # paragraph, no new cue): more content of the same claim, as annotators mark it
                held.content = merge_spans(held.content + q.parts)
                held.quote_ids.append(qid)
                self.owner[qid] = speaker
                continue
            floating = RawClaim(kind="direct", cue=[(q.start, q.start + 1)], content=list(q.parts), source=None,
                                rule="floating-quote", cue_class="speech", confidence=FLOATING_QUOTE_CONFIDENCE, paragraph=paragraph,
                                inherit_from=speaker, quote_ids=[qid])
            self.owner[qid] = base + len(claims) + len(added)
            added.append(floating)
        for k, claim in enumerate(claims):
            if claim.inside_quote is not None and claim.inside_quote in self.owner:
                owner = self.owner[claim.inside_quote]
                if owner != base + k:
                    if claim.parent is None:
                        claim.parent = owner - base     # local index; the engine makes it global
                    if claim.source is not None and claim.source.pronoun in ("i", "we"):
                        claim.inherit_from = owner      # "I" in a quotation is the quoted speaker
        for k, claim in enumerate(claims + added):
            if (claim.source is not None and claim.kind != "hedged") or claim.inherit_from is not None:
                if claim.parent is None:
                    self.last_speaker = base + k
                    self.last_speaker_paragraph = paragraph
        return added

    def _speaker_before(self, claims, ordered, base, q: Quote, paragraph: int, lo: int) -> int | None:  # noqa: ANN001
        here = [k for k in ordered if claims[k].start < q.start and claims[k].kind != "hedged"
                and (claims[k].source is not None or claims[k].inherit_from is not None) and claims[k].parent is None]
        if here:
            return base + here[-1]
        opens_paragraph = not self.text[lo:q.start].strip()
        if self.last_speaker is not None and (
                self.last_speaker_paragraph == paragraph
                or (opens_paragraph and self.last_speaker_paragraph == paragraph - 1)):
            return self.last_speaker
        return None


def _is_own_sentence(text: str, q: Quote, sentences: list[tuple[int, int]]) -> bool:
    """The quotation fills the sentences it touches (nothing but punctuation outside it)."""
    s, e = q.parts[0][0], q.parts[-1][1]
    touched = [(a, b) for a, b in sentences if a < e and s < b]
    if not touched:
        return False
    a = min(x for x, _ in touched)
    b = max(y for _, y in touched)
    return bool(_SENTENCE_GAP.match(text[a:s])) and bool(_SENTENCE_GAP.match(text[e:b]))
