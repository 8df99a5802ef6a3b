"""The shipped nginx configuration (deploy/nginx/) in front of the site: public pages are kept for
a moment, personal pages never, an edit shows through it within two seconds, and uploads are
served by nginx itself."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from hipcare.views import MEDIA_TYPES
from tests.conftest import PROJECT_DIR, site_env, site_under_gunicorn
from tests.encodings import ACCEPT_ENCODING_TABLE, DECODERS
from tests.server import NGINX, start_proxy
from tests.visitor import fetch

ARTICLE = "/articles/breathing-and-the-pelvic-floor/"
QUIZ = "/self-check/is-my-hip-pain-pelvic-floor-related/"
BROWSER = {"User-Agent": "Mozilla/5.0 (iPhone) Mobile Safari/604.1", "Accept-Encoding": "gzip, br"}

if NGINX is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("nginx is missing; CI installs it (see .ci/run)")
    pytest.skip(
        "nginx is not installed (Debian: apt-get install nginx): proxy tests skipped", allow_module_level=True
    )

PERSONAL_LINKS = """
import json, django; django.setup()
from django.contrib.auth import get_user_model
from newsletter.models import Subscriber
from newsletter.services import confirm_url, unsubscribe_url
from scheduling import links, services
from scheduling.slots import free_times
day, times = next(iter(free_times(days_wanted=1).items()))
call = services.intro_call_book(starts_at=times[0].starts_at, first_name="Robin", email="robin@example.com",
                                phone="503 555 0100", has_consented=True, source_path="/")
subscriber = Subscriber.objects.create(email="sam@example.com")
get_user_model().objects.create_superuser("editor", password="a-long-staff-passphrase-1")
print(json.dumps({"manage": links.manage_url(call), "confirm": confirm_url(subscriber),
                  "unsubscribe": unsubscribe_url(subscriber)}))
"""
EDIT_TITLE = """
import sys, django; django.setup()
from articles.models import Article
article = Article.objects.get(slug="breathing-and-the-pelvic-floor")
article.title = sys.argv[1]
article.save()
"""


def manage_py_shell(env, code, *args):
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def path_of(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Browser:
    """One visitor's browser through the proxy: cookies kept, redirects not followed."""

    def __init__(self, base):
        self.base, self.cookies = base, {}

    def open(self, path, data=None):
        headers = {**BROWSER, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        request = urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(data).encode() if data else None, headers=headers
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        body = response.read()
        body = DECODERS[response.headers.get("Content-Encoding", "")](body)
        return response.status, response.headers, body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proxied")
    with site_under_gunicorn(folder, "--workers", "2") as (app, _):
        links = json.loads(manage_py_shell(site_env(folder), PERSONAL_LINKS))
        proxy, base = start_proxy(
            app, folder / "nginx", media_root=folder / "media", cache_status_header=True
        )
        try:
            yield base, folder, links, app
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)


def test_a_public_page_is_kept_for_a_moment(proxied):
    base = proxied[0]
    statuses = [Browser(base).open(ARTICLE)[1]["X-Cache"] for _ in range(3)]
    assert statuses[0] in {"MISS", "EXPIRED", "HIT"} and "HIT" in statuses[1:]


def test_no_personal_page_is_ever_kept_for_another_visitor(proxied):
    base, folder, links, _ = proxied
    visitor = Browser(base)
    personal = [
        "/book/",
        "/book/thanks/",
        "/newsletter/",
        path_of(links["manage"]),
        path_of(links["confirm"]),
        path_of(links["unsubscribe"]),
        "/admin/login/",
        "/staff/plain-language/",
    ]
    # A self-check's result, reached as a visitor reaches it.
    status, headers, _ = visitor.open(QUIZ, {})
    assert status in {200, 302}
    answers = {}
    seen = []
    quiz_page = visitor.open(QUIZ)[2].decode()
    for name in sorted(set(re.findall(r'name="(q\d+)"', quiz_page))):
        answers[name] = re.findall(rf'name="{name}"[^>]*value="(\d+)"', quiz_page)[-1]
    status, headers, _ = visitor.open(QUIZ, answers)
    assert status == 302
    personal.append(headers["Location"].removeprefix(base))

    # Staff, signed in through the proxy.
    staff = Browser(base)
    login_page = staff.open("/admin/login/")[2].decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    status, _, _ = staff.open(
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "editor", "password": "a-long-staff-passphrase-1"},
    )
    assert status == 302 and "sessionid" in staff.cookies
    for path in ("/admin/", ARTICLE, "/", "/staff/phone-preview/?path=/"):
        for _ in range(2):
            seen.append((path, staff.open(path)[1]["X-Cache"]))

    for path in personal:
        for _ in range(2):
            seen.append((path, visitor.open(path)[1]["X-Cache"]))
            seen.append((path, Browser(base).open(path)[1]["X-Cache"]))

    assert [entry for entry in seen if entry[1] == "HIT"] == []
    kept = b"".join(path.read_bytes() for path in (folder / "nginx" / "cache").rglob("*") if path.is_file())
    for secret in (
        links["manage"].rsplit("/", 2)[-2],
        "robin@example.com",
        "sessionid",
        "csrftoken",
        "Site administration",
    ):
        assert secret.encode() not in kept, secret


def test_an_edit_shows_through_the_proxy_within_two_seconds(proxied):
    base, folder, *_ = proxied
    for _ in range(3):
        fetch(base + ARTICLE, headers={"User-Agent": BROWSER["User-Agent"]})
    manage_py_shell(site_env(folder), EDIT_TITLE, "Breathing well, freshly edited")
    edited = time.monotonic()

    while "freshly edited" not in fetch(base + ARTICLE, headers={"User-Agent": BROWSER["User-Agent"]})[1]:
        assert time.monotonic() - edited < 2, "the edit did not show within two seconds"
        time.sleep(0.05)


def test_an_edit_shows_on_the_first_request_after_the_cache_lifetime_however_quiet_the_page(proxied):
    base, folder, *_ = proxied
    visitor = {"User-Agent": BROWSER["User-Agent"]}
    for _ in range(3):
        fetch(base + ARTICLE, headers=visitor)
    manage_py_shell(site_env(folder), EDIT_TITLE, "Breathing well, edited while nobody read it")
    time.sleep(3)  # nobody asks for the page meanwhile

    _, page, headers = fetch(base + ARTICLE, headers=visitor)
    assert "edited while nobody read it" in page, headers["X-Cache"]


def test_a_burst_after_an_edit_reaches_the_site_once_and_the_edit_shows(proxied):
    base, folder, *_ = proxied
    visitor = {"User-Agent": BROWSER["User-Agent"]}
    fetch(base + ARTICLE, headers=visitor)
    manage_py_shell(site_env(folder), EDIT_TITLE, "Breathing well, edited before a rush")
    time.sleep(1.2)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: fetch(base + ARTICLE, headers=visitor), range(200)))

    reached_the_site = [page for _, page, headers in answers if headers["X-Cache"] in {"MISS", "EXPIRED"}]
    assert len(reached_the_site) == 1, Counter(headers["X-Cache"] for _, _, headers in answers)
    assert "edited before a rush" in reached_the_site[0]
    assert "edited before a rush" in fetch(base + ARTICLE, headers=visitor)[1]


def raw_get(url, accepts):
    request = urllib.request.Request(
        url, headers={"User-Agent": BROWSER["User-Agent"], "Accept-Encoding": accepts}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return response.headers, response.read()


def test_each_kept_copy_reads_right_for_every_client_whose_header_maps_to_it(proxied):
    """Clients whose headers share a kept copy take turns, in both orders, so each copy is stored by
    one client's header and read by all the others'."""
    base = proxied[0]
    title = re.search(rb"<h1[^>]*>(.*?)</h1>", raw_get(base + ARTICLE, "identity")[1], re.S).group(1)
    kept = Counter()
    for table in (ACCEPT_ENCODING_TABLE, ACCEPT_ENCODING_TABLE[::-1]):
        for accepts, accepted in table:
            headers, body = raw_get(base + ARTICLE, accepts)
            encoding = headers.get("Content-Encoding", "")
            assert encoding == (accepted[0] if accepted else ""), (accepts, headers["X-Cache"])
            assert title in DECODERS[encoding](body), accepts
            kept[headers["X-Cache"]] += 1
    assert kept["HIT"] >= len(ACCEPT_ENCODING_TABLE), kept


def test_campaign_and_click_tags_share_the_kept_page_and_what_a_page_reads_does_not(proxied):
    base = proxied[0]
    visitor = {"User-Agent": BROWSER["User-Agent"]}
    fetch(base + ARTICLE + "?utm_source=mail", headers=visitor)
    tagged = [
        fetch(base + ARTICLE + f"?utm_campaign=made-up-{n}&fbclid={n}&ref=site-{n}.example", headers=visitor)
        for n in range(5)
    ]
    assert [headers["X-Cache"] for _, _, headers in tagged] == ["HIT"] * 5

    def results(query):
        page = fetch(base + f"/articles/search/?{query}", headers=visitor)[1]
        return re.sub(r'value="[^"]*"', "", page)  # each render's form tokens

    assert results("q=breathing") != results("q=bladder") == results("utm_source=x&q=bladder")


def test_uploads_are_served_by_nginx_with_range_and_never_by_the_site(proxied):
    base, folder, _, app = proxied
    clip = bytes(range(256)) * 4096  # 1 MiB
    (folder / "media" / "videos").mkdir(parents=True, exist_ok=True)
    (folder / "media" / "videos" / "clip.webm").write_bytes(clip)
    (folder / "media" / "videos" / "trap.html").write_text("<script>alert(1)</script>")

    request = urllib.request.Request(base + "/media/videos/clip.webm", headers={"Range": "bytes=1000-1999"})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        assert response.status == 206
        assert response.headers["Content-Range"] == f"bytes 1000-1999/{len(clip)}"
        assert response.headers["Content-Type"] == "video/webm"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert response.read() == clip[1000:2000]
    assert fetch(base + "/media/videos/trap.html")[0] == 404
    assert fetch(base + "/media/../site.sqlite3")[0] in (400, 404)
    # With DEBUG off the site itself has no /media/ at all: only the proxy serves it.
    assert fetch(app + "/media/videos/clip.webm")[0] == 404


def test_nginx_serves_every_kind_of_upload_the_site_makes_with_its_type(proxied):
    """A picture the site offers in a format nginx refuses shows as its description: every type
    the site's own media rules name must come through the proxy too."""
    base, folder, _, _ = proxied
    (folder / "media" / "kinds").mkdir(parents=True, exist_ok=True)
    for suffix, content_type in MEDIA_TYPES.items():
        (folder / "media" / "kinds" / f"file{suffix}").write_bytes(b"\x00" * 64)
        status, _, headers = fetch(base + f"/media/kinds/file{suffix}")
        assert status == 200, suffix
        assert headers["Content-Type"] == content_type, suffix
        assert headers["X-Content-Type-Options"] == "nosniff", suffix


def response_head(base, path):
    """The status line and headers of `path` as a phone's browser receives them, byte for byte."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {BROWSER['User-Agent']}\r\n"
            "Accept-Encoding: gzip, deflate, br, zstd\r\nConnection: close\r\n\r\n".encode()
        )
        received = b""
        while b"\r\n\r\n" not in received and (chunk := connection.recv(65536)):
            received += chunk
    return received.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"


@pytest.fixture(scope="module")
def shipped_proxy(proxied, tmp_path_factory):
    """nginx with the shipped configuration and nothing added for tests (no X-Cache header)."""
    proxy, base = start_proxy(proxied[3], tmp_path_factory.mktemp("shipped"))
    try:
        yield base
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


def test_a_public_page_sends_at_most_650_bytes_of_headers_each_one_a_browser_uses(shipped_proxy):
    for _ in range(2):  # as first fetched from the site, then as kept by the micro-cache
        head = response_head(shipped_proxy, ARTICLE)
        assert head.startswith(b"HTTP/1.1 200 OK\r\n") and len(head) <= 650, head.decode()
        names = {line.split(":")[0].lower() for line in head.decode().split("\r\n")[1:] if line}
        assert not names & {"x-cache", "x-frame-options"}, head.decode()
        assert b"\r\nServer: nginx\r\n" in head


def test_the_access_log_keeps_no_query_string_no_client_address_and_no_personal_link(proxied):
    base, folder, links, _ = proxied
    log = folder / "nginx" / "access.log"
    before = log.read_text() if log.exists() else ""
    manage = path_of(links["manage"])
    visits = [
        "/articles/search/?q=secret+leaking+bladder",
        QUIZ + "?q1=secret-answer",
        manage,
        path_of(links["unsubscribe"]),
    ]
    for path in visits:
        fetch(
            base + path, headers={"User-Agent": BROWSER["User-Agent"], "Referer": "https://secret.example/"}
        )
    deadline = time.monotonic() + 5
    while len(log.read_text().removeprefix(before).splitlines()) < len(visits):  # written once answered
        assert time.monotonic() < deadline, "nginx logged too few requests"
        time.sleep(0.05)
    written = log.read_text().removeprefix(before)

    assert "secret" not in written and "127.0.0.1" not in written, written
    for key in (manage.split("/")[3], path_of(links["unsubscribe"]).split("/")[3]):
        assert key not in written, written
    search = next(line for line in written.splitlines() if ' GET "/articles/search/" 200 ' in line)
    assert search.split()[-1] in {"MISS", "EXPIRED", "HIT"}, search  # what the micro-cache did
    assert ' GET "/book/call/[link]/" ' in written and ' GET "/newsletter/unsubscribe/[link]/" ' in written
