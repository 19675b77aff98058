"""Live sources: fetching politely (fetch.py), reading feeds and pages (feeds.py, pages.py), GDELT's export list and
the ACLED and UCDP APIs (apis.py), and running what is due (runner.py). The store and the ingest path are passed in
(`runner.Book`, `runner.Sink`): this package decides what to fetch and what is new, never how it is stored."""
