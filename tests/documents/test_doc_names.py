"""File names in messages: one line, control characters escaped (issue 17, item 10)."""

from __future__ import annotations

import pytest

from reader.documents import DocumentError, load_path
from reader.documents.names import shown


@pytest.mark.parametrize(("name", "expected"), [
    ("ferry.txt", "ferry.txt"),
    ("Müller – 東京.md", "Müller – 東京.md"),
    ("two\nlines.txt", "two\\nlines.txt"),
    ("tab\there\r.txt", "tab\\there\\r.txt"),
    ("\x1b[31mred.txt", "\\x1b[31mred.txt"),
    ("txt.\u202eexe", "txt.\\u202eexe"),
    ("back\\slash", "back\\\\slash"),
])
def test_shown_is_one_printable_line(name, expected):
    assert shown(name) == expected
    assert "\n" not in shown(name) and shown(name).isprintable()


def test_an_empty_file_with_a_newline_in_its_name_gives_a_one_line_message(tmp_path):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    with pytest.raises(DocumentError) as err:
        load_path(odd)
    assert "\n" not in str(err.value) and "two\\nlines.txt" in str(err.value)


def test_a_missing_file_with_a_newline_in_its_path_gives_a_one_line_message(tmp_path):
    with pytest.raises(DocumentError) as err:
        load_path(tmp_path / "gone\nnow.txt")
    assert "\n" not in str(err.value)
