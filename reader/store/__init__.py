"""The user's SQLite file, through sqlite-utils. No Qt here."""

from reader.store.keys import source_key
from reader.store.library import (
    Appearance,
    BookSource,
    ClaimRecord,
    Library,
    NoteRecord,
    SearchHit,
    SourceSummary,
    StoredArticle,
    StoreError,
)
from reader.store.migrations import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Appearance", "BookSource", "ClaimRecord", "Library", "NoteRecord", "SearchHit",
           "SourceSummary", "StoreError", "StoredArticle", "source_key"]
