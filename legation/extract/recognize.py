"""Find event mentions in a parsed sentence: triggers from the pattern tables, arguments from the parse.

A `Mention` is an event before it becomes a record: its type, trigger token, the head tokens of its actors and
recipients, modes, the negated/hypothetical flags and a confidence. pipeline.py turns mentions into `Event`s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import takewhile

from spacy.tokens import Span, Token

from legation.domain.ontology import PARTY_KINDS, allowed_modes
from legation.extract import context
from legation.extract.patterns import Patterns, Rule, TypeSpec
from legation.extract.syntax import (
    CLAUSAL,
    DENYING,
    OBJECTS,
    OF_HEADS,
    PASSIVE_SUBJECTS,
    RELATIVE_PRONOUNS,
    SAYING,
    agent_of,
    an_infinitive,
    called_to_say,
    children,
    climb,
    closing_speech,
    deep_prep_objects,
    head_words,
    is_passive,
    joins_the_main_verb,
    local_tokens,
    main_verb_read_as_clause,
    prep_objects,
    speech_after_quote,
    speech_before_quote,
    subject_of,
    subject_read_as_apposition,
    taker_of_object,
    to_come,
    with_conjuncts,
)

# Tokens inside these entities are names, not triggers ("Operation Desert Strike", "Strike Force").
NAME_ENTITIES = {"ORG", "PERSON", "GPE", "WORK_OF_ART", "LAW", "PRODUCT", "FAC"}
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
COUNTS = {"hundred", "thousand", "dozen", "score", "number"}  # "150 of its students", "dozens of bombs"
QUANTITIES = COUNTS | {"crowd", "group", "some", "many", "several", "gathering", "concentration", "part"}
ANYONE = {"whoever", "anyone", "anybody", "whomever"}  # a doer in general: no event ("warned that anyone who ...
# would be jailed": a threat against whoever does it)
TOLL_VERBS = {"kill", "smash"}  # what an attack told with them did, not another attack
PARTS = {"wall", "gate", "fence", "perimeter", "entrance", "door", "grounds", "roof", "courtyard", "reception",
         "part", "section", "area", "premises", "edge", "corner", "outskirts", "vicinity", "window", "windscreen",
         "windshield", "facade"}
INSTRUMENT_KINDS = {"weapon", "vehicle"}
KNOWN_KINDS = set(PARTY_KINDS) - {"unknown"}  # a kind that tells what a party is
PLACE_PREPS = {"at", "near", "outside", "inside", "around", "in", "beside"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}  # "on Easter Sunday"
TIMES_OF_DAY = {"nightfall", "dawn", "daybreak", "dusk", "sunset", "sunrise", "midnight", "noon", "midday"}
PUNISHING = {"arrest", "prosecute", "jail", "imprison", "punish", "deal", "treat", "meet", "shut", "close", "ban",
             "expel", "deport", "face"}  # what they would be (or face: "the full force of the state")
FACED = {"force", "wrath", "response", "retaliation", "punishment", "consequence"}  # what whoever acts "would face"
# in a threat (not "would face delays")
SOURCE_NOUNS = {"work", "fruit", "result", "consequence", "product", "outcome"}  # "the attack was the work of X"
DOING_VERBS = {"carry", "commit", "conduct", "stage", "perpetrate", "execute", "mount"}  # "carried out the attack"
DEMANDING = {"demand", "ask", "seek", "request", "press", "urge"}  # "summoned the envoy to demand ...": done there
HOLDING_VERBS = {"arrest", "detain", "hold", "charge", "indict", "remand", "question"}  # for a plot or an act: the
# captors allege it
BOMBARDING = {"heavy-weapons", "aerial", "explosives", "drone"}  # modes whose object is a place hit
ARMING = {"smuggle", "stockpile", "store", "hide", "buy", "acquire", "train", "recruit", "weapon", "explosive",
          "arm", "cache", "fund", "finance", "money"}  # what an attack "for" which these were got is yet to come
PLANNING_VERBS = {"plan", "plot", "intend", "conspire", "prepare"}  # "were planning to attack": a plot, not an act
BELIEF_VERBS = {"believe", "suspect", "think", "assess"}  # what one believes another did is an allegation
CONTAINERS = {"convoy", "shipment", "consignment", "load", "cargo", "batch", "truckload", "planeload", "barrage",
              "salvo", "volley", "stick"}  # "a convoy of fuel trucks": what it carries is what is sent or fired
CROWD_WORDS = {"protester", "protestor", "demonstrator", "rioter", "crowd", "mob",
               "marcher"}  # whose violence is a riot
LONE_CIVILIANS = {"man", "youth", "villager", "resident", "person", "people", "teenager", "boy", "local"}
# told beside civilians' violence, they make it a riot
PROTEST_WORDS = CROWD_WORDS | {"protest", "demonstration", "demonstrate", "rally", "march", "picket", "sit",
                               "vigil", "chant", "riot", "disperse", "scatter", "unrest"}
RELATIVE_WORDS = RELATIVE_PRONOUNS
TIME_MARKS = {"after", "before", "since", "because", "when", "as", "while", "until", "once"}  # a clause apart
LAYING_CHARGES = {"charge", "convict", "indict", "sentence", "prosecute", "acquit"}  # (with what: a charge)
DISOWNING = {"involvement", "role", "hand", "involve", "link", "part", "connection", "nothing"}  # "denied any
# involvement", "had not been involved in it", "had no link to the drones", "had nothing to do with it"
OWNERS = ("its", "their")  # possessive pronouns an owner is named by, found by assemble
ADVISING = {"advise", "tell", "urge", "warn", "remind", "ask", "instruct"}  # verbs naming whom advice is for
TRAVEL_ADVICE = {"travel", "avoid", "leave", "stay", "exercise", "reconsider", "remain", "shelter", "depart"}
RECORDINGS = {"camera", "footage", "video", "image", "picture", "recording", "cctv"}  # what shows the doers, never one
SHOWING = {"show", "capture", "record", "film", "catch"}
CULPRITS = {"culprit", "perpetrator", "mastermind", "instigator", "organiser", "organizer"}  # "X were the culprits"
OWN_FORCES = {"troop", "soldier", "force", "unit", "commando", "policeman", "police", "gendarme"}
FORCE_BODIES = {"officer", "patrol", "crew", "guard"}  # a force's own men, told of by its authority
PROVOKING_VERBS = {"attack", "assault", "ram", "throw", "stone", "storm", "shoot", "fire", "charge"}  # what a force
# says it answered
ATTACK_WORDS = {"attack", "strike", "raid", "bombing", "shelling", "killing", "assassination", "ambush", "shooting",
                "blast", "explosion", "incident"}
RISK_NOUNS = {"threat", "risk", "danger", "possibility", "likelihood", "prospect"}
CASUALTY_VERBS = {"kill", "wound", "injure", "hurt", "maim"}  # an attack's toll: whom they name, it hit
ATTACKERS = {"attacker", "gunman", "gunmen", "assailant", "kidnapper", "abductor", "bomber", "perpetrator",
             "culprit"}  # whose side is told: "the gunmen were believed to be members of ..."
ARMED_RAIDS = {"raid", "ambush", "robbery", "kidnapping", "abduction", "bombing", "shooting"}  # no crowd's riot
HOW_OFTEN = {"rare", "common", "frequent", "sporadic", "occasional", "periodic", "infrequent", "uncommon"}  # attacks
# told only by how often they come ("have been rare since 2021"): none told
DISOWNED_PROTESTS = {"protest": "demo", "march": "demo", "rally": "demo", "demonstration": "demo", "sit-in": "demo",
                     "riot": "riot", "unrest": "riot", "blockade": "obstruct", "roadblock": "obstruct"}  # a part in it
# denied is the protest's denial, by mode
NOT_DIPLOMATS = {"employee", "staff", "worker", "volunteer", "director", "coordinator", "manager", "priest", "bishop",
                 "nun", "missionary", "journalist", "reporter", "correspondent", "student", "activist"}  # deported
OF_WHOM = {"member", "any", "none", "remnant"}  # "members of the community", "any of its shells": of the kind of whom
FINDINGS = {"finding", "evidence", "investigation", "inquiry", "probe", "clue", "trail", "indication"}  # what points to
# a culprit for the one telling of it
KILLINGS = {"killing", "murder", "lynching", "massacre", "slaying"}  # acts no riot makes
TROOPS = {"troop", "force", "soldier", "contingent", "peacekeeper", "battalion"}  # what a state withdraws
GOING_ON = {"continue", "go", "resume", "intensify", "escalate"}  # what attacks to come "would" do
# A paper's author or bearer is the agent of these ("a note signed by X", "a note delivered by the ambassador"; not
# "leaflets found by a security guard").
AUTHORING = {"sign", "send", "write", "post", "issue", "publish", "distribute", "record", "film", "upload", "circulate",
             "pen", "attribute", "deliver", "hand", "present", "leave", "release"}
CROWD_VIOLENCE = {"throw", "hurl", "pelt", "smash", "burn", "torch", "douse", "set", "break", "vandalise",
                  "vandalize", "storm", "tear", "pull", "kick", "damage"}  # what part of a crowd does in a riot
TRAVEL_VERBS = {"drive", "return", "come", "head", "take", "carry", "travel", "fly", "leave", "walk", "ride", "go"}
LEAVING = {"leave", "paint", "spray", "scrawl", "daub", "tape", "slip", "push", "pin", "e-mail", "email", "mail"}  # a
# note left, a slogan painted
PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "rioter", "crowd", "mob"}  # whose policing
# tells of their protest
# who speaks for a force, not the force
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "official", "officer", "minister", "source", "commander",
                "commissioner", "chief", "head", "director", "governor", "secretary"}
MISSION_WORDS = {"embassy", "consulate", "mission", "chancery", "legation", "residence"}
GUARDED_SITES = {"embassy", "consulate", "mission", "compound", "building", "office", "residence", "premises",
                 "chancery", "commission", "headquarters", "palace", "parliament", "hotel", "home", "house", "church",
                 "mosque", "synagogue", "school", "hospital", "warehouse", "camp", "base", "gate", "entrance"}
JUDGING_WORDS = {"unacceptable", "intolerable", "deplorable", "reprehensible", "outrageous", "abhorrent", "heinous",
                 "despicable", "unjustifiable", "inexcusable", "appalling", "shameful", "criminal", "cowardly",
                 "senseless", "barbaric", "worrying", "alarming", "troubling", "regrettable", "unjustified"}
JUDGED_AS = {"act", "attack", "violation", "breach", "affront", "assault", "provocation", "escalation", "step",
             "precedent", "development"}  # what an
# act is judged to be: "the siege was an unacceptable act of intimidation"
AUTHORITIES = {"government", "state", "military", "police"}  # who may send forces told as sent by no one
READINGS = {"be", "show", "prove", "demonstrate", "reflect", "expose", "underline", "highlight", "bear", "mark"}  # what
# a speaker makes of an attack told before ("said the attack showed ...", "said the shooting was the work of ...")
DISMAY_WORDS = {"disturb", "trouble", "shock", "appal", "appall", "outrage", "horrify", "sadden", "alarm", "dismay",
                "concern"}
PROJECTILES = {"round", "shell", "bullet", "rocket", "missile", "mortar", "shot", "fire", "drone", "projectile"}
CHARGING = {"accuse", "blame", "condemn", "criticise", "criticize", "denounce"}  # a second act of one denying
NAMING = {"call", "describe", "brand", "label", "term"}  # "calling the incident a provocation": what it is said to be
# Who had someone do it: "recruited by", "paid by" a party, told by another, is that one's charge against it.
HANDLING_VERBS = {"recruit", "hire", "pay", "task", "instruct", "direct", "finance", "fund", "train", "handle"}
MINED = {"copper", "gold", "coal", "silver", "iron", "lithium", "cobalt", "tin", "diamond", "uranium", "nickel",
         "zinc", "bauxite", "salt", "open-pit", "opencast"}  # "a copper mine": a place, no weapon
SCHEME_NOUNS = {"provocation", "show", "ploy", "stunt", "conspiracy", "fabrication", "set-up", "setup"}
SCHEME_CALLS = {"call", "describe", "dismiss", "reject", "brand", "condemn", "denounce"}  # "called it a provocation"
HANDLERS = {"handler", "agent", "officer", "operative", "member", "recruiter"}  # "by handlers of ISKP": ISKP
DISPERSING = {"disperse", "drive", "break", "push", "scatter", "clear", "repel", "force", "keep", "hold", "stop",
              "prevent"}
WORD_ACTS = {"ACCUSE", "REQUEST", "CONSULT", "REJECT", "ADVISORY"}  # acts done in words, aimed at a party
# Words that stand for an armed group or movement named elsewhere: "the group", "a group calling itself X".
GROUP_NOUNS = {"group", "faction", "militia", "organisation", "organization", "movement", "network", "outfit",
               "cell", "coalition", "alliance", "umbrella", "front"}
CLAIM_VERBS = {"claim", "admit", "accept", "assume", "take", "bear"}
SITE_HEADS = {"base", "airbase", "field", "port", "station", "site", "factory", "depot", "plant", "range"}
FRAME_PATH = ("xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "advcl", "conj", "nsubjpass", "relcl",
              "attr")


@dataclass
class Mention:
    type: str
    trigger: Token
    rule: Rule
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    actor_source: str = "syntax"
    dated_by: Token | None = None  # the word whose clause dates the event, when not the trigger (a claim's "said")
    judged: bool = False  # an event noun another mention judges ("condemned the attack"): may be one told before
    threatened: bool = False  # a protest a party threatens ("would begin a sit-in next week if ..."): what may come
    papers: list[Token] = field(default_factory=list)  # the papers that say it, when their writer is not told
    # where they stand ("The pamphlets demanded ..."): assemble looks for the writer of the same papers told before


class Recognizer:
    """Applies the pattern tables to sentences. Build once (it holds the loaded patterns); call `mentions`."""

    def __init__(self, patterns: Patterns):
        self.p = patterns
        self.object_control = patterns.frames["object_control"]
        self.weapons = frozenset(w for w, kinds in patterns.kind_words.items() if "weapon" in kinds)

    # ----------------------------------------------------------------- triggers
    def mentions(self, sent: Span) -> list[Mention]:
        found = []
        for token in sent:
            rules = sorted(self._candidate_rules(token), key=lambda r: -len(r.before))
            types_here: set[str] = set()
            for rule in rules:  # the most specific rule of a type wins ("rocket attack" over "attack")
                if rule.type not in types_here and self._applies(rule, token):
                    types_here.add(rule.type)
                    found.append(self._build(rule, token))
        found = _drop_tolls([m for m in found if not self._no_event(m) and not self._no_one_held(m)])
        self._agents_acting_elsewhere(found)
        found = [self._deported(_fire_on_drones(m)) for m in found]
        for m in found:
            if m.type in ("REQUEST", "ACCUSE", "REJECT") and not m.actors:
                self._paper_written_by(m)
            if m.type == "ACCUSE" and m.actors and all(a.lemma_.lower() in FINDINGS for a in m.actors):
                speech = self._told_under(m.trigger)  # "said preliminary findings pointed to remnants of the former
                culprits = [p for p in prep_objects(m.trigger, ["to"]) if self.is_party(p)]  # regime": the one
                m.actors = [s for s in _speakers(speech) if self.is_party(s)] if speech and culprits else []  # telling
                m.recipients = m.recipients or culprits  # of them alleges it (not "... to a personal motive")
        found = [next(iter(self._held_over(m.trigger, m.confidence) or []), m) if m.type in (
            "COOPERATE", "AID", "SUPPORT", "CONSULT", "PROTEST") and m.trigger.tag_ == "VBG" else m for m in found]
        # "were being questioned over sharing false information with foreign media": the captors' allegation
        found = self._reported_attributions(self._drop_references(self._drop_request_content(found)), sent)
        found = self._drop_reporting(self._threats(self._measures_threatened(found)))
        condemning = {m.trigger.i for m in found if m.type == "ACCUSE" and m.trigger.lemma_.lower() != "call"}
        found = [m for m in found if not (m.type == "ACCUSE" and m.trigger.lemma_.lower() == "call" and any(
            c.lower_ == "what" for c in m.trigger.children) and m.trigger.head.i in condemning)]  # "condemned what its
        # ministry called a criminal assault": one condemnation, voiced by the ministry
        found = self._ultimatums(found, sent)
        found += self._force_used_with(found, sent)
        found = self._victims_alleging_all(found)  # "students said officers had hit them with batons"
        found += self._warnings_to_anyone(found, sent)
        reprisals = self._reprisals_promised(found, sent)
        sayings = {r.trigger.i for r in reprisals}  # "said the Houthis would pay a very heavy price and that Israel
        found = [m for m in found if not (m.type == "THREATEN" and (s := self._told_under(m.trigger)) is not None
                                          and s.i in sayings)] + reprisals  # would strike anyone ...": one threat
        if any(m.rule.get("reprisal") for m in found):  # '"This cowardly attack will not go unpunished," the
            found = [m for m in found if not (m.type == "ASSAULT" and m.hypothetical  # minister said': the attack
                                              and m.trigger.dep_ == "nsubj" and m.trigger.head.lemma_ in ("go", "pay"))]
            # told, no attack to come
        warnings = [m.trigger for m in found if m.type == "THREATEN" and m.rule.lemma != "respond"]
        found = [m for m in found if not (m.type == "THREATEN" and m.rule.lemma == "respond" and any(
            w in m.trigger.ancestors for w in warnings))]  # "warned Kinshasa that Rwanda would respond if ...": one
        # threat, the warning's
        disowned = self._disowned_attacks(found, sent)
        denials = {d.trigger.head.i for d in disowned}  # "X denied any involvement": the attack denied, not a
        found = [m for m in found if not (m.type == "REJECT" and m.trigger.i in denials)] + disowned  # rejection
        named = {o.i for d in disowned for o in prep_objects(d.trigger, ["in", "to", "with"])}  # "denied that its
        found = [m for m in found if not (m.type == "ASSAULT" and m.trigger.i in named)]  # forces had any role in
        # the attack": the attack disowned is that denial's, not another told
        for m in found:
            if m.type == "ASSAULT" and m.negated and not {a.lower_ for a in m.actors} - ANYONE:  # ("denied that
                m.actors = self._denier_of_harm(m.trigger) or self._disowner(m.trigger)  # anyone had thrown stones")
        found += self._judgements(found, sent)
        self._mark_judged_in_speech(found)
        found = [m for m in found if not (m.type == "ASSAULT" and m.judged and m.trigger.tag_ == "NNS" and not any(
            c.dep_ in ("det", "poss", "nummod") for c in m.trigger.children))]  # "said attacks on humanitarian
        # workers were unacceptable": attacks in general, none told
        found += [_suspected(m, s) for m in found if m.type == "COERCE" and "arrest" in m.modes and m.actors
                  and not m.negated for s in prep_objects(m.trigger, ["on"]) if s.lemma_.lower() == "suspicion"]
        found = self._deployed_to_guard(self._crowd_acts(self._consequences(found)))
        found = self._others_work_suspended([self._foreign_staff_ordered_out(m) for m in found])
        found += self._protests_policed(found, sent)
        for m in found:
            kept_closed = m.type in ("ADVISORY", "RETREAT") and m.rule.lemma in ("stay", "remain")
            curfew = m.type == "COERCE" and "curfew" in m.modes  # "said a curfew would be enforced for 30 days"
            told = m.trigger.head if curfew and m.trigger.dep_ in ("nsubjpass", "dobj") else m.trigger
            if (m.type in ("PROTECT", "MOBILIZE") or "investigate" in m.modes or kept_closed or curfew) \
                    and m.hypothetical and self._announced(told):
                m.hypothetical = False  # "troops would escort aid convoys from now on, the army said": a measure;
                # "said the Islamic Emirate would investigate the incident": an inquiry; "said it would send 300
                # more police to Rosario": forces moved
            if (m.type == "PROTECT" or "investigate" in m.modes or curfew and not m.actors) \
                    and self._announced(told) and (
                    speech := self._speech_over(m.trigger)) is not None:  # the one announcing a measure takes it:
                m.actors = m.actors + [s for s in _speakers(speech, it=True) if s not in m.actors and not (  # "the
                    "investigate" in m.modes and s.lemma_.lower().startswith("spokes"))]  # minister said soldiers would
                # escort aid convoys", "said an independent panel would investigate" (not "a Taliban spokesman said
                # the Islamic Emirate would investigate": he only tells of its inquiry)
            if kept_closed and (speech := self._told_under(m.trigger)) is not None:  # "the ministry said the
                m.actors = _speakers(speech, it=True) + m.actors  # consulate would stay closed": the ministry's
            if m.type in ("MOBILIZE", "PROTECT") and not m.actors and is_passive(m.trigger) \
                    and not agent_of(m.trigger) and (speech := self._told_under(m.trigger) or next(
                        (c for c in children(m.trigger, "parataxis") if c.lemma_ in SAYING), None)) is not None \
                    and speech.lemma_ in SAYING:  # "the defence minister said army units had been put on a higher
                m.actors = [s for s in _speakers(speech, it=True) if self.kinds(s) & {  # state of readiness": moved
                    "government", "state", "military", "police"}]  # by the authority telling of it (or "Security
                # ... has been tightened ..., the interior ministry said")
            if m.type == "PROTECT" and not m.actors and is_passive(m.trigger) and not agent_of(m.trigger) and any(
                    s.lemma_.lower() in ("security", "protection") for s in children(m.trigger, *PASSIVE_SUBJECTS)):
                m.actor_source = "untold"  # "Security around the embassy was stepped up": a measure whose
                # taker the story leaves open
            if m.type == "ADVISORY" and not m.actors and is_passive(m.trigger) and not agent_of(m.trigger) \
                    and (speech := self._told_under(m.trigger)) is not None and speech.lemma_ in SAYING:
                m.actors = [s for s in _speakers(speech, it=True) if self.is_party(s)]  # "The U.S. embassy said its
                # personnel were barred from travelling to Jamundi": the embassy's advice
        found = [self._advice_said(m) for m in found]
        advised = {m.trigger.i for m in found if m.type == "ADVISORY"}
        found = [m for m in found if not (m.type == "REQUEST" and (m.trigger.i in advised or m.trigger.dep_ == "dobj"
                                                                    and m.trigger.head.i in advised))]
        # "urged Americans to avoid the zone", "repeated its call for Israelis not to travel": advice, not a request
        advised -= {m.trigger.i for m in found if m.type == "ADVISORY" and m.hypothetical}  # ("said the consulate
        # would be closed ... and urged citizens to stay away": advice given, beside a measure to come)
        words = [m for m in found if m.type in ("REQUEST", "ADVISORY") and m.trigger.head.i in advised and (
            m.trigger.dep_ in ("advcl", "xcomp") or m.trigger.dep_ == "conj" and (
                m.type == "REQUEST" or not children(m.trigger, "nsubj")) and not _dated_apart(m.trigger))
            and not (m.type == "REQUEST" and m.trigger.dep_ == "conj" and any(
                self.kinds(r) & {"government", "state", "police", "military"} for r in m.recipients))]
        # "..., urging Americans not to travel", "updated its advice, warning of a threat": the advice's own words
        # (not "advised against travel on Saturday and on Tuesday ordered families to leave": a second act; nor
        # "advised Malaysians to postpone travel and urged Thai authorities to ...": a request of a government);
        for said in words:  # whom they are for is whom the advice is for ("closed to the public and advised
            advice = next(m for m in found if m.type == "ADVISORY" and m.trigger.i == said.trigger.head.i)  # Germans
            advice.recipients += [r for r in said.recipients if r not in advice.recipients]  # to stay away")
        found = [m for m in found if not any(m is w for w in words)]
        found = [m for m in found if not self.risk_only(m, found) and not self._warned_of_others(m, found)]
        self._attacks_claimed(found)
        _attacks_threatened(found)
        self._whom_threatened_or_asked(found)
        found = [m for m in found if not _culprits_pursued(m, found)]
        # a crowd's fire is a riot, and air defences shooting something down defend: neither is an armed attack
        not_attacks = {m.trigger.i for m in found if m.type == "PROTEST" and "riot" in m.modes
                       or m.type == "PROTECT" and "counter-drone" in m.modes}
        found = [m for m in found if not (m.type == "ASSAULT" and m.trigger.i in not_attacks)]
        abducted = {m.trigger.i for m in found if m.type == "ASSAULT" and "abduct" in m.modes}
        found = [m for m in found if not (m.type == "ASSAULT" and m.rule.lemma == "hold" and any(
            c.i in abducted for o in children(m.trigger, "dobj") for c in children(o, "relcl", "acl")))]  # "holding
        # two aid workers who were abducted on Tuesday": that abduction
        found = [m for m in found if not (m.type == "COERCE" and m.trigger.i in abducted)]  # gunmen seizing
        # aid workers abduct them; police seizing them arrest
        claims: dict[int, Mention] = {}  # one saying is one claim: "said its fighters had killed officers when
        for claim in map(self._own_claim, found):  # they ambushed a patrol" claims both acts at once
            if claim is None:
                continue
            said = claims.setdefault(claim.dated_by.i if claim.dated_by is not None else claim.trigger.i, claim)
            said.recipients += [r for r in claim.recipients if r not in said.recipients]
        return self._force_justified(sent, [self._crowd_riot(m) for m in found] + list(claims.values()))

    def _whom_threatened_or_asked(self, found: list[Mention]) -> None:
        """Whom a threat with no recipient threatens in its words ("warned that Zionist interests would be targeted
        next", "would respond with full force to anyone who ...", "its attacks on the security forces would
        continue"), and the envoy summoned to hear a demand ("summoned Argentina's ambassador to demand a
        transparent investigation": the envoy is asked, the inquiry is what is asked for)."""
        for m in found:
            if m.type == "THREATEN" and not m.recipients:
                m.recipients = _threatened_in(m.trigger)
            if m.type == "REQUEST" and (summoned := _summoned_to_hear(m.trigger)):
                m.recipients = summoned + [r for r in m.recipients if r not in summoned and self.is_party(r)]

    def _force_justified(self, sent: Span, found: list[Mention]) -> list[Mention]:
        """"The ministry said officers had acted after migrants threw stones at them", "said its patrol opened fire
        after the boat tried to ram the patrol vessel", "said a patrol had fired in self-defence after being attacked
        by smugglers", "said its crew had fired at a pirogue that was fishing illegally": an authority telling that
        its own force acted because of what another did alleges that act against them (ACCUSE); what the other did
        is told only as its charge, and the force's own act is no claim."""
        if "ACCUSE" not in self.p.types:
            return found
        for speech in sent:
            if speech.lemma_.lower() not in self.p.frames["speech_verbs"]:
                continue
            for act in children(speech, "ccomp"):
                doers = children(act, "nsubj")
                own = bool(doers) and all(d.lemma_.lower() in OWN_FORCES | FORCE_BODIES and not _named_side(d)
                                          for d in doers)
                speakers = [s for s in _speakers(speech, it=True) if s.lower_ == "it" or self.kinds(s) & {
                    "government", "state", "military", "police"} or any(
                        c.dep_ == "poss" and c.lower_ in ("its", "their") for d in doers for c in d.children)]
                accused, told = _provocation(act, found) if own and speakers else ([], set())
                if not accused and not told or any(self.kinds(a) & {
                        "armed_group", "military", "police", "state", "government"} for a in accused):
                    continue  # ("the army said soldiers fired after gunmen attacked a checkpoint": a report)
                found = [m for m in found if not (m.trigger.i in told and (
                    m.type == "ASSAULT" or m.type == "PROTEST" and "riot" in m.modes)) and not (
                    m.type == "CLAIM" and (m.trigger.i == act.i or m.trigger.head.i == act.i))]
                if accused:
                    found.append(self._alleged(speech, speakers, accused, 0.6))
        return found

    @staticmethod
    def _consequences(found: list[Mention]) -> list[Mention]:
        """"A bomb exploded against the wall, cracking it and damaging a parked car": an attack told by a
        participle hung on another attack of the sentence is what that attack did; what it hit joins that one."""
        attacks = {m.trigger.i: m for m in found if m.type == "ASSAULT"}
        out = []
        for m in found:
            cause = m.trigger
            while m.type == "ASSAULT" and cause.tag_ == "VBG" and cause.dep_ in ("advcl", "conj") \
                    and cause.head.i != cause.i and cause.head.i not in attacks:
                cause = cause.head  # ("cracking the wall and damaging a car": through "cracking")
            parent = attacks.get(cause.head.i) if m.type == "ASSAULT" and cause.tag_ == "VBG" \
                and cause.dep_ in ("advcl", "conj") else None
            if parent is None or parent is m or m.actors and m.actors != parent.actors:
                out.append(m)
                continue
            parent.recipients += [r for r in m.recipients if r not in parent.recipients and not denied_party(r)]
        return out  # (not "hurting no one")

    def _crowd_acts(self, found: list[Mention]) -> list[Mention]:
        """"Several hundred people rallied outside the base, some of them hurling eggs and stones at the guard
        post": violence told by a participle hung on a protest, done by the crowd or some of it, is its riot."""
        protests = {m.trigger.i: m for m in found if m.type == "PROTEST" and m.actors}
        out = []
        for m in found:
            rally = protests.get(m.trigger.head.i) if m.type == "ASSAULT" and m.trigger.dep_ == "advcl" else None
            doers = children(m.trigger, "nsubj")
            part = _part_of_a_crowd(m.trigger, doers) if m.type == "ASSAULT" and rally is None else []
            if part:
                out.append(replace(m, type="PROTEST", modes=["riot"], actors=part, actor_source="syntax",
                                   rule=Rule("PROTEST", m.rule.pos, m.rule.lemma, (), {})))
                continue
            if rally is None or not doers or not all(d.lower_ in QUANTITIES | {"most", "few"} and prep_objects(
                    d, ["of"]) for d in doers):  # (not "..., days after a farmer was shot by soldiers")
                out.append(m)
                continue
            out.append(replace(m, type="PROTEST", modes=["riot"], actors=list(rally.actors), actor_source="syntax",
                               rule=Rule("PROTEST", m.rule.pos, m.rule.lemma, (), {})))
        return out

    def _protests_policed(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"Police fired tear gas to push back thousands of protesters trying to reach the embassy", "police arrested
        14 protesters outside the mission": a crowd of protesters dispersed or arrested was protesting, at the mission
        the sentence names, when the sentence tells no protest of its own. Marked `actor_source: "policed"`, so that
        merge drops it when the protest was told just before."""
        if "PROTEST" not in self.p.types or any(m.type == "PROTEST" for m in found):
            return []
        for m in found:
            policing = m.type == "ASSAULT" and "crowd-control" in m.modes or m.type == "COERCE" and "arrest" in m.modes
            if not policing or m.negated or m.hypothetical:
                continue
            crowd = [r for r in m.recipients  # ("thousands of protesters")
                     if {x.lemma_.lower() for x in [r, *prep_objects(r, ["of"])]} & PROTESTERS]
            if crowd:
                sites = [t for t in sent if t.lemma_.lower() in MISSION_WORDS | {"base", "commission", "office"}
                         and t.dep_ in ("pobj", "dobj") and t.pos_ == "NOUN"][:1]
                return [replace(m, type="PROTEST", modes=["demo"], actors=crowd[:1], recipients=sites,
                                actor_source="policed", rule=Rule("PROTEST", m.rule.pos, m.rule.lemma, (), {}))]
        return []

    def _unnamed_force(self, noun: Token) -> bool:
        """"officers", "a reinforced guard", "the 150 officers": forces no name tells (not "Indian soldiers", "Danish
        police")."""
        return noun.pos_ == "NOUN" and not noun.ent_type_ and not any(
            c.ent_type_ and c.ent_type_ not in ("CARDINAL", "QUANTITY") for c in noun.children) \
            and bool(self.kinds(noun) & {"police", "military"})

    def _bodies_saying(self, token: Token, named: list[Token]) -> list[Token]:
        """"City police said a reinforced guard would remain outside the embassy": the police force, army or ministry
        that says its unnamed forces act (not a spokesman, who only speaks for it), beside those forces."""
        return [s for s in self._forces_saying(token) if s not in named and s.pos_ != "PRON"
                and self.kinds(s) & {"police", "military", "government"} and s.lemma_.lower() not in SPOKESPEOPLE]

    def _foreign_staff_ordered_out(self, m: Mention) -> Mention:
        """"Caracas ordered Chile's diplomats to leave Venezuela within 72 hours", "Nicaragua ordered the head of the
        U.N. Development Programme to leave": a state ordering another state's diplomats (or an agency's staff) out
        expels them (SANCTION), which ordering its own out (an ordered departure) does not."""
        if m.type != "ADVISORY" or "ordered-departure" not in m.modes or "SANCTION" not in self.p.types:
            return m
        ours = {c for a in m.actors for t in [a, *children(a, "poss", "amod", "compound")]  # ("Venezuela's foreign
                for c in (context.country_named(t.text), context.country_of_capital(t.text),  # ministry")
                          context.country_of_adjective(t.text)) if c}
        ordered = children(m.trigger, "dobj") or m.recipients
        named = [e for r in ordered for e in r.doc.ents  # "Chile's diplomats", "two staff members of the United Arab
                 if e.label_ in ("GPE", "NORP") and r.left_edge.i <= e.start and e.end <= r.right_edge.i + 1  # Emirates
                 and not e.start <= r.i < e.end]  # embassy" (not "to leave Venezuela")
        theirs = {c for e in named for c in (context.country_named(e.text), context.country_of_adjective(e.text))
                  if c}
        agencies = [w for r in ordered for w in r.subtree if w.pos_ in ("PROPN", "NOUN") and self.kinds(w) & {
            "igo", "ngo"}]  # "ordered the head of the U.N. Development Programme to leave": its staff expelled
        if not ours or not (theirs and not ours & theirs or agencies):
            return m
        return self._deported(replace(m, type="SANCTION", modes=["expel"], recipients=ordered,  # (an aid group's
                                      rule=Rule("SANCTION", m.rule.pos, m.rule.lemma, (), {})))  # staff: deported)

    def _others_work_suspended(self, found: list[Mention]) -> list[Mention]:
        """"Burundi suspended the aid group's activities", "the government suspended the work of Doctors Without
        Borders": a government stopping another body's work bans that body (COERCE, whose recipient it is), and
        stops no work of its own (RETREAT); "the government suspended its work" or "military operations" is no
        ban (the rule's `others_work`)."""
        out, banned = [], set()
        for m in found:
            if m.type == "COERCE" and m.rule.get("others_work"):
                owners = [o for w in children(m.trigger, "dobj") for o in [
                    *children(w, "poss"), *prep_objects(w, ["of"])] if o.pos_ != "PRON" and self.is_party(o)]
                if not owners:
                    continue
                m.recipients = owners
                banned.add(m.trigger.i)
            out.append(m)
        return [m for m in out if not (m.type == "RETREAT" and m.trigger.i in banned)]

    def _deployed_to_guard(self, found: list[Mention]) -> list[Mention]:
        """"About 200 officers were deployed around the building", "soldiers had been deployed around the embassy
        and the homes of its diplomats": forces placed around, outside or at a building guard it (PROTECT), which
        raising forces (MOBILIZE) does not say; "deployed to the border" stays a deployment."""
        guarded = {m.trigger.i for m in found if m.type == "PROTECT"}
        out = []
        for m in found:
            places = [m.trigger, *children(m.trigger, "dobj")] + [w for x in children(m.trigger, "xcomp", "advcl")
                                                                   for w in [x, *children(x, "dobj")]]
            sites = [] if m.type != "MOBILIZE" else [  # ("sent soldiers to take up positions around the base")
                o for o in with_conjuncts([p for w in places for p in prep_objects(w, ["around", "outside", "at"])])
                if o.lemma_.lower() in GUARDED_SITES or any(c.lemma_.lower() in GUARDED_SITES
                                                             for c in children(o, "compound"))] + [
                o for w in [m.trigger, *children(m.trigger, "dobj", "dative")] for o in [
                    *prep_objects(w, ["to"]), *(children(w, "pobj") if w.dep_ == "dative" else [])]
                if o.lemma_.lower() in MISSION_WORDS or any(
                    c.lemma_.lower() in MISSION_WORDS for c in children(o, "compound"))]  # ("sent 50 officers to the
            # embassy", "police had been sent to the embassy compound": to guard it)
            purposes = {x.i for x in children(m.trigger, "xcomp", "advcl") if any(
                a.dep_ == "aux" and a.lower_ == "to" for a in x.children)}
            places = prep_objects(m.trigger, ["to", "into"]) + [o for d in children(m.trigger, "dative")
                                                                 for o in children(d, "pobj")]  # ("sent to Gumuruk")
            if m.type == "MOBILIZE" and (purposes & guarded or m.trigger.i in guarded) and not any(
                    p.ent_type_ in ("GPE", "LOC", "FAC") or p.pos_ == "PROPN" for p in places) \
                    and not _reinforcing_forces(m.trigger):
                continue  # "sent extra units to escort the convoys": the escort is the record, not a troop move
                # (but "flew 60 soldiers to Manus to secure the base" moved troops to a place too, and "150 soldiers
                # had been sent to reinforce patrols along the border" add to forces in the field)
            if not sites:
                out.append(m)
            elif m.trigger.i not in guarded:
                guarded.add(m.trigger.i)
                out.append(replace(m, type="PROTECT", modes=["guard"], recipients=sites,
                                   rule=Rule("PROTECT", m.rule.pos, m.rule.lemma, (), {})))
        return out

    def _agents_acting_elsewhere(self, found: list[Mention]) -> None:
        """"A bomb exploded near the embassy, days after gunmen stormed a hotel": gunmen who do another act of the
        sentence do not stand in (`_agent_noun`) for the unknown doer of this one."""
        doers = {a.i for m in found if m.actor_source == "syntax" for a in m.actors}
        for m in found:
            if m.actor_source == "agent-noun" and any(a.i in doers for a in m.actors):
                m.actors = []
                m.actor_source = "weapon only" if children(m.trigger, "nsubj", "nsubjpass") else "syntax"
                m.confidence = self._confidence(m)

    def mention_at(self, token: Token, event_type: str) -> Mention:
        """A mention of `event_type` on a trigger chosen elsewhere (the trained detector), with the argument rules
        every pattern mention gets."""
        return self._build(Rule(event_type, "verb" if token.tag_.startswith("VB") else "noun", token.lemma_.lower(),
                                (), {}), token)

    def _force_used_with(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"Riot police responded with water cannon and tear gas", "officers waded in with truncheons", "police
        pushed them back with batons", "were subdued with pepper spray, the police said": a force acting with
        crowd-control weapons uses force on the crowd (ASSAULT, crowd-control), whatever the verb."""
        if "ASSAULT" not in self.p.types:
            return []
        taken, out = {m.trigger.i for m in found}, []
        for prep in sent:
            verb = prep.head
            if prep.lower_ != "with" or prep.dep_ != "prep" or verb.pos_ != "VERB" or verb.i in taken:
                continue
            if not any(_riot_gear(t) for o in children(prep, "pobj") for t in with_conjuncts([o])):
                continue
            m = self.mention_at(verb, "ASSAULT")
            if not m.actors and is_passive(verb):
                m.actors = self._forces_saying(verb)
            if not m.actors or not all(self.kinds(a) & {"police", "military"} for a in m.actors):
                continue
            m.modes, m.hypothetical = ["crowd-control"], False
            taken.add(verb.i)
            out.append(m)
        return out

    def _attacks_claimed(self, found: list[Mention]) -> None:
        """"X claimed responsibility for a roadside bomb that struck a convoy": the attack claimed, with no doer of
        its own, is the claimant's (attributed through the claim, as an analyst codes it)."""
        for claim in found:
            if claim.type != "CLAIM" or claim.negated or not claim.actors or not claim.trigger.tag_.startswith("VB"):
                continue
            objects = children(claim.trigger, "dobj")
            if any(o.lemma_.lower() in ("responsibility", "credit") for o in objects):  # "... for X": X, where hung
                objects = [p for o in objects for p in prep_objects(o, ["for"])] + prep_objects(claim.trigger, ["for"])
            claimed = {o.i for o in objects} | {c.i for o in objects for c in o.children if c.dep_ in ("relcl", "acl")}
            for m in found:
                if m.type == "ASSAULT" and not m.actors and m.trigger.i in claimed:
                    m.actors, m.actor_source = list(claim.actors), "claim"

    def _own_claim(self, m: Mention) -> Mention | None:
        """"The Guards said they had targeted a spy centre", "Al-Shabaab said its fighters had killed officers when
        they ambushed a patrol": an attacker telling of its own attack claims it, and the attack is the speaker's
        (its doers are "we", "they", "it" or the speaker's own: "its fighters", "our forces")."""
        if m.type != "ASSAULT" or "CLAIM" not in self.p.types or "crowd-control" in m.modes:
            return None  # ("police fired tear gas to disperse them, the ministry said": policing told, no claim)
        clause = _holding(m.trigger) if "abduct" in m.modes else None  # "said it was holding two aid workers who
        if clause is None and is_passive(m.trigger):  # were abducted on Tuesday": the holder took them
            return None
        clause = clause or m.trigger
        if clause.dep_ == "dobj" and clause.head.lemma_ in self.p.frames["light_verbs"]:
            clause = clause.head  # "said its forces had carried out a massive strike"
        doers = list(children(clause, "nsubj"))
        for _ in range(2):  # "... had killed officers when they ambushed a patrol": up to the clause said
            if clause.dep_ not in ("advcl", "conj") or clause.head.pos_ not in ("VERB", "AUX"):
                break
            clause = clause.head
            doers += children(clause, "nsubj")
        speech = self.saying_of(clause, denials=True)
        if speech is None or not doers:
            return None
        denial = self._negating(speech)
        speakers = _speakers(speech, it=True)  # "It said its fighters had ...": "it" is resolved by assemble
        if self._papers(speakers):  # "a note signed by a group calling itself X said ..."
            speakers = self._authors(speakers, speech)
        if not speakers:
            return None
        group_voice = any("armed_group" in self.kinds(t) for s in speakers for t in s.subtree)  # "Saree, the
        if not all(_said_of_itself(d) or _the_group(d) and group_voice for d in doers):  # Houthis' spokesman, said
            # the group had targeted ...": his group
            if denial and all(d.lemma_.lower() in OWN_FORCES and not _named_side(d) for d in doers):
                m.actors, m.actor_source, m.negated = list(speakers), "claim", True  # "a military spokesman
                return None  # denied that soldiers had burned homes": the denier's side's attack, denied
            if denial or not all(self._forces_of(d, speakers) or self._own_army(d, speakers) for d in doers):
                return None  # "the defence ministry said soldiers had killed dozens of insurgents": its own forces
        else:
            m.actors, m.actor_source = list(speakers), "claim"  # the attack is the claimant's
        if denial:  # "Mismari denied that his forces had targeted the airport": his side's negated attack, no claim
            m.negated = True
            return None
        if m.negated:  # "the soldiers did not return fire, KFOR said": no attack of its own told, none claimed
            return None
        return Mention("CLAIM", m.trigger, m.rule, actors=speakers, recipients=list(m.recipients),
                       negated=m.negated or self._negated(speech), hypothetical=m.hypothetical,
                       confidence=m.confidence, dated_by=speech)

    def _forces_of(self, doer: Token, speakers: list[Token]) -> bool:
        """"Troops", "soldiers" or "security forces" with no owner named, told of by an army, a ministry or a state:
        the speaker's own forces."""
        return doer.lemma_.lower() in OWN_FORCES and not _named_side(doer) and not any(
            c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in doer.children) \
            and all(self._commands_forces(s) for s in speakers)

    def _own_army(self, doer: Token, speakers: list[Token]) -> bool:
        """"The government said the army had destroyed the column": "the army", unnamed, told of by a government or
        state (not by another armed force, whose "the army" is its enemy's)."""
        return _the_army(doer) and all(self.kinds(s) & {"government", "state"} and not self.kinds(s) & {
            "military", "armed_group"} for s in speakers)

    def _commands_forces(self, speaker: Token) -> bool:
        """An army, a state, or a ministry of defence or the interior: one whose own forces act (not the police
        reporting what security forces did, nor a health ministry counting the wounded)."""
        kinds = self.kinds(speaker)
        if "police" in kinds:
            return False
        if kinds & {"military", "state"}:
            return True
        words = {t.lemma_.lower() for t in speaker.subtree}
        return "government" in kinds and bool(words & {"defence", "defense", "interior", "army", "military"})

    def saying_of(self, clause: Token, denials: bool = False) -> Token | None:
        """The verb saying `clause`, if it is what someone says (or, with `denials`, denies): "they said they had
        hit a ship", or through a statement's words, "said in a statement on Telegram that its fighters had hit"
        (the clause hung on "statement")."""
        speech = self._told_under(clause)
        if speech is None:
            return None
        said = speech.lemma_ in SAYING or denials and self._negating(speech)
        return speech if said else None

    def _deported(self, m: Mention) -> Mention:
        """"expelled two employees of the Norwegian Refugee Council", "ordered its country director to leave":
        expelling aid workers, a charity's staff, priests or students deports them (COERCE); expelling diplomats,
        officials or a U.N. envoy stays a sanction."""
        expelled = m.recipients or children(m.trigger, "dobj")
        if m.type != "SANCTION" or "expel" not in m.modes or "COERCE" not in self.p.types or not expelled:
            return m
        for person in expelled:
            if person.lemma_.lower() not in NOT_DIPLOMATS or any(
                    "igo" in (kinds := self.kinds(t)) or kinds & {"government", "state"} and "ngo" not in kinds
                    or t.lemma_.lower() in ("embassy", "consulate", "diplomatic") for t in person.subtree):
                return m  # ("the head of the U.N. mission's human rights division", "the embassy's staff")
        return replace(m, type="COERCE", modes=["deport"], rule=Rule("COERCE", m.rule.pos, m.rule.lemma, (), {}))

    def author_of(self, paper: Token) -> Token | None:
        """Who wrote the message, statement or note `paper` that a sentence is about ("A message on a page of a group
        calling itself X said ..."): `_authors`, or None when it is no paper or the text leaves its author open."""
        if not self._papers([paper]):
            return None
        said = paper.head.head if paper.dep_ == "pobj" and paper.head.lower_ == "in" else None
        if said is not None and said.lemma_ in SAYING:  # "The front said in a statement that ...": the front
            return next((s for s in _speakers(said, it=True) if self.is_party(s)), None)
        return next(iter(self._authors([paper], paper.head)), None)

    def _announced(self, verb: Token) -> bool:
        """"Troops will patrol the road and escort convoys, it said": a measure someone says will be taken, on no
        condition, is one decided (the golden convention codes it as taken)."""
        while verb.dep_ == "conj" and not children(verb, "aux") and verb.head.pos_ == "VERB":
            verb = verb.head  # ("... and escort convoys": as announced as "will patrol")
        if verb.pos_ != "VERB" or not _future(verb) or any(
                c.dep_ == "mark" and c.lower_ in self.p.frames["conditional_marks"]
                for a in children(verb, "advcl") for c in a.children):
            return False
        if verb.dep_ == "ROOT" and any(a.lower_ in ("will", "'ll") for a in children(verb, "aux")):
            return True  # "El Salvador will put soldiers on every convoy": the story's own news of a decision
        speech = self._speech_over(verb)
        return speech is not None and speech.lemma_.lower() in SAYING

    def _forces_told_by(self, mention: Mention) -> None:
        """Guards no body is named for take the bodies saying so (`_bodies_saying`); "The interior minister told
        reporters that 150 soldiers had been sent to reinforce patrols": forces sent by no one named are sent by the
        authority telling of it."""
        token = mention.trigger
        if mention.type == "PROTECT" and mention.actors and all(self._unnamed_force(a) for a in mention.actors):
            mention.actors += self._bodies_saying(token, mention.actors)
        if mention.type != "MOBILIZE" or mention.actors or not is_passive(token):
            return
        speech = self._speech_over(token)
        if speech is not None and speech.lemma_.lower() in SAYING | {"tell"}:
            mention.actors = [s for s in _speakers(speech) if s.pos_ != "PRON" and self.kinds(s) & AUTHORITIES]

    def _speech_over(self, verb: Token) -> Token | None:
        """The verb whose content `verb` is, or is joined to: "said it had sent reinforcements and that troops
        would escort convoys", "said it had liberated Kanem and that its columns would march on the capital"."""
        speech = self._told_under(verb)
        while speech is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            speech = self._told_under(verb)
        return speech

    def _told_under(self, clause: Token) -> Token | None:
        """The verb whose content `clause` is: its head when it is a ccomp, the verb over a statement whose words
        it is ("said in a statement that ..."), else None."""
        if clause.dep_ in ("acl", "relcl") and clause.head.lemma_.lower() in self.p.frames["saying_nouns"] \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):  # (a "that" marking
            return self._governing_verb(clause.head) or clause.head  # the clause, not its object: no relative)
        if clause.dep_ == "relcl" and children(clause, "nsubj") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):  # "said in a statement on a website
            statement = next((t for t in climb(clause.head, through=("pobj", "prep", "acl"), limit=6)  # linked to
                              if t.lemma_.lower() in self.p.frames["saying_nouns"]), None)  # the group that its
            if statement is not None:  # fighters had targeted ...": the statement's words, hung on the last noun
                return self._governing_verb(statement) or statement
        statement = clause.head.head
        if clause.dep_ == "ccomp" and clause.head.dep_ == "acl" and clause.head.tag_ == "VBN" \
                and statement.lemma_.lower() in self.p.frames["saying_nouns"] and statement.dep_ == "pobj":
            said = self._governing_verb(statement)  # "said in a video posted online that it had carried out
            if said is not None and said.lemma_.lower() in SAYING:  # the attack": the parse hangs what is said on
                return said  # the participle
        if clause.dep_ == "conj" and clause.head.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):  # "said that the group had hit
            return clause.head.head  # the city and that its attacks would continue": a second thing said
        return clause.head if clause.dep_ == "ccomp" else None

    def _drop_reporting(self, found: list[Mention]) -> list[Mention]:
        """"speaking to AFP", "told Reuters when asked whether Baghdad would ask U.S. troops to leave": talking to
        the press is how a report was made, not a meeting or a request; a question put by a reporter is no event."""
        outlets = self.p.frames["news_outlets"]
        kept = []
        for m in found:
            parties = [*m.recipients, *prep_objects(m.trigger, ["to", "with"]),  # (not who speaks: "the agency
                       *children(m.trigger, "dobj", "dative")]  # called on the authorities" is a U.N. agency's call)
            if m.type in ("CONSULT", "REQUEST") and any(
                    p.lower_ in outlets or p.lemma_.lower() in outlets for p in parties):
                continue
            if m.trigger.dep_ == "pobj" and m.trigger.head.lower_ == "about" \
                    and m.trigger.head.head.lemma_.lower() in ("ask", "question"):
                continue  # "when asked about the attack": the reporter's topic, an event told elsewhere
            if any(above.lemma_.lower() == "ask" and any(
                    c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in below.children)
                   for below, above in _pairs_up(m.trigger, 3)):
                continue
            kept.append(m)
        return kept

    def _threats(self, found: list[Mention]) -> list[Mention]:
        """"X warned of an escalation if the US refused to withdraw", "they said they would continue to target
        ships": an attack a party says it will make is its THREATEN, not an attack; and what a threat is
        conditional on ("if the US refused to withdraw") is the threat's condition, not an event."""
        if "THREATEN" not in self.p.types:
            return found
        warnings = [m.trigger for m in found if m.type == "THREATEN"]
        threatened = {t.i for t in warnings} | {s.i for t in warnings if (s := self._told_under(t)) is not None}
        out = []  # (one threat for each saying: "said the Houthis would pay a heavy price and that Israel would
        for m in found:  # strike anyone who ...")
            speech = self._promised_by_speaker(m) if m.type == "ASSAULT" else None
            if speech is None:
                out.append(m)
            elif speech.i not in threatened:
                threatened.add(speech.i)
                speakers, papers = self._tellers(speech)  # (or the e-mail's writer, or none the text names)
                own = speakers and any(self._forces_of(d, speakers) or self._own_army(d, speakers) for d in m.actors)
                out.append(replace(m, type="THREATEN", modes=["violence"], hypothetical=False,
                                   actors=speakers + m.actors if own else m.actors or speakers,  # "the government
                                   # said the army would hunt down those responsible": the government's threat, by its
                                   # army
                                   actor_source="unsigned" if papers and not speakers and self._unsigned(papers)
                                   else m.actor_source,
                                   rule=Rule("THREATEN", "verb", m.trigger.lemma_.lower(), (), {})))
                if papers:  # the bombing an e-mail threatens is also told, as what may come
                    out.append(m)
        if not threatened and not any(m.type == "THREATEN" for m in out):
            return out
        conditions = {t.i for m in out if m.type == "THREATEN" for t in self._conditions(m.trigger)}
        return [m for m in out if m.trigger.i not in conditions]

    def _measures_threatened(self, found: list[Mention]) -> list[Mention]:
        """'"If our colleague is not free by Friday, the Belarusian consulate will be closed," the foreign minister
        said', "said the government would expel them if the interference continued", "warned that Tehran would
        restrict the activities of any mission that ...": a measure against another party told as what will be
        done if it does (or does not) do something, or as a warning, is a THREATEN by whoever says so (or by
        whoever would take it), of that kind (expel, restrict, arrest, relations); not the measure."""
        if "THREATEN" not in self.p.types:
            return found
        warnings = {m.trigger.i for m in found if m.type == "THREATEN"}
        out = []
        for m in found:
            mode = self._measure_kind(m) if m.hypothetical and not m.negated else None
            verbs = [m.trigger.head if m.type == "PROTEST" and m.trigger.pos_ == "NOUN" and m.trigger.dep_ == "dobj"
                     else m.trigger]  # ("would begin a sit-in outside the secretariat if ...": the beginning)
            while verbs[-1].dep_ in ("conj", "xcomp") and verbs[-1].head.pos_ == "VERB":
                verbs.append(verbs[-1].head)  # ("would close the consulate and expel the staff if ...", "would not
                # hesitate to expel them if ...")
            speech = self._speech_over(verbs[-1]) if mode else None
            conditional = any(c.dep_ == "mark" and c.lower_ in self.p.frames["conditional_marks"]
                              for v in verbs for a in children(v, "advcl") for c in a.children)
            warned = speech is not None and speech.lemma_.lower() in ("warn", "threaten") and mode != "protest"
            # (not "warned that the move would fuel more unrest": a risk foreseen)
            if not any(map(_future, verbs)):
                mode = None  # ("warned that protesters could be arrested": a risk, no one's threat)
            actors = _speakers(speech, it=True) if speech is not None else []
            protest = m.type == "PROTEST"  # "the union said drivers would block the highways unless ...": the
            actors = actors + [a for a in m.actors if a not in actors and not (protest and actors)]  # union's
            if mode == "protest" and any(self.kinds(a) & {"armed_group", "military"} for a in actors):
                mode = None  # ("the rebels said their columns would march on the capital unless ...": a threat of
                # force, an ultimatum's)
            if not mode or not (conditional or warned) or not actors or speech is not None and speech.i in warnings:
                out.append(m)
                continue
            if mode == "protest":  # ("would bring its members onto the streets": those who march are no target)
                recipients = [r for r in m.recipients if r not in children(m.trigger, "dobj")]
            else:  # (the roads blocked; "those who organised the roadblock would be arrested")
                recipients = m.recipients or (children(m.trigger, "dobj") if protest else []) or _whoever_acts(
                    m.trigger)
            if m.type == "RETREAT":  # "would pull its troops out of the task force": the force
                recipients = [r for r in recipients if r not in children(m.trigger, "dobj")] or [
                    o for p in children(m.trigger, "prep", "prt") for o in prep_objects(p, ["of"]) or [p]
                    if o.pos_ in ("NOUN", "PROPN")]
            out.append(replace(m, type="THREATEN", modes=[] if mode == "protest" else [mode],  # (the ontology has
                               hypothetical=False, actors=actors,  # no kind for a threatened protest)
                               recipients=recipients, dated_by=speech or m.dated_by,
                               rule=Rule("THREATEN", "verb", m.trigger.lemma_.lower(), (), {})))
            if protest:  # and the protest threatened, as what may come
                out.append(replace(m, threatened=True))
        return out

    def _measure_kind(self, m: Mention) -> str | None:
        """What kind of threat a measure against another party would make: expel, restrict, arrest, relations."""
        if m.type == "SANCTION":
            return "expel" if "expel" in m.modes else "relations" if {"discontinue", "withdraw"} & set(m.modes) \
                else None
        if m.type == "COERCE":
            return next((k for k, modes in (("expel", {"deport"}), ("restrict", {"restrict", "ban"}),
                                            ("arrest", {"arrest"})) if modes & set(m.modes)), None)
        if m.type == "PROTEST":  # "would blockade the roads to the base every Friday if the government did not act";
            return "restrict" if "obstruct" in m.modes else "protest"  # "would begin a sit-in next week if ..."
        if m.type == "RETREAT" and m.rule.lemma == "close":  # "Poland would close one of Russia's consulates",
            speech = self._speech_over(m.trigger)  # "the Belarusian consulate will be closed," Poland's minister
            voices = {t.lower_ for s in (_speakers(speech) if speech is not None else []) for t in s.subtree}  # said
            owners = [c for o in [*children(m.trigger, "dobj", "nsubjpass"), *m.recipients] for c in o.subtree
                      if c.dep_ in ("poss", "amod", "compound") and c.ent_type_ in ("GPE", "NORP")]
            return "relations" if owners and not any(c.lower_ in voices for c in owners) else None  # (not its own)
        if m.type == "RETREAT" and "withdraw" in m.modes and any(
                d.lemma_.lower() in TROOPS for d in children(m.trigger, "dobj")):  # "would pull its troops out of
            return "relations"  # the task force if the other member states did not share the burden"
        return None

    def _warnings_to_anyone(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"The minister said anyone who touched the aid would be treated as a terrorist and jailed", "warned that
        anyone firing on its territory would be met with force", "police said those who organised the roadblock would
        be arrested": a speaker telling what will be done to whoever acts threatens it (THREATEN: arrest, or
        force)."""
        if "THREATEN" not in self.p.types or any(m.type == "THREATEN" and not m.hypothetical for m in found):
            return []
        quoted = speech_before_quote(sent, SAYING)  # '... the chief of staff told reporters. "Anyone who opens fire
        for clause in sent:  # on our territory will be met with force."': his words go on
            speech = quoted if clause.dep_ == "ROOT" and quoted is not None else clause.head
            if clause.dep_ not in ("ccomp", "ROOT") or clause.dep_ == "ROOT" and quoted is None \
                    or speech.lemma_.lower() not in SAYING | {"warn", "tell", "write"} \
                    or not to_come(clause) or not _whoever_acts(clause):
                continue
            acts = [clause, *children(clause, "conj")]
            done = {v.lemma_.lower() for v in acts if v.lemma_.lower() != "treat" or any(
                p.lower_ == "as" for p in children(v, "prep")) or any(  # ("treated as a terrorist", "treated the
                    w.lemma_.lower() in ("way", "fate") for w in children(v, "npadvmod", "dobj"))}  # same way", not
            # "treated in hospital")
            if not done & PUNISHING or "meet" in done and not any(  # ("met with force", not "met with officials")
                    p.lemma_.lower() == "force" for p in prep_objects(clause, ["with"])) or "face" in done and not any(
                    o.lemma_.lower() in FACED for o in children(clause, "dobj")):  # (not "would face delays")
                continue
            speakers = _speakers(speech, it=True)
            if not speakers and speech.dep_ == "advcl" and speech.tag_ == "VBG" and speech.head.lemma_ in SAYING:
                speakers = _speakers(speech.head, it=True)  # "the president said ..., warning that anyone who ..."
            if speakers:
                mention = self.mention_at(speech, "THREATEN")
                mention.actors, mention.recipients = speakers, _whoever_acts(clause)  # (whom it threatens)
                self._writers(mention)  # ('"... will be treated as an enemy," the statement said': its writers)
                mention.modes = ["arrest"] if done & {"arrest", "prosecute", "jail", "imprison"} else [
                    "ban"] if done & {"shut", "close", "ban"} else ["expel"] if done & {"expel", "deport"} else [
                    "violence"]
                return [mention]
        return []

    def _ultimatums(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"The rebels said their columns would march on the capital unless Deby stepped down", "vowed to besiege
        the embassy unless India halts the work": a party saying it (or its side) will strike, block or march if
        its condition is not met makes a threat, whatever the verb of saying. The act must be one of
        frames.json's `ultimatum_acts`: "the embassy would stay closed unless security improved" is advice, not a
        threat. The threatened are those the act is done to (or who would suffer it, "foreign troops would face
        the resistance's weapons")."""
        if "THREATEN" not in self.p.types:
            return found
        said = {m.trigger.i for m in found if m.type == "THREATEN" and not m.rule.get("conditional")}  # (a warning
        # read as conditional gives way to the ultimatum, which knows whom it threatens)
        protests = {m.trigger.i for m in found if m.type == "PROTEST"}  # "would bring its members onto the streets"
        measures = {m.trigger.i for m in found if m.type == "THREATEN" and m.rule.pos == "verb" and m.rule.lemma != (
            "threaten")}  # ("would expel them if ...": `_measures_threatened`)
        out: list[Mention] = []
        conditions: set[int] = set()  # what is asked ("unless Deby stepped down") is no event of its own
        for condition in sent:
            marks = {c.lower_ for c in condition.children if c.dep_ == "mark"}
            if condition.dep_ != "advcl" or not marks & {"if", "unless", "until"}:
                continue
            act = condition.head
            while act.dep_ == "relcl" and act.head.dep_ == "npadvmod" and act.head.lemma_.lower() == "time":
                act = act.head.head  # 'would block the road "every time a bus arrives" unless ...': the blocking
            if not marks & {"if", "unless"} and not self._comes_back(act):
                continue  # "would return to the camp every Saturday until a date is set": a crowd's ultimatum
            word = act.lemma_.lower()
            speech = self._ultimatum_speech(act, protests)
            if speech is None or speech.i in said or act.i in measures:  # (a measure threatened is one already)
                continue
            speakers, papers = self._tellers(speech, it=True)  # ("the note said that ...")
            if not speakers and not self._unsigned(papers):
                continue
            said.add(speech.i)
            mention = self.mention_at(speech, "THREATEN")
            suffered = word in ("face", "be") or word in ("burn", "collapse", "explode") and not children(
                act, "dobj")  # (what they would face is no one threatened; 'the embassy would "burn to the
            # ground"': the embassy is)
            own_people = act.i in protests and word not in self.p.frames["ultimatum_acts"]  # (those brought
            objects = [] if suffered or own_people else [o for o in children(act, "dobj") if o.lemma_.lower() not in (
                "siege", "strike")] or prep_objects(act, ["on", "against", "at", "to"])  # (onto the streets)
            if self._comes_back(act):  # "would return if the consulate kept collecting the tax": the consulate
                objects = children(condition, "nsubj")
            sufferers = [s for s in children(act, "nsubj", "nsubjpass") if suffered or is_passive(act)]
            mention.actors, mention.actor_source = speakers, "syntax" if speakers else "unsigned"
            mention.recipients = [t for t in objects + sufferers if not _said_of_itself(t)]
            mention.negated, mention.hypothetical = self._negated(speech), False
            protest = any(o.i in protests for o in children(act, "dobj"))  # ("begin a hunger strike")
            mention.modes = [] if self._comes_back(act) or protest else ["violence"]  # (a crowd's return is none)
            out.append(mention)
            conditions |= {t.i for t in condition.subtree}
        spoken = {m.trigger.i for m in out}
        return [m for m in found if m.trigger.i not in conditions
                and not (m.rule.get("conditional") and m.trigger.i in spoken)] + out

    def _reprisals_promised(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"Israel's defence minister said the Houthis would pay a very heavy price", "said the killing would not
        go unpunished": saying that a party will pay for what it did threatens it (the words are frames.json's
        `reprisal_prices`, paid, and `reprisal_impunity`, which it will not go); the threat is the speaker's."""
        if "THREATEN" not in self.p.types:
            return []
        likeness = self.p.frames["reprisal_likeness"]  # "will receive the same treatment", "will be next"
        idioms = {"pay": self.p.frames["reprisal_prices"], "go": self.p.frames["reprisal_impunity"],
                  "receive": likeness, "get": [*likeness, "alive"], "suffer": likeness, "meet": likeness,
                  "be": ["next"], "leave": ["alive"], "return": ["alive"], "come": ["alive"]}
        negated = {"go", "leave", "return", "come"}  # ("would not go unpunished", "will not leave the island alive")
        threats, out = {m.trigger.i for m in found if m.type == "THREATEN"}, []
        for act in sent:
            words = idioms.get(act.lemma_.lower())
            if not words:
                continue
            clause = act.head.head if act.dep_ == "relcl" and act.head.dep_ in ("attr", "dobj") else act  # ("said
            speech = self._told_under(clause)  # it was an assault that would not go unpunished")
            if speech is None and clause.dep_ == "conj" and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):  # "said ..., and that any
                speech = clause.head if clause.head.lemma_ in SAYING else self._speech_over(clause)  # agency
                # entering the zone will receive the same treatment": a second thing said
            if speech is None or not _future(act) or speech.i in threats \
                    or speech.lemma_.lower() not in SAYING | set(self.p.frames["warning_verbs"]):
                continue
            said = children(act, "dobj", "advmod", "acomp", "oprd", "attr")  # "a heavy price", "dearly",
            # "unpunished", "next"
            if not any(c.lemma_.lower() in words and (c.lemma_.lower() not in likeness or any(
                    m.lower_ in ("same", "similar") for m in c.children)) for c in said):
                continue  # (not "the wounded would receive treatment")
            alive = any(c.lemma_.lower() == "alive" for c in said)  # "would not get out alive"
            if bool(children(act, "neg")) != (act.lemma_.lower() in negated or alive):  # ("would not pay": none)
                continue
            papers = self._papers_threatening(speech) if speech.tag_ == "VBG" else [  # "a note warning that the
                s for s in _speakers(speech) if self._papers([s])]  # embassy will be next", "the note said ..."
            speakers = self._authors(papers, speech) if papers else [
                s for s in _speakers(speech, it=True) if self.is_party(s)]
            if not speakers and not self._unsigned(papers):
                continue
            mention = self.mention_at(speech, "THREATEN")
            mention.rule = replace(mention.rule, options={"reprisal": True})  # (not a warning of others' attacks)
            mention.actors, mention.modes = speakers, ["violence"]
            mention.actor_source = "syntax" if speakers else "unsigned"
            mention.recipients = [s for s in children(act, "nsubj") if s.lower_ not in RELATIVE_WORDS
                                  and self.is_party(s) and not _said_of_itself(s)]
            mention.negated, mention.hypothetical = self._negated(speech), False
            threats.add(speech.i)
            out.append(mention)
        return out

    def _ultimatum_speech(self, act: Token, protests: set[int]) -> Token | None:
        """The verb of saying, warning or vowing whose content is `act`, a future act of the kind frames.json's
        `ultimatum_acts` lists ("said ... would march", "vowed to besiege") or a protest (at `protests`), or None."""
        acts = self.p.frames["ultimatum_acts"]
        word = _act_word(act)
        if word == "be":  # "Saudi cities would be legitimate targets unless ..."
            word = next((c.lemma_.lower() for c in act.children if c.dep_ == "attr"), word)
        if word not in acts and act.i not in protests and not self._comes_back(act):
            return None
        if word in ("close", "shut") and not any(not children(o, "poss") for o in children(act, "dobj")):
            return None  # "would shut down this embassy" (not "the embassy would close", "would close its office")
        if act.dep_ == "xcomp" and act.head.lemma_.lower() in ("vow", "threaten", "pledge", "promise"):
            return act.head
        if act.dep_ == "xcomp" and act.head.lemma_.lower() == "hesitate" and children(act.head, "neg"):
            act = act.head  # "would not hesitate to expel them if ...": would expel them
        elif children(act, "neg"):
            return None  # ("would not expel them if ...": a promise, not a threat)
        if not _future(act) and not (act.dep_ == "conj" and _future(act.head)):  # "would return on Friday and
            return None  # lay siege to the embassy unless ..."
        speech = self._speech_over(act)
        said = next((act.doc[m.i - 1] for m in children(act, "mark") if m.lower_ == "that" and m.i > act.doc[
            m.i - 1].sent.start and act.doc[m.i - 1].lemma_.lower() in SAYING), None)  # '... and said that
        if said is not None and speech is not None and said.i < speech.i:  # "whoever comes in" would be killed
            speech = said  # ..., police said': what the note said, whatever the parse hangs it on
        words = self.p.frames["warning_verbs"]
        return speech if speech is not None and speech.lemma_.lower() in words else None

    def _comes_back(self, act: Token) -> bool:
        """"The group would return if the consulate kept collecting the tax", "we will come back in bigger numbers":
        a crowd or a movement promising to return (not a government: "the ambassador would return if ...")."""
        if act.lemma_.lower() != "return" and not (act.lemma_.lower() == "come" and any(
                c.lower_ == "back" for c in act.children)):
            return False
        doers = subject_of(act, self.object_control)
        return bool(doers) and not any(self.kinds(d) & {"government", "state", "igo", "military", "police", "person"}
                                       for d in doers)

    def risk_only(self, m: Mention, found: list[Mention]) -> bool:
        """"warned of a heightened threat of attacks by militants": attacks that are only a risk someone warns of
        are no event, unless the risk is itself a party's threat (a THREATEN with an actor on that word)."""
        if m.type != "ASSAULT" or not m.hypothetical or m.trigger.dep_ != "pobj" or m.trigger.head.lower_ != "of":
            return False
        risk = m.trigger.head.head
        return risk.lemma_.lower() in RISK_NOUNS and not any(
            t.type == "THREATEN" and t.trigger.i == risk.i and t.actors for t in found)

    def _warned_of_others(self, m: Mention, found: list[Mention]) -> bool:
        """"The embassy warned that militants could attack hotels": a warning that another party may attack is a
        warning of a risk, not the warner's threat (unlike "warned that it would strike", "... would be met with a
        response")."""
        if m.type != "THREATEN" or m.trigger.lemma_.lower() not in self.p.frames["warning_verbs"] \
                or m.rule.get("reprisal"):
            return False
        said = {t.i for c in children(m.trigger, "ccomp") for t in c.subtree}
        return any(a.type == "ASSAULT" and a.trigger.i in said and a.trigger.pos_ == "VERB" and a.actors
                   and not is_passive(a.trigger) and not any(p.pos_ == "PRON" or _said_of_itself(p) for p in a.actors)
                   for a in found)

    def _promised_by_speaker(self, m: Mention) -> Token | None:
        """The verb of saying or warning whose clause has `m` as a future act of its subject ("would attack",
        "will continue to target"), or None."""
        verb = m.trigger  # "would attack", "would continue to target", "would see France respond"
        if verb.pos_ == "NOUN" and verb.dep_ == "dobj" and verb.head.lemma_ in self.p.frames["light_verbs"]:
            verb = verb.head  # "would launch a military operation against the SDF"
        if not _future(verb) and verb.dep_ in ("xcomp", "ccomp") and _future(verb.head):
            verb = verb.head
        going_on = verb.pos_ == "NOUN" and verb.dep_ == "nsubj" and verb.head.lemma_.lower() in GOING_ON
        if going_on:  # "said that attacks would go on against any ship linked to Israel": the speaker's
            verb = verb.head  # (or the doers') attacks to come
        if verb.pos_ != "VERB" or not _future(verb) or any(c.dep_ == "neg" for c in verb.children):
            return None
        speech = self._told_under(verb)
        if speech is not None and speech.lemma_.lower() in SAYING and self._papers(_speakers(speech)):
            return speech  # "The email ... said the device would go off at noon unless ...": the e-mail's threat
        if not (m.actors or going_on) or speech is None \
                or speech.lemma_.lower() not in self.p.frames["warning_verbs"]:
            return None
        if going_on and not m.actors and (children(verb, "xcomp") or not any(
                self.kinds(t) & {"armed_group", "military"} for s in _speakers(speech) for t in s.subtree)):
            return None  # (not "police said attacks would continue to rise", "the UN warned that attacks on aid
            # workers would continue unless ...")
        return speech

    def _conditions(self, trigger: Token) -> list[Token]:
        """The words of the if/unless clauses of a threat ("... if Washington refused to withdraw"), under the
        threat's word or what it says or threatens to do ("threatened to attack US bases if ...")."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")]
        return [t for h in heads for c in h.children if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in self.p.frames["conditional_marks"] for m in c.children)
                for t in c.subtree]

    def _reported_attributions(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"A spokesman said militias were behind the attacks", "officials said the group planned attacks": who
        did it (or meant to) is the speaker's allegation, an ACCUSE (allege) by the speaker against the named
        party, not an attack by that party; the attack itself is told elsewhere, or never happened."""
        out = []
        for m in found:
            accusation = self.attribution(m) or self._doer_named(m) if m.type == "ASSAULT" \
                and "ACCUSE" in self.p.types else None
            if accusation is None and m.type == "ASSAULT" and self._only_planned(m.trigger):
                if "ACCUSE" in self.p.types:  # "men suspected of planning a drone attack": a plan is no attack, nor
                    out += self._held_over(m.trigger.head, m.confidence) or []  # a threat; their captors
                continue  # allege it
            planner = _planning(m.trigger) if m.type == "ASSAULT" and accusation is None else None
            if planner is not None:  # "arrested seven men who it says were planning to attack the embassy": the
                if "ACCUSE" in self.p.types:  # teller's allegation against the plotters, no attack
                    out += self._plot_told(planner, m)
                continue
            out.append(accusation or m)
            if accusation is not None and m.rule.pos == "verb":  # "the RSF said the army had attacked the convoy":
                out.append(replace(m, actors=[], actor_source="alleged", judged=True))  # an attack, doer disputed
            elif accusation is None and m.type == "ASSAULT":
                charges = self._told_of_another_side(m)
                if charges and _attempt(m.trigger) is not None:  # an attempt told by the side it was aimed at is
                    out[-1] = charges[0]  # its allegation, and no attack
                else:
                    out += charges
        if "ACCUSE" in self.p.types:  # (one allegation per saying: not again what an ACCUSE told already holds)
            said = {m.trigger.i for m in out if m.type == "ACCUSE"}
            charged = {r.i for m in out if m.type == "ACCUSE" for r in m.recipients}
            out += [a for a in self._believed_members(sent, origins=not said) if a.trigger.i not in said
                    and not {r.i for r in a.recipients} & charged]
        if "ACCUSE" in self.p.types:
            out = self._schemes_blamed(sent, out)
        if "ACCUSE" in self.p.types and not any(m.type == "ACCUSE" for m in out):
            for word in sent:  # "officials said Israel was behind it", "said Tehran bore responsibility": no event
                wrong = _clause_told_wrong(word)  # "the army said the boats were fishing illegally": a wrong done
                if word.lower_ == "behind" and word.dep_ == "prep" and word.head.lemma_ == "be" \
                        or word.lemma_.lower() == "responsibility" and word.dep_ == "dobj" \
                        and word.head.lemma_.lower() == "bear" or wrong is not None:  # word, the same allegation
                    accusation = self._allegation(wrong or word.head, None)
                    if accusation is not None:  # (what another says a party bears is no claim of its own)
                        out = [m for m in out if not (m.type == "CLAIM" and m.trigger.i == word.head.i)]
                        out.append(accusation)
                        break
        return out

    def _victims_alleging_all(self, found: list[Mention]) -> list[Mention]:
        """Each attack a victim's side tells of becomes its allegation (`victims_alleging`); one telling is one
        allegation ("told Agency that guards beat a young man, and that a guard fired rubber bullets")."""
        out: list[Mention] = []
        alleging: dict[int, Mention] = {}
        for m in found:
            alleged = self.victims_alleging(m)
            told = alleging.get(alleged.trigger.i) if alleged is not None else None
            if alleged is None:
                out.append(m)
            elif told is None:
                alleging[alleged.trigger.i] = alleged
                out.append(alleged)
            else:
                told.recipients += [r for r in alleged.recipients if r not in told.recipients]
        return out

    def victims_alleging(self, m: Mention) -> Mention | None:
        """"Several students said police officers had hit them with batons", "Human Rights Watch said police had
        beaten two protesters", "residents claimed Guinean soldiers beat two fishermen": people, their families or a
        civic group telling that police or soldiers used force allege it (ACCUSE), which the forces' side may deny;
        it is no attack told as fact; so is "residents told Agency that the trouble started when guards beat a young
        man". A witness telling what he saw reports it, and so does a source named after the act ("Soldiers fired
        tear gas ..., a resident said")."""
        clause = m.trigger
        while clause.dep_ == "conj" and clause.head.pos_ == "VERB":  # "said officers kicked and beat ..."
            clause = clause.head
        if clause.dep_ == "advcl" and clause.head.dep_ == "ccomp" and any(
                c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):  # "told Agency that the trouble
            clause = clause.head  # started when guards beat a young man": what they told
        if m.type != "ASSAULT" or m.trigger.pos_ != "VERB" or m.negated or m.hypothetical or not m.actors \
                or "ACCUSE" not in self.p.types or clause.dep_ != "ccomp" or not all(
                    self.kinds(a) & {"police", "military"} for a in m.actors):
            return None
        speech = clause.head
        if speech.lemma_.lower() not in self.p.frames["speech_verbs"] | {"tell", "claim", "allege"} \
                or speech.i > clause.i:  # ("Soldiers fired tear gas ..., a resident said": the report's source)
            return None
        speakers = _speakers(speech)
        voices = [next(iter(prep_objects(s, ["for", "of"])), s) if s.lemma_.lower() in SPOKESPEOPLE else s
                  for s in speakers]  # ("a spokesman for the landowners said the guards had fired shots ...")
        if not speakers or not all(self.kinds(s) & {"civilians", "ngo"} and not self.kinds(s) & {
                "police", "military", "government", "state", "igo"} and s.lemma_.lower() not in (
                    "witness", "journalist", "reporter", "photographer", "source") for s in voices):
            return None
        return self._alleged(speech, speakers, list(m.actors), m.confidence)

    def _plot_told(self, planner: Token, m: Mention) -> list[Mention]:
        """The ACCUSE (allege) of whoever tells of a plot ("police say were planning", "they accuse of plotting")
        against the plotters: the planning verb's subject, or the noun a relative clause hangs on ("men who ...")."""
        teller = planner.head if planner.dep_ == "ccomp" else planner.head.head if planner.dep_ == "pcomp" \
            and planner.head.lower_ == "of" else None
        if (held := self._held_over(planner, m.confidence)) is not None:
            return held
        if teller is None or teller.lemma_.lower() not in self.p.frames["speech_verbs"] | {"accuse", "suspect"}:
            return []  # ("He planned to stab the guards": the reporter's account of a plot, no act)
        speakers = self._believers(teller)
        pronouns = [t for t in children(teller, "nsubj") if t.pos_ == "PRON"]
        if teller.dep_ == "relcl" and pronouns and teller.head.dep_ in ("dobj", "nsubjpass"):
            speakers = children(teller.head.head, "nsubj") or speakers  # "Police arrested five men they
            # accuse of ...": the police
        plotters = children(planner, "nsubj", "nsubjpass") if planner.dep_ == "ccomp" else children(teller, "dobj")
        if teller.dep_ == "relcl" and (not plotters or all(t.tag_ in ("WP", "WDT") for t in plotters)):
            plotters = [teller.head]  # "seven men who it says were planning", "five men they accuse of plotting"
        if not speakers or not plotters or any(t.pos_ == "PRON" and t.tag_ not in ("WP", "WDT") for t in plotters):
            return []
        return [self._alleged(teller, speakers, plotters, m.confidence)]

    def _held_over(self, planner: Token, confidence: float) -> list[Mention] | None:
        """"Police arrested three men suspected of planning an attack", "a student had been detained for plotting an
        attack on the embassy", the ministry said, "were being questioned over sharing false information": those who
        hold or charge people for a plot or an act allege it (ACCUSE) against them; None when the act is not told as
        the reason of an arrest, a charge or questioning."""
        if planner.dep_ != "pcomp" or planner.head.lower_ not in ("of", "for", "over", "with"):
            return None
        word = planner.head.head
        if word.dep_ == "pobj" and word.head.lower_ == "without":  # "detained without trial for plotting"
            word = word.head.head
        if word.lower_ == "suspected" and word.dep_ == "acl":  # "men suspected of planning"
            plotters, arrest = [word.head], word.head.head if word.head.dep_ in ("dobj", "nsubjpass") else None
        else:  # "detained for plotting"
            plotters, arrest = children(word, "dobj", "nsubjpass"), word
        if arrest is None or arrest.lemma_.lower() not in HOLDING_VERBS or not plotters:
            return None
        speakers = children(arrest, "nsubj") or self._believers(arrest)
        if not speakers or any(t.pos_ == "PRON" for t in plotters):
            return None
        return [self._alleged(arrest, speakers, plotters, confidence)]

    def _left_unsaid(self, verb: Token) -> bool:
        """"The ministry did not say which embassy was targeted", "police did not disclose who had fired": a question
        about an act told elsewhere that someone leaves unanswered."""
        asked = [s for s in children(verb, "nsubj", "nsubjpass") if s.lower_ in ("who", "what") or any(
            d.dep_ == "det" and d.lower_ in ("which", "what") for d in s.children)]
        return bool(asked) and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.p.frames["speech_verbs"] \
            | {"disclose", "specify", "identify", "reveal"} and self._negated(verb.head)

    def _only_planned(self, token: Token) -> bool:
        """An attack that is only what someone plans or plots ("planned attacks", "planning a drone attack", "a plan
        to kidnap"), or what arms were got for ("smuggling weapons from Syria for attacks inside Jordan")."""
        return token.tag_.startswith("NN") and (
            token.dep_ == "dobj" and token.head.lemma_.lower() in PLANNING_VERBS | {"mastermind"}
            or token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in ARMING) \
            or token.tag_ == "VB" and token.dep_ == "acl" and token.head.lemma_.lower() in ("plan", "plot", "scheme")
        # ("had been involved in a plan to kidnap anyone")

    def attribution(self, m: Mention) -> Mention | None:
        frames = self.p.frames
        token, clause = m.trigger, None
        if m.rule.pos != "noun":  # "it believed militants had fired the rockets": a belief is an allegation
            believed = token.dep_ == "ccomp" and token.head.lemma_.lower() in BELIEF_VERBS and m.actors \
                and not m.hypothetical  # "analysts think rebels will attack": a forecast, not an allegation
            return self._allegation(token, m) if believed or self._adversary_blamed(m) else None
        if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in (
                "responsible", "accountable") and token.head.head.head.lemma_.lower() == "hold":
            holder = token.head.head.head  # "Washington held Iran responsible for the attack": Washington's charge
            held = children(holder, "dobj")
            speakers = children(holder, "nsubj")
            if held and speakers:
                return self._alleged(holder, speakers, held, m.confidence)
        if token.dep_ == "pobj" and token.head.lower_ in ("behind", "for"):
            word = token.head if token.head.lower_ == "behind" else token.head.head  # "responsible for"
            clause = word.head if word.lower_ in frames["attribution_words"] else None
        elif token.dep_ == "dobj" and token.head.lemma_.lower() in frames["attribution_words"]:
            clause = token.head  # "planned attacks"
        elif token.dep_ == "dobj" and token.head.lemma_ in frames["light_verbs"] and token.head.dep_ == "ccomp" \
                and token.head.head.lemma_.lower() in BELIEF_VERBS:
            clause = token.head  # "officials believe the Islamic State carried out the bombing"
        while clause is not None and clause.dep_ in ("acomp", "attr", "xcomp", "conj") and clause.head is not clause:
            clause = clause.head  # "were responsible for", "had planned to carry out"
        return self._allegation(clause, m)

    def _told_of_another_side(self, m: Mention) -> list[Mention]:
        """"Morocco said the Polisario had fired on the team site", "the governor said the drone had been launched
        by Russian forces": a government, a mission or an army telling that a named side attacked alleges it (an
        ACCUSE by the teller, beside the attack it tells of), unless the side is its own."""
        clause = _attempt(m.trigger) or m.trigger  # "the navy said the Indian trawler had tried to ram its boat"
        if clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.head.dep_ == "attr":  # "said that the two were
            clause = clause.head.head  # ordinary youth abducted by the state": what the speaker says of them
        speech = self._told_under(clause) if clause.pos_ in ("VERB", "AUX") else None  # (also "said in a statement
        # that ...")
        if speech is None or m.hypothetical or m.negated or not m.actors \
                or speech.lemma_.lower() not in self.p.frames["speech_verbs"] or speech.i > clause.i:
            return []  # ("Insurgents ambushed a convoy, officials said": the officials are the report's source)
        speakers = [s for s in _speakers(speech, it=True) if s.lower_ == "it" or any(self.kinds(t) & {
            "government", "state", "igo", "military", "armed_group"} for t in (s, *children(s, "compound")))]
        # ("Coalition spokesman Turki al-Maliki said ...")
        if not speakers or not all(_named_side(a) and not _said_of_itself(a) and not self._forces_of(a, speakers)
                                   and not self._own_army(a, speakers) and not _same_nation(a, speakers)
                                   for a in m.actors):
            return []  # ("the government said the army had destroyed the column": its own army)
        return [self._alleged(speech, speakers, list(m.actors), m.confidence)]

    def _doer_named(self, m: Mention) -> Mention | None:
        """"The minister said the shooting had been carried out by criminal structures directed from Belgrade", "a
        spokesman said former militiamen had carried out the ambush", "said the abduction was the work of gangs":
        an authority naming who did an attack told of as a noun charges them (ACCUSE, allege); not a group saying
        it did it itself, nor its own forces, nor someone left unnamed ("gunmen")."""
        token, verb = m.trigger, m.trigger.head
        if m.rule.pos != "noun" or verb.dep_ not in ("ccomp", "conj"):
            return None
        if token.dep_ == "dobj" and verb.lemma_.lower() in DOING_VERBS:
            doers = children(verb, "nsubj")  # "militiamen had carried out the ambush"
        elif token.dep_ == "nsubjpass" and verb.lemma_.lower() in DOING_VERBS:
            doers = agent_of(verb)  # "the shooting had been carried out by ..."
        elif token.dep_ == "nsubj" and verb.lemma_ == "be":  # "the abduction was the work of criminal gangs", "the
            doers = [p for a in children(verb, "attr") if a.lemma_.lower() in SOURCE_NOUNS  # attack was the fruit of
                     for p in prep_objects(a, ["of"])]  # rhetoric by Hungarian officials"
        else:
            return None
        speech = verb.head if verb.dep_ == "ccomp" else verb.head.head if verb.head.dep_ == "ccomp" else verb
        if speech is verb or speech.lemma_.lower() not in self.p.frames["speech_verbs"]:
            return None
        speakers = [s for s in _speakers(speech, it=True) if s.lower_ in ("it", "he", "she") or any(self.kinds(w) & {
            "government", "state", "igo", "military", "police", "armed_group"} for w in [s, *children(s, "compound")])]
        if not speakers or not doers or not all(_tied_to_a_name(d) and not _said_of_itself(d) and not self._forces_of(
                d, speakers) and not self._own_army(d, speakers) for d in doers):
            return None
        return self._alleged(speech, speakers, doers, m.confidence)

    def _adversary_blamed(self, m: Mention) -> bool:
        """"The RSF said the army had attacked the convoy": one side of a conflict telling that a named other side
        attacked makes a charge, not a report (officials or police saying "gunmen attacked" report one)."""
        if m.trigger.dep_ != "ccomp" or m.hypothetical or not m.actors or is_passive(m.trigger):
            return False
        speakers = _speakers(m.trigger.head)
        sides = {"armed_group", "military"}  # (a state telling who attacked it reports it: "..., Qatar said")
        return bool(speakers) and m.trigger.head.lemma_.lower() in self.p.frames["speech_verbs"] \
            and all(self.kinds(s) & sides and s.ent_type_ in ("ORG", "GPE", "NORP") for s in speakers) \
            and all(_named_side(a) and not _said_of_itself(a) for a in m.actors)

    def _allegation(self, clause: Token | None, m: Mention | None) -> Mention | None:
        """An ACCUSE (allege) by the speaker of `clause` against its subject, if `clause` is what someone said."""
        if clause is None or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.p.frames[
                "speech_verbs"]:
            return None
        alleged = children(clause, "nsubj", "nsubjpass")
        speech = clause.head
        speakers = self._believers(speech)
        if not alleged or not speakers:
            return None
        if m is not None and clause.lemma_ == "be" and self._negated(clause) and all(map(_said_of_itself, alleged)):
            return replace(m, actors=speakers, negated=True, dated_by=speech)  # "Hezbollah said it was not behind
            # the attack": its denial, a negated attack by the one denying it
        if m is not None and clause.lemma_ == "be" and "CLAIM" in self.p.types and all(
                map(_said_of_itself, alleged)):  # "the Taliban said they were responsible for that attack": a claim
            return Mention("CLAIM", m.trigger, m.rule, actors=speakers, recipients=list(m.recipients),
                           negated=self._negated(speech), hypothetical=self._hypothetical(speech),
                           confidence=m.confidence, dated_by=speech)
        if any(a.pos_ == "PRON" for a in alleged):
            return None
        return self._alleged(speech, speakers, alleged, m.confidence if m is not None else 0.6)

    def _alleged(self, speech: Token, speakers: list[Token], alleged: list[Token], confidence: float) -> Mention:
        """The ACCUSE (allege) of `speakers` against `alleged`, told by the word `speech` (said, believed, held)."""
        return Mention("ACCUSE", speech, Rule("ACCUSE", "verb", speech.lemma_.lower(), (), {}), actors=speakers,
                       recipients=with_conjuncts(alleged), modes=["allege"], negated=self._negated(speech),
                       hypothetical=self._hypothetical(speech), confidence=confidence)

    def _crowd_riot(self, m: Mention) -> Mention:
        """"Clashes between Kurdish and Arab protesters", "demonstrators attacked the police": violence done only
        by protesters is a riot (PROTEST), not an armed attack."""
        members = any(map(_members_of, children(m.trigger, "nsubj") + _partakers(m.trigger))) and (  # "its
            # members had thrown stones", "denied that any of their members had taken part in the attacks": a
            "primitive" in m.modes or self._said_by_a_crowd(m.trigger))  # movement's rank and file, stones in hand
        if m.type != "ASSAULT" or "PROTEST" not in self.p.types or not m.actors or not members and not all(  # (told
                set(with_singulars(head_words(a)[:2])) & CROWD_WORDS for a in m.actors):  # by it or denied by its
            return m  # leader), or any act of theirs a marchers' collective tells of or denies
        if m.trigger.lemma_.lower() in ("kill", "lynch", "murder") or any(
                p.lemma_.lower() == "death" for p in prep_objects(m.trigger, ["to"])):
            return m  # "four Zimbabweans who were beaten to death by a mob": a killing, no riot
        if self._mob_on_people(m):
            return m
        return replace(m, type="PROTEST", modes=["riot"], rule=Rule("PROTEST", m.rule.pos, m.rule.lemma, (), {}))

    def _mob_on_people(self, m: Mention) -> bool:
        """"A crowd of several hundred young men broke into a hostel and beat students from Pakistan": a mob, no
        protest told of (no protesters, no rally), falling on people (not on police, nor on a building) attacks
        them."""
        protest = PROTEST_WORDS - {"crowd", "mob"}
        if any(w in protest for a in m.actors for w in with_singulars(head_words(a)[:2])) or any(
                t.lemma_.lower() in protest for t in m.trigger.sent):
            return False
        return bool(m.recipients) and all(self.kinds(r) & {"person", "civilians"} and not self.kinds(r) & {
            "police", "military", "site"} for r in m.recipients)

    def _said_by_a_crowd(self, token: Token) -> bool:
        """Told or denied by a crowd, a collective of civilians or the body that organised a march ("A diaspora
        collective that called the march ... denied that its members had attacked the embassy", "The Platform ...,
        which organised the march, denied ...")."""
        speech = self.saying_of(token, denials=True) or next(
            (said for p in _partakers(token) if (said := self.saying_of(p.head, denials=True)) is not None), None)
        return speech is not None and any(
            "civilians" in self.kinds(s) or _organised_a_protest(s) or s.lemma_.lower() in ("organiser", "organizer")
            for s in subject_of(speech, self.object_control))  # ("The organisers denied that any of their members
        # had taken part in the attacks")

    def _disowned_attacks(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"The Pakistani Taliban denied any involvement", "the U.S. said it had not been involved in the strike":
        a negated attack by the one disowning it, when the sentence names no attack of its own to negate."""
        if "ASSAULT" not in self.p.types or any(m.type == "ASSAULT" and m.negated for m in found):
            return []
        out = []
        for word in sent:
            denier: list[Token] = []
            lemma, head = word.lemma_.lower(), word.head.lemma_.lower()
            if lemma in DISOWNING and word.dep_ == "dobj" and head in ("deny", "reject") and not any(
                    "event" in self.kinds(p) for p in prep_objects(word, ["in"])) and not any(
                    self.is_party(p) and p.lemma_.lower() not in ATTACKERS for p in prep_objects(word, ["with", "to"])):
                denier = children(word.head, "nsubj")  # "rejected any involvement in the shooting", "any link to the
                # attacker" (not "denied any role in the decision", "any links with the armed group")
            elif lemma == "involve" and children(word, "neg") and any(
                    p.lemma_.lower() in ATTACK_WORDS for p in prep_objects(word, ["in"])):
                denier = children(word, "nsubjpass", "nsubj")
            elif lemma == "involve" and word.dep_ == "ccomp" and head in ("deny", "reject") and not any(
                    "event" in self.kinds(p) for p in prep_objects(word, ["in"])):  # "the army denied that
                denier = subject_of(word.head, self.object_control)  # soldiers were involved": its side's attack
            elif word.dep_ == "dobj" and head in ("have", "play", "take") and self._disowns_an_attack(word):
                denier = children(word.head, "nsubj")  # "it had no link to the drones", "had played no part",
                # "had taken no part in the robbery"
            elif lemma == "part" and head == "take" and (denial := _denying(word.head)) is not None:  # "denied
                denier = children(denial, "nsubj")  # that its members had taken part (in the violence)", "denied in
                # a video posted online that any of its sons had taken part"
            elif lemma == "responsible" and word.dep_ == "acomp" and _denying(word.head) is not None and all(
                    p.lemma_.lower() in ATTACK_WORDS for p in prep_objects(word, ["for"])):  # "An RSF adviser denied
                denier = children(word.head, "nsubj")  # the group was responsible" (not "... responsible for the
                # decision")
            protest = _protest_disowned(word) if "PROTEST" in self.p.types else None
            if protest and word.dep_ == "dobj" and (head in ("deny", "reject") or head in ("have", "play") and (
                    _denied_clause(word.head))):  # "denied that his administration had any hand in the roadblock",
                denier = children(word.head, "nsubj")  # "any role in organising the blockade": the protest disowned
            if self._papers(denier):  # "A statement attributed to the front ... denied any involvement": the front
                denier = self._authors(denier, word.head) or denier
            if denier and not any(d.pos_ == "PRON" and d.lower_ not in ("it", "they", "we") for d in denier):
                riot = "PROTEST" in self.p.types and any(map(_members_of, children(word.head, "nsubj"))) \
                    and not any(p.lemma_.lower() in KILLINGS | ARMED_RAIDS
                                for p in prep_objects(word, ["in"]) + prep_objects(word.head, ["in"]))
                # ("had any part in the killings", "had taken part in the raid": a killing or a raid denied)
                kind = "PROTEST" if riot or protest else "ASSAULT"  # (a movement's members: its riot, denied)
                modes = [protest] if protest else ["riot"] if riot else []
                mention = Mention(kind, word, Rule(kind, "noun", word.lemma_.lower(), (), {}), actors=denier,
                                  modes=modes, negated=True, actor_source="denied", confidence=0.5)
                out.append(mention)
        return out

    def _disowner(self, act: Token) -> list[Token]:
        """Who denies a part in an attack (`_disowner`), or who speaks in the paper denying it ("a video ... in
        which four men in balaclavas ... denied any part in the kidnapping")."""
        deniers = _disowner(act)
        return self._authors(deniers, deniers[0].head) or deniers if self._papers(deniers) else deniers

    def _denier_of_harm(self, trigger: Token) -> list[Token]:
        """"The spokeswoman denied that anyone had been attacked", "the miners' spokesman denied that the workers had
        been taken hostage": no one harmed, says the side blamed for harm
        (its negated attack; the denier stands for it); "a refugee leader denied that anyone had thrown stones": no
        one did it, says the side blamed; or [] when the harm denied is not put that way."""
        harmed = is_passive(trigger) and not agent_of(trigger) and children(trigger, "nsubjpass")
        if not harmed and not any(s.lower_ in ANYONE for s in children(trigger, "nsubj")):
            return []
        denial = next((a for a in self._frame_path(trigger) if self._negating(a)), None)
        if denial is None:
            return []
        deniers = subject_of(denial, self.object_control)
        if not deniers and denial.tag_ == "VBG" and denial.head.tag_ == "VBG":  # "rejected the accusations,
            deniers = subject_of(denial.head, self.object_control)  # saying ... and denying that any migrant ..."
        return [s for s in deniers if s.pos_ != "PRON" or s.lower_ in ("it", "he", "she", "they")]

    def _disowns_an_attack(self, word: Token) -> bool:
        """"no link to the drones", "no part", "nothing to do with it": a part in something denied, where that
        something is an attack, a weapon, or left unsaid or as a pronoun (not "no role in the cabinet")."""
        if word.lower_ == "nothing" or word.lower_ == "anything" and _denied_clause(word.head):  # ("denied that his
            owned = [p for c in children(word, "relcl", "acl") for p in prep_objects(c, ["with"])]  # men had anything
            # to do with the attack")
            if not owned:
                return False
        elif word.lemma_.lower() in DISOWNING and any(d.lower_ == "no" for d in children(word, "det")):
            owned = prep_objects(word, ["in", "to", "with"])
        elif word.lemma_.lower() in DISOWNING and any(d.lower_ == "any" for d in children(word, "det")) \
                and _denied_clause(word.head):  # "denied that the group had any link to the boat" (not "any hand
            owned = prep_objects(word, ["in", "to", "with"]) or prep_objects(word.head, ["in", "to", "with"])
            if not owned:  # (not "any hand in the roadblock", below)
                return False
        else:
            return False
        return all(p.pos_ == "PRON" or p.lemma_.lower() in ATTACK_WORDS | {"act"} or any(  # "this cowardly act",
            r.type == "ASSAULT" for r in self.p.nouns.get(p.lemma_.lower(), ()))  # "the fire", "the robbery",
                   or bool(self.kinds(p) & INSTRUMENT_KINDS) for p in owned)  # "the kidnapping"

    def _mark_judged_in_speech(self, found: list[Mention]) -> None:
        """"The opposition leader said the attack showed the danger of ...", "said the shooting was the work of
        criminal gangs": an attack named with "the", no doer, as the subject of what a speaker makes of it, is the
        attack told before (`judged`: merge.py folds it into that one, if any)."""
        for m in found:
            trigger = m.trigger
            if m.type == "ASSAULT" and not (m.actors or m.negated or m.hypothetical) \
                    and trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in READINGS \
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children) \
                    and self._told_under(trigger.head) is not None:
                m.judged = True

    def _judgements(self, found: list[Mention], sent: Span) -> list[Mention]:
        """"The mission said the attacks were unacceptable", "UNHCR said it was deeply disturbed by the attack":
        a speaker judging an attack condemns it (ACCUSE, disapprove), and the attack so named is one told before
        (`judged`), when the sentence has no condemnation already."""
        asked = [m.trigger for m in found if m.type == "REQUEST"]  # ("asked the authorities to identify those
        if "ACCUSE" not in self.p.types or any(m.type == "ACCUSE" and not any(  # responsible": what is asked)
                r in m.trigger.ancestors for r in asked) for m in found):
            return []
        acts = ATTACK_WORDS | {"violence", "threat", "act", "intimidation", "harassment", "force", "use", "attempt",
                               "blockade", "blocking", "detention", "arrest", "raid", "expulsion", "crackdown",
                               "siege", "takeover", "seizure"}
        for word in sent:
            lemma = word.lemma_.lower()
            judging = lemma in JUDGING_WORDS or lemma in ("acceptable", "tolerable", "justified", "justifiable") \
                and any(c.dep_ == "neg" for c in list(word.children) + list(word.head.children)) \
                or lemma == "deliberate" and word.head.lemma_.lower() == "attack"  # "never acceptable", "This was
            # a deliberate attack"
            named = word.head if judging and word.dep_ == "amod" and word.head.dep_ == "attr" \
                and word.head.lemma_.lower() in JUDGED_AS else word  # "was 'an unacceptable act of intimidation'"
            if judging and named.dep_ in ("acomp", "attr") and named.head.lemma_ == "be":
                clause, judged = named.head, children(named.head, "nsubj", "csubj")  # ("Shooting at an aircraft ...")
                if named is not word and all(j.lower_ in ("this", "that", "it") for j in judged):
                    judged = [named]  # '"This was a deliberate attack on people here to keep the peace," ... said
            elif lemma in DISMAY_WORDS and word.tag_ == "VBN" and not (
                    word.dep_ == "conj" and word.head.lemma_.lower() in DISMAY_WORDS):
                clause = word.head if word.dep_ == "acomp" and word.head.lemma_ == "be" else word  # ("was shocked
                # and saddened by the killing": "was", with the first word of dismay and both's cause)
                judged = [p for w in [word, *children(word, "conj")] for a in w.children if a.dep_ in (
                    "agent", "prep") and a.lower_ in ("by", "at", "about", "over") for p in children(a, "pobj")]
                judged = [o for j in judged for o in (prep_objects(j, ["of"]) if j.lemma_.lower() in (
                    "report", "account") else [j])]  # "deeply concerned by reports of excessive force": the force
            else:
                continue
            judged = [j for j in judged if j.lemma_.lower() in acts or j.dep_ == "csubj" and j.lower_ in acts]
            if not judged:
                continue
            speech = self._told_under(clause)
            if speech is None and lemma not in DISMAY_WORDS:  # '"Violence is never acceptable. ...," MSF said.'
                speech = closing_speech(sent, SAYING) or speech_after_quote(sent, SAYING | {"tell"})
            if speech is not None:
                speakers = _speakers(speech, it=True)
            elif lemma in DISMAY_WORDS:  # "UNHCR was deeply disturbed by the attack"
                speakers = [s for s in children(clause, "nsubj", "nsubjpass") if s.pos_ != "PRON" and self.is_party(s)]
            else:
                continue
            if not speakers:
                continue
            for m in found:
                if m.trigger in judged:
                    m.judged = True
            told_here = speech if speech is not None and speech.sent.start == sent.start else None  # (not the
            mention = self.mention_at(clause if told_here is None else told_here, "ACCUSE")  # quotation's closing line)
            if speech is not None:  # ("never acceptable" condemns; only the saying can deny it)
                mention.negated = self._negated(speech)
            mention.actors, mention.actor_source, mention.recipients = speakers, "syntax", judged
            mention.modes = ["disapprove"]
            return [mention]
        return []

    def _believers(self, speech: Token) -> list[Token]:
        """Who says or believes `speech`: its own named subject, or, for "it" ("Central Command said ... that it
        believed ..."), the speaker of the saying it is told under."""
        speakers = _speakers(speech, it=True)
        above = speech
        while not speakers and above.dep_ in ("conj", "ccomp") and above.head is not above:
            above = above.head
            if above.lemma_.lower() in self.p.frames["speech_verbs"]:
                speakers = _speakers(above, it=True)
        return speakers

    def _believed_members(self, sent: Span, origins: bool = True) -> list[Mention]:
        """"the official said the attackers were believed to belong to JNIM", "officials said the suspects
        belonged to the BLA", "... were members of ARSA", "... were linked to the RSF", "the rounds came from a
        Syrian army position", "the gunmen were estate guards": an ACCUSE (allege) by whoever says so, against the
        group named. Without `origins`, not where fire came from (beside another charge in the sentence, "said the
        drone had been launched from the Afghan side and blamed a criminal group", the charge names the side)."""
        out = []
        for word in sent:
            if not (groups := self._attributed_to(word)) or not origins and word.lemma_.lower() in (
                    "come", "fire", "launch", "shoot"):
                continue
            speech = word
            for _ in range(8):  # up through "were believed to", "and", "men who", to what someone said
                if speech.dep_ not in ("xcomp", "ccomp", "conj", "relcl", "dobj", "acl", "pobj", "agent", "prep",
                                       "pcomp") \
                        or speech.head is speech:  # ("hit by bullets fired from ...")
                    break
                speech = speech.head
                if speech.lemma_.lower() in self.p.frames["speech_verbs"] and speech.lemma_.lower() not in BELIEF_VERBS:
                    break
            speakers = self._believers(speech) if speech.lemma_.lower() in self.p.frames["speech_verbs"] else []
            if speech.lemma_.lower() in BELIEF_VERBS and is_passive(speech):
                speakers = agent_of(speech) or ([] if speech.dep_ != "ccomp" else self._believers(speech.head))
                speech = speech.head if speech.dep_ == "ccomp" else speech
            if speakers:
                out.append(self._alleged(speech, speakers, groups, 0.6))
        return out

    def _schemes_blamed(self, sent: Span, found: list[Mention]) -> list[Mention]:
        """"Peskov said the events were an anti-Russian provocation by radical forces", "called the shooting a show
        staged by the extreme right", "rejected it as a primitive Russian provocation": whoever calls something a
        scheme of a named side alleges it of that side (ACCUSE, allege); when the same words already condemn
        ("condemned what it called a provocation by the occupation forces"), that side is what they condemn."""
        out = list(found)
        for word in sent:
            if word.lemma_.lower() not in SCHEME_NOUNS or word.dep_ not in ("attr", "oprd", "pobj"):
                continue
            staged = [p for c in children(word, "acl") if c.tag_ in ("VBN", "VBD") for p in agent_of(c)]
            authors = [a for a in prep_objects(word, ["by"]) + staged if a.pos_ != "PRON"]
            authors = authors or [c for c in children(word, "amod") if c.ent_type_ == "NORP" and not any(
                t.lower_ == "anti" for t in word.doc[max(c.i - 2, 0):c.i])]  # (not an "anti-Russian provocation")
            verb = word.head.head if word.dep_ == "pobj" and word.head.lower_ == "as" else word.head
            if word.dep_ == "attr" and verb.lemma_ == "be" and verb.dep_ == "ccomp":
                verb = verb.head  # "said that the events were a provocation"
            if not authors or verb.lemma_.lower() not in self.p.frames["speech_verbs"] | SCHEME_CALLS:
                continue
            speakers = self._believers(verb)
            if all(s.pos_ == "PRON" for s in speakers) and verb.dep_ == "ccomp":
                speakers = self._believers(verb.head) or speakers  # "condemned what it called ...": the condemner
            if not speakers:
                continue
            judging = next((m for m in out if m.type == "ACCUSE" and m.trigger.i in (verb.i, verb.head.i)), None)
            if judging is not None:
                if not judging.recipients:
                    out[out.index(judging)] = replace(judging, recipients=with_conjuncts(authors))
            else:
                out.append(self._alleged(verb, speakers, authors, 0.6))
        return out

    def _attributed_to(self, word: Token) -> list[Token]:
        """The party `word` ties the doers of an attack to: "belong to X", "were linked to X", "were members of X",
        "came from X" (said of the attackers or what they fired), "were X" (said of the attackers), "had been
        recruited by X", "on behalf of X", "spying for X", "bore the hallmarks of X"."""
        lemma = word.lemma_.lower()
        if lemma in HANDLING_VERBS and (is_passive(word) or word.dep_ == "acl" and word.tag_ == "VBN"):
            return [b for a in agent_of(word)  # "he had been recruited by Ukrainian special services", "arrested
                    for b in (prep_objects(a, ["of"]) if a.lemma_.lower() in HANDLERS else []) or [a]  # three men
                    if self._a_body(b)]  # recruited by Iranian intelligence", "recruited by handlers of ISKP"
        if lemma == "behalf" or lemma == "spy" and word.pos_ == "VERB":  # "collecting information on behalf of
            return [o for o in prep_objects(word, ["of", "for"]) if self._a_body(o)]  # Polish intelligence"
        if lemma == "work" and word.pos_ == "VERB" and any(  # "the kidnappers were believed to work for a scam
                d.lemma_.lower() in ATTACKERS for d in subject_of(word, self.object_control)):  # compound" (not "the
            return [o for o in prep_objects(word, ["for"]) if o.pos_ in ("NOUN", "PROPN")]  # driver, who worked
            # for the embassy")
        subjects = {s.lemma_.lower() for s in children(word, "nsubj", "nsubjpass")}
        pledged = [p for o in children(word, "dobj") if lemma == "pledge" and o.lemma_.lower() in (
            "allegiance", "loyalty") for p in prep_objects(o, ["to"])]  # "the cell had pledged allegiance to IS"
        if lemma == "belong" or lemma == "link" and is_passive(word) or pledged:  # said of people, not of "a vehicle
            doers = [word.head] if word.dep_ == "acl" else children(word, "nsubj", "nsubjpass") or subject_of(
                word, self.object_control)  # belonging to a charity"
            return [t for t in pledged or prep_objects(word, ["to"]) if lemma != "link" or self._a_body(t)] if any(
                self.is_party(d) or d.lemma_.lower() in ATTACKERS or "violent" in self.kinds(d) for d in doers) \
                else []  # (not "linked to anger among fishermen")
        fired = lemma in ("fire", "launch", "shoot") and (is_passive(word) and subjects & PROJECTILES
                                                         or word.dep_ == "acl" and word.head.lemma_ in PROJECTILES)
        if lemma == "come" and subjects & (ATTACKERS | PROJECTILES) or fired:  # ("from inside the base"; a side's
            if any(map(denied_party, children(word, "nsubj", "nsubjpass"))):
                return []  # "not a single shot was fired from our side": a denial, no charge
            return [o for f in children(word, "prep") if f.lower_ == "from"  # place, not "a nearby orchard")
                    for o in children(f, "pobj") + [p for i in children(f, "prep") for p in children(i, "pobj")]
                    if not any(c.lower_ in ("our", "my") for c in o.children) and (  # (not "our side")
                        self.is_party(o) or o.lemma_.lower() in ("base", "position") or any(
                            self.is_party(c) for c in o.children if c.dep_ in ("compound", "amod", "poss")))]
        marks = [p for o in children(word, "dobj") if lemma in ("bear", "have", "carry", "show")
                 and o.lemma_.lower() in ("hallmark", "signature", "fingerprint") for p in prep_objects(o, ["of"])]
        if marks:  # "the attack bore all the hallmarks of the FDLR"
            return [m for m in marks if self._a_body(m)]
        if lemma != "be":
            return []
        attrs = children(word, "attr")
        if any(a.lemma_.lower() in CULPRITS for a in attrs):  # "Azerbaijan and those who stand behind it were
            return [s for s in children(word, "nsubj") if self._a_body(s)]  # the most likely culprits"
        members = [p for a in attrs if a.lemma_.lower() in ("member", "part", "fighter", "supporter")
                   for p in prep_objects(a, ["of"])]
        if members or not subjects & ATTACKERS:
            return members
        return [a for a in attrs if a.pos_ != "PRON" and self.is_party(a) and (  # (not "the gunman was a local man")
            _named_side(a) or not self.kinds(a) <= {"person", "civilians", "unknown"})]

    def _a_body(self, token: Token) -> bool:
        """A party, or a body a nation's name qualifies ("Polish intelligence", "Ukrainian special services"), but no
        one ("someone")."""
        return token.lower_ not in ("someone", "somebody", "anyone") and (self.is_party(token) or any(
            c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") for c in token.children))

    def _no_one_held(self, m: Mention) -> bool:
        """"No one has been arrested": no arrest, and no one denying one (not "a spokesman said no one had been
        detained arbitrarily", a denial)."""
        return m.type == "COERCE" and any(denied_party(s) for s in children(m.trigger, *PASSIVE_SUBJECTS)) \
            and self._told_under(m.trigger) is None

    def _no_event(self, m: Mention) -> bool:
        """A pattern's attack that reports no attack, happened or feared (`not_an_event`), or a supposed act whose
        "doer" is an action: "finding migrants would entail raiding businesses"; a force that stands where it is
        ("troops are deployed in Syria"), which is no mobilisation."""
        if m.type == "REQUEST" and children(m.trigger, "neg") and any(a.lemma_.lower() == "can" for a in children(
                m.trigger, "aux")):
            return True  # '"We cannot ask colleagues to go back," a spokesman said': what they will not ask
        if m.type == "ASSAULT" and children(m.trigger, "neg") and any(a.lower_ in ("must", "should") for a in children(
                m.trigger, "aux")):
            return True  # '"Diplomats must never be attacked"': a rule stated, no attack told or denied
        if m.type == "ASSAULT" and _depicted(m.trigger):
            return True  # "holding up pictures of dissidents executed in Iran": who is shown, no act told here
        if m.type == "ASSAULT" and (_how_often(m.trigger) or m.rule.pos == "noun" and _attacks_in_general(
                m.trigger)):
            return True  # "Jihadist attacks have been rare since 2021", "has seen sporadic bombings": how often
            # attacks come, none told; "said attacks on peacekeepers may constitute war crimes": what they are in law
        if m.type == "ASSAULT" and m.trigger.dep_ == "pcomp" and m.trigger.head.lower_ == "without":
            return True  # '"Humanitarian workers must be able to do their jobs without being attacked"': none
        if m.type == "ASSAULT" and self._left_unsaid(m.trigger):
            return True  # "The ministry did not say which embassy was targeted": what is not told of an act told
        if m.type == "ASSAULT" and _asked_about(m.trigger):
            return True  # "investigating whether the explosions were linked to the shooting": an attack told before
        if m.type == "ASSAULT" and self._sent_to_do(m.trigger):
            return True  # "sent special forces to the area to locate and neutralise the attackers": a purpose
        if m.trigger.dep_ == "relcl" and (m.trigger.head.lower_ in ("anyone", "anybody", "whoever") or any(
                c.dep_ == "det" and c.lower_ == "any" for c in m.trigger.head.children)):
            return True  # "any foreign diplomat who met coup-plotting priests would be expelled": no one in particular
        if m.trigger.lower_ == "riot" and m.trigger.i + 1 < len(m.trigger.doc) and m.trigger.nbor().lemma_.lower() in (
                "police", "policeman", "officer", "gear", "squad", "shield", "unit", "control", "van", "truck"):
            return True  # "two extra companies of CRS riot police", whatever the parse made of it
        if m.trigger.dep_ in ("acl", "relcl") and m.trigger.head.lemma_.lower() in ("reason", "need", "plan") \
                and any(c.lower_ == "no" for c in children(m.trigger.head, "det")):
            return True  # "saw no reason to raise the threat level": nothing done
        if (m.type in ("PROTECT", "MOBILIZE", "AID", "SUPPORT", "CONSULT") or m.rule.lemma == "hold" or m.type
                == "PROTEST" and any(c.lower_ == "where" for c in children(m.trigger, "advmod"))) \
                and _what_it_does(m.trigger):
            return True  # "a corporal from the police unit that protects diplomatic missions", "UNIFIL, which
            # patrols the strip", "the European Union, which funds the programme", "the Houthis, who hold the
            # capital", "places where Westerners gather": what it is for or has, no act
        if m.type == "CONSULT" and (m.trigger.lemma_.lower() == "host" and m.trigger.tag_ in ("VBZ", "VBP")
                                    and not children(m.trigger, "aux", "auxpass") or _going_on_then(m.trigger)):
            return True  # "Egypt hosts about half a million Sudanese": who lives there, no meeting; "the delegation
            # had been visiting a herding community when ...": what they were doing then
        if m.type in ("PROTECT", "MOBILIZE") and m.trigger.tag_ == "VBN" and any(
                c.dep_ == "prep" and c.lower_ == "since" and any(t.text[:4].isdigit() for t in c.subtree)
                for c in m.trigger.children) and any(c.dep_ == "auxpass" and c.lower_ == "been"
                                                     for c in m.trigger.children):
            return True  # "U.S. forces have been stationed at Soto Cano since the 1980s": a standing force (not
            # "police have been deployed around the embassy since Monday")
        if m.type == "MOBILIZE":  # "About 900 US troops are deployed in Syria": a standing force, no move
            return m.trigger.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are")
                                                   for c in m.trigger.children)
        if m.type != "ASSAULT":
            return False
        if m.rule.pos == "noun" and self.not_an_event(m.trigger, has_doer=bool(m.actors)):
            return True
        anyone = any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in m.trigger.children)
        if m.rule.pos == "noun" and not m.actors and not m.negated and (anyone or _regarded_as(m.trigger)):
            return True  # "would treat any attack on its troops as an attack on Russia": what anyone might do, and
            # what it would count as
        if not m.negated and any(a.lower_ in ANYONE or a.dep_ in ("csubj", "csubjpass") and any(
                s.lower_ in ANYONE for s in children(a, "nsubj")) for a in m.actors):
            return True  # "whoever attacks them attacks the nation itself": what anyone might do, no attack (but
            # "denied that anyone had thrown stones" denies one)
        return m.hypothetical and m.rule.pos == "verb" and bool(m.actors) and all(
            a.tag_ == "VBG" and a.dep_ in ("csubj", "csubjpass") for a in m.actors)  # the "doer" is an action

    def not_an_event(self, token: Token, has_doer: bool = False) -> bool:
        """An attack noun that names no attack (the patterns drop it; the detector may not add it):
        - a kind of weapon: "ground attack munitions", "attack helicopters";
        - a contingency: "a supply line in case of invasion", "in the event of an attack" (not "in the case of
          the two worst explosions": those happened);
        - what is to be prevented, with no doer of its own: "the ability to prevent terrorist attacks" (with one,
          "to prevent clashes between the two air forces", the parties are named and the event stands), or to be
          ended ("we must work to stop the ongoing war"; not "the coalition stopped the attacks": those happened);
        - a figure of speech: "assaults on democratic rights", "an attack on the truth" (an abstract target);
        - a name given to what is judged: "condemned what its ministry called a criminal assault";
        - what nothing is known of: "no specific intelligence of an imminent attack"."""
        frames = self.p.frames
        if _what_it_is_called(token):
            return True
        if token.dep_ in ("compound", "amod") and self.kinds(token.head) & INSTRUMENT_KINDS:
            return True
        if token.dep_ == "pobj" and token.head.lower_ == "of" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in token.head.head.children):
            return True  # "no specific intelligence of an imminent attack", "no sign of an attack"
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
            opening = token.head.head.head  # "in" of "in (the) case/event of"
            if token.doc[opening.i:token.head.i + 1].text.lower() in frames["contingency_phrases"]:
                return True
        if not has_doer and token.dep_ in ("dobj", "conj") and any(
                above.lemma_.lower() in frames["prevention_verbs"]
                for above in climb(token, through=("dobj", "conj"), limit=3)):
            return True
        if not has_doer and token.dep_ == "dobj" and token.head.lemma_.lower() in frames["ending_verbs"] and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.head.children):
            return True  # "we must work to stop the ongoing war": what someone wants ended, named in a call
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in ("with", "of") \
                and token.head.head.lemma_.lower() in LAYING_CHARGES:
            return True  # "two guards have been charged with murder", "was convicted of attempted murder": a charge
        targets = prep_objects(token, ["on", "against"])
        return bool(targets) and all(t.lemma_.lower() in frames["abstract_targets"] for t in targets)

    def _drop_references(self, found: list[Mention]) -> list[Mention]:
        """"condemned the attack", "rejected the claim": an event named as what someone condemns or rejects,
        with no actor of its own, is a reference to an event told elsewhere, not a report of one."""
        return [m for m in found if (m.actors or m.rule.pos != "noun" or not self.is_reference(m.trigger, found))
                and not (m.type == "ACCUSE" and m.rule.pos == "noun" and m.trigger.dep_ == "dobj"
                         and self._negating(m.trigger.head))]  # "Tehran denied the accusation": another's, denied

    def is_reference(self, noun: Token, found: list[Mention]) -> bool:
        """Whether the event noun is what one of the mentions `found` judges ("condemned the attack", "called the
        shooting an act of terror") or what a party is tied to ("blamed Israel for the strike")."""
        # a claim nobody makes ("No group has claimed the explosion") leaves its attack standing, actorless
        judges = {m.trigger.i for m in found if self.p.types[m.type].get("absorbs_object")
                  and not (m.type == "CLAIM" and m.negated)}
        return any(above.i in judges for above in climb(noun, through=("dobj", "pobj", "prep", "conj"), limit=3)) \
            or self._linked_to(noun) or _timed_against(noun)

    def _linked_to(self, token: Token) -> bool:
        """"any attempt to link Tehran to the attack", "blamed Israel for the strike": an event someone is tied
        to is one told elsewhere, named here as what a party is linked with."""
        return token.dep_ == "pobj" and token.head.lower_ in ("to", "with", "for") \
            and token.head.head.lemma_.lower() in self.p.frames["linking_verbs"]

    def _drop_request_content(self, found: list[Mention]) -> list[Mention]:
        """"urged Iraq to protect the missions": what is asked for is the request's content, not an event."""
        askers = {m.trigger.i for m in found if self.p.types[m.type].get("absorbs_complement")}
        if not askers:
            return found
        found = [m for m in found if not self._a_norm(m)]  # (what a norm says is dropped with it)
        return [m for m in found if m.trigger.i in askers or m.trigger.dep_ == "conj" and (children(
            m.trigger, "aux") or m.trigger.head.i in askers and (m.trigger.tag_ in ("VBD", "VBZ", "VBP") or (
                m.trigger.tag_, m.trigger.head.tag_) == ("VBG", "VBG")) or joins_the_main_verb(m.trigger))
                or not self._asked(m.trigger, askers)]
        # ("were demanding ... and had threatened to ...", "demanded 5 million taka and warned that ...", "demanding
        # the ransom and warning that ...", "asked X to spare no effort to secure his return and urged ...": a second
        # act)

    @staticmethod
    def _asked(token: Token, askers: set[int]) -> bool:
        """`token` is what a request at `askers` asks for ("urged Iraq to protect the missions"), not what a saying
        joined to the request tells ("urged calm, and said police had stepped up checks")."""
        below = token
        for above in climb(token, through=("xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "acl", "advcl"),
                           limit=4):  # ("demanded that Helsinki find ... and take measures to protect ...": a
            if below.dep_ == "advcl" and not any(a.lower_ == "to" for a in children(below, "aux")):  # purpose asked
                return False  # for; not "urged companies to keep away, warning that ...": said beside it)
            if above.i in askers:
                return True
            if above.dep_ == "conj" and above.lemma_.lower() in SAYING:
                return False
            below = above
        return False

    def _candidate_rules(self, token: Token) -> list[Rule]:
        if token.ent_type_ in NAME_ENTITIES and not (token.ent_type_ != "PERSON" and token.ent_iob_ == "I"
                                                     and token.tag_.startswith("NN") and token.is_lower):
            return []  # a name ("Strike Force"), unless it ends in a lower-case event noun ("Marathon bombing")
        if token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in self.p.nouns:
            return self.p.nouns[token.lower_]  # "Fighting between the army and the RSF raged": the event noun
        if token.tag_.startswith("VB"):
            return self.p.verbs.get(token.lemma_.lower(), [])
        if token.tag_ == "JJ" and (token.dep_ == "acomp" or children(token, "auxpass")) \
                and token.lower_.endswith("ed"):  # "was deeply concerned"
            return [r for r in self.p.verbs.get(token.lower_[:-2], []) + self.p.verbs.get(token.lower_[:-1], [])
                    if r.get("state")]
        if token.tag_.startswith("NN"):
            rules = self.p.nouns.get(token.lemma_.lower()) or self.p.nouns.get(token.lower_, [])
            return rules
        return []

    def _applies(self, rule: Rule, token: Token) -> bool:
        """Whether every condition of the rule holds for this token (see patterns/README.md)."""
        spec = self.p.types[rule.type]
        kids = list(token.children)
        if rule.pos == "noun" and token.dep_ == "conj":
            kids += list(token.head.children)  # "rocket and drone strikes on bases": shared modifiers
        modifiers = {w for c in kids if c.dep_ in MODIFIER_DEPS for w in (c.lower_, c.lemma_.lower())}
        preps = {c.lower_ for c in kids if c.dep_ in ("prep", "prt", "agent", "dative")}
        preps |= {m.lower_ for c in kids if c.dep_ == "advcl" and c.i > token.i for m in children(c, "mark")
                  if m.lower_ == "for" and m.i == token.i + 1}  # "called for the two to be released"
        preps |= {p.lower_ for p in _after_without(token)}  # "fired without warning at a group of herders"
        return (self._form_ok(rule, spec, token, kids, modifiers, preps)
                and self._arguments_ok(rule, spec, token, modifiers, preps)
                and self._context_ok(rule, token))

    def _form_ok(self, rule: Rule, spec: TypeSpec, token: Token, kids: list[Token], modifiers: set[str],
                 preps: set[str]) -> bool:
        """The trigger's own shape: modifiers, particles, part of speech, the role it plays in the sentence."""
        if any(word not in modifiers for word in rule.before):
            return False
        if rule.get("state") and not (token.dep_ == "acomp" or token.tag_ in ("VBN", "JJ") and children(
                token, "auxpass")):
            return False  # "said it was deeply concerned" (not "the case concerns ...")
        if rule.pos == "verb":
            if token.dep_ in ("amod", "acl") and not spec.get("participles", False) \
                    and not main_verb_read_as_clause(token) and not _ordered_done(token) \
                    and not (rule.type in ("THREATEN", "REQUEST") and self._papers_threatening(token)):
                return False  # (but "a note threatening its staff", "a protest note demanding that ...": the note's)
            if token.dep_ == "amod" and not spec.get("modifier_participles", False) \
                    and not (rule.type == "THREATEN" and self._papers_threatening(token)):
                return False  # "submarine-launched missiles" describes a thing; "a visiting delegation" may meet
            if token.dep_ in ("csubj", "csubjpass") and token.tag_ == "VBG":
                return False  # "Protecting missions is a duty": a statement about an act, not an act
        elif modifiers & set(spec.get("not_modifier", [])):
            return False
        elif token.dep_ == "compound" and token.lemma_.lower() not in spec.get("compound_triggers", []):
            return False  # "bomb probe", "torture centres": the event word only qualifies another noun
        particles = {c.lower_ for c in kids if c.dep_ in ("prt", "advmod", "prep")}
        if "particle" in rule.options and not particles & _particles(rule):
            return False
        if particles & set(rule.get("not_particle", [])) or preps & set(rule.get("not_prep", [])):
            return False
        if rule.get("pos") and token.pos_ != rule.get("pos"):
            return False
        if rule.type == "CONSULT" and is_passive(token) and "with" in preps:
            return False  # "aggression will be met with a response", "was met with protests": a reaction, no meeting
        if rule.get("active") and is_passive(token):
            return False  # "the brigade was replaced": who took over is not told
        return not (rule.get("intransitive") and children(token, "dobj"))

    def _arguments_ok(self, rule: Rule, spec: TypeSpec, token: Token, modifiers: set[str], preps: set[str]) -> bool:
        """Object, subject, modifier and preposition conditions (with the either-or of `needs`)."""
        objects = self._object_heads(token)
        if not objects and "particle" in rule.options and token.i + 1 < len(token.doc) \
                and token.nbor().dep_ == "prep" and token.nbor().head.i == token.i \
                and token.nbor().lower_ in _particles(rule):
            objects = children(token.nbor(), "pobj")  # "called in Lesotho's high commissioner", its "in" read as a
            # preposition
        object_words = set(with_singulars(w for o in objects for w in head_words(o)))  # "Americans" read as a name
        # what a convoy or a plane carries is what is sent ("a convoy of fuel trucks", "planes carrying tents")
        carried = [c for o in objects if o.lemma_.lower() in CONTAINERS for c in prep_objects(o, ["of"])] + [
            d for o in objects for a in children(o, "acl") if a.lemma_.lower() in ("carry", "load")
            for d in children(a, "dobj", "pobj")]
        object_words |= set(with_singulars(w for c in with_conjuncts(carried) for w in head_words(c)))
        object_words |= set(with_singulars(w for o in objects if o.pos_ == "NUM" or o.lemma_.lower() in COUNTS
                                           for p in prep_objects(o, ["of"]) for w in head_words(p)))  # "flew about
        # 150 of its students home", "set off dozens of bombs"
        if rule.type in ("PROTECT", "ADVISORY", "RETREAT"):  # "moved some of its staff", "all of its staff out":
            object_words |= set(with_singulars(  # whom a measure is for, "suspended all of its work": what is
                # halted (not "launch some of the rockets", which counts no attack)
                w for o in objects if o.lower_ in ("all", "most", "some", "many", "several", "half")
                for p in prep_objects(o, ["of"]) for w in head_words(p)))
        # "denied that it had received a ransom": what is denied is the receiving; "called the shooting an act of
        # terror": what it is called, with its qualifiers
        named = children(token, "xcomp", "oprd", "acomp", "ccomp")
        if token.lemma_.lower() in ("call", "describe", "brand", "label", "term"):  # 'called the bombing "a cowardly
            named += [a for o in objects for a in children(o, "appos")]  # act"', the name read as an apposition
        object_words |= {w for c in named for t in [c, *prep_objects(c, ["of"])] for w in head_words(t)}
        object_words |= {c.lemma_.lower() for c in children(token, "advcl") if c.pos_ == "ADJ"}  # "held X responsible"
        object_words |= {w for p in prep_objects(token, ["as"]) + [a for o in objects for a in prep_objects(o, ["as"])]
                         for w in head_words(p)}  # "described X as outlaws" ("as" hung on X too)
        object_words |= {t.lemma_.lower() for p in children(token, "prep") if p.lower_ == "as" and not children(
            p, "pobj") for t in p.subtree}  # 'described the breach as "deeply regrettable"' (parsed as no object)
        object_words |= {c.lower_ for c in children(token, "advmod") if c.lower_ in ("ablaze", "alight", "afire")
                         or c.lower_ in rule.get("object", [])}  # 'called the bombing "cowardly"' (read as an adverb)
        # a word the rule itself asks for ("hit targets" said of oneself) overrides the type's metaphor filter
        banned = set(spec.get("not_object", [])) - set(rule.get("object", [])) | set(rule.get("not_object", []))
        if set(rule.get("mode", ())) & BOMBARDING:
            banned -= {"market"}  # "shelled the market": a place (not "hit the market")
        if any((o.lemma_.lower() in banned or o.lower_ in banned) and not self._held_by_forces(o) for o in objects):
            return False
        if "object_kind" in rule.options and not any(self.kinds(o) & set(rule.get("object_kind")) for o in objects):
            return False
        if (rule.pos == "verb" or token.dep_ == "dobj") and not self._subject_ok(rule, token):
            return False  # (a noun's: who "set up barricades")
        agents = prep_objects(token, ["by", "with"]) + [  # ("replaced the unit guarding the missions with an army
            p for o in objects for a in children(o, "acl") for p in prep_objects(a, ["with"])]  # detachment")
        if "agent" in rule.options and not {w for a in agents for w in head_words(a)} & set(rule.get("agent")):
            return False  # "replaced by a unit of the Counter-Terrorism Service", not "replaced by a colonel"
        need_modifier = "modifier" in rule.options and not modifiers & set(rule.get("modifier"))
        need_prep = "prep" in rule.options and not preps & set(rule.get("prep"))
        need_object = "object" in rule.options and not object_words & set(rule.get("object"))
        alternatives = {"modifier_or_prep": need_modifier and need_prep, "object_or_prep": need_object and need_prep}
        if rule.get("needs") in alternatives:
            return not alternatives[rule.get("needs")]
        return not (need_modifier or need_prep or need_object)

    def is_cause(self, token: Token) -> bool:
        """"strikes in revenge for a bombing", "in retaliation for the attack": an event given as the reason for
        another is one of its own, told earlier, whose doer the sentence leaves open."""
        return token.dep_ == "pobj" and token.head.lower_ in ("for", "to") \
            and token.head.head.lemma_.lower() in self.p.frames.get("cause_words", ())

    def _held_by_forces(self, token: Token) -> bool:
        """"an Israeli position", "army positions", "enemy targets": a place held by forces, not a stance or aim."""
        holders = [c for c in token.children if c.dep_ in (*MODIFIER_DEPS, "poss")] + prep_objects(token, ["of"])
        # ("positions of the occupation forces")
        return token.lemma_.lower() in self.p.frames.get("held_places", ()) and any(
            c.ent_type_ in ("NORP", "ORG", "GPE") or "military" in self.kinds(c) or c.lemma_.lower() == "enemy"
            for c in holders)

    def _subject_ok(self, rule: Rule, token: Token) -> bool:
        if not {"subject", "subject_kind", "not_subject_kind"} & set(rule.options):
            return True
        if rule.pos == "noun" and token.dep_ == "dobj":  # "Youths set up barricades": who set them up
            token = token.head
        subjects = children(_holder(token), "nsubj", *PASSIVE_SUBJECTS) or subject_of(token, self.object_control)
        if is_passive(token) and agent_of(token):  # "the crowd was dispersed by police": the police do it
            subjects = agent_of(token)
        if not subjects and _subjectless_saying(token):
            subjects = _speakers(token.head)  # 'UNDP said it was "concerned", had suspended field visits ...'
        if token.tag_ == "VBG" and token.dep_ == "advcl" and (papers := self._papers_threatening(token)):
            subjects = papers  # "received e-mails saying that explosives would go off": the e-mails say so
        if token.dep_ == "relcl":  # "demonstrators who had massed outside": the demonstrators; "freed the engineers
            subjects = [token.head if s.lower_ in RELATIVE_WORDS else (taker_of_object(token) or s)
                        if s.lower_ == "they" else s for s in subjects]  # they had held": those freeing them
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):  # "the ministry said ..., and it advised
            subjects = [f for s in subjects for f in (  # Nigerians to stay indoors": the kind of "it" is the ministry's
                subject_of(token.head, self.object_control) or [s] if s.lower_ in ("it", "they") else [s])]
            # ("it was appalled by the attack and had suspended visits": the "it" of the passive kept)
        if "subject" in rule.options and not {w for s in subjects for t in (
                [s, *prep_objects(s, ["of"])] if s.lemma_.lower() in OF_WHOM | {"some", "one"} else [s])  # "any of its
                for w in head_words(t)} & set(rule.get("subject")):  # shells had landed among civilians"
            return False
        subjects = [s for t in subjects for s in (  # "Israel said it killed two fighters", "the embassy said it was
            _speakers(t.head.head) if t.pos_ == "PRON" and _said_of_itself(t) and t.head.dep_ == "ccomp"  # in touch
            and (t.head.head.lemma_.lower() in SAYING | {"tell"} or t.head.head.lemma_.lower() in DENYING
                 and t.lower_ in ("it", "they", "we")) else [t])]  # ..., advising students",
        # '"We expect ...," a ministry spokesman told reporters', "the group denied that it had killed the worker":
        # the kind of "it" or "we" is the speaker's (or the denier's)
        if "subject_kind" in rule.options:  # "The WFP said the trucks had been hired locally. It has suspended
            subjects = [_told_before(s) if s.lower_ == "it" else s for s in subjects]  # deliveries": the WFP's kind
        if any(self.kinds(s) & set(rule.get("not_subject_kind", ())) for s in subjects):
            return False  # "the foreign ministry protested against the attack": a complaint, no demonstration
        if rule.type == "PROTEST" and "civilians" in rule.get("subject_kind", ()) and subjects and all(
                s.tag_ == "NN" and s.lemma_.lower() not in CROWD_WORDS | QUANTITIES for s in subjects):
            return False  # "a man hurled petrol bombs ..., setting fire to a booth": one man is no crowd
        if rule.type == "PROTEST" and "riot" in rule.get("mode", ()) and "civilians" in rule.get("subject_kind", ()) \
                and subjects and not self._protesting(subjects, token):
            return False  # "a group of young men pelted the minibus with rocks": their attack, no riot
        wielded = [s for s in children(token, "nsubj") if self._instrument_owner(s)]  # a weapon acts only as its
        # verb's own subject, and a party's: "a Houthi drone killed a man", not "a bomb tore through the convoy,
        # killing two" (the tearing, told again), nor "roadside IED kills general" (whose, the story may not know)
        return "subject_kind" not in rule.options or any(
            self.kinds(s) & set(rule.get("subject_kind")) - (set() if s in wielded else INSTRUMENT_KINDS)
            for s in with_conjuncts(subjects))  # "vehicles and troops"

    @staticmethod
    def _protesting(subjects: list[Token], token: Token) -> bool:
        """Civilians' violence is a riot unless they are a few unorganised people ("youths", "a group of young men",
        "villagers", with no number that makes a crowd) and no protest is told in its sentence or the one before it
        ("a group of young men pelted the vaccination team's minibus with rocks": their attack)."""
        named = [x for s in subjects for x in ([s, *prep_objects(s, ["of"])] if s.lemma_.lower() in QUANTITIES
                                               else [s])]
        if not all(x.lemma_.lower() in LONE_CIVILIANS | QUANTITIES for x in named) \
                or any(t.dep_ == "nummod" and not _few(t) or t.lemma_.lower() in COUNTS
                       for s in subjects for t in s.subtree):
            return True  # ("protesters", "supporters of X", "several hundred young men", "about 40 young men"; not
            # "two men on a motorcycle")
        sents = [token.sent] + ([token.doc[token.sent.start - 1].sent] if token.sent.start > 0 else [])
        return any(t.lemma_.lower() in PROTEST_WORDS for sent in sents for t in sent)

    def _context_ok(self, rule: Rule, token: Token) -> bool:
        """Conditions on the words around: a demanded clause, a word in the phrase, the governing verb."""
        if "complement_aux" in rule.options and not self._demanded(token, rule):
            return False
        if rule.get("conditional") and not _own_or_conditional(token):
            return False
        if rule.get("refused") and not self._negated(token):
            return False  # "said they would not accept the ban": a refusal; "accepted the ban" is none
        if rule.get("to_come") and not any(_future(v) for c in children(token, "ccomp") or [token]
                                           for v in with_conjuncts([c])):
            return False  # "e-mails said bombs had been planted and would go off at noon", not "a note said it had
            # planted the bomb"
        if rule.get("on_condition") and not any(t.dep_ == "mark" and t.lower_ in self.p.frames["conditional_marks"]
                                                for t in token.subtree):
            return False  # "would take all necessary measures ... if provocations continued", not "assured them the
            # government would take all necessary measures to protect their premises"
        if rule.get("said") and (self.saying_of(token) is None
                                 or not all(map(_said_of_itself, children(token, "nsubj"))) or is_passive(token)):
            return False  # "they said they had hit a ship", "its fighters had hit": what a party says of itself
        if "with" in rule.options or "not_with" in rule.options:  # the trigger's phrase and what it says
            said = [t for c in children(token, "ccomp", "xcomp") for t in c.subtree]  # ("warned that ... a war")
            said += [t for c in children(token, "advcl") if any(a.dep_ == "aux" and a.lower_ == "to" for a in
                                                                c.children) for t in c.subtree]  # its purpose ("sent
            # 30 more officers to the sites to guarantee the safety of staff")
            # a modifier's conjuncts are in the phrase too: "respond immediately and firmly"
            phrase = [*local_tokens(token), *said]
            phrase += [d for t in phrase if t is not token for c in children(t, "conj") for d in local_tokens(c)]
            # ("posted officers and an armoured vehicle outside the embassy")
            phrase += [d for o in children(token, *OBJECTS) for c in children(o, "acl") if c.tag_ == "VBN" or (
                c.tag_ == "VB" and any(a.lower_ == "to" for a in children(c, "aux"))) for d in local_tokens(c)]
            # the state its object is left in ("kept units stationed around"), or what it is for ("reserves the
            # right to respond")
            phrase += [p for o in children(token, *OBJECTS) for c in children(o, "acl") if c.tag_ == "VBG"
                       for p in children(c, "prep")]  # a preposition the parser hung on the object's participle
            # ("moved its volunteers serving in Atacora to the south")
            near = {w for t in phrase for w in (t.lemma_.lower(), t.lower_)}
            if "with" in rule.options and not near & set(rule.get("with")):
                return False
            if near & set(rule.get("not_with", ())):  # "warned of a threat of attacks": a warning, no threat
                return False
        if rule.type == "CONSULT" and _errand(token):
            return False
        if "affirmed" in rule.options and self._negated(token):
            return False  # "Paris did not immediately respond": no answer, not a response held back
        if "under" in rule.options and not (token.dep_ == "pobj" and token.head.lower_ in rule.get("under")):
            return False  # "killed in a strike": the noun as the object of the preposition
        if "head" in rule.options or "not_head" in rule.options:
            verb = self._governing_verb(token)
            lemma = verb.lemma_.lower() if verb is not None else ""
            done = [c.lemma_.lower() for c in children(token, "acl") if c.tag_ == "VBN"]  # "ordered checkpoints set up
            if "head" in rule.options and set(done) & set(rule.get("head")):  # on the roads": what was done to it
                lemma = next(d for d in done if d in rule.get("head"))
            if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS and not self._in_protest(token) \
                    and not (token.head.lower_ == "in" and lemma in CASUALTY_VERBS | {"die"}):
                return False  # "set off a bomb at a checkpoint": where something happened, not what was set up;
                # "killed in a strike" tells how
            if "head" in rule.options and lemma not in rule.get("head"):
                return False
            if lemma in rule.get("not_head", []):
                return False
        return True

    # ---------------------------------------------------------------- arguments
    def _demanded(self, token: Token, rule: Rule) -> list[Token]:
        """"X said that Y must ...", "said in a statement that Y should ...": the clauses of `token` (or of the
        statement it speaks through) whose verb takes one of the rule's auxiliaries."""
        said = children(token, "ccomp") + [c for p in prep_objects(token, ["in"]) if p.lemma_.lower() in self.p.frames[
            "saying_nouns"] for c in children(p, "acl", "relcl")]
        return [c for c in said if any(a.dep_ == "aux" and a.lower_ in rule.get("complement_aux") for a in c.children)]

    def _advice_said(self, m: Mention) -> Mention:
        """"The State Department repeated that Americans should not travel to Syria": what a government says its
        own people should do about travel is travel advice, not a request of them."""
        if m.type != "REQUEST" or "complement_aux" not in m.rule.options or "ADVISORY" not in self.p.types:
            return m
        advice = [c for c in self._demanded(m.trigger, m.rule) if c.lemma_.lower() in TRAVEL_ADVICE and any(
            ("civilians" in self.kinds(s) or s.ent_type_ == "NORP") and not self.kinds(s) & {
                "military", "police", "government"} for s in children(c, "nsubj"))]  # (not "Indian military
        # personnel must leave the country": a demand of a state)
        if not advice:
            return m
        return replace(m, type="ADVISORY", modes=["raise"], recipients=children(advice[0], "nsubj"),
                       rule=Rule("ADVISORY", "verb", m.trigger.lemma_.lower(), (), {}))

    def _a_norm(self, m: Mention) -> bool:
        """"Saying aid workers must never be a target", "Jews should be able to feel safe", "missions should not be
        targeted": a rule stated, asked of no one who could act on it, is no request."""
        if m.type != "REQUEST" or "complement_aux" not in m.rule.options:
            return False
        agents = {"government", "state", "military", "police", "armed_group", "igo"}
        return not any(not is_passive(c) and any(self.kinds(s) & agents or s.ent_type_ in ("GPE", "ORG", "NORP")
                                                 for s in children(c, "nsubj")) for c in self._demanded(m.trigger,
                                                                                                       m.rule))

    def _object_heads(self, token: Token) -> list[Token]:
        if token.tag_.startswith("VB"):
            heads = children(token, *OBJECTS) or [s for c in children(token, "ccomp") if any(
                a.lower_ == "to" for a in children(c, "aux")) for s in children(c, "nsubj")]  # "allowed staff to
            # leave", read as a clause
            if is_passive(token):
                heads += children(token, *PASSIVE_SUBJECTS) or _shared_subject(token) \
                    or _misread_reduced_relative(token)
            if not heads and token.dep_ in ("acl", "amod") and token.tag_ == "VBN":
                heads = [token.head]
            if not heads and token.dep_ == "relcl" and token.head.ent_type_ not in ("DATE", "TIME") and any(
                    s.lower_ not in RELATIVE_WORDS for s in children(token, "nsubj")) \
                    and not children(token, "mark", "advmod"):
                heads = [token.head]  # "freed the engineers they had held for two days": whom they held

            if token.dep_ == "relcl" and (token.lemma_.lower() in CLAIM_VERBS or is_passive(token)):  # "attacks,
                heads = [token.head if h.lower_ in RELATIVE_WORDS else h for h in heads]  # which it has not
                # claimed", "four Zimbabweans who were beaten to death": the noun the relative stands for
            return with_conjuncts(heads)
        return with_conjuncts(prep_objects(token, ["of"]) + children(token, "compound"))

    def _governing_verb(self, token: Token) -> Token | None:
        for above in climb(token):
            if above.pos_ in ("VERB", "AUX"):
                return above
        return None

    def _participle_doers(self, verb: Token) -> list[Token]:
        """Who does `verb` (`subject_of`); for a participle the parse hangs on a thing ("gathered outside the
        shuttered clinic waving flags and demanding ...", "had sent emails since his contract ended, demanding
        compensation"), the doer of the nearest verb above with a party for a subject."""
        doers = subject_of(verb, self.object_control)
        if verb.tag_ != "VBG" or not doers or any(
                self.is_party(d) or d.pos_ != "NOUN" or d.lemma_ in OF_HEADS | set(self.p.frames["saying_nouns"])
                or prep_objects(d, ["of"]) for d in doers):
            return doers  # (leaflets threatening to burn it: their authors', whoever they are)
        below = verb
        for above in list(verb.ancestors)[:6]:
            if below.dep_ == "ccomp":
                break  # (not who says it: "said an account had published a call ...")
            below = above
            if above.pos_ == "VERB" and above.tag_ != "VBG":
                found = subject_of(above, self.object_control)
                if any(self.is_party(f) or f.lemma_ in OF_HEADS for f in found):  # ("40 members of a group")
                    return found
        return doers

    def _posters(self, actor: Token) -> list[Token]:
        """"a man who posted a video on Facebook threatening to burn down the embassy": the parse makes Facebook
        the one threatening; it is where the video was posted, and the threat is the poster's."""
        verb = actor.head
        if actor.lower_ not in self.p.frames["channels"] or actor.dep_ != "nsubj" or verb.tag_ != "VBG" \
                or verb.dep_ != "pcomp" or verb.head.lower_ != "on" or verb.head.head.pos_ != "VERB":
            return [actor]
        return subject_of(verb.head.head, self.object_control)

    def is_party(self, token: Token) -> bool:
        """A name, a pronoun, or a word of a party kind ("rebels", "troops", "protesters")."""
        return token.pos_ == "PRON" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or bool(
            self.kinds(token) & set(PARTY_KINDS))

    def kinds(self, token: Token) -> set[str]:
        """Coarse categories of an argument (person, state, site, military, ...) from its label and words."""
        if {token.lemma_.lower(), token.lower_.removesuffix("s")} & (QUANTITIES | PARTS | OF_WHOM) \
                or token.pos_ == "NUM":  # "hundreds of protesters", "Thousands of supporters" (read as a name), "the
            # wall of the embassy", "members of the Tibetan community"
            token = next(iter(prep_objects(token, ["of"])), token)
        found = set(self.p.entity_kinds.get(token.ent_type_, []))
        counted = token.i > 0 and token.nbor(-1).like_num and token.text.endswith("s")  # "four Zimbabweans", tagged
        if token.ent_type_ == "NORP" and (token.tag_ in ("NNS", "NNPS") or counted) \
                and context.known_kind(token.text) in ("unknown", "state", "civilians"):
            found = {"civilians"}  # "tens of thousands of Nicaraguans", "Americans": people, not their state (but
            # "the Houthis", a group)
        elif token.tag_ == "NNPS" and not token.ent_type_ and context.country_of_adjective(token.text[:-1]):
            found = {"civilians"}  # "several hundred Kosovo Serbs", untagged
        if token.ent_type_ == "ORG" and token.pos_ == "PROPN" and context.country_of_capital(token.text):
            found = {"state"}  # "Dhaka expects ...", a capital read as an organisation: its government
        elif token.ent_type_ == "ORG" and (token.pos_ == "PROPN" or token.is_upper) and not found & KNOWN_KINDS:
            found |= {context.known_kind(_entity_text(token).removeprefix("The "))} - {"unknown"}  # "the NRC",
            # "Hamas", "UNDP" (tagged a noun): a party the tables know
            if not found & KNOWN_KINDS and (gloss := _glossed_as(token)):  # "The International Federation of Red
                found |= {context.known_kind(gloss)} - {"unknown"}  # Cross and Red Crescent Societies (IFRC)"
        if not found & KNOWN_KINDS and token.pos_ == "PROPN" and not token.ent_type_:
            if context.country_named(token.text):  # "YAOUNDE, April 17 (Agency) - Cameroon has suspended ...":
                found.add("state")  # a country the tagger missed after a dateline
            else:  # "Hasm denied ...": a group the tables know, which the tagger left unnamed
                found |= {context.known_kind(token.text)} - {"unknown"}
        if not found & KNOWN_KINDS and token.is_title and any(c.dep_ == "prep" and c.is_title for c in token.children):
            name = " ".join(t.text for t in takewhile(lambda t: t.is_title, token.doc[token.i:token.i + 6]))
            found |= {context.known_kind(name)} - {"unknown"}  # "Doctors Without Borders", parsed as "Doctors"
        for word in with_singulars(head_words(token)[:2]):
            found.update(self.p.kind_words.get(word, []))
        named = {k for c in children(token, "compound") for w in with_singulars([f"{c.lower_} {token.lower_}"])
                 for k in self.p.kind_words.get(w, [])}  # the tables' two-word names ("the Guinean Red Cross",
        if named:  # "air force"), which say what the head word alone would not ("an aid group": no armed group)
            found = found - {k for w in with_singulars(head_words(token)[:2]) for k in self.p.kind_words.get(w, [])}
            found |= named
        if token.pos_ == "PRON" and token.lower_ in ("he", "she", "him", "her"):
            found.add("person")
        if "civilians" in found and any(c.lower_ == "armed" and c.dep_ in ("acl", "amod") for c in token.children):
            found = found - {"civilians"} | {"armed_group"}  # "men armed with rifles", "armed youths": no crowd
        if token.lemma_.lower() == "office" and any(c.lower_ in ("foreign", "home", "cabinet", "presidential")
                                                    for c in token.children):
            found.add("government")  # "Britain's Foreign Office"
        if token.lemma_.lower() == "general" and any(c.lemma_.lower() == "consulate" for c in token.children):
            found = {"site", "government"}  # "the consulate general", no general officer
        if token.lemma_.lower() == "service" and any(c.lower_ in ("intelligence", "security", "secret")
                                                     for c in token.children):
            found.add("police")  # "Denmark's domestic intelligence service"
        if not found & KNOWN_KINDS and token.is_upper and (long := _spelled_out(token)) is not None:
            found |= self.kinds(long) & KNOWN_KINDS  # "the Botswana Defence Force (BDF)" told before: "The BDF
        return found  # said ..." is the army's

    def _doers_when(self, verb: Token) -> list[Token]:
        """"The diplomat was shot when three armed men blocked her car": the armed men of the clause that tells
        when a passive attack with no agent was done did it (not "was wounded when police dispersed the crowd")."""
        clauses = [c for c in children(verb, "advcl") if any(
            m.dep_ == "advmod" and m.lower_ == "when" or m.dep_ == "mark" and m.lower_ == "as" for m in c.children)]
        return [s for c in clauses for s in children(c, "nsubj")
                if self.kinds(s) & {"armed_group", "violent"} and not self.kinds(s) & {"police", "military"}][:1]

    def _asked_of(self, token: Token) -> list[Token]:
        """Whom a request with no object is made of: the subject of what is asked ("Dhaka expects India to act",
        "demanded that Manila punish them"), or whom a note demanding it was handed ("handed him a note demanding
        that ...")."""
        asked = [s for c in children(token, "ccomp", "xcomp") for s in children(c, "nsubj")
                 if s.pos_ != "PRON" and self.is_party(s)]
        handed = token.head.head if token.dep_ == "acl" and token.head.lemma_.lower() in self.p.frames[
            "saying_nouns"] else token.head if token.dep_ == "advcl" and token.tag_ == "VBG" else None
        return asked + (children(handed, "dative", "iobj") if handed is not None else [])

    def _build(self, rule: Rule, token: Token) -> Mention:
        spec = self.p.types[rule.type]
        mention = Mention(rule.type, token, rule)
        if rule.get("state"):  # "the delegation said it was deeply concerned by the raids": who is, over what
            mention.actors = children(_holder(token), "nsubj", "nsubjpass")
            mention.recipients = [next(iter(prep_objects(r, ["of"])), r) if r.lemma_.lower() in (  # "by reports of
                "report", "news", "account") else r for r in prep_objects(token, ["by", "about", "over", "at"])]
            # excessive force": the force
        elif rule.pos == "verb":
            self._verb_arguments(mention, spec)
        else:
            self._noun_arguments(mention, spec)
        if rule.type in ("ASSAULT", "THREATEN") and not mention.actors:
            mention.actors = _the_suspect(token)
            if mention.actors:
                mention.actor_source = "suspected"
        if rule.type == "ASSAULT" and not mention.actors and rule.pos == "verb" and is_passive(token):
            mention.actors = self._doers_when(token)  # "was shot when three armed men blocked her car"
        mention.recipients = [r for r in mention.recipients if not denied_party(r)]  # "no one was arrested"
        unsigned = self._writers(mention)
        if rule.type == "PROTEST" and token.tag_ == "VBG" and token.dep_ == "advcl" and mention.actors and all(
                self.kinds(a) & {"police", "military"} for a in mention.actors):  # "Police fired tear gas to disperse
            mention.actors = self._crowd_dispersed(token.head) or self._crowd_of(token.head) \
                or mention.actors  # migrants ..., protesting at X": the migrants protest
        self._forces_told_by(mention)
        if spec.get("protected_preps"):
            self._protected_sites(mention, spec)
        if rule.type in ("PROTEST", "ASSAULT") and not mention.recipients and not mention.hypothetical \
                and not rule.get("symmetric") and not any(c.lemma_.lower() in DISPERSING  # (not "fired tear gas
                                                          for c in children(token, "advcl", "xcomp")):  # to push the
            mention.recipients = self._site_in_phrase(token)  # crowd back from the building": the crowd, below)
        self._order_frame(mention)
        if rule.type == "REQUEST" and rule.pos == "verb" and not mention.recipients:
            mention.recipients = self._asked_of(token)
        if rule.get("subject"):  # "the State Department's travel advisory remains at Level 4": its owner keeps it
            mention.actors = [next((o for o in children(a, "poss") if o.pos_ != "PRON" or o.lower_ in OWNERS), a)
                              if set(head_words(a)) & set(rule.get("subject")) - MISSION_WORDS else a
                              for a in mention.actors]  # ("Turkey's embassy has stopped accepting visa
            # applications": the embassy, a party of its own)
        if rule.get("symmetric", spec.get("symmetric", False)):
            self._make_symmetric(mention)
        denied = any(map(denied_party, with_conjuncts(mention.actors))) or rule.type == "ASSAULT" and any(
            map(denied_party, children(token, "nsubjpass")))  # ("not a single shot was fired from our side")
        mention.actors = [next(iter(prep_objects(a, ["of"])), a) if a.lower_ == "any" else a
                          for a in mention.actors]  # "denied that any of its staff had fired": its staff
        mention.actors = [p for a in mention.actors for p in self._posters(a)]
        named = [a for a in with_conjuncts(mention.actors) if a.i != token.i and _party_like(a)
                 and not denied_party(a) and not self._event_noun(a)]
        mention.actors = list(dict.fromkeys(owner for a in named for owner in self._instrument_owner(a)))
        if named and not mention.actors:  # "Two drones attacked the base": the sentence names the means, not who
            mention.actor_source = "weapon only"
        if denied and not mention.actors:  # "No group has claimed it": an event in its own right, with no actor
            mention.actor_source = "denied"
        elif unsigned and not mention.actors:  # "a note warned that the embassy would be next": a threat made,
            mention.actor_source = "unsigned"  # its writer unknown
        elif not mention.actors:  # none, or only a weapon: a gunman named nearby may stand in
            self._agent_noun(mention, spec)
        if not mention.actors and self.is_cause(token):  # "revenge for a bombing in Kerman": an earlier act
            mention.actor_source = "cause"
        not_parties = set(spec.get("not_recipient", []))
        if mention.type == "THREATEN":  # "reserved the right to a decisive response": what is threatened, not whom
            not_parties |= set(spec.mode_words)
        asked = set(rule.get("object", []))  # what the rule asks for is no recipient ("held X responsible",
        mention.recipients = self._recipients_in_clause(mention)  # "sent troops") unless addressed
        mention.recipients = [r for r in with_conjuncts(mention.recipients)
                              if r.i != token.i and r not in mention.actors and _party_like(r)
                              and r.lemma_.lower() not in not_parties
                              and not (r.lemma_.lower() in asked and not self._addressed(mention, r))]
        mention.modes = self._modes(mention, spec)
        mention.negated = bool(rule.get("negated")) or self._negated(token) and not rule.get("refused")
        mention.hypothetical = self._hypothetical(mention.dated_by if mention.type == "ACCUSE" and mention.dated_by
                                                  is not None else token)
        if rule.type == "THREATEN" and rule.lemma in ("respond", "take", "pursue") and _future(token) \
                or rule.get("refused"):
            mention.hypothetical = False  # "Moscow would respond": the threat is made now; what would come, later
        self._forces_denied(mention)
        mention.confidence = self._confidence(mention)
        return mention

    def _forces_denied(self, m: Mention) -> None:
        """"Ethiopia's spokesman denied that troops had been sent to the border": forces moved by no one named, as a
        state denies it, are the denier's (as it tells)."""
        token = m.trigger
        if m.type == "MOBILIZE" and m.negated and is_passive(token) and not agent_of(token) and _denied_clause(token):
            m.actors = [s for s in _speakers(token.head, it=True) if self.is_party(s)] or m.actors

    def _sent_to_do(self, token: Token) -> bool:
        """What forces are sent to do ("sent special forces to the area to locate and neutralise the attackers"):
        a purpose, not an act yet done."""
        verb = token
        while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            verb = verb.head
        return verb.pos_ == "VERB" and verb.dep_ in ("advcl", "xcomp") and not children(verb, "nsubj") \
            and any(a.lower_ == "to" for a in children(verb, "aux")) \
            and verb.head.lemma_.lower() in self.p.frames["deployment_verbs"]

    def _addressed(self, mention: Mention, token: Token) -> bool:
        """A party an act done in words is aimed at ("summoned the ambassador"), or the site or people a measure
        protects ("reinforced the embassy", "flew staff out", "told its staff to shelter"), where the rule asks for
        that word; in other acts the word asked for is the means ("sent troops", "tightened security")."""
        if mention.type == "PROTECT":
            site = self._site_like(token) and not deep_prep_objects(token, ["around", "to", "near"])  # "reinforced
            # the embassy", but "closed the roads around the embassy" protects the embassy
            moved = bool({"evacuate", "order"} & set(mention.rule.get("mode") or [])) and self.is_party(token)
            return site or moved
        return (mention.type in WORD_ACTS or mention.type == "SANCTION") and self.is_party(token)  # "expelled
        # the ambassador"

    def _recipients_in_clause(self, m: Mention) -> list[Token]:
        """Who or what the act is done to, read from the trigger's own clause first: the whole, not its part ("the
        outer wall of the embassy"); the party whose act is judged ("rejected a US demand", "backed Iraq's
        efforts"); never the weapon ("fired tear gas", "rammed a car into a convoy": the convoy) nor where a claim
        was posted ("in a statement on Telegram"). With none left: what an event noun's own verb hit ("A drone
        strike killed a commander"), what a threat threatens ("threatened to strike Israel"), and whom a weapon
        was used to move ("fired tear gas to push back protesters")."""
        frames, token = self.p.frames, m.trigger
        out: list[Token] = []
        for r in m.recipients:
            if r.dep_ == "npadvmod" and r.head.dep_ == "amod":  # "a home-made landmine": part of a word
                continue
            if r.lemma_.lower() == "call" and any(c.lower_ == "what" for c in r.children):  # "fired at what they
                r = next((c for c in r.children if c.dep_ in ("oprd", "attr", "xcomp")), r)  # called bases"
            whole = prep_objects(r, ["of"])
            if (r.lemma_.lower() in PARTS | QUANTITIES or r.pos_ == "NUM") and whole:
                r = whole[0]  # "the wall of the embassy", "one of the company's vehicles": the whole
            owners = [c for c in r.children if c.dep_ in ("poss", "compound", "amod") and self.is_party(c)
                      and c.pos_ in ("PROPN", "NOUN", "ADJ") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")]
            if r.lemma_.lower() in frames["act_nouns"] and owners:
                r = owners[0]
            if r.dep_ == "dobj" and token.lemma_.lower() in ("blame", "attribute") and self._event_noun(r):
                blamed = [o for o in prep_objects(token, ["on", "to"]) + prep_objects(r, ["on", "to"])
                          if self.is_party(o)]
                named = [o for o in blamed if o.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")]
                r = (named or blamed or [r])[0]  # "blamed the attack on Islamic State"
            above = list(climb(r, through=("pobj", "prep"), limit=4))
            above = above[:above.index(token)] if token in above else above  # (not "a note of protest to X")
            if any(a.pos_ in ("NOUN", "PROPN") and a.lemma_.lower() in frames["saying_nouns"]
                   for a in above) or r.lower_ in frames["channels"] \
                    and r.dep_ == "pobj" and r.head.lower_ == "on":
                continue  # "claimed the attack in a statement on Telegram", "claimed it on Telegram"
            if r.dep_ == "dobj" and r.head.i == token.i and self._instrument(r, token) or not _party_like(r):
                continue  # the weapon; a date ("on Friday")
            if m.type == "REQUEST" and token.lemma_.lower() in ("demand", "seek", "want", "request") \
                    and r.dep_ == "dobj" and r.head.i == token.i and not self.is_party(r):
                continue  # what is asked for, not of whom: "demanded a ransom", "sought compensation"
            out.append(r)
        if out:
            return out
        if m.type == "REQUEST" and called_to_say(token):  # "called the company to demand a ransom": the one called
            return children(token.head, "dobj")
        if m.type == "ASSAULT":
            aimed = [o for d in prep_objects(token, ["in"]) if d.lemma_.lower() == "direction"
                     for o in prep_objects(d, ["of"])]
            if aimed:  # "fired several shots in the direction of a patrol"
                return aimed
            verb = token if token.pos_ == "VERB" else token.head if token.dep_ == "nsubj" else \
                token.head.head if token.dep_ == "compound" and token.head.dep_ == "nsubj" else None
            if verb is not None and verb.i != token.i and verb.lemma_.lower() in frames["impact_verbs"]:
                return children(verb, "dobj")  # "A U.S. drone strike killed a commander"
            if verb is not None and verb.lemma_.lower() in ("explode", "detonate", "strike", "hit", "land", "crash",
                                                            "fall", "impact"):  # "exploded beside a convoy",
                # "two drones struck near a base"
                return [o for o in prep_objects(verb, ["beside", "near", "under", "outside", "at"])
                        if self.is_party(o) or "site" in self.kinds(o)][:1]
        if m.type == "ASSAULT" and token.dep_ == "pobj" and token.head.lower_ in ("in", "by") \
                and is_passive(token.head.head) and token.head.head.lemma_.lower() in frames["impact_verbs"]:
            return children(token.head.head, *PASSIVE_SUBJECTS)  # "fighters were killed in drone strikes"
        if m.type == "THREATEN":
            acts = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
            acts += [p for p in prep_objects(token, ["of", "with"]) if p.tag_.startswith("NN")]
            conditions = {t.i for t in self._conditions(token)}
            found = [o for act in acts if act.i not in conditions
                     for o in children(act, "dobj") + prep_objects(act, ["against", "on"])]
            return [o for o in found if self.is_party(o) or "site" in self.kinds(o)][:2]
        crowd = self._crowd_dispersed(token) if m.type == "ASSAULT" and m.rule.pos == "verb" else []
        if crowd:  # "used pepper spray to drive back the crowd", "... to break up a march by young people"
            return crowd
        if m.rule.pos == "verb" and any(self._instrument(d, token) for d in children(token, "dobj")):
            return prep_objects(token, ["into"]) or [o for c in token.children if c.dep_ in ("advcl", "xcomp") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for o in children(c, "dobj")][:1]
        return out

    def _instrument(self, thing: Token, verb: Token) -> bool:
        """A weapon the act is done with ("fired tear gas", "used water cannon"), or what was driven into the
        target ("rammed a car into a convoy")."""
        return "weapon" in self.kinds(thing) or "vehicle" in self.kinds(thing) and bool(prep_objects(verb, ["into"]))

    def _event_noun(self, token: Token) -> bool:
        """"The strike hit a vehicle", "the attacks killed ...": an event is no actor (its own actor may be named
        with it, "Israeli strikes", and is found from the event noun's own mention)."""
        return token.pos_ == "NOUN" and (token.lemma_.lower() in self.p.nouns or token.lower_ in self.p.nouns
                                         or token.lemma_.lower() in self.p.frames["event_words"]
                                         or "event" in self.kinds(token)) \
            and not self.kinds(token) & {"military", "police"}  # "The measures freeze assets"; "a border patrol"

    def _instrument_owner(self, actor: Token) -> list[Token]:
        """A weapon or vehicle is the instrument, not the actor ("Drones attacked the base"): the state or group
        named with it acts ("Israeli warplanes", "US drones", "Hezbollah's rockets", "air force jets"); else nobody
        known does."""
        if actor.lemma_.lower() in RECORDINGS and actor.dep_ == "nsubj" and actor.head.lemma_.lower() in SHOWING:
            return children(actor.head, "dobj")  # "Security cameras showed four men ... hurling paving stones"
        if not self.kinds(actor) & INSTRUMENT_KINDS:
            return [actor]
        forces = []
        for word in reversed(actor.doc[max(0, actor.i - 4):actor.i]):  # its noun phrase (the parse may split it)
            if word.pos_ not in ("PROPN", "ADJ", "NOUN", "NUM", "PART") and word.tag_ != "POS":
                break
            if word.ent_type_ in ("NORP", "GPE", "ORG") or word.pos_ == "PROPN" and word.dep_ == "compound" and (
                    f"({word.text})" in word.doc.text[:word.idx]  # "RSF drones" after "Rapid Support Forces (RSF)",
                    or context.resolve_party(word.text, "unknown", None, None).kind != "unknown"):  # "Houthi
                return [word]  # drones": a party the parser left unlabelled
            if word.dep_ == "compound" and word.pos_ == "NOUN" and self.kinds(word) & {"military", "police"}:
                forces.append(word)  # "air force jets", "army helicopters" (but "a Sri Lankan navy patrol boat":
        return forces[-1:]  # the state)

    def _protectors_unnamed(self, token: Token, protected: list[Token]) -> list[Token]:
        """Who took a protective measure told in the passive: the forces it was taken with ("Security was
        tightened at the embassy, with additional armed police"), or the one telling of its own staff ("UNRWA said
        its 11 staff members had been evacuated")."""
        forces = [f for w in with_conjuncts(prep_objects(token, ["with"])) for f in [w, *children(w, "compound")]
                  if self.kinds(f) & {"police", "military"}][:1]
        if forces or not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for r in protected for c in r.children):
            return forces
        clause = token
        while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):  # "said its personnel were safe and
            clause = clause.head  # had been told to stay at their accommodation"
        speech = self._told_under(clause)
        return _speakers(speech, it=True) if speech is not None else []

    def _verb_arguments(self, m: Mention, spec: TypeSpec) -> None:
        token = m.trigger
        doers = token.head.head.head  # "Two men on a motorcycle fired at ...", parsed with no verb: "fired" hung on
        headless = token.dep_ == "acl" and token.tag_ in ("VBN", "VBD") and token.head.dep_ == "pobj" \
            and "vehicle" in self.kinds(token.head) and token.head.head.lower_ in ("on", "in", "aboard") \
            and doers.pos_ in ("NOUN", "PROPN") and doers.dep_ in ("ROOT", "ccomp", "dep", "nsubj") \
            and not agent_of(token) and self.is_party(doers)  # "motorcycle", the men standing as the clause's head
        if token.dep_ in ("amod", "acl") and token.tag_ == "VBN" and not children(token, "nsubj", "aux") \
                and not headless:
            m.actors = agent_of(token) or (subject_of(token.head.head, self.object_control) if _ordered_done(
                token) else [])  # ("ordered mobile data services suspended": the one ordering it)
            m.recipients = [token.head]
        elif is_passive(token):
            m.actors, m.recipients = agent_of(token) or _shared_agent(token), children(token, *PASSIVE_SUBJECTS) or (
                children(token.head, *PASSIVE_SUBJECTS) or _shared_subject(token) if token.dep_ == "conj"
                else _misread_reduced_relative(token))  # "were pulled from the water and detained"
            if token.dep_ == "relcl" and [r.lower_ for r in m.recipients] in (["who"], ["that"], ["which"]):
                m.recipients = [token.head]  # "two aid workers who were abducted": the workers
            clause = token.head if token.dep_ == "conj" and token.head.dep_ == "ccomp" else token  # ("told
            # reporters the boat had ignored calls, and that its crew were suspected of smuggling")
            if m.type == "ACCUSE" and not m.actors and clause.dep_ == "ccomp" \
                    and clause.head.lemma_.lower() in SAYING | {"tell"}:  # "Iran would be held responsible, Trump
                m.actors = [s for s in _speakers(clause.head, it=True) if s.lower_ != "it"]  # said": the one
                # saying so accuses; Iran is accused (also "he said": the one named before, which assemble finds)
                m.dated_by = clause.head  # ... in the saying, and as really as it is said
            said = token
            for _ in range(3):  # "rockets were fired ..., injuring one, and a drone was shot down, CENTCOM said"
                if said.dep_ not in ("conj", "advcl") or said.head.pos_ not in ("VERB", "AUX"):
                    break
                said = said.head
            deployed = m.type in ("PROTECT", "MOBILIZE") and token.lemma_.lower() in self.p.frames["deployment_verbs"]
            if (m.type in ("COERCE", "PROTECT") or "expel" in (m.rule.get("mode") or ())) and not m.actors \
                    and not deployed:  # "police said the gunman had been arrested": the force that says so did it;
                m.actors = self._forces_saying(said)  # "had been declared persona non grata, the ministry said"
                if m.type == "COERCE" and not self._negated(token):  # (not a foreign minister telling of arrests
                    m.actors = [a for a in m.actors if not _diplomatic_voice(a)]  # abroad: "were arrested at their
                    # homes, Costa Rica's foreign minister told reporters"; a consulate denying them is their denier)
            if m.type == "PROTECT" and not m.actors:
                m.actors = self._protectors_unnamed(token, m.recipients)
            if deployed and not m.actors:  # "reinforcements had been sent, the army said": the army sent them;
                m.actors = [s for s in self._forces_saying(said) if m.type == "MOBILIZE" or s.lemma_.lower() not in (
                    "spokesman", "spokeswoman", "spokesperson")]  # "he said guards had been posted at all missions":
                # his measure (not a spokesman's, who only tells of it)
            if deployed:
                forces = {"police", "military"}  # "police were posted outside": they guard it; "police patrols
                m.actors = m.actors + [r if self.kinds(r) & forces and r.lemma_.lower() != "patrol" else next(  # were
                    (c for c in children(r, "compound") if self.kinds(c) & forces), r) for r in m.recipients]  # sent":
                # the police
                m.recipients = [d for d in children(token, "dobj") if self._site_like(d)]  # a parse's "outside"
        else:
            m.actors = subject_of(token, self.object_control) if m.type == "ASSAULT" else self._participle_doers(
                token)  # (an attack's subject may be only its weapon)
            if not m.actors and _subjectless_saying(token):
                m.actors = _speakers(token.head)  # 'UNDP said it was "concerned", had suspended field visits'
            given = ("dobj", "dative") if spec.get("object_is_recipient", True) else ("dative",)  # (what is given
            m.recipients = [next(iter(children(r, "pobj")), r) if r.pos_ == "ADP" else r  # is no recipient: "sent
                            for r in children(token, *given)]  # aid to Syria", "granted the journalist asylum")
            particle = m.rule.get("particle")
            if particle and not m.recipients and spec.get("object_is_recipient", True):  # "cordoned off the hotel",
                m.recipients = prep_objects(token, [particle] if isinstance(particle, str) else particle)  # its "off"
                # read as a preposition
        if headless:
            m.actors = [doers]
        preps = spec.get("recipient_preps", ["on", "against"])
        finder = deep_prep_objects if spec.get("deep_recipients") else prep_objects
        m.recipients += [r for r in finder(token, preps) if r not in m.recipients]
        m.recipients += self._sites_hit(token, spec, m.recipients)
        if "complement_aux" in m.rule.options:  # the one who "must" act is asked to
            m.recipients = [s for c in self._demanded(token, m.rule) for s in children(c, "nsubj", "nsubjpass")
                            if s.lower_ not in ("we", "i")]
        for weapon in children(token, "dobj"):  # "fired a drone at the embassy": the weapon is no victim
            if weapon.lemma_.lower() in spec.mode_words or weapon.lemma_.lower() in m.rule.get("object", []) \
                    and not self._addressed(m, weapon):
                owners = ["of"] if m.type == "COERCE" else []  # "suspended the broadcasts of the BBC"
                m.recipients = [r for r in m.recipients if r != weapon] + [  # "fired drones and missiles at
                    p for w in with_conjuncts([weapon]) for p in prep_objects(w, [*preps, *owners])]  # Ukraine"
        if spec.get("recipient_places"):
            m.recipients += self._places_after(token)
        if m.type == "ADVISORY":  # "issued a security alert advising Americans to stay vigilant": whom it is for
            m.recipients += [d for h in [token, *children(token, "dobj")] for a in children(h, "acl", "advcl")
                             if a.tag_ == "VBG" and a.lemma_.lower() in ADVISING for d in children(a, "dobj")
                             if d not in m.recipients]

    def _forces_saying(self, clause: Token) -> list[Token]:
        """Police, an army or a government saying `clause` ("police said the gunman had been arrested"), or
        closing its sentence with their word ("..., and investigators were trying to find who threw it, a police
        spokesman said", where the parse may hang "said" elsewhere)."""
        def forces(speech: Token, it: bool) -> list[Token]:  # "it said", "the ministry condemned it and said":
            speakers = [next((c for c in children(s, "compound") if c.lemma_.lower() == "police"), s)  # the group
                        if s.lemma_.lower() in ("source", "spokesman", "spokeswoman", "spokesperson") else s
                        for s in subject_of(speech, self.object_control)]  # ("a police spokesperson": the police)
            return [s for s in speakers  # or ministry named before; "a police source": the police; a "security
                    if it and s.lower_ in ("it", "he", "she") or s.pos_ != "PRON" and not denied_party(s)  # source"
                    and s.lemma_.lower() != "source" and any(  # only tells (the story's police arrested them)
                        self.kinds(w) & {"police", "military", "government"}
                        for w in [s, *children(s, "compound", "poss")])]  # ("the governor's office said")
        if clause.lemma_ in SAYING and not is_passive(clause):  # "al-Baba said findings pointed to X, and that two
            return forces(clause, True)  # suspects had been arrested" (not "had been declared persona non grata")
        joined = clause
        while joined.dep_ == "conj" and joined.head.pos_ in ("VERB", "AUX") and not children(joined, "nsubj"):
            joined = joined.head  # "said the officers would set up checkpoints and escort the staff": said too
        if joined.dep_ == "ccomp" and joined.head.lemma_ in SAYING | {"tell"}:
            return forces(joined.head, True)
        closing = [v for v in clause.sent if v.i > clause.i and v.lemma_ in SAYING | {"tell"}
                   and not children(v, "ccomp") and v.i >= clause.sent.end - 5]  # "..., a police spokesman said.",
        # "..., a security source told the agency." ("..., it said" may be anyone)
        return forces(closing[0], False) if closing else []

    def _noun_arguments(self, m: Mention, spec: TypeSpec) -> None:
        token = m.trigger
        m.actors = [c for c in children(token, "poss") if _party_like(c)]
        # "Israeli strikes", "Taliban attack", "US strikes" name the attacker; "Manchester bombing" names a place.
        modifiers = children(token, *MODIFIER_DEPS)
        modifiers += [g for c in modifiers if c.dep_ == "compound" and (
            self.kinds(c) & INSTRUMENT_KINDS or c.lower_ in ("air", "naval", "artillery"))
            for g in children(c, "amod", "compound") if g.i < c.i]  # "Turkish drone strikes": the state, not the means
        m.actors += [c for c in modifiers if c.lower_ not in m.rule.before and (
            c.ent_type_ in ("ORG", "NORP", "PERSON") or c.ent_type_ == "GPE" and c.is_upper
            and len(c.text.replace(".", "")) <= 3)]  # "US strikes", "U.S. drone strike"
        m.actors += prep_objects(token, ["by"])
        if _undergone(token):  # "the convoy came under fire from gunmen": the gunmen fire on the convoy
            m.actors += [p for p in prep_objects(token.head.head, ["from"]) + prep_objects(token, ["from"])
                         if self.is_party(p)]
            if m.actors:
                m.recipients += [s for s in self._survivors(token) if s not in m.recipients]
        m.actors += self._riders(token)
        if self._in_protest(token):  # "traders shut their shops in protest at the attack": the traders protest
            m.actors += subject_of(token.head.head, self.object_control)
        if self._headline_verb(token):  # "Drones attack Harir base": subject and object of a verb read as a noun
            m.actors += [c for c in children(token, "compound") if c.i < token.i and c not in m.actors]
            m.recipients.append(token.head)
        preps = ["of"] + spec.get("recipient_preps", ["on", "against"])
        finder = deep_prep_objects if spec.get("deep_recipients") else prep_objects
        m.recipients += [r for r in finder(token, preps) if r not in m.actors and r not in m.recipients]
        if not m.recipients and token.dep_ == "dobj" and token.head.lemma_ in self.p.frames["light_verbs"]:
            m.recipients = [r for r in finder(token.head, preps[1:]) if r not in m.actors]  # "staged a rally
            # outside the embassy": the parse hangs the place on the verb
        m.recipients += self._sites_hit(token, spec, m.recipients)
        if m.type == "THREATEN":  # "its threat of attacks on US bases": the bases are threatened, not "attacks"
            acts = [r for r in m.recipients if "violent" in self.kinds(r) and r.head.lower_ == "of"]
            m.recipients = [r for r in m.recipients if r not in acts] + [
                t for a in acts for t in prep_objects(a, ["on", "against"]) if t not in m.recipients]
        if spec.get("recipient_places"):
            m.recipients += self._places_after(token)
        if not m.actors:
            m.recipients += [s for s in self._survivors(token) if s not in m.recipients]
            heads = frozenset(h.split()[0] for h in m.rule.get("head") or ()) if m.type == "PROTECT" else frozenset()
            m.actors = self._light_verb_actors(token, heads)  # ("erected barricades": who erects them guards)
            if not m.actors and token.dep_ == "nsubjpass" and m.type in ("ACCUSE", "PROTECT", "COERCE"):
                m.actors = self._forces_saying(token.head)  # "an investigation had been opened, police said"
            if m.actors:
                m.actor_source = "frame"
        lodged = (token, token.head) if token.dep_ == "dobj" else (token, token.head.head, token.head.head.head) \
            if token.dep_ == "pobj" and token.head.lower_ == "of" else ()  # ("sent a note of protest to X")
        if m.actors and m.type == "ACCUSE" and lodged:  # "lodged a protest with India", "made representations to
            m.recipients += [p for h in lodged for p in prep_objects(h, ["with", "to"])  # Manila"
                             if self.is_party(p) and p not in m.recipients]
        disowner = self._disowned_by(token)
        if not m.actors and disowner is not None:  # "it had nothing to do with the attack": its denial
            m.actors = children(disowner, "nsubj", "nsubjpass") or subject_of(disowner, self.object_control)
            m.actor_source = "frame"  # ("his clients were farmers and had nothing to do with it": theirs)
        disowning = _disowning_party(token)
        if not m.actors and disowning:  # "the shooting has nothing to do with the army"
            m.actors, m.actor_source = disowning, "frame"

    def _riders(self, token: Token) -> list[Token]:
        """"Gunmen on a motorcycle opened fire on the consulate", parsed as "gunmen on a motorcycle-opened fire":
        the verb read as the adjective of the act's noun, the noun hung on "on" after the doers. They fire."""
        riders = token.head.head
        return [riders] if token.dep_ == "pobj" and any(
            c.dep_ == "amod" and c.tag_ in ("VBD", "VBN") and c.i == token.i - 1 for c in token.children) \
            and riders.pos_ in ("NOUN", "PROPN") and riders.dep_ in ("nsubj", "ROOT") and riders.i < token.i \
            and self.is_party(riders) else []

    def _site_in_phrase(self, trigger: Token) -> list[Token]:
        """A mission, base or other guarded site named in the act's own phrase, or the act it is joined to, when no
        recipient was found ("set fire to tyres and a guard post at the entrance of the U.S. embassy", "climbed the
        embassy gate and threw stones over the wall"), or []."""
        phrase, stack = [], [trigger, *([trigger.head] if trigger.dep_ == "conj" else [])]
        while stack:  # (the words below, without clauses, but with the nouns joined: "tyres and a guard post")
            current = stack.pop()
            phrase.append(current)
            stack += [c for c in current.children if c.dep_ not in CLAUSAL or c.dep_ == "conj" and c.pos_ == "NOUN"]
        sites = [t for t in sorted(set(phrase), key=lambda t: t.i) if t.pos_ in ("NOUN", "PROPN") and t.i != trigger.i
                 and t.dep_ not in ("nsubj", "nsubjpass") and (t.lemma_.lower() in GUARDED_SITES - {"gate", "entrance"}
                 or t.dep_ == "compound" and t.lemma_.lower() in ("embassy", "consulate"))]
        return [s.head if s.dep_ == "compound" else s for s in sites[:1]]  # ("the embassy gate": the gate)

    def _authors(self, papers: list[Token], speech: Token) -> list[Token]:
        """Who speaks through the pamphlets, statement or note (`papers`) that say `speech` ("the pamphlets warned
        that the party would strike"): its owner ("the group's statement"), its signer ("a note signed by X"), its
        source ("a statement from X", "a message on a page of X"), else the party whose own act the words tell
        ("the party", which assemble reads as the group named before); none when the text leaves the author open
        ("a note warned that the embassy would be next")."""
        owners = [c for a in papers for c in a.children if c.dep_ in ("poss", "compound") and self.is_party(c)
                  and c.lower_ not in self.p.frames["channels"]]  # (not the "WhatsApp" of "a WhatsApp message")
        authoring = [v for a in papers for c in children(a, "acl") for v in (c, *children(c, "conj"))
                     if v.lemma_.lower() in AUTHORING]  # ("a note left at the scene and signed ...")
        signers = [s for v in authoring for s in agent_of(v) or children(v, "dobj") or (
            prep_objects(v, ["to"]) if v.lemma_.lower() == "attribute" else [])  # ("a statement attributed to X")
                   if self.is_party(s) or v.lemma_.lower() == "sign" and s.pos_ == "PROPN"
                   or v.lemma_.lower() == "attribute" and s.pos_ in ("NOUN", "PROPN")]
        # ("a note signed by X", 'a note signed "Los Lobos"'; not "leaflets found by a security guard")
        sources = [o for a in papers for o in a.subtree if o.dep_ == "pobj" and (o.head.lower_ in ("from", "of") or (
                   o.head.lower_ == "by" and (o.head.head in papers or o.head.head.lemma_.lower() in AUTHORING)))
                   and self.is_party(o) and o.lemma_.lower() not in self.p.frames["saying_nouns"]
                   and not any(a.is_ancestor(speech) and speech.is_ancestor(o) for a in papers)][:1]
        # "a statement from the group", "a message posted on a page of a group calling itself X" (not what the
        # words name: "a note threatening bloodshed at the gate of X")
        own = [s for c in children(speech, "ccomp") if c.lemma_.lower() not in SAYING for s in children(c, "nsubj")
               if self.is_party(s) and s.pos_ != "PRON" and s.lemma_.lower() not in self.p.frames["saying_nouns"]
               and not self._site_like(s)]
        received = [o for a in papers if a.dep_ == "dobj" and a.head.lemma_.lower() in ("receive", "get")
                    for o in prep_objects(a.head, ["from"]) if self.is_party(o)][:1]  # "had received a message
        # last week from a group claiming to be Los Pulpos"
        shown = [c for a in papers for c in children(a, "relcl") if c.pos_ in ("NOUN", "PROPN") and self.is_party(c)
                 and any(w.lower_ == "which" for w in c.lefts for w in w.subtree)][:1]  # "a video ... in which four
        # men in balaclavas ... denied any part", which the parse hangs as a relative clause with "men" at its head
        return owners or signers or shown or self._senders(papers) or sources or received or own

    def _paper_written_by(self, m: Mention) -> None:
        """"The ministry said the note asked Belgrade to guarantee the safety of its diplomats": what a note, letter
        or statement asks or charges is its author's, or, with none named, the one that tells of its own paper."""
        papers = [s for s in children(m.trigger, "nsubj") if self._papers([s])]
        if not papers:
            return
        m.actors = self._authors(papers, m.trigger)
        speech = self._told_under(m.trigger)
        if not m.actors and speech is not None:
            m.actors = [s for s in _speakers(speech) if self.is_party(s)]
        if m.actors:
            m.actor_source = "syntax"

    def _senders(self, papers: list[Token]) -> list[Token]:
        """Who left or sent the note ("a man who left a note threatening ...", "a student suspected of sending
        emails threatening ...", "detained a man suspected of smashing the door and leaving a note")."""
        found = []
        for paper in papers:
            while paper.dep_ == "conj":  # "leaving a fake bomb and a note"
                paper = paper.head
            verb = paper.head
            if paper.dep_ != "dobj" or verb.lemma_.lower() not in AUTHORING | LEAVING:
                continue
            while verb.dep_ == "conj" and not children(verb, "nsubj"):
                verb = verb.head
            subjects = children(verb, "nsubj")
            if verb.dep_ == "relcl" and subjects and all(s.lower_ in RELATIVE_WORDS for s in subjects):
                subjects = [verb.head]  # "a man who left a note": the man
            found += [s for s in subjects if self.is_party(s)] or _the_suspect(verb)
        return found

    def _writers(self, m: Mention) -> bool:
        """A mention said by papers ("the pamphlets warned", "a note threatening its staff") is its writers':
        `_authors`. Whether it is a threat in papers whose writer the text leaves open."""
        token = m.trigger
        if m.type in ("THREATEN", "REQUEST") and token.dep_ == "conj" and token.tag_ == "VBG" \
                and token.head.tag_ == "VBG" and token.head.dep_ in ("acl", "advcl"):
            token = token.head  # "received a message ..., demanding 50,000 soles and warning that ...": as the first
        if m.type in ("THREATEN", "REQUEST") and token.tag_ == "VBG" and token.dep_ in ("acl", "advcl") \
                and (not m.actors or self._papers(m.actors) or token.head.lemma_.lower() == "receive") \
                and (m.type == "THREATEN" or token.head.lemma_.lower() == "receive"):  # (not "a man who posted a
            m.actors = self._papers_threatening(token) or m.actors  # video threatening ...": the man; but "the
            # embassy received an e-mail saying ...", "the owner had received a message demanding ...": not them)
        unsigned = m.type == "THREATEN" and self._unsigned(m.actors)
        if self._papers(m.actors):
            papers, m.actors = m.actors, self._authors(m.actors, token)
            if not m.actors:
                m.papers = papers
        return unsigned

    def _papers_threatening(self, verb: Token) -> list[Token]:
        """The note that threatens: "a note threatening its staff", "left a note threatening its staff", "each
        envelope held a note warning that ..." (the parse hangs the participle on the leaving or holding)."""
        saying = self.p.frames["saying_nouns"]
        if verb.head.lemma_.lower() in saying:
            return [verb.head]
        if verb.dep_ == "amod" and verb.i > 0 and verb.nbor(-1).head in (verb.head, verb.head.head) \
                and verb.nbor(-1).lemma_.lower() in saying:  # "released a video threatening attacks on ...", read as
            return [verb.nbor(-1)]  # "a video threatening-attacks"
        if verb.head.lemma_.lower() in AUTHORING | LEAVING | {"hold", "carry", "contain", "bear", "find", "receive"}:
            return [d for d in with_conjuncts(children(verb.head, "dobj")) if d.lemma_.lower() in saying]
        return []

    def _unsigned(self, papers: list[Token]) -> bool:
        """Papers whose writer the story may never know (a note, a leaflet, an e-mail): a threat in them is a
        threat with its actor open, not one nobody made."""
        return bool(papers) and all(a.lemma_.lower() in self.p.frames["unsigned_papers"] for a in papers)

    def _tellers(self, speech: Token, it: bool = False) -> tuple[list[Token], list[Token]]:
        """Who tells `speech`: the parties saying it, else the writers of the papers saying it ("the note said
        that ..."); and those papers."""
        papers = [s for s in _speakers(speech) if self._papers([s])]
        speakers = [s for s in _speakers(speech, it=it) if self.is_party(s)]
        return speakers or (self._authors(papers, speech) if papers else []), papers

    def _papers(self, parties: list[Token]) -> bool:
        """Parties that are only pamphlets, statements or notes ("the pamphlets warned")."""
        return bool(parties) and all(a.lemma_.lower() in self.p.frames["saying_nouns"] for a in parties)

    def _in_protest(self, token: Token) -> bool:
        """"(Traders shut their shops) in protest at the attack": what the verb's doers did is a protest; not
        what a government did "in protest" (recalled its envoy), nor what was done to someone."""
        if token.lemma_.lower() != "protest" or token.dep_ != "pobj" or token.head.lower_ != "in" \
                or children(token, "det"):
            return False
        verb = token.head.head
        return verb.pos_ == "VERB" and not is_passive(verb) and not any(
            self.kinds(s) & {"government", "state"} or s.ent_type_ == "GPE" or context.country_named(s.text)
            for s in subject_of(verb, self.object_control))

    def _disowned_by(self, token: Token) -> Token | None:
        """"It had nothing to do with the attack", "it had not been involved in the strike": the verb whose
        subject disowns the event (a negated event by that subject), or None."""
        if token.dep_ != "pobj":
            return None
        prep, verb = token.head, token.head.head
        if prep.lower_ == "with" and verb.lemma_.lower() == "do" and verb.head.lower_ == "nothing" \
                and verb.head.head.pos_ in ("VERB", "AUX"):
            return verb.head.head
        if prep.lower_ in ("in", "with") and verb.lemma_.lower() in ("involve", "implicate", "link", "connect") \
                and children(verb, "neg"):
            return verb
        return None

    def _headline_verb(self, token: Token) -> bool:
        """A verbless line where a verb trigger was parsed as a noun compound before a site or name ("Drones attack
        Harir base", "Militants attack Kabul hotel"): headline grammar, so the head noun is what was attacked."""
        head = token.head
        return (token.dep_ == "compound" and head.i > token.i and token.lemma_.lower() in self.p.verbs
                and (head.pos_ == "PROPN" or bool(self.kinds(head) & {"site", "place"}))
                and not any(t.pos_ in ("VERB", "AUX") for t in token.sent))

    def _survivors(self, token: Token) -> list[Token]:
        """"Maduro survived an attack", "the minister escaped an assassination attempt", "the convoy came under
        fire": the subject of a target verb over the event noun, or of the verb it is under, was the one attacked."""
        verb = token.head if token.dep_ == "dobj" else None
        if verb is None and token.head.dep_ == "dobj" and token.dep_ in ("compound", "nmod"):
            verb = token.head.head  # "escaped an assassination attempt"
        if _undergone(token):
            return subject_of(token.head.head, self.object_control)  # "the building was under siege", "came under
        if verb is None or verb.lemma_.lower() not in self.p.frames["target_verbs"]:  # fire": the one it is on
            return []
        return subject_of(verb, self.object_control)

    def _light_verb_actors(self, token: Token, heads: frozenset[str] = frozenset()) -> list[Token]:
        """"launched strikes" / "attack carried out by ETA" / "claimed responsibility for the attacks"; also the
        verbs a noun's rule names as its head ("erected barricades": `heads`)."""
        light = self.p.frames["light_verbs"] | heads
        if _undergone(token):
            return []  # "the building was under siege": the one besieged, not the one besieging (`_survivors`)
        for child in children(token, "acl"):
            if child.lemma_ in light and agent_of(child):
                return agent_of(child)
        for above in [token, *climb(token)]:
            if above.dep_ == "pobj" and above.head.lower_ not in ("of", "for", "under"):
                return []  # "opened an investigation into murder": the light verb's object is another thing
            if above.dep_ == "pobj" and above.head.lower_ == "of" and above.head.head.lemma_.lower() in (
                    "target", "scene", "object", "focus", "victim", "site"):
                return []  # "the embassy was the target of a protest": the one protested at
            if above.pos_ in ("VERB", "AUX"):
                if above.lemma_ in light:
                    if children(above, "neg") or any(map(denied_party, children(above, "nsubj"))):
                        return []  # "has not claimed the attack", "no group claimed it": no one is named as doer
                    return agent_of(above) if is_passive(above) else subject_of(above, self.object_control)
                # "the attack is believed to have been carried out by ETA"
                return next((agent_of(x) for x in children(above, "xcomp") if x.lemma_ in light and agent_of(x)), [])
        return []

    def _places_after(self, token: Token) -> list[Token]:
        """The place advice is about: the first after the trigger that one travels to, leaves or is in ("travel
        to Iraq", "leave Mali"), those in the trigger's own phrase first (not "the ministry in Paris said")."""
        places = [e.root for e in token.sent.ents if e.start > token.i and (
            e.label_ in ("GPE", "LOC") or context.country_named(e.text)) and (  # "leave Mali", Mali read as a person
            e.root.dep_ == "pobj" and e.root.head.lower_ in ("to", "for", "in", "into")
            or e.root.dep_ == "dobj" and e.root.head.lemma_.lower() in ("leave", "visit", "avoid", "depart"))]
        subtree = {t.i for t in token.subtree}
        return sorted(places, key=lambda p: p.i not in subtree)[:1]

    def _crowd_dispersed(self, verb: Token) -> list[Token]:
        """"Police fired tear gas ... to break up a march by several hundred young people", "wielded batons to drive
        back the protesters": the crowd a force was used to disperse, or []."""
        verbs = [verb, *children(verb, "conj")] + ([verb.head] if verb.dep_ == "conj" else [])
        return [p for v in verbs for c in children(v, "advcl", "xcomp")
                if any(a.lower_ == "to" for a in children(c, "aux")) for p in self._crowd_of(c)]

    def _crowd_of(self, purpose: Token) -> list[Token]:
        """The crowd a dispersing verb ("disperse", "break up", "stop") acts on: its object, or the marchers of the
        march it names ("a march by several hundred young people"); [] for any other verb."""
        if purpose.lemma_.lower() not in DISPERSING:
            return []
        crowd = []
        for o in children(purpose, "dobj"):
            by = [p for a in children(purpose, "agent") for p in children(a, "pobj")] + prep_objects(o, ["by"])
            crowd += [p for p in (by or [o]) if "civilians" in self.kinds(p)]
        return crowd

    def _order_frame(self, m: Mention) -> None:
        """"X issued orders for the police to protect the embassy": X acts, the police receive the order."""
        if m.type not in self.p.frames["order_types"] and "investigate" not in (m.rule.get("mode") or ()) \
                or m.trigger.lemma_.lower() in self.p.frames["order_words"]:
            return  # ("..., while the interior minister ordered extra police to the embassy": his own order)
        for below, above in _pairs_up(m.trigger, 3):
            if below.dep_ == "advcl" and children(below, "mark"):
                return  # ("ordered the departure of staff ... three days after police detained two employees")
            if below.dep_ == "conj" and children(below, "nsubj"):
                return  # ("ordered an official to leave ..., and Croatia responded by expelling a diplomat")
            if above.lemma_.lower() not in self.p.frames["order_words"]:
                continue
            if above.tag_.startswith("VB"):
                orderer = agent_of(above) if is_passive(above) else subject_of(above, self.object_control)
                ordered = children(above, "dobj") or children(above, *PASSIVE_SUBJECTS)
            else:
                verb = self._governing_verb(above)
                orderer = children(above, "poss") or (subject_of(verb, self.object_control) if verb else [])
                ordered = prep_objects(above, ["for", "to"])
            if orderer:  # "ordered that the brigade be replaced": no one is told, the measure keeps its own
                m.actors, m.actor_source = orderer, "frame"
                if m.type in self.p.frames["order_types"]:  # (an inquiry ordered keeps whom it looks into)
                    m.recipients = ordered or m.recipients
                if "order" in allowed_modes(m.type):
                    m.modes = ["order"]
            return

    def _protected_sites(self, m: Mention, spec: TypeSpec) -> None:
        """"deployed reinforcements around the embassy", "tightened security around embassies": the sites named in
        the measure's phrase are what it protects; failing any, the site whose security the sentence is about
        ("the brigade responsible for security in Baghdad's Green Zone be replaced") or that a unit named in it
        guards ("the unit guarding the Green Zone"), instead of the units that take over or hand over."""
        measure = [m.trigger]
        if m.rule.pos != "verb" and m.trigger.dep_ == "dobj":  # "set up checkpoints on the bridges": the verb's
            measure.append(m.trigger.head)  # phrase tells where
        measure += [c for o in children(m.trigger, "dobj") for c in children(o, "conj")]  # "posted officers and a
        # vehicle outside the embassy"
        near = [p for w in measure for p in deep_prep_objects(w, spec.get("protected_preps"))]
        near += [o for w in measure for f in deep_prep_objects(w, ["in"]) if f.lower_ == "front"
                 for o in prep_objects(f, ["of"])]  # "barriers in front of the embassy gate"
        found = [p for p in near if self._site_like(p) or any(self._site_like(c) for c in children(p, "compound"))
                 or self._place_like(p) and p.head.lower_ not in ("to", "for")]  # a town is not where staff went
        asked = set(m.rule.get("object", []))  # "stepped up patrols": the means, not what they protect
        if not found and not [r for r in m.recipients if r.lemma_.lower() not in asked]:
            where = [p for w in measure for p in deep_prep_objects(w, ["in", "across", "along", "on"])]
            where += [o for p in where if p.head.dep_ == "prep" for c in children(p.head, "conj")
                      for o in children(c, "pobj")]  # "patrols in Lamu and along the border": both
            found = [p for p in where if self._place_like(p) or self._site_like(p)]
        if not found and not any(map(self._site_like, m.recipients)):
            guarded = [p for w in m.trigger.sent if w.lemma_.lower() in ("security", "protection")
                       for p in prep_objects(w, ["in", "at", "around", "of", "for"])]
            guarded += [p for w in m.trigger.sent if w.lemma_.lower() in ("guard", "protect", "secure")
                        and w.dep_ in ("acl", "relcl") for p in children(w, "dobj")]  # "the unit guarding the zone"
            found = [p for p in guarded if self._site_like(p)][:1]
            if found:  # the units that hand over ("replaced the police guarding it") are not what is protected
                m.recipients = [r for r in m.recipients if not self.kinds(r) & {"military", "police"}]
        m.recipients += [p for p in with_conjuncts(found) if p not in m.recipients]

    def _sites_hit(self, token: Token, spec: TypeSpec, found: list[Token]) -> list[Token]:
        """"Two rockets landed inside the base", "a grenade hurled over the fence of the embassy": a site reached
        through one of the type's `site_preps` is hit."""
        return [r for r in prep_objects(token, spec.get("site_preps", [])) if r not in found and self._site_like(r)]

    def _site_like(self, token: Token) -> bool:
        return token.ent_type_ == "FAC" or "site" in self.kinds(token)

    @staticmethod
    def _place_like(token: Token) -> bool:
        """A named place, or a part of a country named by its direction ("across the north"); a name read as an
        organisation after a preposition counts when the gazetteer knows it as written ("patrols in Lamu")."""
        if token.ent_type_ in ("GPE", "LOC", "FAC") or token.lower_ in DIRECTIONS:
            return True
        name = next((e for e in token.sent.ents if e.start <= token.i < e.end), None)
        return token.dep_ == "pobj" and name is not None and name.label_ == "ORG" and any(
            (start, end) == (0, len(name.text)) for start, end, _ in context.gazetteer_places(name.text, None, True))

    def _make_symmetric(self, m: Mention) -> None:
        """Meetings and clashes: both sides are actors; a place met at is not a party."""
        token = m.trigger
        sides = list(m.actors)
        if token.dep_ in ("amod", "acl") and token.tag_ == "VBG":
            holder = token.head
            sides = [holder]
            if holder.dep_ in OBJECTS or holder.dep_ == "pobj":
                verb = self._governing_verb(holder)
                if verb is not None:
                    sides += subject_of(verb, self.object_control)
        sides += [r for r in m.recipients if r.ent_type_ not in ("GPE", "LOC", "FAC")
                  and (r.ent_type_ or self.is_party(r))]  # not what is discussed ("discussed the layout")
        sides += prep_objects(token, ["between", "with"])
        if token.dep_ == "nsubj":  # "fighting broke out in Tripoli between the 444 Brigade and the Rada force"
            sides += prep_objects(token.head, ["between"])
        m.actors, m.recipients = list(dict.fromkeys(sides)), []

    def _agent_noun(self, m: Mention, spec: TypeSpec) -> None:
        """No syntactic actor: a gunman or protesters named in the same sentence stand in (lower confidence)."""
        agents = set(spec.get("agent_nouns", []))
        if not agents:
            return
        candidates = [t for t in m.trigger.sent if (t.lemma_.lower() in agents or _armed(t)) and t.i != m.trigger.i
                      and t not in m.recipients and _subject_like(t)]
        if candidates:
            m.actors = [min(candidates, key=lambda t: abs(t.i - m.trigger.i))]
            m.actor_source = "agent-noun"

    # ----------------------------------------------------------- modes, flags
    def _modes(self, m: Mention, spec: TypeSpec) -> list[str]:
        modes = list(m.modes) + list(m.rule.get("mode", []))
        said = [t for c in children(m.trigger, "ccomp") for t in c.subtree] if m.rule.pos == "verb" else []
        words = set(with_singulars(w for t in [*local_tokens(m.trigger), *said] if not _names_a_site(t)
                                   and not _into_the_air(t) for w in (t.lemma_.lower(), t.lower_)))
        modes += [mode for word, mode in spec.mode_words.items() if word in words]
        if not modes:
            modes = list(spec.get("default_mode", []))
        allowed = allowed_modes(m.type)
        return [mode for mode in dict.fromkeys(modes) if mode in allowed]

    def _frame_path(self, token: Token, limit: int = 3):
        return climb(token, through=FRAME_PATH, limit=limit)

    def _negated(self, token: Token) -> bool:
        if token.tag_.startswith("NN") and (self._disowned_by(token) is not None or _disowning_party(token)):
            return True
        if children(token, "neg") or any(c.lower_ in ("no", "never") for c in children(token, "det", "neg")):
            return True
        if any(map(denied_party, children(token, "nsubj", "nsubjpass"))):
            return True  # "No group has claimed responsibility", "nobody claimed the attack"
        first_verb, below = True, token
        for above in self._frame_path(token):
            if below is not token and below.dep_ == "conj" and below.lemma_.lower() in CHARGING:
                return False  # "denied that the family had any role ... and accused the army of collective punishment
                # after troops raided homes": what the denier charges, hung on what is denied, is not denied
            if below.dep_ == "advcl" and below.tag_ == "VBG" and below.lemma_.lower() in SAYING | NAMING:
                return False  # "denied that its guns had fired, saying its forces had hit only ...": said, not denied
                # (nor "denied any involvement, calling the incident a provocation": called so)
            if self._negating(above):  # "denied any role and accused the army",
                if below.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in below.children):
                    return False  # "denied any involvement after a blogger linked the shooting to the party"
                if below.i < above.i and any(t.text == ";" for t in token.doc[below.i:above.i]):
                    return False  # "X blamed the movement for the killings; the movement denied any involvement"
                if any(t.dep_ == "relcl" for t in (token, *token.ancestors) if t.i != above.i and above in t.ancestors):
                    return False  # "Kigali denies supporting the rebels, who have seized large parts of the east"
                return below.dep_ != "conj" and not (  # "denied that its members were involved and blamed the
                    token.dep_ == "conj" and not children(token, "nsubj") and  # police": the denier's second act
                    subject_of(token, self.object_control) == subject_of(above, self.object_control))
            below = above
            if above.pos_ in ("VERB", "AUX") and first_verb:
                first_verb = False
                if children(above, "neg") and above.lemma_ in self.p.frames["light_verbs"] and token.dep_ != "conj" \
                        and above.lemma_ not in CLAIM_VERBS:  # "has not claimed the attack" denies no attack
                    return True
        return False

    def _negating(self, word: Token) -> bool:
        """A word that denies what it governs: "denied", "refuted", "ruled out" (not "the court ruled that")."""
        lemma = word.lemma_.lower()
        if lemma in ("reject", "dismiss") and any(o.lemma_.lower() in (  # "dismissed the rebels' claim that soldiers
                "claim", "report", "accusation", "allegation", "suggestion", "assertion", "charge")  # had burned
                for o in children(word, "dobj")):  # homes": denied, as "denied reports that ..." is
            return True
        return lemma in self.p.frames["negation_words"] and (lemma != "rule" or any(
            c.dep_ == "prt" and c.lower_ == "out" for c in word.children))

    def _hypothetical(self, token: Token) -> bool:
        frames = self.p.frames
        if (above := _as_real_as(token)) is not None:
            return self._hypothetical(above)
        if token.pos_ == "NOUN" and any(_told_as_done(c) for c in children(token, "relcl")):
            return False  # "a response to the attacks that have taken place": they happened, whatever is promised
        if token.pos_ == "NOUN" and any(c.lemma_.lower() == "threaten" for c in children(token, "amod")):
            return True  # "a video threatening attacks on the embassy" (read as "threatening" attacks)
        verb = token if token.pos_ in ("VERB", "AUX") else self._governing_verb(token)
        if verb is token and verb.dep_ == "advcl" and _told_as_done(verb) and children(verb, "nsubj") and any(
                m.lower_ in ("after", "since", "before", "when") for m in children(verb, "mark")):
            return False  # "may be planning attacks five days after bombers struck churches": that happened
        while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") \
                and not children(verb, "aux", "auxpass") and verb.tag_ != "VBD":  # "would keep working but had
            verb = verb.head  # moved its staff", "would stay closed and advised nationals to ...": its own tense
        framing = [token] + ([verb] if verb is not None else [])
        while verb is not None and verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" \
                and not children(verb, "nsubj", "nsubjpass", "aux", "mark") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "would entail agents ... raiding businesses", "will worsen, prompting a coup":
            framing.append(verb)  # a clause with no subject or tense of its own is as real as the one it hangs on
        for word in framing:
            kids = list(word.children)
            if any(c.dep_ == "aux" and c.lower_ in frames["modal_auxiliaries"] for c in kids):
                return True
            if any(c.dep_ == "mark" and c.lower_ in frames["conditional_marks"] for c in kids):
                return True
            if any(c.dep_ == "advmod" and c.lower_ in frames["speculative_adverbs"] for c in kids):
                return True  # "prompting, perhaps, a military coup"
        if token.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in frames["forecast_words"]
                for c in token.head.children):
            return True  # "Retaliatory attacks are likely in the coming days": a forecast, not a report
        below = token
        for above in self._frame_path(token):
            if above.lemma_.lower() in frames["order_words"]:
                return False
            if above.lemma_.lower() in frames["intention_words"] and not _names_a_thing(above):
                return below.dep_ != "conj" and not (below.dep_ == "advcl" and (  # 'called the bombing "cowardly"
                    children(below, "nsubj") or below.tag_ == "VBG"))  # and said it had asked', "called on X to ...,
                # while Turkey summoned its ambassador", "urged companies to keep away, warning that ...": a second act
            below = above
        if verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in frames.get(
                "real_complement_verbs", ()) and not (verb.head.lemma_.lower() == "use" and (
                    is_passive(verb.head) or verb.head.tag_ == "VBG")):  # "they tried to assassinate me", "militants
            return self._hypothetical(verb.head)  # continued to shell the town", "police used a jamming gun to
            # bring down a drone": as real as the trying, unless that "will" be (not "be used to threaten", nor
            # "accused Iran of using networks to attack": what using would serve)
        if verb is not None and verb.dep_ in ("xcomp", "ccomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
                and verb.head.lemma_.lower() in {*frames.get("causing_verbs", ()), "allow", "permit"} and any(
                    c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in frames["modal_auxiliaries"]
                    for c in verb.head.children):
            return True  # "We will not allow criminal groups to threaten our soldiers": no one did
        if verb is not None and verb.dep_ in ("advcl", "acl", "xcomp", "pcomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):  # ("working with X to free them")
            if verb.head.lemma_.lower() in frames.get("causing_verbs", ()) and verb.head.tag_ in ("VBZ", "VBP"):
                return True  # "the Vienna Convention, which obliges host states to protect diplomats": a standing duty
            return verb.head.lemma_.lower() not in frames["order_words"] | frames["light_verbs"] | frames.get(
                "deployment_verbs", frozenset()) | frames.get("causing_verbs", frozenset()) | (
                {"summon"} if verb.lemma_.lower() in DEMANDING else set())
            # "deployed police units to guard embassies": they guard them; "prompting Britain to summon": it did;
            # "summoned the ambassador to demand an investigation": the demand was made at the summons
        return False

    def _confidence(self, m: Mention) -> float:
        score = 0.75 if m.rule.pos == "verb" else 0.65
        score += 0.1 if m.actors else -0.15
        if m.actor_source == "agent-noun":
            score -= 0.1
        if m.hypothetical:
            score -= 0.2
        if m.rule.options:
            score += 0.05
        return round(max(0.05, min(0.95, score)), 2)


def with_singulars(words: Iterable[str]) -> list[str]:
    """The words and, for plurals the tagger left as they are ("Drones", "Gunmen" read as names), their
    singulars."""
    out = []
    for word in words:
        out.append(word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            out.append(word[:-1])
        elif len(word) > 4 and word.endswith("men"):
            out.append(word[:-3] + "man")
    return out


def _into_the_air(word: Token) -> bool:
    """"fired shots into the air": warning shots, no air strike."""
    return word.lower_ == "air" and word.head.lower_ in ("into", "in") and any(c.lower_ == "the" for c in word.children)


def _names_a_site(token: Token) -> bool:
    """"Ain al-Asad air base", "the missile defence site": a word naming a place says nothing of the weapon; nor does
    a mine that is dug ("a Chinese-owned copper mine", "the gold mine")."""
    if token.lemma_.lower() == "mine" and any(c.lower_ in MINED or c.lower_.endswith("-owned") for c in token.children):
        return True
    return token.dep_ in ("compound", "amod", "nmod") and token.head.lemma_.lower() in SITE_HEADS


def _subject_like(token: Token) -> bool:
    """A word standing where a doer stands: a subject, or the object of "by"."""
    while token.dep_ in ("conj", "appos", "compound"):
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "ROOT") or token.dep_ == "pobj" and token.head.lower_ == "by"


def _drop_tolls(found: list[Mention]) -> list[Mention]:
    """"killed three officers when they ambushed a patrol", "stormed the hotel and killed five", "stormed the
    wall, smashing a door": a killing (or damage) told with the attack that caused it (its clause's head, or a
    clause of its own) is that attack's toll, not another.
    The toll's dead are among those the attack hit, and so are the passive ones ("a soldier was killed when
    gunmen fired on his convoy"); the killers are its doers when the attack's clause names none but "they"."""
    told = [m for m in found if m.type == "ASSAULT" and m.rule.lemma not in TOLL_VERBS]
    # each attack by its trigger, and by the clause an attack noun is told with ("killed when their vehicle came
    # under fire"); a trigger wins over another attack's clause
    attacks = {**{_clause_of(m.trigger).i: m for m in told}, **{m.trigger.i: m for m in told}}

    def own_subject(verb: Token) -> bool:  # "... and a bomb exploded": a clause of its own, another act
        return bool(children(verb, "nsubj", "nsubjpass"))

    def attack_of(kill: Token) -> Mention | None:
        if kill.head.i in attacks and kill.head.i != kill.i:
            return None if kill.dep_ == "conj" and own_subject(kill) else attacks[kill.head.i]
        return next((attacks[c.i] for c in kill.children if c.i in attacks
                     and (c.dep_ == "advcl" or c.dep_ == "conj" and not own_subject(c))), None)

    riots = {w.i: m for m in found if m.type == "PROTEST" and "riot" in (m.rule.get("mode") or [])
             for w in ([m.trigger, m.trigger.head] if m.trigger.dep_ == "xcomp" else [m.trigger])}  # ("began throwing")
    kept = []
    for m in found:
        attack = attack_of(m.trigger) if m.type == "ASSAULT" and m.rule.lemma in TOLL_VERBS else None
        if attack is None and m.type == "ASSAULT" and m.rule.lemma == "smash" and m.trigger.dep_ in ("advcl", "conj"):
            attack = riots.get(m.trigger.head.i)  # "part of the crowd began throwing stones, smashing windows": the
            # riot's damage
        if attack is None:
            kept.append(m)
        else:
            attack.recipients += [r for r in m.recipients if r not in attack.recipients]
            # "Militants killed two officers when they ambushed a patrol": the killers ambushed
            if m.actors and all(a.pos_ == "PRON" for a in attack.actors):
                attack.actors, attack.actor_source = m.actors, m.actor_source
    for attack in told:  # "X was killed and Y wounded when ...": the advcl hangs off either verb
        clause = _clause_of(attack.trigger)
        verb = clause.head if clause.dep_ == "advcl" else None
        while verb is not None and verb.lemma_.lower() in CASUALTY_VERBS:
            attack.recipients += [v for v in children(verb, "nsubjpass")
                                  if v not in attack.recipients and v not in attack.actors]
            verb = verb.head if verb.dep_ == "conj" else None
        for toll in clause.children:  # "a bus hit a roadside bomb, killing six passengers" (no doer: no kill)
            if toll.lemma_.lower() in CASUALTY_VERBS and toll.dep_ in ("advcl", "conj") and not own_subject(toll):
                attack.recipients += [v for v in children(toll, "dobj") if v not in attack.recipients]
    return kept


def _partakers(noun: Token) -> list[Token]:
    """Those who "took part in" the act `noun` names ("any of their members had taken part in the attacks")."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if verb is not None and verb.lemma_.lower() == "part" and verb.dep_ == "dobj":
        verb = verb.head
    return children(verb, "nsubj") if verb is not None and verb.lemma_.lower() == "take" and any(
        c.lemma_.lower() == "part" for c in verb.children) else []


def _members_of(token: Token) -> bool:
    """"its members", "the group's supporters", "their fans", "party members", "several hundred members of the
    Imbonerakure", "any of their members": the rank and file of a movement or club."""
    if token.lower_ in ("any", "none", "some", "all", "one"):
        return any(map(_members_of, prep_objects(token, ["of"])))
    return token.lemma_.lower() in ("member", "supporter", "fan", "activist") and (bool(children(
        token, "poss", "compound")) or any(
        w.lemma_.lower() in COUNTS for c in children(token, "nummod", "amod", "quantmod") for w in c.subtree))


def _what_it_is_called(noun: Token) -> bool:
    """"condemned what he called a cowardly attack": the attack is the name given to what is condemned."""
    call = noun.head
    return noun.dep_ in ("oprd", "attr") and call.lemma_.lower() == "call" and any(
        c.lower_ == "what" for c in call.children)


def _act_word(act: Token) -> str:
    """The act a verb names, read through a light verb: "lay siege to the embassy" besieges it, "call a national
    strike" strikes."""
    word = act.lemma_.lower()
    objects = {o.lemma_.lower() for o in children(act, "dobj")}
    if "siege" in objects:
        return "besiege"
    if word in ("call", "begin", "start", "launch", "stage") and objects & {"strike", "boycott"}:
        return "strike"  # ("would begin a hunger strike unless ...")
    return word


def _diplomatic_voice(party: Token) -> bool:
    """A foreign minister or ministry, an embassy, an envoy: a voice of diplomacy, which arrests no one."""
    return any(t.lower_ in ("foreign", "embassy", "ambassador", "diplomat", "consulate", "consul", "envoy")
               for t in party.subtree)


def _glossed_as(token: Token) -> str | None:
    """The short name in brackets after the name `token` stands in, when the name runs on to it ("... and Red
    Crescent Societies (IFRC)": IFRC), else None."""
    for t in token.doc[token.i + 1:token.i + 12]:
        if t.text == "(":
            short = token.doc[t.i + 1:t.i + 3]
            return short[0].text if len(short) == 2 and short[1].text == ")" and short[0].is_upper else None
        if not (t.is_title or t.lower_ in ("and", "of", "for", "the", "&")):
            return None
    return None


def _spelled_out(short: Token) -> Token | None:
    """The head of the name a short name in capitals stood for where the text gave it in brackets ("Soldiers of the
    Botswana Defence Force (BDF)": "Force" for "BDF"), else None."""
    doc = short.doc
    if "spelled_out" not in doc.user_data:  # the document's bracketed short names, found once
        doc.user_data["spelled_out"] = {doc[t.i + 1].text: t.i - 1 for t in reversed(doc[1:-2]) if t.text == "("
                                        and doc[t.i + 2].text == ")" and doc[t.i - 1].pos_ == "PROPN"}
    long = doc.user_data["spelled_out"].get(short.text)
    return doc[long] if long is not None and long != short.i else None


def _entity_text(token: Token) -> str:
    """The words of the named entity `token` stands in ("Norwegian Refugee Council" for "Council")."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def _regarded_as(noun: Token) -> bool:
    """"would be regarded as an attack on the Russian Federation": what something would count as, no act."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_.lower() in (
        "regard", "treat", "consider", "see", "view", "deem")


def _future(verb: Token) -> bool:
    """Told as what will be done: "would attack", "will continue", "'ll strike"."""
    return any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll", "shall", "wo") for c in verb.children)


def _organised_a_protest(party: Token) -> bool:
    """"The Platform for the Defence of Health and Education, which organised the march"."""
    return any(c.lemma_.lower() in ("organise", "organize", "call", "lead") and any(
        o.lemma_.lower() in ("march", "protest", "rally", "demonstration", "sit-in") for o in children(c, "dobj"))
        for c in children(party, "relcl", "acl"))


def _particles(rule: Rule) -> set[str]:
    """The particle or particles a rule asks its verb for ("blow up", "call in")."""
    wanted = rule.get("particle")
    return {wanted} if isinstance(wanted, str) else set(wanted or ())


def _few(number: Token) -> bool:
    """A number under ten ("two men", "3 youths"): a few people, no crowd."""
    return number.lower_ in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine") \
        or number.text.isdigit() and int(number.text) < 10


def _the_suspect(trigger: Token) -> list[Token]:
    """"a man suspected of throwing a grenade", "the man, who is accused of posting a video threatening ...",
    "two teenagers were suspected of setting the car alight", "a man was arrested on suspicion of causing an
    explosion": the one suspected of the act is its doer as far as the story knows (the record says so:
    `actor_source` "suspected"); not the one accused by someone named ("accused by Kyiv of shelling": that is
    Kyiv's allegation)."""
    verb = trigger
    for _ in range(2):  # "of causing an explosion", "of causing an explosion endangering the public" (read as
        if verb.dep_ not in ("dobj", "nsubj", "ccomp", "xcomp"):  # the explosion's clause)
            break
        verb = verb.head
    if verb.dep_ != "pcomp" or verb.head.lower_ != "of":
        return []
    suspected = verb.head.head
    if suspected.lemma_.lower() == "suspicion" and suspected.head.lower_ == "on" and suspected.head.head.pos_ == "VERB":
        arrest = suspected.head.head  # "was arrested on suspicion of ...": the one arrested
        return children(arrest, "nsubjpass") if is_passive(arrest) else children(arrest, "dobj")
    if suspected.lemma_.lower() not in ("suspect", "accuse") or suspected.tag_ != "VBN" or agent_of(suspected):
        return []
    if suspected.dep_ in ("acl", "amod", "relcl"):  # ("the man, who is suspected of ...")
        return [suspected.head]
    return children(suspected, "nsubjpass")


def _suspected(arrest: Mention, suspicion: Token) -> Mention:
    """"Detained its captain on suspicion of fishing illegally": those arresting allege it of the one arrested."""
    return Mention("ACCUSE", suspicion, Rule("ACCUSE", "noun", "suspicion", (), {}), actors=list(arrest.actors),
                   recipients=list(arrest.recipients), modes=["allege"], hypothetical=arrest.hypothetical,
                   confidence=arrest.confidence)


def _disowning_party(event: Token) -> list[Token]:
    """"The shooting has nothing to do with the Guatemalan army": the party an event is said to have nothing to do
    with (who denies it), or []."""
    if event.dep_ != "nsubj" or event.head.lemma_.lower() != "have":
        return []
    return [o for n in children(event.head, "dobj") if n.lower_ == "nothing"
            for do in children(n, "relcl", "acl") if do.lemma_.lower() == "do" for o in prep_objects(do, ["with"])]


def _told_before(pronoun: Token) -> Token:
    """The party an "it" opening its clause stands for, as a kind: the subject of the sentence before, when no
    party is named before it in its own sentence ("The WFP said ... . It has suspended deliveries"); else itself."""
    sent = pronoun.sent
    if sent.start == 0 or any(t.pos_ == "PROPN" or t.dep_ == "nsubj" and t.pos_ == "NOUN"
                              for t in pronoun.doc[sent.start:pronoun.i]):
        return pronoun
    before = [t for t in pronoun.doc[sent.start - 1].sent if t.dep_ == "nsubj" and t.pos_ != "PRON"]
    return next((t for t in before if t.head.lemma_ in SAYING), next(  # ("..., UNHCR said. It ...")
        (t for t in before if t.head.dep_ == "ROOT"), pronoun))


def _whoever_acts(clause: Token) -> list[Token]:
    """The subject of `clause` when it is anyone who acts: "anyone who touched the aid", "those who organised it",
    "any organisation that strays from its mandate", "Provocateurs who want to poison our hospitality", or a
    clause led by "whoever" ("Whoever obstructs them ... will be arrested"); else []."""
    subjects = children(clause, "nsubj", "nsubjpass")
    return [s for s in subjects if s.lemma_.lower() in ANYONE or (s.lower_ == "those" or any(
        d.lower_ in ("any", "every") for d in children(s, "det")) or s.tag_ == "NNS" and not children(
            s, "det", "poss", "nummod")) and children(s, "relcl", "acl")] or [
        s for c in children(clause, "csubj", "csubjpass") for s in children(c, "nsubj") if s.lemma_.lower() in ANYONE]


def _speakers(speech: Token, it: bool = False) -> list[Token]:
    """Who says `speech`: its subjects that are no pronoun ("it", "he" and "she" too, with `it`: the group or
    the person named before, which assemble finds) and no denied party ("no group said")."""
    subjects = children(speech, "nsubj") or (subject_read_as_apposition(speech) if speech.dep_ == "ROOT" else [])
    if not subjects and speech.dep_ == "conj" and speech.head.pos_ == "VERB" and speech.head.dep_ not in (
            "advcl", "relcl") and any(t.dep_ == "cc" for t in speech.doc[max(0, speech.i - 2):speech.i]):
        subjects = children(speech.head, "nsubj")  # "condemned the attack and said it expected ...": the one
        # condemning (not a clause's: "until infiltrators provoked the police, and denied that ..."; the "and"
        # may hang on the clause said before: 'said the coalition had taken the town "to free it" and warned')
    if not subjects and speech.dep_ == "acl" and speech.tag_ == "VBG":  # "a group posted a statement on a website
        poster = speech.head  # saying it had ...": the group
        while poster.dep_ in ("dobj", "pobj", "prep") and poster.head is not poster:
            poster = poster.head
        subjects = children(poster, "nsubj") if poster.pos_ == "VERB" and poster is not speech.head else []
    glosses = [s for s in subjects if any(c.lower_ == "(" for c in s.children)]  # "a group calling itself "Vatra
    subjects = [s for s in subjects if s not in glosses] or subjects  # e Jugut" (Fire of the South) said"
    return [s for s in subjects
            if (s.pos_ != "PRON" or it and s.lower_ in ("it", "he", "she")) and not denied_party(s)]


def _shared_subject(verb: Token) -> list[Token]:
    """"its personnel were safe and had been told to stay ...": the subject of "be" that a passive joined to it
    shares (those told)."""
    if verb.dep_ != "conj" or verb.head.lemma_ != "be" or children(verb, "nsubj", *PASSIVE_SUBJECTS):
        return []
    return children(verb.head, "nsubj")


def _misread_reduced_relative(verb: Token) -> list[Token]:
    """"warned that diplomats found to have breached the Convention would be asked to leave": the parse reads
    "diplomats found" as a clause of its own and leaves the passive verb after it without a subject; the noun before
    "found" is that subject."""
    if verb.dep_ != "ccomp":
        return []
    found = [c for c in children(verb.head, "ccomp") if c.i < verb.i and c.lemma_.lower() in (
        "find", "suspect", "catch", "accuse") and c.tag_ == "VBD" and not children(c, "aux", "auxpass")]
    return [s for c in found[-1:] for s in children(c, "nsubj") if s.i == c.i - 1 and s.pos_ == "NOUN"]


def _going_on_then(verb: Token) -> bool:
    """A verb in -ing telling what someone was doing when something happened, not an act of its own: "had been
    visiting a herding community", "were visiting the excavation", "a Mexican woman who had been meeting
    families", "Algeria's interior minister, visiting the national police headquarters, said ..."."""
    if verb.tag_ != "VBG" or verb.pos_ != "VERB":
        return False
    if any(a.lower_ in ("was", "were", "been") for a in children(verb, "aux")):
        return True
    return verb.dep_ in ("acl", "advcl") and not children(verb, "aux")


def _depicted(verb: Token) -> bool:
    """"pictures of dissidents executed in Iran", "portraits of soldiers killed in the war": a participle describing
    the people a picture shows."""
    noun = verb.head
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
        and noun.head.head.lemma_.lower() in ("picture", "photo", "photograph", "image", "portrait", "poster")


def _asked_about(noun: Token) -> bool:
    """"Prosecutors were looking into whether the attack had been planned", "investigating whether the explosions
    were linked to the shooting": an act named with "the" as what an inquiry asks about is one told before."""
    return noun.pos_ == "NOUN" and noun.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those") for c in noun.children) and any(
        c.dep_ == "mark" and c.lower_ == "whether" for c in noun.head.children)


def _subjectless_saying(verb: Token) -> bool:
    """A told act with a tense but no subject of its own ('UNDP said it was "concerned", had suspended field visits'):
    the speaker's own act, its subject left out."""
    return verb.dep_ == "ccomp" and verb.pos_ == "VERB" and verb.head.lemma_.lower() in SAYING \
        and not children(verb, "nsubj", "nsubjpass", "expl") and any(a.lower_ in ("had", "has", "have", "would", "will")
                                                                    for a in children(verb, "aux"))


def _dated_apart(verb: Token) -> bool:
    """A verb with a date of its own ("and on Tuesday ordered ..."): an act apart from the one it is joined to."""
    return any(t.ent_type_ == "DATE" for c in verb.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree)


def _planning(trigger: Token) -> Token | None:
    """The verb of planning an attack verb is told under ("were planning to attack", "plotting to bomb", "had
    intended to strike"): a plan, not an attack; else None."""
    head = trigger.head
    if trigger.dep_ == "xcomp" and trigger.pos_ == "VERB" and head.lemma_.lower() in PLANNING_VERBS:
        return head
    return None


def _tied_to_a_name(token: Token) -> bool:
    """A side named, or tied to a name ("criminal structures directed from Belgrade", "militiamen loyal to Haftar",
    "former Ninja militiamen")."""
    return _named_side(token) or token.pos_ == "PROPN" or any(
        t.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") for c in token.children if c.dep_ in ("acl", "prep", "amod",
                                                                                             "compound", "relcl")
        for t in c.subtree)


def _named_side(token: Token) -> bool:
    """A side named as such: a name ("Hezbollah"), one qualified by a name ("Israeli soldiers"), or "the army"."""
    return token.ent_type_ in ("ORG", "NORP", "GPE") or token.pos_ == "PROPN" and token.is_title or any(  # ("Tajik
        # forces", the adjective read as a name; "the Polisario Front", its name read as a person's)
        c.dep_ in ("compound", "amod", "poss") and (c.ent_type_ in ("ORG", "NORP", "GPE") or c.pos_ in (
            "PROPN", "ADJ") and context.country_of_adjective(c.text)) for c in token.children) \
        or token.lemma_.lower() in ("army", "military", "state", "regime") and any(
            c.lower_ == "the" for c in token.children) \
        or any(c.dep_ == "appos" and c.ent_type_ == "ORG" for c in token.children)  # "the paramilitary Rapid
    # Support Forces", read as an adjective with the name beside it


def _the_army(token: Token) -> bool:
    """"the army", "the military" with no name or nation given: the country's own."""
    return token.lemma_.lower() in ("army", "military") and not any(
        c.dep_ in ("compound", "amod", "poss") for c in token.children)


def _fire_on_drones(m: Mention) -> Mention:
    """"Soldiers guarding the depot opened fire on a second drone": fire at drones only defends (PROTECT,
    counter-drone), an attack on no one."""
    if m.type != "ASSAULT" or not m.recipients or m.trigger.lemma_.lower() not in ("open", "fire", "shoot") \
            or not all(r.lemma_.lower() in ("drone", "uav", "quadcopter") for r in m.recipients):
        return m
    return replace(m, type="PROTECT", modes=["counter-drone"], recipients=[],
                   rule=Rule("PROTECT", m.rule.pos, m.rule.lemma, (), {}))


def _summoned_to_hear(request: Token) -> list[Token]:
    """The envoy summoned to hear a demand: "summoned Argentina's ambassador ... to demand an investigation",
    "summoned Russia's ambassador on Thursday and demanded that ..."; else []."""
    summon = request.head if request.dep_ in ("advcl", "xcomp", "conj") else None
    if summon is None or summon.lemma_.lower() not in ("summon", "call") or summon.lemma_.lower() == "call" and not any(
            c.lower_ == "in" for c in summon.children):
        return []
    return children(summon, "dobj")


THREATENING_VERBS = {"target", "treat", "hit", "attack", "strike", "kill", "punish", "burn", "destroy", "shoot",
                     "respond", "retaliate", "react", "crush"}  # what a warning says will be done to someone


def _threatened_in(warning: Token) -> list[Token]:
    """Whom the words of a warning threaten: the subject of what will be done to it ("warned that Zionist interests
    would be targeted next", "... would be treated as targets"), the one an answer is for ("would respond with full
    force to anyone who ...") or what attacks to come are on ("warned that its attacks on the security forces would
    continue"); else []."""
    for clause in children(warning, "ccomp"):
        if not to_come(clause):
            continue
        word = clause.lemma_.lower()
        if is_passive(clause) and word in THREATENING_VERBS:
            return [s for s in children(clause, "nsubjpass") if s.pos_ != "PRON"]
        if word in ("respond", "retaliate", "react"):
            return [o for o in prep_objects(clause, ["to", "against"]) if o.pos_ != "PRON" or o.lower_ in ANYONE]
        if word in GOING_ON:
            return [o for s in children(clause, "nsubj") for o in prep_objects(s, ["on", "against"])]
    return []


def _attacks_threatened(found: list[Mention]) -> None:
    """"A note signed by the gang warned that its staff would be shot if ...": an attack a threat's words tell of,
    with no doer of its own, is the one threatening's (the threatened attack, hypothetical)."""
    for m in found:
        verb = m.trigger
        threatening = [c for c in children(verb, "amod") if c.lemma_.lower() == "threaten"]  # "released a video
        if m.type == "ASSAULT" and m.hypothetical and not m.actors and threatening:  # threatening attacks on ..."
            threat = next((t for t in found if t.type == "THREATEN" and t.trigger.i == threatening[0].i), None)
            m.actors = list(threat.actors) if threat is not None else []
            continue
        if m.type != "ASSAULT" or not m.hypothetical or m.actors or m.negated or not is_passive(verb) \
                or verb.dep_ != "ccomp" or any(a.lower_ in ("could", "may", "might") for a in children(verb, "aux")) \
                or any(s.lower_ in ("those", *ANYONE) or s.lemma_.lower() in ATTACKERS
                       for s in children(verb, "nsubjpass")):
            continue  # (not "warned the embassy could be attacked", nor "vowed those responsible would be hunted")
        threat = next((t for t in found if t.type == "THREATEN" and t.actors and not t.negated
                       and t.trigger.i == verb.head.i), None)
        if threat is not None:
            m.actors, m.actor_source = list(threat.actors), threat.actor_source


def _culprits_pursued(m: Mention, found: list[Mention]) -> bool:
    """"He vowed that those responsible would be hunted down": the pursuit of culprits a threat promises is part of
    that threat, no attack of its own; nor is a pursuit promised in so many words ("said they would be hunted
    down")."""
    verb = m.trigger
    pursued = verb.lemma_.lower() in ("hunt", "pursue", "track", "chase")  # "said they would be hunted down to
    return m.type == "ASSAULT" and m.hypothetical and not m.actors and is_passive(verb) and any(  # the last cave"
        s.lower_ in ("those", *ANYONE) or s.lemma_.lower() in ATTACKERS or pursued and s.lower_ == "they"
        for s in children(verb, "nsubjpass")) and (pursued or any(
            t.type == "THREATEN" and t.trigger.i == verb.head.i for t in found))


def _holding(abducted: Token) -> Token | None:
    """"holding two aid workers who were abducted near the camp": the verb holding those an abduction took."""
    held = abducted.head
    if abducted.dep_ in ("relcl", "acl") and is_passive(abducted) and held.dep_ == "dobj" \
            and held.head.lemma_.lower() in ("hold", "keep"):
        return held.head
    return None


def _holder(token: Token) -> Token:
    """The verb whose subject a word's state is told of: "be" for an adjective after it ("Beijing said it was highly
    concerned"), else the word itself."""
    return token.head if token.dep_ == "acomp" else token


def _as_real_as(token: Token) -> Token | None:
    """The act a verb is as real as: "urged Iraq to protect ... and called on groups" (the urging), "asked X to spare
    no effort to secure his return and urged ..." (the asking), "called the company to demand a ransom" (the call);
    None when it stands on its own."""
    if called_to_say(token):
        return token.head
    if not joins_the_main_verb(token):
        return None
    above = token.head.head
    while above.head is not above and (above.pos_ not in ("VERB", "AUX") or an_infinitive(above)):
        above = above.head
    return above


def _denying(clause: Token) -> Token | None:
    """The verb denying a clause: "denied that its members had taken part", and "denied in a video posted online
    that ...", where the parse hangs the clause on the video's "posted"."""
    if clause.dep_ != "ccomp":
        return None
    if clause.head.lemma_.lower() in ("deny", "reject"):
        return clause.head
    above = clause.head
    if above.dep_ == "acl" and above.head.dep_ == "pobj" and above.head.head.head.lemma_.lower() in ("deny", "reject"):
        return above.head.head.head
    return None


def _denied_clause(verb: Token) -> bool:
    """A clause of what someone denies ("denied that the group had any link to the boat")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DENYING


def _attempt(trigger: Token) -> Token | None:
    """"tried to ram its boat", "attempted to storm the building": the verb of trying, else None."""
    head = trigger.head
    return head if trigger.dep_ == "xcomp" and head.lemma_.lower() in ("try", "attempt") else None


def _provocation(act: Token, found: list[Mention]) -> tuple[list[Token], set[int]]:
    """What a force's act was told as an answer to, and who did it: an "after ..." clause with a hostile act in it
    ("after migrants threw stones", "after being attacked by smugglers", "after the boat tried to ram the patrol
    vessel"), or a target that "was fishing illegally" or that the force says "had tried to ram" it. Returns the
    doers and the words of that clause (no doers: no provocation told)."""
    acts = {m.trigger.i for m in found if m.type == "ASSAULT" or m.type == "PROTEST" and "riot" in m.modes}
    under = [p for p in prep_objects(act, ["under"]) if p.lemma_.lower() in ("fire", "attack")]
    if act.lemma_.lower() == "come" and under:  # "a patrol had come under fire from armed poachers and had
        fired = [p for p in prep_objects(act, ["from"]) + prep_objects(under[0], ["from"])  # returned fire"
                 if p.pos_ != "PRON" and p.ent_type_ not in ("GPE", "LOC", "FAC") and p.lemma_.lower() not in (
                     "ridge", "hill", "direction", "side", "area", "position", "bank", "shore", "boat", "vehicle",
                     "car", "building", "house", "forest", "bush", "village")]  # (not "from a ridge")
        return fired, {t.i for c in children(act, "prep") if c.lower_ in ("under", "from") for t in c.subtree}
    for clause in act.children:
        mark = next((c for c in clause.children if c.dep_ in ("mark", "prep") or c.lower_ == "after"), None)
        if clause.dep_ == "advcl" and mark is not None and mark.lower_ in ("after", "when"):
            doers = children(clause, "nsubj") or children(mark, "pobj")  # ("after the boat, ..., tried to ram")
        elif clause.dep_ == "prep" and clause.lower_ == "after":  # "after being attacked with stones by smugglers"
            doers = [p for t in clause.subtree if t.lower_ == "by" and t.dep_ in ("prep", "agent") for p in
                     children(t, "pobj")]
        else:
            continue
        verbs = [clause, *children(clause, "pcomp", "xcomp", "conj")]
        verbs += [x for v in verbs for x in children(v, "xcomp")]  # "tried to ram", "being attacked"
        hostile = any(v.lemma_.lower() in PROVOKING_VERBS or v.i in acts for v in verbs)
        words = {t.i for t in clause.subtree}
        doers = [d for d in doers if d.pos_ != "PRON" and not _said_of_itself(d)]
        if hostile:  # (no doers: "had acted in self-defence after being attacked with stones", an attack told only
            return doers, words  # as the force's account of itself)
    targets = [p for p in prep_objects(act, ["at", "on"]) + children(act, "dobj")]
    tried = [c for c in children(act, "conj") if c.lemma_.lower() == "try" and not children(c, "nsubj") and any(
        x.lemma_.lower() in PROVOKING_VERBS for x in children(c, "xcomp"))]  # (the target's, read as the force's)
    for target in targets:  # "fired warning shots at a pirogue that was fishing illegally ... and had tried to ram"
        if tried or any(t.lower_ == "illegally" for r in children(target, "relcl") for t in r.children):
            return [target], {t.i for c in tried for t in c.subtree}
    return [], set()


def _same_nation(doer: Token, speakers: list[Token]) -> bool:
    """"Kremlin spokesman Dmitry Peskov said Russian forces had struck ...": forces of the speaker's own nation."""
    nations = {context.country_of_adjective(c.text) for c in doer.children if c.dep_ in ("amod", "compound")}
    own = {context.resolve_party(t.text, "government", None, None).country for s in speakers
           for t in s.subtree if t.i <= s.i and t.pos_ == "PROPN"}
    return bool(nations & own - {None})


def _how_often(trigger: Token) -> bool:
    """Attacks told only by how often they come: "Jihadist attacks in Ivory Coast have been rare since 2021", "Nepal
    has seen sporadic bombings by small groups"."""
    if trigger.tag_ != "NNS" or children(trigger, "det", "poss", "nummod"):
        return False
    rare = trigger.dep_ == "nsubj" and trigger.head.lemma_ == "be" and any(
        a.lemma_.lower() in HOW_OFTEN for a in children(trigger.head, "acomp"))
    seen = trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in ("see", "witness", "experience")
    return rare or seen and any(a.lemma_.lower() in HOW_OFTEN for a in children(trigger, "amod"))


def _protest_disowned(word: Token) -> str | None:
    """The mode of the protest a part is denied in ("any hand in the roadblock", "any role in organising the
    blockade", "no part in the protest"), or None when what is disowned is no protest."""
    if word.lemma_.lower() not in DISOWNING:
        return None
    owned = prep_objects(word, ["in"]) or prep_objects(word.head, ["in"])  # ("had any hand in ...", "in" read as
    owned = [d for o in owned for d in (children(o, "dobj") if o.tag_ == "VBG" else [o])]  # the having's; "any role
    # in organising the blockade")
    modes = {DISOWNED_PROTESTS.get(o.lemma_.lower()) for o in owned}
    return modes.pop() if len(modes) == 1 and None not in modes else None


def _after_without(token: Token) -> list[Token]:
    """"fired without warning at a group of herders": the prepositions the parse hung on "warning"."""
    return [p for w in children(token, "prep") if w.lower_ == "without" for c in children(w, "pcomp", "pobj")
            if c.lower_ in ("warning", "provocation") for p in children(c, "prep")]


def _said_of_itself(token: Token) -> bool:
    """"we", "they", "it", or "its fighters", "our forces", "their men", "his forces", "the group's forces",
    "one of its fighters", "a suicide bomber from the group": the speaker's own side."""
    return token.lower_ in ("we", "they", "it") or any(
        c.dep_ == "poss" and (c.lower_ in ("its", "their", "our", "his", "her") or _the_group(c))
        for c in token.children) or any(
        _said_of_itself(p) or _the_group(p) for p in prep_objects(token, ["of", "from"]))


def _the_group(token: Token) -> bool:
    """"the group('s)", "the movement('s)": a group named before, standing in for its name."""
    return token.lemma_.lower() in GROUP_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
        and not any(t.dep_ in ("compound", "amod") and (t.pos_ == "PROPN" or t.ent_type_)
                    for t in token.subtree if t.i < token.i)
    # (not "the Houthi movement('s)", nor "the Afar rebel group", named here)


def _pairs_up(token: Token, limit: int) -> list[tuple[Token, Token]]:
    """(word, its head) going up from `token`, at most `limit` steps."""
    pairs: list[tuple[Token, Token]] = []
    while token.head.i != token.i and len(pairs) < limit:
        pairs.append((token, token.head))
        token = token.head
    return pairs


def _ordered_done(verb: Token) -> bool:
    """"ordered mobile data services suspended": a participle on the object of "order" is the act ordered."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "dobj" \
        and verb.head.head.lemma_.lower() == "order"


def _attacks_in_general(noun: Token) -> bool:
    """Attacks spoken of as a kind, not told: what such acts are in law ("attacks on peacekeepers may constitute war
    crimes"). (A forecast, "further attacks were likely", stays a hypothetical attack: one feared.)"""
    return noun.dep_ == "nsubj" and noun.tag_ == "NNS" and noun.head.lemma_.lower() in ("constitute", "amount")


def denied_party(token: Token) -> bool:
    """"no group", "nobody", "none", "not a single shot": a subject that says no one did it (the event is negated,
    and has no actor)."""
    return token.lower_ in ("nobody", "none", "noone") or token.lower_ == "one" and any(
        c.lower_ == "no" for c in token.children) or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) \
        or any(c.dep_ == "neg" for c in token.children) and any(c.lower_ == "single" for c in token.children)


def _clause_of(trigger: Token) -> Token:
    """The verb an attack noun is told with ("struck a mine", "came under fire"), else the trigger itself."""
    if trigger.dep_ == "dobj":
        return trigger.head
    return trigger.head.head if _undergone(trigger) else trigger


def _armed(noun: Token) -> bool:
    """"A man armed with a pistol": whoever the sentence says carried arms."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "acl" and c.lemma_ == "arm" for c in noun.children)


def _undergone(noun: Token) -> bool:
    """"The building was under siege", "the convoy came under fire": an event its verb's subject is under (not
    "placed the district under martial law", where the subject does it to the object)."""
    verb = noun.head.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "under" and verb.pos_ in ("VERB", "AUX") \
        and not children(verb, "dobj")


def _timed_against(noun: Token) -> bool:
    """"The bombing came as the envoy was in Kabul", "The attack comes days after ...": the event told before, set
    against another; not a new one."""
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "come" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _told_as_done(verb: Token) -> bool:
    """A verb in the past ("that killed"), or in the perfect ("that have taken place"), with no modal."""
    aux = children(verb, "aux", "auxpass")
    return (verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)) and not any(
        a.tag_ == "MD" for a in aux)


def _disowner(act: Token) -> list[Token]:
    """"Kataib Hezbollah denied taking part in the attack", "the KNF denied any part in the kidnapping": the one
    denying a part in an attack is the one whose attack is denied."""
    if act.dep_ != "pobj" or act.head.lower_ not in ("in", "to", "with"):
        return []
    above = act.head.head  # ("any part in the kidnapping", or "taking part in", the parse hanging it on the verb)
    if not {w.lemma_.lower() for w in [above, *children(above, "dobj")]} & DISOWNING:
        return []
    for _ in range(3):
        if above.lemma_.lower() in ("deny", "reject"):
            return [s for s in children(above, "nsubj") if s.pos_ != "PRON" or s.lower_ in ("it", "they", "we")]
        above = above.head
    return []


def _riot_gear(thing: Token) -> bool:
    """Water cannon, tear gas, pepper spray, truncheons, batons, rubber bullets, stun grenades."""
    word, modifiers = thing.lemma_.lower(), {c.lower_ for c in thing.children if c.dep_ in ("compound", "amod")}
    return word in ("truncheon", "baton", "teargas") or word == "cannon" and "water" in modifiers \
        or word == "gas" and "tear" in modifiers or word == "spray" and "pepper" in modifiers \
        or word == "bullet" and "rubber" in modifiers or word == "grenade" and "stun" in modifiers


def _part_of_a_crowd(act: Token, doers: list[Token]) -> list[Token]:
    """"Some threw eggs and stones at the gate", "when some of them pushed through the barriers and threw stones",
    "others doused the door with petrol": a crowd's violence told of part of it (some, others, a few; of them, of
    the protesters) is its riot, done by that part (returned; [] when `act` is no such violence)."""
    verb = act.head if act.dep_ == "conj" and not doers else act  # ("pushed through ... and threw stones")
    doers = doers or children(verb, "nsubj")
    if act.lemma_.lower() not in CROWD_VIOLENCE or not doers:
        return []
    part = all(d.lower_ in ("some", "others", "many", "few", "several", "most") and all(
        o.lower_ in ("them", "those") or o.lemma_.lower() in PROTESTERS for o in prep_objects(d, ["of"]))
        for d in doers)
    return doers if part else []


def _errand(token: Token) -> bool:
    """"Drove back from a meeting with farmers", "taking staff back to Tripoli after meetings with officials",
    "tried to leave the residence after a visit": a meeting told as where travellers were coming from sets the
    scene of what happened to them; it is no event of its own."""
    prep = token.head
    if token.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ("from", "after"):
        return False
    return prep.head.lemma_.lower() in TRAVEL_VERBS or prep.head.lower_ == "back"


def _names_a_thing(verb: Token) -> bool:
    """"called the storming treasonous", "called in a bomb disposal team, which defused the bomb": "call" that
    names something or summons someone, not one that calls for or on someone to act (an intention word only
    then)."""
    return verb.lemma_.lower() == "call" and any(
        c.dep_ == "oprd" or c.dep_ in ("prt", "prep") and c.lower_ in ("in", "out", "up") and c.i == verb.i + 1
        for c in verb.children)  # ("called in" read as a preposition too)


WRONGDOING = {"illegally", "illegal", "unlawfully", "smuggled", "contraband"}  # what a told act is charged as


def _clause_told_wrong(word: Token) -> Token | None:
    """"said the boats were fishing illegally in Nicaraguan waters", "said the men had entered the country
    illegally": the clause of what is said, when a word in it charges a wrong (WRONGDOING), else None."""
    if word.lower_ not in WRONGDOING or word.dep_ not in ("advmod", "amod", "acomp"):
        return None
    clause = word.head
    for _ in range(4):
        if clause.dep_ == "ccomp":
            return clause
        if clause.dep_ not in ("dobj", "acl", "advcl", "xcomp", "conj", "pobj", "prep") \
                or clause.dep_ == "prep" and clause.lower_ != "of":  # (not "detained for illegal residence": the
            return None  # grounds of an arrest told)
        clause = clause.head
    return None


def _party_like(token: Token) -> bool:
    """Dates, times of day, amounts and numbers are not parties ("attacked on Tuesday", "posted by nightfall"),
    though one of a party told as the doer is ("shot dead by one of the company's guards")."""
    partitive = token.head.lower_ == "by" and any(p.lower_ == "of" and children(p, "pobj")
                                                  for p in children(token, "prep"))
    return token.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL") \
        and (token.pos_ != "NUM" or partitive) and token.lower_ not in TIMES_OF_DAY | WEEKDAYS


WILL = {"will", "would", "'ll", "shall"}


def _own_or_conditional(token: Token) -> bool:
    """"warned that Moscow would draw the appropriate conclusions if its diplomats were not protected", "warned that
    it would extend its operations", "warned that every base ... will be within our range": what is warned will be
    done on a condition, or by the one warning (a pronoun subject, "we", "our"), not what may come of a situation."""
    clauses = children(token, "ccomp") + [c for c in children(token, "acl") if token.pos_ == "NOUN" and any(
        m.lower_ == "that" for m in children(c, "mark"))]  # ("a message warning that ...", read as a noun)
    clauses += [c for o in children(token, "dobj") for c in children(o, "relcl") if any(  # "warned that any
        m.lower_ == "that" for m in children(c, "mark"))]  # organisation ... would be treated the same way if ...",
    # read as an object and a relative clause
    for clause in clauses:
        if not any(a.lower_ in WILL for a in children(clause, "aux")):
            continue
        if any(m.lower_ in ("if", "unless") for adv in children(clause, "advcl") + children(token, "advcl")
               for m in children(adv, "mark")):
            return True
        own = any(t.lower_ in ("we", "our", "us") for t in clause.subtree) or clause.lemma_ != "be" and any(
            s.lower_ in ("it", "they") for s in children(clause, "nsubj"))
        if own:
            return True
    return False


def _shared_agent(verb: Token) -> list[Token]:
    """"The man was shot in the leg and arrested by police officers": two passive verbs of one subject share the
    agent the second names (or the first: "was arrested by police and beaten")."""
    joined = [c for c in children(verb, "conj") if not children(c, "nsubjpass", "nsubj")]
    if verb.dep_ == "conj" and not children(verb, "nsubjpass", "nsubj"):
        joined.append(verb.head)
    return next((agent_of(v) for v in joined if is_passive(v) and agent_of(v)), [])


def _what_it_does(verb: Token) -> bool:
    """A verb in the simple present of a clause describing a noun ("the unit that protects missions", "UNIFIL, which
    patrols the strip"), or in the present perfect since a year ("UNIFIL, which has patrolled the frontier since
    1978"): what the thing does as a rule, not an act told."""
    if verb.dep_ == "relcl" and verb.tag_ == "VBN" and [a.lower_ for a in children(verb, "aux")] in (["has"], ["have"]):
        return any(p.lower_ == "since" and any(t.like_num and len(t.text) == 4 for t in p.subtree)
                   for p in children(verb, "prep"))
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP") and not children(verb, "aux", "auxpass") \
        and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)


def _reinforcing_forces(verb: Token) -> bool:
    """"sent to reinforce patrols along the border", "to bolster units on the peninsula": forces added to forces,
    not to a building's guard ("sent to reinforce security at the embassy")."""
    return any(x.lemma_.lower() in ("reinforce", "bolster", "strengthen", "augment") and not any(
        w.lemma_.lower() in GUARDED_SITES | MISSION_WORDS | {"security", "guard", "protection"}
        for o in children(x, "dobj") for w in o.subtree) for x in children(verb, "xcomp", "advcl"))
