"""gunicorn's settings for Tellonce's web server, in one place for the systemd unit, the container
and `make run` (ADR 81, ADR 91):

    gunicorn --config python:tellonce.config.gunicorn tellonce.config.wsgi --bind 127.0.0.1:8000

Options on the command line override these. Three processes of eight threads suit two cores: a
thread hashing a password or waiting for PostgreSQL leaves the others serving pages; on a larger
server set WEB_CONCURRENCY to about two a core (each thread may hold a database connection, 24
here). Idle connections are kept 75 s, longer than nginx keeps one open to gunicorn (60 s), so
nginx never sends a request on a connection gunicorn is closing. Each worker readies itself
(templates, views, the chart renderer) before it takes a request."""

import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("TELLONCE_WEB_THREADS", "8"))
keepalive = 75
timeout = 120  # requests that take longer (large PDFs, exports) belong to the worker (ADR 70)
graceful_timeout = 30


def post_worker_init(worker) -> None:
    """Runs in each new worker once the application is loaded, before it accepts a connection."""
    from tellonce.config.warmup import warm

    warm()
