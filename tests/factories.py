import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Reference, Topic
from clinicians.models import Clinician
from exercises.models import BodyRegion, Equipment, Exercise, Step
from quizzes.models import Quiz


class ClinicianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinician

    name = factory.Sequence(lambda n: f"Dr. Clinician {n}")
    slug = factory.Sequence(lambda n: f"clinician-{n}")
    credentials = "PT, DPT"
    bio = "Treats pelvic floor and hip pain."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary."
    body = "## A heading\n\nSome text."
    author = factory.SubFactory(ClinicianFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))


class ExerciseFactory(factory.django.DjangoModelFactory):
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


class QuizFactory(factory.django.DjangoModelFactory):
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
