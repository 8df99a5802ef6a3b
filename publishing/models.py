"""What every kind of public content shares: the page cache's knowledge of it, draft /
scheduled / published state, and clinical review.

A page is public once its status is published and its publish time has passed, so scheduling
needs no background job: the query itself decides.
"""

import hashlib
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone


class PublicContent(models.Model):
    """Marks a model whose rows visitors see on public pages. Saving or deleting one (or changing
    its many-to-many links) moves the content generation on, so every cached page is rendered
    afresh on its next request; see `publishing.caching`."""

    class Meta:
        abstract = True


class ContentStamp(models.Model):
    """A single row that says which version of the public content is current.

    Rendered pages are cached under this generation, so reading one small row is all a cached
    page costs the database. Saving any content moves the generation on; so does the moment a
    scheduled page goes live, which `next_publication` (Unix seconds) records in advance.
    """

    generation = models.PositiveBigIntegerField(default=0)
    next_publication = models.BigIntegerField(
        null=True, help_text="When the next scheduled page goes live, in Unix seconds."
    )

    class Meta:
        # The table the project package created before the model moved here.
        db_table = "hipcare_contentstamp"

    def __str__(self):
        return f"content generation {self.generation}"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__gt=timezone.now())


def published_sql(table):
    """`published()` as an SQL condition on `table` (a table's name or its alias in the query),
    with its parameters, for the one query the ORM cannot write: SQLite's full-text MATCH."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return f"{table}.status = %s AND {table}.published_at <= %s", [Publishable.Status.PUBLISHED, now]


class Publishable(PublicContent):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are visible to staff only.",
    )
    published_at = models.DateTimeField(
        "publish time",
        default=timezone.now,
        help_text="A published page appears at this time; pick a future time to schedule it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def publishing_problems(self):
        """What stops this page going live, in words for the editor; empty when it may. Every way
        of publishing asks: the form, the "Publish now" button and the bulk action."""
        try:
            self.full_clean()
        except ValidationError as error:
            return [message for messages in error.message_dict.values() for message in messages]
        return []

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


def publishable_models():
    """Every kind of page that can be a draft, scheduled or published, in app order."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


class ClinicallyReviewed(PublicContent):
    """Who last checked a health page, when, and when it is due again."""

    reviewed_by = models.ForeignKey(
        "clinicians.Clinician",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)s_reviews",
        help_text="The clinician who last checked this page for accuracy.",
    )
    reviewed_on = models.DateField(null=True, blank=True, help_text="The day of that check.")
    next_review_on = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Left empty, it is set to a year after the review date.",
    )
    # Fingerprints of the health text now and at the last sign-off; they differ once the text has
    # changed since a clinician checked it.
    content_hash = models.CharField(max_length=64, editable=False, default="")
    reviewed_content_hash = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.reviewed_on and not self.next_review_on:
            self.next_review_on = self.reviewed_on + timedelta(days=settings.CONTENT_REVIEW_INTERVAL_DAYS)
        self.content_hash = hashlib.sha256(self.reviewable_text().encode()).hexdigest()
        super().save(*args, **kwargs)

    def reviewable_text(self):
        """The text a clinician vouches for when signing off; each model says which fields."""
        raise NotImplementedError

    def medical_web_page(self, url, name, main_entity):
        """schema.org MedicalWebPage at `url` about `main_entity` (an item with an "@id"), saying
        who last checked it and when, for a page's structured data."""
        page = {
            "@type": "MedicalWebPage",
            "@id": url,
            "url": url,
            "name": name,
            "mainEntity": {"@id": main_entity["@id"]},
        }
        if self.reviewed_on:
            page["reviewedBy"] = self.reviewed_by.schema_person
            page["lastReviewed"] = self.reviewed_on.isoformat()
        return page

    def sign_off(self, reviewer, *, on=None):
        """Record a clinical review by `reviewer` (a Clinician) of the text as it is now."""
        self.reviewed_by = reviewer
        self.reviewed_on = on or timezone.localdate()
        self.next_review_on = self.reviewed_on + timedelta(days=settings.CONTENT_REVIEW_INTERVAL_DAYS)
        self.reviewed_content_hash = hashlib.sha256(self.reviewable_text().encode()).hexdigest()
        self.save()

    def refresh_content_hash(self):
        """Re-fingerprint after related rows (steps, questions) were saved, without a new revision."""
        self.content_hash = hashlib.sha256(self.reviewable_text().encode()).hexdigest()
        type(self).objects.filter(pk=self.pk).update(content_hash=self.content_hash)

    @property
    def is_changed_since_review(self):
        return bool(self.reviewed_content_hash) and self.reviewed_content_hash != self.content_hash

    def clean(self):
        super().clean()
        if bool(self.reviewed_by) != bool(self.reviewed_on):
            raise ValidationError(
                "A clinical review needs both the reviewer and the date: fill in both or neither."
            )
