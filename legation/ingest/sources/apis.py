"""GDELT's 15-minute update list, and the ACLED and UCDP APIs: what to ask for, and their answers as the text the
`legation import` readers take (a zipped export; ACLED's JSON page as it came; UCDP's rows as CSV with a header)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from legation.domain.errors import InputError
from legation.ingest.sources.fetch import FetchError

# ------------------------------------------------------------------------------------------------------- GDELT


@dataclass
class Export:
    url: str
    size: int | None
    md5: str | None

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]


def gdelt_exports(body: str, url: str) -> list[Export]:
    """The events exports (`*.export.CSV.zip`) named in a `lastupdate.txt` (lines of `size md5 url`)."""
    found = []
    for line in body.splitlines():
        parts = line.split()
        if not parts:
            continue
        link = parts[-1]
        if not link.lower().endswith(".export.csv.zip"):
            continue
        size = int(parts[0]) if len(parts) == 3 and parts[0].isdigit() else None
        md5 = parts[1].lower() if len(parts) == 3 else None
        found.append(Export(link, size, md5))
    if not found and not body.strip():
        raise FetchError(f"{url}: an empty update list")
    if not found:
        raise FetchError(f"{url}: no events export in the update list (want lines of `size md5 URL.export.CSV.zip`)")
    return found


SLOT = dt.timedelta(minutes=15)
MAX_BACKFILL = 96  # a day of exports missed (the watch stopped, the source backed off) is fetched; older ones not
EXPORT_STAMP = re.compile(r"(?:^|/)(\d{14})\.export\.csv(\.zip)?$", re.IGNORECASE)


def export_time(name: str) -> dt.datetime | None:
    """The quarter hour a GDELT export's file name (or URL) gives, YYYYMMDDHHMMSS.export.CSV[.zip]; None for
    anything else."""
    found = EXPORT_STAMP.search(name)
    if not found:
        return None
    try:
        return dt.datetime.strptime(found.group(1), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def gdelt_backlog(exports: list[Export], last_url: str | None, most: int = MAX_BACKFILL) -> list[Export]:
    """The exports to fetch, oldest first: those of the 15-minute slots after the last one imported (`last_url`)
    that the list no longer names (their URLs follow the list's own pattern; at most `most` of them, the latest),
    then the listed ones."""
    latest = exports[-1]
    until, since = export_time(latest.url), export_time(last_url) if last_url else None
    missed: list[Export] = []
    if until is not None and since is not None:
        prefix = latest.url[:EXPORT_STAMP.search(latest.url).start(1)]  # type: ignore[union-attr]
        slot = max(since + SLOT, until - SLOT * most)
        while slot < until:
            missed.append(Export(f"{prefix}{slot:%Y%m%d%H%M%S}.export.CSV.zip", None, None))
            slot += SLOT
    listed = {e.url for e in exports}
    return [e for e in missed if e.url not in listed] + exports


def check_export(export: Export, body: bytes) -> None:
    """A download that is not what the list announced (cut short, damaged) is a `FetchError`: fetched again later."""
    if export.size is not None and len(body) != export.size:
        raise FetchError(f"{export.url}: {len(body):,} bytes where the update list says {export.size:,} (cut short?)")
    if export.md5 and hashlib.md5(body, usedforsecurity=False).hexdigest() != export.md5:
        raise FetchError(f"{export.url}: its MD5 is not the one in the update list (damaged download)")


# --------------------------------------------------------------------------------------------------- ACLED, UCDP


def api_key(env_name: str | None) -> str | None:
    """The key kept in the named environment variable (never stored in the database)."""
    if not env_name:
        return None
    value = os.environ.get(env_name, "").strip()
    if not value:
        raise InputError(f"the environment variable {env_name} (this source's key) is not set")
    return value


def json_body(body: bytes, url: str) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise FetchError(f"{url}: the answer is not JSON ({err})") from None


def acled_page(answer: Any, url: str) -> list[dict]:
    """The rows of one page of the ACLED API (`{"success": true, "data": [...]}`)."""
    if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
        raise FetchError(f"{url}: not an ACLED API answer (no \"data\" list)")
    if answer.get("success") is False or (isinstance(answer.get("status"), int) and answer["status"] >= 400):
        error = answer.get("error") or answer.get("message") or "refused"
        raise FetchError(f"{url}: the ACLED API said: {json.dumps(error)[:200]}")
    return [r for r in answer["data"] if isinstance(r, dict)]


def ucdp_page(answer: Any, url: str) -> tuple[list[dict], str | None]:
    """The rows of one page of the UCDP GED API and the next page's URL (`Result`, `NextPageUrl`)."""
    if not isinstance(answer, dict) or not isinstance(answer.get("Result"), list):
        raise FetchError(f"{url}: not a UCDP API answer (no \"Result\" list)")
    return [r for r in answer["Result"] if isinstance(r, dict)], (answer.get("NextPageUrl") or None)


def rows_as_csv(rows: list[dict], columns: tuple[str, ...] = ()) -> str:
    """API rows as the CSV (header, then rows) the feed readers take: `columns` first, then any others."""
    names = list(columns)
    for row in rows:
        names += [k for k in row if k not in names]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, restval="", extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else (v if isinstance(v, str) else json.dumps(v) if isinstance(
            v, (list, dict)) else str(v)) for k, v in row.items()})
    return out.getvalue()
