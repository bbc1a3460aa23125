"""Markdown and plain-text conversions take time linear in their input (issue 17, item 7).

A Markdown file of 24,000 "[" took minutes: a link label could run over every later "[",
so each bracket started a scan to the end of the line. Here runs of 10^5 markers (and
random mixtures of them) must convert within a very generous bound — a linear conversion
takes well under a second, the quadratic ones took minutes. Each conversion runs in a
child process, so a regression fails after the bound instead of hanging the suite.
"""

from __future__ import annotations

import multiprocessing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.documents.article import DocumentError
from reader.documents.loader import article_from_text

RUN = 100_000
# Seconds for one conversion of up to ~10^6 characters: linear code needs well under one on
# a loaded machine; the quadratic rules this guards against needed minutes to hours.
GENEROUS_SECONDS = 60
MARKERS = ["[", "]", "(", ")", "![", "[x", "[](", "[a](", "*", "**", "_", "__", "`", "``", "~~", "<", "<!--",
           "<script>", "<style ", "#", "|", "-", "\\", "&#", ">", "“", "'", " ", "\t", "\n", "\n\n", "1. "]
# Markers that pair with nothing when alone: a run of them after a word is text and comes back whole.
UNPAIRED = ["[", "]", "(", ")", "*", "_", "`", "~", "<", "!", "“", "&#"]


@pytest.fixture(scope="module")
def converter():
    pool = multiprocessing.get_context("spawn").Pool(1)
    yield pool
    pool.terminate()
    pool.join()


def convert(pool, source: str, kind: str) -> str | None:
    """The article text of `source` (None when it holds no text), converted in the child."""
    job = pool.apply_async(article_from_text, (source, "fuzz"), {"kind": kind, "name": "the fuzz text"})
    try:
        return job.get(timeout=GENEROUS_SECONDS).text
    except DocumentError:
        return None
    except multiprocessing.TimeoutError:
        pytest.fail(f"converting {len(source):,} characters of {kind} took over {GENEROUS_SECONDS} s: "
                    f"{source[:40]!r}…")


@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize("kind", ["markdown", "text"])
def test_a_long_run_of_one_marker_converts_promptly(converter, marker, kind):
    convert(converter, marker * RUN, kind)
    convert(converter, "Some words " + marker * RUN + " and more words", kind)


@pytest.mark.parametrize("marker", UNPAIRED)
def test_a_run_of_unpaired_markers_is_kept_as_text(converter, marker):
    source = "Some words " + marker * RUN
    assert convert(converter, source, "markdown") == source


def test_a_hard_wrapped_text_of_many_lines_reflows_promptly(converter):
    block = ("a line of words that was wrapped at a column of about seventy\n" * 20_000) + "the end\n"
    text = convert(converter, "Title\n\n" + block + "\nAnother paragraph\n", "text")
    assert text.split("\n")[1].count("wrapped") == 20_000


def test_private_use_shield_marks_in_the_source_are_not_read_as_shields(converter):
    # The converter shields code spans with private-use marks; the same marks typed in the
    # text once raised IndexError.
    text = convert(converter, "A \uE0009\uE001 and `code` here", "markdown")
    assert "code" in text and "\uE000" not in text


_runs = st.tuples(st.sampled_from(MARKERS), st.integers(1, RUN)).map(lambda run: run[0] * run[1])
_documents = st.lists(st.one_of(_runs, st.text(max_size=8)), min_size=1, max_size=4).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=_documents, kind=st.sampled_from(["markdown", "text"]))
def test_mixed_marker_runs_convert_promptly(converter, source, kind):
    text = convert(converter, source, kind)
    assert text is None or "\uE000" not in text or "\uE000" in source
