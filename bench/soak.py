"""`make soak`: mixed traffic against the production stack on loopback, with a worker killed
halfway, then a check that nothing failed, that every accepted booking request was saved and that
every page view the site answered (its beacon) was counted.

Visitors (threads) read pages, search, sign up for the newsletter and ask for calls for
SOAK_SECONDS (default 60), loading each page's view beacon as a browser does. Any 5xx, an
accepted request missing from the database afterwards, or fewer views counted than beacons
answered makes the run fail.
"""

import html
import http.client
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from bench.run import ENV, WORKDIR, prepare, start_server  # noqa: E402 - sets the production environment first

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
VISITORS = 8
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile Safari/604.1"
BEACON = re.compile(r'<img src="([^"]+)"[^>]*data-view-beacon')
PAGES = [
    "/",
    "/articles/",
    "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
    "/exercises/",
    "/exercises/figure-4-stretch/",
    "/self-check/is-my-hip-pain-pelvic-floor-related/",
]


class Visitor(threading.Thread):
    def __init__(self, number, base, deadline, results, accepted):
        super().__init__()
        self.number, self.base, self.deadline = number, base, deadline
        self.results, self.accepted = results, accepted
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        # A phone's browser, so the site counts these views (insights) as it would a patient's.
        self.opener.addheaders = [("User-Agent", BROWSER)]
        self.rng = random.Random(number)  # noqa: S311 - picks pages, not secrets

    def fetch(self, path, data=None):
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (OSError, http.client.HTTPException) as error:  # a connection cut by the killed worker
            return f"connection: {type(error).__name__}", ""

    def load_beacon(self, page):
        if beacon := BEACON.search(page):
            self.results[("beacon", self.fetch(html.unescape(beacon.group(1)))[0])] += 1

    def run(self):
        sent = 0
        while time.monotonic() < self.deadline:
            choice = self.rng.random()
            if choice < 0.7:
                status, page = self.fetch(self.rng.choice(PAGES))
                kind = "page"
                self.load_beacon(page)
            elif choice < 0.8:
                status, page = self.fetch(
                    "/articles/search/?"
                    + urllib.parse.urlencode({"q": self.rng.choice(["hip", "stretch", "pelvic floor"])})
                )
                kind = "search"
                self.load_beacon(page)
            elif choice < 0.9:
                email = f"reader{self.number}-{sent}@example.com"
                status, _ = self.fetch("/newsletter/", urllib.parse.urlencode({"email": email}).encode())
                kind, sent = "newsletter", sent + 1
            else:
                status, page = self.fetch("/book/")
                fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
                email = f"visitor{self.number}-{sent}@example.com"
                fields.update(first_name="Soak", email=email, preferred_time="any", has_consented="on")
                status, page = self.fetch("/book/", urllib.parse.urlencode(fields).encode())
                kind, sent = "booking", sent + 1
                if status == 200 and "We have your request" in page:
                    self.accepted.append(email)
            self.results[(kind, status)] += 1


def main():
    prepare()
    # Limits off: the load is deliberate, and every booking should be a real request.
    server, base = start_server(
        "--workers", "3", env={"FORM_RATE_LIMIT_PER_MINUTE": "1000000", "FORM_MIN_FILL_SECONDS": "0"}
    )
    results, accepted = Counter(), []
    try:
        deadline = time.monotonic() + SECONDS
        visitors = [Visitor(n, base, deadline, results, accepted) for n in range(VISITORS)]
        for visitor in visitors:
            visitor.start()
        time.sleep(SECONDS / 2)
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        if workers:
            os.kill(int(workers[0]), signal.SIGKILL)
            print(f"Killed worker {workers[0]} halfway through.")
        for visitor in visitors:
            visitor.join()
        health = urllib.request.urlopen(base + "/health/").status  # noqa: S310 - loopback
    finally:
        server.terminate()
        server.wait(timeout=30)
    with sqlite3.connect(ENV["DATABASE_URL"].removeprefix("sqlite:///")) as database:
        saved = {row[0] for row in database.execute("SELECT email FROM booking_bookingrequest")}
        (counted,) = database.execute(
            "SELECT COALESCE(SUM(count), 0) FROM insights_dailycount WHERE kind = 'view'"
        ).fetchone()
    for (kind, status), count in sorted(results.items(), key=str):
        print(f"{kind:10} {status!s:>24} {count:6}")
    server_errors = sum(
        count for (_, status), count in results.items() if isinstance(status, int) and status >= 500
    )
    lost = [email for email in accepted if email not in saved]
    served = sum(
        count for (kind, status), count in results.items() if kind in {"page", "search"} and status == 200
    )
    answered = results[("beacon", 200)]
    print(
        f"Page views: {served} served, {answered} beacons answered, {counted} counted (each is saved"
        " before its beacon is answered, so the killed worker loses none)."
    )
    print(
        f"\n{sum(results.values())} requests in {SECONDS} s; {server_errors} server errors; "
        f"{len(accepted)} booking requests accepted, {len(lost)} of them missing; health after: {health}."
    )
    shutil.rmtree(WORKDIR, ignore_errors=True)
    return 1 if server_errors or lost or counted < answered or health != 200 else 0


if __name__ == "__main__":
    sys.exit(main())
