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



LAUNCH = r"""
import sys
from reader.app import prepare_launch
prepare_launch()
from reader.service import process
early = process._early
print(early is not None and early.pid > 0, "PySide6" in sys.modules, sys.modules.get("numpy", "x") is None,
      "reader.store" in sys.modules)
"""


def test_the_launch_starts_the_analysis_process_before_qt_and_spares_the_window_numpy():
    out = subprocess.run([sys.executable, "-c", LAUNCH], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split() == ["True", "False", "True", "True"]  # the early process stops at exit
