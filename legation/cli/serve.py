"""`legation serve`: the HTTP API (and the web pages, when installed) over uvicorn."""

from __future__ import annotations

import typer

from legation.cli import app, state


@app.command("serve")
def serve(ctx: typer.Context,
          host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
          workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
          log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level."),
          warm: bool = typer.Option(True, "--warm-up/--no-warm-up",
                                    help="Load the extraction model and the threat model's libraries before "
                                         "listening (each worker), so the first report alerts as fast as the rest.")
          ) -> None:
    """Serve the HTTP API under /api/v1 (OpenAPI at /openapi.json, health at /api/v1/health)."""
    import uvicorn

    from legation.settings import Settings

    db = state(ctx).db
    settings = Settings(db=db) if db else Settings()
    state(ctx).store()  # open and migrate once, here: a bad URL is one clear error before listening
    typer.echo(f"legation: serving http://{host}:{port}/api/v1 (OpenAPI at /openapi.json)", err=True)
    if workers > 1:
        import os
        os.environ["LEGATION_DB"] = settings.db
        os.environ["LEGATION_SERVE_WARM_UP"] = "1" if warm else "0"
        uvicorn.run("legation.api:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level,
                    access_log=log_level in ("info", "debug", "trace"))
    else:
        from legation.api import create_app
        from legation.api.extraction import warm_up

        api = create_app(settings, state(ctx).store())
        if warm:
            typer.echo("legation: loading the extraction model and the threat model first (--no-warm-up skips)",
                       err=True)
            warm_up(api)
        uvicorn.run(api, host=host, port=port, log_level=log_level,
                    access_log=log_level in ("info", "debug", "trace"))
