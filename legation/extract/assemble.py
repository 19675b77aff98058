"""Mention → Event: party texts and kinds, the place, the date and the evidence offsets of one mention.

One `Assembler` per document: it knows the report (publication date, dateline, headline) and keeps the date of the
previous event, which "the same day" refers to.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from legation.domain.ontology import PARTY_KINDS
from legation.domain.records import Event, Evidence, Party, Place, Report, TimeSpan
from legation.extract import context
from legation.extract.recognize import (
    ANYONE,
    ATTACK_WORDS,
    CROWD_WORDS,
    DISOWNING,
    GROUP_NOUNS,
    MISSION_WORDS,
    PLACE_PREPS,
    Mention,
    Recognizer,
)
from legation.extract.recognize import SAYING as SAYING_VERBS
from legation.extract.syntax import (
    ARTICLES,
    QUOTE_MARKS,
    argument_span,
    children,
    closing_speech,
    local_tokens,
    prep_objects,
    speech_before_quote,
    subject_of,
    taker_of_object,
    to_come,
)

PLACE_LABELS = ("GPE", "LOC", "FAC")
COARSE = ("country", "admin1", "region")  # a place this coarse gives way to a named site or town of the sentence
# Most specific first: an armed group named "... Army" is an armed group before it is a military.
KIND_ORDER = ("person", "armed_group", "police", "military", "igo", "ngo", "media", "party", "government",
              "civilians", "state")
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
HE_OR_SHE = {"he", "she"}  # a subject pronoun that stands for a person
NEARNESS = {"neighbouring", "neighboring", "nearby"}
PLACE_WORDS = {"avenue", "street", "road", "boulevard", "square", "university", "airport", "bridge", "district",
               "province", "camp", "stadium", "hospital", "market"}  # in a name, a place's name
PLACE_PREPOSITIONS = PLACE_PREPS | {"towards", "on"}  # where a name is a place's ("a curfew on Materi")
SOME_OF_THEM = {"some", "many", "several", "others", "most"}  # opening a sentence: of those named just before
MARCHING = {"march", "rally", "protest", "demonstrate", "gather", "converge"}  # what a crowd does
SPEAKER_PRONOUNS = {"it", "they", "he", "she", "we"}
DEADLINE_WORDS = {"by", "before", "until", "within"}
TIME_UNITS = {"day", "week", "month", "year", "hour", "minute"}
WORDS_SAID = {"ADVISORY", "REQUEST", "ACCUSE", "THREATEN", "REJECT"}  # acts done in words, as a saying is
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10}  # "two days after ...": a count of days
# Why an event has no actor, kept: the text leaves it open (a weapon, "no group", an earlier act given as a cause).
OPEN_ACTOR = ("weapon only", "denied", "cause", "alleged", "unsigned", "untold")
DEFINITE = ARTICLES - {"a", "an"} | {"both"}  # determiners of an act told before ("the attack", "both bombs")
PLACE_NOUNS = {"province", "city", "town", "village", "district", "governorate", "region", "county", "state",
               "area", "neighbourhood", "neighborhood", "suburb", "camp", "capital", "port", "border", "outskirts"}
# Acts done in words: a country they name as a party is not where they took place.
SAID_TYPES = {"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "AGREE", "CONCEDE", "CLAIM", "SANCTION"}
AIMED_TYPES = SAID_TYPES - {"CLAIM"}  # words aimed at a party, who is no place (what a claim names, its attack hit)
NOT_PLACE_PREPS = {"against", "with", "about", "than", "like", "despite"}  # what follows them is no place
POSTED_WORDS = MISSION_WORDS | {"ambassador", "envoy", "commission", "diplomat", "delegation", "charge"}  # abroad
AIMING_VERBS = {"reach", "hit", "strike", "target"}  # "shot down before it reached the base"
NAMING_VERBS = {"call", "name", "know", "style", "dub"}
ROLES = {"minister", "president", "premier", "official", "ambassador", "envoy", "diplomat", "governor", "secretary",
         "general", "officer", "mayor", "prosecutor", "coordinator", "representative"}  # one person, "he" or "she"
VOICES = {"leader", "head", "chief", "commander", "spokesman", "spokeswoman", "spokesperson", "founder"}
VIOLENCE_WORDS = ATTACK_WORDS | {"act", "violence", "assault", "aggression", "stabbing", "kidnapping", "abduction",
                                 "break-in", "vandalism", "looting", "rioting", "riot", "storming", "arson",
                                 "intimidation"}  # what a judge calls the story's violence
EVENT_NOUNS = ATTACK_WORDS | {"fighting", "violence", "clash", "war", "conflict", "unrest", "protest", "crisis",
                              "campaign"}  # a subject that is an event, not a party
LOOK_BACK_TOKENS = 150
LOOK_BACK_SENTENCES = 3  # a claim with no target of its own claims what the attack told this far back hit
CAUSE_DAYS = 7  # an act given as another's cause, undated: in the week before it
AFTER_DAYS = 31  # an act dated only by one it followed: from that one to publication, if within a month of it


class Assembler:
    def __init__(self, report: Report, doc: Doc, recognizer: Recognizer, furniture: frozenset[int] = frozenset()):
        self.report = report
        self.doc = doc
        self.recognizer = recognizer
        self.furniture = furniture  # start tokens of page-furniture sentences: a byline names no one in the story
        self.published = context.publication_date(report)
        self.dateline = context.dateline(report.text)
        # The dateline's own characters ("BAGHDAD, Oct. 18, 2023 (Agency) -") name no place of an event.
        self.dateline_chars = range(*(context.dateline_span(report.text) or (0, 0)))
        self.headline_end = context.headline_end(report)
        self.dateline_country = context.dateline_country(self.dateline)
        self._qualifier: str | None = None  # the country qualifying the place mention last chosen
        self.previous: TimeSpan | None = None
        self._last_targets: tuple[int, list[Party]] = (-99, [])  # the last attack's sentence and whom it hit
        self._acts_told: list[tuple[int, str, list[Token], bool]] = []  # real acts so far: sentence, trigger,
        # doers, and whether the act was violent (an attack or a riot, not police dispersing a crowd)
        self._last_attack_date: TimeSpan | None = None  # when the last attack told happened
        self._dates: dict[int, TimeSpan] = {}
        self._org_places: dict[int, bool] = {}
        self.sentences = list(doc.sents)
        self.sentence_number = {sent.start: n for n, sent in enumerate(self.sentences)}
        self._dated_upto = 0  # the sentences before this index have had their own dates read (see `date`)
        self.named_groups: list[Token] = []  # names given to a group noun so far ("a group calling itself X")
        self.sent_ents: dict[int, list[Span]] = {}  # sentence start → its entities, gathered once
        for ent in doc.ents:
            if not _a_length(ent):
                self.sent_ents.setdefault(ent.sent.start, []).append(ent)

    def event(self, mention: Mention) -> Event:
        sent = mention.trigger.sent
        actors = self.parties(mention.actors or self._writers_told_before(mention.papers), mention.trigger)
        if not actors and mention.type == "COERCE" and "arrest" in mention.modes and not mention.negated \
                and mention.actor_source not in OPEN_ACTOR:  # "Two men were detained for questioning": by the
            actors = self.parties(self._police_before(mention), mention.trigger)  # police the story names
            if actors:
                mention.actor_source = "context"
        judged = mention.recipients
        if mention.type == "ACCUSE" and not mention.negated:
            judged = [d for r in judged for d in self._doers_of(r, mention)]
        response = mention.type == "ASSAULT" and mention.trigger.lemma_.lower() == "return"  # "The soldiers
        if response and not judged:  # returned fire": at those who fired on them
            judged = next((d for _, _, d, violent in reversed(self._acts_told) if violent and d), [])
        recipients = [p for p in self.parties(judged, mention.trigger, anyone=mention.type == "THREATEN")
                      if p.text not in {a.text for a in actors}]
        if mention.type != "ACCUSE" and not (mention.negated or mention.hypothetical
                                             or self.recognizer.is_cause(mention.trigger)):
            self._acts_told.append((self.sentence_number.get(sent.start, 0), mention.trigger.lemma_.lower(),
                                    mention.actors, (mention.type == "ASSAULT" or "riot" in mention.modes)
                                    and "crowd-control" not in mention.modes))
        if mention.type == "PROTECT" and not recipients and any(m.startswith("counter") for m in mention.modes):
            recipients = self._intercepted_targets(mention)
        disowned = mention.type == "ASSAULT" and mention.trigger.lemma_.lower() in DISOWNING
        if (mention.type == "CLAIM" or disowned) and not recipients:  # "The group later claimed the raid", "it
            recipients = self._recent_targets(mention, LOOK_BACK_SENTENCES)  # had no link to it": what it hit
            if not recipients and mention.negated:  # "No group has claimed responsibility", "ARSA denied any role":
                recipients = self._recent_targets(mention, len(self.sentences))  # in the story's attack
        if mention.type == "ASSAULT" and recipients and not mention.hypothetical and not mention.negated:
            self._last_targets = (self.sentence_number.get(mention.trigger.sent.start, 0), recipients)
        lagged = self._lagged_date(mention)
        date = lagged or self.date_of(mention)
        if disowned and self._last_attack_date:
            date = self._last_attack_date  # "it had not been involved in the strike": the strike told before
        elif mention.type == "ASSAULT" and not mention.hypothetical and not mention.negated:
            self._last_attack_date = date
        cause = self.recognizer.is_cause(mention.trigger)
        before_another = cause or _followed_by_another(mention.trigger) or mention.actor_source == "suspected" \
            or date.kind == "exact" and _done_before_its_telling(mention)
        if lagged is None and before_another and date.start \
                and not any(t.ent_type_ == "DATE" and t.dep_ != "npadvmod" for t in mention.trigger.subtree):
            date = _days_before(date)  # "in retaliation for American strikes", "..., days after a farmer was shot":
            # earlier than the act it caused or preceded; "arrested on Sunday a man suspected of throwing a grenade":
            # the throwing was before the arrest
        event_type, modes = mention.type, mention.modes
        if mention.type == "ASSAULT" and self._some_of_a_crowd(mention.actors):  # "Hundreds of protesters gathered
            event_type, modes = "PROTEST", ["riot"]  # outside the embassy. Some threw stones": their riot
        start, end = self.evidence_span(sent)
        extra = {"trigger": mention.trigger.text, "trigger_start": mention.trigger.idx,
                 "actor_source": mention.actor_source if actors or mention.actor_source in OPEN_ACTOR else None,
                 "sentence_number": self.sentence_number.get(sent.start)}
        trigger = mention.trigger
        if trigger.tag_.startswith("NN") and any(c.dep_ in ("det", "predet") and c.lower_ in DEFINITE
                                                 for c in trigger.children):
            extra["definite"] = True  # "the attack", "both bombs": may name an event told before (merge.py)
        if mention.threatened:
            extra["threatened"] = True  # a protest a party threatens: kept, though it may yet happen (merge.py)
        if mention.judged:
            extra["judged"] = True  # "condemned the attack": folded into the attack told before, if any (merge.py)
        if start < self.headline_end:
            extra["headline"] = True
        if cause:
            extra["cause"] = True  # told as another act's reason: lends its actors to no later "the attack"
        if response:
            extra["response"] = True  # fire returned: nor do those returning it (merge.py)
        return Event(doc=self.report.doc or self.report.id, report_id=self.report.id, type=event_type,
                     mode=modes, negated=mention.negated, hypothetical=mention.hypothetical,
                     actors=actors, recipients=recipients, location=self._said_place(mention, actors), date=date,
                     evidence=Evidence(sentence=self.report.text[start:end], start=start, end=end),
                     confidence=mention.confidence, extra=extra)

    def _some_of_a_crowd(self, heads: list[Token]) -> bool:
        """"Some", "many" opening a sentence that follows one about protesters, a crowd or a mob."""
        named = [self._antecedent(h) if h.lower_ in SOME_OF_THEM else None for h in heads]
        return bool(named) and all(n is not None and ({t.lemma_.lower() for t in argument_span(n)} & CROWD_WORDS
                                                      or n.dep_ == "nsubj" and n.head.lemma_.lower() in MARCHING)
                                   for n in named)  # ("Hundreds of protesters", "Several hundred people had marched")

    def _police_before(self, mention: Mention) -> list[Token]:
        """The police force named last in the arrest's sentence or the few before it (not one arrested), or []."""
        start = self.sentences[max(0, self.sentence_number.get(mention.trigger.sent.start, 0) - LOOK_BACK_SENTENCES)]
        arrested = {t.i for r in mention.recipients for t in r.subtree}
        for token in reversed(self.doc[start.start:mention.trigger.i]):
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "poss") \
                    and token.i not in arrested and "police" in self.recognizer.kinds(token) \
                    and token.lemma_.lower() not in ("guard", "security", "officer"):
                return [token]
        return []

    def _intercepted_targets(self, mention: Mention) -> list[Party]:
        """What a downed drone or missile was flying at: the site in "shot down before it reached the base", else
        what the attack told in this sentence or the two before hit ("A drone attack targeted Harir air base. The
        drone was shot down ...")."""
        aimed = [d for c in mention.trigger.children if c.dep_ == "advcl" and c.lemma_.lower() in AIMING_VERBS
                 for d in c.children if d.dep_ == "dobj"]
        if aimed:
            return self.parties(aimed, mention.trigger)
        return self._recent_targets(mention, 2)

    def _doers_of(self, act: Token, mention: Mention) -> list[Token]:
        """"Iran condemned the strikes", "Guterres condemned the detentions": whoever did the act of that kind
        told in this sentence or the few before is the one condemned; with none told, the act as written."""
        if act.pos_ != "NOUN" or any(c.dep_ in ("poss", "agent") or c.lower_ == "by" or c.dep_ in (
                "amod", "compound") and c.ent_type_ in ("NORP", "ORG", "GPE") for c in act.children):
            return [act]  # "Israel's strikes", "the strikes by Israel", "an Israeli air strike": the doer is named
        here, word = self.sentence_number.get(mention.trigger.sent.start, 0), act.lemma_.lower()
        if act.i >= 2 and act.nbor(-1).text == "-":  # "the break-in", read as "break", "-", "in"
            word = f"{act.nbor(-2).lower_}-{word}"
        for sentence, trigger, doers, _ in reversed(self._acts_told):  # the last act told with the same word
            if 0 <= here - sentence <= LOOK_BACK_SENTENCES and len(os.path.commonprefix([word, trigger])) >= 4:
                if doers or word not in VIOLENCE_WORDS:  # ("the detentions": "detained"; "the bombing": "bombed")
                    return doers or [act]
                break  # (an attack told with no doer: the story's violence, below)
        if word in VIOLENCE_WORDS:  # "condemned the attack", "this barbaric act": the story's violence, the first
            return next((doers for _, _, doers, violent in self._acts_told if violent and doers), [act])  # told
        return [act]

    def _recent_targets(self, mention: Mention, sentences: int) -> list[Party]:
        """Whom the last attack told in this sentence or the `sentences` before it hit."""
        here = self.sentence_number.get(mention.trigger.sent.start, 0)
        told, targets = self._last_targets
        return list(targets) if 0 <= here - told <= sentences else []

    # ------------------------------------------------------------------ parties
    def parties(self, heads: list[Token], trigger: Token, anyone: bool = False) -> list[Party]:
        """The parties `heads` name, each resolved (pronouns, "the group") and looked up; with `anyone`, also
        "anyone who fires on the army" or "those who organised the roadblock" as written (whom a threat is for)."""
        out: list[Party] = []
        for written in heads:
            general = anyone and _anyone_who(written)
            head = written if general else self._antecedent(written)
            if head is not None and head.pos_ != "PRON" and head.lemma_.lower() in GROUP_NOUNS:  # "A group calling
                head = self._given_name(head) or head  # itself X said ... It warned", "a group calling itself X
                # claimed the blast": X
            if head is None or head.ent_type_ in ("DATE", "TIME"):  # ("would march on the mission on Monday")
                continue
            whole = head.head if head.dep_ == "nsubj" and head.head.dep_ in ("csubj", "csubjpass") else head
            span = self.doc[whole.left_edge.i:whole.right_edge.i + 1] if general and not (
                whole.left_edge.i <= trigger.i <= whole.right_edge.i) else argument_span(head)  # (with what they
            # do: "whoever obstructs them")
            if span.start <= trigger.i < head.i:  # "Drones attack Harir base": the words after the trigger
                span = self.doc[trigger.i + 1:span.end]
            text = span.text.strip(" \"'“”‘’,")
            if not text or any(p.text == text for p in out):
                continue
            when = self.published.isoformat() if self.published else None
            party = context.resolve_party(text, self.kind(head), self.country_hint, when)
            if head.i != written.i and written.pos_ != "PRON":  # "the group": as written, named as resolved
                party.name = party.name or text
                party.text = argument_span(written).text.strip(" \"'“”‘’,")
            out.append(party)
        return out

    def _antecedent(self, head: Token) -> Token | None:
        """A pronoun subject of what someone said stands for the speaker ("Saudi Arabia said it backed ...");
        "its"/"their" for the subject of its clause ("Kataib Hezbollah renewed its threat"), "it"/"they" for the
        subject of the clause before ("X advised ..., and it urged ...");
        "he"/"she" otherwise for the last person named before; other pronouns are dropped. A group noun stands
        for the name it is given ("a group calling itself Ashab al-Kahf") or, definite ("the group", "the
        faction"), for the last organisation named before it in the last few sentences."""
        if head.pos_ != "PRON":
            return self._noun_standing_for(head)
        clause = head.head
        said = clause
        while said.dep_ == "conj" and said.head.pos_ in ("VERB", "AUX"):  # "said its staff were safe and that it
            said = said.head  # had restricted movements": the second thing said
        if head.lower_ == "they" and (told := self._plural_told_before(clause)) is not None:
            return told  # "said that the men belonged to Hasm ... and that they opened fire": the men
        if head.dep_ in ("nsubj", "nsubjpass") and said.dep_ == "ccomp" and head.lower_ in SPEAKER_PRONOUNS \
                and not _speaker_is_object(said):
            speaker = self._speaker_saying(head, said)
            if speaker is not None:
                return speaker
        some = head.lower_ in SOME_OF_THEM and all(  # "Several thousand Venezuelans had gathered ... Some (of them)
            [o.lower_ for o in children(p, "pobj")] == ["them"] for p in children(head, "prep"))  # later forced
        opens = head.head.dep_ == "ROOT" or (some or head.lower_ in (*HE_OR_SHE, "it")) \
            and head.head.dep_ == "ccomp" and head.head.head.i > head.i  # ("..., a photographer said")
        if (head.lower_ in ("it", "they", "he", "she") or some) and head.dep_ == "nsubj" and opens:
            before = self._subject_before(head, plural=some)  # "The Israeli military said ... It accused Hezbollah
            if before is not None:  # of ..."
                return before
        if (teller := self._teller_of_aside(head)) is not None:
            return teller
        if head.lower_ == "it" and head.dep_ == "nsubj" and head.head.lemma_ in SAYING_VERBS:
            doer = self._last_named_doer(head)  # "... the Islamic Resistance ... It said its fighters had ..."
            if doer is not None:
                return doer
        if head.dep_ == "nsubj" and head.lower_ in ("it", "they") and clause.dep_ == "relcl" \
                and (found := self._relative_subject(head, clause)) is not None:
            return found
        if (told := self._one_the_main_clause_tells_of(head)) is not None:
            return told
        if head.dep_ == "nsubj" and head.lower_ in ("it", "they") and clause.dep_ == "conj":
            firsts = [s for s in clause.head.children if s.dep_ == "nsubj" and s.pos_ != "PRON"]
            if firsts:  # "The State Department advised Americans not to travel ..., and on Sunday it urged ..."
                return firsts[0]
        if (owner := self._owner_of_its(head)) is not None:
            return owner
        addressed = self._object_pronoun(head)
        if head.lower_ not in PERSONAL_PRONOUNS or addressed is not None:
            return self._quote_closer(head) or addressed
        reported = {t.i for c in children(head.head, "ccomp") for t in c.subtree} \
            if head.dep_ == "nsubj" and head.head.lemma_ in SAYING_VERBS else set()  # (not one in what "he said")
        people = [e for e in self.doc.ents if e.label_ == "PERSON" and e.end <= head.i and e.root.i not in reported
                  and e.sent.start not in self.furniture and not _named_as_a_place(e)]
        speaking = [t for t in self.doc[max(0, head.i - LOOK_BACK_TOKENS):head.i] if _a_role(t)
                    and t.dep_ == "nsubj" and t.sent.start not in self.furniture and t.i not in reported]
        if people:  # the last named; or one named by a role as the subject after it ("The spokesman condemned ...
            later = speaking and speaking[-1].i > people[-1].end and head.lower_ in HE_OR_SHE  # Local authorities
            return speaking[-1] if later else people[-1].root  # imposed a curfew ... He also accused ...")
        someone = [t for t in self.doc[max(0, head.i - LOOK_BACK_TOKENS):head.i] if (_a_role(t) or self._someone(t))
                   and t.dep_ not in ("compound", "poss") and t.sent.start not in self.furniture
                   and t.i not in reported]
        return someone[-1] if someone and _a_role(someone[-1]) and head.lower_ in HE_OR_SHE else None  # "a trip by
        # the U.S. charge d'affaires ... On Monday she met relatives": no one named, the last one named by a role
        # (not "the man had been drinking and told officers he ...")

    def _teller_of_aside(self, head: Token) -> Token | None:
        """"The ministry said the official had not asked for leave for the visit, which it said was meant to incite
        ...": "it" saying in a relative clause is the one saying it all, not the last organisation named."""
        clause = head.head
        if head.lower_ not in ("it", "they") or head.dep_ != "nsubj" or clause.dep_ != "relcl" \
                or clause.lemma_ not in SAYING_VERBS:
            return None
        teller = next((a for a in clause.ancestors if a.lemma_ in SAYING_VERBS), None)
        tellers = [s for s in children(teller, "nsubj") if s.pos_ != "PRON"] if teller is not None else []
        return self._antecedent(tellers[0]) if tellers else None

    def _owner_of_its(self, head: Token) -> Token | None:
        """Whose "its"/"their" is: the subject of its clause ("Kataib Hezbollah renewed its threat"), or the one
        saying so when it is that subject's ("the Foreign Office said its advice ... remained in place", "said that
        the group had hit the city and that its attacks would continue")."""
        if head.dep_ != "poss" or head.lower_ not in ("its", "their"):
            return None
        verb = _clause_verb(head.head)
        owners = [s for s in verb.children if s.dep_ == "nsubj" and s.pos_ != "PRON"] if verb else []
        while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
        if owners and owners[0] == head.head and verb is not None and verb.dep_ == "ccomp":
            owners = [s for s in verb.head.children if s.dep_ == "nsubj" and s.pos_ != "PRON"]
        return owners[0] if owners and owners[0] != head.head else None

    def _writers_told_before(self, papers: list[Token]) -> list[Token]:
        """"Pamphlets left near the office by a group calling itself X claimed the blast. The pamphlets demanded
        ...": the writer of the same papers, named with "the", as told where they were first named."""
        for paper in papers:
            if not any(c.lower_ == "the" for c in children(paper, "det")):
                continue
            for earlier in reversed(self.doc[max(0, paper.i - LOOK_BACK_TOKENS):paper.i]):
                if earlier.lemma_.lower() == paper.lemma_.lower() \
                        and (writer := self.recognizer.author_of(earlier)) is not None:
                    return [writer]
        return []

    def _noun_standing_for(self, head: Token) -> Token:
        """What a noun stands for: "the group" for the group named before, "the country" in what a ministry says
        for that ministry ("said the country reserved the right to respond"), forces for their owner, else itself."""
        if head.lemma_.lower() in GROUP_NOUNS:
            return self._named_group(head)
        if head.lower_ == "country" and any(c.lower_ == "the" for c in children(head, "det")) \
                and head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ccomp" \
                and head.head.head.lemma_ in SAYING_VERBS:
            return next((s for s in subject_of(head.head.head, frozenset()) if s.pos_ != "PRON"), head)
        return self._owner_of_forces(head) or _body_sending(head) or head

    @staticmethod
    def _plural_told_before(clause: Token) -> Token | None:
        """"The ministry said that the men belonged to Hasm ... and that they opened fire": the plural subject of the
        thing said before, when `clause` is a second thing said (joined to the first or, in the parse, to the
        saying) by one who is not "they" themselves."""
        if clause.dep_ != "conj" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return None
        saying = clause.head.head if clause.head.dep_ == "ccomp" else clause.head
        if any(s.tag_ in ("NNS", "NNPS") or s.lemma_.lower() == "police" for s in children(saying, "nsubj")):
            return None  # ("Police said the attackers ... may have been robbers, but that they were investigating")
        firsts = [clause.head] if clause.head.dep_ == "ccomp" else [  # ("said in a statement that the men ...")
            t for t in clause.head.subtree if t.i < clause.i and t.dep_ in ("ccomp", "acl") and t.pos_ == "VERB"
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)]
        return next((s for s in children(firsts[-1], "nsubj", "nsubjpass") if s.tag_ in ("NNS", "NNPS")), None) \
            if firsts else None

    def _speaker_saying(self, head: Token, said: Token) -> Token | None:
        """Whom a pronoun subject of what is said stands for: the one saying it ("Saudi Arabia said it backed ..."),
        or None."""
        speakers = [s for s in said.head.children if s.dep_ == "nsubj" and s.pos_ != "PRON"]
        if not speakers and head.lower_ in ("it", *HE_OR_SHE) and (said.head.dep_ == "advcl" and said.head.tag_ == "VBG"
                                                                 or said.head.dep_ == "conj"):
            speakers = [s for s in children(said.head.head, "nsubj") if s.pos_ != "PRON"]  # "condemned the
            # attack, saying it had nothing to do with it" or "... and said it had asked": the one condemning
        spoken = [s for s in said.head.children if s.dep_ == "nsubj" and s.pos_ == "PRON" and s is not head]
        if not speakers and spoken and spoken[0].lower_ in SPEAKER_PRONOUNS - {"we"} and (
                head.lower_ not in HE_OR_SHE or spoken[0].lower_ in HE_OR_SHE):
            return self._antecedent(spoken[0])  # '"We condemn this act," it said': whoever "it" is (but not
            # "He planned to stab the guards, it said": he is not the ministry)
        if not speakers and said.head.dep_ == "relcl" and any(
                s.dep_ == "nsubj" and s.lower_ in ("which", "who", "that") for s in said.head.children):
            speakers = [said.head.head]  # "the coalition, which denied that it had targeted the site"
        if head.lower_ in HE_OR_SHE:  # "He had gone to the gate, the ministry said": he is no ministry;
            people = [s if self._someone(s) else next((t for t in s.subtree if self._someone(t)), None)
                      for s in speakers]  # "the office of Iraq's prime minister said he had ordered": the
            speakers = [s for s in people if s is not None]  # prime minister
        if head.lower_ == "it":  # "It has suspended travel on the river ..., a spokeswoman said": no person, but the
            speakers = [b for s in speakers for b in [self._body_of_voice(s)] if b is not None]  # body she speaks
            # for, named here ("a ministry official") or before
        if head.lower_ == "they":  # '"... then they poured petrol on the pharmacy," a nurse said': no one person
            speakers = [s for s in speakers if not (self._someone(s) and s.tag_ in ("NN", "NNP"))]
        if speakers:
            return speakers[0]
        return None

    def _body_of_voice(self, speaker: Token) -> Token | None:
        """The body a speaker named by a role speaks for ("a ministry official", "a spokesman for the agency"), the
        speaker itself when it is no role, or None when the text does not name the body there."""
        if speaker.lemma_.lower() not in VOICES | ROLES:
            return speaker
        return next((b for b in [*children(speaker, "compound", "poss"), *prep_objects(speaker, ["for", "of"])]
                     if b.pos_ in ("NOUN", "PROPN") and self.kind(b) not in ("unknown", "person")), None)

    def _quote_closer(self, head: Token) -> Token | None:
        """Who "we" or "I" is in a quotation that its sentence opens and a later one closes ('"We condemn this
        violence. We expect ...," a spokesman said.'): the named subject of the saying verb after the closing mark,
        or None."""
        if head.lower_ not in ("we", "i") or head.dep_ != "nsubj":
            return None
        speech = closing_speech(head.sent, SAYING_VERBS)
        if speech is None:
            speech = speech_before_quote(head.sent, SAYING_VERBS)
        marks = [t for t in head.sent if t.text in QUOTE_MARKS]
        if speech is None and len(marks) == 1 and marks[0].i > head.i:  # '"Our colleagues are aid workers. We ask
            speech = next((v for v in head.sent if v.i > marks[0].i and v.lemma_ in SAYING_VERBS), None)  # ...,"
            # the head of the delegation said': the quotation closes in this sentence
        speakers = [s for s in speech.children if s.dep_ == "nsubj"] if speech is not None else []
        return next((self._antecedent(s) if s.pos_ == "PRON" else s for s in speakers), None)

    def _object_pronoun(self, head: Token) -> Token | None:
        """"Stopped a vehicle ..., set it alight": the vehicle or site the act before was done to; "summoned the envoy
        and handed him a letter": the one summoned; "lunged at police officers, stabbing one of them": the plural
        party named before; "lodged a protest with Beijing and asked it to ...": the state or body the act before
        was addressed to; else None."""
        if head.lower_ in ("it", "them") and head.dep_ == "dobj" and head.head.dep_ in ("conj", "dep"):
            done = [d for d in children(head.head.head, "dobj") if d.pos_ in ("NOUN", "PROPN")
                    and self.recognizer.kinds(d) & {"site", "vehicle"}]
            if done:
                return done[0]
        if head.lower_ == "them" and head.dep_ == "pobj" and head.head.lower_ == "of":
            return next((t for t in reversed(self.doc[head.sent.start:head.head.head.i])
                         if t.tag_ == "NNS" and self.recognizer.is_party(t)), None)
        if head.lower_ in ("him", "her") and head.dep_ in ("dative", "iobj") and head.head.dep_ == "conj" \
                and children(head.head.head, "dobj"):  # "summoned Turkey's charge d'affaires and handed him a
            return children(head.head.head, "dobj")[0]  # letter": the one summoned
        if head.lower_ == "it" and head.dep_ == "dobj" and head.head.dep_ == "conj":  # "lodged a protest with
            before = head.head.head  # Beijing and asked it to act", "accused Manila of ... and asked it to ...":
            addressed = children(before, "dobj") + [t for t in local_tokens(before) if t.dep_ == "pobj"  # them
                                                    and t.head.lower_ in ("with", "to")]
            return next((t for t in addressed if t.ent_type_ in ("GPE", "ORG") and self.recognizer.is_party(t)), None)
        return None

    def _owner_of_forces(self, head: Token) -> Token | None:
        """Whose "its fighters" or "their forces" are: the speaker, when they are the subject of what is said or
        denied ("JNIM said that its fighters had targeted a convoy", "the NUG denied any role, saying its forces
        did not target ..."); the subject of the clause, when they are its object ("the TTP ordered its fighters
        to ..."); else the party named before them in the sentence ("the ELN ..., after its fighters launched an
        offensive"). None when they are no fighters or the owner is not named."""
        owner = next((c for c in children(head, "poss") if c.lower_ in ("its", "their")), None)
        if owner is None or not self.recognizer.kinds(head) & {"military", "armed_group", "police"}:
            return None
        verb = _clause_verb(head)
        if verb is None:
            return None
        if head.dep_ in ("nsubj", "nsubjpass"):
            speech = self.recognizer.saying_of(verb, denials=True)
            while speech is not None and not children(speech, "nsubj") and speech.dep_ in ("advcl", "conj") \
                    and speech.head.pos_ in ("VERB", "AUX"):
                speech = speech.head  # "denied any role ..., saying its forces did not ...": who denied
            speakers = [s for s in children(speech, "nsubj") if s.pos_ != "PRON"] if speech is not None else []
            if speakers:
                return self._antecedent(speakers[0])
            return self._party_before(head, plural=owner.lower_ == "their")
        while verb.dep_ == "conj" and not children(verb, "nsubj") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "called off a ceasefire and ordered its fighters to ...": who called it off
        subjects = [s for s in children(verb, "nsubj") if s.pos_ != "PRON"]
        return self._antecedent(subjects[0]) if subjects else None

    def _relative_subject(self, pronoun: Token, clause: Token) -> Token | None:
        """"it" or "they", the subject of a relative clause `clause`: "blamed the group for the attacks, which it
        has not claimed": the group; "stopped students from reaching the embassy, where they were marching": the
        students; "France extended the area where it advises against all travel": the body acting in the main
        clause."""
        where = any(c.lower_ in ("where", "when") for c in clause.children)
        if pronoun.lower_ == "they" and (taker := taker_of_object(clause)) is not None:
            return taker
        if self.recognizer.kinds(clause.head) & {"violent", "event"} or pronoun.lower_ == "they" and where:
            return self._party_before(clause.head, plural=pronoun.lower_ == "they")
        main = _clause_verb(clause.head) if where else None
        firsts = [s for s in children(main, "nsubj") if s.pos_ != "PRON"] if main is not None else []
        if firsts and self.recognizer.kinds(firsts[0]) & {"government", "state", "igo", "ngo", "military"}:
            return firsts[0]
        return None

    def _subject_before(self, pronoun: Token, plural: bool | None = None) -> Token | None:
        """The named subject of the sentence before, when `pronoun` opens the next one's main clause and agrees with
        it in number ("it": one military, ministry or state; "they", or `plural`: the Houthis); None otherwise."""
        sent = pronoun.sent
        quoted = {t.i for c in children(pronoun.head, "ccomp", "prep") for t in c.subtree}  # '"...," it said', "In
        # a separate statement, it said"
        if sent.start == 0 or any(t.pos_ in ("NOUN", "PROPN") and t.i not in quoted
                                  for t in self.doc[sent.start:pronoun.i]):
            return None
        previous = self.doc[sent.start - 1].sent
        while previous.start > 0 and previous[0].text in QUOTE_MARKS \
                and not any(t.text in QUOTE_MARKS for t in previous[1:]):  # '"We call on ... . People's lives
            previous = self.doc[previous.start - 1].sent  # depend on it," she said': before the quotation opened
        plural, person = plural or pronoun.lower_ == "they", pronoun.lower_ in HE_OR_SHE
        roots = [previous.root]
        if person and previous.root.lemma_.lower() in SAYING_VERBS:  # "The suspect, a Peruvian, had worked as a
            roots += children(previous.root, "ccomp")  # deckhand, the ministry said. He had gone ...": the one told of
        papers = [s for s in children(previous.root, "nsubj") if not person]
        authors = [a for s in papers if (a := self.recognizer.author_of(s)) is not None]
        if authors:  # "A message on a page of a group calling itself X said ... It threatened ...": X
            return authors[0]
        told: list[Token] = []
        if plural and previous.root.lemma_.lower() in SAYING_VERBS:  # "The marchers ... were stopped, witnesses
            told = [s for c in children(previous.root, "ccomp") if c.i < previous.root.i  # said. Some of them threw
                    for s in subject_of(c, frozenset())]  # stones": those told of, not those telling (also when the
            told += [s for s in children(previous.root, "nsubj") if s.i < previous.root.i][:-1]  # parser hung both
            # on "said")
        for subject in told + [s for root in roots for s in subject_of(root, frozenset()) or (
                children(root, "nsubjpass") if person else [])]:  # (its own, or one the parser hung elsewhere;
            # "he": one the sentence before told of, "the student had been radicalised")
            if subject.pos_ in ("NOUN", "PROPN") and (subject.tag_ in ("NNS", "NNPS")) == plural \
                    and (self.kind(subject) != "unknown" or subject.ent_type_ == "ORG" or _told_as_a_body(subject)
                         or person and self._a_person(subject)) \
                    and (self._someone(subject) if person else not self._a_person(subject)):  # ("The head of the
                # OSCE Mission ... She asked ...": one named by a role)
                return subject  # ("he": "Josep Borrell said ... He called the assault ...", "the student had been
                # radicalised ... He planned ..."; not "an organisation the tables do not know: "The STC")
            if subject.lower_ == pronoun.lower_ and subject.dep_ == "nsubj":  # '"...," she said. She said ...':
                return self._antecedent(subject)  # the one that pronoun stands for
        return None

    def _one_the_main_clause_tells_of(self, pronoun: Token) -> Token | None:
        """The subject of a clause hung after another ("as they tried to march", "after he fired"): "Police
        detained 200 fishermen as they tried to march on the mission": those the main clause acts on; "The man was
        arrested on Monday after he fired shots at the gate": the one the main clause is about (also through a
        first verb: "was shot and arrested after he fired")."""
        clause = pronoun.head
        if pronoun.dep_ != "nsubj" or clause.dep_ != "advcl" or clause.head.i > pronoun.i:
            return None
        if pronoun.lower_ == "they" and ({clause.lemma_, *(x.lemma_ for x in children(clause, "xcomp"))} & (
                MARCHING | {"reach", "head"}) or clause.head.lemma_ in ("detain", "arrest")):
            # ("Police detained 11 Tibetan exiles after they shouted slogans and tried to unfurl a flag": the exiles)
            crowd = [d for d in children(clause.head, "dobj") if d.tag_ == "NNS" and self.kind(d) != "unknown"]
            return crowd[0] if crowd else None
        if pronoun.lower_ not in HE_OR_SHE:
            return None
        verb = clause.head
        if verb.dep_ == "conj" and not children(verb, "nsubj", "nsubjpass"):
            verb = verb.head
        main = [s for s in children(verb, "nsubj", "nsubjpass") if s.pos_ in ("NOUN", "PROPN")]
        return main[0] if main and self._someone(main[0]) else None

    def _someone(self, noun: Token) -> bool:
        """Who "he" or "she" can be: a person, named or by a role, or one of the people ("the man", "a student")."""
        return self._a_person(noun) or noun.tag_ in ("NN", "NNP") and self.kind(noun) == "civilians"

    def _a_person(self, noun: Token) -> bool:
        """A person named, or one named by a role ("a spokesman for the council", "the foreign minister")."""
        return self.kind(noun) == "person" or noun.lemma_.lower() in VOICES | ROLES

    def _party_before(self, noun: Token, plural: bool) -> Token | None:
        """The nearest party named before `noun` in its sentence, singular or plural as the pronoun asks."""
        for token in reversed(self.doc[noun.sent.start:noun.i]):
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "poss") \
                    and (token.tag_ in ("NNS", "NNPS")) == plural and self.kind(token) != "unknown":
                return token
        return None

    def _named_group(self, head: Token) -> Token:
        given = self._given_name(head)
        if given is not None:
            return given
        if head.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                        for c in head.children):
            return head  # "the militias" are militias in general; "the group" is one named before
        return self._last_named_doer(head) or head

    def _given_name(self, head: Token) -> Token | None:
        """The name a group noun is given where it stands ("the group, Saraya Awliya al-Dam, ...", "a group calling
        itself X", "a militia known as X"), or None."""
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child  # "the group, Saraya Awliya al-Dam, ..."
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in NAMING_VERBS:
                named = [n for c in child.children for n in ([c] if c.dep_ in ("oprd", "attr", "xcomp", "dobj")
                                                             else [g for g in c.children if g.dep_ == "pobj"]
                                                             if c.dep_ == "prep" and c.lower_ == "as" else [])
                         if n.pos_ == "PROPN"]
                if named:
                    self.named_groups.append(named[0])
                    return named[0]  # "a group calling itself X", "a militia known as X"
        return None

    def _last_named_doer(self, head: Token) -> Token | None:
        """The organisation named last before `head`, within LOOK_BACK_TOKENS, that acted (a subject, an agent, a
        group given a name, the name of the men who acted: "Islamic State gunmen"), not a place it hit; None if
        there is none."""
        named = [e.root for e in self.doc.ents if e.label_ == "ORG" and e.end <= head.i
                 and e.start_char not in self.dateline_chars]  # (not the "(Agency)" of "PRISTINA, Sept 17 (Agency) -")
        named += [n for n in self.named_groups if n.i < head.i]
        named = [n for n in named if head.i - n.i <= LOOK_BACK_TOKENS]
        given = {n.i for n in self.named_groups}  # a name given to a group ("a group calling itself X") is its own
        doers = [n for n in named if _acted(n) or n.i in given
                 or n.dep_ in ("compound", "amod") and _acted(n.head)]  # "Islamic State gunmen opened fire"
        return max(doers, key=lambda n: n.i) if doers else None

    def kind(self, head: Token) -> str:
        """The party kind of `head`, or "unknown". A name the parser took for a person's, described as a group
        ("Jaish al-Adl, a Sunni Baluch militant group"), is of the group's kind."""
        described = {self.kind(a) for a in children(head, "appos") if a.pos_ == "NOUN"} - {"person", "unknown"}
        if described and (head.ent_type_ == "PERSON" or not self.recognizer.kinds(head) & set(PARTY_KINDS)):
            return next(k for k in KIND_ORDER if k in described)
        if head.ent_type_ == "PERSON":
            return "person"
        found = self.recognizer.kinds(head)
        return next((k for k in KIND_ORDER if k in found and k in PARTY_KINDS), "unknown")

    # -------------------------------------------------------------------- place
    def place(self, mention: Mention) -> Place:
        """Where: the place mention nearest the trigger, preferring ones the trigger governs; else a name the
        gazetteer knows in the sentence (a base the entity recogniser missed); else the dateline's country."""
        self._qualifier = None
        if self.recognizer.is_cause(mention.trigger):  # "struck Qatar in retaliation for US strikes": not there
            own = [e for e in self.sent_ents.get(mention.trigger.sent.start, []) if e.label_ in PLACE_LABELS
                   and mention.trigger.left_edge.i <= e.start and e.end - 1 <= mention.trigger.right_edge.i]
            if not own:
                return Place(reason="an act given as another's cause, with no place of its own")
        mention_text = self._place_mention(mention)
        if mention_text is not None:
            place = context.resolve_place(mention_text, self.country_hint, self.dateline)
            if place.country is None and place.lat is None and self._qualifier is not None:
                place.country = self._qualifier
            place = self._with_dateline_country(place, mention.trigger.sent)
            if place.country is None and place.lat is None and "," not in mention_text \
                    and not self._another_country_named(mention.trigger.sent):  # "in the Red Sea", "in
                known = self._gazetteer_place(mention) or self._article_country()  # Kashmir": a name of no one
                if known.country is not None:  # country, in a story about one
                    return replace(known, text=known.text or mention_text, reason=f"{mention_text!r} lies in no "
                                   f"one country the gazetteer knows: {known.reason or 'a place the sentence names'}")
            if place.precision in COARSE:  # "Drones attack Harir base in northern Iraq": the base, in Iraq
                finer = self._gazetteer_place(mention)
                if finer is not None and finer.precision not in COARSE and place.country in (finer.country, None):
                    # (a sea or a region of no one country: "the Red Sea port of Hodeidah")
                    return finer
            return place
        found = self._mislabelled_place(mention) or self._gazetteer_place(mention) or self._guarded_site(mention)
        if found is not None:
            return found
        return self._article_country()

    def _said_place(self, mention: Mention, actors: list[Party]) -> Place:
        """Where the act took place (`place`); but words a government speaks, in a sentence that names no place,
        fall in its own country ("Spain's foreign ministry condemned the attack": in Spain, not the dateline's
        country). Not a mission's words: an embassy speaks where it is; nor a claim, which lies where the attack
        it claims was ("Russia's defence ministry said its forces had struck ...", in a story from Kyiv)."""
        place = self.place(mention)
        if mention.type not in SAID_TYPES - {"CLAIM"} or not (place.reason or "").startswith("no place named"):
            return place
        speaker = next((a for a in actors if a.kind == "government" and a.country and not POSTED_WORDS & {
            w.strip(".,'’s").lower() for w in f"{a.text} {a.name or ''}".split()}), None)
        home = context.country_place(speaker.country) if speaker is not None and speaker.country else None
        if speaker is None or home is None:
            return place
        return replace(home, text=None, reason=f"no place named in the sentence: the country of the government "
                       f"speaking ({speaker.text})")

    def _article_country(self) -> Place:
        """A sentence that names no place: the dateline's country, unless the article's towns lie clearly in
        another (a "WASHINGTON" dateline over a story about Khartoum); with no dateline, the country the article's
        places lie in most."""
        focus = self.focus_country
        if focus is not None and (self.dateline_country is None or focus != self.dateline_country.country):
            place = context.country_place(focus)
            if place is not None:
                return replace(place, text=None, reason="no place named in the sentence: the country the article's "
                               "places lie in most often")
        if self.dateline_country is None:
            return Place()
        return replace(self.dateline_country, text=None,
                       reason=f"no place named in the sentence: the country of the dateline ({self.dateline})")

    @functools.cached_property
    def country_hint(self) -> str | None:
        """The country ambiguous and unknown names are read in: the one the article's places clearly lie in most
        (a "DAKAR" dateline over a story about Mali), else the dateline's (worked out only when a name needs it)."""
        return self.focus_country or (self.dateline_country.country if self.dateline_country else None)

    @functools.cached_property
    def focus_country(self) -> str | None:
        """The country the article's named places (outside the dateline) lie in most, when it is clearly the most;
        None otherwise. A town or a site counts two and a country named one ("the United States" is more often a
        party than a place); against a dateline, only towns, sites and countries after a place's preposition ("in
        Mali") count, and the lead must be two towns over the dateline's country and one over any other. A town in
        the headline or the lead sentence counts twice: the lead says where the story is ("WASHINGTON - US forces
        flew diplomats out of Khartoum ..."), unless it names the dateline's own town. A name that speaks or owns
        ("a charge Paris denied", "Baghdad's pledge") is a party and not counted."""
        dateline = self.dateline_country.country if self.dateline_country else None
        locative = self.recognizer.p.frames["locative_preps"]
        names = Counter((span.text, span.start_char < self.lead_end,
                         span.root.dep_ == "pobj" and span.root.head.lower_ in locative)
                        for span in self._place_names())
        counts: Counter[str] = Counter()
        lead: set[str] = set()
        home = (self.dateline or "").partition(",")[0].strip().lower()
        for (name, in_lead, after_preposition), times in names.items():  # each name resolved once
            if in_lead and dateline is not None and name.lower() == home:
                return None  # "NYIREGYHAZA, Hungary - A bomb blew out the door of Ukraine's consulate in ...
                # Nyiregyhaza ...": the lead puts the story where it was filed, whatever the background names
            place = context.resolve_place(name, dateline, self.dateline)
            if place.country and place.precision not in COARSE:
                counts[place.country] += (4 if in_lead else 2) * times
            elif place.country and (dateline is None or after_preposition):
                counts[place.country] += times
            if place.country and in_lead:
                lead.add(place.country)
        (first, score), (_, second) = (counts.most_common(2) + [("", 0)] * 2)[:2]
        if dateline is None:
            return first if score >= 2 and score >= second + 1 else None
        # against a dateline: two towns more than the dateline's country, and a town more than any other, and
        # named in the lead (an "ALGIERS" story of a row with Paris tells of Paris in its background)
        return first if score >= counts[dateline] + 4 and score >= second + 2 and first in lead else None

    def _place_names(self) -> list[Span]:
        """The article's place names outside the dateline: the recogniser's, and the countries and towns the
        gazetteer knows in words it left unnamed or named otherwise ("leave Mali", "fuel queues in Bamako" read as
        an organisation); none that speaks or owns (`_names_a_place`)."""
        spans = [ent for ent in self.doc.ents if _names_a_place(ent)]
        hint = self.dateline_country.country if self.dateline_country else None
        for sent in self.doc.sents:
            for start, end, _ in context.gazetteer_places(sent.text, hint, exact=True):
                span = self.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
                if span is not None and not any(t.ent_type_ in ("GPE", "LOC") for t in span) \
                        and span.root.dep_ not in ("nsubj", "poss", "compound") \
                        and not any(e.start < span.start or e.end > span.end for e in self._entities_over(span)):
                    spans.append(span)  # not "Rapid" of "Rapid Support Forces"
        return [s for s in spans if s.start_char not in self.dateline_chars]

    def _entities_over(self, span: Span) -> list[Span]:
        return [e for e in self.sent_ents.get(span.sent.start, []) if e.start < span.end and span.start < e.end]

    @functools.cached_property
    def lead_end(self) -> int:
        """Where the lead ends: the end of the sentence that holds the dateline's end (the headline before it is
        lead too), or, with no dateline, of the body's first sentence."""
        start = self.dateline_chars.stop if self.dateline_chars else self.headline_end
        return next((s.end_char for s in self.doc.sents if s.end_char > start and s.text.strip()), 0)

    def _guarded_site(self, mention: Mention) -> Place | None:
        """"deployed reinforcements around the embassy": a protective measure with no place named takes place at
        the mission it guards (in the dateline's country unless the sentence names another)."""
        if mention.type != "PROTECT":
            return None
        site = next((r for r in mention.recipients if r.lemma_.lower() in MISSION_WORDS), None)
        if site is None:
            return None
        text = argument_span(site).text.strip(" \"'“”‘’,")
        return self._with_dateline_country(context.resolve_place(text, self.country_hint, self.dateline),
                                           mention.trigger.sent)

    def _with_dateline_country(self, place: Place, sent: Span) -> Place:
        """An unresolved mention ("the village of Xyz") is taken to lie in the dateline's country, unless the
        sentence names another country as a place (not as what qualifies a noun: "the US embassy in Awkar")."""
        if place.country is not None or place.lat is not None or self.country_hint is None:
            return place  # resolved ("the Mediterranean" has no country and gets none)
        if self._another_country_named(sent):
            return place
        place.country = self.country_hint
        return place

    def _another_country_named(self, sent: Span) -> bool:
        """The sentence names a country other than the article's as a place (not as what qualifies a noun: "the US
        embassy in Awkar")."""
        locative = self.recognizer.p.frames["locative_preps"]
        named = {context.country_named(e.text) for e in self.sent_ents.get(sent.start, [])
                 if e.label_ == "GPE" and (e.root.dep_ == "pobj" and e.root.head.lower_ in locative
                                           or e.root.dep_ in ("appos", "conj", "npadvmod"))}  # (not a speaker:
        return bool(named - {None, self.country_hint})  # "Russia warned ...")

    def _gazetteer_place(self, mention: Mention) -> Place | None:
        """"Drones attacked Ain al-Asad air base", "a rocket hit Harir base": the parse gives no place, but the
        gazetteer knows a base, compound or town in what was hit or in a phrase after "in", "near", "at" below
        the trigger. Only those phrases are looked up (not the speaker in "Baghdad said ...", not the actor's
        words), and country names are left to the parse."""
        ranked = []
        for phrase, sites_only in self._target_phrases(mention):
            for start, end, place in context.gazetteer_places(phrase.text, self.country_hint):
                if place.precision in ("country", "region") or sites_only and place.precision != "site":
                    continue
                span = self.doc.char_span(phrase.start_char + start, phrase.start_char + end, alignment_mode="expand")
                if span is not None and span.root.dep_ != "poss" \
                        and not self._of_another_event(span.root, mention.trigger):  # "Baghdad's pledge": a party
                    ranked.append((place.precision != "site", abs(span.root.i - mention.trigger.i), span, place))
        if not ranked:
            return None
        _, _, span, place = min(ranked, key=lambda r: (r[0], r[1]))
        return replace(place, text=span.text)

    def _target_phrases(self, mention: Mention) -> list[tuple[Span, bool]]:
        """What was hit (its words, "Victory Base Complex near Baghdad airport") and the trigger's place phrases,
        each with whether only a named site counts in it (a recipient that is no site or place: "a friend of
        Boston Marathon bombing suspect ..." is not in Boston)."""
        trigger = mention.trigger
        locative = self.recognizer.p.frames["locative_preps"]
        actor_words = [(a.left_edge.i, a.right_edge.i) for a in mention.actors]
        heads = [r for r in mention.recipients if r.idx not in self.dateline_chars
                 and mention.type not in AIMED_TYPES]  # ("warned Kinshasa", "demanded that Helsinki act")
        heads += [t for t in local_tokens(trigger) if t.dep_ == "pobj" and t.head.lower_ in locative
                  and t not in heads and not any(lo <= t.i <= hi for lo, hi in actor_words)]
        phrases = {}
        for head in heads:
            start = min(argument_span(head).start, head.i)
            end = max(t.i for t in local_tokens(head)) + 1
            sites_only = head in mention.recipients and not self.recognizer.kinds(head) & {"site", "place"}
            phrases[(start, end)] = (self.doc[start:end], sites_only)
        return list(phrases.values())

    def _place_read_as_org(self, ent: Span) -> bool:
        """"its consulate in Thessaloniki" with Thessaloniki tagged ORG: a name after "in", "near" or "outside"
        that the gazetteer knows is a place (only with the place resolver)."""
        if ent.label_ != "ORG" or ent.root.dep_ != "pobj" or ent.root.head.lower_ not in ("in", "near", "outside") \
                or context.optional_module("legation.resolve.places") is None:
            return False
        if ent.start not in self._org_places:  # (asked once per name, not once per event of its sentence)
            self._org_places[ent.start] = context.resolve_place(ent.text, self.country_hint, self.dateline).lat \
                is not None
        return self._org_places[ent.start]

    def _mislabelled_place(self, mention: Mention) -> Place | None:
        """"a spy headquarters in Erbil" with Erbil tagged ORG: a name after "in"/"near" that the gazetteer
        knows is a place; "troops to Cyprus" with Cyprus tagged a product or a person: a country's own name after a
        place's preposition (only with the place resolver; without it nothing is guessed)."""
        if context.optional_module("legation.resolve.places") is None:
            return None
        locative = self.recognizer.p.frames["locative_preps"]
        for ent in self.sent_ents.get(mention.trigger.sent.start, []):
            root = ent.root
            if root.dep_ != "pobj":
                continue
            if self._place_read_as_org(ent):
                return context.resolve_place(ent.text, self.country_hint, self.dateline)
            elif ent.label_ in ("PRODUCT", "WORK_OF_ART", "PERSON") and root.head.lower_ in locative:
                code = context.country_named(ent.text)  # "sent troops to Cyprus" with Cyprus read as a product
                country = context.country_place(code) if code else None
                if country is not None:
                    return replace(country, text=ent.text)
        return None

    def _place_mention(self, mention: Mention) -> str | None:
        trigger = mention.trigger
        # An actor is never the place ("Russia said ..."); a recipient place may be ("travel advice for Iraq").
        parties = mention.actors + [r for r in mention.recipients if r.ent_type_ not in PLACE_LABELS]
        party_tokens = {t.i for h in parties for t in argument_span(h)}
        if mention.type in AIMED_TYPES and trigger.lemma_.lower() != "summon":  # "asked the authorities in Malabo
            # to investigate": who is asked, not where (but "summoned Greece's ambassador in Ankara": in Ankara)
            party_tokens |= {t.i for h in mention.recipients if "site" not in self.recognizer.kinds(h)
                             for t in h.subtree}  # (but "threatened to attack US bases in Iraq": in Iraq)
        local = {t.i for t in local_tokens(trigger)} | {t.i for t in trigger.subtree}
        locative = self.recognizer.p.frames["locative_preps"]
        actor_words = {t.i for a in mention.actors for t in a.subtree}
        ranked = []
        for ent in self.sent_ents.get(trigger.sent.start, []):
            if ent.label_ not in PLACE_LABELS and not self._place_read_as_org(ent) \
                    or any(t.i in party_tokens for t in ent) or ent.start_char in self.dateline_chars:
                continue
            root = _place_phrase_head(ent.root)
            if self._of_another_event(root, trigger):
                continue  # "hit the base in response to U.S. backing for Israel's war in Gaza": the war's place
            if root.dep_ == "nsubj" and root.head.lemma_ in SAYING_VERBS:
                continue  # "..., and Germany said its ambassador had left": a speaker, not a place
            if root.dep_ in ("pobj", "conj") and _origin_of_people(root, self.recognizer):
                continue  # "beat students from Pakistan, India and Egypt": where they come from
            if root.dep_ == "pobj" and root.head.lower_ in locative:
                tier = 0 if root.i in local else 1
            elif root.dep_ in ("compound", "nmod", "amod") and _names_the_event(root.head, trigger) \
                    and context.country_named(ent.text) is None:
                tier = 0  # "the Ankara bombing", "claimed the Kabul attack" (a country there is a party: "US strikes")
            elif _speaker_of(root, trigger):
                continue  # "Baghdad said drones attacked ...": a capital speaking for its government
            elif mention.type in SAID_TYPES:
                continue  # "Iran blamed Israel", "warned Washington": whom words are about is not where they fell
            elif root.dep_ == "pobj" and root.head.lower_ in NOT_PLACE_PREPS:
                continue  # "chanted slogans against the United States"
            elif root.dep_ in ("dobj", "nsubj", "nsubjpass", "appos", "attr", "conj", "pobj") \
                    or mention.recipients and root in mention.recipients:
                tier = 2
            else:
                continue
            if root.i in actor_words and mention.type not in SAID_TYPES | {"ADVISORY"}:  # "opponents of the
                tier += 1  # government in Asmara forced their way into the consulate in Toronto": where the doers
                # come from, after where they acted (not "the foreign office in Islamabad summoned ...")
            # "Syria's Idlib province": both name the province's place; the finer name wins over the country
            ranked.append((tier, abs(root.i - trigger.i), context.country_named(ent.text) is not None, ent))
        if not ranked:
            return None
        best = min(ranked, key=lambda r: (r[0], r[1], r[2], r[3].root.dep_ in ("compound", "nmod", "amod")))
        # ("the Red Sea port of Hodeidah": the port's own name before what qualifies it)
        ent = best[3]
        # the country that qualifies it ("Syria's Deir el-Zour province"), should the finer name not resolve
        self._qualifier = next((context.country_named(r[3].text) for r in ranked if r[:2] == best[:2] and r[2]), None)
        words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        end = ent.end
        country = next((e for e in self.sent_ents.get(trigger.sent.start, []) if e.start == ent.end + 1), None)
        if country is not None and self.doc[ent.end].text == "," and context.country_named(country.text):
            end = country.end  # "its consulate in San Cristobal, Venezuela": the town in that country
        return self.doc[words[0].i:end].text if words else ent.text

    @functools.cached_property
    def _event_and_cause_words(self) -> frozenset[str]:
        p = self.recognizer.p
        return frozenset(p.nouns) | p.frames["event_words"] | p.frames.get("cause_words", frozenset())

    def _of_another_event(self, root: Token, trigger: Token) -> bool:
        """Whether the place hangs on another event word or a cause on its way up to the trigger ("... in response
        to Israel's war in Gaza", "revenge for a bombing in Kerman"): it is where that one happened."""
        if trigger in root.subtree:  # "an attack on its consulate in Thessaloniki, where masked men threw flares":
            return False  # the clause of the act hangs on the place itself
        others = self._event_and_cause_words
        above = root.head
        while above.i != trigger.i and above.head.i != above.i:
            if above.pos_ == "NOUN" and above.lemma_.lower() in others and not _names_the_event(above, trigger):
                return True  # (not "claimed the Ankara bombing": the event the claim is about)
            above = above.head
        return False

    # ---------------------------------------------------------- date, evidence
    def date_of(self, mention: Mention) -> TimeSpan:
        """The sentence's date, or, when the sentence dates two acts ("attacked a camp on Saturday and bombed a bus
        on Monday"), the date in the trigger's own clause. A claim is dated by its saying ("said on Monday its
        fighters had ambushed a patrol on Sunday": the claim is Monday's, the attack Sunday's)."""
        sent = mention.trigger.sent
        dates = [e for e in self.sent_ents.get(sent.start, []) if e.label_ == "DATE" and not _how_long(e)]
        verb = _clause_verb(mention.dated_by if mention.dated_by is not None else mention.trigger)
        if verb is None:
            return self.date(sent)
        if mention.dated_by is not None:
            return self._saying_date(sent, verb, dates, threat=mention.type == "THREATEN")
        if mention.type == "ACCUSE" and dates and _dates_what_is_charged(mention.trigger, verb, dates):
            return context.reported_window(self.published)
        dates, told = self._dates_aside(mention, verb, dates)
        if told is not None:
            return told
        if dates and all(_across_a_semicolon(e, mention.trigger) for e in dates):  # "Police are investigating ...;
            return context.reported_window(self.published)  # the owner said it had received demands in December"
        if dates and all(_dates_another_thing(e, mention.trigger, verb) for e in dates):  # "the attack took place on a
            return context.reported_window(self.published)  # road cut since before the Dec. 27 elections"
        if dates and all(_in_a_relative_clause(e, mention.trigger) for e in dates):  # "The EU, which signed an
            return context.reported_window(self.published)  # agreement last July, said ...": July is the signing's
        asked = {t.i for c in children(verb, "ccomp", "xcomp") for t in c.subtree}
        deadline = any(e.start > 0 and self.doc[e.start - 1].lower_ in DEADLINE_WORDS for e in dates)
        said = [e for e in dates if _date_owner(e) == verb.i]
        if mention.type == "THREATEN" and said and len(said) < len(dates) and all(
                e in said or _date_owner(e) in asked for e in dates):  # "said on Thursday that members would
            return context.resolve_date(said[0], [said[0].text], self.published, self.previous)  # blockade the
            # border post next week if ...": the threat is Thursday's, the blockade next week's
        if dates and all(_date_owner(e) in asked for e in dates) and _dates_what_is_asked(mention.type, dates,
                                                                                         deadline):
            return context.reported_window(self.published)  # "vowed to march next week", "said troops must leave
            # by May 10": the date of what is threatened or asked (a deadline), not of the asking
        if dates and all(_date_owner(e) not in (None, verb.i) and to_come(self.doc[_date_owner(e) or 0])
                         for e in dates):  # "said it would be closed on Monday and urged citizens to ...": the
            return context.reported_window(self.published)  # closure's Monday, not the urging's
        if (since := self._since_told(verb, dates)) is not None:
            return since
        if mention.type in WORDS_SAID and verb.dep_ == "conj" and verb.head.lemma_.lower() in SAYING_VERBS \
                and (said := [e for e in dates if _date_owner(e) == verb.head.i]) \
                and not any(_date_owner(e) == verb.i for e in dates):  # "said on Thursday that it had barred its
            return self._resolved(said[0])  # staff ..., and urged citizens to ...": Thursday's urging (not "said on
        # Monday that ..., and the foreign ministry summoned the ambassador on Tuesday")
        own = [e for e in dates if _date_owner(e) == verb.i] if len(dates) >= 2 else []
        if not own and len(dates) >= 2:  # "... on Jan. 4, and in December a peacekeeper was killed when gunmen fired
            for above in verb.ancestors:  # on his convoy", "summoned the ambassador on Monday ..., and on Wednesday
                own = [e for e in dates if _date_owner(e) == above.i]  # condemned the attack and said police had
                if own and above.lemma_.lower() in SAYING_VERBS:  # been ordered to guard the premises":
                    own = []  # the date of the nearest act above it that has one (not of a saying or a claim: an
                    break  # act told is not dated by its telling)
                if own:
                    verb = above
                    break
        if not own and len(dates) >= 2:  # "a bomb that struck a convoy carrying supplies ... on Monday": in its
            # clause, under a participle that only describes a noun (not "accused the army of killing ... in February")
            own = [e for e in dates if verb.left_edge.i <= e.start and e.end - 1 <= verb.right_edge.i
                   and self.doc[_date_owner(e) or verb.i].dep_ in ("acl", "amod")]
        own = [e for e in own if e.root.dep_ != "poss" or not _dates_another_thing(e, mention.trigger, verb)]  # (not
        # Sunday's in "protesting against the result of Sunday's election")
        if not own or len(own) == len(dates):
            return self.date(sent)
        key = -1 - verb.i  # cached beside the sentences' dates (keyed by their start, never negative)
        if key not in self._dates:
            end = min([c.left_edge.i for c in verb.children if c.dep_ == "conj" and c.i > verb.i]
                      + [verb.right_edge.i + 1])  # the clause without the acts joined to it by "and"
            start = max([verb.left_edge.i] + [s.right_edge.i + 1 for s in children(verb, "nsubj", "nsubjpass")
                                              if s.right_edge.i < verb.i and any(
                                                  s.left_edge.i <= (_date_owner(e) or -1) <= s.right_edge.i
                                                  for e in dates)])
            clause = self.doc[start:end]  # (without a date in its subject: "Relatives of migrants shot dead last
            # week burned tyres on Wednesday")
            told = self.date(sent)  # "In July, a drone killed a man ..., and the air force struck the port the next
            # day": the day after the date told before it in the sentence
            before = told if told.kind in ("exact", "range") and told.text \
                and told.text in self.doc[sent.start:verb.left_edge.i].text else self.previous
            self._dates[key] = context.resolve_date(clause, [e.text for e in own], self.published, before)
        return self._dates[key]

    def _dates_aside(self, mention: Mention, verb: Token, dates: list[Span]) -> tuple[list[Span], TimeSpan | None]:
        """The sentence's dates less those of other things (what the act is ahead of, the seeing of a source, an
        act told in a clause under it, the end of a period), and the act's date when they settle it."""
        ahead = [e for e in dates if _ahead_of(e)]  # "stepped up security ahead of the celebrations on Dec. 16":
        if ahead:  # the celebrations' date; the act is before it
            dates = [e for e in dates if e not in ahead]
            if len(dates) <= 1:
                return dates, self._resolved(dates[0]) if dates else context.reported_window(self.published)
        if dates and all(map(_in_attribution, dates)):  # "has suspended the charity's work, according to an order
            return dates, context.reported_window(self.published)  # seen by Agency on Thursday": the seeing's
        others = [e for e in dates if _ends_a_period(e) or _in_a_subordinate_clause(e, mention.trigger,
                                                                                     self.recognizer.weapons)
                  and not _dates_another_thing(e, mention.trigger, verb)]  # (not "the Feb. 27 elections")
        if dates and len(others) == len(dates):  # "will escort all convoys after gunmen ambushed trucks at the
            return dates, self._after_told(mention, others)  # weekend", "cancelled appointments through Friday"
        if others:  # "... after gunmen ambushed trucks at the weekend, the ministry said on Monday": Monday's
            dates = [e for e in dates if e not in others]
            if len(dates) == 1:
                return dates, self._resolved(dates[0])
        return dates, None

    def _since_told(self, verb: Token, dates: list[Span]) -> TimeSpan | None:
        """"Gunmen abducted three workers on Sunday and have demanded a ransom": an act in the present perfect
        joined to a dated act in the past happened since that day (up to publication), not on it; None otherwise."""
        if verb.dep_ != "conj" or verb.head.tag_ != "VBD" or self.published is None \
                or not any(a.lower_ in ("have", "has") for a in children(verb, "aux")) \
                or any(_date_owner(e) == verb.i for e in dates):
            return None
        first = [self._resolved(e) for e in dates if _date_owner(e) == verb.head.i]
        if not first or first[0].kind != "exact" or not first[0].start:
            return None
        return TimeSpan(start=first[0].start, end=self.published.isoformat(), precision="day", kind="range",
                        text=verb.text)

    def _saying_date(self, sent: Span, verb: Token, dates: list[Span], threat: bool = False) -> TimeSpan:
        """The date of the saying `verb` that dates a claim or a threat, else the sentence's. A threat is dated by
        its saying or a saying above it, never by what is threatened ("said drivers would block the highways from
        Thursday unless ...") nor by another clause ("said the embassy had financed ... ahead of the election due
        in January, and warned that ..."): undated when they give none."""
        said = [e for e in dates if _date_owner(e) == verb.i]
        if said:
            return self._resolved(said[0])
        if threat:
            above = {a.i for a in verb.ancestors if a.lemma_.lower() in SAYING_VERBS}
            said = [e for e in dates if _date_owner(e) in above]
            return self._resolved(said[0]) if said else context.reported_window(self.published)
        return self.date(sent)

    def _after_told(self, mention: Mention, dates: list[Span]) -> TimeSpan:
        """An act whose sentence dates only another act, told in a clause under it ("after gunmen ambushed trucks at
        the weekend", "a man who attacked the embassy on Monday"), or the end of a period ("through Friday"): on or
        after the earliest such act when that was within the month before publication; else undated."""
        told = [self._resolved(e) for e in dates if not _ends_a_period(e)]
        starts = [t.start[:10] for t in told if t.kind in ("exact", "range") and t.start]
        if self.published is None or not starts:
            return context.reported_window(self.published)
        first = dt.date.fromisoformat(min(starts))
        if not self.published - dt.timedelta(days=AFTER_DAYS) <= first <= self.published:
            return context.reported_window(self.published)
        return TimeSpan(start=first.isoformat(), end=self.published.isoformat(), precision="day", kind="range",
                        text=mention.trigger.text)

    def _resolved(self, date: Span) -> TimeSpan:
        """One date expression resolved on its own (cached beside the sentences' and clauses' dates)."""
        key = -1 - len(self.doc) - date.start
        if key not in self._dates:
            self._dates[key] = context.resolve_date(date, [date.text], self.published, self.previous)
        return self._dates[key]

    def _lagged_date(self, mention: Mention) -> TimeSpan | None:
        """ "Summoned the ambassador on Tuesday, two days after hundreds rallied outside the embassy": the day of an
        act told in an "after" clause that counts the days to the dated act it hangs on (Sunday); else None."""
        after = _clause_verb(mention.trigger)
        while after is not None and after.dep_ == "conj" and after.head.pos_ in ("VERB", "AUX"):  # "... pelted the
            after = after.head  # building and set fire to a hut": both acts of the "after" clause
        lag = _days_before_head(after) if after is not None else 0
        if after is None or not lag:
            return None
        dates = [e for e in self.sent_ents.get(mention.trigger.sent.start, []) if e.label_ == "DATE"]
        lag_start = _lag_start(after)
        if any(lag_start <= e.start <= after.right_edge.i and e.root.lemma_ != "day" for e in dates):
            return None  # (its own date: "five days after bombers struck churches on Easter Sunday")
        told = [e for e in dates if _date_owner(e) == after.head.i] or [
            e for e in dates if e.end <= lag_start and after.left_edge.i <= e.start]  # "moved its staff out on
        # Thursday, a day after the government sent troops", the date parsed as the "after" clause's
        span = context.resolve_date(told[0], [told[0].text], self.published, self.previous) if told else None
        if span is None or span.kind != "exact" or not span.start:
            return None
        day = dt.date.fromisoformat(span.start[:10]) - dt.timedelta(days=lag)
        return TimeSpan(start=day.isoformat(), end=day.isoformat(), precision="day", kind="exact",
                        text=self.doc[after.left_edge.i:after.i].text)

    def date(self, sent: Span) -> TimeSpan:
        """The sentence's date (resolved once per sentence); "the same day" refers to the last day told before,
        in a sentence with an event or without ("Tensions rose on Wednesday, when ... The same day Bangkok
        recalled its ambassador")."""
        if sent.start not in self._dates:
            while self._dated_upto < len(self.sentences) and self.sentences[self._dated_upto].start < sent.start:
                earlier = self.sentences[self._dated_upto]  # the dated sentences before it first, in order
                self._dated_upto += 1
                if earlier.start not in self._dates and earlier.start not in self.furniture and any(
                        e.label_ == "DATE" for e in self.sent_ents.get(earlier.start, [])):
                    self._resolve_date(earlier)
            self._resolve_date(sent)
        return self._dates[sent.start]

    def _resolve_date(self, sent: Span) -> None:
        dates = [e.text for e in self.sent_ents.get(sent.start, []) if e.label_ == "DATE"]
        span = context.resolve_date(sent, dates, self.published, self.previous)
        self._dates[sent.start] = span
        if span.kind not in ("exact", "range") and span.text:  # "said on Sunday it had set up a crisis cell": the
            span = context.resolve_expression(span.text, self.published, self.previous)  # act is before it, but
            # "the next day" after it is Monday
        if span.kind in ("exact", "range"):
            self.previous = span

    def evidence_span(self, sent: Span) -> tuple[int, int]:
        start, end = sent.start_char, sent.end_char
        text = self.report.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


MOTION_VERBS = {"arrive", "come", "cross", "fire", "launch", "withdraw", "flee", "return", "move", "bring", "drive",
                "take", "evacuate", "fly", "send", "smuggle", "shoot", "pull", "expel", "deport", "lead"}


def _anyone_who(token: Token) -> bool:
    """"anyone who fires on the army", "those who organised the roadblock", "whoever obstructs them": whoever does
    what the clause on it says, a party in general (the one a warning threatens)."""
    return token.lower_ in ANYONE or token.lower_ == "those" and bool(
        children(token, "relcl", "acl"))


def _origin_of_people(root: Token, recognizer) -> bool:
    """A country or town named as where people come from ("students from Pakistan, India and Egypt", "migrants
    from Sudan"), not where anything happened."""
    while root.dep_ == "conj":
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ != "from" or root.head.dep_ != "prep":
        return False
    held = root.head.head
    if held.pos_ == "VERB":  # "beat students from Pakistan", the parse hanging "from" on the verb (not "arrived
        people = [o for o in held.children if o.dep_ == "dobj"]  # from Mali", "fired from Lebanon")
        return held.lemma_.lower() not in MOTION_VERBS and any(recognizer.kinds(o) & {"person", "civilians"}
                                                              for o in people)
    return bool(recognizer.kinds(held) & {"person", "civilians"})


def _followed_by_another(trigger: Token) -> bool:
    """"Youths stoned the embassy on Wednesday, days after a farmer was shot dead": an act told in an "after"
    clause of another, with no date of its own in it ("days" says how long before, not when)."""
    first = trigger
    while first.dep_ == "conj" and first.head.dep_ == "conj" and not children(first, "nsubj", "nsubjpass"):
        first = first.head  # ("... burned a flag and pelted the compound": from "burned")
    if first.dep_ == "conj" and not children(first, "nsubj", "nsubjpass") and any(
            t.lower_ == "after" and t.dep_ == "mark" and t.head.dep_ == "advcl" and t.head.head == first.head
            and t.head.tag_ not in ("VBD", "VBZ", "VBP") and children(t.head, "nsubj")
            for t in trigger.doc[first.head.i + 1:first.i]):
        return True  # "sent a protest note on Friday after demonstrators angry over ... burned a flag": the parse may
        # hang the "after" clause's act on the main verb
    clause = trigger
    for _ in range(4):
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in clause.children):
            return not any(t.ent_type_ == "DATE" and t.dep_ != "npadvmod" for t in clause.subtree)
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _days_before(date: TimeSpan) -> TimeSpan:
    """An act given as the cause of one on `date` (or as what it followed), with no date of its own: in the week up
    to it."""
    if date.start is None:
        return date
    start = dt.date.fromisoformat(date.start[:10]) - dt.timedelta(days=CAUSE_DAYS)
    return replace(date, start=start.isoformat(), kind="range", precision="week")


def _acted(token: Token) -> bool:
    """A subject, an apposition or an agent: one that acted, not a place it hit; or the body whose leader or
    spokesman acted ("The leader of Yemen's Houthi movement warned ...")."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in VOICES:
        return _acted(token.head.head)
    return token.dep_ in ("nsubj", "nsubjpass", "appos") or token.dep_ == "pobj" and token.head.lower_ == "by"


def _names_a_place(ent: Span) -> bool:
    """A place name, or a name the recogniser mislabelled after "in" ("the embassy in Niamey" read as a person);
    not one that speaks or owns ("a charge Paris has denied", "Baghdad's pledge"): that is a party."""
    if ent.root.dep_ in ("nsubj", "poss"):
        return False
    return ent.label_ in ("GPE", "LOC") or (ent.label_ in ("PERSON", "ORG", "PRODUCT") and ent.root.dep_ == "pobj"
                                            and ent.root.head.lower_ in ("in", "near", "outside"))


def _names_the_event(noun: Token, trigger: Token) -> bool:
    """The noun is the trigger itself, or the event a saying is about ("claimed the Ankara bombing")."""
    return noun.i == trigger.i or noun.head.i == trigger.i and noun.dep_ in ("dobj", "pobj") and noun.pos_ == "NOUN"


def _place_phrase_head(root: Token) -> Token:
    """The word a place name stands in for where it only qualifies a place noun: "in Syria's Idlib province",
    "in the city of Kerman" are where "province" and "city" stand (in the trigger's phrase or not)."""
    if root.dep_ in ("compound", "poss", "nmod") and root.head.lemma_.lower() in PLACE_NOUNS:
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        return root.head.head
    return root


def _in_attribution(date: Span) -> bool:
    """A date in the phrase that names the source ("according to a ministerial order seen by Agency on Thursday")."""
    return any(t.lower_ == "according" and t.dep_ == "prep" for t in date.root.ancestors)


def _body_sending(head: Token) -> Token | None:
    """"A team from the National Investigation Agency joined the inquiry", "a delegation of the EU": the body named
    that sends them acts through them; None for any other noun."""
    if head.lemma_.lower() not in ("team", "delegation", "squad", "detachment", "contingent"):
        return None
    return next((o for p in children(head, "prep") if p.lower_ in ("from", "of") for o in children(p, "pobj")
                 if o.ent_type_ in ("ORG", "GPE", "NORP") or o.pos_ == "PROPN"), None)


def _told_as_a_body(name: Token) -> bool:
    """"India's Sashastra Seema Bal (SSB), which guards the open frontier": a name given its initials or described
    with "which" is a body, whatever the tagger took it for."""
    return any(c.dep_ == "relcl" and any(w.lower_ == "which" for w in children(c, "nsubj")) for c in name.children) \
        or any(c.dep_ == "appos" and c.is_upper and len(c.text) >= 2 for c in name.children)


def _a_length(ent: Span) -> bool:
    """"a three-month protest camp", "a 48-hour curfew": a length of time that describes a thing, not a date."""
    return ent.label_ in ("DATE", "TIME") and "-" in ent.text and ent.root.dep_ in ("compound", "amod", "nmod") \
        and ent.root.lemma_.lower() in TIME_UNITS


def _how_long(date: Span) -> bool:
    """ "besieging the compound for two days", "for 15 days": how long something lasted, not when."""
    return date.start > 0 and date.doc[date.start - 1].lower_ == "for" and any(
        t.lemma_.lower() in TIME_UNITS for t in date)


def _a_role(noun: Token) -> bool:
    """A noun naming one person by office: "the minister", "the ambassador", "the charge d'affaires"."""
    return noun.tag_ == "NN" and noun.lemma_.lower() in ROLES | VOICES or noun.lower_ in ("d'affaires", "d’affaires")


def _across_a_semicolon(date: Span, trigger: Token) -> bool:
    """A date in a clause a semicolon sets apart after the trigger's, whose verb is not one the trigger's clause hangs
    on: that clause's date (one told before the semicolon may set the scene for what follows it: "In July, fighters
    abducted six staff; the group later said it had executed one")."""
    owner = _date_owner(date)
    return date.start > trigger.i and any(t.text == ";" for t in trigger.doc[trigger.i:date.start]) \
        and not any(a.i == owner for a in trigger.ancestors)


def _ends_a_period(date: Span) -> bool:
    """ "cancelled visa appointments through Friday", "closed until Monday": when a state ends, not when it began;
    "would provide escorts for all convoys from Thursday": when a measure to come begins, not when it was told."""
    before = date.doc[date.start - 1].lower_ if date.start > 0 else ""
    owner = _date_owner(date)
    return before in ("through", "until", "till", "pending") or before in ("from", "starting") \
        and owner is not None and to_come(date.doc[owner])


def _in_a_subordinate_clause(date: Span, trigger: Token, weapons: frozenset[str] = frozenset()) -> bool:
    """A date in a clause that only tells of another act under the trigger's: an "after" or "since" clause ("will
    escort all convoys after gunmen ambushed trucks at the weekend") or a relative clause ("a rebel group that took
    up arms after the military seized power in February 2021"), the trigger not in it. ("when" and "as" clauses
    tell when the act itself happened; a relative clause in the present or in the progressive, "a hangar that houses
    a helicopter", "a hotel where a delegation was staying", is where the parser hangs the main act's date.)"""
    owner = _date_owner(date)
    if owner is None:
        return False
    above = {a.i for a in trigger.ancestors} | {trigger.i}
    token = date.doc[owner]
    for _ in range(12):
        if token.i in above:
            return False
        if token.dep_ == "relcl" and token.tag_ in ("VBD", "VBN") and _tells_the_act(token, trigger, weapons):
            return False  # "planted the roadside bomb that killed two aid workers on Monday": the act's own date
        if token.dep_ == "relcl" and token.tag_ in ("VBD", "VBN") or token.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("after", "since") for c in token.children):
            return trigger not in token.subtree and any(a.i in above for a in token.ancestors)
        if _describes_a_noun(token):  # "deployed troops of Operation Mirador, set up in 2022 to ...": the
            return trigger not in token.subtree and any(a.i in above for a in token.ancestors)  # setting up's
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _named_as_a_place(entity: Span) -> bool:
    """A name the recogniser took for a person that is a place's ("Avenue Cheikh Anta Diop") or that the sentence
    tells as a place ("a curfew on Materi and neighbouring Tanguieta", "fighting near Kumbo", "the Mbera refugee
    camp"): after a word of nearness, naming a place's noun, or where a place goes."""
    name = entity.root
    if any(t.lower_ in PLACE_WORDS for t in entity) \
            or any(c.lower_ in NEARNESS for c in name.children if c.dep_ in ("amod", "compound")) \
            or name.dep_ == "compound" and name.head.lemma_.lower() in PLACE_WORDS:  # "the Mbera refugee camp"
        return True
    while name.dep_ == "conj":
        name = name.head
    return name.dep_ == "pobj" and name.head.lower_ in PLACE_PREPOSITIONS


def _describes_a_noun(verb: Token) -> bool:
    """A bare past participle set off by a comma after a noun ("troops of Operation Mirador, set up in 2022",
    "a protest against the decision, announced last month"): it tells of that noun, whichever verb the parser hung it
    on; not of the acting party ("The emails, sent early on Tuesday, threatened ...": their sending's date), nor a
    main verb the parser hung on the subject ("The State Department, which has ..., repeated on Tuesday ...")."""
    noun = verb.doc[verb.i - 2] if verb.i >= 2 else verb
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and verb.doc[verb.i - 1].text == "," \
        and noun.pos_ in ("NOUN", "PROPN") and noun.ent_type_ not in ("DATE", "TIME") \
        and not (verb.head.dep_ == "ROOT" and verb.head.pos_ != "VERB") \
        and not any(a.dep_ in ("nsubj", "nsubjpass") for a in [noun, *noun.ancestors] if a.i < verb.i) \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children)


def _done_before_its_telling(mention: Mention) -> bool:
    """"Posted a statement on Thursday saying it had torched the vehicles": an act told in the past perfect under a
    saying, with no date of its own, was done on or before the day of the saying (in the week up to it)."""
    verb = mention.trigger
    return mention.type == "ASSAULT" and verb.tag_ == "VBN" and verb.dep_ == "ccomp" \
        and verb.head.lemma_.lower() in SAYING_VERBS and any(c.dep_ == "aux" and c.lower_ == "had"
                                                             for c in verb.children)


def _tells_the_act(clause: Token, trigger: Token, weapons: frozenset[str]) -> bool:
    """A relative clause on the trigger itself or on the weapon it used ("the attack that killed three on Monday",
    "planted the bomb that killed two staff on Monday"): it tells the same act, not another."""
    noun = clause.head
    return noun.i == trigger.i or noun.head.i == trigger.i and noun.dep_ in ("dobj", "nsubjpass") \
        and noun.lemma_.lower() in weapons


def _days_before_head(verb: Token) -> int:
    """ "..., two days after several hundred people rallied": how many days an "after" clause's act came before the
    act it hangs on (0 when it is no such clause, or says no count of days)."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in verb.children):
        return 0
    for unit in children(verb, "npadvmod") + [u for m in children(verb, "mark") for u in children(m, "npadvmod")]:
        if unit.lemma_.lower() == "day":
            counts = [NUMBER_WORDS.get(c.lower_, int(c.text) if c.text.isdigit() else 0)
                      for c in children(unit, "nummod")] or [1 if any(c.lower_ in ("a", "one") for c in unit.children)
                                                             else 0]
            return counts[0] if 0 < counts[0] <= 31 else 0
    return 0


def _lag_start(after: Token) -> int:
    """Where "a day after ...", "two days after ..." begins in the clause of `after`."""
    units = [u for u in children(after, "npadvmod") + [u for m in children(after, "mark")
                                                      for u in children(m, "npadvmod")] if u.lemma_.lower() == "day"]
    return min([u.left_edge.i for u in units], default=after.left_edge.i)


def _dates_what_is_charged(trigger: Token, verb: Token, dates: list[Span]) -> bool:
    """The sentence's dates are all of what an allegation charges, not of the charging: "accused the government of
    letting miners return after a crackdown last year", "accused Togo's army of killing civilians ... last month"
    (the "of" hung on the army), "said the kidnappers were believed to work for a compound ... that the victim had
    fled last month"."""
    charged = {t.i for p in children(trigger, "prep") + [p for o in children(trigger, "dobj")
                                                         for p in children(o, "prep")]
               if p.lower_ == "of" for t in p.subtree}
    if all(e.start in charged for e in dates):
        return True
    said = {t.i for c in children(verb, "ccomp", "xcomp") for t in c.subtree}
    return verb.lemma_ in SAYING_VERBS and all(_date_owner(e) in said for e in dates)


def _dates_what_is_asked(event_type: str, dates: list[Span], deadline: bool) -> bool:
    """Dates that all lie in what is asked or threatened: a threat's ("vowed to march next week"), a deadline
    asked ("said troops must leave by May 10"), or a demand's naming of a thing done before ("demanded that the
    United States withdraw an executive order signed last Friday", "asked Israel to free aid workers detained last
    week")."""
    if event_type == "THREATEN" or event_type in ("REQUEST", "ADVISORY") and deadline:
        return True
    return event_type in ("REQUEST", "REJECT") and all(
        (owner := date.doc[_date_owner(date) or date.start]).tag_ == "VBN" and owner.dep_ == "acl" for date in dates)


def _date_owner(date: Span) -> int | None:
    """The position of the verb a date belongs to: a date right after a verb of saying is the saying's ("said on
    Monday its fighters had ...", which the parser often hangs on the verb said); else its clause's verb."""
    doc, at = date.doc, date.start
    before = doc[at - 2] if at >= 2 and doc[at - 1].lower_ == "on" else doc[at - 1] if at >= 1 else None
    if before is not None and before.pos_ == "VERB" and before.lemma_ in SAYING_VERBS:
        return before.i
    verb = _clause_verb(date.root)
    return verb.i if verb is not None else None


def _dates_another_thing(date: Span, trigger: Token, verb: Token) -> bool:
    """A date that only qualifies another noun ("the Dec. 27 elections", "opponents of the Feb. 1 coup", "the result
    of Sunday's election"): that thing's date, not the event's; but not a noun that tells when the event's own verb
    happened ("seized power in an October 2021 coup")."""
    root = date.root
    head = root.head
    if root.dep_ == "poss" and not (head.dep_ == "pobj" and head.head.lower_ in ("of", "against", "over", "since")):
        return False  # "Wednesday's rockets damaged a vehicle", "during Monday's rally": that day's
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in EVENT_NOUNS \
            and head.head.i != trigger.i and trigger not in head.head.subtree and head.head.dep_ == "pobj" \
            and head.head.head.head.i != verb.i and _clause_verb(head.head) not in (None, verb):
        return True  # "accused Baku of ..., pointing to a raid by police on Monday": the raid's day
    return root.dep_ in ("compound", "nmod", "amod", "poss") and head.pos_ == "NOUN" and head.i != trigger.i \
        and head.ent_type_ not in ("DATE", "TIME") and trigger not in head.subtree \
        and not (head.dep_ == "pobj" and head.head.head.i == verb.i)


def _ahead_of(date: Span) -> bool:
    """A date of what an act is "ahead of" ("ahead of the National Day celebrations on Dec. 16", "ahead of
    Sunday's vote", "ahead of the pilgrimage, which begins next week"): a thing still to come when the act was
    done."""
    token = date.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and token.dep_ == "relcl":
            token = token.head  # ("the pilgrimage, which begins next week": the pilgrimage's day)
            continue
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        if token.lower_ == "of" and token.head.lower_ == "ahead":
            return True
        token = token.head
    return False


def _in_a_relative_clause(date: Span, trigger: Token) -> bool:
    """A date in a relative clause on the subject of the trigger's clause ("The European Union, which signed an
    agreement with Tunisia last July, said ..."): the date of what the clause tells of that party."""
    owner, clause = _date_owner(date), _clause_verb(trigger)
    if owner is None or clause is None:
        return False
    verb = date.doc[owner]
    return verb.dep_ == "relcl" and trigger not in verb.subtree and verb.head.dep_ in ("nsubj", "nsubjpass") \
        and verb.head.head.i == clause.i and verb.head.lemma_.lower() not in EVENT_NOUNS
    # (a clause on the acting party, not on the event: "the fighting, which began on April 15, has killed")


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a word stands in (itself, for a verb)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _speaker_is_object(clause: Token) -> bool:
    """"They have tried to assassinate me," Maduro said: the speaker is the one acted on, so "they" is someone
    else."""
    return any(t.lower_ in ("me", "us", "myself", "ourselves") and t.dep_ in ("dobj", "pobj", "dative")
               for t in clause.subtree)


def _speaker_of(subject: Token, trigger: Token) -> bool:
    """Whether `subject` is who says the clause the trigger is in ("Baghdad said drones attacked the base")."""
    return subject.dep_ == "nsubj" and subject.head.i != trigger.i and any(
        c.dep_ == "ccomp" and c.left_edge.i <= trigger.i <= c.right_edge.i for c in subject.head.children)
