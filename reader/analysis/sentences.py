"""Sentence set-up: keep titles and ranks ("Maj.-Gen.", "Lt. Col.", "Sen.", "(res.)", "U.S.")
from ending a sentence.

Two parts, both general:
* tokenizer special cases so "Maj.-Gen." and "res." stay one token with their period;
* a component before the parser that presets `is_sent_start`: never after a title
  abbreviation (the parser respects a preset False), and always after a free-standing
  sentence-final period followed by a capitalised word (the parser tends to glue a sentence
  onto the next one once a few starts are forbidden).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH

from reader.analysis.lexicon import lexicon

COMPONENT = "sourcelight_sentences"

# Abbreviations that the English tokenizer splits from their period; keep them whole.
_SPECIAL = [
    "Maj.-Gen.", "Lt.-Gen.", "Brig.-Gen.", "Lt.-Col.", "Maj.-Gen", "Lt.", "Col.", "Gen.", "Maj.", "Capt.",
    "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.", "Brig.", "Insp.", "Supt.", "Det.", "res.", "ret.", "Sen.",
    "Rep.", "Gov.", "Dr.", "Prof.", "Rev.", "Fr.", "Mr.", "Mrs.", "Ms.", "St.", "Mx.",
]


def _no_break_after() -> set[str]:
    words = {w for w in lexicon().titles if w.endswith(".")}
    words |= {s.lower() for s in _SPECIAL} | {"u.s.", "u.k.", "u.n.", "no.", "nos.", "vs.", "e.g.", "i.e.",
                                              "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
                                              "jr.", "sr.", "inc.", "corp.", "co.", "ltd.", "st."}
    return words


def add_sentence_setup(nlp: Language) -> None:
    """Install the tokenizer cases and the boundary component (idempotent)."""
    for text in _SPECIAL:
        nlp.tokenizer.add_special_case(text, [{ORTH: text}])
        nlp.tokenizer.add_special_case(text.lower(), [{ORTH: text.lower()}])
    if COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")


_NO_BREAK: set[str] | None = None


@Language.component(COMPONENT)
def preset_sentence_starts(doc):  # noqa: ANN001, ANN201 - spaCy component signature
    global _NO_BREAK
    if _NO_BREAK is None:
        _NO_BREAK = _no_break_after()
    no_break = _NO_BREAK
    n = len(doc)
    for i in range(n - 1):
        tok = doc[i]
        low = tok.lower_
        nxt = doc[i + 1]
        if low in no_break:
            # "U.S." can end a sentence: only hold the break when a name-like word follows.
            if low in ("u.s.", "u.k.", "u.n.") and not (nxt.is_title and nxt.tag_ in ("NNP", "NNPS", "NN", "JJ")):
                continue
            nxt.is_sent_start = False
        elif low == ")" and i > 0 and doc[i - 1].lower_ in ("res.", "ret."):
            nxt.is_sent_start = False  # "Major (res.) Dan Feferman"
        elif low in (".", "!", "?") and i > 0 and doc[i - 1].lower_ not in no_break:
            if nxt.is_title or nxt.text in ("“", '"', "‘"):
                nxt.is_sent_start = True
    return doc
