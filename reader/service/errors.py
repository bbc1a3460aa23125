"""Every failure of the analysis process as one sentence for the user (the one place for them).

`message_for(exc)`: errors written for the user pass through, anything else is named and
reassures that the article is still readable.
"""

from __future__ import annotations

import signal

ARTICLE_SAFE = "The article is still readable."


def message_for(exc: BaseException) -> str:
    from reader.analysis.pipeline import ModelLoadError
    from reader.documents.article import DocumentError

    if isinstance(exc, (ModelLoadError, DocumentError)):
        return str(exc)  # already written for the user
    return f"The analysis failed ({type(exc).__name__}: {exc}). {ARTICLE_SAFE}"


def is_model_error(exc: BaseException) -> bool:
    from reader.analysis.pipeline import ModelLoadError

    return isinstance(exc, ModelLoadError)


def _how_it_ended(returncode: int | None) -> str:
    if returncode is not None and returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def process_stopped(returncode: int | None) -> str:
    return (f"The analysis process stopped unexpectedly ({_how_it_ended(returncode)}); "
            "it was restarted and the analysis runs again.")


def process_hung(limit_ms: int) -> str:
    return (f"The analysis process did not answer for {limit_ms / 1000:.0f} s; "
            "it was restarted and the analysis runs again.")


def gave_up(returncode: int | None, hung: bool) -> str:
    how = "it stopped answering" if hung else _how_it_ended(returncode)
    return f"The analysis process failed again on this request ({how}), so it was not run again. {ARTICLE_SAFE}"


def could_not_start(exc: BaseException) -> str:
    return (f"The analysis process could not be started ({type(exc).__name__}: {exc}). "
            f"{ARTICLE_SAFE} Reinstall Sourcelight if this persists.")
