"""The bundled sample article carries every construction the product must handle."""

import re


def test_length_is_news_sized(sample_text):
    assert 600 <= len(sample_text.split()) <= 900


def test_contains_every_required_construction(sample_text):
    t = sample_text
    assert re.search(r"“[^”]+”", t), "curly direct quote"
    assert re.search(r'"[^"\n]+"', t), "straight direct quote"
    assert "said that" in t, "reported speech"
    assert "According to" in t
    assert re.search(r"Lt\. Gen\. [A-Z]\w+ [A-Z]\w+, commander of [^,]+, said", t), "titled official + role"
    assert "on condition of anonymity" in t
    assert "Egyptian authorities said" in t
    assert "reportedly" in t and "is believed to" in t
    assert re.search(r"\b(she|he) said\b", t), "pronoun speaker"
    assert "The Times reported that officials say" in t, "nested attribution"
    assert len(re.findall(r"s' ", t)) >= 3, "plural possessives"
    assert "newsletter" in t and "donate" in t, "boilerplate paragraph"
