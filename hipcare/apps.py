from django.apps import AppConfig


class HipcareConfig(AppConfig):
    """The project package as an app: the site-wide templates, and the label its two early
    migrations were recorded under on existing databases."""

    name = "hipcare"
    verbose_name = "Site"
