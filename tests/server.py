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


NGINX = next((path for path in ("/usr/sbin/nginx", "/usr/bin/nginx") if Path(path).exists()), None)


def start_proxy(
    app_base, folder, *, workers=1, static_files=None, media_root=None, cache_status_header=False
):
    """nginx with the shipped configuration (deploy/nginx/) in front of the site at `app_base`, on
    a free port of loopback; `static_files` (a folder) is also served under /ceiling/, for
    comparing a page with a static file through the same nginx, and /media/ from `media_root`. Run as root (as CI is), its workers
    stay root so they can reach a private temporary folder. Its access log is `folder`/access.log.
    `cache_status_header` adds an X-Cache header with what the micro-cache did, which tests read
    beside each response (the shipped configuration writes it only to the access log).
    Returns (process, base URL)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    deploy = PROJECT / "deploy" / "nginx"
    http = (deploy / "hipcare-http.conf").read_text()
    http = http.replace("server 127.0.0.1:8000;", f"server {app_base.removeprefix('http://')};")
    http = http.replace("/var/cache/nginx/hipcare", str(folder / "cache"))
    (folder / "hipcare-http.conf").write_text(http)
    locations = (deploy / "hipcare-locations.conf").read_text()
    if media_root:
        locations = locations.replace("/srv/hipcare/var/media/", f"{media_root}/")
    locations = locations.replace("/var/log/nginx/hipcare-access.log", str(folder / "access.log"))
    (folder / "hipcare-locations.conf").write_text(locations)
    ceiling = (
        f"location /ceiling/ {{ alias {static_files}/; default_type text/html; }}" if static_files else ""
    )
    cache_status = "add_header X-Cache $upstream_cache_status always;" if cache_status_header else ""
    temp_paths = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"""
        {"user root;" if os.geteuid() == 0 else ""}
        worker_processes {workers};
        pid {folder / "nginx.pid"};
        error_log {folder / "error.log"} warn;
        events {{ worker_connections 1024; }}
        http {{
            access_log off;
            {temp_paths}
            include {folder / "hipcare-http.conf"};
            server {{
                listen 127.0.0.1:{port};
                {cache_status}
                {ceiling}
                include {folder / "hipcare-locations.conf"};
            }}
        }}
        """
    )
    proxy = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/health/", timeout=2)  # noqa: S310 - loopback
            return proxy, base
        except OSError:
            if proxy.poll() is not None:
                raise SystemExit("nginx did not start: " + proxy.stderr.read().decode()) from None
            time.sleep(0.1)
    proxy.terminate()
    raise SystemExit("nginx did not start.")
