"""The event ontology of ../shared/spec/events.md as data: 16 PLOVER types plus PROTECT, CLAIM and ADVISORY.

`validate_type_and_modes` is the one check every record passes before it is stored: an unknown type or mode is an
`InputError` that names it.
"""

from __future__ import annotations

from legation.domain.errors import InputError

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "rights", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "ban", "censor", "curfew", "arrest", "deport", "withhold", "misinformation",
               "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "cleansing",
                "massacre", "unconventional"),
    "PROTECT": ("order", "guard", "cordon", "checkpoint", "patrol", "escort", "counter-drone", "evacuate"),
    "CLAIM": (),
    "ADVISORY": ("raise", "lower", "maintain", "ordered-departure", "authorized-departure"),
}

EVENT_TYPES: tuple[str, ...] = tuple(MODES)

# Modes some feeds need that PLOVER lists under other types; kept per type so validation stays strict.
EXTRA_MODES: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("intercepted",),  # ACLED "Disrupted weapons use": an attack stopped before it struck
}

PARTY_KINDS = ("state", "government", "military", "police", "armed_group", "party", "igo", "ngo", "person", "media",
               "civilians", "unknown")
PRECISIONS = ("site", "city", "admin1", "country", "region")
DATE_KINDS = ("exact", "range", "reported", "unresolved")

# Violent events: what the threat model counts as an attack near a site.
VIOLENT_TYPES = frozenset({"ASSAULT"})
VIOLENT_PROTEST_MODES = frozenset({"riot", "obstruct"})


def allowed_modes(event_type: str) -> tuple[str, ...]:
    return MODES[event_type] + EXTRA_MODES.get(event_type, ())


def validate_type_and_modes(event_type: str, modes: list[str] | tuple[str, ...]) -> None:
    """Raise `InputError` naming the first unknown type or mode."""
    if event_type not in MODES:
        raise InputError(f"unknown event type {event_type!r} (known: {', '.join(EVENT_TYPES)})")
    allowed = allowed_modes(event_type)
    for mode in modes:
        if mode not in allowed:
            raise InputError(f"unknown mode {mode!r} for {event_type} (allowed: {', '.join(allowed) or 'none'})")


def is_violent(event_type: str, modes: list[str] | tuple[str, ...]) -> bool:
    """An attack for the threat model: any ASSAULT, or a PROTEST that turned to riot or obstruction."""
    return event_type in VIOLENT_TYPES or (event_type == "PROTEST" and bool(VIOLENT_PROTEST_MODES & set(modes)))
