"""gunicorn settings for serving ``app:server``; workers and threads come from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8050")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Load the app once in the master so workers share its memory (copy-on-write) and start fast.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = 100 if max_requests else 0


def post_fork(server, worker):
    """Each worker opens its own database connections (never share a pool across a fork) and keeps its
    memory from creeping under threaded load (``web.worker_memory``)."""
    from data_access.db import reset_engines
    from web.worker_memory import limit_arenas, start_trimming

    reset_engines()
    limit_arenas()
    start_trimming()


def post_worker_init(worker):
    """Finish the app's set-up before the worker accepts a request (``app.set_up_before_serving``)."""
    from app import set_up_before_serving

    set_up_before_serving()
