"""Production settings plus one minimal view, the floor every page is compared with."""

from hipcare.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
