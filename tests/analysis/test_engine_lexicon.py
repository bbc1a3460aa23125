"""The cue lexicon is a data file with hundreds of lemmas in five classes."""

from __future__ import annotations

from reader.analysis.lexicon import lexicon
from reader.analysis.types import CUE_CLASSES


def test_lexicon_is_large_and_classed():
    lex = lexicon()
    lemmas = {c.lemma for c in lex.verbs.values()} | {c.lemma for c in lex.nouns.values()}
    assert len(lemmas) >= 250
    classes = {c.cls for c in lex.verbs.values()} | {"hedge"}
    assert classes == set(CUE_CLASSES)
    for form, lemma, cls in (("denied", "deny", "speech"), ("accuses", "accuse", "speech"),
                             ("believed", "believe", "belief"), ("vowing", "vow", "intention"),
                             ("showed", "show", "evidence"), ("admitted", "admit", "speech"),
                             ("estimates", "estimate", "belief")):
        cue = lex.verb_cue(form)
        assert cue is not None and (cue.lemma, cue.cls) == (lemma, cls), form
    assert ("called", "for") in lex.particle_verbs
    assert {"reportedly", "allegedly"} <= lex.hedge_adverbs


def test_gazetteers_are_data_files():
    lex = lexicon()
    assert {"post", "reuters"} <= lex.media_words
    assert {"ministry", "police"} <= lex.government_words
    assert {"sen.", "maj.-gen.", "president"} <= lex.titles
