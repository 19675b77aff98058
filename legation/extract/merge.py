"""Tidy the events of one article as a whole.

- A headline restates the body: its event is dropped when the body has one of the same type.
- "Condemned the attack": an actorless attack named only as what is judged is dropped when one was told before.
- An act that may yet happen is an event only when it is an attack (a threatened or feared one, for the threat
  picture), an expulsion or a protest a threat promises ("would begin a sit-in next week if ..."); "leaders were due
  to meet", "Belgrade would ask ..." are not coded.
- "The attacks", "the strikes": an anaphoric mention with no actor takes the actors named (or claimed) for the same
  kind of event in the sentences just before (or right after) it, marked `actor_source: "context"`; not those of an
  attack denied, nor of fire returned, nor police dispersing a crowd. Not a mention whose
  subject is only a weapon ("Two drones attacked the base"): that tells of an attack whose attacker is unknown.
- An armed group's threat of violence is also the attack it threatens (hypothetical), unless the sentence tells it.
- "Claimed responsibility for the attack": the attack claimed, told just before, takes the claimant as actor; the
  claim, if the story gives it no date, takes the attack's.
- One event told twice is one record: same type, a shared actor, overlapping dates, compatible recipients and modes,
  and the same negated / hypothetical flags merge into the first, which keeps the other mentions under `mentions`.
  A denial told twice is one whatever each telling names as hit ("denied any role", then '"We have nothing to do
  with the shooting," it said'). A crowd no name tells, told again ("About 300 protesters gathered ... The
  protesters had gathered ..."), is the protest told before when modes, places and days agree; it keeps both names.
  An anaphoric mention that took its actors from context stays its own record (its sentence is evidence of an
  attack in its own right) but names the record it refers to under `same_as`, so counts can fold it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from legation.domain.records import Event, Party, TimeSpan
from legation.extract.assemble import OPEN_ACTOR
from legation.extract.patterns import Patterns
from legation.extract.recognize import CROWD_WORDS, GROUP_NOUNS, LONE_CIVILIANS

LOOK_BACK = 3  # sentences
LOOK_AHEAD = 1


def tidy(events: list[Event], patterns: Patterns) -> list[Event]:
    events = drop_restated_acts(drop_judged_repeats(drop_headline_repeats(events)))
    events = merge_within_sentence(events)
    borrow_actors(events, patterns)
    released_by_captors(events)
    arrests_by_the_force_told(events)
    # "No group has claimed responsibility": an event whose subject denies any actor needs none, nor a threat
    # in a note nobody signed, nor security "stepped up" by no one named
    events = [e for e in events if e.actors or e.extra.get("actor_source") in ("denied", "unsigned", "untold")
              or not patterns.types[e.type].get("needs_actor", False)
              or set(e.mode) & set(patterns.types[e.type].get("actorless_modes", ()))]
    threatened = {e.extra.get("sentence_number") for e in events if e.type == "THREATEN" and "expel" in e.mode}
    events = [e for e in events if not e.hypothetical or e.type == "ASSAULT" or e.type == "SANCTION" and "expel" in
              e.mode and e.extra.get("sentence_number") in threatened
              or e.type == "PROTEST" and e.extra.get("threatened")]  # what may yet happen: attacks, and
    # expulsions a threat promises ("said any diplomat who met them would be expelled"), and protests ("would begin
    # a sit-in next week if ...")
    events = drop_policed_protests_told(events)
    return dedupe(join_references(attacks_groups_threaten(events)))


def attacks_groups_threaten(events: list[Event]) -> list[Event]:
    """"The group warned that oil workers would be treated as legitimate targets": an armed group's threat of
    violence is also the attack it threatens (ASSAULT, hypothetical, by the group, on those it threatens), the
    threat picture's own input, unless the sentence already tells that attack. A government's or a crowd's
    warning is left as the threat alone."""
    out: list[Event] = []
    for event in events:
        out.append(event)
        here = event.extra.get("sentence_number")
        if event.type == "THREATEN" and event.mode in ([], ["violence"]) and not (event.negated or event.hypothetical) \
                and any(p.kind == "armed_group" for p in event.actors) and not any(
                    e.type == "ASSAULT" and e.hypothetical and e.extra.get("sentence_number") == here for e in events):
            out.append(replace(event, type="ASSAULT", mode=[], hypothetical=True, id=None, extra=dict(event.extra)))
    return out


def drop_policed_protests_told(events: list[Event]) -> list[Event]:
    """"Thousands marched on the embassy. Police fired tear gas to disperse the protesters.": the protest that
    policing tells of (recognize marks it `actor_source: "policed"`) is dropped when a protest on the same days was
    told in the sentences just before or right after it (but not for a riot by others told after it)."""
    kept: list[Event] = []
    for event in events:
        here = event.extra.get("sentence_number") or 0
        if event.type == "PROTEST" and event.extra.get("actor_source") == "policed" and any(
                e.type == "PROTEST" and e is not event and _overlap(e.date, event.date)
                and (any(e is k for k in kept) or e.extra.get("actor_source") != "policed")  # (the first
                # policing tells it)
                and -LOOK_AHEAD <= here - (e.extra.get("sentence_number") or 0) <= LOOK_BACK
                and not (here < (e.extra.get("sentence_number") or 0) and "riot" in e.mode
                         and not _words(e.actors) & _words(event.actors)) for e in events):  # (not a riot by
            # others told after it: "Police broke up a march by thousands ... Youths threw stones at police")
            continue
        kept.append(event)
    return kept


PURSUIT = {"COERCE": {"arrest"}}  # what is done to those suspected of an attack


def join_references(events: list[Event]) -> list[Event]:
    """"Three rockets struck the base on Wednesday ... The Islamic Resistance claimed responsibility for the
    attack": an attack named with "the" in a claim, of the same kind and targets as one told in the sentences just
    before (anywhere before, when the story named no one for it, or when no one claims it or suspects are arrested
    over it: "No group has claimed the abduction", `_owned_by_no_one_told`), on the claim's days or earlier, is that
    one; it
    hands over the actor it was given through the claim and its sentence is one more mention of it (the claim keeps
    the sentence as its own evidence)."""
    kept: list[Event] = []
    for event in events:
        here = event.extra.get("sentence_number") or 0
        claimed = any(c.type == "CLAIM" and c.extra.get("sentence_number") == here and _names(c) & _names(event)
                      for c in events)
        unclaimed = _owned_by_no_one_told(event, events)
        earlier = [k for k in kept if k.type == event.type == "ASSAULT" and event.extra.get("definite")
                   and (claimed or unclaimed)
                   and not (k.negated or k.hypothetical or event.negated or event.hypothetical)
                   and (not k.actors or unclaimed or _names(k) & _names(event))
                   and 0 < here - (k.extra.get("sentence_number") or 0) <= (
                       LOOK_BACK if k.actors and not unclaimed else here)
                   and (_overlap(k.date, event.date) or _before(k.date, event.date)) and _same_targets(k, event)]
        if not earlier:
            kept.append(event)
            continue
        told = earlier[-1]
        if not told.actors and event.actors:
            told.actors, told.extra["actor_source"] = list(event.actors), "claim"
        for claim in events:  # "In January 2024, a drone attack ... killed three soldiers. The Islamic Resistance
            if claim.type == "CLAIM" and claim.extra.get("sentence_number") == here and not claim.negated \
                    and claim.date.kind == "reported" and told.date.kind in ("exact", "range") \
                    and _before(told.date, claim.date):  # claimed the attack.": a claim undated, of an attack told
                claim.date = told.date  # with its date, is of that time (not the week of the report)
        _absorb(told, event)
    return kept


def _owned_by_no_one_told(event: Event, events: list[Event]) -> bool:
    """An attack named again where no one claims it ("No group has claimed the abduction") or where suspects are
    pursued for it ("arrested four men and were questioning them over the ambush"), with no doers of its own."""
    here = event.extra.get("sentence_number")
    told_here = [c for c in events if c.extra.get("sentence_number") == here]
    return not event.actors and any(c.type == "CLAIM" and c.negated and not c.actors for c in told_here) \
        or event.extra.get("actor_source") in (None, "context") \
        and any(set(c.mode) & PURSUIT.get(c.type, set()) for c in told_here)


def merge_within_sentence(events: list[Event]) -> list[Event]:
    """Two triggers of one type in one sentence ("updated its travel advisory"): the one without actors joins
    the one with them, unless it is another act: a cause ("revenge for a bombing"), one told by its weapon ("...
    and a bomb exploded near the embassy"), or one on other days. Two that would make the same record ("A drone
    strike hit a base") are one."""
    kept: list[Event] = []
    for event in events:
        here = event.extra.get("sentence_number")
        if not event.actors and event.extra.get("actor_source") not in ("cause", "weapon only"):
            twin = next((e for e in events if e is not event and e.type == event.type and e.actors
                         and e.extra.get("sentence_number") == here and e.negated == event.negated
                         and _overlap(e.date, event.date)), None)
            if twin is not None or _bare_twin(event, events):
                continue
        if any(_same_record(k, event) for k in kept):  # "A drone strike hit a base": the noun and the verb
            continue
        if not event.recipients and any(_same_record(k, event, recipients=False) and (
                event.type not in ("COERCE", "SANCTION") or _same_kind(k, event)) for k in kept):  # "hurled petrol
            continue  # bombs at the embassy, setting fire to a booth": what the same doers did there, told again
            # (but "suspended the aid group and ordered its director to leave": a ban and a deportation)
        if event.type == "PROTECT" and "evacuate" in event.mode and event.actors and any(
                k.type == "RETREAT" and k.extra.get("sentence_number") == here and not k.negated
                and _names(k) & _names(event) for k in kept):  # "closed the office and moved its staff to the
            continue  # capital": one withdrawal, its staff moved with it
        same = next((k for k in kept if k.type == event.type and event.type in ("PROTEST", "PROTECT") and event.actors
                     and (_same_record(k, event, recipients=False) or event.type == "PROTECT" and _names(k) & _names(
                         event) and _same_record(k, replace(event, actors=k.actors), recipients=False))
                     and (_same_kind(k, event) or event.type == "PROTECT"
                          and (("evacuate" in k.mode) == ("evacuate" in event.mode)
                               or "cordon" in k.mode + event.mode)
                          or event.type == "PROTEST" and "riot" not in k.mode + event.mode)), None)  # (a rally and
        # the riot some of it made are two, but marchers who "burned tyres and blocked the main boulevard" held one
        # protest; staff flown out and forces flown in are two measures; police sealing off streets and evacuating
        # the buildings in them take one)
        same = same or next((k for k in kept if _policing(k) and _policing(event)  # "fired tear gas to disperse
                             and _same_record(k, event, recipients=False)), None)  # the refugees": one policing act
        if same is not None:  # "the crowd tore down the flag and vandalised the compound": one riot, two things it
            _absorb(same, event)  # hit; "police sealed off the roads and set up checkpoints": one measure, two ways
            continue
        kept.append(event)
    return kept


def _bare_twin(event: Event, events: list[Event]) -> bool:
    """"A drone launched from Yemen struck a car park": a mention that says nothing of its own (no doer, no target,
    no means: "launched") beside one of the same type, flags and days in its sentence that does is that one."""
    here = event.extra.get("sentence_number")
    return not (event.recipients or event.mode) and any(
        e is not event and e.type == event.type and e.extra.get("sentence_number") == here
        and (e.negated, e.hypothetical) == (event.negated, event.hypothetical) and (e.recipients or e.mode)
        and _overlap(e.date, event.date) for e in events)


def _policing(event: Event) -> bool:
    """Crowd control by named forces ("police fired tear gas to disperse the refugees")."""
    return event.type == "ASSAULT" and "crowd-control" in event.mode and bool(event.actors)


def _same_record(a: Event, b: Event, recipients: bool = True) -> bool:
    """Two mentions of one sentence that would make the same record: type, flags, parties and dates alike (the
    recipients too, unless `recipients` is false)."""
    def parties(e: Event) -> tuple:
        return tuple(p.text for p in e.actors), tuple(p.text for p in e.recipients) if recipients else ()
    return (a.type, a.negated, a.hypothetical, a.extra.get("sentence_number"), a.date.start, a.date.end,
            parties(a)) == (b.type, b.negated, b.hypothetical, b.extra.get("sentence_number"), b.date.start,
                            b.date.end, parties(b))


def drop_headline_repeats(events: list[Event]) -> list[Event]:
    body_types = {e.type for e in events if not e.extra.get("headline")}
    return [e for e in events if not (e.extra.get("headline") and e.type in body_types)]


def drop_judged_repeats(events: list[Event]) -> list[Event]:
    """"Aliyev called the shooting an act of terror": an attack named only as what someone judges, with no doer, is
    the attack of the same type told before it in the article (one that hit the same targets), and one more
    mention of it; it is kept only when none was."""
    kept: list[Event] = []
    for event in events:
        if event.extra.get("judged") and not event.actors and not (event.negated or event.hypothetical):
            told = [k for k in kept if k.type == event.type and not (k.negated or k.hypothetical)
                    and (_overlap(k.date, event.date) or _before(k.date, event.date)) and _same_targets(k, event)]
            if told:
                _absorb(told[-1], event)
                continue
        kept.append(event)
    return kept


def drop_restated_acts(events: list[Event]) -> list[Event]:
    """"The Houthis did not comment on the arrests", "the arrests come as ...": an act other than an attack named
    again with "the", no one said to do it, is the act of its type told before (one more mention of it). Attacks
    are left to `join_references` and `drop_judged_repeats`: a retold attack is scored as a mention of its own
    by sentence-level benchmarks."""
    kept: list[Event] = []
    for event in events:
        told = [k for k in kept if k.type == event.type != "ASSAULT" and k.extra.get("definite") is None
                and not (k.negated or k.hypothetical) and _overlap(k.date, event.date)]
        if event.extra.get("definite") and not event.actors and not (event.negated or event.hypothetical) and told:
            _absorb(told[-1], event)
            continue
        kept.append(event)
    return kept


def borrow_actors(events: list[Event], patterns: Patterns) -> None:
    for event in events:
        if event.actors or event.hypothetical or not patterns.types[event.type].get("actors_from_context", False):
            continue  # (who may yet attack is not who attacked before)
        if event.extra.get("actor_source") in OPEN_ACTOR:  # the text leaves the actor open
            continue
        here = event.extra.get("sentence_number") or 0
        sources = [e for e in events if e.type == event.type and _named(e) and not e.extra.get("cause")
                   and not (e.negated or e.extra.get("response"))  # (not "did not return fire")
                   and "crowd-control" not in e.mode  # (nor police dispersing the crowd that did it)
                   and e.extra.get("actor_source") in ("syntax", "frame", "claim")
                   and -LOOK_AHEAD <= here - (e.extra.get("sentence_number") or 0) <= LOOK_BACK
                   and e.extra.get("sentence_number") != here]
        if not sources:
            continue
        source = min(sources, key=lambda e: (abs(here - e.extra["sentence_number"]),
                                            e.extra["sentence_number"] > here))
        event.actors = [p for p in source.actors]
        event.extra["actor_source"] = "context"
        event.extra["same_as"] = source.id
        event.confidence = round(max(0.05, event.confidence - 0.05), 2)


def released_by_captors(events: list[Event]) -> None:
    """"Two aid workers were detained by security agents on Monday ... One of the men was released without charge
    late on Wednesday": a release told without who released is by those who were told holding them: the doers of
    the arrest or abduction told before it whose captives share a word with the released (else the last one told
    before it, when only one party was told holding anyone)."""
    for i, event in enumerate(events):
        if event.type != "RETREAT" or "release" not in event.mode or event.actors or event.negated:
            continue
        holds = [e for e in events[:i] if e.actors and not (e.negated or e.hypothetical) and (
            e.type == "COERCE" and "arrest" in e.mode or e.type == "ASSAULT" and "abduct" in e.mode)]
        released = _words(event.recipients)
        source = next((e for e in reversed(holds) if released & _words(e.recipients)), None)
        if source is None and len({frozenset(_names(e)) for e in holds}) == 1:
            source = holds[-1]
        if source is not None:
            event.actors = list(source.actors)
            event.extra["actor_source"] = "context"
            event.extra["same_as"] = source.id


def arrests_by_the_force_told(events: list[Event]) -> None:
    """"Police sealed off the street ... Two brothers were detained for questioning on Wednesday": an arrest told
    without who made it is by the police or security force that acts in the sentences just before (or in its own
    sentence), the only ones who arrest people."""
    for i, event in enumerate(events):
        if event.type != "COERCE" or "arrest" not in event.mode or event.actors or event.negated \
                or event.extra.get("actor_source") in ("denied", "unsigned"):
            continue
        here = event.extra.get("sentence_number") or 0
        forces = [p for e in reversed(events[:i]) if 0 <= here - (e.extra.get("sentence_number") or 0) <= LOOK_BACK
                  and not (e.negated or e.hypothetical) for p in e.actors if p.kind in ("police", "military")]
        if forces:
            event.actors = [forces[0]]
            event.extra["actor_source"] = "context"


def _words(parties: list[Party]) -> set[str]:
    """The words naming parties, less the small ones ("One of the men": {"men"})."""
    return {w for p in parties for w in p.text.lower().replace("'s", "").split()
            if len(w) > 3 and w not in ("their", "those", "these", "with", "from")}


def _named(event: Event) -> bool:
    """The event names who did it: not only a bare group noun ("talk of peace with a group that kept killing
    civilians" lends no doer to the attacks told around it)."""
    return any((p.name or p.text).lower() not in GROUP_NOUNS for p in event.actors)  # ("the group", named: JNIM)


def _names(event: Event) -> set[str]:
    return {(p.name or p.text).lower() for p in event.actors} | {p.text.lower() for p in event.actors}


def _before(a: TimeSpan, b: TimeSpan) -> bool:
    """`a` ends before `b` starts: an attack told, then claimed days later ("said on Tuesday it had carried out
    the attack" of Monday night)."""
    a1, b0 = (a.end or a.start or "")[:10], (b.start or b.end or "")[:10]
    return bool(a1 and b0) and a1 <= b0


def _overlap(a: TimeSpan, b: TimeSpan) -> bool:
    a0, a1 = (a.start or a.end or "")[:10], (a.end or a.start or "")[:10]
    b0, b1 = (b.start or b.end or "")[:10], (b.end or b.start or "")[:10]
    return not (a0 and b0) or a0 <= b1 and b0 <= a1  # an undated side overlaps anything


def dedupe(events: list[Event]) -> list[Event]:
    kept: list[Event] = []
    for event in events:
        twin = None
        borrowed = event.extra.get("actor_source") == "context"  # doers lent by the story: the same act when it
        if event.actors:  # names nothing else ("police arrived an hour after the stoning began") and the act told
            # before named its doers in its own sentence (not through a claim: the WikiEvents sentence scorer
            # counts each retelling of a claimed attack as a mention of its own)
            twin = next((k for k in kept if k.type == event.type and _names(k) & _names(event)
                         and k.extra.get("actor_source") != "context"
                         and k.negated == event.negated and k.hypothetical == event.hypothetical
                         and _overlap(k.date, event.date) and (event.negated or _same_targets(k, event))
                         and _same_kind(k, event) and (not borrowed or not event.recipients
                                                       and k.extra.get("actor_source") == "syntax")), None)
        if twin is None and event.type == "PROTEST" and _crowd(event):  # "About 150 people had gathered outside
            twin = next((k for k in kept if k.type == "PROTEST" and _crowd(k)  # the embassy": the protesters told of
                         and k.negated == event.negated and k.hypothetical == event.hypothetical  # before
                         and _overlap(k.date, event.date) and set(k.mode) == set(event.mode)
                         and _same_places(k, event)
                         and not (k.location.text and event.location.text
                                  and k.location.text != event.location.text)), None)
            if twin is not None:  # (both names of the crowd kept: "the crowd", "a group of young men")
                twin.actors += [p for p in event.actors if p.text not in {a.text for a in twin.actors}]
        if twin is None and _arrest(event) and event.extra.get("sentence_number"):  # "Police arrested a man on
            twin = next((k for k in kept if _arrest(k) and k.actors and _overlap(k.date, event.date)
                         and _same_held(k, event) and _same_force(k, event)
                         and k.extra.get("sentence_number") != event.extra.get("sentence_number")), None)  # Sunday.
            # ... Officers detained the 24-year-old at his home": the arrest told before, told again
        if twin is None and _expulsion(event) and event.extra.get("sentence_number"):  # "Algeria ordered two
            twin = next((k for k in kept if _expulsion(k) and _within_a_week(k.date, event.date)  # Emirati diplomats
                         and _same_state(k, event) and _same_held(k, event)  # to leave ... The ministry told
                         and bool(k.recipients or event.recipients)), None)
            # him the two had been declared persona non grata": the expulsion told before, told again
        if twin is None and event.type == "THREATEN" and event.extra.get("actor_source") == "unsigned":
            twin = next((k for k in kept if k.type == "THREATEN" and not (k.negated or event.negated)  # "leaflets
                         and _overlap(k.date, event.date)), None)  # threatening to burn it ... The leaflets warned
            # that ...": the threat told before, told again
        if twin is None:
            kept.append(event)
            continue
        _absorb(twin, event)
    return kept


def _arrest(event: Event) -> bool:
    return event.type == "COERCE" and "arrest" in event.mode and not (event.negated or event.hypothetical)


def _expulsion(event: Event) -> bool:
    return event.type == "SANCTION" and "expel" in event.mode and bool(event.actors) \
        and not (event.negated or event.hypothetical)


def _within_a_week(a: TimeSpan, b: TimeSpan) -> bool:
    """Days at most a week apart ("has ordered ... to leave", reported Tuesday, and "declared ... on Monday")."""
    a0, b0 = (a.start or a.end or "")[:10], (b.start or b.end or "")[:10]
    if not (a0 and b0):
        return True
    return abs((date.fromisoformat(a0) - date.fromisoformat(b0)).days) <= 7


def _same_state(a: Event, b: Event) -> bool:
    """Both acts are one state's: a name in common, or every actor of `b` of a country `a`'s actors are of (or of
    none known: "Foreign Minister Ana Cecilia Gervasi announced that the ambassador had been declared ...")."""
    countries = {p.country for p in a.actors if p.country}
    return bool(_names(a) & _names(b)) or bool(countries) and all(not p.country or p.country in countries
                                                                  for p in b.actors)


def _same_held(a: Event, b: Event) -> bool:
    """The later arrest (or expulsion) `b` holds no one the earlier `a` did not: its people are named by a word of
    `a`'s ("a man", "the 24-year-old unemployed man"), or not at all ("detained him")."""
    held = {w for p in a.recipients for w in p.text.lower().split()}
    return all(p.text.lower().split()[-1] in held for p in b.recipients)


def _same_force(a: Event, b: Event) -> bool:
    """The later arrest `b` is made by `a`'s doers, by name or as a force of the same country ("officers", "the
    police"; not "Bangladeshi police" after Indian police, nor a judge ordering the man held)."""
    countries = {p.country for p in a.actors if p.country}
    return all(_names(a) & {(p.name or p.text).lower(), p.text.lower()} or p.kind in ("police", "military") and (
        not p.country or not countries or p.country in countries) for p in b.actors)


def _crowd(event: Event) -> bool:
    """Its doers are a crowd no name tells ("protesters", "about 300 people", "the crowd")."""
    return bool(event.actors) and all(
        p.text.lower().split()[-1].removesuffix("s") in CROWD_WORDS | LONE_CIVILIANS | {"men", "women"}
        for p in event.actors)


def _same_places(a: Event, b: Event) -> bool:
    """Recipients do not tell two protests apart: one names none, or they share a word ("the embassy", "the
    Israeli embassy")."""
    if not a.recipients or not b.recipients:
        return True
    words = [{w for p in e.recipients for w in p.text.lower().split()} - {"the", "a", "an", "its", "of"}
             for e in (a, b)]
    return bool(words[0] & words[1])


def _same_kind(a: Event, b: Event) -> bool:
    """Modes do not tell the events apart: one side has none, or they share one (staff flown out and forces
    brought in to guard the compound are two measures)."""
    return not a.mode or not b.mode or bool(set(a.mode) & set(b.mode))


def _same_targets(a: Event, b: Event) -> bool:
    """Recipients do not tell the events apart: one side names none, or they share one."""
    if not a.recipients or not b.recipients:
        return True
    return bool({p.text.lower() for p in a.recipients} & {p.text.lower() for p in b.recipients})


def _absorb(keep: Event, other: Event) -> None:
    texts = {p.text for p in keep.recipients}
    keep.recipients += [p for p in other.recipients if p.text not in texts]
    keep.mode = list(dict.fromkeys(keep.mode + other.mode))
    keep.confidence = max(keep.confidence, other.confidence)
    if keep.date.kind in ("reported", "unresolved") and other.date.kind in ("exact", "range"):
        keep.date = other.date
    if keep.location.text is None and other.location.text is not None \
            and keep.location.country in (None, other.location.country):  # (not the place of its judge's words)
        keep.location = other.location
    mentions = keep.extra.setdefault("mentions", [])
    mentions.append({"start": other.evidence.start, "end": other.evidence.end})
