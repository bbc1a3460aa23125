# Overrides pyinstaller-hooks-contrib's hook-spacy.py, which is collect_submodules("spacy") +
# its data files and so bundles spaCy's 350 test modules (spacy.tests) and their data.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules


def _not_tests(name):
    return ".tests" not in name


datas = collect_data_files("spacy", excludes=["**/tests/**"])
hiddenimports = collect_submodules("spacy", filter=_not_tests)
