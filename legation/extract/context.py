"""What an article says about itself: its dateline place, its headline, its publication date.

Also the bridge to the date, place and actor resolvers of legation.resolve when they are installed; without them
extraction still works and keeps the raw mentions (a `reported` date window, unresolved places and parties).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import re
from functools import cache
from types import ModuleType

from spacy.tokens import Span

from legation.domain.records import Party, Place, Report, TimeSpan

# "ERBIL, Kurdistan Region - ", "BAGHDAD (Reuters) -", "KABUL — ", "BAGHDAD, Oct. 18, 2023 (Agency) -": an
# upper-case place opening a paragraph, an optional qualifier ("Iraq"), an optional date and agency, then a dash.
# The date is only stepped over here: reading it is legation.resolve.time.publication_date's job.
CAPITALS = "A-ZÀ-ÖØ-ÞĆČĐĞİŁŃŐŘŚŞŠŢŰŹŻŽ"  # upper-case letters of place names ("DAJABÓN", "ŁÓDŹ", "İZMİR")
DATELINE = re.compile(rf"(?m)^\s*(?P<place>[{CAPITALS}][{CAPITALS}'’./\- ]{{2,40}}?)"
                      r"(?:,\s*(?P<qualifier>[A-Z](?:[^\W\d_]|[ .'’]){1,40}?)(?=\s*[,(\-–—]))?"
                      r"(?:,\s*(?P<date>[A-Za-z.]{0,10}\s*\d[\w ,./\-]{0,20}?))?"
                      r"\s*(?:\([^)]{1,40}\))?\s*[-–—]\s")
REPORTED_DAYS = 7
log = logging.getLogger(__name__)
_WARNED: set[str] = set()


@cache
def optional_module(name: str) -> ModuleType | None:
    """A resolver module of another stage, or None while it does not exist yet."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def dateline(text: str) -> str | None:
    """The dateline place in the first lines, with its qualifier when it has one ("ERBIL, Iraq — ..." →
    "Erbil, Iraq"; "BAGHDAD, Oct. 18, 2023 (Agency) - ..." → "Baghdad"; "TEHRAN/BAKU, Jan 28 —" → "Tehran"), if any."""
    found = dateline_span(text)
    if found is None:
        return None
    match = DATELINE.match(text, *found)
    place = match["place"].split("/")[0].strip().title()  # "TEHRAN/BAKU": the first place the story was filed from
    return f"{place}, {match['qualifier'].strip()}" if match["qualifier"] else place


def dateline_span(text: str) -> tuple[int, int] | None:
    """(start, end) offsets of the dateline, dash included: its words are no place of the sentence they open."""
    match = DATELINE.search(text[:600])
    return match.span() if match else None


def headline_end(report: Report) -> int:
    """Offset where the body starts when the text opens with a headline line (no final full stop, also inside a
    closing quotation mark: 'accuses charity of "destabilisation"' is a headline, '... "We will respond."' is
    not), else 0."""
    first, sep, _ = report.text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not first or len(first) > 200 or first.rstrip("\"”'’")[-1:] in (".", "!", "?", ",", ""):
        return 0
    return report.text.find(first) + len(first)


def publication_date(report: Report) -> dt.date | None:
    module = optional_module("legation.resolve.time")
    if module is not None and hasattr(module, "publication_date"):
        return module.publication_date(report)
    if report.published:
        return dt.date.fromisoformat(report.published[:10])
    return None


def reported_window(published: dt.date | None) -> TimeSpan:
    """No date in the text: on or before publication, starting a week earlier (spec: kind `reported`)."""
    if published is None:
        return TimeSpan(kind="unresolved")
    start = published - dt.timedelta(days=REPORTED_DAYS)
    return TimeSpan(start=start.isoformat(), end=published.isoformat(), precision="week", kind="reported")


def resolve_date(sent: Span, expressions: list[str], published: dt.date | None,
                 previous: TimeSpan | None) -> TimeSpan:
    """The event's date from its sentence and its DATE entities, via legation.resolve.time when present."""
    return _resolved_text(sent.text, expressions, published, previous)


def resolve_expression(text: str, published: dt.date | None, previous: TimeSpan | None) -> TimeSpan:
    """The date a date expression names on its own ("on Sunday"), whatever the act told beside it."""
    return _resolved_text(text, [text], published, previous)


def _resolved_text(text: str, expressions: list[str], published: dt.date | None,
                   previous: TimeSpan | None) -> TimeSpan:
    module = optional_module("legation.resolve.time")
    if module is None:
        return reported_window(published)
    try:
        return module.resolve_date(text, published, expressions=expressions, previous=previous)
    except Exception as err:  # noqa: BLE001 - another stage's bug; see _failed
        _failed("legation.resolve.time", err)
        return reported_window(published)


def _failed(stage: str, err: Exception) -> None:
    """A resolver bug must not lose the events: keep the raw mention and say so once per stage."""
    if stage not in _WARNED:
        _WARNED.add(stage)
        log.warning("%s failed (%s: %s); keeping raw mentions", stage, type(err).__name__, err)


def resolve_party(text: str, kind: str, country_hint: str | None, when: str | None) -> Party:
    module = optional_module("legation.resolve.actors")
    if module is not None:
        try:
            party = module.resolve_party(text, when=when, country_hint=country_hint)
        except Exception as err:  # noqa: BLE001 - another stage's bug; see _failed
            _failed("legation.resolve.actors", err)
            return Party(text=text, kind=kind)
        if party.kind == "unknown" and kind != "unknown":
            party.kind = kind
        party.text = text
        return party
    return Party(text=text, kind=kind)


def resolve_place(text: str | None, country_hint: str | None, place_dateline: str | None) -> Place:
    module = optional_module("legation.resolve.places")
    if text is None:
        if place_dateline is None:
            return Place()
        text = place_dateline
    if module is not None:
        try:
            place = module.resolve_place(text, country_hint=country_hint, dateline=place_dateline)
        except Exception as err:  # noqa: BLE001 - another stage's bug; see _failed
            _failed("legation.resolve.places", err)
            return Place(text=text, name=text, reason="place resolver failed")
        if place.text is None:
            place.text = text
        return place
    return Place(text=text, name=text)


def dateline_country(place_dateline: str | None) -> Place | None:
    """The dateline's country as a country-level place ("ERBIL, Kurdistan Region" → Iraq; "SMALLTOWN, Iraq" →
    Iraq by its qualifier), when the place resolver knows it: the hint for ambiguous names, and the country of an
    event whose sentence names no place. None without a dateline or the resolver."""
    if place_dateline is None or optional_module("legation.resolve.places") is None:
        return None
    code = resolve_place(place_dateline, None, place_dateline).country
    if code is None and "," in place_dateline:
        code = resolve_place(place_dateline.partition(",")[2].strip(), None, None).country
    return country_place(code) if code else None


def country_place(code: str) -> Place | None:
    """A country (ISO alpha-3) as a place at country precision, through the resolvers."""
    countries = optional_module("legation.resolve.countries")
    name = countries.country_name(code) if countries is not None else None
    if name is None:
        return None
    place = resolve_place(name, code, None)
    return place if place.country == code else None


@cache
def known_kind(name: str) -> str:
    """The kind the actor knowledge base gives a name ("WFP": "igo", "Hamas": "armed_group"), or "unknown"."""
    return resolve_party(name, "unknown", None, None).kind or "unknown"


def country_named(text: str) -> str | None:
    """The ISO alpha-3 code when `text` is a country's name ("Syria", "the United States"), else None."""
    countries = optional_module("legation.resolve.countries")
    return countries.country_by_name(text) if countries is not None else None


def country_of_adjective(text: str) -> str | None:
    """The ISO alpha-3 code when `text` is a country's adjective ("Tajik", "Iraqi", "Iraq's"), else None."""
    countries = optional_module("legation.resolve.countries")
    return countries.country_by_adjective(text) if countries is not None else None


def country_of_capital(text: str) -> str | None:
    """The ISO alpha-3 code when `text` is a capital that stands for its government ("Dhaka said"), else None."""
    countries = optional_module("legation.resolve.countries")
    return countries.country_by_capital(text) if countries is not None else None


def gazetteer_places(sentence: str, country_hint: str | None, exact: bool = False) -> list[tuple[int, int, Place]]:
    """Places the gazetteer finds in a sentence's text ((start, end, Place), offsets in the sentence): bases,
    compounds and towns the entity recogniser missed; with `exact`, only names it knows as written (no near
    spellings). Empty without the place resolver."""
    module = optional_module("legation.resolve.places")
    if module is None or not hasattr(module, "find_places"):
        return []
    try:
        return module.find_places(sentence, country_hint=country_hint, exact=exact)
    except Exception as err:  # noqa: BLE001 - another stage's bug; see _failed
        _failed("legation.resolve.places", err)
        return []
