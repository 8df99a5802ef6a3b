"""The site under gunicorn with production settings on loopback, as `make serve` runs it: for the
benchmarks and for tests that need real processes and real concurrency. Importing this changes
nothing; callers pass the environment the server should see."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(*gunicorn_args, env=None, port=None, ready_url=None, tls=None):
    """The site under gunicorn with production settings, on `port` of loopback (a free one by
    default), once `ready_url` (default: its /health/) answers; `tls` is the SSL context that
    trusts its certificate, if it has one. Returns (process, base URL); the caller stops it."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(
        [*command, *gunicorn_args],
        cwd=PROJECT,
        env={**os.environ, **(env or {}), "DJANGO_SETTINGS_MODULE": "hipcare.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(ready_url or base + "/health/", timeout=2, context=tls)  # noqa: S310 - loopback
            return server, base
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The site did not start.")
