"""Opening the user's library file safely, whatever state it is in.

The rule: the app always starts, and nothing the user wrote is destroyed.
- A file that is not a database, or is cut short, is moved aside under a timestamped
  name (with its -wal/-shm), a fresh library is created, and `notice` says where the old one is.
- A file or folder we may not write to is opened read-only: reading works, saving a
  note raises StoreError, and `notice` explains.
- A file written by a newer Sourcelight is refused with StoreError and not touched at all
  (it is only ever opened with `mode=ro` before the version is known).
- An older file is backed up and migrated (reader/store/migrations.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.documents.names import shown

from reader.store.migrations import SCHEMA_VERSION, schema_problem, stored_version, timestamped_sibling, upgrade

log = logging.getLogger("reader.store")
SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's primary result codes that mean "the bytes are bad", as opposed to busy,
# locked, read-only or I/O trouble, which are the environment's and must never get
# a file moved aside.
DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
READ_ONLY_CODES = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}
# Opening may migrate the file, which needs the write lock: worth waiting for.
OPEN_BUSY_TIMEOUT_MS = 5000
# Afterwards the connection belongs to the GUI thread, which must not stall for longer than
# a frame or two when another process holds the lock; note saves wait on the library thread.
GUI_BUSY_TIMEOUT_MS = 50


class StoreError(Exception):
    """A problem with the user's database; `str(err)` is meant for the user."""


@dataclass
class Opened:
    db: sqlite_utils.Database
    read_only: bool = False
    notice: str | None = None


def _code(exc: sqlite3.Error) -> int:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF


def header_damage(path: Path) -> str | None:
    """Why the file's first page says it is not a (whole) SQLite database, or None.

    Cheap, so it runs on every start: it catches garbage and truncation without reading
    the whole file. The header records the page size and the page count (the count is
    trustworthy when its "version-valid-for" field matches the change counter).
    """
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(100)
    if not head.startswith(SQLITE_MAGIC):
        return "it is not a SQLite database"
    if len(head) < 100:
        return "the file is cut short"
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    if valid_for == change_counter and page_count and size < page_count * page_size:
        return f"the file is cut short: {size} of {page_count * page_size} bytes"
    return None


def _move_aside(path: Path) -> Path:
    target = timestamped_sibling(path, "damaged")
    os.rename(path, target)
    # A stale -wal next to a new, empty file would be replayed into it: move them too.
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.rename(side, target.with_name(target.name + suffix))
    return target


def _why_not_writable(path: Path) -> str | None:
    # os.access asks the kernel with the real uid: it sees permissions, read-only mounts
    # and ACLs alike. (Root passes every permission check, which is why the tests
    # monkeypatch this function's view of os.access rather than chmod the file.)
    if not os.access(path.parent, os.W_OK):
        return f"the folder {shown(path.parent)} is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {shown(path)} is read-only"
    return None


def _read_only_notice(path: Path, why: str) -> str:
    return (f"Your library could not be opened for writing because {why}. It is open for reading "
            f"only: your articles, sources and notes are all there, but new notes cannot be saved "
            f"until {shown(path.parent if 'folder' in why else path)} is writable again; then restart "
            f"Sourcelight. Nothing has been lost.")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if _code(exc) not in READ_ONLY_CODES:
            raise
    # A WAL database in a read-only folder cannot create its -shm file.
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Commits not yet copied into the file (the app was killed) are only in the -wal:
        # read both from a private copy rather than show the user an older library.
        return _read_through_copy(path, wal)
    # Otherwise immutable=1 tells SQLite nobody writes the file meanwhile: true when nobody may.
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


def _read_through_copy(path: Path, wal: Path) -> sqlite3.Connection:
    with tempfile.TemporaryDirectory(prefix="sourcelight-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        src = sqlite3.connect(copy)
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            src.backup(memory)
        finally:
            src.close()
    return memory


def _probe(path: Path) -> tuple[str | None, int]:
    """(why the file is not a whole library of ours or None, its schema version), read
    through a read-only connection (so nothing is written)."""
    conn = _connect_read_only(path)
    try:
        version = stored_version(conn)
        problem = schema_problem(conn, version) if version <= SCHEMA_VERSION else None
        return problem, (0 if problem else version)
    finally:
        conn.close()


def _memory_database() -> sqlite_utils.Database:
    return sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None))


def open_read_only(path: Path, version: int) -> sqlite_utils.Database:
    conn = _connect_read_only(path)
    if version >= SCHEMA_VERSION:
        return sqlite_utils.Database(conn)
    # An old file we may not migrate in place: migrate a copy in memory, so the rest of
    # the code sees one schema. The file itself stays as it is.
    db = _memory_database()
    try:
        conn.backup(db.conn)
    finally:
        conn.close()
    upgrade(db, None)
    return db


def _open_read_write(path: Path) -> sqlite_utils.Database:
    if not path.exists():
        # created readable by its owner only: notes are private. SQLite gives the -wal
        # and -shm files the same permissions as the database.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    db = sqlite_utils.Database(sqlite3.connect(path, isolation_level=None))
    try:
        db.execute(f"PRAGMA busy_timeout = {OPEN_BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA cache_size = -16000")  # 16 MB: the source book and search stay in memory
        try:
            backup = upgrade(db, path)
        except sqlite3.Error:
            raise
        except Exception as exc:  # a bug in a migration step: the transaction rolled back
            log.exception("library upgrade failed")
            raise StoreError(f"Your library {shown(path)} could not be upgraded to this version's format "
                             f"({exc}). It was left as it was.") from exc
        if backup:
            log.info("library upgraded; the previous version was copied to %s", backup)
        db.execute("PRAGMA journal_mode = WAL")
        # FULL: in WAL mode, NORMAL may lose the last commits on power loss; a note save
        # must be on disk when save_note returns. The cost is one fsync per save.
        db.execute("PRAGMA synchronous = FULL")
        db.execute(f"PRAGMA busy_timeout = {GUI_BUSY_TIMEOUT_MS}")
    except BaseException:
        db.close()
        raise
    return db


def newer_version_message(path: Path, version: int) -> str:
    return (f"Your library {shown(path)} was written by a newer version of Sourcelight (library format "
            f"{version}; this version reads formats up to {SCHEMA_VERSION}). It has not been "
            f"changed. Please install the newer Sourcelight to open it.")


def _examine(path: Path) -> tuple[str | None, int]:
    """(why the file is damaged or None, its schema version) without writing to it."""
    try:
        damage = header_damage(path)
        return (damage, 0) if damage else _probe(path)
    except sqlite3.DatabaseError as exc:
        if _code(exc) not in DAMAGE_CODES:  # locked, busy, I/O: not the file's fault
            raise StoreError(f"Cannot open your library {shown(path)}: {exc}") from exc
        return str(exc), 0
    except OSError as exc:
        raise StoreError(f"Cannot read your library {shown(path)}: {exc.strerror}") from exc


def open_database(path: Path, read_only: bool = False) -> Opened:
    """Open (creating, repairing or migrating as needed) the library at `path`.

    `read_only=True` is for headless readers such as `reader export`: never creates,
    moves or migrates the file, and raises StoreError where the app would repair.
    Deep damage inside an otherwise whole file is not looked for here (a full check
    costs ~200 ms at 10,000 articles); SQLite reports it when a damaged page is read,
    and Library.quick_check() runs the full check on request.
    """
    notice = None
    damage, version = _examine(path) if path.exists() and path.stat().st_size > 0 else (None, 0)
    if damage and read_only:
        raise StoreError(f"Your library {shown(path)} is damaged or not a Sourcelight library: {damage}.")
    if damage:
        try:
            moved = _move_aside(path)
        except OSError:
            # Cannot even rename it (read-only folder): leave it be and say so.
            return Opened(_fresh_memory(), True, (
                f"Your library {shown(path)} is damaged ({damage}) and its folder is read-only, so it "
                f"was left where it is and this session uses an empty library that will not be saved."))
        log.warning("damaged library (%s) moved aside to %s", damage, moved)
        notice = (f"Your library file could not be read ({damage}). It was moved aside to {shown(moved)} "
                  f"and a new, empty library was started. Keep the old file: the notes in it may "
                  f"still be recoverable.")
    elif version > SCHEMA_VERSION:
        raise StoreError(newer_version_message(path, version))
    if read_only:
        if version == 0:
            raise StoreError(f"There is no library at {shown(path)} yet.")
        return Opened(open_read_only(path, version), True, None)
    why = _why_not_writable(path)
    if why and not path.exists():
        return Opened(_fresh_memory(), True, (
            f"No library could be created because {why}. This session uses an empty library "
            f"that will not be saved; make the folder writable and restart Sourcelight."))
    if why is None:
        try:
            return Opened(_open_read_write(path), False, notice)
        except sqlite3.DatabaseError as exc:
            if _code(exc) not in READ_ONLY_CODES:
                raise StoreError(f"Cannot open your library {shown(path)}: {exc}") from exc
            # os.access said yes but SQLite could not write (say, a disk remounted
            # read-only): fall back to reading, as for a read-only file.
            why = f"the file {shown(path)} cannot be written ({exc})"
    log.warning("library opened read-only: %s", why)
    try:
        return Opened(open_read_only(path, version), True, _read_only_notice(path, why))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Cannot open your library {shown(path)}: {exc}") from exc


def _fresh_memory() -> sqlite_utils.Database:
    db = _memory_database()
    upgrade(db, None)
    return db
