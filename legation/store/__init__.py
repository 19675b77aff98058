"""Storage: the only package that imports SQLAlchemy. Tables, migrations, repository functions."""

from legation.store.db import Store, normalise_url, open_store, upgrade

__all__ = ["Store", "normalise_url", "open_store", "upgrade"]
