"""CAMEO event codes → PLOVER type and modes.

Legation ships its own table (`data/cameo_plover.csv`: root codes 01–20 and the sub-codes whose mode matters), so
GDELT imports work with nothing else present. A user may instead give the public CAMEO-to-PLOVER conversion table
(`--cameo-map PATH`, or LEGATION_CAMEO_MAP): it is read at run time, never copied. Either way a code is looked up
by its longest listed prefix, and modes the ontology does not allow for that type are dropped, not invented.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from legation.domain.errors import InputError
from legation.domain.ontology import MODES, allowed_modes
from legation.ingest.feeds.common import DATA

OWN_TABLE = DATA / "cameo_plover.csv"


@dataclass(frozen=True, slots=True)
class Mapped:
    type: str | None  # None: CAMEO has no PLOVER counterpart for this code
    mode: tuple[str, ...]


class CameoMap:
    """Code → `Mapped`, by longest listed prefix; results are cached per code (GDELT repeats codes endlessly)."""

    def __init__(self, table: dict[str, Mapped], origin: str):
        self.table, self.origin = table, origin
        self._cache: dict[str, Mapped | None] = {}

    def lookup(self, code: str) -> Mapped | None:
        """The mapping of a code, or None when not even its root is listed."""
        try:
            return self._cache[code]
        except KeyError:
            pass
        found = None
        for end in range(len(code), 1, -1):
            found = self.table.get(code[:end])
            if found is not None:
                break
        self._cache[code] = found
        return found


def _clean(event_type: str | None, modes: list[str]) -> Mapped:
    if not event_type:
        return Mapped(None, ())
    if event_type not in MODES:
        raise InputError(f"unknown PLOVER type {event_type!r} in the CAMEO map")
    allowed = allowed_modes(event_type)
    return Mapped(event_type, tuple(m for m in modes if m in allowed))


def load_own() -> CameoMap:
    """Legation's own CAMEO → PLOVER table."""
    with open(OWN_TABLE, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        table = {r["code"].strip(): _clean(r["type"].strip() or None, [r["mode"].strip()] if r["mode"].strip()
                                           else []) for r in rows}
    return CameoMap(table, str(OWN_TABLE))


def load_conversion_table(path: str | Path) -> CameoMap:
    """The public conversion table's text format: `CODE: TYPE, mode, context # comment`, one code a line.

    Where a code is listed twice, the first listing wins (the table lists a few codes under two roots).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such CAMEO map file")
    table: dict[str, Mapped] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        body = line.split("#", 1)[0].strip()
        if not body or ":" not in body:
            continue
        code, _, rest = body.partition(":")
        code = code.strip()
        if not code.isdigit():
            continue
        parts = [p.strip() for p in rest.split(",")]
        event_type = parts[0].upper() if parts and parts[0] else None
        if event_type and event_type not in MODES:
            raise InputError(f"{path}:{number}: unknown PLOVER type {parts[0]!r}")
        modes = [parts[1]] if len(parts) > 1 and parts[1] else []
        table.setdefault(code, _clean(event_type, modes))
    if not table:
        raise InputError(f"{path}: no CAMEO codes found (want lines like `193: ASSAULT, firearms, military`)")
    for root in (f"{n:02d}" for n in range(1, 21)):  # roots the table omits (01, 02) fall back to ours
        if root not in table:
            own = load_own().table.get(root)
            if own is not None:
                table[root] = own
    return CameoMap(table, str(path))


def load_cameo_map(path: str | Path | None = None) -> CameoMap:
    """The table named by `path`, else by Settings.cameo_map (LEGATION_CAMEO_MAP), else Legation's own."""
    from legation.settings import Settings

    chosen = path or Settings().cameo_map
    return load_conversion_table(chosen) if chosen else load_own()
