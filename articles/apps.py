from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from publishing.views import preview_expanders

        from .embeds import expand_embeds

        preview_expanders.append(expand_embeds)
