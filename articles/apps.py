from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from publishing.markdown import register_stored_html
        from publishing.views import preview_expanders

        from .embeds import expand_embeds
        from .models import Article

        register_stored_html(
            Article,
            Article.render,
            ["body_html", "when_to_get_help_html", "table_of_contents", "reading_minutes"],
        )
        preview_expanders.append(expand_embeds)
