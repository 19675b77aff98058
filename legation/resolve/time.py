"""Time expressions → `TimeSpan`, anchored on the publication date.

News rarely names the day of an event: it says "on Wednesday", "over the past week", "earlier this month". Those
only mean something against the date the article was published, so every rule here takes that date as its anchor:

    resolve_date("militias struck the base on Wednesday", date(2023, 10, 25))
        → 2023-10-25 exact (a weekday is the latest such day on or before publication; dateparser says a week earlier)
    resolve_date("attacks have soared over the past week", date(2023, 10, 25))
        → 2023-10-18 .. 2023-10-25 range (dateparser finds nothing here)
    resolve_date("the embassy was attacked", date(2023, 10, 25))
        → 2023-10-18 .. 2023-10-25 reported (no date in the text: on or before publication, never stamped exact)

The rules below are our own; dateparser is only the fallback for the odd explicit form they do not know
("the 18th of October", "10/18/2023"). Kinds and precisions are those of ../shared/spec/events.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from legation.domain.records import Report, TimeSpan

REPORTED_DAYS = 7  # no date in the text: the event is taken to lie in the week before publication
DATELINE_CHARS = 600  # the article's own date line is looked for this far into the text

Date = dt.date
Resolver = Callable[["re.Match[str]", "Date | None", "TimeSpan | None"], "TimeSpan | None"]

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "couple of": 2, "several": 5}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# "said on Wednesday", "told reporters on Tuesday": the day something was said, used only when nothing else is.
REPORTING = re.compile(r"\b(?:said|says|told|announced|added|stated|reported|confirmed|according to)\b"
                       r"(?:\s+(?:on|in|at|a|an|the|late|early|statement|reporters|journalists|press|conference|"
                       r"interview|briefing|news|televised|television|his|her|its|their))*\s*$", re.I)
WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
EXPLICIT_DAY = re.compile(rf"{MONTH}\s+\d|\d\s+(?:of\s+)?{MONTH}|\d\d\d\d-\d\d-\d\d")  # a calendar date, not "that day"
SINCE = re.compile(r"\bsince\s*$", re.I)
# "BAGHDAD, " before "Oct. 18, 2023 (Reuters) - ...": a dateline's date is the publication date, not the event's.
DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Z'’.\- ]{2,40}(?:,\s*[A-Z][\w .'’]{1,40})?,\s*$")


def month_number(name: str) -> int:
    return [m[:3].lower() for m in _MONTH_NAMES].index(name[:3].lower()) + 1


# ------------------------------------------------------------------------------------------- publication date
_DATE_LINE_PATTERNS = (
    re.compile(rf"\b(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH}),?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)


def publication_date(report: Report) -> Date | None:
    """The report's publication date: its `published` field, else the first full date near the top of the text
    ("ERBIL, Oct. 18, 2023 (...)", "October 25, 2023", "25 Oct 2023"); None when neither says."""
    if report.published:
        return dt.date.fromisoformat(report.published[:10])
    head = report.text[:DATELINE_CHARS]
    found = []
    for pattern in _DATE_LINE_PATTERNS:
        for match in pattern.finditer(head):
            day = _safe_date(int(match["year"]), _month_of(match["month"]), int(match["day"]))
            if day is not None:
                found.append((match.start(), day))
    return min(found)[1] if found else None


def _month_of(text: str) -> int:
    return int(text) if text.isdigit() else month_number(text)


def _safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------------ span helpers
def _day(day: Date, text: str) -> TimeSpan:
    return TimeSpan(start=day.isoformat(), end=day.isoformat(), precision="day", kind="exact", text=text)


def _range(start: Date, end: Date, precision: str, text: str) -> TimeSpan:
    start, end = min(start, end), max(start, end)
    return TimeSpan(start=start.isoformat(), end=end.isoformat(), precision=precision, kind="range", text=text)


def _month_span(year: int, month: int, text: str) -> TimeSpan:
    last = calendar.monthrange(year, month)[1]
    return _range(dt.date(year, month, 1), dt.date(year, month, last), "month", text)


def _week_of(day: Date) -> Date:
    """The Monday of the calendar week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


def reported_window(published: Date | None) -> TimeSpan:
    """No date in the text: on or before publication, from a week earlier; unresolved without a publication date."""
    if published is None:
        return TimeSpan(kind="unresolved")
    start = published - dt.timedelta(days=REPORTED_DAYS)
    return TimeSpan(start=start.isoformat(), end=published.isoformat(), precision="week", kind="reported")


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower().strip()
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


# ------------------------------------------------------------------------------------------------------- rules
# Each rule is a regex and a resolver (match, published, previous) → TimeSpan or None (cannot resolve).

def _explicit_day(match, published, previous):
    month, day = _month_of(match["month"]), int(match["day"])
    if match["year"]:
        found = _safe_date(int(match["year"]), month, day)
    elif published is None:
        return None
    else:  # no year: the latest such date not after publication
        found = _safe_date(published.year, month, day)
        if found is not None and found > published:
            found = _safe_date(published.year - 1, month, day)
    return _day(found, match.group(0)) if found else None


def _month_year(match, published, previous):
    return _month_span(int(match["year"]), month_number(match["month"]), match.group(0))


def _month_only(match, published, previous):
    """ "in October": the latest October not after publication (its end capped at publication)."""
    if published is None:
        return None
    month = month_number(match["month"])
    year = published.year if month <= published.month else published.year - 1
    return _until_published(_month_span(year, month, match.group(0)), published)


def _month_of_year(match, published, previous):
    """ "in January last year", "last year in March", "in May this year": that month of the year named."""
    if published is None:
        return None
    year = published.year - (1 if match["which"].lower() == "last" else 0)
    return _until_published(_month_span(year, month_number(match["month"]), match.group(0)), published)


def _until_published(span: TimeSpan, published: Date) -> TimeSpan:
    """A month that runs on past publication ends at it (a month still to come is left whole)."""
    if span.start and span.end and span.start <= published.isoformat() < span.end:
        span.end = published.isoformat()
    return span


def _year(match, published, previous):
    year = int(match["year"])
    end = dt.date(year, 12, 31)
    if published is not None and published.year == year:
        end = published
    return _range(dt.date(year, 1, 1), end, "year", match.group(0))


def _offset(days: int) -> Resolver:
    def resolve(match, published, previous):
        return _day(published + dt.timedelta(days=days), match.group(0)) if published else None
    return resolve


def _overnight(match, published, previous):
    return _range(published - dt.timedelta(days=1), published, "day", match.group(0)) if published else None


def _the_weekend(match, published, previous):
    """ "over the weekend": the latest Saturday-Sunday on or before publication (up to it if it is that weekend)."""
    if published is None:
        return None
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    return _range(saturday, min(published, saturday + dt.timedelta(days=1)), "day", match.group(0))


def _weekday(match, published, previous):
    """The latest such weekday on or before publication ("last": strictly before; "next": strictly after)."""
    if published is None:
        return None
    target = WEEKDAYS.index(match["weekday"])
    modifier = (match["mod"] or "").lower()
    if modifier in ("next", "this coming", "coming"):
        ahead = (target - published.weekday()) % 7 or 7
        return _day(published + dt.timedelta(days=ahead), match.group(0))
    back = (published.weekday() - target) % 7
    if modifier in ("last", "this past", "past") and back == 0:
        back = 7
    return _day(published - dt.timedelta(days=back), match.group(0))


def _past_period(match, published, previous):
    """ "over the past week", "in the last three days", "the past 48 hours": a range ending at publication."""
    if published is None:
        return None
    unit = match["unit"].lower().rstrip("s")
    number = _count(match["n"])
    days = max(1, number // 24) if unit == "hour" else number * UNIT_DAYS[unit]
    precision = {"hour": "day", "day": "day" if days < 7 else "week"}.get(unit, unit)
    return _range(published - dt.timedelta(days=days), published, precision, match.group(0))


def _recent(match, published, previous):
    if published is None:
        return None
    unit = match["unit"].lower().rstrip("s")
    days = {"day": 7, "week": 21, "month": 90}[unit]
    return _range(published - dt.timedelta(days=days), published, "week" if unit != "month" else "month",
                  match.group(0))


def _calendar(match, published, previous):
    """last/this/earlier this/next week, month, year, weekend: calendar periods around publication."""
    if published is None:
        return None
    which, unit, text = match["which"].lower(), match["unit"].lower(), match.group(0)
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit == "weekend":
        return _weekend(published, step, text)
    if unit == "week":
        start = _week_of(published) + dt.timedelta(days=7 * step)
        end, precision = start + dt.timedelta(days=6), "week"
    elif unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + step, 12)
        start = dt.date(year, month + 1, 1)
        end, precision = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1]), "month"
    else:
        start = dt.date(published.year + step, 1, 1)
        end, precision = dt.date(published.year + step, 12, 31), "year"
    if step == 0:  # this week / earlier this month: up to publication; later this month: from it
        start, end = (published, end) if which.startswith("later") else (start, published)
    return _range(start, end, precision, text)


def _weekend(published: Date, step: int, text: str) -> TimeSpan:
    """last weekend: the latest Saturday-Sunday wholly before publication; this/next: of this/next week."""
    if step < 0:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if saturday + dt.timedelta(days=1) >= published:
            saturday -= dt.timedelta(days=7)
    else:
        saturday = _week_of(published) + dt.timedelta(days=5 + 7 * step)
    return _range(saturday, saturday + dt.timedelta(days=1), "day", text)


def _ago(match, published, previous):
    """ "two days ago" is a day; "three weeks ago" a week around that day; "two months ago" that month."""
    if published is None:
        return None
    unit, number = match["unit"].lower().rstrip("s"), _count(match["n"])
    if unit == "day":
        return _day(published - dt.timedelta(days=number), match.group(0))
    if unit == "week":
        centre = published - dt.timedelta(days=7 * number)
        return _range(centre - dt.timedelta(days=3), min(published, centre + dt.timedelta(days=3)), "week",
                      match.group(0))
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 - number, 12)
        return _month_span(year, month + 1, match.group(0))
    return _range(dt.date(published.year - number, 1, 1), dt.date(published.year - number, 12, 31), "year",
                  match.group(0))


def _relative_to_previous(days: int) -> Resolver:
    """ "the same day" (0), "the next day" (1), "the day before" (-1): against the previous event's date."""
    def resolve(match, published, previous):
        if previous is not None and previous.start and previous.precision == "month" and days:
            return _shifted(previous, days, match.group(0))  # "In July, ..., and the next day ...": in July too
        if previous is None or previous.start is None or previous.precision != "day":
            return None  # (a week told before, or a guessed one, is no day: "the same day" is then unknown)
        if days == 0:
            return replace(previous, text=match.group(0))
        day = dt.date.fromisoformat(previous.start[:10]) + dt.timedelta(days=days)
        return _day(day, match.group(0))
    return resolve


def _same_stretch(match, published, previous):
    """ "the same month", "later that year": the month (or year) of the previous event's date, when it names one
    (a day, a week or a month told before; not a guessed one)."""
    if previous is None or previous.start is None or previous.precision not in ("day", "week", "month", "year"):
        return None
    start = dt.date.fromisoformat(previous.start[:10])
    if match["unit"].lower() == "month":
        if previous.precision == "year":
            return None  # (a year told before names no month)
        return _month_span(start.year, start.month, match.group(0))
    end = dt.date(start.year, 12, 31)
    return _range(dt.date(start.year, 1, 1), min(end, published) if published else end, "year", match.group(0))


def _shifted(previous: TimeSpan, days: int, text: str) -> TimeSpan:
    """The month-wide window of `previous`, `days` later: what "the next day" or "two days later" is after a month."""
    start = dt.date.fromisoformat((previous.start or "")[:10])
    end = dt.date.fromisoformat(previous.end[:10]) if previous.end else start
    shift = dt.timedelta(days=days)
    return _range(start + shift, end + shift, "month", text)


def _moved(match, previous: TimeSpan, sign: int) -> TimeSpan:
    """The previous event's day or month moved by the match's amount, forward (`sign` 1) or back (-1): a day from a
    day, a month from a month."""
    unit, number = match["unit"].lower().rstrip("s"), sign * _count(match["n"])
    start = dt.date.fromisoformat((previous.start or "")[:10])
    if unit in ("month", "year"):
        year, month = divmod(start.year * 12 + start.month - 1 + number * (12 if unit == "year" else 1), 12)
        return _month_span(year, month + 1, match.group(0))
    if previous.precision == "day":
        return _day(start + dt.timedelta(days=number * UNIT_DAYS[unit]), match.group(0))
    return _shifted(previous, number * UNIT_DAYS[unit], match.group(0))  # (a month told before: the same stretch)


def _from_previous(previous: TimeSpan | None) -> bool:
    return previous is not None and bool(previous.start) and previous.precision in ("day", "month")


def _later(match, published, previous):
    """ "two days later", "a week later", "seven months later": after the event told before, by that much (a day
    after a day, the month after a month); None when nothing dated was told before, or it would fall after
    publication."""
    if not _from_previous(previous):
        return None
    found = _moved(match, previous, 1)
    return found if published is None or found.start <= published.isoformat() else None


def _earlier(match, published, previous):
    """ "a week earlier", "two days earlier": before the event told just before, by that much, when it has a day or
    a month ("CONAIE began a strike on Sept. 22. The government had declared a state of emergency a week
    earlier."); else before publication, as "ago"."""
    return _moved(match, previous, -1) if _from_previous(previous) else _ago(match, published, previous)


def _that_day(match, published, previous):
    """ "earlier in the day": the day of the event told just before, when it has one (a crowd "had marched earlier
    in the day" before it stormed an embassy on Sunday); else the day of publication."""
    if previous is not None and previous.start is not None and previous.precision == "day":
        return replace(previous, text=match.group(0))
    return _offset(0)(match, published, previous)


def _iso(match, published, previous):
    found = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return _day(found, match.group(0)) if found else None


_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of|several)"
_WEEKDAY = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
# a date that names a place or a body ("6th of October City", "26th of July Street", "the March 8 Square"), no day
_NAMED = (r"\b(?!\.?\s+(?:City|Street|Square|Bridge|Avenue|Road|Stadium|Hospital|University|Movement|Brigade|"
          r"District)\b)")
# Case-sensitive where a capital carries the meaning ("May", "March", "Sunday"); (?i:...) elsewhere.
RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple((re.compile(p), r) for p, r in (
    (r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b", _iso),
    (rf"\b(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?{_NAMED}",
     _explicit_day),
    (rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
     rf"{_NAMED}", _explicit_day),
    (rf"\b(?P<month>{MONTH}),?\s+(?P<year>(?:19|20)\d\d)\b", _month_year),
    (r"(?i:\b(?:in\s+)?)(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
     r"December)(?i:\s+(?:of\s+)?(?P<which>last|this)\s+year)\b", _month_of_year),
    (r"(?i:\b(?P<which>last|this)\s+year\s+in\s+)(?P<month>January|February|March|April|May|June|July|August|"
     r"September|October|November|December)\b", _month_of_year),
    (r"(?i:\b(?:in|since|during|throughout|until|by|early|late|mid-?|earlier in|later in)\s+(?:early\s+|late\s+|"
     r"mid-?)?)(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
     r"\b(?!,?\s+\d)" + _NAMED, _month_only),
    (r"\b(?P<month>January|February|April|June|July|August|September|October|November|December)\b(?!,?\s+\d)"
     + _NAMED, _month_only),
    (r"(?i:\b(?:in|since|during|throughout|early|late|mid-?)\s+)(?P<year>(?:19|20)\d\d)\b(?![-/]\d)", _year),
    (r"(?i:\b(?:the\s+)?day\s+before\s+yesterday\b)", _offset(-2)),
    (r"(?i:\byesterday\b|\blast\s+night\b)", _offset(-1)),
    (r"(?i:\b(?:earlier\s+|later\s+)?today\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b)", _offset(0)),
    (r"(?i:\b(?:earlier|later)\s+in\s+the\s+day\b|\b(?:in|during)\s+the\s+(?:morning|afternoon|evening)\b)",
     _that_day),
    (r"(?i:\btomorrow\b)", _offset(1)),
    (r"(?i:\bovernight\b)", _overnight),
    (r"(?i:\b(?:over|during|at|on|through|this\s+past)\s+the\s+weekend\b|\bthis\s+past\s+weekend\b)", _the_weekend),
    (rf"(?:\b(?P<mod>(?i:last|this\s+past|this\s+coming|coming|next|past|this|on|early|late|by|until))\s+)?"
     rf"(?P<weekday>{_WEEKDAY})s?\b{_PART}", _weekday),
    (rf"(?i:\b(?:(?:over|in|during|within|throughout|for)\s+)?(?:the\s+|this\s+)(?:past|last|previous)\s+"
     rf"(?:{_N}\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b)", _past_period),
    (r"(?i:\b(?:in|over|during)\s+recent\s+(?P<unit>days|weeks|months)\b)", _recent),
    (r"(?i:\b(?P<which>last|this|next|earlier\s+this|later\s+this)\s+(?P<unit>weekend|week|month|year)\b)",
     _calendar),
    (rf"(?i:\b{_N}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b)", _ago),
    (rf"(?i:\b{_N}\s+(?P<unit>days?|weeks?|months?|years?)\s+earlier\b)", _earlier),
    (rf"(?i:\b{_N}\s+(?P<unit>days?|weeks?|months?|years?)\s+later\b)", _later),
    (r"(?i:\b(?:the\s+same|that|the\s+very\s+same)\s+(?:day|night|morning|afternoon|evening)\b|"
     r"\bhours\s+(?:later|earlier)\b)", _relative_to_previous(0)),
    (r"(?i:\b(?:the\s+)?(?:next|following)\s+day\b|\ba\s+day\s+later\b)", _relative_to_previous(1)),
    (r"(?i:\b(?:the\s+same|that)\s+(?P<unit>month|year)\b)", _same_stretch),
    (r"(?i:\bthe\s+(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b|\ba\s+day\s+earlier\b)",
     _relative_to_previous(-1)),
))


# -------------------------------------------------------------------------------------------------- resolving
@dataclass
class Candidate:
    start: int
    end: int
    text: str
    resolve: Callable[[], TimeSpan | None]


def find_expressions(sentence: str, published: Date | None = None, previous: TimeSpan | None = None
                     ) -> list[Candidate]:
    """The time expressions our rules know in a sentence, in order, longest first where they overlap."""
    found = []
    for pattern, resolver in RULES:
        for match in pattern.finditer(sentence):
            found.append(Candidate(match.start(), match.end(), match.group(0),
                                   lambda m=match, r=resolver: r(m, published, previous)))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in found:
        if not any(cand.start < k.end and k.start < cand.end for k in kept):
            kept.append(cand)
    return kept


def resolve_date(sentence: str, published: Date | None, *, expressions: list[str] | None = None,
                 previous: TimeSpan | None = None) -> TimeSpan:
    """The date of the event a sentence tells, anchored on `published`.

    `expressions` are the DATE entities a parser found in the sentence; our own rules scan the sentence anyway and
    the entities add what the rules miss (read with dateparser). `previous` is the date of the article's previous
    event ("the same day"). A date the sentence gives as when something was *said* is used only when it gives no
    other, and then as the end of a `reported` window. No usable expression → kind `reported` (the week before
    publication), or `unresolved` without one.
    """
    candidates = _without_ends(_candidates(sentence, published, previous, expressions or []), sentence)
    candidates = _without_named_weekdays(candidates)
    said = [c for c in candidates if REPORTING.search(sentence[:c.start])]
    for cand in [c for c in candidates if c not in said]:
        span = cand.resolve()
        if span is not None:
            return _since(span, cand, sentence, published)
    for cand in said:
        span = cand.resolve()
        if span is not None and span.end:
            return said_by(span)
    if published is None and candidates:
        return TimeSpan(kind="unresolved", text=candidates[0].text)
    return reported_window(published)


def _candidates(sentence: str, published: Date | None, previous: TimeSpan | None, expressions: list[str]
                ) -> list[Candidate]:
    """Our rules' expressions plus the parser's that they missed, in order; a dateline's date is dropped."""
    candidates = find_expressions(sentence, published, previous)
    for text in expressions:
        at = sentence.find(text) if text.strip() else -1
        if at < 0 or any(at < c.end and c.start < at + len(text) for c in candidates):
            continue
        candidates.append(Candidate(at, at + len(text), text, lambda t=text: _dateparser(t, published)))
    candidates.sort(key=lambda c: c.start)
    return [c for c in candidates if not DATELINE_BEFORE.match(sentence[:c.start])]


def _without_ends(candidates: list[Candidate], sentence: str) -> list[Candidate]:
    """ "Suspended its services until Monday": when a stretch ends is not when it began, unless the sentence says
    both ("from Friday until Sunday")."""
    ends = [c for c in candidates if _led_by(c, sentence, ("until", "till"))]
    if not ends or any(_led_by(c, sentence, ("from", "since")) for c in candidates):
        return candidates
    return [c for c in candidates if c not in ends]


def _without_named_weekdays(candidates: list[Candidate]) -> list[Candidate]:
    """ "After Friday prayers on Sept. 30, 2022": a weekday that an explicit date in the same sentence falls on
    names that date, not the latest such weekday before publication."""
    weekdays = {c.start: WEEKDAYS.index(m[0]) for c in candidates if (m := WEEKDAY_WORD.search(c.text))}
    if not weekdays:
        return candidates
    spans = [c.resolve() for c in candidates if c.start not in weekdays and EXPLICIT_DAY.search(c.text)]
    named = {dt.date.fromisoformat(s.start[:10]).weekday() for s in spans if s and s.precision == "day" and s.start}
    return [c for c in candidates if weekdays.get(c.start, -1) not in named]


def _led_by(cand: Candidate, sentence: str, words: tuple[str, ...]) -> bool:
    """The expression begins with one of `words`, or follows one ("until Monday")."""
    first = cand.text.split(maxsplit=1)[0].lower() if cand.text.strip() else ""
    before = sentence[:cand.start].split()
    return first in words or bool(before) and before[-1].lower() in words


def _since(span: TimeSpan, cand: Candidate, sentence: str, published: Date | None) -> TimeSpan:
    """ "since Oct. 17", "since 2019": from that date up to publication."""
    inside = cand.text.lower().startswith("since ")
    if not (inside or SINCE.search(sentence[:cand.start])) or published is None \
            or span.start > published.isoformat():
        return span
    text = cand.text if inside else sentence[sentence.lower().rfind("since", 0, cand.start):cand.end]
    return _range(dt.date.fromisoformat(span.start), published, span.precision or "day", text)


def said_by(span: TimeSpan) -> TimeSpan:
    """ "X did Y, officials said on Thursday": Y happened on or before Thursday — a `reported` window ending then,
    like the publication-date window (a statement that is itself the event still falls inside it)."""
    end = dt.date.fromisoformat(span.end[:10])
    start = end - dt.timedelta(days=REPORTED_DAYS)
    return TimeSpan(start=start.isoformat(), end=end.isoformat(), precision="week", kind="reported", text=span.text)


# Words that make an entity worth handing to dateparser: it reads almost anything as a date otherwise.
_DATEPARSER_WORTHY = re.compile(rf"\d{{1,4}}[/.-]\d{{1,2}}|{MONTH}\b")
_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}


def _dateparser(text: str, published: Date | None) -> TimeSpan | None:
    """An explicit date our rules do not know ("10/18/2023", "the 18th of Oct"), read by dateparser."""
    if not _DATEPARSER_WORTHY.search(text):
        return None  # "21-year-old", "the 1980s", "decades" ... are not dates of an event
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time(12)) if published else None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"] if published is None else []}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    day, period = data.date_obj.date(), _PERIODS.get(data.period or "day", "day")
    if period == "month":
        return _month_span(day.year, day.month, text)
    if period == "year":
        return _range(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year", text)
    if period == "week":
        return _range(_week_of(day), _week_of(day) + dt.timedelta(days=6), "week", text)
    return _day(day, text)
