from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from exercises.models import Step
from publishing.caching import content_changed
from publishing.markdown import render_markdown


class Command(BaseCommand):
    help = "Re-render the stored HTML of all staff markdown. Run after changing publishing/markdown.py."

    @transaction.atomic
    def handle(self, *args, **options):
        articles = list(Article.objects.all())
        for article in articles:
            article.render()
        Article.objects.bulk_update(
            articles, ["body_html", "when_to_get_help_html", "table_of_contents", "reading_minutes"]
        )
        steps = list(Step.objects.all())
        for step in steps:
            step.instruction_html = render_markdown(step.instruction)
        Step.objects.bulk_update(steps, ["instruction_html"])
        content_changed()
        self.stdout.write(f"Re-rendered {len(articles)} articles and {len(steps)} exercise steps.")
