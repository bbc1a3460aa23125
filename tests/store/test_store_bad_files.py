"""Damaged and read-only libraries: the app starts, nothing the user wrote is destroyed,
and `notice` tells them what happened."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import add_article

from reader.store import Library, StoreError
from reader.store.library import DB_NAME


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def library_with_notes(data_dir: Path, notes: int = 1) -> Path:
    lib = Library.open(data_dir)
    add_article(lib, "a1")
    for i in range(notes):
        lib.save_note("a1", f"s{i}", f"Person {i}", "person", f"note {i} " + "words " * 40)
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "He said so before.")
    lib.close()  # the last connection checkpoints the WAL into the file
    return data_dir / DB_NAME


def assert_moved_aside_and_fresh(data_dir: Path, original: bytes) -> None:
    lib = Library.open(data_dir)
    try:
        moved = list(data_dir.glob(f"{DB_NAME}.damaged-*"))
        assert len(moved) == 1
        assert moved[0].read_bytes() == original  # kept, byte for byte, for recovery
        assert lib.notice and str(moved[0]) in lib.notice
        assert not lib.read_only
        lib.save_note("a1", "s1", "Yoav Mordechai", "person", "a new note")  # the fresh library works
        assert lib.note("a1", "Yoav Mordechai", "person") == "a new note"
    finally:
        lib.close()
    assert Library.open(data_dir).notice is None  # the next start is quiet


def test_garbage_bytes_are_moved_aside_and_a_fresh_library_started(data_dir):
    garbage = random.Random(1).randbytes(8192)
    (data_dir / DB_NAME).write_bytes(garbage)
    assert_moved_aside_and_fresh(data_dir, garbage)


def test_text_that_is_not_a_database_is_moved_aside(data_dir):
    junk = b"this is not a database " * 200
    (data_dir / DB_NAME).write_bytes(junk)
    assert_moved_aside_and_fresh(data_dir, junk)


@pytest.mark.parametrize("keep", [0.5, 0.9, 60 / 4096], ids=["half", "most", "header-only"])
def test_a_truncated_library_is_moved_aside(data_dir, keep):
    path = library_with_notes(data_dir, notes=60)
    whole = path.read_bytes()
    cut = whole[: max(60, int(len(whole) * keep) // 512 * 512)]
    path.write_bytes(cut)
    assert_moved_aside_and_fresh(data_dir, cut)


def test_a_stale_wal_next_to_a_damaged_file_moves_with_it(data_dir):
    (data_dir / DB_NAME).write_bytes(b"garbage" * 100)
    (data_dir / f"{DB_NAME}-wal").write_bytes(b"old wal")
    lib = Library.open(data_dir)
    lib.close()
    assert [p.read_bytes() for p in data_dir.glob(f"{DB_NAME}.damaged-*-wal")] == [b"old wal"]


def test_an_empty_file_is_simply_a_new_library(data_dir):
    (data_dir / DB_NAME).write_bytes(b"")
    lib = Library.open(data_dir)
    assert lib.notice is None and not lib.read_only
    lib.close()


# Read-only. The tests run as root, and root passes every permission check, so chmod
# proves nothing here. Instead the library's view of os.access is made to say "not
# writable" for the file or the folder. What is then tested is real: the library opens
# SQLite with a `mode=ro` URI, and SQLite itself refuses any write (asserted below).
def deny_writes(monkeypatch, *paths: Path) -> None:
    real_access = os.access
    denied = {p.resolve() for p in paths}

    def access(path, mode, *args, **kwargs):  # noqa: ANN001
        if mode & os.W_OK and Path(path).resolve() in denied:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_library_opens_for_reading_and_refuses_to_save(data_dir, monkeypatch, what):
    path = library_with_notes(data_dir)
    before = digest(path)
    deny_writes(monkeypatch, path if what == "file" else data_dir)

    lib = Library.open(data_dir)
    try:
        assert lib.read_only
        assert lib.notice and "read-only" in lib.notice and "Nothing has been lost" in lib.notice
        assert what in lib.notice
        # reading works: notes, search, the source book, cached analyses
        assert lib.note("a1", "Yoav Mordechai", "person") == "He said so before."
        assert lib.search("said")[0].source_key == "person:yoav mordechai"
        assert lib.source_book() and lib.cached_analysis("a1", "test-engine")
        with pytest.raises(StoreError, match="not saved.*read-only.*still in the editor"):
            lib.save_note("a1", "s1", "Yoav Mordechai", "person", "new text")
        lib.remember_article("a2", "t", "o", "text")  # caches are skipped, not errors
        # the connection really is read-only: SQLite itself refuses a write
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            lib.db.execute("DELETE FROM notes")
    finally:
        lib.close()
    assert digest(path) == before
    monkeypatch.undo()
    lib = Library.open(data_dir)
    assert lib.note("a1", "Yoav Mordechai", "person") == "He said so before."
    lib.close()


def test_an_old_read_only_library_is_readable_without_being_migrated(data_dir, monkeypatch):
    fixture = Path(__file__).resolve().parent / "fixtures" / "library-v1.db"
    path = data_dir / DB_NAME
    path.write_bytes(fixture.read_bytes())
    deny_writes(monkeypatch, path)
    lib = Library.open(data_dir)
    try:
        assert lib.read_only and lib.notice
        assert "transcript" in lib.note("a" * 32, "Yoav Mordechai", "person")
        assert lib.search("transcript")
    finally:
        lib.close()
    assert path.read_bytes() == fixture.read_bytes()
    assert not list(data_dir.glob("*.bak-*"))


def test_a_read_only_folder_without_a_library_gives_an_empty_session(data_dir, monkeypatch):
    deny_writes(monkeypatch, data_dir)
    lib = Library.open(data_dir)
    assert lib.read_only and "No library could be created" in lib.notice
    assert lib.search("anything") == [] and lib.source_book() == []
    with pytest.raises(StoreError):
        lib.save_note("a1", "s1", "X", "person", "text")
    lib.close()
    assert not (data_dir / DB_NAME).exists()


def test_a_damaged_library_in_a_read_only_folder_is_left_in_place(data_dir, monkeypatch):
    path = data_dir / DB_NAME
    path.write_bytes(b"garbage" * 100)

    def no_rename(*_args):  # noqa: ANN002 - what a read-only folder does to rename
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", no_rename)
    lib = Library.open(data_dir)
    assert lib.read_only and "damaged" in lib.notice and "left where it is" in lib.notice
    lib.close()
    assert path.read_bytes() == b"garbage" * 100


# The honest version for root: a read-only bind mount in a private mount namespace. The
# kernel then refuses every write (EROFS), root or not, and os.access says so, exactly as
# for a library on a read-only disk. Skipped where unshare/mount are not permitted.
READ_ONLY_READER = """
import json, sys
from reader.store import Library, StoreError
lib = Library.open(sys.argv[1])
out = {"read_only": lib.read_only, "notice": lib.notice,
       "note": lib.note("a1", "Yoav Mordechai", "person"), "hits": sum(h.in_note for h in lib.search("said"))}
try:
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "new")
except StoreError as exc:
    out["save_error"] = str(exc)
lib.close()
print(json.dumps(out))
"""


def run_on_read_only_mount(folder: Path, *command: str) -> subprocess.CompletedProcess:
    d = shlex.quote(str(folder))
    script = f"mount --bind {d} {d} && mount -o remount,ro,bind {d} {d}"
    if command:
        script += " && exec " + " ".join(shlex.quote(c) for c in command)
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)


def test_a_library_on_a_really_read_only_mount(data_dir):
    if not shutil.which("unshare") or run_on_read_only_mount(data_dir).returncode != 0:
        pytest.skip("cannot make a read-only mount here (needs unshare and mount privileges)")
    path = library_with_notes(data_dir)
    before = digest(path)
    done = run_on_read_only_mount(data_dir, sys.executable, "-c", READ_ONLY_READER, str(data_dir))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["read_only"] and "folder" in out["notice"] and "read-only" in out["notice"]
    assert out["note"] == "He said so before." and out["hits"] == 1
    assert "not saved" in out["save_error"]
    assert digest(path) == before


def test_a_read_only_mount_still_shows_commits_left_in_the_wal(data_dir, tmp_path):
    if not shutil.which("unshare") or run_on_read_only_mount(data_dir).returncode != 0:
        pytest.skip("cannot make a read-only mount here (needs unshare and mount privileges)")
    # The state after a crash: the last note is only in the -wal, and there is no -shm.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    lib = Library.open(data_dir)
    lib.save_note("a1", "s1", "Yoav Mordechai", "person", "He said so before.")
    for name in (DB_NAME, f"{DB_NAME}-wal"):
        shutil.copyfile(data_dir / name, crashed / name)
    lib.close()
    assert (crashed / f"{DB_NAME}-wal").stat().st_size > 0
    done = run_on_read_only_mount(crashed, sys.executable, "-c", READ_ONLY_READER, str(crashed))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["note"] == "He said so before."


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_real_permissions_read_only_file(data_dir):
    path = library_with_notes(data_dir)
    path.chmod(0o400)
    try:
        lib = Library.open(data_dir)
        assert lib.read_only and lib.note("a1", "Yoav Mordechai", "person") == "He said so before."
        lib.close()
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_real_permissions_read_only_folder(data_dir):
    library_with_notes(data_dir)
    data_dir.chmod(0o500)
    try:
        lib = Library.open(data_dir)
        assert lib.read_only and lib.note("a1", "Yoav Mordechai", "person") == "He said so before."
        lib.close()
    finally:
        data_dir.chmod(0o700)


def test_export_never_repairs_a_damaged_library(data_dir):
    (data_dir / DB_NAME).write_bytes(b"garbage" * 100)
    with pytest.raises(StoreError, match="damaged"):
        Library.open(data_dir, read_only=True)
    assert (data_dir / DB_NAME).read_bytes() == b"garbage" * 100


def test_damage_inside_a_whole_file_surfaces_as_store_errors_and_in_quick_check(data_dir):
    """Whichever page is destroyed: the file is moved aside at open, or the library opens and
    every call either works or raises StoreError (a sentence for the user, never a raw
    sqlite3 error), and quick_check() reports the damage."""
    path = library_with_notes(data_dir, notes=60)
    whole = path.read_bytes()
    page = 4096
    reported = 0
    for number in range(2, len(whole) // page):
        damaged = bytearray(whole)
        damaged[number * page:(number + 1) * page] = random.Random(number).randbytes(page)
        path.write_bytes(bytes(damaged))
        lib = Library.open(data_dir)
        try:
            if lib.notice:
                continue
            reported += bool(lib.quick_check())
            for call in (lib.source_book, lib.claims, lambda: lib.search("words"),  # noqa: B023
                         lambda: lib.save_note("a1", "s1", "Yoav Mordechai", "person", "x")):  # noqa: B023
                try:
                    call()
                except StoreError:
                    pass
        finally:
            lib.close()
            for moved in data_dir.glob(f"{DB_NAME}.damaged-*"):
                moved.unlink()
    assert reported > 0
