"""The word lists the rules read, loaded once from `data/`.

The pipeline runs without spaCy's lemmatizer (it costs time and we only need lemmas of cue
words), so this module expands every cue lemma into its inflected forms and maps
form → lemma itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Irregular verb forms among cue verbs and the copula/auxiliaries the rules look at.
_IRREGULAR = {
    "say": "says said saying", "tell": "tells told telling", "write": "writes wrote written writing",
    "think": "thinks thought thinking", "know": "knows knew known knowing", "find": "finds found finding",
    "show": "shows showed shown showing", "see": "sees saw seen seeing", "hold": "holds held holding",
    "understand": "understands understood understanding", "swear": "swears swore sworn swearing",
    "feel": "feels felt feeling", "mean": "means meant meaning", "bet": "bets bet betting",
    "forecast": "forecasts forecast forecasting", "foresee": "foresees foresaw foreseen foreseeing",
    "grant": "grants granted granting", "seek": "seeks sought seeking", "teach": "teaches taught teaching",
    "learn": "learns learned learnt learning", "broadcast": "broadcasts broadcast broadcasting",
    "put": "puts put putting", "spell": "spells spelled spelt spelling", "go": "goes went gone going",
    "rebut": "rebuts rebutted rebutting", "admit": "admits admitted admitting", "quip": "quips quipped quipping",
    "commit": "commits committed committing", "prefer": "prefers preferred preferring",
    "refer": "refers referred referring", "imply": "implies implied implying",
    "testify": "testifies testified testifying", "reply": "replies replied replying",
    "deny": "denies denied denying", "apply": "applies applied applying", "cry": "cries cried crying",
    "clarify": "clarifies clarified clarifying", "specify": "specifies specified specifying",
    "certify": "certifies certified certifying", "notify": "notifies notified notifying",
    "signify": "signifies signified signifying", "identify": "identifies identified identifying",
    "worry": "worries worried worrying", "rule": "rules ruled ruling", "theorise": "theorises theorised",
    "forbid": "forbids forbade forbidden", "dub": "dubs dubbed dubbing", "plan": "plans planned planning",
    "regret": "regrets regretted regretting", "abet": "abets abetted",
}


def _inflect_verb(lemma: str) -> set[str]:
    if lemma in _IRREGULAR:
        return {lemma, *_IRREGULAR[lemma].split()}
    forms = {lemma}
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        forms.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", lemma):
        forms |= {lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "ing"}
        # doubled final consonant: "admit" → "admitted" (one short vowel before one consonant)
        if re.search(r"(^|[^aeiou])[aeiou][bdgklmnprt]$", lemma) and len(lemma) <= 5:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _inflect_noun(lemma: str) -> set[str]:
    if lemma.endswith(("s", "x", "ch", "sh")):
        return {lemma, lemma + "es"}
    if re.search(r"[^aeiou]y$", lemma):
        return {lemma, lemma[:-1] + "ies"}
    return {lemma, lemma + "s"}


@dataclass(frozen=True)
class Cue:
    lemma: str          # "say", "call_for"
    cls: str            # speech | belief | intention | evidence | decree | perception | hedge
    pos: str            # verb | noun | adj | adv | passive | prep | phrase
    frames: frozenset[str]
    # frames whose attribution has another class than the entry's: "ask … to" is an intention
    frame_classes: tuple[tuple[str, str], ...] = ()

    def class_in(self, frame: str) -> str:
        return dict(self.frame_classes).get(frame, self.cls)


def parse_cue(lemma: str, cls: str, pos: str, frames: str) -> Cue:
    """One line of cues.tsv; a frame written `xcomp:intention` gives that frame its own class."""
    names, classes = [], []
    for item in (f.strip() for f in frames.split(",")):
        if not item:
            continue
        name, _, frame_cls = item.partition(":")
        names.append(name)
        if frame_cls:
            classes.append((name, frame_cls))
    return Cue(lemma, cls, pos, frozenset(names), tuple(classes))


class Lexicon:
    """Cue entries by surface form, plus the gazetteer word lists."""

    def __init__(self) -> None:
        self.verbs: dict[str, Cue] = {}         # inflected form → cue (single-word verbs)
        self.particle_verbs: dict[tuple[str, str], Cue] = {}  # ("call", "for") → cue
        self.nouns: dict[str, Cue] = {}
        self.adjectives: dict[str, Cue] = {}
        self.hedge_adverbs: set[str] = set()
        self.hedge_passives: set[str] = set()   # inflected forms of "believe", "say", …
        self.prepositions: dict[str, Cue] = {}  # one-word preposition cues: "per"
        self.in_nouns: dict[str, Cue] = {}      # "in X's view", "in the words of X": noun → cue
        self.verb_lemma: dict[str, str] = {}
        self._load_cues(DATA / "cues.tsv")
        sections = _sections(DATA / "titles.txt")
        self.honorifics = sections.get("honorific", set())
        self.ranks = sections.get("rank", set())
        self.offices = sections.get("office", set())
        self.titles = self.honorifics | self.ranks | self.offices
        self.media_words = _sections(DATA / "media.txt")[""]
        self.government_words = _sections(DATA / "government.txt")[""]
        groups = _sections(DATA / "groups.txt")
        self.group_nouns = groups["group"]
        self.anonymous_nouns = groups["anonymous"]
        self.document_nouns = {f for w in groups["document"] for f in _inflect_noun(w)}
        self.role_nouns = groups["role"]
        self.anonymous_phrases = [p for p in _lines(DATA / "groups.txt", "anonymous_phrase")]
        # words that make a paragraph worth the entity recogniser (see engine._parse)
        self.trigger_words = (set(self.verbs) | {form for form, _ in self.particle_verbs} | set(self.nouns)
                              | set(self.adjectives) | self.hedge_adverbs | self.hedge_passives
                              | set(self.prepositions) | set(self.in_nouns)
                              | {"according", "citing", "quoting", "put", "puts"})
        names = _sections(DATA / "first_names.txt")
        self.female_names, self.male_names = names["female"], names["male"]

    def _load_cues(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lemma, cls, pos, frames = (line.split("\t") + [""] * 4)[:4]
            cue = parse_cue(lemma, cls, pos, frames)
            if pos == "verb":
                head, _, particle = lemma.partition("_")
                for form in _inflect_verb(head):
                    self.verb_lemma.setdefault(form, head)
                    if particle:
                        self.particle_verbs.setdefault((form, particle), cue)
                    else:
                        self.verbs.setdefault(form, cue)
            elif pos == "noun":
                for form in _inflect_noun(lemma):
                    self.nouns.setdefault(form, cue)
            elif pos == "adj":
                self.adjectives[lemma] = cue
            elif pos == "adv":
                self.hedge_adverbs.add(lemma)
            elif pos == "prep":
                head, _, noun = lemma.partition("_")
                if head == "in" and noun:
                    for form in _inflect_noun(noun):
                        self.in_nouns.setdefault(form, cue)
                elif not noun:
                    self.prepositions[lemma] = cue
            elif pos == "passive":
                for form in _inflect_verb(lemma):
                    self.hedge_passives.add(form)

    def verb_cue(self, form: str) -> Cue | None:
        return self.verbs.get(form.lower())

    def lemma(self, form: str) -> str:
        low = form.lower()
        return self.verb_lemma.get(low, low)


def _entries(path: Path) -> Iterator[tuple[str, str]]:
    """(section, line) for every non-blank, non-comment line of a list file; the section is
    the latest `[header]` ("" before the first one, and "" as a header's own line)."""
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            yield current, ""
            continue
        yield current, line


def _lines(path: Path, section: str | None = None) -> list[str]:
    return [line.lower() for current, line in _entries(path) if line and (section is None or current == section)]


def _sections(path: Path) -> dict[str, set[str]]:
    """Words of a list file, by `[section]` ("" before the first header)."""
    out: dict[str, set[str]] = {"": set()}
    for current, line in _entries(path):
        out.setdefault(current, set()).update(w.lower() for w in line.split())
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
