"""Boxes pruned from a page before extraction — without ever losing the article.

Sites put donation appeals, newsletter boxes, share bars and ads *inside* the article
element, where trafilatura keeps them; so elements whose class / id names them as such are
removed first. But the same words name article text on real pages: a review split into
sections classed "paywall", a story inside a "social-share-wrapper", a paywalled teaser
("paywall-teaser"), explainer blocks classed "promo-card", a gallery whose captions are the
story. So pruning is checked against an unpruned extraction (trafilatura's default mode, the
reference): when the pruned text keeps less than `KEPT_SHARE` of the reference's words, the
reference lines that went missing are traced to the boxes that held them, and every group
of alike boxes (same tag and class: the sibling sections of one body) that held a real part
of what is missing is put back. If even that falls short of the reference, the reference
itself is the answer: never worse than trafilatura alone.

`extract_article(tree, extract)` takes the page's lxml tree and a function
`extract(tree, precise) -> str` (the extractor, precise = favour precision) and returns the
article text, one paragraph per line.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

# Words in class / id names (split on "-", "_" and camelCase) that mark a box to drop.
BOILERPLATE_WORDS = frozenset({
    "ad", "ads", "adslot", "adunit", "advert", "adverts", "advertisement", "advertising", "sponsored",
    "cookie", "cookies", "consent", "gdpr", "cmp",
    "donate", "donation", "donations", "fundraising", "supportus", "paywall", "membership",
    "newsletter", "newsletters", "signup", "subscribe", "subscription",
    "related", "recommended", "recirculation", "outbrain", "taboola", "promo", "teaser",
    "share", "sharing", "sharebar", "social",
    "comment", "comments", "disqus",
})
# Boxes so named never hold the article, whatever the comparison says: readers' comments
# can be long prose, and a consent banner can be longer than a short story.
_NEVER_ARTICLE_WORDS = frozenset({"comment", "comments", "disqus", "cookie", "cookies", "consent", "gdpr",
                                  "cmp", "outbrain", "taboola"})
_NEVER_PRUNE_TAGS = frozenset({"html", "body", "main", "article"})
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"\w+")
# A box that holds most of the page's text is the article's wrapper ("story share-enabled").
_WRAPPER_SHARE = 0.5
# The pruned text must keep this share of the reference's words; below it, pruning is
# suspected of having taken article text (a donation box or share bar is far smaller).
KEPT_SHARE = 0.8
# A group of boxes is put back when it held this share of the words that went missing.
_RESTORE_SHARE = 0.15
# Reference lines are traced to boxes piece by piece (an extractor may join a box's
# paragraphs, or a heading and a box, into one line): pieces of this many words.
_TRACE_WORDS = 8

# Live-blog entry times: at least this many alike posts, each time at most this many words,
# and never a time inside running text.
_MIN_POSTS = 3
_MAX_TIME_WORDS = 6
_INLINE_PARENTS = frozenset({"p", "span", "a", "em", "strong", "b", "i", "h1", "h2", "h3", "h4", "h5", "h6"})

Extract = Callable[[object, bool], str]


@dataclass
class _Box:
    path: str        # XPath of the element in the page tree
    signature: tuple[str, str]
    text: str        # its text, whitespace collapsed
    never_article: bool


def extract_article(tree, extract: Extract) -> str:  # noqa: ANN001 - an lxml element
    """The article text of the page `tree` (not modified), pruned of boilerplate boxes."""
    tree = _post_times_as_paragraphs(_captions_as_paragraphs(tree))
    boxes = boilerplate_boxes(tree)
    pruned = extract(_without(tree, boxes), True)
    if not boxes:
        return pruned
    reference = extract(copy.deepcopy(tree), False)
    if _words(pruned) >= KEPT_SHARE * _words(reference):
        return pruned
    kept = _boxes_holding(reference, pruned, boxes)
    if not kept:
        return reference if _words(reference) > _words(pruned) else pruned
    remaining = [box for box in boxes if box.signature not in kept]
    candidates = [extract(_without(tree, remaining), True), extract(_without(tree, remaining), False)]
    for text in candidates:
        if _words(text) >= KEPT_SHARE * _words(reference):
            return text
    return reference


def boilerplate_boxes(tree) -> list[_Box]:  # noqa: ANN001
    """The outermost elements whose class / id names them as boilerplate."""
    body_len = len(" ".join(tree.itertext()))
    root = tree.getroottree()
    boxes: list[_Box] = []
    chosen: set = set()
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() in _NEVER_PRUNE_TAGS:
            continue
        words = _name_words(el)
        if not (words & BOILERPLATE_WORDS or {"support", "us"} <= words):
            continue
        if any(ancestor in chosen for ancestor in el.iterancestors()):
            continue  # inside a box already taken
        text = " ".join(" ".join(el.itertext()).split())
        if len(text) > _WRAPPER_SHARE * body_len:
            continue
        chosen.add(el)
        boxes.append(_Box(root.getpath(el), (el.tag.lower(), " ".join((el.get("class") or "").split())),
                          text, bool(words & _NEVER_ARTICLE_WORDS)))
    return boxes


def _captions_as_paragraphs(tree):  # noqa: ANN001, ANN202
    """A gallery's captions are its story: when figure captions hold more words than the
    paragraphs outside figures, each figure becomes a paragraph of its caption (extractors
    drop figures in precise mode and run their captions together otherwise)."""
    captions = list(tree.iter("figcaption"))
    caption_words = sum(_words(" ".join(c.itertext())) for c in captions)
    prose_words = sum(_words(" ".join(p.itertext())) for p in tree.iter("p")
                      if not any(a.tag == "figure" for a in p.iterancestors()))
    if not captions or caption_words <= prose_words:
        return tree
    page = copy.deepcopy(tree)
    for figure in list(page.iter("figure")):
        text = " ".join(" ".join(figure.itertext()).split())
        tail = figure.tail
        figure.clear()
        figure.tag, figure.text, figure.tail = "p", text, tail
    return page


def _post_times_as_paragraphs(tree):  # noqa: ANN001, ANN202
    """A live blog's entry times ("09:05" heading each post) are part of its story, but
    extractors drop a `<time>` outside a paragraph. When at least `_MIN_POSTS` alike blocks
    (same tag and class: the posts) each start with one, each becomes a paragraph of its own.
    A lone `<time>` (the date in a byline) is left alone."""
    posts: dict[tuple[str, str], list] = defaultdict(list)
    for time in tree.iter("time"):
        parent = time.getparent()
        if parent is None or parent.tag in _INLINE_PARENTS or _words(" ".join(time.itertext())) > _MAX_TIME_WORDS:
            continue
        posts[(parent.tag, " ".join((parent.get("class") or "").split()))].append(time)
    if not any(len(times) >= _MIN_POSTS for times in posts.values()):
        return tree
    page = copy.deepcopy(tree)
    root, original = page.getroottree(), tree.getroottree()
    for times in posts.values():
        if len(times) >= _MIN_POSTS:
            for found in (root.xpath(original.getpath(t)) for t in times):
                for el in found:
                    el.tag = "p"
    return page


def _name_words(el) -> set[str]:  # noqa: ANN001
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return {w.lower() for w in _WORD_SPLIT.split(names) if w}


def _without(tree, boxes: list[_Box]):  # noqa: ANN001, ANN202
    """A copy of `tree` with the boxes removed (text after a box stays: it belongs to the page)."""
    page = copy.deepcopy(tree)
    root = page.getroottree()
    for el in [found for box in boxes for found in root.xpath(box.path)]:
        parent = el.getparent()
        if parent is None:
            continue
        prev, tail = el.getprevious(), el.tail
        parent.remove(el)
        if tail and tail.strip():
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return page


def _boxes_holding(reference: str, pruned: str, boxes: list[_Box]) -> set[tuple[str, str]]:
    """Signatures of the box groups that held a real part of what pruning lost."""
    have = {" ".join(line.split()) for line in pruned.split("\n")}
    missing = [line for line in (" ".join(raw.split()) for raw in reference.split("\n"))
               if line and line not in have]
    lost = sum(_words(line) for line in missing)
    held: dict[tuple[str, str], int] = defaultdict(int)
    for line in missing:
        words = line.split(" ")
        for start in range(0, len(words), _TRACE_WORDS):
            piece = " ".join(words[start:start + _TRACE_WORDS])
            box = next((b for b in boxes if not b.never_article and piece in b.text), None)
            if box is not None:
                held[box.signature] += _words(piece)
    return {signature for signature, words in held.items() if words >= _RESTORE_SHARE * lost}


def _words(text: str) -> int:
    return len(_WORD.findall(text))
