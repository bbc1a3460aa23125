"""Which side reads what the user opens: the GUI thread (a small plain-text file, read in well
under a frame) or the analysis process's load thread (pages, Markdown, PDFs, large files, URLs).

    if target.lower().startswith(WEB_SCHEMES): ...    # fetched by the load thread
    local_path("file:///tmp/a.txt")                    # the path of a file:// URL on this computer
    reads_in_a_frame(path)                             # True: the session reads it itself

No Qt here: the reading session (session.py) decides with these.
"""

from __future__ import annotations

from pathlib import Path

READ_HERE_BYTES = 256 * 1024  # plain text this size is read in well under a frame
READ_HERE_SUFFIXES = {".txt", ".text"}  # everything else may need a parser: the load thread reads it
WEB_SCHEMES = ("http://", "https://")  # fetched by the load thread; file:// is a path


def local_path(url: str) -> str | None:
    """The path of a file:// URL on this computer; None for anything else."""
    import urllib.parse
    import urllib.request

    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return urllib.request.url2pathname(parts.path)


def reads_in_a_frame(target: str) -> bool:
    """True for what the GUI thread may read itself: a small .txt file, or a path that is not a
    file at all (missing, a folder: its message is instant)."""
    path = Path(target).expanduser()
    try:
        if not path.is_file():
            return True
        return path.suffix.lower() in READ_HERE_SUFFIXES and path.stat().st_size <= READ_HERE_BYTES
    except OSError:
        return True  # the loader words the error
