"""The event extractor, loaded once per app: `legation.extract.pipeline.Extractor`.

The spaCy model package is the one optional piece: without it, ingesting an article still stores the report; it
just yields no events (and says so). Any other import error in the extractor is an error, never an absence.
"""

from __future__ import annotations

import importlib.util
import threading

from legation.domain.records import Event, Report

_lock = threading.Lock()


def _extractor(app):
    with _lock:
        if not hasattr(app.state, "extractor"):
            from legation.extract.model import MODEL_PACKAGE

            if importlib.util.find_spec(MODEL_PACKAGE) is None:  # the language model is not installed
                app.state.extractor = None
            else:
                from legation.extract.pipeline import Extractor

                app.state.extractor = Extractor.load()
    return app.state.extractor


def extract(app, report: Report) -> list[Event] | None:
    """The report's events, or None when no extractor is installed."""
    extractor = _extractor(app)
    if extractor is None:
        return None
    return list(extractor.extract(report))


_WARM_UP = ("Drones strike base\n\nBAGHDAD, Oct. 18, 2023 - Two drones attacked Ain al-Asad air base in Anbar "
             "province on Tuesday, a US official said, and Kataib Hezbollah claimed the attack.\n")


def warm_up(app) -> None:
    """Load now what the first ingested report would otherwise wait for: the extractor's model (a few seconds) and
    the threat model's libraries (scipy). `legation serve` calls it before listening, so that the first report's
    alert is as quick as the rest."""
    import gc

    extractor = _extractor(app)
    if extractor is not None:  # one short article: the first extraction also loads the gazetteer, the actor
        # knowledge base and the date parser
        list(extractor.extract(Report(text=_WARM_UP, source="warm-up", doc="warm-up", published="2023-10-18")))
    import legation.assess.service  # noqa: F401
    # The model is millions of long-lived objects: leave them out of every later garbage collection, which would
    # otherwise walk them all again and again (measured under the same load, ms of CPU per API request: 1.3 with
    # no model loaded, 1.9 with it, 1.6 with it frozen).
    gc.collect()
    gc.freeze()

