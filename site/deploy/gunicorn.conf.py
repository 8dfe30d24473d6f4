"""gunicorn settings for the app container (site/deploy/compose.yaml); environment overrides."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, against slow leaks
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# Whose X-Forwarded-Proto gunicorn believes: the reverse proxy only, the same addresses as the
# app's TRUSTED_PROXIES (compose.yaml sets both; README.md here).
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS") or os.environ.get("TRUSTED_PROXIES") or "127.0.0.1"
)
