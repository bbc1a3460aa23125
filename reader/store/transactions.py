"""One write transaction on the library: `with writing(db): ...`.

`BEGIN IMMEDIATE` takes SQLite's write lock at the start, so a connection waits (its busy
timeout) while another program holds the lock. A plain `BEGIN` starts as a reader; its first
write then asks to upgrade, and SQLite refuses an upgrade at once, with no busy wait, when that
would deadlock or the reader's snapshot is old — seen here: a save gave up in 0 ms on a lock
held for half a second. Inside an open transaction this is a savepoint (sqlite-utils' own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:  # an error may already have ended it
            db.execute("ROLLBACK")
        raise
    try:
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
