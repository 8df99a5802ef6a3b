"""Each kind of content as a markdown file with front matter, and back.

One spec per kind says where its files go, which field is the file's body, and which fields are
links to other content (written as slugs), files (written as paths in the export) or rows of their
own (steps, questions, references). Every other editable field goes into the front matter as it
is, so a field added to a model travels without a change here.
"""

from dataclasses import dataclass, field

from django.db import models

from articles.models import Article, Reference, Topic
from clinic.models import ClinicProfile, OpeningHours, Page
from clinicians.models import Clinician
from exercises.models import BodyRegion, Equipment, Exercise, Step
from quizzes.models import Answer, Outcome, Question, Quiz
from staff.models import GlossaryTerm

# Fields that are the site's own bookkeeping, worked out again on save, or a login: never exported.
NOT_EXPORTED = {
    "id", "created_at", "updated_at", "content_hash", "reviewed_content_hash", "user", "history",
}  # fmt: skip


@dataclass(frozen=True)
class Children:
    """Rows that belong to one item (an exercise's steps), written as a list in its front matter."""

    name: str
    model: type
    parent: str
    order_by: str
    children: tuple = ()


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    folder: str
    body: str = ""
    key: str = "slug"
    children: tuple = field(default_factory=tuple)


KINDS = [
    Kind("clinician", Clinician, "clinicians", body="bio"),
    Kind("topic", Topic, "topics", body="description"),
    Kind("body region", BodyRegion, "body-regions"),
    Kind("equipment", Equipment, "equipment"),
    Kind("jargon word", GlossaryTerm, "jargon", key="term"),
    Kind(
        "exercise",
        Exercise,
        "exercises",
        body="purpose",
        children=(Children("steps", Step, "exercise", "position"),),
    ),
    Kind(
        "article",
        Article,
        "articles",
        body="body",
        children=(Children("references", Reference, "article", "position"),),
    ),
    Kind(
        "self-check",
        Quiz,
        "self-checks",
        body="introduction",
        children=(
            Children(
                "questions",
                Question,
                "quiz",
                "position",
                (Children("answers", Answer, "question", "position"),),
            ),
            Children("outcomes", Outcome, "quiz", "min_score"),
        ),
    ),
    Kind("page", Page, "pages", body="body"),
    Kind(
        "clinic profile",
        ClinicProfile,
        "clinic",
        key="pk",
        children=(Children("opening_hours", OpeningHours, "profile", "weekday"),),
    ),
]


def fields_of(model, *, skip=()):
    """The editable fields that travel in a file, in model order."""
    return [
        model_field
        for model_field in model._meta.get_fields()
        if getattr(model_field, "concrete", False) or isinstance(model_field, models.ManyToManyField)
        if getattr(model_field, "editable", False)
        and not model_field.auto_created
        and model_field.name not in NOT_EXPORTED
        and model_field.name not in skip
    ]


def natural_key(instance):
    """How a file names a linked item: its slug (every linked kind has one)."""
    return instance.slug
