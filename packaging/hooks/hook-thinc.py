# Overrides pyinstaller-hooks-contrib's hook-thinc.py without thinc.tests (see hook-spacy.py).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules


def _not_tests(name):
    return ".tests" not in name


datas = collect_data_files("thinc", excludes=["**/tests/**"])
hiddenimports = collect_submodules("thinc", filter=_not_tests)
