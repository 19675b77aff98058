"""Legation: keep diplomatic missions safe in a volatile country.

Stages, read in this order (data moves forward only): domain → ingest → extract → resolve → store → assess → act →
interop → api/web/cli. See ../shared/DESIGN.md and the README.
"""

__version__ = "0.1.0"
