"""The cue classes an annotated corpus covers: `reader eval --classes NAME` scores only those.

A corpus whose scheme leaves a class out makes every correct prediction of that class a false
positive. `--classes` takes cue classes ("speech,belief") or the name of a corpus scope below,
or both ("gum,hedge"). README ("Scoring GUM fairly") gives the argument for each scope.

* `gum` — GUM's eRST `attribution` relation links an attributing unit to the *clause* (EDU) it
  attributes: speech, thought and knowledge ("I think", "believes"), evidence ("the results
  show", "found"), stance toward a fact ("are concerned", "I'm disappointed that") and rulings
  ("has ruled"). It has no intentions (their content is an infinitive or a noun phrase, which
  eRST does not segment into a unit of its own) and no hedges (no attributing unit, no source).
"""

from __future__ import annotations

from reader.analysis.types import CUE_CLASSES

SCOPES: dict[str, tuple[str, ...]] = {
    "gum": ("speech", "belief", "evidence", "perception", "decree"),
}


class UnknownClass(ValueError):
    """A name that is neither a cue class nor a scope; the message is a sentence for the user."""


def classes_of(value: str | None) -> frozenset[str] | None:
    """The cue classes named by `value` (classes and scope names, comma-separated); None: all."""
    if not value:
        return None
    chosen: set[str] = set()
    for name in (n.strip() for n in value.split(",")):
        if not name:
            continue
        if name in SCOPES:
            chosen.update(SCOPES[name])
        elif name in CUE_CLASSES:
            chosen.add(name)
        else:
            raise UnknownClass(f"--classes: {name} is neither a cue class ({', '.join(CUE_CLASSES)}) "
                               f"nor a corpus scope ({', '.join(SCOPES)}).")
    return frozenset(chosen) or None
