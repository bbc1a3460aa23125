"""PDF bytes → `Article`, through PDFium (pypdfium2: Apache-2.0 / BSD-3).

Only PDFs with a text layer can be read: a scanned PDF (pages that are pictures of text)
gives one line saying so, as do a password-protected or damaged file. Pages without text
inside an otherwise readable PDF are skipped and listed in `metadata["pages_without_text"]`.
Layout (lines, columns, running headers, paragraphs) is rebuilt by `pdflayout`.
Title: the document's own Title, else its first line; author and date from its info.
"""

from __future__ import annotations

import re

from reader.documents.article import Article, DocumentError
from reader.documents.pagemeta import parse_byline
from reader.documents.pdflayout import Piece, drop_running_lines, page_lines, paragraphs

_MAX_TITLE = 200
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


def article_from_pdf(data: bytes, origin: str, name: str = "the PDF") -> Article:
    """Read the text layer of a PDF. Raises `DocumentError` with one line for the user."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(f"{name} is protected by a password; Sourcelight cannot open it") from None
        raise DocumentError(f"{name} is damaged or not a PDF Sourcelight can read") from None
    try:
        pages, heights, empty = [], [], []
        for number, page in enumerate(pdf, 1):
            width, height = page.get_size()
            pieces = _pieces(page)
            if not pieces:
                empty.append(number)
            pages.append(page_lines(pieces, width))
            heights.append(height)
        info = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    if len(empty) == len(pages):
        raise DocumentError(f"{name} has no text layer (it is probably a scan); "
                            "Sourcelight reads only PDFs with selectable text")
    text = "\n".join(paragraphs(drop_running_lines(pages, heights)))
    first = text.split("\n", 1)[0]
    title = " ".join(str(info.get("Title", "")).split()) or first[:_MAX_TITLE]
    if not text.startswith(title):
        text = f"{title}\n{text}"
    metadata: dict = {"format": "pdf", "pages": len(pages)}
    if empty:
        metadata["pages_without_text"] = empty
    authors, _ = parse_byline(f"By {info['Author']}") if info.get("Author") else ([], "")
    if authors:
        metadata["authors"], metadata["author"] = authors, " ".join(str(info["Author"]).split())
    date = _PDF_DATE.match(str(info.get("CreationDate", "")))
    if date:
        metadata["date"] = "-".join(date.groups())
    return Article(title=title, text=text, origin=origin, metadata=metadata)


def _pieces(page) -> list[Piece]:  # noqa: ANN001 - a pypdfium2 page
    textpage = page.get_textpage()
    try:
        pieces = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top)
            text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-")
            if text.strip():
                pieces.append(Piece(left, bottom, right, top, text))
        return pieces
    finally:
        textpage.close()
