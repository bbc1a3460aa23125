"""AttributionEngine: article text → `Analysis` (claims and source cards).

Order of work:
1. paragraphs (one per line), boilerplate paragraphs (never parsed), and quotation marks
   paired over the whole raw text (quotes may run over several paragraphs);
2. the other paragraphs are parsed in batches with `nlp.pipe`; each `Doc` goes through the
   parse rules (reported.py) and the quotation rules (quoteclaims.py) and is then dropped,
   so only small records stay in memory;
3. after each batch the source cards are rebuilt over everything seen so far (coref.py):
   partial results are provisional, the last one is final and complete.

Given `visible_from` (asked once the model is loaded: where the reader is, a code point of the
text on screen), the paragraphs on screen are parsed first and make
the first partial result; the run from the top then reuses their parses, and partial results
show them until it reaches them (visible_first.py). The final result is the top-down run's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.analysis.boilerplate import boilerplate_paragraphs, boilerplate_spans
from reader.analysis.confidence import CEILING, FLOOR, NO_SOURCE_PENALTY
from reader.analysis.coref import ArticleCards
from reader.analysis.paragraphs import paragraph_spans
from reader.analysis.parser_text import parse_pieces, parser_text
from reader.analysis.pipeline import load_nlp
from reader.analysis.quoteclaims import QuoteAttributor
from reader.analysis.quotes import find_quotes, outermost
from reader.analysis.records import Mention, RawClaim
from reader.analysis.reported import find_claims, may_attribute
from reader.analysis.types import Analysis, Claim, Span
from reader.analysis.version import ENGINE_VERSION
from reader.analysis.visible_first import paragraphs_ahead, with_preview

# analyze() has no one to report to: pipe paragraphs in spaCy's own default batch size, which
# parses fastest (paragraph Docs are small, so memory stays low); progressive callers choose.
_WHOLE_TEXT_BATCH = 64


@dataclass
class Progress:
    done: int
    total: int
    analysis: Analysis


class AttributionEngine:
    version = ENGINE_VERSION

    def __init__(self, nlp=None) -> None:  # noqa: ANN001
        self._nlp = nlp

    @property
    def nlp(self):  # noqa: ANN201
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def analyze(self, text: str) -> Analysis:
        result = Analysis()
        for progress in self._run(text, batch_size=_WHOLE_TEXT_BATCH, cancelled=lambda: False, provisional=False):
            result = progress.analysis
        return result

    def analyze_progressively(
        self, text: str, batch_size: int = 8, cancelled: Callable[[], bool] = lambda: False,
        visible_from: Callable[[], int | None] = lambda: None,
    ) -> Iterator[Progress]:
        """Yield cumulative results after each batch of paragraphs; the last one is final.

        `visible_from()`, asked once the model is loaded (the reader may scroll while it loads):
        the first character on the reader's screen, a code-point offset, or None. The paragraphs
        from there are analysed first, and the first result is theirs."""
        yield from self._run(text, batch_size, cancelled, provisional=True, visible_from=visible_from)

    def _run(self, text: str, batch_size: int, cancelled: Callable[[], bool], provisional: bool,
             visible_from: Callable[[], int | None] = lambda: None) -> Iterator[Progress]:
        paragraphs = paragraph_spans(text)
        builder = _Builder(text, paragraphs)
        total = len(paragraphs)
        if not paragraphs:
            yield Progress(0, 0, builder.analysis())
            return
        batch_size = max(1, batch_size)
        todo = [k for k in range(total) if not builder.boilerplate[k]]
        nlp = self.nlp  # loaded first: the reader may have scrolled meanwhile
        ahead = paragraphs_ahead(paragraphs, todo, visible_from(), batch_size) if provisional else []
        parsed: dict = {}  # (paragraph, piece) → its Doc, for the paragraphs parsed ahead
        preview = None
        if ahead:
            preview_builder = _Builder(text, paragraphs)
            for doc, (k, piece) in _parse(nlp, _pieces(text, paragraphs, ahead), batch_size):
                preview_builder.add_paragraph(doc, k, piece)
                parsed[(k, piece)] = doc
            preview = preview_builder.analysis()
            yield Progress(len(ahead), total, preview)
            if cancelled():
                return
        done = 0
        next_report = batch_size
        for doc, (k, piece) in _parse_reusing(nlp, _pieces(text, paragraphs, todo), batch_size, parsed):
            builder.add_paragraph(doc, k, piece)   # the Doc is not kept: memory stays flat
            done = k + 1
            if done >= next_report and done < total:
                next_report = (done // batch_size + 1) * batch_size
                if provisional:
                    so_far = builder.analysis()
                    if preview is not None and done <= ahead[-1]:  # the screen's paragraphs not reached yet
                        yield Progress(done + sum(k >= done for k in ahead), total,
                                       with_preview(so_far, preview, paragraphs[done][0]))
                    else:
                        yield Progress(done, total, so_far)
                if cancelled():
                    return
        yield Progress(total, total, builder.analysis())


def _pieces(text: str, paragraphs: list[Span], which: list[int]):  # noqa: ANN202
    """(parser text, (paragraph, piece)) of those paragraphs; a long paragraph is parsed in
    pieces of bounded size (parser_text.py says why)."""
    return ((parser_text(text[s:e]), (k, (s, e))) for k in which for s, e in parse_pieces(text, paragraphs[k]))


def _parse_reusing(nlp, texts, batch_size: int, parsed: dict):  # noqa: ANN001, ANN202
    """`_parse`, but the pieces already in `parsed` (parsed ahead) come from there, in order."""
    if not parsed:
        yield from _parse(nlp, texts, batch_size)
        return
    items = list(texts)
    fresh = _parse(nlp, (item for item in items if item[1] not in parsed), batch_size)
    for item in items:
        context = item[1]
        yield (parsed.pop(context), context) if context in parsed else next(fresh)


def _parse(nlp, texts, batch_size: int):  # noqa: ANN001, ANN202
    """`nlp.pipe`, but the entity recogniser (in the small model the costliest component, with
    its own token-to-vector layer) runs only on paragraphs that can hold an attribution: a
    cue word, a quotation mark or a colon. Other paragraphs skip it; their people are still
    found as pronoun antecedents by a proper-name rule (reported.py)."""
    if "ner" not in nlp.pipe_names:
        yield from nlp.pipe(texts, batch_size=batch_size, as_tuples=True)
        return
    ner = nlp.get_pipe("ner")
    chunk: list = []
    for item in nlp.pipe(texts, batch_size=batch_size, as_tuples=True, disable=["ner"]):
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield from _with_entities(ner, chunk)
            chunk = []
    if chunk:
        yield from _with_entities(ner, chunk)


def _with_entities(ner, chunk: list):  # noqa: ANN001, ANN202
    need = [doc for doc, _ in chunk if may_attribute(doc)]
    if need:
        for _ in ner.pipe(need, batch_size=len(need)):   # annotates the Docs in place
            pass
    return chunk


class _Builder:
    """Accumulates claim records paragraph by paragraph; builds the `Analysis` on demand."""

    def __init__(self, text: str, paragraphs: list[Span]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.boilerplate = boilerplate_paragraphs(text, paragraphs)
        quotes = outermost(find_quotes(text, [p for p, b in zip(paragraphs, self.boilerplate) if not b]))
        self.quotes = QuoteAttributor(text, quotes)
        self.claims: list[RawClaim] = []
        self.antecedents: list[Mention] = []
        self.cards = ArticleCards()

    def add_paragraph(self, doc, k: int, piece: Span) -> None:  # noqa: ANN001
        """Rules over `doc`, the parse of `piece` (all or part of paragraph `k`)."""
        lo, hi = piece
        starts = frozenset(s - lo for s in self.quotes.starts_in(lo, hi))
        spans = tuple((s - lo, e - lo) for s, e in self.quotes.parts_in(lo, hi))
        claims, antecedents = find_claims(doc, lo, k, lambda pos: self.quotes.in_quote(pos) is not None, starts,
                                          spans)
        sentences = [(lo + s.start_char, lo + s.end_char) for s in doc.sents]
        base = len(self.claims)
        added = self.quotes.attach(claims, base, k, (lo, hi), sentences, self.claims)
        for claim in claims + added:
            if claim.parent is not None:
                claim.parent += base  # the rules give parents as indices local to the paragraph
        self.claims.extend(claims + added)
        self.antecedents.extend(antecedents)

    def analysis(self) -> Analysis:
        text_len = len(self.text)
        raw = self.claims
        order = sorted(range(len(raw)), key=lambda k: (raw[k].start, k))
        self.cards.feed(raw, self.antecedents)
        sources, card_ids = self.cards.sources(raw)
        claim_id = {k: f"c{n + 1}" for n, k in enumerate(order)}
        claims: list[Claim] = []
        for k in order:
            c = raw[k]
            content = [s for s in c.content if 0 <= s[0] < s[1] <= text_len]
            cue = [s for s in c.cue if 0 <= s[0] < s[1] <= text_len]
            if not content or not cue:
                continue
            hedged = c.kind == "hedged"
            mention: list[Span] = []
            if not hedged:
                if c.source is not None:
                    mention = [c.source.cited]
                elif c.inherit_from is not None:
                    src = _inherited_source(raw, k)
                    mention = [src.cited] if src is not None else []
            source_id = None if hedged else card_ids[k]
            parent = claim_id.get(c.parent) if c.parent is not None and c.parent != k else None
            confidence = c.confidence
            if source_id is None and not hedged:
                confidence -= NO_SOURCE_PENALTY
            claims.append(Claim(id=claim_id[k], kind=c.kind, cue=cue, content=content,
                                source_mention=mention if source_id is not None or not hedged else [],
                                source_id=source_id, parent=parent,
                                confidence=round(max(FLOOR, min(CEILING, confidence)), 3), rule=c.rule,
                                cue_class=c.cue_class))
        kept = {c.id for c in claims}
        parent_of = {}
        for claim in claims:
            if claim.parent not in kept:
                claim.parent = None
            parent_of[claim.id] = claim.parent
        for claim in claims:   # nesting never loops back: the later claim of a loop lets go
            seen, up = {claim.id}, claim.parent
            while up is not None and up not in seen:
                seen.add(up)
                up = parent_of.get(up)
            if up == claim.id:
                claim.parent = parent_of[claim.id] = None
        for source in sources:
            source.claim_ids = [claim_id[int(k)] for k in source.claim_ids if claim_id[int(k)] in kept]
        sources = [s for s in sources if s.claim_ids]
        live = {s.id for s in sources}
        for claim in claims:
            if claim.source_id not in live:
                claim.source_id = None
        bp = boilerplate_spans(self.paragraphs, self.boilerplate)
        return Analysis(claims=claims, sources=sources, boilerplate=bp)


def _inherited_source(raw: list[RawClaim], k: int) -> Mention | None:
    seen = set()
    while k is not None and k not in seen and 0 <= k < len(raw):
        seen.add(k)
        if raw[k].source is not None and raw[k].inherit_from is None:
            return raw[k].source
        k = raw[k].inherit_from
    return None
