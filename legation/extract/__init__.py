"""Extraction: from a Report's text to event records (spaCy parse + event patterns kept as data).

`Extractor.load().extract(report)` is the entry point; see pipeline.py.
"""

from legation.extract.pipeline import Extractor

__all__ = ["Extractor"]
