"""Small helpers over spaCy's dependency parse: subjects, objects, argument spans, frames above a trigger.

Everything here reads the parse already made for the document; nothing re-parses, so it stays cheap.
Tokens are compared by position (`.i`, or `==`), never with `is`: spaCy makes a new Token object each time one is
read (`doc[i] is doc[i]` is False), so an identity test never matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "obj", "dative", "attr", "oprd")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
ARTICLES = {"the", "a", "an", "this", "that", "these", "those"}
SAYING = {"say", "add", "announce", "state", "confirm", "admit", "declare", "claim"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# Modifiers kept in an argument's text ("Iran-backed militias", "US troops"); others (det, relative clauses) dropped.
LEFT_KEEP = {"compound", "amod", "nmod", "poss", "nummod", "npadvmod", "quantmod", "case", "punct", "advmod", "hmod"}
# Head nouns whose "of ..." belongs to the name ("members of the IRA", "a network of militias").
OF_HEADS = {"member", "group", "network", "supporter", "fighter", "unit", "brigade", "wing", "faction", "leader",
            "head", "chief", "minister", "ministry", "department", "secretary", "army", "force", "militant",
            "affiliate", "loyalist", "cell", "branch", "office", "government", "president", "commander",
            "hundred", "thousand", "dozen", "score", "number", "crowd", "some", "many", "several", "most", "part",
            "one"}
# Clauses below a token that are not part of what it says ("bases, which ..."): skipped when looking locally.
CLAUSAL = {"conj", "cc", "ccomp", "advcl", "relcl", "parataxis", "appos", "acl", "punct", "mark"}
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d"})  # the marks that open or close a quotation
MEANS_OF_TRAVEL = {"bus", "car", "road", "air", "helicopter", "plane", "boat", "sea", "land", "train", "truck",
                   "lorry", "foot", "ship", "ferry", "ambulance"}  # "moved by bus": how, not who


GIVING = {"hand", "give", "serve", "show", "offer", "grant"}  # passive with an object: "was handed a note"


def is_passive(verb: Token) -> bool:
    """A passive verb, or one joined to a passive verb that shares its auxiliary ("Two men were pulled from the
    water and detained": read as a past tense with no subject or object of its own)."""
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ == "VERB" \
        and any(c.dep_ == "auxpass" for c in verb.head.children) \
        and not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass", "ccomp", "xcomp", "dative")
                    or c.dep_ == "dobj" and verb.lemma_.lower() not in GIVING for c in verb.children) \
        and verb.lemma_.lower() not in SPEECH_ACTS  # ("was summoned and handed a protest note": given it)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def taker_of_object(clause: Token) -> Token | None:
    """"Villagers freed four engineers they had held for two days": the named subject of the main verb on whose
    object a relative clause with no relative word hangs (who "they" in it are), else None (not "messages in which
    they discussed the base")."""
    held = clause.head
    while held.dep_ == "conj" and held.head.i != held.i:  # ("four engineers and two drivers they had held")
        held = held.head
    if clause.dep_ != "relcl" or held.dep_ != "dobj" or any(
            t.lower_ in RELATIVE_PRONOUNS | {"where", "when"} for t in clause.subtree if t.i < clause.i):
        return None
    return next((s for s in children(held.head, "nsubj") if s.pos_ != "PRON"), None)


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """Each token followed by the ones coordinated with it ("gunmen and suicide bombers")."""
    out: list[Token] = []
    for token in tokens:
        stack = [token]
        while stack:
            current = stack.pop()
            if current not in out:
                out.append(current)
                stack.extend(children(current, "conj"))
    return out


def main_verb_read_as_clause(verb: Token) -> bool:
    """"The force, known as UNIFIL, called the incident a violation": the small model may read a sentence's past-tense
    main verb as a clause on its subject, left as the root; that verb is the main one, its subject that noun."""
    noun = verb.head.head if verb.head.dep_ == "appos" else verb.head  # ("The NUG, the shadow administration set
    return verb.dep_ == "acl" and verb.tag_ == "VBD" and noun.dep_ == "ROOT" \
        and noun.pos_ in ("NOUN", "PROPN") and not children(verb, "nsubj", "nsubjpass")  # up ..., called")


def subject_read_as_apposition(verb: Token) -> list[Token]:
    """"In Tehran, a spokesman for the council warned ...": the small model may hang the subject on the place that
    opens the sentence, as its apposition; the noun so placed before a main verb with no subject is its subject."""
    leading = [p for p in children(verb, "prep") if p.i < verb.i]
    return [a for p in leading for o in children(p, "pobj")
            for a in children(o, "appos") if a.i < verb.i and a.tag_ in ("NN", "NNS", "NNP", "NNPS")][:1] or [
        a for p in leading for a in p.subtree  # "In a video posted on Thursday, a leader of the gang said ...":
        if a.dep_ == "appos" and a.right_edge.i == verb.i - 1 and a.tag_ in ("NN", "NNS", "NNP", "NNPS")][:1]  # deeper


def _first_act_read_as_clause(verb: Token) -> list[Token]:
    """"The head of MINUSCA condemned the attack ..., said attacks ... could constitute war crimes and called on
    ...": the parse may read the first act of a list as what the second says, leaving the sentence's main verb
    without a subject; the first act's subject, opening the sentence, is the one saying."""
    firsts = [c for c in children(verb, "ccomp") if c.i < verb.i and c.tag_ in ("VBD", "VBZ")]
    return [s for c in firsts[:1] for s in children(c, "nsubj") if s.left_edge.i == verb.sent.start
            and s.pos_ in ("NOUN", "PROPN")]


def _without_name_fragments(subjects: list[Token]) -> list[Token]:
    """"A group calling itself Saraya Ansar al-Quds said": the small model may hang the end of a name ("al", "-",
    "Quds") on the verb as subjects of their own; a subject that only continues the words of one before it is
    part of that one, not a second subject."""
    doc = subjects[0].doc
    kept: list[Token] = []
    end = -1  # the last word of the subjects kept, and of the name words after them
    for subject in sorted(subjects, key=lambda t: t.i):
        between = doc[end + 1:subject.i + 1]
        if kept and subject.left_edge.i == subject.i and all(t.pos_ == "PROPN" or t.text == "-" for t in between):
            end = subject.i
            continue
        kept.append(subject)
        end = max(end, subject.right_edge.i)
    return kept


def _main_subjects(own: list[Token]) -> list[Token]:
    """A verb's subjects less those a misparse gave it: fragments of a name, and a relative clause's own ("The U.S.
    embassy, whose programme helps finance eradication, condemned ...": not the programme)."""
    if len(own) > 1:
        own = _without_name_fragments(own)
    if len(own) > 1:
        own = [s for s in own if not any(c.tag_ == "WP$" for c in s.children)] or own
    return own


def subject_of(verb: Token, object_control: frozenset[str], depth: int = 0) -> list[Token]:
    """Who does `verb`: its own subject, else the one it inherits (xcomp control, conjoined verbs, relatives)."""
    if depth > 4 or gapped_passive(verb):
        return []
    own = children(verb, *SUBJECTS)
    own = _main_subjects(own)
    if len(own) > 1:  # a dateline parsed as a second subject ("ERBIL, ... Sudani has issued"): keep the nearest,
        own = [s for s in own if s.lower_ not in ("many", "some", "most", "several", "all", "half", "both")] \
            or own  # not "many": "The migrants, many of them Sudanese, ...", "The marchers, many wearing T-shirts"
        own = [min(own, key=lambda t: abs(t.i - verb.i))]
    if own:
        if own[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        if own[0].dep_ == "csubj" and own[0].tag_ == "VBG" and children(own[0], "nsubj"):
            return children(own[0], "nsubj")  # "people taking part in a rally marched": the people, read as the
            # subject of "taking"
        return own
    head = verb.head
    if head.i == verb.i:
        return subject_read_as_apposition(verb) or _first_act_read_as_clause(verb)
    if main_verb_read_as_clause(verb):
        return [head.head if head.dep_ == "appos" else head]
    if verb.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in children(verb, "aux")) \
            and is_passive(head) and children(head, "nsubjpass"):  # "troops had been sent to secure the road",
        return children(head, "nsubjpass")  # "he was asked to leave": those sent or asked do it
    if verb.dep_ == "xcomp":
        if head.lemma_ in object_control and children(head, *OBJECTS) and not called_to_say(verb):
            return children(head, *OBJECTS)[:1]
        return subject_of(head, object_control, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject_of_joined(verb, object_control, depth)
    if verb.dep_ == "relcl":
        return [head]
    if verb.dep_ == "dep" and verb.pos_ == "VERB" and head.pos_ == "VERB" and head.i < verb.i:  # "Gunmen stopped
        return subject_of(head, object_control, depth + 1)  # a vehicle ..., set it alight and ...": a list of acts
    if verb.dep_ == "acl" and children(head, "poss"):  # "the IRA's decision to carry out the attacks"
        return children(head, "poss")
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBG":
        return [head]
    if (speaking := _speaking_on(verb, object_control)) is not None:
        return subject_of(speaking, object_control, depth + 1)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.lower_ == "to" for c in children(verb, "aux"))):
        return _crowd_demanding(verb) or subject_of(head, object_control, depth + 1)  # "..., killing 130",
        # "modifying drones to launch"
    if verb.dep_ == "pcomp" and (doers := _doers_of_participle_after(verb, object_control, depth)) is not None:
        return doers
    above = _act_listed_after_one_said(verb) or (head if _second_act_hung_as_clause(verb) else _means_of(verb))
    if above is not None:
        return subject_of(above, object_control, depth + 1)
    return []


def _doers_of_participle_after(verb: Token, object_control: frozenset[str], depth: int) -> list[Token] | None:
    """Who does "-ing" after a preposition, when the parse says: the one a passive tells of ("a manager was charged
    with attempted murder after shooting two employees": the one charged); the subject of the verb above when the
    parse reads the participle as a second object ("sent a message on Monday demanding the ransom"); else None."""
    head = verb.head
    if verb.tag_ != "VBG":
        return None
    if head.lower_ in ("after", "for", "over") and is_passive(head.head) and children(head.head, "nsubjpass"):
        return children(head.head, "nsubjpass")
    if head.dep_ == "prep" and children(head, "pobj") and head.head.pos_ == "VERB":
        return subject_of(head.head, object_control, depth + 1)
    return None


CROWDS = {"protester", "demonstrator", "crowd", "marcher", "people", "resident", "student", "worker", "supporter",
          "villager", "refugee", "migrant", "trader"}
CROWD_CRIES = {"demand", "chant", "shout", "call"}


def _crowd_demanding(verb: Token) -> list[Token]:
    """"Police fired into the air to disperse several hundred protesters who gathered at the gate on Sunday,
    demanding that Moscow leave": the participle after the crowd's relative clause is the crowd's cry, whichever
    verb the parse hangs it on; [] otherwise."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.lemma_.lower() not in CROWD_CRIES or verb.i < 2 \
            or verb.doc[verb.i - 1].text != ",":
        return []
    told = next((a for a in verb.doc[verb.i - 2].ancestors if a.dep_ == "relcl" and a.i < verb.i), None)
    if told is None or not any(s.lower_ in RELATIVE_PRONOUNS for s in children(told, "nsubj")):
        return []
    return [told.head] if told.head.lemma_.lower() in CROWDS and not told.head.is_ancestor(verb) else []


def _means_of(verb: Token) -> Token | None:
    """"Croatia responded on Tuesday by expelling a Serbian diplomat": the act done as the means of the verb above,
    by its subject; None otherwise (not "damaged by shelling", whose "by" names the doer)."""
    head = verb.head
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "by" and head.dep_ == "prep" \
            and head.head.pos_ in ("VERB", "AUX") and not is_passive(head.head):
        return head.head
    return None


def _speaking_on(verb: Token, object_control: frozenset[str]) -> Token | None:
    """The verb whose subject goes on speaking in a clause of saying hung on what it said or ordered: "announced
    that the ambassador had been declared persona non grata, accusing Mexico of ...", "denied that its guns had
    fired on the area, saying ...", "ordered two diplomats to leave, accusing them of ..."."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.lemma_ not in SPEECH_ACTS:
        return None
    if head.dep_ == "ccomp" and (is_passive(head) and not agent_of(head) or head.head.lemma_ in DENYING):
        return head.head
    if head.dep_ == "xcomp" and head.head.lemma_ in object_control and verb.doc[verb.i - 1].lower_ == ",":
        return head.head
    return None


def _act_listed_after_one_said(verb: Token) -> Token | None:
    """"The army said it had closed three crossings, deployed a company of rangers along the river and set up
    checkpoints": a later act of a list the parse hangs as a second thing said, after a comma, is done by the
    subject of the first."""
    if verb.dep_ != "ccomp" or verb.tag_ not in ("VBD", "VBN") or verb.i < 1 or verb.doc[verb.i - 1].text != ",":
        return None
    return next((c for c in reversed(children(verb.head, "ccomp")) if c.i < verb.i and children(c, "nsubj")
                 and c.tag_ in ("VBD", "VBN")), None)


def _second_act_hung_as_clause(verb: Token) -> bool:
    """"Summoned the ambassador on Monday, handed him a note and demanded ...", "It said the bomb was a response
    and warned that it would strike": a list of acts of one subject, the parse hanging a later one as a clause."""
    head = verb.head
    if verb.tag_ != "VBD" or head.pos_ != "VERB" or head.i > verb.i:
        return False
    if verb.dep_ == "advcl":
        return not children(verb, "mark", "advmod")
    return verb.dep_ == "ccomp" and verb.doc[verb.i - 1].dep_ == "cc"


def _subject_of_joined(verb: Token, object_control: frozenset[str], depth: int) -> list[Token]:
    """Who does a verb joined to another verb: the subject it shares with that verb, or with the one saying it."""
    head = verb.head
    if verb.tag_ == "VBG" and head.dep_ == "relcl" and head.tag_ in ("VBD", "VBZ", "VBP") \
            and head.head.head.tag_ == "VBG":  # "stormed a quarry, killing four officers who guarded the site and
        return subject_of(head.head.head, object_control, depth + 1)  # abducting three Chinese nationals": no
    # participle joins a relative clause's finite verb; it is the second act of the participle above
    if head.dep_ == "acl" and head.tag_ == "VBG" and verb.tag_ in ("VB", "VBD", "VBN") \
            and head.head.head.pos_ in ("VERB", "AUX"):  # "Police closed the street leading to the embassy and set up
        return subject_of(head.head.head, object_control, depth + 1)  # checkpoints": no second participle of the
    # street's, but the police's second act
    if verb.tag_ == "VBD" and head.tag_ == "VB" and head.dep_ == "xcomp":  # "Two men tried to force the SUV to
        top = head  # stop and opened fire": no past tense joins an infinitive; it is the second act of the one who
        while top.dep_ == "xcomp":  # tried (not of "they" in "denied that they had tried to seize anyone and
            top = top.head  # accused Benin": a past perfect's)
        if not any(a.lower_ == "had" for a in children(top, "aux")):
            return subject_of(top, object_control, depth + 1)
    start = min([verb.i] + [c.i for c in verb.children if c.i < verb.i])  # ("and have tightened": from "have")
    if start > head.i + 1 and verb.doc[start - 1].lower_ not in (",", ";", "and", "or", "but", "then", "&"):
        glued = [t for t in verb.doc[head.i + 1:start] if t.dep_ in SUBJECTS and t.head.i != head.i]
        if glued:  # "moved refugees out, a day after shells fired from across the frontier struck homes": no
            return glued[-1:]  # "and" joins "struck" to "moved"; it is the clause's whose subject stands before it
    if head.dep_ == "advcl" and any(m.lower_ in ("until", "unless", "because", "before", "after", "since", "while")
                                    for m in children(head, "mark")) \
            and (any(a.lower_ == "had" for a in children(verb, "aux"))
                 and not any(a.lower_ == "had" for a in children(head, "aux"))
                 or verb.tag_ == "VBD" and head.tag_ in ("VBP", "VBZ")):  # "it had halted deliveries until
        return subject_of(head.head, object_control, depth + 1)  # security improved and had asked the authorities
        # to ...", 'had suspended field work "until security conditions allow" and called on ...': the parse joins
        # the second act to the "until" clause; its tense joins it to the first
    if (listed := _listed_after_clause(verb)) is not None:
        return subject_of(listed, object_control, depth + 1)
    if joins_the_main_verb(verb):
        head = head.head
        while head.dep_ != "ROOT" and (head.pos_ not in ("VERB", "AUX") or head.dep_ == "ccomp"
                                       and head.lemma_ not in SPEECH_ACTS  # "said the strike showed that
                                       or an_infinitive(head)):  # Moscow respects nothing and urged partners
            head = head.head  # ...": up to the one saying it; "asked the authorities to spare no effort to secure
            # his return and urged citizens ...": up to the asking
    if not children(head, *SUBJECTS) and children(head, "nsubjpass") and not is_passive(verb):
        return children(head, "nsubjpass")  # "they were shocked by the scenes and urged restraint"
    if head.dep_ == "ccomp" and any(s.lower_ in ("who", "what") for s in children(head, *SUBJECTS)):
        return subject_of(head.head, object_control, depth + 1)  # "it could not say who had fired the rounds and
        # had opened an investigation": the one not saying opened it, not "who"
    return subject_of(head, object_control, depth + 1)


def _listed_after_clause(verb: Token) -> Token | None:
    """"Gunmen burst into the studios ..., forcing staff to the floor before police stormed the building, freed the
    hostages and arrested 13 people": the parse joins "freed" to the first verb, but a list of acts ("freed ... and
    arrested ...") that follows a clause with its own subject, after a comma, goes on with that clause's acts."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or not any(
            c.dep_ == "conj" and any(a.lower_ == "and" for a in children(verb, "cc")) for c in children(verb, "conj")):
        return None
    before = doc[verb.i - 2]
    clause = next((a for a in [before, *before.ancestors] if a.dep_ == "advcl" and a.pos_ == "VERB"), None)
    if clause is None or clause.i <= verb.head.i or clause.right_edge.i != verb.i - 2 \
            or not children(clause, "mark") or not children(clause, "nsubj") or clause.tag_ != verb.tag_:
        return None
    return clause


DENYING = {"deny", "reject", "dismiss", "refute"}  # what is denied says nothing: a participle under it is the denier's
# Verbs of speaking and asking: one the parse joined to what was said belongs to the one saying it.
SPEECH_ACTS = {"urge", "call", "demand", "warn", "ask", "appeal", "vow", "pledge", "say", "tell", "add", "insist",
               "accuse", "condemn", "threaten", "promise", "press", "blame", "deny", "reject", "dismiss", "denounce",
               "criticise", "criticize"}


def joins_the_main_verb(verb: Token) -> bool:
    """A tensed verb the parse joined to an infinitive ("urged Iraq to protect the compound and called on armed
    groups ..."), or a verb of asking joined to what was said ("said the rocket fire harmed Iraq's standing and
    urged the security services to ..."): it is joined to the verb above, whose subject and reality it shares."""
    tensed = verb.tag_ in ("VBD", "VBZ") or verb.tag_ == "VBN" and children(verb, "dobj") and not children(
        verb, "auxpass", "aux")  # ("... had been detained and accused opposition leaders": read as a participle)
    if verb.dep_ != "conj" or not tensed or children(verb, *SUBJECTS):
        return False
    if verb.lemma_ in SPEECH_ACTS and verb.head.tag_ == "VB" and verb.head.dep_ == "relcl":
        return True  # "said its men had nothing to do with the shooting and accused soldiers of ..."
    if verb.lemma_ in SPEECH_ACTS and verb.head.tag_ == "VBN" and verb.head.dep_ in ("advcl", "acl") \
            and not children(verb.head, "aux", "auxpass") and verb.head.head.dep_ == "ccomp":
        return True  # "saying Yerevan had handed over maps of minefields laid during the occupation, and urged it
        # to ...": joined to the participle by the parse, said by the one saying
    return verb.head.tag_ == "VB" and (verb.head.dep_ == "xcomp" or verb.tag_ == "VBD" and an_infinitive(verb.head)
                                       and verb.head.dep_ == "acl") \
        or verb.head.dep_ == "ccomp" and (verb.lemma_ in SPEECH_ACTS and verb.head.head.i < verb.head.i
                                          or _quoted(verb.head) and not _quoted(verb)
                                          or _its_own_after_a_state(verb))  # (not "Tribesmen have
    # abducted two aid workers and threatened to kill them, officials said": the clause told before its teller is
    # all its own subject's)


def an_infinitive(verb: Token) -> bool:
    """A bare or "to" infinitive ("to secure his return"), which tells no act of its own."""
    return verb.tag_ == "VB" and any(a.lower_ == "to" for a in children(verb, "aux"))


def _its_own_after_a_state(verb: Token) -> bool:
    """"The ministry said consular staff were in contact with the pilot, and raised its travel advice": a singular
    body's own act ("its advice") joined to a plural party's state told before it is the speaker's act."""
    state = verb.head
    return state.lemma_ == "be" and state.tag_ == "VBD" and state.lower_ == "were" and state.head.i < state.i \
        and any(c.dep_ == "poss" and c.lower_ == "its" for o in children(verb, "dobj") for c in o.children)


def _quoted(token: Token) -> bool:
    """Inside quotation marks: an odd number of them before it in its sentence ('said "groups continue plotting
    attacks" and raised its warning': "raised" is outside, the speaker's own act)."""
    return sum(t.text in QUOTE_MARKS for t in token.sent[:token.i - token.sent.start]) % 2 == 1


def closing_speech(sent: Span, saying: frozenset[str] | set[str]) -> Token | None:
    """The verb of saying after the closing mark of a quotation that `sent` opens and leaves open ('"Violence is
    never acceptable. Patients must be safe," the head of mission said.'), in one of the next three sentences;
    None when the quotation is closed in `sent` or no verb of saying follows its end."""
    marks = [t for t in sent if t.text in QUOTE_MARKS]
    if len(marks) != 1 or marks[0].i != sent.start:
        return None
    later = sent
    for _ in range(3):
        if later.end >= len(sent.doc):
            return None
        later = sent.doc[later.end].sent
        closing = [t for t in later if t.text in QUOTE_MARKS]
        if closing:
            return next((v for v in later if v.i > closing[0].i and v.lemma_ in saying), None)
    return None


def speech_before_quote(sent: Span, saying: frozenset[str] | set[str]) -> Token | None:
    """'"These accusations are absurd," the minister told reporters. "We demand his release."': the verb of saying
    (or telling) of the sentence before, when `sent` is all quotation and that sentence's quotation was closed by
    a named speaker; its words go on in that speaker's voice. None otherwise."""
    if sent.start == 0 or sent[0].text not in QUOTE_MARKS or any(t.lemma_ in saying for t in sent):
        return None
    before = sent.doc[sent.start - 1].sent
    marks = [t.i for t in before if t.text in QUOTE_MARKS]
    if len(marks) != 2 or marks[0] != before.start:
        return None
    return next((v for v in before if v.i > marks[1] and v.lemma_ in saying | {"tell"}), None)


def speech_after_quote(sent: Span, saying: frozenset[str] | set[str]) -> Token | None:
    """'"Attacks on aid workers are unacceptable," the director told reporters': the verb of saying after a quotation
    that opens and closes in `sent`, when the parse did not hang the quotation on it; else None."""
    marks = [t for t in sent if t.text in QUOTE_MARKS]
    if len(marks) != 2 or marks[0].i != sent.start:
        return None
    return next((v for v in sent if v.i > marks[1].i and v.lemma_ in saying), None)


def to_come(verb: Token) -> bool:
    """A verb told as yet to happen: "would" or "will" is its auxiliary."""
    return any(a.lower_ in ("would", "will") for a in children(verb, "aux"))


HEDGES = {"allegedly", "reportedly", "apparently", "presumably", "probably", "possibly"}


def agent_of(verb: Token) -> list[Token]:
    """Who did a passive verb ("was attacked by gunmen"), not how it went ("moved by bus", "sent by road")."""
    hedged = [c for c in children(verb, "prep") if c.lower_ == "by" and any(  # "was shot dead, allegedly by one of
        a.lower_ in HEDGES for a in children(c, "advmod"))]  # the company's guards": "by" read as a preposition
    return [p for a in children(verb, "agent") + hedged for p in children(a, "pobj")
            if not (p.lemma_.lower() in MEANS_OF_TRAVEL and not children(p, "det", "poss", "nummod"))]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions in `preps` ("attacks on US forces" → forces)."""
    wanted = set(preps)
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "prt", "agent") and child.lower_ in wanted:
            out.extend(children(child, "pobj", "pcomp"))
    return out


def deep_prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Like prep_objects but anywhere in the token's local subtree ("responsibility for the attacks on X")."""
    wanted = set(preps)
    return [p for t in local_tokens(token) if t.dep_ == "prep" and t.lower_ in wanted and t.i != token.i
            for p in children(t, "pobj")]


def local_tokens(token: Token) -> Iterator[Token]:
    """The token and what hangs below it, without the clauses attached to it (relatives, conjuncts, ...)."""
    stack = [token]
    while stack:
        current = stack.pop()
        yield current
        for child in current.children:
            if child.dep_ not in CLAUSAL:
                stack.append(child)


def climb(token: Token, through: tuple[str, ...] = ("dobj", "pobj", "prep", "nsubjpass", "conj", "appos",
                                                    "compound", "attr", "pcomp", "xcomp", "ccomp", "acl",
                                                    "advcl", "nsubj", "csubj", "dep"),
          limit: int = 5) -> Iterator[Token]:
    """The tokens above `token` in the parse, nearest first, as long as the path goes through `through`."""
    current = token
    for _ in range(limit):
        if current.dep_ not in through or current.head.i == current.i:
            return
        current = current.head
        yield current


def argument_span(head: Token) -> Span:
    """The words naming an argument: a named entity as found, else the noun with its left modifiers.

    Leading determiners and punctuation are trimmed; "of ..." is kept after heads like "members".
    """
    doc = head.doc
    if head.ent_type_ not in NAME_LABELS:
        # "Iraqi Prime Minister Mohammed Shia' al-Sudani": the title heads the phrase, the name is in apposition.
        named = [c for c in head.rights if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")]
        if named:
            head = named[0]
    if head.ent_type_ in NAME_LABELS:
        ent = next((e for e in head.sent.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            start, end = ent.start, ent.end
            # "US Defense Secretary Lloyd Austin": keep the name, as written, without a leading "the".
            while start < end - 1 and (doc[start].dep_ == "punct" or doc[start].lower_ in ARTICLES):
                start += 1  # (not "All" of "All People's Congress")
            if start > 1 and doc[start - 1].lower_ == "and" and doc[start - 2].ent_type_ == "ORG" and end + 2 < len(
                    doc) and doc[end].text == "(" and doc[end + 1].is_upper and doc[end + 2].text == ")":
                first = next(e for e in head.sent.ents if e.start <= start - 2 < e.end)  # "the International
                if any(t.lower_ == "of" for t in first):  # Federation of Red Cross and Red Crescent Societies
                    start = first.start + (first[0].lower_ in ARTICLES)  # (IFRC)", found as two names: one name
            opened = [t.i for t in doc[start:end] if t.text == "("]
            if opened and not any(t.text == ")" for t in doc[opened[-1]:end]) and opened[-1] > head.i:
                end = opened[-1]  # "All People's Congress (APC" as found: the name, without the half gloss
            return doc[_country_owning(ent, start):end]
    start = head.i
    for child in head.lefts:
        if child.dep_ in LEFT_KEEP or child.dep_ == "det" and child.lower_ not in ARTICLES:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    if head.lemma_ in OF_HEADS or head.lower_.removesuffix("s") in OF_HEADS:  # "Thousands of ..." read as a name
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and children(child, "pobj"):  # (not "accused the army
                end = max(end, child.right_edge.i + 1)  # of killing civilians": what it is accused of)
        end = next((t.i for t in doc[head.i:end] if t.text == ","), end)  # (not "..., which guards the camps")
    if head.is_title and any(c.dep_ == "prep" and c.is_title for c in head.rights):  # "Doctors Without Borders",
        while end < len(doc) and end - head.i < 6 and doc[end].is_title:  # a name the parse split at its "Without"
            end += 1
    while start < head.i and (doc[start].is_punct or doc[start].dep_ in ("det", "case", "cc", "mark")):
        start += 1  # (not the "after" of "after masked settlers attacked", which the parse may hang on a modifier)
    while end - 1 > head.i and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def head_words(head: Token) -> list[str]:
    """The head's lemma and lowercase form with its compound modifiers: what kind and condition tables look at."""
    words = [head.lemma_.lower(), head.lower_]
    words += [c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")]
    return words


def _country_owning(ent: Span, start: int) -> int:
    """Where a body's name starts with the country that owns it: "Russia's Defence Ministry", which the entity
    recognizer finds as "Russia" and "Defence Ministry" (a ministry of no country, or of the one the story is in)."""
    doc = ent.doc
    if ent.label_ != "ORG" or start < 2 or doc[start - 1].tag_ != "POS" or doc[start - 2].ent_type_ != "GPE":
        return start
    owner = next((e for e in doc[start - 2].sent.ents if e.start <= start - 2 < e.end), None)
    return owner.start if owner is not None and owner.end == start - 1 else start


CALLING = {"call", "phone", "telephone", "ring", "contact"}
SAID_IN_A_CALL = {"demand", "ask", "warn", "threaten", "say", "complain", "request", "tell", "insist", "offer"}


def called_to_say(verb: Token) -> bool:
    """"The kidnappers called the company to demand a ransom": what a caller says in the call is the caller's, and
    said (not "called on the army to act", nor "called the strike to demand": a call to another to do something)."""
    head = verb.head
    return verb.dep_ == "xcomp" and verb.lemma_.lower() in SAID_IN_A_CALL and head.lemma_.lower() in CALLING \
        and any(c.lower_ == "to" for c in children(verb, "aux")) and bool(children(head, "dobj")) \
        and not prep_objects(head, ["on", "upon"])


DONE_TO = {"detain", "arrest", "injure", "wound", "kill", "hurt", "abduct", "kidnap"}


def gapped_passive(verb: Token) -> bool:
    """"... more than 40 officers had been injured and 21 people detained": a passive whose "had been" is left
    out, so the parse reads "21 people" as the ones detaining (they are the ones detained)."""
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in DONE_TO \
        and any(c.dep_ == "auxpass" for c in head.children) and bool(children(verb, "nsubj")) \
        and not children(verb, "aux", "auxpass", "dobj", "ccomp", "xcomp")
