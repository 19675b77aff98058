"""The extractor the extraction tests share, and a runner over one text."""

from __future__ import annotations

from legation.domain.records import Report
from legation.extract import Extractor


def runner(published: str):
    """`run(text, published=...)`: the events of one text, published on `published` unless given."""
    extractor = Extractor.load()  # cached: loaded once per process

    def run(text: str, published: str | None = published):
        return extractor.extract(Report(text=text, source="test", published=published, doc="t"))

    return run
