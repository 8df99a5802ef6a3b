"""gunicorn settings for `make serve` and production. Override any of them with GUNICORN_CMD_ARGS."""

import os
import resource
import subprocess
import sys
from pathlib import Path

wsgi_app = "hipcare.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per core keeps one core busy while the other's worker waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
# Each worker serves with threads, so a client that sends its request slowly holds one thread, not
# a whole worker: with one thread each, four slow connections stopped a four-worker server.
# Production runs behind nginx (deploy/nginx/), which reads each request whole before passing it
# on; this keeps a server reached directly answering while a few clients dawdle.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Import the app in the master: a settings error (say, a missing secret key) stops the server at
# once with one clear message, instead of workers failing over and over.
preload_app = True
timeout = 30
graceful_timeout = 20
# Workers are not recycled by request count: at 2,000 requests one was replaced every second and a
# half under load, and a fresh worker's first request costs 150-180 ms of CPU (throughput fell by a
# third). Slow memory growth is bounded instead by WORKER_MAX_MEMORY_MB, checked after each request.
max_requests = 0
WORKER_MAX_MEMORY_MB = int(os.environ.get("WORKER_MAX_MEMORY_MB", "512"))
accesslog = "-"
# Both logs pass through the filter Django's log uses (see operations/log_format.py).
logger_class = "operations.log_format.GunicornLogger"
errorlog = "-"
# Paths only: query strings and referrers can carry a visitor's self-check answers or signed links;
# and no client address or user agent, which the site promises to keep nowhere.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'


def post_request(worker, req, environ, resp):
    """A worker whose memory has grown past WORKER_MAX_MEMORY_MB finishes this request and is
    replaced; the others carry on, so nothing is dropped."""
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    if peak_mb > WORKER_MAX_MEMORY_MB and worker.alive:
        worker.log.info("Worker %s reached %.0f MB; replacing it", worker.pid, peak_mb)
        worker.alive = False


# With SEND_EMAILS_FROM_WEB=true the server also runs the email sender, one per server, started once
# the server is ready and stopped with it (`make serve`, or a host with no place for a second
# process). Otherwise run `manage.py send_pending_emails --watch` as its own service (docs/deploy.md).
email_sender = None


def when_ready(server):
    global email_sender
    if os.environ.get("SEND_EMAILS_FROM_WEB", "").lower() in {"1", "true", "yes", "on"}:
        manage = Path(__file__).resolve().parent / "manage.py"
        email_sender = subprocess.Popen([sys.executable, str(manage), "send_pending_emails", "--watch"])
        server.log.info("Email sender running (pid %s)", email_sender.pid)


def on_exit(server):
    if email_sender is not None:
        email_sender.terminate()
        email_sender.wait(timeout=15)
