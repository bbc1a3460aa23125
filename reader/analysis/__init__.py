"""Text → `Analysis`: attributed claims and source cards. No Qt here.

The types load with the package; the engine and the model loader (the rules, the lexicon and
spaCy's glue: ~30 ms of imports) on first use (PEP 562), so the window's process, which only
reads analyses, does not pay for them before it shows the text.
"""

from reader.analysis.types import Analysis, Claim, Source, contract_problems
from reader.analysis.version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION", "Analysis", "AttributionEngine", "Claim", "ModelLoadError", "Progress", "Source",
    "contract_problems", "load_nlp",
]


def __getattr__(name: str):  # noqa: ANN202 - the engine's names, imported when first asked for
    if name in ("AttributionEngine", "Progress"):
        from reader.analysis import engine as module
    elif name in ("ModelLoadError", "load_nlp"):
        from reader.analysis import pipeline as module
    else:
        raise AttributeError(f"module 'reader.analysis' has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value
