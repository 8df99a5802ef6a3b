"""Production settings plus one minimal view, the floor every page is compared with, and the
benchmark's own commands (generate_large_site)."""

from hipcare.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

ROOT_URLCONF = "bench.urls"
