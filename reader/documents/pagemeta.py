"""What a web page says about its article: headline, author(s), date, site, address, byline.

Evidence, strongest first: the page's JSON-LD (`NewsArticle` and kin: headline, author,
datePublished, publisher), its Open Graph / article meta tags, its byline element ("By A and
B | Published March 3, 2024", parsed), and last whatever trafilatura found (`fallback`).

Titles: `og:title` or the JSON-LD headline, else the page's one `<h1>`, else `<title>`; a
" | Site" (or " - Site", " — Site") suffix naming the site is cut from any of them.

The byline line itself is returned too (`byline`): the article text keeps it, where the
analysis marks it as boilerplate, so nothing the page said is lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from reader.documents.article import join_names

_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "reviewnewsarticle", "report", "liveblogposting", "review", "webpage"}
# Class / id / itemprop words of the element that holds the byline.
_BYLINE_WORDS = {"byline", "bylines", "dateline", "author", "authors", "contributor", "contributors"}
_BYLINE_CONTAINER_WORDS = {"byline", "meta", "dateline"}
_COMMENT_WORDS = {"comment", "comments", "reply", "replies"}
_MAX_BYLINE_WORDS = 30
_MAX_TITLE = 200
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")
# Byline parts: "By A, B and C", "Published March 3, 2024", "Updated 10:31 GMT".
_PART_SPLIT = re.compile(r"\s+[|·•—–]\s+|\s*\n\s*")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_DATE_WORDS = re.compile(r"^\s*(?:published|updated|posted|first published|last updated|on)\s*:?\s*", re.I)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%Y-%m-%d")
_NAME = re.compile(r"^[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þa-z][\w.'’-]*){0,4}$")
# The last part of a byline naming a desk or a job, not a person: ", City Desk", ", Staff Writer".
_ROLE_WORDS = {"desk", "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
               "editor", "editors", "bureau", "columnist", "contributor", "team", "newsroom", "chief"}
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+", re.I)
_CLOCK = re.compile(r"(?:\bat\s+)?\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?", re.I)


@dataclass
class PageMeta:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""
    site_name: str = ""
    url: str = ""
    description: str = ""
    language: str = ""
    byline: str = ""

    def as_metadata(self) -> dict:
        """The non-empty fields as `Article.metadata` entries."""
        out: dict = {}
        if self.authors:
            out["author"] = join_names(self.authors)
            out["authors"] = list(self.authors)
        for key in ("date", "site_name", "url", "description", "language", "byline"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


def page_metadata(tree, fallback=None) -> PageMeta:  # noqa: ANN001 - an lxml tree, a trafilatura Document
    """The metadata of the page `tree` (not modified); `fallback` fills what the page lacks."""
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    meta_out = PageMeta()
    meta_out.site_name = _one_line(meta.get("og:site_name") or ld.get("site") or _attr(fallback, "sitename"))
    meta_out.byline = _byline_text(tree)
    by_authors, by_date = parse_byline(meta_out.byline)
    author_tag = meta.get("author") or meta.get("article:author") or ""
    meta_out.authors = (ld.get("authors") or ([author_tag] if author_tag and "://" not in author_tag else [])
                        or by_authors or _split_names(_attr(fallback, "author").replace(";", ",")))
    meta_out.date = (iso_date(ld.get("date")) or iso_date(meta.get("article:published_time"))
                     or iso_date(meta.get("date")) or iso_date(_time_in(tree)) or by_date
                     or iso_date(_attr(fallback, "date")))
    meta_out.url = _one_line(meta.get("og:url") or _canonical(tree) or _attr(fallback, "url"))
    meta_out.description = _one_line(meta.get("og:description") or meta.get("description")
                                     or _attr(fallback, "description"))
    meta_out.language = _one_line(tree.get("lang") or _attr(fallback, "language"))
    meta_out.title = page_title(tree, meta.get("og:title") or ld.get("headline") or "", meta_out.site_name,
                                _attr(fallback, "title"))
    return meta_out


def page_title(tree, declared: str, site: str, fallback: str = "") -> str:  # noqa: ANN001
    """og:title / headline, else the one <h1>, else <title>; a site-name suffix cut."""
    headings = [_one_line(" ".join(h.itertext())) for h in tree.iter("h1")]
    headings = [h for h in headings if h]
    title_tag = next((_one_line(" ".join(t.itertext())) for t in tree.iter("title")), "")
    for candidate in (declared, headings[0] if len(headings) == 1 else "", title_tag, fallback):
        title = _without_site(_one_line(candidate), site, headings)
        if title:
            return title[:_MAX_TITLE]
    return ""


def parse_byline(line: str) -> tuple[list[str], str]:
    """"By A and B | Published March 3, 2024" → (["A", "B"], "2024-03-03")."""
    authors: list[str] = []
    date = ""
    for part in _PART_SPLIT.split(line or ""):
        if _BY.match(part) and not authors:
            authors = _split_names(_without_desk(_BY.sub("", part)))
        elif not date:
            date = iso_date(_DATE_WORDS.sub("", part))
    return authors, date


def _without_desk(names: str) -> str:
    """"Jane Whitford, City Desk" → "Jane Whitford": a last comma part naming a desk or job."""
    head, comma, last = names.rpartition(",")
    if comma and " and " not in last and {w.lower().strip(".") for w in last.split()} & _ROLE_WORDS:
        return head
    return names


def _split_names(names: str) -> list[str]:
    return [n for n in (_one_line(p) for p in _NAME_SPLIT.split(names or "")) if n and _NAME.match(n)]


def _without_site(title: str, site: str, headings: list[str]) -> str:
    if not title or title in headings:
        return title
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found:
            continue
        if (site and tail.strip().lower() == site.lower()) or head.strip() in headings:
            return head.strip()
    return title


def _meta_tags(tree) -> dict[str, str]:  # noqa: ANN001
    tags: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in tags:
            tags[key] = value
    return tags


def _json_ld(tree) -> dict:  # noqa: ANN001
    """headline, authors, date and site of the first article object of the page's JSON-LD."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # a broken block on a real page is common; the others may still do
        for item in _ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                return {"headline": _one_line(_ld_text(item.get("headline") or item.get("name"))),
                        "authors": [n for n in (_ld_text(a) for a in _as_list(item.get("author"))) if n],
                        "date": _ld_text(item.get("datePublished") or item.get("dateCreated")),
                        "site": _ld_text(item.get("publisher"))}
    return {}


def _ld_items(data):  # noqa: ANN001, ANN202
    for item in _as_list(data):
        if isinstance(item, dict):
            yield item
            yield from (g for g in _as_list(item.get("@graph")) if isinstance(g, dict))


def _ld_text(value) -> str:  # noqa: ANN001
    if isinstance(value, dict):
        value = value.get("name") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return _one_line(str(value)) if isinstance(value, str) else ""


def _as_list(value) -> list:  # noqa: ANN001
    return value if isinstance(value, list) else [] if value is None else [value]


def _byline_text(tree) -> str:  # noqa: ANN001
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "html", "body"):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''} {el.get('rel') or ''}"
        if not {w.lower() for w in _WORD_SPLIT.split(names) if w} & _BYLINE_WORDS:
            continue
        if any(_words_of(a) & _COMMENT_WORDS for a in (el, *el.iterancestors())):
            continue  # a reader's name above a comment is not the article's author
        parent = el.getparent()
        while parent is not None and _words_of(parent) & _BYLINE_CONTAINER_WORDS and _short(parent):
            el, parent = parent, parent.getparent()
        text = _one_line(" ".join(el.itertext()))
        if text and _short(el):
            return text
    return ""


def _words_of(el) -> set[str]:  # noqa: ANN001
    return {w.lower() for w in _WORD_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}") if w}


def _short(el) -> bool:  # noqa: ANN001
    return 0 < len(" ".join(el.itertext()).split()) <= _MAX_BYLINE_WORDS


def _time_in(tree) -> str:  # noqa: ANN001
    return next((t.get("datetime") for t in tree.iter("time") if t.get("datetime")), "")


def _canonical(tree) -> str:  # noqa: ANN001
    return next((ln.get("href") or "" for ln in tree.iter("link")
                 if (ln.get("rel") or "").lower() == "canonical"), "")


def iso_date(value: str | None) -> str:
    """A date as YYYY-MM-DD, from ISO timestamps or "March 3, 2024" / "3 March 2024"; else ""."""
    value = _one_line(value)
    if not value:
        return ""
    m = _ISO_DATE.search(value)
    if m:
        return m.group(1)
    value = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value)
    # "Tuesday, March 3, 2024, 10:31 AM EST" → "March 3, 2024"
    value = _one_line(_CLOCK.sub(" ", _WEEKDAY.sub("", value))).strip(" ,.·|-–—")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def _attr(doc, name: str) -> str:  # noqa: ANN001
    value = getattr(doc, name, None) if doc is not None else None
    return str(value) if value else ""


def _one_line(value: str | None) -> str:
    return " ".join(str(value or "").split())
