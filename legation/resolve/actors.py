"""Actor mentions → `Party` records with a canonical name, id, kind, country and sponsor.

The rules, tried in order (the first that answers wins; `explain_party` says which one did):
  known       a name or alias of the knowledge base ("KH", "Kataib Hizballah", "Washington", "Sudani"); a mission
              abroad by a bare alias ("US embassy") only in a story from its host country
  members     a known armed body's members: "Kurdish Peshmerga forces", "Kata'ib Hezbollah fighters"
  sponsored   "Iran-backed militias", "pro-Iranian groups" → the group (known, or a generic armed group) with
              the sponsor's ISO code
  organ       a state's organ: "Iraq's security forces", "Jordanian troops", "the ministry of interior of Qatar"
  country     a country name → the state; a capital ("Ankara") → its government
  person      "US Secretary of State Antony Blinken" → the person named at the end; an unknown name after a known
              office ("Iraqi Prime Minister X") → a person of that office's state
  fuzzy       a close spelling of a known name (rapidfuzz, ratio ≥ 90)
  hinted      an organ without a country ("the interior ministry") in the article's country (`country_hint`); not
              an embassy, a consulate or diplomats (those in a country are most often another state's)
  generic     "militias", "gunmen", "protesters": a generic party of that kind, in the article's country
  unknown     kind "unknown", name = the text as written
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from legation.domain.records import Party
from legation.resolve.countries import country_by_adjective, country_by_name, country_name, country_names
from legation.resolve.gazetteer import iso3
from legation.resolve.knowledge import Actor, KnowledgeBase, knowledge_base
from legation.resolve.text import key

_HOSTING = re.compile(r"^.*?\b(?:bases?|outposts?|camps?|facilities|facility|compounds?)\s+(?:hosting|housing|"
                      r"used by|of|belonging to)\s+(?P<who>.+)$", re.I)
_PAREN = re.compile(r"\s*\([^)]*\)")
_POSSESSIVE = re.compile(r"['’]s$")
_OWNED = re.compile(r"^(?P<owner>[\w .-]+?)['’]s\s+(?P<rest>.+)$")
_QUANTIFIER = re.compile(r"^(?:the|a|an|some|several|many|two|three|four|five|dozens of|hundreds of|scores of|"
                         r"thousands of|a number of|a group of|groups of|other|unidentified|unknown|suspected|"
                         r"alleged)\s+", re.I)
_MEMBERS = re.compile(r"\s+(?:forces|fighters|militants|members|units|operatives|elements|militia|gunmen|gunman|"
                      r"insurgents|jihadists|rebels)$", re.I)
_SPONSORED = re.compile(r"^(?P<sponsor>[\w'’. ]+?)[- ](?:backed|aligned|allied|linked|affiliated|supported|"
                        r"sponsored|funded|armed|controlled|loyal)\s+(?P<rest>.+)$", re.I)
_PRO = re.compile(r"^pro[- ](?P<sponsor>[\w'’.]+)\s+(?P<rest>.+)$", re.I)
_AND_ITS = re.compile(r"^(?P<country>.+?)\s+and\s+its\s+(?P<rest>.+)$", re.I)
FUZZY_MIN_SCORE = 90

GENERIC_KINDS: dict[str, str] = {
    **dict.fromkeys(("militia", "militias", "militants", "militant", "gunmen", "gunman", "insurgents", "fighters",
                     "armed group", "armed groups", "armed men", "attackers", "assailants", "terrorists",
                     "terrorist group", "terrorist groups", "rebels", "jihadists", "extremists", "factions",
                     "armed factions", "militia groups", "militant groups", "paramilitary groups", "paramilitaries",
                     "proxies", "proxy forces", "proxy groups", "proxy militias", "groups", "group", "kidnappers",
                     "suicide bomber", "bomber", "perpetrators", "outlaws", "cells", "sleeper cells"), "armed_group"),
    **dict.fromkeys(("protesters", "protestors", "demonstrators", "rioters", "crowd", "crowds", "mob", "civilians",
                     "residents", "people", "pilgrims", "worshippers", "students", "supporters", "thousands",
                     "hundreds", "dozens", "locals", "passers", "passers by", "passersby", "bystanders",
                     "villagers", "tribesmen", "crowd of protesters"), "civilians"),
    **dict.fromkeys(("opposition", "opposition supporters", "government opponents", "leftists", "activists",
                     "opposition parties", "party members"), "party"),
    **dict.fromkeys(("journalists", "reporters", "media"), "media"),
    **dict.fromkeys(("military forces", "military", "soldiers", "armed forces", "bases", "base", "military bases",
                     "military base", "outposts", "outpost", "garrison", "convoy", "convoys", "patrol", "patrols",
                     "checkpoint", "checkpoints", "airbase", "air base", "air bases", "base complex", "complex",
                     "military compound", "military complex"), "military"),
}
PROXY_WORDS = ("proxies", "proxy forces", "proxy groups", "proxy militias", "allies", "allied militias",
               "allied groups", "affiliates", "allied factions")


def resolve_party(text: str, *, when: str | None = None, country_hint: str | None = None) -> Party:
    """Resolve an actor or recipient mention. `when` (ISO date) picks who held an office; `country_hint` (ISO
    alpha-2/3 or a name) is the article's country, used for organs and generic parties named without one."""
    return explain_party(text, when=when, country_hint=country_hint)[0]


def explain_party(text: str, *, when: str | None = None, country_hint: str | None = None) -> tuple[Party, str]:
    """`resolve_party`, plus the name of the rule that resolved it (see the module's docstring)."""
    raw = (text or "").strip()
    if not raw:
        return Party(text=text or "", kind="unknown"), "unknown"
    hint = iso3(country_hint) if country_hint else _paren_country(raw)
    kb = knowledge_base()
    forms = _forms(raw)
    owned = _OWNED.match(raw)
    owner = country_by_name(owned["owner"]) if owned else None
    for rule, attempt in _RULES:
        for form in forms:
            party = attempt(kb, form, when, hint)
            if party is not None and not (owned and form == owned["rest"] and party.country != owner):
                party.text = raw  # (not "Pakistan's foreign office" as Britain's Foreign Office)
                return party, rule
    return Party(text=raw, kind="unknown"), "unknown"


def _paren_country(raw: str) -> str | None:
    """Feeds name the country in brackets: "Unidentified Armed Group (Iraq)", "Protesters (Syria)"."""
    for inner in re.findall(r"\(([^)]*)\)", raw):
        code = country_by_name(inner)
        if code:
            return code
    return None


def _forms(raw: str) -> list[str]:
    """The mention as written, then without a parenthesis, possessive, leading article or quantifier; and for
    "bases hosting US troops", the troops; and for "Yemen's Houthi movement", the movement (its country's name
    before it is no part of its name)."""
    forms = [raw]
    hosted = _HOSTING.match(raw)
    if hosted:
        forms.insert(0, hosted["who"])
    tail = raw.rsplit(")", 1)[1].strip() if ")" in raw else ""
    if tail:  # ACLED sub-units: "Military Forces of Iraq (2022-) Popular Mobilization Forces"
        forms.append(tail)
    current = raw
    for pattern in (_PAREN, _POSSESSIVE):
        current = pattern.sub("", current).strip()
        forms.append(current)
    while True:
        shorter = _QUANTIFIER.sub("", current).strip()
        if shorter == current or not shorter:
            break
        current = shorter
        forms.append(current)
    owned = _OWNED.match(raw)
    if owned and country_by_name(owned["owner"]):  # (taken only when the party is that country's)
        forms.append(owned["rest"])
    return [f for f in dict.fromkeys(forms) if f]


def party_of(actor: Actor, kb: KnowledgeBase, when: str | None = None) -> Party:
    return Party(text=actor.name, name=actor.name, id=actor.id, kind=actor.kind, country=kb.country_of(actor, when),
                 sponsor=actor.sponsor)


def _best(actors: list[Actor], kb: KnowledgeBase, when: str | None, hint: str | None) -> Actor:
    def rank(actor: Actor) -> tuple:
        in_office = any(o.holds_on(when) for o in actor.offices) if when and actor.offices else False
        return (kb.country_of(actor, when) == hint, in_office, actor.kind != "person")

    return max(actors, key=rank)


def _known(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    actors = [a for a in kb.named(form) if _seated(a, form, hint)]
    return party_of(_best(actors, kb, when, hint), kb, when) if actors else None


def _seated(actor: Actor, form: str, hint: str | None) -> bool:
    """"US embassy" is the embassy in Baghdad only in a story from Iraq (or one that says "in Baghdad"); in a
    story from Lusaka it is the United States' missions (the organ rule), not a mission in another country."""
    return actor.seat is None or hint is None or hint == actor.seat[0] or key(actor.seat[1]) in key(form).split()


def _members(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    """"Kurdish Peshmerga forces", "Kata'ib Hezbollah fighters": the members of a known armed body."""
    bare = _MEMBERS.sub("", form).strip()
    if not bare or bare == form:
        return None
    actors = [a for a in kb.named(bare) if a.kind in ("armed_group", "military", "police")]
    return party_of(_best(actors, kb, when, hint), kb, when) if actors else None


def _country_code(text: str) -> str | None:
    """A country from an adjective, a name, a possessive or a capital: "Iranian", "Iran", "Iran's", "Tehran"."""
    k = key(text)
    return country_by_adjective(text) or country_by_name(text) or country_names().by_capital.get(k)


def _sponsored(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    match = _SPONSORED.match(form) or _PRO.match(form)
    if not match:
        return None
    sponsor = _country_code(match["sponsor"])
    if sponsor is None:
        return None
    rest = match["rest"].strip()
    known = kb.named(rest)
    if known and known[0].kind == "armed_group":
        return replace(party_of(known[0], kb, when), sponsor=sponsor)
    return Party(text=form, name=_tidy(form), kind="armed_group", country=hint, sponsor=sponsor)


def _split_country(form: str) -> tuple[str, str] | None:
    """("IRQ", "security forces") from "Iraq's security forces", "Iraqi security forces", "security forces of Iraq"."""
    match = _AND_ITS.match(form)
    if match and key(match["rest"]) in PROXY_WORDS:  # "Iran and its proxy forces"
        code = _country_code(match["country"])
        if code:
            return code, key(match["rest"])
    tokens = key(form).split()
    for size in (3, 2, 1):
        if len(tokens) > size:
            code = _country_code(" ".join(tokens[:size]))
            if code:
                return code, " ".join(tokens[size:])
    parts = re.split(r"\s+of\s+", form)
    for cut in range(1, len(parts)):  # the longest tail that is a country: "United States of America", "Qatar"
        code = _country_code(" of ".join(parts[cut:]))
        if code:
            return code, key(_QUANTIFIER.sub("", " of ".join(parts[:cut])))
    return None


def _organ_party(kb: KnowledgeBase, code: str, words: str, when: str | None) -> Party | None:
    if words in PROXY_WORDS:
        return None
    organ = kb.organ_words.get(words) or kb.organ_words.get(words.removesuffix(" s"))
    if organ is None:
        return None
    known = kb.actors.get(f"{code.lower()}-{organ.organ}")
    if known:
        return party_of(known, kb, when)
    name = organ.name.format(country=country_name(code) or code)
    return Party(text=name, name=name, id=f"{code.lower()}-{organ.organ}", kind=organ.kind, country=code)


def _organ(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    split = _split_country(form)
    if split is None:
        return None
    code, words = split
    if words in PROXY_WORDS:
        return Party(text=form, name=_tidy(form), kind="armed_group", country=hint if hint != code else None,
                     sponsor=code)
    return _organ_party(kb, code, words, when)


def _country(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    code = country_by_name(form)
    if code:
        known = kb.actors.get(code.lower())
        return party_of(known, kb, when) if known else Party(text=form, name=country_name(code), id=code.lower(),
                                                             kind="state", country=code)
    code = country_names().by_capital.get(key(form))
    if code:
        return _organ_party(kb, code, "government", when)
    return None


def _person(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    tokens = form.split()
    for start in range(1, len(tokens)):
        tail = " ".join(tokens[start:])
        people = [a for a in kb.named(tail) if a.kind == "person"]
        if people:
            return party_of(_best(people, kb, when, hint), kb, when)
    for start in range(len(tokens) - 1, 0, -1):  # "Iraqi Prime Minister Ali X": a known office, then a name
        head, tail = " ".join(tokens[:start]), tokens[start:]
        if not all(t[:1].isupper() for t in tail):
            continue
        office = _known(kb, head, when, hint) or _organ(kb, head, when, hint)
        if office is not None and office.kind in ("government", "military", "igo") and _is_office(kb, office):
            name = " ".join(tail)
            return Party(text=form, name=name, kind="person", country=office.country)
    return None


def _is_office(kb: KnowledgeBase, party: Party) -> bool:
    actor = kb.actors.get(party.id or "")
    if actor is not None:
        return actor.office
    return any(o.office and party.id and party.id.endswith(f"-{o.organ}") for o in kb.organs)


def _fuzzy(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    from rapidfuzz import fuzz, process

    k = key(form)
    if len(k) < 6:
        return None
    match = process.extractOne(k, _fuzzy_keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
    if match is None or not _tokens_agree(k, match[0]):
        return None
    return _known(kb, match[0], when, hint)


def _tokens_agree(left: str, right: str) -> bool:
    """Every word has a close counterpart: "kataib sayid" ~ "kataib sayyid", not "unidentified" ~ "united"."""
    from rapidfuzz import fuzz

    a, b = left.split(), right.split()
    return len(a) == len(b) and all(fuzz.ratio(x, y) >= 75 for x, y in zip(a, b, strict=True))


@functools.lru_cache(maxsize=1)
def _fuzzy_keys() -> tuple[str, ...]:
    return tuple(k for k in knowledge_base().index if len(k) >= 5)


def _hinted(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    if hint is None:
        return None
    words = key(form)
    if words in ("forces", "troops", "soldiers"):  # whose troops is not safe to guess
        return None
    if (organ := kb.organ_words.get(words)) is not None and organ.organ == "embassy":  # nor whose embassy: one in
        return None  # the story's country is most often another state's
    return _organ_party(kb, hint, words, when)


def _generic(kb: KnowledgeBase, form: str, when: str | None, hint: str | None) -> Party | None:
    words = key(form).split(" of ")[0]  # "supporters of armed factions": the supporters
    for size in (3, 2, 1):  # the head noun: "Shiite militias", "masked gunmen", "angry protesters"
        head = " ".join(words.split()[-size:])
        kind = GENERIC_KINDS.get(head)
        if kind:  # whose bases or convoy is not safe to guess from the article's country; whose militias is
            return Party(text=form, name=_tidy(form), kind=kind, country=None if kind == "military" else hint)
    return None


def _tidy(text: str) -> str:
    return _QUANTIFIER.sub("", text.strip())


_RULES = (("known", _known), ("members", _members), ("sponsored", _sponsored), ("organ", _organ), ("country", _country),
          ("person", _person), ("fuzzy", _fuzzy), ("hinted", _hinted), ("generic", _generic))


def party_dict(party: Party) -> dict:
    return {"text": party.text, "name": party.name, "id": party.id, "kind": party.kind, "country": party.country,
            "sponsor": party.sponsor}
