from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff tools"

    def ready(self):
        from publishing.admin import change_form_tools

        from .views import phone_preview_link

        change_form_tools.append(phone_preview_link)
