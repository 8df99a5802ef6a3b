"""`make bench`: what each page type costs to serve, next to Django's own floor.

Part 1 runs in-process (Django's WSGI handler and the full middleware stack, no network): the
median wall and CPU time of many requests per page type, beside a minimal view through the same
stack timed alternately with it, and the ratio between them. It also renders the demo article
with every cache empty and counts its SQL queries.

Part 2 serves the site with gunicorn on loopback, as `make serve` does, and measures throughput
and latency with wrk, beside a static file served by the same stack.

The table is printed and written to docs/PERFORMANCE.md. Timings vary with the machine and with
whatever else runs on it; compare the ratios, not absolute numbers across runs.
"""

import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "300"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
COLD_ITERATIONS = 100
# Every request is a phone's browser. A page view is counted by the page's own beacon (a separate
# request the bench does not make), so a page's cost here is the cost of serving it.
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile Safari/604.1"
SCALE_ITERATIONS = 60
FLOOR = "/bench/floor/"
# The 10,000-article comparison runs unless BENCH_LARGE=0 (it adds a minute or two).
LARGE = os.environ.get("BENCH_LARGE", "1") not in ("", "0", "false")
SCALE_PAGES = [
    ("article list", "/articles/"),
    ("topic", "/articles/topics/hip-pain/"),
    ("search", "/articles/search/?q=hip+stretch"),
    ("sitemap", "/sitemap.xml"),
    ("exercise library", "/exercises/"),
    ("article", "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"),
]
WORKDIR = Path(tempfile.mkdtemp(prefix="hipcare-bench-"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "bench-only-key-" + "b" * 50,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": f"sqlite:///{WORKDIR / 'bench.sqlite3'}",
    "STATIC_ROOT": str(WORKDIR / "static"),
    "MEDIA_ROOT": str(WORKDIR / "media"),
    # As `make serve` does: pages measured without a proxy in front still show their pictures.
    "DJANGO_SERVE_MEDIA": "true",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "WARNING",
    "DJANGO_HTTPS": "false",
}
os.environ.update(ENV)
sys.path.insert(0, str(PROJECT))

from tests.server import NGINX, start_proxy, start_server  # noqa: E402 - after the path is set


def prepare():
    """A fresh database with the demo content, and collected static files, in a temporary folder."""
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=PROJECT,
            check=True,
            capture_output=True,
        )


# Every public page type but the self-check result, whose address carries a visitor's answers.
PAGE_TYPES = [
    ("home", "/"),
    ("article list", "/articles/"),
    ("topic", "/articles/topics/hip-pain/"),
    ("search", "/articles/search/?q=hip"),
    ("article", "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"),
    ("exercise library", "/exercises/"),
    ("exercise", "/exercises/figure-4-stretch/"),
    ("booking", "/book/"),
    ("quiz", "/self-check/is-my-hip-pain-pelvic-floor-related/"),
]


def page_types():
    from django.test import Client

    from quizzes.models import Quiz

    quiz = Quiz.objects.get(slug="is-my-hip-pain-pelvic-floor-related")
    answers = {}
    for question in quiz.questions.prefetch_related("answers"):
        choices = list(question.answers.all())
        answers[f"q{question.pk}"] = choices[-1].pk if choices else 3
    result = Client().post(quiz.get_absolute_url(), answers)["Location"]
    return [*PAGE_TYPES, ("quiz result", result)]


class WSGIClient:
    """GET requests straight through Django's WSGI handler, as the application server makes
    them. The test client does work of its own on every request (signals, copies of the request
    and templates for assertions) that costs about a third of the floor."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        self.handler, self.factory, self.environs = WSGIHandler(), RequestFactory(), {}

    def get(self, path):
        """The response's status code, once its body has been read and the request finished."""
        if path not in self.environs:
            self.environs[path] = self.factory.get(path, HTTP_USER_AGENT=BROWSER).environ
        statuses = []
        # A copy: middleware writes to the request's META, which is this dict.
        body = self.handler(
            dict(self.environs[path]), lambda status, headers, exc_info=None: statuses.append(status)
        )
        try:
            b"".join(body)
        finally:
            body.close()
        return int(statuses[0].split()[0])


def measure(client, path):
    """Median wall and CPU ms per request of `path`, and the median CPU ms of the floor timed
    alternately with it. Shared machines speed up and slow down by a factor of two within a run;
    a ratio of two medians taken in the same window holds through that, and one against a floor
    measured minutes earlier does not."""
    walls, cpus, floor_cpus = [], [], []
    for _ in range(ITERATIONS):
        start = time.process_time()
        client.get(FLOOR)
        floor_cpus.append(time.process_time() - start)
        wall, cpu = time.perf_counter(), time.process_time()
        status = client.get(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        assert status == 200, (path, status)
    return (
        statistics.median(walls) * 1000,
        statistics.median(cpus) * 1000,
        statistics.median(floor_cpus) * 1000,
    )


def in_process():
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from publishing.caching import content_changed

    client = WSGIClient()
    client.get(FLOOR)
    rows = []
    for name, path in page_types():
        client.get(path)
        rows.append((name, path, *measure(client, path)))

    article = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"
    cold_ms, cold_floors = cold_cost(client, article, COLD_ITERATIONS)
    # As for every page but the first after a content change: the clinic's details already read.
    shared_ms, shared_floors = cold_cost(client, article, COLD_ITERATIONS, first="/privacy/")
    # Counted apart from the timing: recording every query's SQL costs time of its own.
    content_changed()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(article)
    return rows, (cold_ms, cold_floors, len(queries), shared_ms, shared_floors)


def cold_cost(client, path, iterations, first=None):
    """Median CPU ms of `path` with the page cache emptied before each request, and that cost as
    a multiple of the floor timed alternately with it (see `measure`). `first`, when given, is
    requested untimed after the cache is emptied, to warm what pages share."""
    from django.core.cache import cache

    from publishing.caching import content_changed

    samples, floor_beside = [], []
    for _ in range(iterations):
        start = time.process_time()
        client.get(FLOOR)
        floor_beside.append(time.process_time() - start)
        # As after a staff edit: what each process keeps for a content generation is stale too.
        content_changed()
        cache.clear()
        if first:
            client.get(first)
        start = time.process_time()
        status = client.get(path)
        samples.append(time.process_time() - start)
        assert status == 200, (path, status)
    cost = statistics.median(samples)
    return cost * 1000, cost / statistics.median(floor_beside)


def cold_costs(client):
    return {name: cold_cost(client, path, SCALE_ITERATIONS) for name, path in SCALE_PAGES}


def at_scale():
    """Cold costs on the demo site, then again after adding 10,000 articles and 1,000 exercises."""
    from django.core.management import call_command

    client = WSGIClient()
    demo = cold_costs(client)
    call_command("generate_large_site", disposable_database=True, verbosity=0)
    large = cold_costs(client)
    return [(name, demo[name], large[name]) for name, _ in SCALE_PAGES]


def wrk(url, encodings=""):
    """(requests/s, {p50, p99} ms, non-2xx) for `url` as a phone's browser accepting `encodings`."""
    headers = [
        "-H",
        f"User-Agent: {BROWSER}",
        *(["-H", f"Accept-Encoding: {encodings}"] if encodings else []),
    ]
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{LOAD_SECONDS}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", output).groups() for p in ("50", "99")}
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        rate,
        {p: float(v) * scale[u] for p, (v, u) in latency.items()},
        int(errors.group(1)) if errors else 0,
    )


ARTICLE = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"
EXERCISE = "/exercises/figure-4-stretch/"
ACCEPTS = "gzip, deflate, br, zstd"  # what Chromium sends


def header_bytes(base, path):
    """The size of a response's status line and headers, as a phone's browser receives them."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: {BROWSER}\r\n"
            f"Accept-Encoding: {ACCEPTS}\r\nConnection: close\r\n\r\n".encode()
        )
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    return len(received.split(b"\r\n\r\n", 1)[0]) + 4


def under_load():
    """Rows of (target, path, requests/s, latency, non-2xx), requests/s by target, and the size of
    the article's response headers (through nginx when it is installed, as a visitor gets them)."""
    if not shutil.which("wrk"):
        return None
    from django.contrib.staticfiles.storage import staticfiles_storage

    stylesheet = staticfiles_storage.url("css/site.css")
    rows, rates = [], {}

    def measure(name, base, path, encodings=""):
        rate, latency, errors = wrk(base + path, encodings)
        rows.append((name, path, rate, latency, errors))
        rates[name] = rate

    server, base = start_server()
    try:
        headers = header_bytes(base, ARTICLE)
        measure("article, plain", base, ARTICLE)
        measure("article, compressed (browser)", base, ARTICLE, ACCEPTS)
        measure("exercise, compressed (browser)", base, EXERCISE, ACCEPTS)
        measure("static file (site.css)", base, stylesheet, ACCEPTS)
        if NGINX:
            article_html = urllib.request.urlopen(base + ARTICLE).read()  # noqa: S310 - loopback
            (WORKDIR / "ceiling").mkdir(exist_ok=True)
            (WORKDIR / "ceiling" / "article.html").write_bytes(article_html)
            proxy, proxied = start_proxy(base, WORKDIR / "nginx", static_files=WORKDIR / "ceiling")
            try:
                headers = header_bytes(proxied, ARTICLE)
                measure("nginx micro-cache: article", proxied, ARTICLE, ACCEPTS)
                measure("nginx micro-cache: exercise", proxied, EXERCISE, ACCEPTS)
                measure("nginx static file: the article's HTML", proxied, "/ceiling/article.html", ACCEPTS)
            finally:
                proxy.terminate()
                proxy.wait(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return rows, rates, headers


# Page types no cache serves: each is rendered for its visitor.
UNCACHED = ("search", "booking", "quiz result")


def budgets(rows, cold, load, scale):
    """(budget, measured, limit, kept) for each of the budgets below, measured in this run."""
    floors = {name: cpu / floor for name, _, _, cpu, floor in rows}
    warm = max((value, name) for name, value in floors.items() if name not in UNCACHED)
    results = [
        (f"warm public page over the floor, without the proxy (slowest: {warm[1]})", warm[0], 2, "<="),
        ("cold article (every cache empty) over the floor", cold[1], 35, "<="),
    ]
    results += [(f"{name} (no cache serves it) over the floor", floors[name], 10, "<=") for name in UNCACHED]
    if load:
        _, rates, headers = load
        if NGINX:
            results.append(
                (
                    "article through the nginx micro-cache over nginx serving its HTML as a file",
                    rates["nginx micro-cache: article"] / rates["nginx static file: the article's HTML"],
                    0.8,
                    ">=",
                )
            )
        results.append(("a public page's response headers, bytes (the article)", headers, 650, "<="))
    if scale:
        worst = max((large[1] / demo[1], name) for name, demo, large in scale)
        results.append((f"10,000 articles over the demo site (slowest: {worst[1]})", worst[0], 2, "<="))
    return [
        (name, value, limit, sign, value <= limit if sign == "<=" else value >= limit)
        for name, value, limit, sign in results
    ]


def report(rows, cold, load, scale=None):
    results = budgets(rows, cold, load, scale)
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores. Numbers vary between machines and runs; the budgets are ratios of two "
        "figures taken in this one run.",
        "",
        "## Budgets",
        "",
        "| budget | measured | limit | |",
        "| --- | ---: | ---: | --- |",
    ]
    lines += [
        f"| {name} | {value:.2f} | {sign} {limit} | {'PASS' if kept else 'MISS'} |"
        for name, value, limit, sign, kept in results
    ]
    lines += [
        "",
        f"## In-process cost per request (median of {ITERATIONS}, warm caches)",
        "",
        "The floor is a minimal view through the same middleware, timed alternately with each page;",
        "× floor is the page's CPU time over the floor's. Every request is made as a phone's browser.",
        "",
        "| page | path | wall ms | CPU ms | floor CPU ms | × floor |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {name} | `{path[:60]}` | {wall:.2f} | {cpu:.2f} | {floor:.2f} | {cpu / floor:.2f} |"
        for name, path, wall, cpu, floor in rows
    ]
    cold_cpu, cold_floors, cold_queries, shared_cpu, shared_floors = cold
    lines += [
        "",
        f"Cold render of the demo article (every cache empty, median of {COLD_ITERATIONS}): **{cold_cpu:.2f} ms CPU, "
        f"{cold_queries} SQL queries**, {cold_floors:.1f}× the floor measured between the renders. "
        f"With the clinic's details already read, as for every page but the first after a content "
        f"change: {shared_cpu:.2f} ms CPU, {shared_floors:.1f}× the floor.",
        "",
        "Query counts are held by tests, not timings: no page's count grows with content "
        "(`tests/articles/test_queries.py`), a card costs no query of its own, and a cached page "
        "reads only the content generation.",
    ]
    if scale:
        lines += [
            "",
            f"## At scale: 10,000 articles, 1,000 exercises, 50 topics (cold renders, median of {SCALE_ITERATIONS})",
            "",
            "| page | demo site CPU ms | × floor | large site CPU ms | × floor | large × demo |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {name} | {demo_ms:.2f} | {demo_floors:.1f} | {large_ms:.2f} | {large_floors:.1f} | "
            f"{large_floors / demo_floors:.2f} |"
            for name, (demo_ms, demo_floors), (large_ms, large_floors) in scale
        ]
        lines += [
            "",
            "The two sites are measured minutes apart, so they are compared in multiples of the floor "
            "timed alongside each render.",
        ]
    if load:
        load_rows = load[0]
        lines += [
            "",
            f"## Under load: gunicorn on loopback, wrk -t2 -c16 -d{LOAD_SECONDS}s, as a phone's browser",
            "",
            "| target | path | requests/s | p50 ms | p99 ms | non-2xx |",
            "| --- | --- | ---: | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {name} | `{path}` | {rate:.0f} | {lat['50']:.2f} | {lat['99']:.2f} | {errors} |"
            for name, path, rate, lat, errors in load_rows
        ]
        lines += [
            "",
            "wrk shares the machine's cores with the server, so absolute rates understate a real server. "
            "The nginx rows run the shipped configuration (`deploy/nginx/`) with one nginx worker; without "
            "nginx installed they are left out.",
        ]
    else:
        lines += ["", "The load part was skipped: `wrk` is not installed (Debian: `apt-get install wrk`)."]
    return "\n".join(lines) + "\n"


def main():
    prepare()
    rows, cold = in_process()
    load = under_load()
    scale = at_scale() if LARGE else None
    text = report(rows, cold, load, scale)
    print(text)
    (PROJECT / "docs").mkdir(exist_ok=True)
    path = PROJECT / "docs" / "PERFORMANCE.md"
    # `make audit` writes the last section; it is kept as it is.
    audit = path.read_text().partition("\n## Audit\n") if path.exists() else ("", "", "")
    path.write_text(text + (f"\n## Audit\n{audit[2]}" if audit[1] else ""))
    shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
