"""Resolution: turning raw mentions into grounded values.

- `time`: time expressions → `TimeSpan`, anchored on the publication date (`resolve_date`, `publication_date`);
- `places`: place mentions → `Place` (`resolve_place`);
- `actors`: actor mentions → `Party` (`resolve_party`).

Nothing is imported here, so loading one resolver never pays for the gazetteer of another.
"""
