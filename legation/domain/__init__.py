"""Pure types and rules, no I/O. Imports nothing of the project outside this folder."""

from legation.domain.errors import Conflict, Forbidden, InputError, LegationError, NotFound, RowError, StoreError
from legation.domain.ids import content_hash, stable_id
from legation.domain.ontology import EVENT_TYPES, MODES, is_violent, validate_type_and_modes
from legation.domain.records import Event, Evidence, Party, Place, Report, TimeSpan, parse_date
from legation.domain.sites import MEASURES, SITE_KINDS, Site

__all__ = ["Conflict", "Forbidden", "InputError", "LegationError", "NotFound", "RowError", "StoreError",
           "content_hash", "stable_id", "EVENT_TYPES", "MODES", "is_violent", "validate_type_and_modes", "Event",
           "Evidence", "Party", "Place", "Report", "TimeSpan", "parse_date", "MEASURES", "SITE_KINDS", "Site"]
