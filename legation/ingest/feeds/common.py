"""What the three feed readers share: opening a file (plain, .gz, .zip or `-` for stdin) as a text stream, the
records and rejects they yield, and small field parsers that say what is wrong with a value.

A reader is a generator over a text stream: for each data row it yields either a `FeedRecord` (an event record in
the spec's JSON shape, with its event id and the feed's own id of the row) or a `Reject` (line, column, reason).
Nothing is held beyond the current row, so memory stays flat in the size of the file.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import functools
import gzip
import hashlib
import io
import itertools
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from legation.domain.errors import InputError
from legation.domain.ids import NAMESPACE
from legation.domain.ontology import PARTY_KINDS
from legation.domain.records import Event, Evidence, Party, Place, TimeSpan
from legation.ingest.base import Reject, file_size

DATA = Path(__file__).with_name("data")
MISSING = frozenset({"", "NA", "N/A", "NULL", "null", "NaN", "nan", "None"})  # how R, SQL and pandas write "none"
MISSING_CELLS = (MISSING | {f" {m}" for m in MISSING} | {f"{m} " for m in MISSING}) - {"", " "}  # cells to blank
FEED_CONFIDENCE = 0.9  # a coded event from an analysts' dataset (GDELT's machine coding: 0.5)


@dataclass(slots=True)
class FeedRecord:
    """One feed row, ready to store: the event it belongs to, the feed's own id of the row, and the event record
    (the spec's JSON shape) — or, for a GDELT row reporting an event already read, only what it adds."""

    line: int
    event_id: str
    row_id: str
    record: Any


class BadField(ValueError):
    """A bad value in one column of a row: becomes a `Reject` with that column."""

    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


@dataclass
class Opened:
    """An open feed: its text stream, a name for messages and evidence, and a way to tell how far it has read."""

    stream: IO[str]
    name: str
    size: int | None
    raw: IO[bytes] | None

    def position(self) -> int | None:
        """Bytes of the file read so far (compressed bytes for .gz/.zip), for the progress bar."""
        try:
            return self.raw.tell() if self.raw is not None else None
        except (OSError, ValueError):
            return None


@contextlib.contextmanager
def open_feed(path: str | Path) -> Iterator[Opened]:
    """Open a feed file as UTF-8 text (a BOM is dropped): `-` is standard input (plain or gzip); .gz and .zip are
    unpacked as read."""
    if str(path) == "-":
        binary: IO[bytes] = sys.stdin.buffer
        if hasattr(binary, "peek") and binary.peek(2)[:2] == b"\x1f\x8b":  # gzip on a pipe
            binary = gzip.GzipFile(fileobj=binary, mode="rb")
        yield Opened(io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""), "stdin", None, None)
        return
    path = Path(path)
    size = file_size(path)
    with open(path, "rb") as raw:
        if path.suffix.lower() == ".gz":
            binary = gzip.GzipFile(fileobj=raw, mode="rb")
        elif path.suffix.lower() == ".zip":
            binary = _zip_member(raw, path)
        else:
            binary = raw
        stream = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        try:
            yield Opened(stream, str(path), size, raw)
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not UTF-8 ({err.reason} at byte {err.start} of a block)") from None
        except (gzip.BadGzipFile, EOFError, zipfile.BadZipFile) as err:
            raise InputError(f"{path}: damaged compressed file ({err})") from None


def _zip_member(raw: IO[bytes], path: Path) -> IO[bytes]:
    try:
        archive = zipfile.ZipFile(raw)
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not a zip file") from None
    members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX")]
    if len(members) != 1:
        raise InputError(f"{path}: a zip must hold exactly one data file (it holds {len(members)})")
    return archive.open(members[0])


def text(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value in MISSING else value


def number(value: str, column: str, *, required: bool = False) -> float | None:
    value = value.strip()
    if not value:
        if required:
            raise BadField(column, "is empty")
        return None
    try:
        result = float(value)
    except ValueError:
        raise BadField(column, f"is not a number: {value!r}") from None
    if result != result or result in (float("inf"), float("-inf")):
        raise BadField(column, f"is not a finite number: {value!r}")
    return result


@functools.lru_cache(maxsize=4096)  # counts and codes repeat down a file: each is parsed once
def integer(value: str, column: str, *, required: bool = False) -> int | None:
    result = number(value, column, required=required)
    if result is None:
        return None
    if result != int(result):
        raise BadField(column, f"is not a whole number: {value!r}")
    return int(result)


def coordinates(lat: str, lon: str, lat_col: str, lon_col: str) -> tuple[float | None, float | None]:
    """(lat, lon) in range, or (None, None) when both are empty; never 0,0 for unknown."""
    y, x = number(lat, lat_col), number(lon, lon_col)
    if (y is None) != (x is None):
        raise BadField(lat_col if y is None else lon_col, "one coordinate is given without the other")
    if y is not None and not -90 <= y <= 90:
        raise BadField(lat_col, f"latitude out of range: {lat!r}")
    if x is not None and not -180 <= x <= 180:
        raise BadField(lon_col, f"longitude out of range: {lon!r}")
    return y, x


def iso_date(value: str, column: str) -> str:
    """YYYY-MM-DD from YYYY-MM-DD, YYYYMMDD or "18 October 2023" (older ACLED exports)."""
    return _iso_date(value.strip(), column)


@functools.lru_cache(maxsize=8192)  # a file's dates repeat: each is parsed once (a bad one raises each time)
def _iso_date(value: str, column: str) -> str:
    if not value:
        raise BadField(column, "is empty")
    if len(value) > 10 and value[10] in " T" and value[4] == "-":  # "2023-10-18 00:00:00.000" (GED on HDX)
        value = value[:10]
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d %B %Y", "%d-%B-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise BadField(column, f"is not a date: {value!r}")


def shift(date: str, days: int) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


def reject(source: str, line: int, err: Exception) -> Reject:
    if isinstance(err, BadField):
        return Reject(source, line, err.column, err.reason)
    return Reject(source, line, None, str(getattr(err, "message", None) or err))


DELIMITERS = (",", ";", "\t")


@dataclass(slots=True)
class Notice:
    """Something a user should know about a whole file (columns it lacks, a layout it guessed): not a row."""

    text: str


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: whichever of `,` `;` tab splits it into the most fields (`,` on a tie)."""
    return max(DELIMITERS, key=lambda d: (line.count(d), d == ","))


def csv_rows(stream: Iterable[str], name: str, required: tuple[str, ...], *, skip_tag_row: bool = False,
             aliases: dict[str, str] | None = None, wanted: tuple[str, ...] = ()
             ) -> Iterator[tuple[int, dict[str, str]] | Reject | Notice]:
    """Rows of a CSV with a header as (first line of the row, {column: value}), or a `Reject` for a row of the
    wrong width. The delimiter (`,` `;` tab) is detected from the header, header names are matched whatever
    their case (`aliases` maps older names to today's), and `NA`/`NULL`/`NaN` cells read as empty, never as a name.
    A header missing a required column is one `InputError` naming what is missing (and the delimiter read); a
    `Notice` names, in one line, the `wanted` columns the file does not have."""
    lines = iter(stream)
    first = next(lines, "")
    if not first.strip():
        raise InputError(f"{name}: empty file (want a header row)")
    delimiter = sniff_delimiter(first)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    aliases = aliases or {}
    header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    header = [aliases.get(h, h) for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        shown = {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
        raise InputError(f"{name}: missing column(s) {', '.join(missing)} in the header (read as {shown}-separated "
                         f"with {len(header)} column(s): {', '.join(header[:8])}{', ...' if len(header) > 8 else ''})")
    absent = [c for c in wanted if c not in header]
    if absent:
        yield Notice(f"{name}: no column(s) {', '.join(absent)}; read without them")
    width, last_line = len(header), reader.line_num
    for cells in reader:
        line, last_line = last_line + 1, reader.line_num
        if skip_tag_row and line == 2 and any(c.startswith("#") for c in cells):
            continue  # HXL tag row (#date+year, ...): a second header, not data
        if not cells or (not cells[0].strip() and not "".join(cells).strip()):
            continue  # blank line (a first cell with text settles it at once)
        if len(cells) != width:
            yield Reject(name, line, None, f"has {len(cells)} fields, the header has {width}")
            continue
        if not MISSING_CELLS.isdisjoint(cells):  # a C-speed test; rows without NA/NULL are built as they are
            cells = ["" if c.strip() in MISSING else c for c in cells]
        yield line, dict(zip(header, cells, strict=True))  # widths checked just above


def read_csv_feed(stream: Iterable[str], name: str, required: tuple[str, ...], id_column: str,
                  row_record: Callable[[dict[str, str], int, str, str], dict], *, skip_tag_row: bool = False,
                  aliases: dict[str, str] | None = None, wanted: tuple[str, ...] = (),
                  rows: Iterator[tuple[int, dict[str, str]] | Reject | Notice] | None = None
                  ) -> Iterator[FeedRecord | Reject | Notice]:
    """The rows of a CSV feed with a header (ACLED, UCDP) as records or rejects (line, column, reason):
    `row_record(row, line, doc, file)` makes each row's event record or raises `BadField`. `rows` replaces the
    CSV reading (ACLED's JSON pages give the same rows)."""
    doc = doc_name(name)
    if rows is None:
        rows = csv_rows(stream, name, required, skip_tag_row=skip_tag_row, aliases=aliases, wanted=wanted)
    for item in rows:
        if isinstance(item, (Reject, Notice)):
            yield item
            continue
        line, row = item
        try:
            record = row_record(row, line, doc, name)
        except BadField as err:
            yield reject(name, line, err)
            continue
        yield FeedRecord(line, record["id"], row[id_column].strip(), record)


def row_id(row: dict[str, str], column: str) -> str:
    """The feed's own id of a row (checked first: without it the row cannot be found again)."""
    native = text(row[column])
    if native is None:
        raise BadField(column, "is empty")
    return native


_NAMESPACE = NAMESPACE.bytes
# Every field of the nested records with its default, so a row's record has the shape `Event.to_dict` gives.
_PARTY, _PLACE = dataclasses.asdict(Party(text="")), dataclasses.asdict(Place())
_DATE, _EVIDENCE = dataclasses.asdict(TimeSpan()), dataclasses.asdict(Evidence())
_EVENT = {**{f.name: f.default for f in dataclasses.fields(Event) if f.default is not dataclasses.MISSING},
          "mode": [], "context": [], "claimed_by": []}
_EVENT.pop("extra", None)


def fast_id(kind: str, *parts: str) -> str:
    """`stable_id(kind, *parts)` for parts that are already stripped strings, without building a UUID object."""
    name = f"{kind}\x1e{chr(31).join(parts)}".encode()
    h = hashlib.sha1(_NAMESPACE + name).hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]  # RFC 4122: the top two bits of byte 8 are 10
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"  # 5: the version nibble


def party(text: str, kind: str = "unknown") -> dict[str, Any]:
    """A party as written in a feed (kind from the feed's codes, checked against the spec's kinds)."""
    if kind not in PARTY_KINDS:
        raise BadField("row", f"unknown party kind {kind!r}")
    return {**_PARTY, "text": text, "name": text, "kind": kind}


def feed_record(source: str, native: str, *, doc: str, type: str, mode: list[str], actors: list[dict],
                recipients: list[dict], place: dict, date: dict, fatalities: int | None, evidence: dict,
                confidence: float, source_codes: dict) -> dict[str, Any]:
    """The record (the spec's JSON shape, as `Event.to_dict` gives it) of one row of a CSV feed, built straight
    from checked values: its id derived from the row's own id (so a re-import finds it). The callers check what
    `Event` would (type and modes by their tables, coordinates, dates); a test holds every fixture row's record
    equal to its `Event`'s."""
    if not 0.0 <= confidence <= 1.0:
        raise BadField("row", f"confidence must be within 0..1, not {confidence}")
    return {**_EVENT, "context": [], "claimed_by": [], "doc": doc, "type": type, "mode": mode, "actors": actors,
            "recipients": recipients,
            "location": {**_PLACE, **place}, "date": {**_DATE, **date}, "fatalities": fatalities,
            "evidence": {**_EVIDENCE, **evidence}, "confidence": round(confidence, 3), "source": source,
            "source_codes": source_codes, "id": fast_id("event", source, native)}


@dataclass(frozen=True, slots=True)
class Precision:
    """What a feed's precision code means (`data/feed_precision.csv`): the place precision stored, the radius (km)
    the event may lie within around its point (None: not placed closer than its precision says), and a factor on
    the event's confidence."""

    precision: str | None
    radius_km: float | None
    confidence: float


@functools.cache
def precision_codes(feed: str, column: str) -> dict[int, Precision]:
    """{code: Precision} of one feed's precision column, from the data file."""
    table: dict[int, Precision] = {}
    with open(DATA / "feed_precision.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            if row["feed"] == feed and row["column"] == column:
                table[int(row["code"])] = Precision(row["precision"] or None,
                                                    float(row["radius_km"]) if row["radius_km"] else None,
                                                    float(row["confidence"]))
    return table


def coded(value: str, column: str, table: dict[int, Precision]) -> tuple[int, Precision]:
    """A precision code of a row (whole numbers written as floats too: '2.0'), checked against its table."""
    key = (id(table), value)  # the tables live as long as the process (`precision_codes` is cached)
    found = _CODED.get(key)
    if found is None:
        code = integer(value, column, required=True)
        if code not in table:
            known = sorted(table)
            raise BadField(column, f"must be {', '.join(map(str, known[:-1]))} or {known[-1]}, not {value!r}")
        found = (code, table[code])
        if len(_CODED) < 4096:
            _CODED[key] = found
    return found


_CODED: dict[tuple[int, str], tuple[int, Precision]] = {}


def doc_name(name: str) -> str:
    """The `doc` of a feed's events: the file's name without folders and data/compression suffixes."""
    doc = name.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in (".gz", ".zip", ".CSV", ".csv", ".tsv", ".txt"):
        doc = doc.removesuffix(suffix)
    return doc


@functools.lru_cache(maxsize=4096)
def country_alpha3(numeric: str | None = None, name: str | None = None) -> str | None:
    """ISO alpha-3 from an ISO numeric code or a country name (pycountry), None if neither is known."""
    import pycountry

    if numeric and numeric.strip().isdigit():
        found = pycountry.countries.get(numeric=f"{int(numeric):03d}")
        if found is not None:
            return found.alpha_3
    if name:
        try:
            return pycountry.countries.lookup(name.strip()).alpha_3
        except LookupError:
            return None
    return None
