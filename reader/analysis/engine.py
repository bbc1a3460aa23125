"""AttributionEngine: article text → `Analysis` (claims and source cards).

Paragraphs are parsed in batches with `nlp.pipe`, so a caller (the UI worker) can show
progress, publish partial results and cancel between batches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reader.analysis.paragraphs import paragraph_spans
from reader.analysis.pipeline import load_nlp
from reader.analysis.types import Analysis, Claim, Source, Span

ENGINE_VERSION = "0.1.0"

# A deliberately small first lexicon; the engine issue replaces it with a data file.
SPEECH_LEMMAS = {"say", "tell", "add", "explain", "deny", "warn", "insist", "claim", "confirm",
                 "report", "announce", "state", "argue", "write", "note", "accuse"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_QUOTE = re.compile(r"[\"“]([^\"“”\n]{3,})[\"”]")


@dataclass
class Progress:
    done: int
    total: int
    analysis: Analysis


class AttributionEngine:
    version = ENGINE_VERSION

    def __init__(self, nlp=None) -> None:
        self._nlp = nlp

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def analyze(self, text: str) -> Analysis:
        result = Analysis()
        for progress in self.analyze_progressively(text):
            result = progress.analysis
        return result

    def analyze_progressively(
        self, text: str, batch_size: int = 8, cancelled: Callable[[], bool] = lambda: False
    ) -> Iterator[Progress]:
        """Yield cumulative results after each batch of paragraphs; the last one is final."""
        paragraphs = paragraph_spans(text)
        builder = _Builder(text)
        if not paragraphs:
            yield Progress(0, 0, builder.analysis())
            return
        texts = (text[s:e] for s, e in paragraphs)
        done = 0
        for doc, (start, _end) in zip(self.nlp.pipe(texts, batch_size=batch_size), paragraphs):
            builder.add_paragraph(doc, start)
            done += 1
            if done % batch_size == 0 or done == len(paragraphs):
                yield Progress(done, len(paragraphs), builder.analysis())
                if cancelled():
                    return


class _Builder:
    """Accumulates claims and sources paragraph by paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.claims: list[Claim] = []
        self.sources: dict[str, Source] = {}
        self.last_source: Source | None = None

    def analysis(self) -> Analysis:
        return Analysis(claims=list(self.claims), sources=list(self.sources.values()))

    def add_paragraph(self, doc, offset: int) -> None:
        quoted: list[Span] = [(offset + m.start(1), offset + m.end(1)) for m in _QUOTE.finditer(doc.text)]
        for token in doc:
            if token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH_LEMMAS:
                continue
            subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            comp = next((c for c in token.children if c.dep_ in ("ccomp", "parataxis")), None)
            if subj is None or comp is None:
                continue
            sub = list(subj.subtree)
            mention = (offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1]))
            ctoks = [t for t in comp.subtree if not t.is_punct]
            if not ctoks:
                continue
            content = (offset + ctoks[0].idx, offset + ctoks[-1].idx + len(ctoks[-1]))
            direct = any(q[0] <= content[0] + 1 and content[1] <= q[1] + 1 for q in quoted)
            for q in quoted:
                if q[0] <= content[1] and content[0] <= q[1]:
                    content, direct = q, True
            cue = (offset + token.idx, offset + token.idx + len(token))
            self._add(subj, mention, cue, [content], "direct" if direct else "indirect",
                      "quote-cue" if direct else "subject-cue-complement", offset)
        for token in doc:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                to = doc[token.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                sub = list(pobj.subtree)
                mention = (offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1]))
                sent = token.sent
                rest = [t for t in sent if not t.is_punct and not (token.i <= t.i <= sub[-1].i)]
                if not rest:
                    continue
                content = (offset + rest[0].idx, offset + rest[-1].idx + len(rest[-1]))
                cue = (offset + token.idx, offset + to.idx + len(to))
                self._add(pobj, mention, cue, [content], "according_to", "according-to", offset)

    def _add(self, head, mention: Span, cue: Span, content: list[Span], kind: str, rule: str, offset: int) -> None:
        claim_id = f"c{len(self.claims) + 1}"
        source = self._source_for(head, mention, offset)
        self.claims.append(Claim(id=claim_id, kind=kind, cue=[cue], content=content,
                                 source_mention=[mention], source_id=source.id,
                                 confidence=0.6, rule=rule))
        source.claim_ids.append(claim_id)
        if mention not in source.mentions:
            source.mentions.append(mention)

    def _source_for(self, head, mention: Span, offset: int) -> Source:
        if head.lower_ in PRONOUNS and self.last_source is not None:
            return self.last_source
        name = " ".join(t.text for t in head.subtree if t.dep_ in ("compound", "flat") or t == head)
        key = name.lower()
        source = self.sources.get(key)
        if source is None:
            kind = {"PERSON": "person", "ORG": "organization", "GPE": "government", "NORP": "unnamed_group"}.get(
                head.ent_type_, "person" if head.pos_ == "PROPN" else "unnamed_group")
            source = Source(id=f"s{len(self.sources) + 1}", name=name, kind=kind)
            self.sources[key] = source
        self.last_source = source
        return source
