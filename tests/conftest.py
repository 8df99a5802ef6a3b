import datetime
import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings

from publishing.caching import content_changed, one_content_change
from scheduling.models import AvailabilityWindow, SchedulingPolicy
from tests.factories import ClinicianFactory, StaffFactory
from tests.server import start_server

PROJECT_DIR = Path(__file__).resolve().parents[1]


# Tests clear the cache (on Redis: the whole database) as they start and end, so under pytest-xdist
# each worker, and the servers it starts, use a Redis database of their own: gw1 the next one, and
# so on. This runs before any test opens a cache connection; servers inherit os.environ.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if settings.CACHE_URL and WORKER:
    redis_url = urlsplit(settings.CACHE_URL)
    redis_database = int(redis_url.path.strip("/") or 0) + int(WORKER.removeprefix("gw"))
    settings.CACHE_URL = urlunsplit(redis_url._replace(path=f"/{redis_database}"))
    settings.CACHES["default"]["LOCATION"] = os.environ["CACHE_URL"] = settings.CACHE_URL


def pytest_configure(config):
    """The first process of a test run (the only one, or pytest-xdist's controller) makes a folder
    its workers inherit, for what `made_once` builds once for all of them."""
    if not hasattr(config, "workerinput"):
        os.environ["HIPCARE_TEST_SHARED"] = tempfile.mkdtemp(prefix="hipcare-tests-")


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop("HIPCARE_TEST_SHARED", ""), ignore_errors=True)


def made_once(name, make):
    """The folder `name` of the run's shared folder, filled by `make(folder)` in whichever test
    process asks first; the others wait for it and then read it."""
    shared = Path(os.environ["HIPCARE_TEST_SHARED"])
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rendered pages and the clinic's details live in the cache under a content generation that
    starts again with each test's database; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def rows_every_page_reads(request):
    """The clinic's profile (made by a migration) and the content stamp (made on first use) are
    rows every page reads. A test that runs in a real transaction (a browser test, a test with
    several threads) empties every table when it ends, as Django's TransactionTestCase does, so a
    test run after it in the same process (the order parallel workers pick) would find them missing
    and see its first request make them. Each test that uses the database starts with both."""
    marker = request.node.get_closest_marker("django_db")
    if not ({"db", "transactional_db"} & set(request.fixturenames) or marker):
        return
    request.getfixturevalue("db" if "transactional_db" not in request.fixturenames else "transactional_db")
    from clinic.models import ClinicProfile
    from publishing.caching import content_generation

    ClinicProfile.current()
    content_generation()


@pytest.fixture
def advance_clock(monkeypatch):
    """Moves the site's idea of now forward, as the passing of time would."""
    from django.utils import timezone

    real_now = timezone.now

    def advance(delta):
        moment = real_now() + delta
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return advance


@pytest.fixture
def reviewing_admin_client(admin_client, admin_user):
    """The admin client of a superuser linked to a clinician, so a sign-off can carry a name."""
    from tests.factories import ClinicianFactory

    ClinicianFactory(user=admin_user)
    return admin_client


SIGN_OFF_AND_PUBLISH = {"_sign_off_and_publish": "Sign off and publish"}


@pytest.fixture
def staff_client(db):
    """A signed-in content editor, separate from the anonymous `client`."""
    call_command("setup_roles", verbosity=0)
    editor = StaffFactory()
    editor.groups.add(Group.objects.get(name="Content editor"))
    staff = Client()
    staff.force_login(editor)
    return staff


def site_env(folder, **settings):
    """The environment of a site with production settings and its own SQLite file in `folder`, for
    running it, or a management command against it."""
    database = folder / "site.sqlite3"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hipcare.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "concurrency-test-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "FORM_MIN_FILL_SECONDS": "0",
        **settings,
    }


def prepared_site():
    """A folder holding a migrated database with the demo content, and the collected static files:
    made once per test run (three management commands, several seconds), then copied for each
    site the tests start."""
    return made_once("site", make_site)


def make_site(folder):
    (folder / "media").mkdir()
    env = site_env(folder)
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["load_demo"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )


def copy_prepared_site(folder):
    """`prepared_site` copied into `folder`, for a site of its own that `site_env(folder)` runs."""
    template = prepared_site()
    folder.mkdir(parents=True, exist_ok=True)
    # With the write-ahead log, if any was left behind, so the copy holds every commit.
    for part in template.glob("site.sqlite3*"):
        shutil.copy2(part, folder / part.name)
    shutil.copytree(template / "media", folder / "media", dirs_exist_ok=True)
    # Static files are only read, so every site shares the collected ones.
    (folder / "static").symlink_to(template / "static", target_is_directory=True)


@contextmanager
def site_under_gunicorn(folder, *gunicorn_args, **settings):
    """The site under gunicorn with production settings and its own SQLite file in `folder`, the
    demo content loaded; `settings` are environment variables to add. Yields (base URL, database
    path)."""
    copy_prepared_site(folder)
    server, base = start_server(*gunicorn_args, env=site_env(folder, **settings))
    try:
        yield base, folder / "site.sqlite3"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def running_server(tmp_path):
    """The site under gunicorn, for tests that need real concurrency, with no rate limit to speak
    of. Yields (base URL, database path); the demo content is loaded."""
    with site_under_gunicorn(tmp_path, "--workers", "2", FORM_RATE_LIMIT_PER_MINUTE="100000") as site:
        yield site


@pytest.fixture
def clinic_profile(db):
    """The clinic's profile, as the admin edits it: change fields, then save."""
    from clinic.models import ClinicProfile

    return ClinicProfile.current()


@pytest.fixture
def clinician(db):
    return ClinicianFactory()


@pytest.fixture
def policy(db):
    policy = SchedulingPolicy.current()
    policy.slot_minutes, policy.buffer_minutes = 10, 5
    policy.minimum_notice_hours, policy.horizon_days, policy.reminder_hours = 12, 21, 24
    policy.save()
    return policy


@pytest.fixture
def every_day_nine_to_ten(clinician, policy):
    """One clinician free 9:00 to 10:00 (clinic time) every day of the week."""
    for weekday in range(7):
        AvailabilityWindow.objects.create(
            clinician=clinician, weekday=weekday, opens_at=datetime.time(9), closes_at=datetime.time(10)
        )
    return clinician


@pytest.fixture
def send_queued_emails(db):
    """Runs the sender, as `send_pending_emails` does outside any request; returns what the mail
    server (Django's test outbox) has accepted so far."""
    from django.core import mail

    from public_forms.outbox import send_due

    def send():
        send_due()
        return mail.outbox

    return send


@pytest.fixture(scope="session")
def demo_fixture(django_db_setup, django_db_blocker):
    """The demo library as a fixture file, made once per test run: the loader runs inside a
    transaction that is rolled back, so the database stays empty for the tests that want it so.
    Restoring the file takes a fraction of the loader's time. The pictures the loader drew are
    copied into each test process's MEDIA_ROOT, for every test that restores it."""

    def make(folder):
        with (
            django_db_blocker.unblock(),
            override_settings(MEDIA_ROOT=str(folder / "media")),
            transaction.atomic(),
        ):
            call_command("load_demo", stdout=StringIO())
            # Content types and permissions are made again by each flush; rows name them by natural key.
            call_command(
                "dumpdata",
                all=True,
                natural_foreign=True,
                exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry"],
                output=str(folder / "demo.json"),
                verbosity=0,
            )
            transaction.set_rollback(True)

    folder = made_once("demo", make)
    shutil.copytree(folder / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    return folder / "demo.json"


def restore_demo(fixture):
    """Loads the demo fixture, moving the content generation on once."""
    with one_content_change():
        call_command("loaddata", str(fixture), verbosity=0)
        content_changed()  # rows loaded from a fixture are saved raw, which moves nothing on


@pytest.fixture
def demo_content(transactional_db, demo_fixture, demo_database):
    """The demo library, for a test whose server or browser reads it from another thread."""
    if connection.vendor != "sqlite":
        restore_demo(demo_fixture)
        return
    connection.ensure_connection()
    # On SQLite the database with the demo restored is copied whole, page by page: the first test
    # in a process restores the fixture and keeps a copy, later ones copy it back in a blink.
    if demo_database.get("copy") is None:
        restore_demo(demo_fixture)
        demo_database["copy"] = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(demo_database["copy"])
    else:
        demo_database["copy"].backup(connection.connection)
        # The copy's content types may carry other ids than those a flush made since.
        ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def demo_database():
    """Holds the copy `demo_content` makes of a SQLite database with the demo restored."""
    held = {}
    yield held
    if held.get("copy") is not None:
        held["copy"].close()


@pytest.fixture
def demo(db, demo_fixture):
    """The demo library, restored inside the test's own transaction."""
    restore_demo(demo_fixture)
