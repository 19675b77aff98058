"""Countries by name or adjective: "Iraq", "Iraq's", "Iraqi", "the US", "Türkiye"/"Turkey" → ISO alpha-3.

pycountry supplies the official and common names of every country; data/countries.json adds the everyday names,
adjectives and capitals (as metonyms for a government) of the states the reports name most.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import pycountry

from legation.resolve.text import key

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class CountryNames:
    by_name: dict[str, str]  # key of a name → alpha-3
    by_adjective: dict[str, str]  # key of an adjective ("iraqi", "iraq s") → alpha-3
    by_capital: dict[str, str]  # key of a capital ("washington") → alpha-3
    display: dict[str, str]  # alpha-3 → the short name to show


@functools.lru_cache(maxsize=1)
def country_names() -> CountryNames:
    by_name: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        display[code] = getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                by_name.setdefault(key(name), code)
    data = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))["countries"]
    by_adjective: dict[str, str] = {}
    by_capital: dict[str, str] = {}
    for code, entry in data.items():
        display[code] = entry["name"]
        for name in (entry["name"], *entry.get("names", ())):
            by_name[key(name)] = code
            by_name[key(name.removeprefix("the "))] = code
        for adjective in entry.get("adjectives", ()):
            by_adjective[key(adjective)] = code
        if entry.get("capital"):
            by_capital[key(entry["capital"])] = code
    for k, code in list(by_name.items()):  # "Iraq's" works as an adjective too
        by_adjective.setdefault(f"{k} s", code)
        by_adjective.setdefault(k, code)
    return CountryNames(by_name, by_adjective, by_capital, display)


def country_by_name(text: str) -> str | None:
    """The alpha-3 of a country's name ("Iraq", "the United States", "Turkey"); None otherwise."""
    k = key(text)
    names = country_names().by_name
    return names.get(k) or names.get(k.removeprefix("the "))


def country_by_adjective(text: str) -> str | None:
    """The alpha-3 of an adjective or possessive ("Iraqi", "American", "Iraq's", "US"); None otherwise."""
    return country_names().by_adjective.get(key(text))


def country_by_capital(text: str) -> str | None:
    """The alpha-3 of the state whose capital stands for its government ("Washington", "Dhaka"); None otherwise."""
    return country_names().by_capital.get(key(text))


def country_name(code: str | None) -> str | None:
    return country_names().display.get(code) if code else None
