"""Exercise pages cost the same number of queries however many steps, exercises or variants exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, BodyRegionFactory, EquipmentFactory, ExerciseFactory, StepFactory

pytestmark = pytest.mark.django_db


def build_library(size):
    regions, equipment = BodyRegionFactory.create_batch(size), EquipmentFactory.create_batch(size)
    exercises = ExerciseFactory.create_batch(size)
    for exercise in exercises:
        exercise.body_regions.add(*regions)
        exercise.equipment.add(*equipment)
    featured = ExerciseFactory(easier_variant=exercises[0], harder_variant=exercises[1])
    featured.body_regions.add(*regions)
    featured.equipment.add(*equipment)
    StepFactory.create_batch(size, exercise=featured)
    for article in ArticleFactory.create_batch(size):
        article.related_exercises.add(featured)
    return featured, exercises


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda featured, others: "/exercises/",
        lambda featured, others: "/exercises/?kind=stretch&equipment=none",
        lambda featured, others: featured.get_absolute_url(),
        lambda featured, others: "/exercises/catalog.json",
        lambda featured, others: "/exercises/my-routine/?e=" + ",".join(e.slug for e in [featured, *others]),
    ],
    ids=["library", "filtered-library", "exercise", "catalogue", "shared-routine"],
)
def test_query_count_does_not_grow_with_content(client, url_for):
    small = count_queries(client, url_for(*build_library(3)))
    large = count_queries(client, url_for(*build_library(15)))
    assert large == small
