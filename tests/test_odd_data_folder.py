"""An odd data folder (issue 17, item 5b): a file where the data folder or `logs` should be
is named in one line, logging goes to stderr, and nothing stops with a traceback."""

from __future__ import annotations

import logging

from reader.cli import main
from reader.log import data_folder_problem, setup_logging


def test_a_data_folder_that_is_a_file_is_one_line_and_logs_go_to_stderr(tmp_path, capsys):
    data = tmp_path / "data"
    data.write_text("not a folder")
    problem = data_folder_problem(data)
    assert problem and "is a file, not a folder" in problem and "\n" not in problem
    assert setup_logging(data) is None  # no traceback
    logging.getLogger("reader.test").warning("still heard")
    assert "still heard" in capsys.readouterr().err
    assert data.read_text() == "not a folder"


def test_a_logs_file_is_named(tmp_path):
    (tmp_path / "logs").write_text("x")
    problem = data_folder_problem(tmp_path)
    assert problem and "log folder" in problem and "\n" not in problem
    assert setup_logging(tmp_path) is None


def test_a_usable_folder_has_no_problem(tmp_path):
    assert data_folder_problem(tmp_path / "new") is None
    assert setup_logging(tmp_path / "new") == tmp_path / "new" / "logs" / "sourcelight.log"


def test_export_with_a_file_as_data_folder_says_one_line(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    data.write_text("not a folder")
    monkeypatch.setenv("SOURCELIGHT_DATA_DIR", str(data))
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
