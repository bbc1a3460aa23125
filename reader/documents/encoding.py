"""Bytes → `str` for text files and web pages.

Order of evidence, strongest first (the same order browsers use):
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. for pages: the charset the server sent, then a `<meta charset>` / XML declaration;
3. strict UTF-8 (most files today; a legacy encoding almost never decodes as valid UTF-8);
4. charset-normalizer, with windows-1252 preferred on a tie: it is the web's default for
   undeclared pages and what "latin-1" means in practice, and on short texts the detector
   otherwise confuses it with its Baltic / Central-European cousins (cp1257, cp1250).
"""

from __future__ import annotations

import codecs
import re

from reader.documents.article import DocumentError

_BOMS = [  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# A well-formed multi-byte UTF-8 sequence. Used to tell "UTF-8 with a few broken bytes"
# (refused for text files) from a legacy single-byte file (detected).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Characters that never occur in text but fill binary files (C0 controls except tab,
# newlines and form feed; DEL; the C1 block).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01
# How messy (charset-normalizer's "mess", 0 = clean) the windows-1252 reading may be and
# still be a candidate; a little above the library's own 0.2 because correct but short
# French snippets score up to ~0.23.
_CP1252_MESS = 0.3
# Language-fit scores differ by ~0.02 between code pages on a short correct French line,
# by ~0.04 for Czech read as cp1250 instead of cp1252.
_COHERENCE_MARGIN = 0.03
# File signatures of what people most often open by mistake, for a message that names it.
_MAGIC = [(b"%PDF-", "a PDF"), (b"\x89PNG", "an image"), (b"\xff\xd8\xff", "an image"),
          (b"GIF8", "an image"), (b"RIFF", "a media file"),
          (b"PK\x03\x04", "a zip archive (or a Word/EPUB file)"),
          (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"\x1f\x8b", "a gzip archive")]
_HIGH_BYTES = bytes(range(0x80, 0x100))


def binary_kind(data: bytes) -> str | None:
    """Name what the bytes are ("a PDF", "an image", …) when they start with a known signature."""
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def looks_binary(data: bytes) -> bool:
    """NUL bytes without being UTF-16/32 text: an executable, an image, an archive…"""
    return b"\x00" in data[:4096] and sniff_bom(data) is None and _utf16_without_bom(data) is None


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text file; returns (text, encoding name). Raises `DocumentError`."""
    bom = sniff_bom(data)
    if bom:
        return _decode_or_fail(data[bom[1]:], bom[0], name), bom[0]
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DocumentError(f"{name} is not a text file (it looks like binary data)")
        return _decode_or_fail(data, utf16, name), utf16
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as exc:
        if _looks_like_broken_utf8(data):
            raise DocumentError(
                f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start:,}); "
                "re-save it as UTF-8"
            ) from None
    return _detect(data, name)


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a web page leniently, as a browser would; returns (html, encoding name).

    `declared` is the charset from the HTTP Content-Type header, if any. A declaration that
    does not fit the bytes (old sites that say UTF-8 and send cp1252) is ignored.
    """
    bom = sniff_bom(data)
    if bom:
        return data[bom[1]:].decode(bom[0], errors="replace"), bom[0]
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    for label in (declared, _meta_charset(data)):
        encoding = web_encoding(label)
        if encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Browsers show broken UTF-8 with U+FFFD rather than refusing the page.
        if _looks_like_broken_utf8(data):
            return data.decode("utf-8", errors="replace"), "utf-8"
    try:
        return _detect(data, "the page")
    except DocumentError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def web_encoding(label: str | bytes | None) -> str | None:
    """A charset label as the web means it (WHATWG): latin-1 and ASCII mean windows-1252."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="ignore")
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # "rot13", "base64", "zlib" are codecs, but bytes.decode() refuses them
    name = info.name
    if name in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return None  # a page readable enough to declare this in ASCII is not UTF-16
    return name


def _meta_charset(data: bytes) -> bytes | None:
    m = _META_CHARSET.search(data[:4096])  # browsers look in the first 1024 bytes; be lenient
    return (m.group(1) or m.group(2)) if m else None


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    western = from_bytes(data, cp_isolation=["cp1252"], threshold=_CP1252_MESS).best()
    best = from_bytes(data).best()
    # The detector's pick wins only when it is no messier and fits a language clearly
    # better (Czech in cp1250: +0.04); otherwise windows-1252 wins (French, Spanish, German,
    # English), where the detector alone says cp1250 / cp1257 / mac_latin2 and breaks ñ, ã, ç.
    if western is not None and not (
        best is not None and best.chaos <= western.chaos
        and best.coherence >= western.coherence + _COHERENCE_MARGIN
    ):
        best = western
    if best is None:
        raise DocumentError(f"{name} is not a text file (no text encoding fits its bytes)")
    return _checked(str(best), name), best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte of its ASCII characters."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd / half > 0.3 and even == 0:
        return "utf-16-le"
    if even / half > 0.3 and odd == 0:
        return "utf-16-be"
    return None


def _looks_like_broken_utf8(data: bytes) -> bool:
    """More well-formed UTF-8 sequences than stray high bytes: UTF-8 with damage, not cp1252."""
    sequences = _UTF8_MULTIBYTE.findall(data)
    if not sequences:
        return False
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    stray = high - sum(len(m) for m in sequences)
    return len(sequences) >= stray


def _decode_or_fail(data: bytes, encoding: str, name: str) -> str:
    try:
        return _checked(data.decode(encoding), name)
    except UnicodeDecodeError:
        raise DocumentError(f"{name} is not valid {encoding.upper()} text") from None


def _checked(text: str, name: str) -> str:
    """Refuse text that decoded but is mostly control characters (a binary file)."""
    sample = text[:100_000]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise DocumentError(f"{name} is not a text file (it looks like binary data)")
    return text
