"""A bulk update skips save(), where the review gate stands: for every kind of page, it may take
pages down but never put them up."""

import pytest
from django.db import models

from publishing.models import NotPublishable, publishable_models
from tests.factories import ArticleFactory, ExerciseFactory, QuizFactory

pytestmark = pytest.mark.django_db


def draft_of(model):
    factories = {"Article": ArticleFactory, "Exercise": ExerciseFactory, "Quiz": QuizFactory}
    if model.__name__ in factories:
        return factories[model.__name__](status="draft")
    return model.objects.create(title="Opening hours", slug="opening-hours", body="Monday to Friday.")


@pytest.mark.parametrize("model", publishable_models(), ids=lambda model: model.__name__)
def test_a_bulk_update_cannot_put_a_page_live(model):
    page = draft_of(model)

    with pytest.raises(NotPublishable):
        model.objects.filter(pk=page.pk).update(status=model.Status.PUBLISHED)
    with pytest.raises(NotPublishable):
        page.status = model.Status.PUBLISHED
        model.objects.bulk_update([page], ["status"])

    assert model.objects.get(pk=page.pk).status == model.Status.DRAFT


@pytest.mark.parametrize("model", publishable_models(), ids=lambda model: model.__name__)
def test_a_bulk_update_may_take_pages_down(model):
    page = draft_of(model)
    # Live already, as pages published before sign-off was required may be.
    models.QuerySet(model).filter(pk=page.pk).update(status=model.Status.PUBLISHED)

    assert model.objects.filter(pk=page.pk).update(status=model.Status.DRAFT) == 1

    assert model.objects.get(pk=page.pk).status == model.Status.DRAFT
