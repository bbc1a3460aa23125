# Two commands for a fresh machine with only Python 3.11: `make run` and `make test`.
# The venv is (re)installed only when pyproject.toml changes, so a second `make test`
# does not reinstall.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := resources/sample-article.txt

.PHONY: run test bench dist test-dist clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/reader $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$f || exit 1; done

# The frozen app (PyInstaller, build.spec) and its Linux tarball / .deb; see README
# "Installing a packaged build". The dist extra (PyInstaller) is installed on first use.
$(VENV)/.dist-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	@touch $@

dist: $(VENV)/.dist-installed
	sh packaging/build_dist.sh $(BIN)/python

# Builds (unless dist/ is newer than every source) and runs the frozen app's --self-test.
test-dist: $(VENV)/.dist-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m slow tests/test_dist.py

clean:
	rm -rf build dist .pytest_cache
