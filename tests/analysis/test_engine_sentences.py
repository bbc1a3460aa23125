"""Sentence set-up: titles, ranks and abbreviations never end a sentence; real ends still do."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, n", [
    ("IDF Maj.-Gen. Yoav Mordechai said the crossing was open.", 1),
    ("Lt. Col. Ann Lee said the base would close. It will reopen in May.", 2),
    ("Sen. John Smith and Gov. Ann Ray met Dr. Paul Kim on Friday.", 1),
    ("Rep. Jo Hall spoke first. Then Brig.-Gen. Ron Tal answered.", 2),
    ("Major (res.) Dan Feferman told the paper that Iran was involved.", 1),
    ("The U.S. Army said the base would close. The U.S. Navy agreed.", 2),
    ("He moved to the U.S. Then he studied law.", 2),
])
def test_titles_do_not_split_sentences(nlp, text, n):
    assert len(list(nlp(text).sents)) == n


def test_title_tokens_keep_their_period(nlp):
    words = [t.text for t in nlp("Maj.-Gen. Yoav Mordechai and Lt. Col. Ann Lee (res.) spoke.")]
    assert "Maj.-Gen." in words and "Lt." in words and "Col." in words and "res." in words


def test_pipeline_runs_only_what_the_engine_reads(nlp):
    assert "lemmatizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names
    assert nlp.pipe_names.index("sourcelight_sentences") < nlp.pipe_names.index("parser")


def test_compiled_pos_rules_agree_with_the_attribute_ruler(nlp, sample_text):
    import spacy

    from reader.analysis.pipeline import MODEL_PACKAGE
    from reader.analysis.postags import PosFromTags

    assert "attribute_ruler" not in nlp.pipe_names
    shipped = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer", "ner"])
    compiled = PosFromTags(shipped.get_pipe("attribute_ruler").patterns)
    for paragraph in sample_text.splitlines():
        expected = [t.pos_ for t in shipped(paragraph)]
        with shipped.select_pipes(disable=["attribute_ruler"]):
            doc = shipped(paragraph)
        assert [t.pos_ for t in compiled(doc)] == expected
