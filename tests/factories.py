import factory
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from articles.models import Article, Reference, Topic
from clinicians.models import Clinician
from exercises.models import BodyRegion, Equipment, Exercise, Step
from publishing.caching import content_changed
from quizzes.models import Quiz


class ClinicianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinician

    name = factory.Sequence(lambda n: f"Dr. Clinician {n}")
    slug = factory.Sequence(lambda n: f"clinician-{n}")
    credentials = "PT, DPT"
    bio = "Treats pelvic floor and hip pain."


class LiveContentFactory(factory.django.DjangoModelFactory):
    """Saves a page as a draft and then marks it live behind save()'s back, as pages published
    before sign-off was required still are; tests that publish through the site's own ways
    (forms, actions, publish()) meet its checks. Stored unreviewed unless the test signs it off."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status", model_class.Status.PUBLISHED)
        instance = super()._create(model_class, *args, status=model_class.Status.DRAFT, **kwargs)
        if status != instance.status:
            models.QuerySet(model_class).filter(pk=instance.pk).update(status=status)
            instance.status = status
            content_changed()
        return instance


class ArticleFactory(LiveContentFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary."
    body = "## A heading\n\nSome text."
    author = factory.SubFactory(ClinicianFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))


class ExerciseFactory(LiveContentFactory):
    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    kind = Exercise.Kind.STRETCH
    summary = "A gentle stretch."
    purpose = "Loosens the hip."
    author = factory.SubFactory(ClinicianFactory)
    status = Exercise.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    exercise = factory.SubFactory(ExerciseFactory)
    position = factory.Sequence(lambda n: n + 1)
    instruction = "Do the thing."


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Reference {n}")
    url = "https://journal.example/paper"


class BodyRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyRegion

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    name = factory.Sequence(lambda n: f"Equipment {n}")
    slug = factory.Sequence(lambda n: f"equipment-{n}")


class QuizFactory(LiveContentFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Self-check {n}")
    slug = factory.Sequence(lambda n: f"self-check-{n}")
    summary = "A short check."
    introduction = "Takes two minutes. **Not a diagnosis.**"
    urgent_guidance = "Go to urgent care **now**."
    author = factory.SubFactory(ClinicianFactory)
    status = Quiz.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
