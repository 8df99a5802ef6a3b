from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Counts, not people: daily totals of page views, referring sites, campaigns, searches that
    found nothing, finished self-checks and booking requests per page, kept by the site itself."""

    name = "insights"
    verbose_name = "Insights"

    def ready(self):
        from publishing import events
        from publishing.admin import change_form_panels

        from .admin import page_counts_panel
        from .recording import record_event

        change_form_panels.append(page_counts_panel)
        events.recorders.append(record_event)
