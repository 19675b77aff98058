"""The extractor: Report → event records (`legation.domain.Event`), following ../shared/spec/events.md.

    extractor = Extractor.load()            # loads the spaCy model and the patterns once per process
    events = extractor.extract(report)
    for report, events in extractor.extract_many(reports):   # nlp.pipe in batches: the fast path
        ...

Per document: parse once, set aside page furniture (furniture.py), find mentions sentence by sentence
(recognize.py), let the trained detector add an attack the patterns missed (detector/), turn each mention into an
Event with parties, place, date and evidence offsets (assemble.py), then tidy the article's events as a whole
(merge.py: a headline restating the body, anaphoric "the attacks" taking the attackers named nearby, one event
told twice).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from legation.domain.records import Event, Report
from legation.extract.assemble import Assembler
from legation.extract.detector import Detector
from legation.extract.furniture import furniture
from legation.extract.merge import tidy
from legation.extract.model import load_nlp
from legation.extract.patterns import Patterns, load_patterns
from legation.extract.recognize import Recognizer

DEFAULT_BATCH = 64


class Extractor:
    """Turns reports into events. Build with `Extractor.load()` (cached); safe to reuse for any number of reports."""

    def __init__(self, nlp: Language, patterns: Patterns, detector: Detector | None = None):
        self.nlp = nlp
        self.patterns = patterns
        self.recognizer = Recognizer(patterns)
        self.detector = detector

    @classmethod
    def load(cls) -> Extractor:
        return _cached_extractor()

    def extract(self, report: Report) -> list[Event]:
        return self.events_of(report, self.nlp(report.text))

    def extract_many(self, reports: Iterable[Report], batch_size: int = DEFAULT_BATCH
                     ) -> Iterator[tuple[Report, list[Event]]]:
        """(report, events) for each report, in order; parsing runs in batches through `nlp.pipe`."""
        pairs = ((report.text, report) for report in reports)
        for doc, report in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield report, self.events_of(report, doc)

    def events_of(self, report: Report, doc: Doc) -> list[Event]:
        """The events of one parsed report."""
        skipped = furniture(doc)
        assembler = Assembler(report, doc, self.recognizer, frozenset(skipped))
        events = []
        for sent in doc.sents:
            if sent.start in skipped:  # related-story lists, the publisher's advice, contact lines
                continue
            mentions = self.recognizer.mentions(sent)
            if self.detector is not None:
                mentions = self.detector.combine(sent, mentions, self.recognizer)
            for mention in mentions:
                events.append(assembler.event(mention))
        return tidy(events, self.patterns)


@lru_cache(maxsize=1)
def _cached_extractor() -> Extractor:
    return Extractor(load_nlp(), load_patterns(), Detector.load())
