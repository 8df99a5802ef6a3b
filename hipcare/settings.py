"""Settings for hipcare, read from the environment.

Every variable is listed in `.env.example` and the README. Development (DJANGO_DEBUG=true) has safe
defaults; production refuses to start without a real secret key and allowed hosts.
"""

import os
import secrets
from email.utils import formataddr
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

TRUTHY = {"1", "true", "yes", "on"}


def env(name, default=""):
    """A variable's value; set-but-empty counts as unset, so a copied .env.example works."""
    return os.environ.get(name, "").strip() or default


def env_bool(name, default=False):
    return env(name, str(default)).lower() in TRUTHY


def env_list(name, default=()):
    return [item.strip() for item in env(name).split(",") if item.strip()] or list(default)


def development_secret_key():
    """A random key kept in var/ so local sessions survive restarts; never used with DEBUG off."""
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        VAR_DIR.mkdir(exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off the site needs a long random key, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    SECRET_KEY = development_secret_key()
elif not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. With DJANGO_DEBUG off list the site's host names, "
        "comma-separated, e.g. DJANGO_ALLOWED_HOSTS=www.example-clinic.com."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Serves static files through WhiteNoise under runserver too, so development matches production.
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Old addresses (an earlier site's, or a page's former slug) answer with a permanent redirect,
    # kept as rows staff edit in the admin.
    "django.contrib.sites",
    "django.contrib.redirects",
    "markdownx",
    "csp",
    "simple_history",
    "axes",
    "hipcare",
    "operations",
    "publishing",
    "public_forms",
    "clinicians",
    "clinic",
    "articles",
    "exercises",
    "booking",
    "newsletter",
    "scheduling",
    "quizzes",
    "staff",
    "transfer",
    "insights",
    # The demo clinic: it reads every feature app, and none reads it.
    "demo",
]

MIDDLEWARE = [
    "hipcare.middleware.health_for_any_host",
    "django.middleware.security.SecurityMiddleware",
    "hipcare.middleware.ContentSecurityPolicyMiddleware",
    "hipcare.middleware.permissions_policy",
    # Before anything that reads Accept-Encoding (WhiteNoise, compression, the page cache).
    "publishing.caching.one_reading_of_accept_encoding",
    # Before anything that reads the body (sessions and CSRF do).
    "hipcare.middleware.request_size_limit",
    # Before the CSRF check, so that a method no page answers gets 405, not 403.
    "publishing.methods.MethodNotAllowedMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (static files come pre-compressed from WhiteNoise above), then tags them
    # with an ETag so a revisit can be answered "304 Not Modified".
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hipcare.middleware.database_unavailable",
    # Records who made each content change, for the revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a 404 into a permanent redirect when the address is one the site used to have.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Locks out a login after repeated failures; must come last.
    "axes.middleware.AxesMiddleware",
]
SITE_ID = 1

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# How many reverse proxies stand in front of the site (nginx: 1; a load balancer and nginx: 2).
# With none, the connecting address is the visitor's; with some, X-Forwarded-For says who it is.
TRUSTED_PROXIES = int(env("DJANGO_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "public_forms.forms.client_address"
# Five wrong passwords for one username lock it from every address for an hour: a guesser who
# spreads over many addresses gets five in all; five from one address, whatever the usernames,
# lock that address. Nobody can keep staff out for good: the lock lifts
# by itself, `axes_reset_username` lifts it at once, and sign-ins from the clinic's own addresses
# (STAFF_SIGN_IN_ADDRESSES) are never locked.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_IP_WHITELIST = env_list("STAFF_SIGN_IN_ADDRESSES")
AXES_NEVER_LOCKOUT_WHITELIST = bool(AXES_IP_WHITELIST)
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Days the address and browser of each staff sign-in and failed attempt are kept before
# `purge_old_leads` deletes them; the privacy page states it.
SIGN_IN_RECORD_DAYS = int(env("SIGN_IN_RECORD_DAYS", "30"))
# Days a copy of each email the site sent (or gave up on) stays in its queue.
SENT_EMAIL_DAYS = int(env("SENT_EMAIL_DAYS", "7"))
# Staff sessions end after a working day, and when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

ROOT_URLCONF = "hipcare.urls"
WSGI_APPLICATION = "hipcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.clinic",
            ],
        },
    },
]
# Every form's fields render through this, so each patient-facing text in the admin shows its
# plain-language check (staff/forms.py).
FORM_RENDERER = "staff.forms.FormRenderer"

DEFAULT_SQLITE_PATH = VAR_DIR / "hipcare.sqlite3"
DATABASES = {
    # Connections are kept between requests: opening one costs more than serving a cached page
    # (on SQLite Django registers its functions and runs the PRAGMAs below on every connect).
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a form submission writes; IMMEDIATE avoids "database is
    # locked" errors when two writers upgrade their read transactions at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    if DATABASES["default"]["NAME"] == str(DEFAULT_SQLITE_PATH):
        VAR_DIR.mkdir(exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A table locked by a migration or a stuck session makes a request wait 5 s at most, as
    # SQLite's busy timeout does, and then fail into the "back in a moment" page, instead of
    # holding a worker until gunicorn gives up on it.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (options.get("options", "") + " -c lock_timeout=5000").strip()

# Local memory by default. Several application servers must share one cache (page cache,
# rate limits): set CACHE_URL=redis://host:6379/0 to use Redis.
CACHE_URL = env("CACHE_URL")
# A cache that cannot be reached is served without (operations/cache.py); a server that stops
# answering is given up on after half a second.
CACHES = {
    "default": {
        "BACKEND": "operations.cache.ResilientRedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Forms are small: refuse form fields over 1 MB in all (images go through their own 5 MB limit).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Whole request bodies past these sizes are refused (413) before they are read: public forms, and
# the staff pages that take uploads (an exercise's form may carry an image for every step).
PUBLIC_BODY_LIMIT = int(env("PUBLIC_BODY_LIMIT_KB", "1024")) * 1024
STAFF_UPLOAD_BODY_LIMIT = int(env("STAFF_UPLOAD_BODY_LIMIT_MB", "60")) * 1024 * 1024
STAFF_UPLOAD_PATHS = ("/admin/", "/markdownx/upload/")
# The largest exercise video staff may upload, in MB; keep it under STAFF_UPLOAD_BODY_LIMIT_MB.
VIDEO_UPLOAD_MAX_MB = int(env("VIDEO_UPLOAD_MAX_MB", "50"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("CLINIC_TIME_ZONE", "America/Los_Angeles")
# The site is written in English only; without translation machinery every date, form message
# and admin label skips a catalogue lookup.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers expect at the site root (favicon.ico), served by WhiteNoise without a view.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # Hashed, compressed names let WhiteNoise cache static files for a year.
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Several application servers need one place for uploaded images: S3-compatible object storage,
# chosen by naming a bucket. Credentials come from the usual AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY variables (or the machine's role).
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
MEDIA_ORIGIN = ""
if MEDIA_S3_BUCKET:
    media_endpoint = env("MEDIA_S3_ENDPOINT_URL")
    media_region = env("MEDIA_S3_REGION", "us-east-1")
    media_domain = env("MEDIA_S3_CUSTOM_DOMAIN")
    if media_domain:
        MEDIA_ORIGIN = f"https://{media_domain}"
    elif media_endpoint:
        MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(media_endpoint))
    else:
        MEDIA_ORIGIN = f"https://{MEDIA_S3_BUCKET}.s3.{media_region}.amazonaws.com"
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "region_name": media_region,
            "endpoint_url": media_endpoint or None,
            "custom_domain": media_domain or None,
            # Other S3-compatible services are addressed by path under their endpoint; AWS by
            # the bucket's own host name. Either way the origin above is the one images load from.
            "addressing_style": "path" if media_endpoint else "virtual",
            "location": "media",
            # Pages are cached for minutes and images for a year: links must not expire, so the
            # bucket serves media publicly (see the README) and links are left unsigned.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
# The sender visitors see: the clinic's neutral email name and address unless set otherwise.
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL",
    formataddr((env("CLINIC_EMAIL_NAME", "our clinic").capitalize(), env("CLINIC_EMAIL")))
    if env("CLINIC_EMAIL")
    else "webmaster@localhost",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CLINIC = {
    "name": env("CLINIC_NAME", "Hipcare Pelvic Health"),
    # Emails use this name, never the full one: an inbox on a shared screen should not reveal a
    # health matter. Choose something neutral.
    "email_name": env("CLINIC_EMAIL_NAME", "our clinic"),
    "phone": env("CLINIC_PHONE"),
    "email": env("CLINIC_EMAIL"),
    "address": env("CLINIC_ADDRESS"),
    # How intro calls happen: "phone" or "video".
    "intro_calls_by": env("CLINIC_INTRO_CALLS_BY", "phone"),
    # Shown first to anyone whose answers need urgent care.
    "emergency_number": env("CLINIC_EMERGENCY_NUMBER", "911"),
}

# Public forms (booking, newsletter): posts allowed per client address per minute, and the
# fewest seconds a person takes to fill a form (faster posts are treated as bots).
FORM_RATE_LIMIT_PER_MINUTE = int(env("FORM_RATE_LIMIT_PER_MINUTE", "5"))
FORM_MIN_FILL_SECONDS = int(env("FORM_MIN_FILL_SECONDS", "3"))
# The same for a form that is only a button to press (confirm a sign-up, cancel a call).
FORM_MIN_PRESS_SECONDS = int(env("FORM_MIN_PRESS_SECONDS", "1"))
# Changes a day through one emailed link (moving or cancelling one call, confirming or ending one
# subscription): each sends email to the address typed when it was made, and to the front desk.
CHANGES_PER_LINK_PER_DAY = int(env("CHANGES_PER_LINK_PER_DAY", "3"))
# A form's token opens one submission, within this many hours of the form being shown.
FORM_TOKEN_MAX_AGE_HOURS = int(env("FORM_TOKEN_MAX_AGE_HOURS", "12"))
# Intro calls one email address, and one connection, may book in a day; and how many calls booked
# within CALL_BURST_MINUTES put new bookings on hold for the front desk to confirm.
CALLS_PER_EMAIL_PER_DAY = int(env("CALLS_PER_EMAIL_PER_DAY", "1"))
CALLS_PER_CONNECTION_PER_DAY = int(env("CALLS_PER_CONNECTION_PER_DAY", "3"))
CALL_BURST_LIMIT = int(env("CALL_BURST_LIMIT", "8"))
CALL_BURST_MINUTES = int(env("CALL_BURST_MINUTES", "10"))
# Days to keep booking requests, and unconfirmed newsletter sign-ups, before `purge_old_leads`
# (every period the site keeps records for is listed in operations/retention.py).
LEAD_RETENTION_DAYS = int(env("LEAD_RETENTION_DAYS", "365"))
UNCONFIRMED_SIGNUP_DAYS = int(env("UNCONFIRMED_SIGNUP_DAYS", "30"))
# A newsletter confirmation is sent again to an unconfirmed address at most this often.
NEWSLETTER_CONFIRMATION_RESEND_HOURS = int(env("NEWSLETTER_CONFIRMATION_RESEND_HOURS", "6"))
# Where the front desk's notifications go.
BOOKING_NOTIFY_EMAIL = env("BOOKING_NOTIFY_EMAIL", env("CLINIC_EMAIL", "frontdesk@localhost"))
# The site's own counts (docs/insights.md): daily totals of views, referring sites, campaigns,
# searches that found nothing, self-checks and booking requests per page; no cookies, no addresses.
INSIGHTS_ENABLED = env("INSIGHTS", "on").lower() not in {"off", "false", "0", "no"}
# Days of counts kept; older days are deleted.
INSIGHTS_RETENTION_DAYS = int(env("INSIGHTS_RETENTION_DAYS", "395"))
# Referring sites, campaign tags and searches kept apart each day; beyond them, counted as "other".
INSIGHTS_DISTINCT_KEYS_PER_DAY = int(env("INSIGHTS_DISTINCT_KEYS_PER_DAY", "100"))
# A search that found nothing is shown to staff only once this many searches used the same words.
INSIGHTS_SEARCH_MIN_COUNT = int(env("INSIGHTS_SEARCH_MIN_COUNT", "3"))
# The public address of the site, for links in emails (sent outside any request).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# An import downloads the pictures a Webflow export names only from public addresses, so that an
# uploaded file cannot make the server reach into its own network. The exceptions are listed here
# by IP address: none on a real site (no environment variable adds one); the tests add the
# 127.0.0.1 their picture server listens on.
IMPORT_PICTURES_ALSO_FROM = []

# How long a clinical review stays current before a page is due for another.
CONTENT_REVIEW_INTERVAL_DAYS = 365
# Who signs off health pages (publishing/models.py says what this model provides).
PUBLISHING_REVIEWER_MODEL = "clinicians.Clinician"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS: on by default with DEBUG off. Set DJANGO_HTTPS=false only to try the production setup on
# plain http://127.0.0.1 (as `make serve` does).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
# Behind a TLS-terminating proxy, name the header it sets, e.g. "X-Forwarded-Proto". Only set
# this when the proxy always overwrites that header, or clients could claim to be on HTTPS.
if env("DJANGO_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env("DJANGO_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
CSRF_COOKIE_HTTPONLY = True
# The booking forms' one cookie lasts as long as the browser is open, not a year: it guards the
# form and nothing else (the privacy page says so).
CSRF_COOKIE_AGE = None
CSRF_FAILURE_VIEW = "hipcare.views.csrf_failure"

# Patient pages run only this site's own scripts and styles: no inline code, no third parties.
# Scripts, styles, fonts, fetches, media and the manifest fall back to default-src, so they are not
# named again (each repeat cost every response its bytes); directives that do not fall back are.
_MEDIA_SOURCES = (
    {"img-src": ["'self'", MEDIA_ORIGIN], "media-src": ["'self'", MEDIA_ORIGIN]} if MEDIA_ORIGIN else {}
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        **_MEDIA_SOURCES,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
# Framing is the CSP's frame-ancestors 'self' alone (the staff phone preview frames site pages):
# every response carries it, and every browser that runs this CSP obeys it and ignores
# X-Frame-Options. Only Internet Explorer read X-Frame-Options alone, so that header (and Django's
# deploy check asking for its middleware) would cost every response bytes for no browser in use.
SILENCED_SYSTEM_CHECKS = ["security.W002"]

# The markdown editor's preview and uploads go through our own staff-only views (hipcare/urls.py),
# which use the one sanitising renderer. SVG is refused: it can carry script.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "publishing.markdown.render_markdown"
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"]
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1600, 1600), "quality": 85}
MARKDOWNX_MEDIA_PATH = "uploads/"

# Logs go to stdout: JSON lines in production (LOG_FORMAT=json, the default with DEBUG off) for a
# log service to parse, plain text in development.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # On the handler, not a logger, so every logger's lines pass through it (operations/log_format.py).
    "filters": {"private": {"()": "operations.log_format.PrivateDetailsFilter"}},
    "formatters": {
        "json": {"()": "operations.log_format.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "text" if DEBUG else "json"),
            "filters": ["private"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's defaults give these their own handlers (the development server's writes whole
        # requested addresses, queries included); here they write through the filtered one.
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        # Lockouts and their resets are worth a warning; every routine check is not.
        "axes": {"level": "WARNING"},
    },
}
