"""The user's SQLite file, through sqlite-utils. No Qt here."""

from reader.store.keys import source_key
from reader.store.library import Library, StoreError

__all__ = ["Library", "StoreError", "source_key"]
