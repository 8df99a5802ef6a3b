from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What keeps the site running, whatever its features: a cache that may be down, the log
    filter, deploy checks, how long records are kept, health probes, backups. It imports no
    feature app; what it needs of one it reaches by app label."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401 - registers the site's deploy checks
