"""The article reader: plain text, HTML (its main text, by trafilatura), or JSON with title, text, published, url.

The text of a Report is exactly what extraction reads, so evidence offsets point into it.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from legation.domain.errors import InputError
from legation.domain.records import Report, parse_date
from legation.ingest.base import MAX_BYTES, read_text

# Pages whose main text trafilatura cannot find (a bare fragment, a page of one short line) are read whole by the
# fallback stripper below; a real page's menus, "related stories" and footers are left out by trafilatura.
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "article", "section", "header",
          "footer", "blockquote", "title"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "aside"}
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "dc.date", "pubdate",
              "publish-date", "sailthru.date")


class _Text(HTMLParser):
    """Collects visible text (paragraph breaks kept) and the publication-date meta tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.published: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key in _DATE_META and attrs.get("content") and not self.published:
                self.published = attrs["content"]
        elif tag == "time" and attrs.get("datetime") and not self.published:
            self.published = attrs["datetime"]
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self._skip:
            self.parts.append(data)


def _strip_tags(markup: str) -> tuple[str, str | None, str | None]:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    title = html.unescape(parser.title).strip() if parser.title else None
    return _tidy("".join(parser.parts)), title, parser.published


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(markup: str) -> tuple[str, str | None, str | None]:
    """(text, title, published) from an HTML page: its main text only (trafilatura: menus, related links, footers
    and comments left out), paragraphs separated by a blank line; the publication date from the page's metadata,
    else searched for in the page (htmldate). A fragment with no recognisable main text is read whole."""
    import trafilatura

    found = None
    try:
        found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=False,
                                            deduplicate=False)
    except Exception:  # noqa: BLE001 - a page trafilatura's parser chokes on is read by the plain stripper
        found = None
    plain, plain_title, plain_date = _strip_tags(markup)
    main = getattr(found, "text", None) or ""
    if not main.strip():
        text, title, published = plain, plain_title, plain_date
    else:
        text = _tidy(main.replace("\n", "\n\n"))
        title = getattr(found, "title", None) or plain_title
        published = plain_date or getattr(found, "date", None)
    if not published and text:
        published = _hidden_date(markup)
    return text, title, published


def _hidden_date(markup: str) -> str | None:
    """The publication date a page shows only in its text or markup ("Posted on 21 October 2023"), or None."""
    try:
        import htmldate

        return htmldate.find_date(markup, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - no date is an answer; a page htmldate cannot parse has none for us
        return None


def _iso_date(value: str | None, where: str) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value.strip()[:10]).isoformat()
    except InputError:
        raise InputError(f"{where}: publication date is not a date: {value!r}") from None


def read_article(path: str | Path, *, published: str | None = None, max_bytes: int = MAX_BYTES) -> Report:
    """Read one article file into a Report. `published` (YYYY-MM-DD) overrides what the file says."""
    path = Path(path)
    raw = read_text(path, max_bytes=max_bytes)
    if not raw.strip():
        raise InputError(f"{path}: empty file")
    title = url = found = None
    suffix = path.suffix.lower()
    stripped = raw.lstrip()
    if suffix == ".json" or (suffix not in (".txt", ".html", ".htm") and stripped.startswith("{")):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"].strip():
            raise InputError(f"{path}: a JSON article needs a non-empty \"text\" field")
        text, title, url = data["text"], data.get("title"), data.get("url")
        found, fmt = data.get("published"), "json"
    elif suffix in (".html", ".htm") or re.match(r"(?is)\s*(<!doctype html|<html|<head|<body|<p>)", raw):
        text, title, found = html_to_text(raw)
        fmt = "html"
        if not text:
            raise InputError(f"{path}: HTML with no visible text")
    else:
        text, fmt = raw, "text"
    when = _iso_date(published, "--published") if published else _iso_date(found, str(path))
    return Report(text=text, source=str(path), title=title or _first_line(text), published=when, url=url,
                  format=fmt, doc=path.stem)


def _first_line(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].strip()
    return line[:200] or None
