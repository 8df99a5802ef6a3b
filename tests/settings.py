"""Test settings: production settings (DEBUG off) with a throwaway key and fast hashing."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ["DJANGO_DEBUG"] = "false"
# The test client speaks plain HTTP; the HTTPS settings are covered by their own tests.
os.environ.setdefault("DJANGO_HTTPS", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-never-used-in-production-0123456789abcdef")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from hipcare.settings import *  # noqa: E402, F403

# Each test process has its own media folder. pytest-xdist's workers inherit the environment of
# the process that starts them, so a folder named there was shared: one worker's upload showed up
# in another worker's count of stored files.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hipcare-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# With DEBUG off the site leaves /media/ to the proxy; the tests' URLs serve it as `make run` does.
ROOT_URLCONF = "tests.urls"
# The benchmark's generate_large_site command is tested too.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
# Tests render templates without running collectstatic first.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# WhiteNoise serves from the finders in tests, as under runserver; an empty root keeps it quiet.
STATIC_ROOT = tempfile.mkdtemp(prefix="hipcare-test-static-")
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)
WHITENOISE_USE_FINDERS = True
# Each test client loads the middleware afresh, and WhiteNoise would then list every static file
# (about 50 ms, paid by nearly every test); it looks each file up when asked for it instead.
WHITENOISE_AUTOREFRESH = True
MIDDLEWARE = ["tests.requests_in_flight.counted", *MIDDLEWARE]  # noqa: F405
# Tests post forms at once; the bot and rate-limit tests set their own values.
FORM_MIN_FILL_SECONDS = 0
FORM_MIN_PRESS_SECONDS = 0
# The test client's own host: public pages are built for SITE_URL whatever Host a request names.
SITE_URL = "http://testserver"
