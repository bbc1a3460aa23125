"""The analysis process's lean start: the model loads without spaCy's command line, and what
spaCy offers from it still works when asked for."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import sys
from reader.analysis import load_nlp
nlp = load_nlp()
cli_loaded = "spacy.cli" in sys.modules or "weasel" in sys.modules
print(cli_loaded, nlp.pipe_names)
import spacy
print(callable(spacy.info), "spacy.cli" in sys.modules)
"""


def test_the_model_loads_without_spacys_command_line():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, check=True)
    first, second = out.stdout.splitlines()
    assert first.startswith("False ") and "'parser'" in first and "'lemmatizer'" not in first
    assert second == "True False"

