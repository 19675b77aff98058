"""One typed settings object, read from `LEGATION_*` environment variables; built by the faces, never at import."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEGATION_", extra="ignore")

    db: str = "legation.db"  # an SQLAlchemy URL or a bare path (SQLite)
    user: str | None = None  # who the CLI acts as (`--as`), until the API's authentication takes over
    tile_url: str | None = None  # optional base-map tiles for the web map; offline country shapes without it
    max_file_bytes: int = 50 * 1024 * 1024
    smtp_host: str = "127.0.0.1"  # where e-mail alerts are handed over
    smtp_port: int = 25
    alert_tries: int = 5  # delivery attempts before an alert is dead-lettered
    alert_backoff: float = 0.5  # seconds before the second try; doubled each time
    api_max_body_bytes: int = 2 * 1024 * 1024  # the API refuses larger request bodies (413)
    api_rate_per_minute: int = 600  # requests a token (or, without one, a client address) may make per minute
    api_rate_burst: int = 120  # how many of those may come at once
    api_token_ttl_days: int = 1  # days a token issued by signing in (POST /auth/token) lasts, unless asked
    serve_warm_up: bool = False  # each worker of `serve --workers N` warms up first (`serve` sets it for them)
    authorities: str | None = None  # the chain of command's file (YAML); the bundled illustrative one without it
    cameo_map: str | None = None  # `import gdelt`'s CAMEO table (a PLOVER conversion table); Legation's own without
    taxii_user: str | None = None  # the TAXII server's user for `stix publish`, unless --user is given
    api_kept_answers: int = 4096  # hot read answers kept until the next write (legation/api/cache.py); 0: none
