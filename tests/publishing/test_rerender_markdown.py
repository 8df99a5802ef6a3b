from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from exercises.models import Step
from tests.factories import ArticleFactory, StepFactory

pytestmark = pytest.mark.django_db


def test_rerender_refreshes_stale_html_without_touching_edit_dates(client):
    article = ArticleFactory(body="## Fresh heading\n\nText.")
    step = StepFactory(instruction="Lean **forward**.")
    Article.objects.filter(pk=article.pk).update(body_html="<p>stale</p>", table_of_contents=[])
    Step.objects.filter(pk=step.pk).update(instruction_html="<p>stale</p>")
    updated_at = Article.objects.get(pk=article.pk).updated_at
    output = StringIO()

    call_command("rerender_markdown", stdout=output)

    article.refresh_from_db()
    assert '<h2 id="section-fresh-heading">Fresh heading</h2>' in article.body_html
    assert article.table_of_contents == [
        {"id": "section-fresh-heading", "title": "Fresh heading", "children": []}
    ]
    assert article.updated_at == updated_at
    assert Step.objects.get(pk=step.pk).instruction_html == "<p>Lean <strong>forward</strong>.</p>"
    assert "Re-rendered 1 articles, 1 steps." in output.getvalue()
    assert "stale" not in client.get(article.get_absolute_url()).content.decode()
