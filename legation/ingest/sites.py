"""Sites from CSV or GeoJSON, and back out again (export → import round-trips).

CSV columns: id, name, kind, sending_state, host_country, lat, lon (required); city, radius_km, posture (measures,
";"-separated), contacts (";"-separated), approximate (true/false), notes. GeoJSON: a FeatureCollection of Points
whose properties carry the same fields.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from legation.domain.errors import InputError
from legation.domain.sites import Site
from legation.ingest.base import ReadResult, Reject, read_text
from legation.resolve.gazetteer import is_alpha3

REQUIRED = ("id", "name", "kind", "sending_state", "host_country", "lat", "lon")
COLUMNS = REQUIRED[:5] + ("city", "lat", "lon", "radius_km", "posture", "contacts", "approximate", "notes")
# Sending "states" that are organisations: ISO 3166's reserved EU code, and codes for the UN and NATO.
ORGANISATIONS = {"EUU": "European Union", "UNO": "United Nations", "NAT": "NATO"}
_TRUE, _FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}


def country_code(value: str, *, organisations: bool = False) -> str:
    code = (value or "").strip().upper()
    if organisations and code in ORGANISATIONS:
        return code
    if len(code) != 3 or not is_alpha3(code):
        raise ValueError(f"unknown ISO 3166 alpha-3 country code {value!r}")
    return code


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _float(value: Any, column: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{column} is not a number: {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{column} is not a finite number: {value!r}")
    return number


def site_from_fields(fields: dict[str, Any]) -> Site:
    """One site from a row's fields; `ValueError`/`InputError` naming the problem."""
    missing = [c for c in REQUIRED if fields.get(c) in (None, "")]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    approximate = str(fields.get("approximate", "") or "").strip().lower()
    if isinstance(fields.get("approximate"), bool):
        approximate = "true" if fields["approximate"] else "false"
    if approximate not in _TRUE | _FALSE:
        raise ValueError(f"approximate must be true or false, not {fields.get('approximate')!r}")
    radius = fields.get("radius_km")
    return Site(
        id=str(fields["id"]).strip(), name=str(fields["name"]).strip(), kind=str(fields["kind"]).strip(),
        sending_state=country_code(str(fields["sending_state"]), organisations=True),
        host_country=country_code(str(fields["host_country"])),
        city=(str(fields.get("city") or "").strip() or None),
        lat=_float(fields["lat"], "lat"), lon=_float(fields["lon"], "lon"),
        radius_km=_float(radius, "radius_km") if radius not in (None, "") else None,
        posture=_list(fields.get("posture")), contacts=_list(fields.get("contacts")),
        approximate=approximate in _TRUE, notes=(str(fields.get("notes") or "").strip() or None),
    )


def _check_duplicates(pairs: list[tuple[int, Site]], source: str, rejects: list[Reject]) -> list[Site]:
    seen: dict[str, int] = {}
    kept = []
    for where, site in pairs:
        if site.id in seen:
            rejects.append(Reject(source, where, "id", f"duplicate id {site.id!r} (first at {seen[site.id]})"))
        else:
            seen[site.id] = where
            kept.append(site)
    return kept


def read_sites_csv(path: Path, text: str) -> ReadResult[Site]:
    source = str(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{source}:1: missing columns: {', '.join(missing)}")
    reader.fieldnames = header
    pairs, rejects, read = [], [], 0
    for row in reader:
        read += 1
        line = reader.line_num
        if None in row:
            rejects.append(Reject(source, line, None, f"{len(header) + len(row[None])} fields, "
                                                      f"the header has {len(header)}"))
            continue
        try:
            pairs.append((line, site_from_fields(row)))
        except (ValueError, InputError) as err:
            rejects.append(Reject(source, line, _column_of(str(err)), str(err)))
    return ReadResult(_check_duplicates(pairs, source, rejects), rejects, read)


def read_sites_geojson(path: Path, text: str) -> ReadResult[Site]:
    source = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{source}:{err.lineno}: not valid JSON ({err.msg})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise InputError(f"{source}: not a GeoJSON FeatureCollection")
    pairs, rejects = [], []
    for index, feature in enumerate(data["features"]):
        where = f"feature {index}"
        try:
            geometry = (feature or {}).get("geometry") or {}
            if geometry.get("type") != "Point" or not isinstance(geometry.get("coordinates"), list) or len(
                    geometry["coordinates"]) < 2:
                raise ValueError("geometry must be a Point with [lon, lat]")
            props = dict(feature.get("properties") or {})
            props["lon"], props["lat"] = geometry["coordinates"][:2]
            props.setdefault("id", feature.get("id"))
            pairs.append((index, site_from_fields(props)))
        except (ValueError, InputError, AttributeError, TypeError) as err:
            rejects.append(Reject(source, index, where, str(err)))
    return ReadResult(_check_duplicates(pairs, source, rejects), rejects, len(data["features"]))


def read_sites(path: str | Path) -> ReadResult[Site]:
    """Sites from a .csv, .geojson or .json file; every bad row is a Reject with its line or feature index."""
    path = Path(path)
    text = read_text(path)
    if not text.strip():
        raise InputError(f"{path}: empty file")
    if path.suffix.lower() in (".geojson", ".json") or text.lstrip().startswith("{"):
        return read_sites_geojson(path, text)
    return read_sites_csv(path, text)


def _column_of(message: str) -> str | None:
    for column in COLUMNS:
        if message.startswith(column) or f" {column}" in message.split(":")[0]:
            return column
    for word, column in (("latitude", "lat"), ("longitude", "lon"), ("site kind", "kind"), ("measure", "posture"),
                         ("country code", None)):
        if word in message:
            return column
    return None


def sites_to_csv(sites: list[Site]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in sites:
        writer.writerow([s.id, s.name, s.kind, s.sending_state, s.host_country, s.city or "", s.lat, s.lon,
                         s.radius_km, ";".join(s.posture), ";".join(s.contacts), str(s.approximate).lower(),
                         s.notes or ""])
    return buffer.getvalue()


def sites_to_geojson(sites: list[Site]) -> dict[str, Any]:
    features = []
    for s in sites:
        props = {k: v for k, v in s.to_dict().items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": s.id, "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def example_sites_path() -> Path:
    """The example sites that ship with Legation: what an operations room in Iraq would watch."""
    return Path(__file__).with_name("data") / "example_sites.csv"
