"""Loading the chain of command (authorities, units, posts and their jurisdictions) from a file users edit.

The shipped example is Iraq's (`data/iraq-authorities.yaml`, illustrative). YAML or JSON, same shape; every
mistake is one `InputError` naming the file, the authority and the key.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from legation.domain.authorities import Area, Authority, Hierarchy
from legation.domain.errors import InputError

DATA = Path(__file__).with_name("data")
DEFAULT_HIERARCHY = DATA / "iraq-authorities.yaml"
_KEYS = {"id", "name", "kind", "parent", "commands", "jurisdiction", "aliases", "users"}
_AREA_KEYS = {"name", "country", "city", "near", "sites"}


def read_data_file(path: str | Path) -> Any:
    """A YAML (.yaml/.yml) or JSON file's content; `InputError` naming the file when it cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            return yaml.safe_load(text)
        return json.loads(text)
    except ValueError as err:  # json.JSONDecodeError and yaml.YAMLError (below) both name the line
        raise InputError(f"{path}: not valid JSON: {err}") from None
    except Exception as err:  # yaml.YAMLError
        raise InputError(f"{path}: not valid YAML: {err}") from None


def _area(raw: Any, where: str) -> Area:
    if not isinstance(raw, dict) or not raw:
        raise InputError(f"{where}: a jurisdiction area is a mapping of country, city, near, sites")
    unknown = set(raw) - _AREA_KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                         f"(known: {', '.join(sorted(_AREA_KEYS))})")
    near = raw.get("near")
    if near is not None:
        try:
            near = (float(near["lat"]), float(near["lon"]), float(near["km"]))
        except (TypeError, KeyError, ValueError):
            raise InputError(f"{where}: near needs numeric lat, lon and km") from None
    sites = raw.get("sites") or []
    if not isinstance(sites, list):
        raise InputError(f"{where}: sites is a list of site ids")
    return Area(country=(raw.get("country") or "").upper() or None, city=raw.get("city"), near=near,
                sites=tuple(str(s) for s in sites), name=raw.get("name"))


def _authority(raw: Any, where: str) -> Authority:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: an authority is a mapping with at least id, name and kind")
    unknown = set(raw) - _KEYS
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(_KEYS))})")
    for key in ("id", "name", "kind"):
        if not str(raw.get(key) or "").strip():
            raise InputError(f"{where}: missing {key}")
    where = f"{where} ({raw['id']})"
    for key in ("jurisdiction", "aliases", "users"):
        if not isinstance(raw.get(key) or [], list):
            raise InputError(f"{where}: {key} is a list")
    if not isinstance(raw.get("commands", True), bool):
        raise InputError(f"{where}: commands is true or false")
    return Authority(id=str(raw["id"]), name=str(raw["name"]), kind=str(raw["kind"]), parent=raw.get("parent"),
                     commands=raw.get("commands", True),
                     jurisdiction=tuple(_area(a, f"{where} jurisdiction[{i}]")
                                        for i, a in enumerate(raw.get("jurisdiction") or [])),
                     aliases=tuple(str(a) for a in raw.get("aliases") or []),
                     users=tuple(str(u) for u in raw.get("users") or []))


def hierarchy_from_data(data: Any, source: str = "hierarchy") -> Hierarchy:
    if not isinstance(data, dict) or not isinstance(data.get("authorities"), list) or not data["authorities"]:
        raise InputError(f"{source}: want a mapping with a non-empty list `authorities`")
    authorities = [_authority(raw, f"{source}: authorities[{i}]") for i, raw in enumerate(data["authorities"])]
    roots = [a.id for a in authorities if a.parent is None]
    if len(roots) != 1:
        raise InputError(f"{source}: want exactly one authority without a parent (the head), found "
                         f"{', '.join(roots) or 'none'}")
    try:
        return Hierarchy(authorities, name=str(data.get("name") or source),
                         illustrative=bool(data.get("illustrative", False)))
    except InputError as err:
        raise InputError(f"{source}: {err.message}") from None


def load_hierarchy(path: str | Path | None = None) -> Hierarchy:
    """The hierarchy in `path`, or the shipped Iraqi example."""
    path = Path(path) if path else DEFAULT_HIERARCHY
    return hierarchy_from_data(read_data_file(path), str(path))


def describe(hierarchy: Hierarchy) -> list[dict[str, Any]]:
    """One row per authority, depth-first from the head: for `legation orders authorities`."""
    rows: list[dict[str, Any]] = []

    def walk(authority: Authority, depth: int) -> None:
        areas = hierarchy.jurisdiction(authority.id)
        rows.append({"id": authority.id, "name": "  " * depth + authority.name, "kind": authority.kind,
                     "commands": authority.commands, "jurisdiction": "; ".join(_area_text(a) for a in areas)
                     or "everywhere"})
        for child in hierarchy.children(authority.id):
            walk(child, depth + 1)

    for root in [a for a in hierarchy.by_id.values() if a.parent is None]:
        walk(root, 0)
    return rows


def _area_text(area: Area) -> str:
    if area.name:
        return area.name
    parts = [p for p in (area.city, area.country) if p]
    if area.sites:
        parts.append("sites " + ",".join(area.sites))
    if area.near:
        parts.append(f"within {area.near[2]:g} km of {area.near[0]:.3f},{area.near[1]:.3f}")
    return " ".join(parts)
