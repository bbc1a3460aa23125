"""File / HTML / URL → `Article`. No Qt here."""

from reader.documents.article import Article, DocumentError
from reader.documents.loader import load_path

__all__ = ["Article", "DocumentError", "load_path"]
