"""Fill the database with a large synthetic site, to check that pages stay fast at scale.

Never for a real clinic's database: the articles are filler text, published at once. It runs only
with DEBUG on or when told the database is disposable (`--disposable-database`), and only where
the benchmark's settings (bench.settings) or the tests' make this command available.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Topic
from clinicians.models import Clinician
from exercises.models import Exercise, Step
from publishing.caching import content_changed
from publishing.markdown import render_markdown, render_markdown_with_toc

WORDS = [
    "hip",
    "pelvic",
    "floor",
    "muscle",
    "stretch",
    "breathe",
    "gentle",
    "strength",
    "posture",
    "sitting",
    "walking",
    "pain",
    "ease",
    "release",
    "tension",
    "rotate",
    "knee",
    "ankle",
    "chair",
    "wall",
    "towel",
    "ball",
    "core",
    "balance",
    "daily",
    "routine",
    "recovery",
    "week",
    "side",
]


def filler(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Add a large synthetic site (default 10,000 articles, 1,000 exercises, 50 topics) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--exercises", type=int, default=1_000)
        parser.add_argument("--topics", type=int, default=50)
        parser.add_argument(
            "--disposable-database",
            action="store_true",
            help="Confirm that this database may be filled with filler articles (needed with DEBUG off).",
        )

    @transaction.atomic
    def handle(self, *args, articles, exercises, topics, disposable_database, **options):
        if not (settings.DEBUG or disposable_database):
            raise CommandError(
                "This publishes thousands of filler articles. Run it with DEBUG on, or add "
                "--disposable-database to confirm this database is a throwaway copy."
            )
        if Article.objects.filter(slug__startswith="generated-").exists():
            raise CommandError("A generated site is already here.")
        rng = random.Random(7)  # noqa: S311 - filler text, and the same site every time so runs compare
        author = Clinician.objects.first() or Clinician.objects.create(
            name="Dr. Example", slug="example", credentials="PT, DPT", bio="Example clinician."
        )
        topic_rows = Topic.objects.bulk_create(
            Topic(name=f"Generated topic {n}", slug=f"generated-topic-{n}") for n in range(topics)
        )
        now = timezone.now()
        body = "\n\n".join(
            f"## Section {n}\n\n" + " ".join(filler(rng, 18) for _ in range(6)) for n in range(6)
        )
        body_html, toc = render_markdown_with_toc(body)
        article_rows = Article.objects.bulk_create(
            Article(
                title=f"Generated article {n}: {filler(rng, 4)}",
                slug=f"generated-{n}",
                summary=filler(rng, 16)[:160],
                body=body,
                body_html=body_html,
                table_of_contents=toc,
                reading_minutes=3,
                author=author,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=n + 60),
            )
            for n in range(articles)
        )
        links = Article.topics.through
        links.objects.bulk_create(
            links(article_id=article.pk, topic_id=topic_rows[n % topics].pk)
            for n, article in enumerate(article_rows)
        )
        exercise_rows = Exercise.objects.bulk_create(
            Exercise(
                name=f"Generated exercise {n}",
                slug=f"generated-exercise-{n}",
                kind=rng.choice(Exercise.Kind.values),
                summary=filler(rng, 12)[:160],
                purpose=filler(rng, 20),
                author=author,
                hold_seconds=30,
                repetitions=3,
                status=Exercise.Status.PUBLISHED,
                published_at=now - timedelta(minutes=n + 60),
            )
            for n in range(exercises)
        )
        instruction = filler(rng, 12)
        Step.objects.bulk_create(
            Step(
                exercise=exercise,
                position=position,
                instruction=instruction,
                instruction_html=render_markdown(instruction),
            )
            for exercise in exercise_rows
            for position in range(1, 5)
        )
        content_changed()  # bulk_create sends no signals
        with connection.cursor() as cursor:
            # After a bulk load, as after any large change: the query planner chooses between
            # indexes by the tables' measured shape, and on SQLite nothing measures it otherwise.
            cursor.execute("ANALYZE")
        self.stdout.write(f"Generated {articles} articles, {exercises} exercises and {topics} topics.")
