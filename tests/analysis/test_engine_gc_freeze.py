"""Regression: a full garbage collection walking the model's objects held the GIL ~70 ms and
froze the window during analysis (benchmarks/bench_ui.py). The loader freezes them."""

import gc


def test_model_objects_are_out_of_the_collectors_reach(nlp):
    frozen = gc.get_freeze_count()
    assert frozen > 10_000, f"only {frozen} objects frozen after the model loaded"
    # the pipeline's own objects are among them: the collector's generations no longer hold them
    assert gc.is_tracked(nlp.config) and gc.is_tracked(nlp.pipeline)
    collected = {id(o) for o in gc.get_objects()}
    assert id(nlp.config) not in collected and id(nlp.pipeline) not in collected
