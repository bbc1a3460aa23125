"""The public API the UI worker and the CLI use: version, analyze, progressive results."""

from __future__ import annotations

from reader.analysis import ENGINE_VERSION, AttributionEngine, contract_problems


def test_version_is_exposed(engine):
    assert engine.version == ENGINE_VERSION == AttributionEngine.version


def test_progressive_results_are_cumulative_and_the_last_is_the_full_analysis(engine, sample_text):
    steps = list(engine.analyze_progressively(sample_text, batch_size=3))
    assert len(steps) > 2
    assert [p.done for p in steps] == sorted(p.done for p in steps)
    assert steps[-1].done == steps[-1].total
    claim_counts = [len(p.analysis.claims) for p in steps]
    assert claim_counts == sorted(claim_counts)
    final = engine.analyze(sample_text)
    assert steps[-1].analysis.to_dict() == final.to_dict()
    for p in steps:
        assert contract_problems(p.analysis.to_dict(), len(sample_text)) == []


def test_cancel_stops_between_batches(engine, sample_text):
    steps = list(engine.analyze_progressively(sample_text, batch_size=2, cancelled=lambda: True))
    assert len(steps) == 1 and steps[0].done < steps[0].total


def test_empty_and_blank_text(engine):
    for text in ("", "   \n\n  "):
        steps = list(engine.analyze_progressively(text))
        assert len(steps) == 1 and steps[0].analysis.claims == []


def test_sample_article_end_to_end(analyze, sample_text):
    r = analyze(sample_text)
    assert contract_problems(r.analysis.to_dict(), len(sample_text)) == []
    kessler = [s for s in r.analysis.sources if s.name == "Adrian Kessler"]
    assert kessler and kessler[0].title == "Lt. Gen." and len(kessler[0].claim_ids) >= 3
    kinds = {c.kind for c in r.analysis.claims}
    assert {"direct", "indirect", "mixed", "according_to", "hedged"} <= kinds
    assert any(c.parent for c in r.analysis.claims), "nested claim under The Times"
    assert len(r.analysis.boilerplate) == 2
