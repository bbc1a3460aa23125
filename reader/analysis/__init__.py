"""Text → `Analysis`: attributed claims and source cards. No Qt here."""

from reader.analysis.engine import ENGINE_VERSION, AttributionEngine, Progress
from reader.analysis.pipeline import ModelLoadError, load_nlp
from reader.analysis.types import Analysis, Claim, Source, contract_problems

__all__ = [
    "ENGINE_VERSION", "Analysis", "AttributionEngine", "Claim", "ModelLoadError", "Progress", "Source",
    "contract_problems", "load_nlp",
]
