"""An article page as a Report: its main text, title and date (`legation.ingest.articles.html_to_text`, the reader
`legation ingest` uses for HTML files), and its language (lingua)."""

from __future__ import annotations

import functools
import re
import urllib.parse
from dataclasses import dataclass

from legation.domain.errors import InputError
from legation.domain.records import Report, parse_date
from legation.ingest.articles import html_to_text
from legation.ingest.sources.feeds import Entry
from legation.ingest.sources.fetch import Fetched

# The languages told apart (lingua is more accurate, and much quicker to load, on a short list): English and the
# languages of the region's press and of the embassies' home countries.
LANGUAGES = ("ENGLISH", "ARABIC", "PERSIAN", "TURKISH", "FRENCH", "GERMAN", "SPANISH", "RUSSIAN", "ITALIAN",
             "DUTCH", "PORTUGUESE", "CHINESE", "HEBREW", "URDU")


@dataclass
class Page:
    report: Report
    language: str  # ISO 639-1, "en" when English or undecided


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in LANGUAGES)).build()


def language_of(text: str) -> str:
    """The text's language as an ISO 639-1 code; English when lingua cannot tell."""
    sample = text[:3000]
    if not sample.strip():
        return "en"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else "en"


def _doc(url: str) -> str:
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0] if path else ""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")
    return stem[:80] or urllib.parse.urlsplit(url).netloc or "page"


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value.strip()[:10]).isoformat()
    except InputError:
        return None


def read_page(fetched: Fetched, entry: Entry) -> Page:
    """The page a feed entry links to, as a Report; an `InputError` when it holds no readable text."""
    kind = (fetched.content_type or "").lower()
    raw = fetched.text()
    if "html" in kind or re.match(r"(?is)\s*(<!doctype html|<html|<head|<body)", raw):
        text, title, published = html_to_text(raw)
        fmt = "html"
    elif kind.startswith("text/") or not kind:
        text, title, published, fmt = raw.strip(), None, None, "text"
    else:
        raise InputError(f"{fetched.url}: not a page of text ({kind})")
    if not text.strip():
        raise InputError(f"{fetched.url}: no readable text on the page")
    report = Report(text=text, source=entry.link or fetched.url, title=title or entry.title,
                    published=_iso(published) or entry.published, url=fetched.url, format=fmt,
                    doc=_doc(fetched.url))
    return Page(report, language_of(text))
