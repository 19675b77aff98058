"""The actor knowledge base: states, their organs and officials, armed groups, IGOs and their agencies and missions,
aid groups (data/actors.json), generic organs of any state (data/organs.json), and the relations between them
(member_of, backed_by, commands, part_of).

Loaded once per process. A bad data file fails at load with the entry and the problem named, so a typo in an id
or a relation cannot silently resolve to nothing.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from legation.domain.errors import InputError
from legation.domain.ontology import PARTY_KINDS
from legation.resolve.countries import country_name, country_names
from legation.resolve.text import key, variants

DATA = Path(__file__).with_name("data")
RELATIONS = ("member_of", "backed_by", "commands", "part_of")


@dataclass(frozen=True, slots=True)
class Office:
    office: str  # the office's actor id
    start: str | None
    end: str | None

    def holds_on(self, when: str | None) -> bool:
        if when is None:
            return self.end is None
        day = when[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    sponsor: str | None = None
    aliases: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    offices: tuple[Office, ...] = ()
    office: bool = False  # a post (Prime Minister of Iraq), held by people over time
    seat: tuple[str, str] | None = None  # a mission's host country and city: ("IRQ", "Baghdad") for the US embassy
    # there, whose bare aliases ("US embassy") name it only in a story from that country


@dataclass(frozen=True, slots=True)
class Organ:
    organ: str
    kind: str
    name: str
    words: tuple[str, ...]
    office: bool = False


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor]
    index: dict[str, list[str]]  # key of a name or alias → actor ids
    organs: list[Organ]
    organ_words: dict[str, Organ] = field(default_factory=dict)
    initials: frozenset[str] = frozenset()  # keys of names known only in capitals ("WHO"): not "who" in lower case

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id) or _state_actor(actor_id)

    def named(self, text: str) -> list[Actor]:
        ids: dict[str, None] = {}
        capitals = any(word.isupper() for word in text.split())
        for form in variants(text):
            if not capitals and form in self.initials:
                continue
            for actor_id in self.index.get(form, ()):
                ids.setdefault(actor_id)
        return [self.actors[i] for i in ids]

    def relations_of(self, actor_id: str) -> list[tuple[str, str]]:
        """Outgoing relations plus incoming ones, inverted: (relation, other id), e.g. ("has_member", "kh")."""
        out = list(self.actors[actor_id].relations) if actor_id in self.actors else []
        for other in self.actors.values():
            for relation, target in other.relations:
                if target == actor_id:
                    out.append((_INVERSE[relation], other.id))
        return out

    def holders(self, office_id: str) -> list[tuple[Actor, Office]]:
        return [(a, o) for a in self.actors.values() for o in a.offices if o.office == office_id]

    def holder_on(self, office_id: str, when: str | None) -> Actor | None:
        for actor, office in self.holders(office_id):
            if office.holds_on(when):
                return actor
        return None

    def country_of(self, actor: Actor, when: str | None = None) -> str | None:
        """A person's country is the country of the office held at `when` (else of the latest office)."""
        if actor.country or not actor.offices:
            return actor.country
        current = [o for o in actor.offices if o.holds_on(when)] or sorted(actor.offices, key=lambda o: o.start or "")
        office = self.get(current[-1].office)
        return office.country if office else None

    def ancestors(self, actor_id: str, relations: tuple[str, ...] = ("member_of", "part_of")) -> list[str]:
        """Every actor reached by following `relations` upwards (Kata'ib Hezbollah → IRI, PMF, ISF, Iraq)."""
        seen: list[str] = []
        todo = [actor_id]
        while todo:
            current = self.get(todo.pop())
            for relation, target in (current.relations if current else ()):
                if relation in relations and target not in seen:
                    seen.append(target)
                    todo.append(target)
        return seen


_INVERSE = {"member_of": "has_member", "backed_by": "backs", "commands": "commanded_by", "part_of": "has_part"}


def _state_actor(actor_id: str) -> Actor | None:
    """Any state by its lower-case alpha-3 ("jor"), even without an entry in actors.json."""
    code = actor_id.upper()
    if len(code) == 3 and country_name(code):
        return Actor(id=actor_id, name=country_name(code), kind="state", country=code)
    return None


def _actor(entry: dict, where: str) -> Actor:
    for required in ("id", "name", "kind"):
        if not entry.get(required):
            raise InputError(f"{where}: actor entry lacks {required!r}")
    if entry["kind"] not in PARTY_KINDS:
        raise InputError(f"{where}: unknown kind {entry['kind']!r} (known: {', '.join(PARTY_KINDS)})")
    relations = []
    for relation in entry.get("relations", ()):
        if len(relation) != 2 or relation[0] not in RELATIONS:
            raise InputError(f"{where}: bad relation {relation!r} (want [one of {', '.join(RELATIONS)}, id])")
        relations.append((relation[0], relation[1]))
    offices = tuple(Office(*o) for o in entry.get("offices", ()))
    seat = entry.get("seat")
    if seat is not None and not (isinstance(seat, list) and len(seat) == 2 and all(isinstance(x, str) for x in seat)
                                 and country_name(seat[0]) is not None):
        raise InputError(f"{where}: bad seat {seat!r} (want [host country ISO alpha-3, city])")
    return Actor(entry["id"], entry["name"], entry["kind"], entry.get("country"), entry.get("sponsor"),
                 tuple(entry.get("aliases", ())), tuple(relations), offices, bool(entry.get("office")),
                 tuple(seat) if seat else None)


def load(path: Path | None = None, organs_path: Path | None = None) -> KnowledgeBase:
    """Read and check the knowledge base files."""
    path = path or DATA / "actors.json"
    entries = json.loads(path.read_text(encoding="utf-8"))["actors"]
    actors: dict[str, Actor] = {}
    for n, entry in enumerate(entries, 1):
        actor = _actor(entry, f"{path.name} entry {n} ({entry.get('id')})")
        if actor.id in actors:
            raise InputError(f"{path.name} entry {n}: duplicate id {actor.id!r}")
        actors[actor.id] = actor
    for actor in actors.values():
        for _, target in actor.relations:
            if target not in actors and _state_actor(target) is None:
                raise InputError(f"{path.name}: {actor.id} relates to unknown actor {target!r}")
        for office in actor.offices:
            if office.office not in actors:
                raise InputError(f"{path.name}: {actor.id} holds unknown office {office.office!r}")
    index: dict[str, list[str]] = {}
    cased: set[str] = set()
    uncased: set[str] = set()
    for actor in actors.values():
        for name in (actor.name, *actor.aliases):
            for form in variants(name):
                ids = index.setdefault(form, [])
                if actor.id not in ids:
                    ids.append(actor.id)
                (cased if name.isupper() else uncased).add(form)
    organs_data = json.loads((organs_path or DATA / "organs.json").read_text(encoding="utf-8"))["organs"]
    organs = [Organ(o["organ"], o["kind"], o["name"], tuple(o["words"]), bool(o.get("office"))) for o in organs_data]
    words = {key(w): organ for organ in organs for w in organ.words}
    return KnowledgeBase(actors, index, organs, words, frozenset(cased - uncased))


@functools.lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    country_names()  # warm the country tables too
    return load()
