"""Library reads off the GUI thread: the source book's index, only the newest result, errors
as sentences, and a library with no file read at once."""

from __future__ import annotations

import threading

from reader.store import Library, StoreError
from reader.ui.library_reads import LibraryReads


def test_the_source_book_reads_its_index_off_the_gui_thread(qtbot, two_article_library, monkeypatch):
    from reader.ui.source_book import SourceBookDialog

    readers = []
    real = Library.source_index

    def recording(self):  # noqa: ANN001, ANN202
        readers.append(threading.get_ident())
        return real(self)

    monkeypatch.setattr(Library, "source_index", recording)
    dialog = SourceBookDialog(two_article_library)
    qtbot.addWidget(dialog)
    assert dialog.status.text() == "Reading your sources…"
    with qtbot.waitSignal(dialog.indexShown):
        dialog.show()
    assert [s.name for s in dialog.sources] == ["Reuters", "Yoav Mordechai"]
    assert readers and threading.get_ident() not in readers


def test_only_the_newest_read_is_emitted_and_errors_are_sentences(qtbot, two_article_library):
    reads = LibraryReads()
    gate = threading.Event()
    results, failures = [], []
    reads.done.connect(results.append)
    reads.failed.connect(failures.append)

    def slow(library: Library) -> str:
        gate.wait(30)
        return "older"

    def broken(library: Library) -> str:
        raise StoreError("Your library is locked by another program.")

    reads.start(two_article_library, slow)
    reads.start(two_article_library, lambda library: len(library.source_index()))
    gate.set()
    qtbot.waitUntil(lambda: bool(results))
    with qtbot.waitSignal(reads.failed):
        reads.start(two_article_library, broken)
    assert results == [2] and failures == ["Your library is locked by another program."]


def test_a_library_without_a_file_is_read_at_once(qtbot, tmp_path):
    memory = Library.open(tmp_path / "data")
    memory.read_only = True  # as the in-memory library of a read-only folder is: no second connection
    reads = LibraryReads()
    got = []
    reads.done.connect(got.append)
    reads.start(memory, lambda library: threading.get_ident())
    assert got == [threading.get_ident()]
    memory.close()


def test_with_every_result_no_read_replaces_another(qtbot, two_article_library):
    reads = LibraryReads(every_result=True)
    results = []
    reads.done.connect(results.append)
    for key in ("person:yoav mordechai", "media:reuters"):
        reads.start(two_article_library, lambda library, key=key: library.source_details(key).key)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert results == ["person:yoav mordechai", "media:reuters"]  # in the order started


def test_the_source_book_reads_a_sources_claims_off_the_gui_thread(qtbot, two_article_library, monkeypatch):
    from reader.ui.source_book import SourceBookDialog

    readers = []
    real = Library.source_details

    def recording(self, key):  # noqa: ANN001, ANN202
        readers.append(threading.get_ident())
        return real(self, key)

    monkeypatch.setattr(Library, "source_details", recording)
    dialog = SourceBookDialog(two_article_library)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.indexShown):
        dialog.show()
    with qtbot.waitSignal(dialog.detailsShown):
        assert dialog.select_source("media:reuters")
    assert readers and threading.get_ident() not in readers
