"""A web page (saved file or fetched) → `Article`, through trafilatura.

Privacy and safety: the result is plain text only. Scripts, styles, images, iframes and
every URL of the page are dropped here; `Article.text` carries no markup, so the window
(which shows it with `setPlainText`) can never run a script or load a remote image, font
or tracker because of a page.

Boilerplate: trafilatura removes navigation, footers and comments by structure; we first
prune elements whose class / id names them as cookie banners, ads, donation or newsletter
boxes, share bars and related links, because those often sit *inside* the article element
(the seed article of this product had a fundraising appeal in its middle).
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from reader.documents.article import Article, DocumentError
from reader.documents.pagemeta import page_metadata
from reader.documents.plaintext import normalise_newlines
from reader.documents.pruning import extract_article

log = logging.getLogger("reader.documents")

# A page "has an article" when it holds at least one real paragraph (a sentence, not a
# menu entry) or several medium ones. Menus, tag clouds and link lists fail both.
_MIN_PARAGRAPH_WORDS = 15
_MIN_TOTAL_WORDS = 40
_MAX_TITLE = 200


def article_from_html(html: str, origin: str, url: str | None = None,
                      extra_metadata: dict[str, Any] | None = None) -> Article:
    """Extract the article of a decoded page. Raises `DocumentError` if there is none."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise DocumentError("No article text found: the page is empty or not HTML")
        found = extract_metadata(
            copy.deepcopy(tree), default_url=url,
            # Dates only from the page's metadata: the extensive search guessed "1998-01-01"
            # from a footer's "news since 1998"; no date beats a wrong one.
            date_config={"original_date": True, "extensive_search": False}, extensive=False)
        meta = page_metadata(tree, fallback=found)
        body = extract_article(tree, _text_extractor(url))
    except DocumentError:
        raise
    except Exception as exc:  # a parser failure on a hostile page must not become a traceback
        log.debug("trafilatura failed on %s", origin, exc_info=True)
        raise DocumentError(f"Could not read this page ({type(exc).__name__})") from None
    text = _clean(body)
    if not _has_article(text):
        raise DocumentError("No article text found on this page (it may be a section front or a menu)")
    title = meta.title or text.split("\n", 1)[0][:_MAX_TITLE]
    # The window shows only `text`: keep the headline at its top, like the page did, and
    # the byline under it (extractors drop it; the analysis marks it as boilerplate).
    lines = text.split("\n")
    if lines[0] != title:
        lines.insert(0, title)
    if meta.byline and meta.byline not in text and meta.byline != title:
        lines.insert(1, meta.byline)
    text = "\n".join(lines)
    metadata: dict[str, Any] = {"format": "html", **meta.as_metadata(), **(extra_metadata or {})}
    return Article(title=title, text=text, origin=origin, metadata=metadata)


def _text_extractor(url: str | None):  # noqa: ANN202
    import trafilatura

    def extract(tree, precise: bool) -> str:  # noqa: ANN001
        doc = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=False, include_images=False,
            include_links=False, favor_precision=precise, with_metadata=False)
        return (doc.text if doc is not None else "") or ""

    return extract


def _clean(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in normalise_newlines(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _has_article(text: str) -> bool:
    counts = [len(line.split()) for line in text.split("\n")]
    return any(n >= _MIN_PARAGRAPH_WORDS for n in counts) or sum(n for n in counts if n >= 5) >= _MIN_TOTAL_WORDS
