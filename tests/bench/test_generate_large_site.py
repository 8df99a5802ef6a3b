from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_generated_site_is_browsable_and_searchable(client):
    call_command(
        "generate_large_site", articles=40, exercises=5, topics=3, disposable_database=True, stdout=StringIO()
    )

    assert Article.objects.published().count() == 40
    assert "Page 1 of 4" in client.get("/articles/").content.decode()
    assert client.get("/articles/topics/generated-topic-1/").status_code == 200
    assert "40 articles found" in client.get("/articles/search/?q=generated").content.decode()
    assert client.get("/exercises/generated-exercise-2/").status_code == 200
    with pytest.raises(CommandError):
        call_command(
            "generate_large_site",
            articles=1,
            exercises=1,
            topics=1,
            disposable_database=True,
            stdout=StringIO(),
        )


def test_refuses_a_database_nobody_said_is_disposable():
    with pytest.raises(CommandError, match="disposable-database"):
        call_command("generate_large_site", articles=1, exercises=1, topics=1, stdout=StringIO())
    assert not Article.objects.exists()


def test_runs_without_the_flag_in_development(settings):
    settings.DEBUG = True
    call_command("generate_large_site", articles=2, exercises=1, topics=1, stdout=StringIO())
    assert Article.objects.published().count() == 2
