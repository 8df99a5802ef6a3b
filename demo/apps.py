from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The fictional clinic `make run` shows: its content, drawings and the `load_demo` command."""

    name = "demo"
    verbose_name = "Demo content"

    def ready(self):
        from . import checks  # noqa: F401 - registers the check that refuses the demo login in production
