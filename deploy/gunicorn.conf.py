"""Gunicorn settings for `make serve` and the systemd unit: `gunicorn -c deploy/gunicorn.conf.py`.

Each setting can be changed through the environment; Django's own settings come from
the environment too (README, "Running in production").
"""

import multiprocessing
import os

wsgi_app = "crisis_center.wsgi:application"

# Loopback by default: the reverse proxy in front terminates HTTPS (deploy/nginx.conf).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 9)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# A worker is replaced after this many requests, so a slow leak never grows for weeks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Only the proxy on this machine may say a request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# JSON lines on stdout/stderr (journald keeps them); the access line holds the route a
# request matched, never the path or query typed (crisis_center/gunicorn_logging.py).
logger_class = "crisis_center.gunicorn_logging.RouteOnlyLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '"%(r)s" %(s)s %(B)s %(M)sms'
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
