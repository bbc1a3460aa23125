"""Coarse part-of-speech (`Token.pos_`) from the fine tag, without the attribute ruler.

The model's `attribute_ruler` runs a general Matcher over every token to set POS, MORPH and
LEMMA; the rules only read POS, and that Matcher costs about an eighth of the pipeline. This
component compiles the ruler's own POS patterns (TAG / LOWER / DEP / IS_SPACE conditions
with IN and NOT_IN, one or two tokens) into dictionaries at load time, so it gives the POS
the ruler would give, at a fraction of the cost. Patterns that set only MORPH or LEMMA are
ignored. tests/analysis/test_engine_sentences.py checks it against the real ruler.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "sourcelight_pos"
_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def _compile(tok: dict) -> list[tuple[str, set, bool]] | None:
    """[(token attribute, values, negated)] or None when a condition cannot be compiled."""
    conds = []
    for key, cond in tok.items():
        if key not in _ATTRS:
            return None
        if isinstance(cond, dict):
            if set(cond) == {"IN"}:
                conds.append((_ATTRS[key], set(cond["IN"]), False))
            elif set(cond) == {"NOT_IN"}:
                conds.append((_ATTRS[key], set(cond["NOT_IN"]), True))
            else:
                return None
        else:
            conds.append((_ATTRS[key], {cond}, False))
    return conds


def _matches(token: Token, conds: list[tuple[str, set, bool]]) -> bool:
    return all((getattr(token, attr) in values) != negated for attr, values, negated in conds)


class PosFromTags:
    def __init__(self, patterns: list[dict]) -> None:
        self.by_tag: dict[str, tuple[int, str]] = {}       # plain "TAG → POS" rules
        self.by_lower: dict[str, list[tuple[int, int, list, str]]] = {}
        self.tag_rules: dict[str, list[tuple[int, int, list, str]]] = {}   # TAG plus other conditions
        self.space_rules: list[tuple[int, int, list, str]] = []
        self.dep_rules: dict[str, list[tuple[int, int, list, str]]] = {}
        self.generic: list[tuple[int, int, list, str]] = []
        order = 0
        for entry in patterns:
            pos = entry.get("attrs", {}).get("POS")
            if pos is None:
                continue
            target = entry.get("index", 0)
            for pattern in entry.get("patterns", []):
                compiled = [_compile(tok) for tok in pattern]
                if not (1 <= len(pattern) <= 2) or any(c is None for c in compiled) or target >= len(pattern):
                    continue
                order += 1
                rule = (order, target, compiled, pos)
                own = pattern[target]
                if len(pattern) == 1 and set(own) == {"TAG"} and not isinstance(own["TAG"], dict):
                    self.by_tag[own["TAG"]] = (order, pos)
                elif len(pattern) == 1 and set(own) == {"TAG"} and set(own["TAG"]) == {"IN"}:
                    for tag in own["TAG"]["IN"]:
                        self.by_tag[tag] = (order, pos)
                elif isinstance(own.get("LOWER"), str) or (isinstance(own.get("LOWER"), dict)
                                                           and set(own["LOWER"]) == {"IN"}):
                    words = [own["LOWER"]] if isinstance(own["LOWER"], str) else own["LOWER"]["IN"]
                    for word in words:
                        self.by_lower.setdefault(word, []).append(rule)
                elif isinstance(own.get("TAG"), str) or (isinstance(own.get("TAG"), dict)
                                                         and set(own["TAG"]) == {"IN"}):
                    tags = [own["TAG"]] if isinstance(own["TAG"], str) else own["TAG"]["IN"]
                    for tag in tags:
                        self.tag_rules.setdefault(tag, []).append(rule)
                elif own.get("IS_SPACE") is True:
                    self.space_rules.append(rule)
                elif isinstance(own.get("DEP"), str) or (isinstance(own.get("DEP"), dict)
                                                         and set(own["DEP"]) == {"IN"}):
                    deps = [own["DEP"]] if isinstance(own["DEP"], str) else own["DEP"]["IN"]
                    for dep in deps:
                        self.dep_rules.setdefault(dep, []).append(rule)
                else:
                    self.generic.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        by_tag, by_lower, tag_rules, generic = self.by_tag, self.by_lower, self.tag_rules, self.generic
        n = len(doc)
        for token in doc:
            best = by_tag.get(token.tag_, (-1, ""))
            rules = by_lower.get(token.lower_, []) + tag_rules.get(token.tag_, []) + \
                self.dep_rules.get(token.dep_, []) + generic
            if token.is_space:
                rules += self.space_rules
            for order, target, compiled, pos in rules:
                if order < best[0]:
                    continue
                start = token.i - target
                if start < 0 or start + len(compiled) > n:
                    continue
                if all(_matches(doc[start + k], conds) for k, conds in enumerate(compiled)):
                    best = (order, pos)
            if best[1]:
                token.pos_ = best[1]
        return doc


def replace_attribute_ruler(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names or COMPONENT in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    nlp.add_pipe(COMPONENT, after="attribute_ruler", config={"patterns": patterns})
    nlp.remove_pipe("attribute_ruler")


@Language.factory(COMPONENT, default_config={"patterns": []})
def make_pos_from_tags(nlp: Language, name: str, patterns: list[dict]) -> PosFromTags:  # noqa: ARG001
    return PosFromTags(patterns)
