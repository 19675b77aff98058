"""`legation serve`: the HTTP API (and the web pages, when installed) over uvicorn."""

from __future__ import annotations

import typer

from legation.cli import app, state

# Told to stop, the server waits this long for answers in flight, then ends them: a browser's live feed
# (legation/web/live.py) is an answer that never finishes on its own.
GRACE_SECONDS = 5


@app.command("serve")
def serve(ctx: typer.Context,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
          log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level."),
          warm: bool = typer.Option(True, "--warm-up/--no-warm-up",
                                    help="Load the extraction model and the threat model's libraries before "
                                         "listening (each worker), so the first report alerts as fast as the rest."),
          watch: bool = typer.Option(False, "--watch", help="Also read the live sources (`legation sources add`) as "
                                                            "they come due, in this process, as `legation watch` "
                                                            "does.")
          ) -> None:
    """Serve the HTTP API under /api/v1 (OpenAPI at /openapi.json, health at /api/v1/health)."""
    import uvicorn

    from legation.settings import Settings

    db = state(ctx).db
    settings = Settings(db=db) if db else Settings()
    state(ctx).store()  # open and migrate once, here: a bad URL is one clear error before listening
    typer.echo(f"legation: serving http://{host}:{port}/api/v1 (OpenAPI at /openapi.json)", err=True)
    watching = _start_watching(state(ctx).store(), state(ctx).user or "serve") if watch else None
    try:
        if workers > 1:
            import os
            os.environ["LEGATION_DB"] = settings.db
            os.environ["LEGATION_SERVE_WARM_UP"] = "1" if warm else "0"  # Settings.serve_warm_up in each worker
            uvicorn.run("legation.api:app_from_env", factory=True, host=host, port=port, workers=workers,
                        log_level=log_level, timeout_graceful_shutdown=GRACE_SECONDS,
                        access_log=log_level in ("info", "debug", "trace"))
        else:
            from legation.api import create_app
            from legation.api.extraction import warm_up

            api = create_app(settings, state(ctx).store())
            if warm:
                typer.echo("legation: loading the extraction model and the threat model first (--no-warm-up skips)",
                           err=True)
                warm_up(api)
            uvicorn.run(api, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=GRACE_SECONDS,
                        access_log=log_level in ("info", "debug", "trace"))
    finally:
        if watching is not None:
            watching.stop()


class _Watching:
    """`legation watch`'s loop in a daemon thread beside the server; stopped when the server returns."""

    def __init__(self, store, user: str):
        import threading

        from legation.cli.watch import StoreBook, make_watcher

        self.watcher = make_watcher(store, user)
        self.book = StoreBook(store)
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="legation-watch", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        def report(result) -> None:
            if not result.ok:
                typer.echo(f"legation: watch: source {result.source} ({result.kind}): {result.error}", err=True)

        self.watcher.loop(self.stop_event, list_sources=self.book.all, on_run=report,
                          on_error=lambda message: typer.echo(f"legation: watch: {message}", err=True))

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=30)
        self.watcher.fetcher.close()


def _start_watching(store, user: str) -> _Watching:
    typer.echo("legation: reading the live sources as they come due (--watch)", err=True)
    return _Watching(store, user)

