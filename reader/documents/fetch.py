"""URL → `Article`: fetch a web page with the standard library, then extract it.

Blocking; no Qt. The window calls `fetch_url` from its worker thread, the CLI directly.

Limits, each with its own one-line `DocumentError`:
- http and https only (also after redirects: a page cannot bounce us to file:// or ftp://);
- `timeout` seconds for connecting and for each read, and about twice that in total, so a
  server that trickles bytes cannot hold the worker forever (DNS look-up is the operating
  system's and is not covered by the timeout);
- `max_bytes` of body (default 10 MB), checked against Content-Length first and counted
  while reading; compressed bodies are capped after decompression too;
- HTML, plain text or PDF: a response that is a PDF (by its Content-Type, or by its `%PDF-`
  signature whatever the type says) is read as a PDF, like a PDF file; an image or any other
  binary gets "not a web page".
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from email.message import Message

from reader import __version__
from reader.documents.article import Article, DocumentError
from reader.documents.encoding import binary_kind, decode_html, decode_text, looks_binary, web_encoding

MAX_FETCH_BYTES = 10 * 1024 * 1024
_CHUNK = 64 * 1024
_HTML_TYPES = {"text/html", "application/xhtml+xml", "application/xml", "text/xml"}
_PDF_TYPES = {"application/pdf", "application/x-pdf"}
# Servers send downloads of any kind as these: the body's signature decides what it is.
_UNTYPED = {"application/octet-stream", "binary/octet-stream", "application/download"}
_USER_AGENT = f"Mozilla/5.0 (compatible; Sourcelight/{__version__}; news reader)"


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s); urllib alone would also follow to ftp://."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()  # urllib closes it only on the paths it handles itself
            raise DocumentError(
                f"The page redirected to a {scheme or 'non-web'} address; only http and https are opened")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, timeout: float = 15, max_bytes: int = MAX_FETCH_BYTES) -> Article:
    """Download `url` and extract its article. Raises `DocumentError` with one line."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on "host:abc"
        wire_url = _iri_to_uri(parts)
    except ValueError:
        raise DocumentError(f"{_short(url)} is not a valid web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise DocumentError(f"Only http:// and https:// addresses can be opened, not {_short(url)}")
    if not host:
        raise DocumentError(f"{_short(url)} has no server name")
    request = urllib.request.Request(wire_url, headers={
        "User-Agent": _USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,application/pdf;q=0.8,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    })
    opener = urllib.request.build_opener(_SafeRedirects())
    deadline = time.monotonic() + 2 * timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl() or url
            headers = response.headers
            body = _read_body(response, headers, max_bytes, deadline, url, timeout)
    except DocumentError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()  # the error page's socket; left open it warns at garbage collection
        reason = f" {exc.reason}" if exc.reason else ""
        raise DocumentError(f"The server answered {exc.code}{reason} for {_short(url)}") from None
    except urllib.error.URLError as exc:
        raise DocumentError(_network_message(exc.reason, host, timeout)) from None
    except (TimeoutError, socket.timeout):
        raise DocumentError(f"{host} did not answer within {timeout:g} s") from None
    except (http.client.InvalidURL, ValueError):
        raise DocumentError(f"{_short(url)} is not a valid web address") from None
    except (http.client.HTTPException, OSError) as exc:
        raise DocumentError(_network_message(exc, host, timeout)) from None
    return _to_article(body, headers, final_url, url)


def _read_body(response, headers: Message, max_bytes: int, deadline: float, url: str,  # noqa: ANN001
               timeout: float) -> bytes:
    too_large = f"{_short(url)} is larger than {_size(max_bytes)}, the most Sourcelight downloads for a page"
    length = headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise DocumentError(too_large)
    _check_type(headers, url)
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise DocumentError(f"{_short(url)} was sent in an encoding Sourcelight cannot read ({encoding})")
    # wbits 47 = zlib or gzip header, auto-detected; deflate servers often send raw zlib.
    inflater = zlib.decompressobj(47) if encoding != "identity" else None
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise DocumentError(f"{_short(url)} took longer than {2 * timeout:g} s to download")
        # read1: whatever has arrived (up to a chunk). read() would wait for a full chunk
        # and let a trickling server slip past the deadline.
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                # max_length bounds the output of a "zip bomb" before it fills memory
                chunk = inflater.decompress(chunk, max_bytes + 1 - size)
            except zlib.error:
                raise DocumentError(f"{_short(url)} sent a damaged compressed page") from None
        size += len(chunk)
        if size > max_bytes or (inflater is not None and inflater.unconsumed_tail):
            raise DocumentError(too_large)
        chunks.append(chunk)
    if inflater is not None:
        chunks.append(inflater.flush())
        if size + len(chunks[-1]) > max_bytes:
            raise DocumentError(too_large)
    return b"".join(chunks)


def _check_type(headers: Message, url: str) -> None:
    ctype = headers.get_content_type() if headers.get("Content-Type") else "text/html"
    if ctype in _HTML_TYPES or ctype in _PDF_TYPES or ctype in _UNTYPED or ctype == "text/plain":
        return
    kind = (
        f"an {ctype.split('/')[0]}" if ctype.startswith(("image/", "audio/")) else
        f"a {ctype.split('/')[0]}" if ctype.startswith("video/") else ctype)
    raise DocumentError(f"{_short(url)} is not a web page (it is {kind})")


def _to_article(body: bytes, headers: Message, final_url: str, url: str) -> Article:
    from reader.documents.loader import PDF_SIGNATURE, article_from_text
    from reader.documents.webpage import article_from_html

    if not body.strip():
        raise DocumentError(f"{_short(url)} sent an empty page")
    ctype = headers.get_content_type() if headers.get("Content-Type") else ""
    if body.startswith(PDF_SIGNATURE):
        from reader.documents.pdf import article_from_pdf

        article = article_from_pdf(body, final_url, name=_short(url))
        article.metadata["url"] = final_url
        return article
    if ctype in _PDF_TYPES:
        raise DocumentError(f"{_short(url)} was sent as a PDF but is not one (the download may be damaged)")
    # Servers that send no (or a wrong) Content-Type: recognise the common binaries.
    kind = binary_kind(body)
    if kind or looks_binary(body):
        raise DocumentError(f"{_short(url)} is not a web page (it is {kind or 'binary data'})")
    charset = headers.get_content_charset() if headers.get("Content-Type") else None
    extra = {"url": final_url}
    if headers.get("Content-Type") and headers.get_content_type() == "text/plain":
        declared = web_encoding(charset)
        if declared:
            text, encoding = body.decode(declared, errors="replace"), declared
        else:
            text, encoding = decode_text(body, "the page")
        return article_from_text(text, final_url, fallback_title=final_url, name=_short(url),
                                 metadata={**extra, "encoding": encoding})
    html, encoding = decode_html(body, charset)
    return article_from_html(html, final_url, url=final_url, extra_metadata={**extra, "encoding": encoding})


def _network_message(reason: object, host: str, timeout: float) -> str:
    """One line for what went wrong on the way to `host`."""
    if isinstance(reason, DocumentError):
        return str(reason)
    if isinstance(reason, socket.gaierror):
        if reason.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)):
            return f"Could not find the server {host}: check the address, or your internet connection"
        return f"Could not look up {host}: you may be offline"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"{host} did not answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"The secure connection to {host} could not be verified ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"The secure connection to {host} failed"
    if isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
        return f"Could not reach {host}: you may be offline"
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return f"{host} closed the connection before sending the page"
    if isinstance(reason, http.client.HTTPException):
        return f"{host} sent a response Sourcelight cannot read"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"Could not fetch the page from {host}: {' '.join(str(text).split())}"


def _iri_to_uri(parts: urllib.parse.SplitResult) -> str:
    """A URL as typed (ü in the host, spaces or é in the path) → the ASCII form HTTP needs."""
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(host) from None
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    # user:password@ is dropped: urllib cannot send it that way, and it must not leak to a redirect
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    safe = "/%:@!$&'()*+,;=~-._"
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, urllib.parse.quote(parts.path, safe=safe),
                                    urllib.parse.quote(parts.query, safe=safe + "?"), ""))


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def _short(url: str, limit: int = 100) -> str:
    """URLs in messages: one line, not a screenful of tracking parameters."""
    url = "".join(c if c.isprintable() else " " for c in url)
    return url if len(url) <= limit else url[: limit - 1] + "…"
