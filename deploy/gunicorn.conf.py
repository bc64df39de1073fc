"""gunicorn behind nginx (deploy/nginx.conf): threads, so that a slow response does not hold a whole
process, and timeouts shorter than nginx's, so that a stuck request is ended rather than queued behind."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30  # a request taking longer is ended and its worker replaced
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # workers are replaced now and then, so slow leaks cannot grow
max_requests_jitter = 200
accesslog = "-"
