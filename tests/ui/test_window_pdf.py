"""Issue 15 in the window: PDFs open from File > Open, by drag and drop and by URL (read by the
worker), with their metadata in the header; a PDF without text is one message, and the
article on screen stays."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fpdf import FPDF
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from reader.resources import resource_path

from ui_stubs import stub_engine

SAMPLE_PDF = resource_path("sample-article.pdf")


def _scan_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250)  # a drawing, no text: what a scan looks like to a reader
    return bytes(pdf.output())


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass

    def do_GET(self) -> None:  # noqa: N802
        body = SAMPLE_PDF.read_bytes() if self.path == "/sample.pdf" else _scan_pdf()
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_a_pdf_opens_with_its_metadata_above_the_text(make_window, qtbot, sample_text):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        assert window.open_path(SAMPLE_PDF)
    assert window.view.toPlainText() == sample_text.strip()
    assert window.article_header.text() == "Sourcelight Staff  ·  5 March 2024"


def test_a_dropped_pdf_opens(make_window, qtbot):
    window = make_window(engine_factory=stub_engine())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE_PDF))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        window.dropEvent(event)
    assert window.article.metadata["format"] == "pdf"


def test_a_pdf_by_url_opens_and_a_scan_by_url_is_one_message(make_window, qtbot, server, sample_text):
    window = make_window(engine_factory=stub_engine())
    with qtbot.waitSignal(window.articleOpened, timeout=10_000):
        window.open_url(f"{server}/sample.pdf")
    assert window.view.toPlainText() == sample_text.strip()
    assert window.article_header.text().endswith(f"·  127.0.0.1:{server.rsplit(':', 1)[1]}/sample.pdf")
    shown = window.article
    with qtbot.waitSignal(window.messageShown, timeout=10_000) as message:
        window.open_url(f"{server}/scan.pdf")
    assert message.args[0] == (f"{server}/scan.pdf has no text layer (it is probably a scan); "
                               "Sourcelight reads only PDFs with selectable text")
    assert window.article is shown and window.view.toPlainText() == sample_text.strip()  # nothing lost
