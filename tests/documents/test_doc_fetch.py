"""URLs, against a web server on 127.0.0.1 started inside the test: never the internet."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli import main
from reader.documents import DocumentError, fetch_url, load

FIXTURES = Path(__file__).parent / "fixtures"
NEWS = (FIXTURES / "news-page.html").read_bytes()
REPORT_PARAS = [
    "The harbour board said on Monday that the new ferry terminal would open in the spring, two "
    "years later than planned, after the contractor found old foundations under the quay.",
    "Its chair, Ines Varga, told the board that the cost would rise by four million, to be shared "
    "with the city. The unions said they had not been consulted about the new timetable.",
]


def _pdf_bytes(paras: list[str], title: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    if title:
        pdf.set_title(title)
    pdf.set_author("Harbour Board Press Office")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for para in paras:
        pdf.multi_cell(170, 6, para)
        pdf.ln(6)
    return bytes(pdf.output())


REPORT_PDF = _pdf_bytes(REPORT_PARAS, title="Ferry terminal delayed to spring")
SCAN_PDF = _pdf_bytes([])
SLOW_SECONDS = 1.5  # how long the slow handlers stall: the server always finishes by itself


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def send(self, body: bytes, ctype: str | None = "text/html; charset=utf-8", status: int = 200,
             headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up first: expected in the limit tests
            pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path
        if path == "/article":
            self.send(NEWS)
        elif path == "/redirect":
            self.send(b"", status=302, headers={"Location": "/article"})
        elif path == "/to-ftp":
            self.send(b"", status=302, headers={"Location": "ftp://127.0.0.1/a.html"})
        elif path == "/nav":
            self.send((FIXTURES / "nav-only.html").read_bytes())
        elif path == "/cp1252":  # no charset anywhere: detection must get it right
            self.send((FIXTURES / "cp1252-no-charset.html").read_bytes(), ctype="text/html")
        elif path == "/plain":
            self.send("The mayor said that the “bridge” would reopen on Monday.".encode("cp1252"),
                      ctype="text/plain; charset=windows-1252")
        elif path == "/gzip":
            self.send(gzip.compress(NEWS), headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":  # 20 MB of zeros in ~20 KB
            self.send(gzip.compress(b"\0" * 20 * 2**20, compresslevel=9), headers={"Content-Encoding": "gzip"})
        elif path == "/big-declared":
            self.send(b"<p>" + b"x" * 200_000 + b"</p>")
        elif path == "/big-streamed":  # no Content-Length: the cap is enforced while reading
            self.send(b"<p>" + b"word " * 40_000 + b"</p>", length=False)
        elif path == "/png":
            self.send(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, ctype="image/png")
        elif path == "/png-untyped":
            self.send(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, ctype=None)
        elif path == "/pdf":  # typed as a PDF, but only its first line
            self.send(b"%PDF-1.7\n", ctype="application/pdf")
        elif path == "/not-a-pdf":  # typed as a PDF, but an error page
            self.send(b"<html><body>Session expired</body></html>", ctype="application/pdf")
        elif path == "/report.pdf":
            self.send(REPORT_PDF, ctype="application/pdf")
        elif path == "/download":  # a PDF sent as a download of unknown type
            self.send(REPORT_PDF, ctype="application/octet-stream")
        elif path == "/pdf-as-html":  # a PDF sent with a wrong type
            self.send(REPORT_PDF)
        elif path == "/pdf-redirect":
            self.send(b"", status=302, headers={"Location": "/report.pdf"})
        elif path == "/scan.pdf":
            self.send(SCAN_PDF, ctype="application/pdf")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.send(NEWS)
        elif path == "/trickle":  # answers at once, then a few bytes every 0.1 s
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(int(SLOW_SECONDS / 0.1)):
                    self.wfile.write(b"<p>drip</p>\n")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/500":
            self.send(b"<h1>Oops</h1>", status=500)
        else:
            self.send(b"<h1>Not found</h1>", status=404)


@pytest.fixture
def server(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def one_line_error(call, *args, **kwargs) -> str:
    with pytest.raises(DocumentError) as err:
        call(*args, **kwargs)
    message = str(err.value)
    assert message and "\n" not in message
    return message


def test_fetch_article(server):
    article = fetch_url(f"{server}/article")
    assert article.title == "Harbor city rations water as reservoir falls to record low"
    assert "said Tomas Reyes" in article.text and "donate" not in article.text
    assert article.origin == f"{server}/article"
    assert article.metadata["url"] == f"{server}/article"
    assert article.metadata["author"] == "Lena Brandt" and article.metadata["site_name"] == "The Meridian Courier"


def test_load_dispatches_urls_and_follows_redirects(server):
    article = load(f"{server}/redirect")
    assert article.origin == f"{server}/article"  # where the text really came from
    assert article.text == fetch_url(f"{server}/article").text


def test_gzip_and_undeclared_cp1252(server):
    assert fetch_url(f"{server}/gzip").text == fetch_url(f"{server}/article").text
    page = fetch_url(f"{server}/cp1252")
    assert "“We nearly closed in the winter,” said Hélène Dubreuil" in page.text
    plain = fetch_url(f"{server}/plain")
    assert plain.text == "The mayor said that the “bridge” would reopen on Monday."


def test_error_status(server):
    assert one_line_error(fetch_url, f"{server}/missing") == f"The server answered 404 Not Found for {server}/missing"
    assert "500" in one_line_error(fetch_url, f"{server}/500")


def test_timeout(server):
    started = time.monotonic()
    message = one_line_error(fetch_url, f"{server}/slow", timeout=0.2)
    assert message == "127.0.0.1 did not answer within 0.2 s"
    assert time.monotonic() - started < 1.0


def test_total_time_is_bounded_when_the_server_trickles(server):
    started = time.monotonic()
    message = one_line_error(fetch_url, f"{server}/trickle", timeout=0.3)
    assert "took longer than 0.6 s" in message
    assert time.monotonic() - started < 1.2


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed", "/gzip-bomb"])
def test_too_large(server, path):
    message = one_line_error(fetch_url, f"{server}{path}", max_bytes=100_000)
    assert message == f"{server}{path} is larger than 98 KB, the most Sourcelight downloads for a page"


@pytest.mark.parametrize(("path", "kind"), [("/png", "an image"), ("/png-untyped", "an image")])
def test_not_a_web_page(server, path, kind):
    assert one_line_error(fetch_url, f"{server}{path}").endswith(f"is not a web page (it is {kind})")


@pytest.mark.parametrize("path", ["/report.pdf", "/download", "/pdf-as-html", "/pdf-redirect"])
def test_a_pdf_by_url_opens_as_a_pdf(server, path):
    article = load(f"{server}{path}")  # the same entry point as File > Open URL and the CLI
    assert article.metadata["format"] == "pdf"
    assert article.title == "Ferry terminal delayed to spring"
    assert article.text.split("\n")[1:] == REPORT_PARAS  # paragraphs rebuilt across line breaks
    final = "/report.pdf" if path == "/pdf-redirect" else path
    assert article.origin == article.metadata["url"] == f"{server}{final}"
    assert article.metadata["author"] == "Harbour Board Press Office"


@pytest.mark.parametrize(("path", "message"), [
    ("/pdf", "is damaged or not a PDF Sourcelight can read"),
    ("/not-a-pdf", "was sent as a PDF but is not one (the download may be damaged)"),
    ("/scan.pdf", "has no text layer (it is probably a scan); Sourcelight reads only PDFs with selectable text"),
])
def test_a_bad_pdf_by_url_is_one_line(server, path, message):
    assert one_line_error(fetch_url, f"{server}{path}") == f"{server}{path} {message}"


def test_page_without_article(server):
    assert one_line_error(fetch_url, f"{server}/nav").startswith("No article text found")


def test_redirect_to_another_scheme_is_refused(server):
    assert "only http and https" in one_line_error(fetch_url, f"{server}/to-ftp")


def test_refused_connection():
    with socket.socket() as sock:  # a port that was free a moment ago and now has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert one_line_error(fetch_url, f"http://127.0.0.1:{port}/", timeout=2) == "127.0.0.1 refused the connection"


@pytest.mark.parametrize(
    ("code", "expected"),
    [(socket.EAI_NONAME, "Could not find the server news.example: check the address"),
     (socket.EAI_AGAIN, "Could not look up news.example: you may be offline")],
)
def test_dns_failure_and_offline(monkeypatch, code, expected):
    """Resolution is faked: the test must not ask a real DNS server anything."""
    def no_dns(*args, **kwargs):
        raise socket.gaierror(code, "simulated")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    assert one_line_error(fetch_url, "https://news.example/story").startswith(expected)


@pytest.mark.parametrize("url", ["news.example/story", "ftp://news.example/", "http://", "https:///path"])
def test_bad_addresses(url):
    one_line_error(fetch_url, url)


def test_cli_analyzes_a_url(server, capsys):
    code = main(["analyze", f"{server}/article", "--json", "--with-text"])
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    assert doc["origin"] == f"{server}/article" and doc["title"].startswith("Harbor city")
    assert doc["claims"]


@pytest.mark.parametrize("path", ["/missing", "/png", "/nav"])
def test_cli_url_errors_are_one_line(server, capsys, path):
    assert main(["analyze", f"{server}{path}", "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("reader: ") and err.count("\n") == 1


@pytest.mark.parametrize("url", ["http://[::1", "http://host:abc/", "http://a\x00b/", f"http://{'a' * 300}.com/"])
def test_malformed_addresses(url):
    assert "not a valid web address" in one_line_error(fetch_url, url)


def test_non_ascii_path_is_sent_encoded(server):
    assert "404" in one_line_error(fetch_url, f"{server}/café story?q=é")


def test_cli_analyzes_a_pdf_by_url_and_a_pdf_file(server, capsys):
    from reader.resources import resource_path

    for target in (f"{server}/report.pdf", str(resource_path("sample-article.pdf"))):
        code = main(["analyze", target, "--json", "--with-text"])
        out, err = capsys.readouterr()
        assert code == 0, err
        doc = json.loads(out)
        assert doc["claims"] and doc["metadata"]["author"] in ("Harbour Board Press Office", "Sourcelight Staff")
    assert doc["title"].startswith("Red Sea ferry link reopens")


def test_cli_scan_by_url_is_one_line(server, capsys):
    assert main(["analyze", f"{server}/scan.pdf", "--json"]) != 0
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "no text layer" in err
