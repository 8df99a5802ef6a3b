from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from demo import DEMO_PASSWORD, DEMO_USERNAME


@register(Tags.security, deploy=True)
def no_demo_login(app_configs, **kwargs):
    """The demo login's password is published in the README: with DEBUG off it must not open the
    admin. `check --deploy` fails while it does, and `make serve` runs that check before serving."""
    if settings.DEBUG:
        return []
    try:
        demo = get_user_model().objects.filter(username=DEMO_USERNAME, is_active=True).first()
    except DatabaseError:
        return []  # not migrated yet: nobody can sign in either
    if demo is None or not demo.check_password(DEMO_PASSWORD):
        return []
    return [
        Error(
            f"The demo login “{DEMO_USERNAME}” exists with its published password.",
            hint="Remove it with `python manage.py load_demo --remove-login` (or change its password).",
            id="demo.E001",
        )
    ]
