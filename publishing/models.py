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
from django.db.models import F, Q
from django.utils import timezone


class CachedContent(models.Model):
    """Marks a model whose rows visitors see on public pages. Saving or deleting one (or changing
    its many-to-many links) moves the content generation on, so every cached page is rendered
    afresh on its next request; see `publishing.caching`."""

    class Meta:
        abstract = True

    def publishing_problems(self):
        return []


class NotPublishable(ValidationError):
    """Raised by save() when a page would go live while something stops it; `problems` says what,
    in words for the editor."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


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
    def update(self, **kwargs):
        # A bulk update skips save(), where the review gate stands: it may take pages down, never
        # put them up. publish() puts a page up, one at a time.
        if kwargs.get("status", Publishable.Status.DRAFT) != Publishable.Status.DRAFT:
            raise NotPublishable(["Pages go live one at a time, through publish(), which checks them first."])
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "status" in fields:
            raise NotPublishable(["A page's status changes through save() or publish(), not bulk_update()."])
        return super().bulk_update(objs, fields, *args, **kwargs)

    def published(self):
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__gt=timezone.now())

    def awaiting_review(self):
        """Health pages a clinician should look at: those sent for review, and those live or
        scheduled whose text as it stands no clinician has signed off."""
        changed = ~Q(reviewed_content_hash="") & ~Q(reviewed_content_hash=F("content_hash"))
        not_signed_off = Q(reviewed_on__isnull=True) | changed
        return self.filter(self.model.needs_sign_off_q()).filter(
            Q(review_requested_at__isnull=False) | Q(status=Publishable.Status.PUBLISHED) & not_signed_off
        )


def published_sql(table):
    """`published()` as an SQL condition on `table` (a table's name or its alias in the query),
    with its parameters, for the one query the ORM cannot write: SQLite's full-text MATCH."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return f"{table}.status = %s AND {table}.published_at <= %s", [Publishable.Status.PUBLISHED, now]


class Publishable(CachedContent):
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

    def save(self, *args, **kwargs):
        # The one place every way of publishing passes through (forms, admin actions, history,
        # imports, the shell), so none of them can make a page live that may not be.
        update_fields = kwargs.get("update_fields")
        if (update_fields is None or "status" in update_fields) and self.is_going_live():
            problems = self.publishing_problems()
            if problems:
                raise NotPublishable(problems)
        super().save(*args, **kwargs)

    def is_going_live(self):
        """Whether saving now would make the page live or scheduled when it is not live yet. A page
        already live stays live when edited (its review state then says it changed)."""
        if self.status != self.Status.PUBLISHED:
            return False
        if self._state.adding:
            return True
        stored = type(self)._base_manager.filter(pk=self.pk).values("status", "published_at").first()
        return not (
            stored is not None
            and stored["status"] == self.Status.PUBLISHED
            and stored["published_at"] <= timezone.now()
        )

    def publishing_problems(self):
        """What stops this page going live, in words for the editor; empty when it may."""
        try:
            self.full_clean()
        except ValidationError as error:
            problems = [message for messages in error.message_dict.values() for message in messages]
        else:
            problems = []
        return [*problems, *super().publishing_problems()]

    def publish(self, at=None):
        """Make the page live at `at` (now unless given) and save it; or, when something stops it,
        leave it as it was and return what stops it."""
        previous = self.status, self.published_at
        self.status, self.published_at = self.Status.PUBLISHED, at or timezone.now()
        try:
            self.save()
        except NotPublishable as refusal:
            self.status, self.published_at = previous
            return refusal.problems
        return []

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


def publishable_models():
    """Every kind of page that can be a draft, scheduled or published, in app order."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def get_reviewer_model():
    """The model of the people who sign off health pages, named by PUBLISHING_REVIEWER_MODEL (as
    AUTH_USER_MODEL names the user model), so this app knows no feature app. It provides:
    `str(reviewer)`, the name a sign-off carries; `reviewer.schema_person`, the reviewer as
    schema.org structured data; and `Model.reviewer_for(user)`, the reviewer a staff login signs
    off as, or None."""
    return apps.get_model(settings.PUBLISHING_REVIEWER_MODEL, require_ready=False)


class ClinicallyReviewed(CachedContent):
    """Who last checked a health page, when, and when it is due again."""

    reviewed_by = models.ForeignKey(
        settings.PUBLISHING_REVIEWER_MODEL,
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

    review_requested_at = models.DateTimeField("sent for review", null=True, blank=True, editable=False)
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # When the health text last changed, so a live page changed since its sign-off can say so.
    content_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.reviewed_on and not self.next_review_on:
            self.next_review_on = self.reviewed_on + timedelta(days=settings.CONTENT_REVIEW_INTERVAL_DAYS)
        fingerprint = self.fingerprint()
        if fingerprint != self.content_hash:
            self.content_hash, self.content_changed_at = fingerprint, timezone.now()
        super().save(*args, **kwargs)

    def fingerprint(self):
        return hashlib.sha256(self.reviewable_text().encode()).hexdigest()

    @property
    def needs_sign_off(self):
        """Whether this page carries health content, and so goes live only once signed off."""
        return True

    @classmethod
    def needs_sign_off_q(cls):
        """`needs_sign_off` as a query condition."""
        return Q()

    @property
    def is_signed_off_as_is(self):
        signed = self.reviewed_content_hash
        return bool(self.reviewed_on and signed) and signed == self.fingerprint()

    def publishing_problems(self):
        problems = super().publishing_problems()
        if self.needs_sign_off and not self.is_signed_off_as_is:
            problems.append(
                "A clinician has not signed off its text as it stands: send it for review, and it "
                "can go live once signed off."
            )
        return problems

    def request_review(self, user):
        """Put the page on the reviewers' list, saying who asked."""
        self.review_requested_at, self.review_requested_by = timezone.now(), user
        type(self)._base_manager.filter(pk=self.pk).update(
            review_requested_at=self.review_requested_at, review_requested_by=user
        )

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
        """Record a clinical review by `reviewer` (see get_reviewer_model) of the text as it is now."""
        self.reviewed_by = reviewer
        self.reviewed_on = on or timezone.localdate()
        self.next_review_on = self.reviewed_on + timedelta(days=settings.CONTENT_REVIEW_INTERVAL_DAYS)
        self.reviewed_content_hash = self.fingerprint()
        self.review_requested_at = None
        self.save()

    def refresh_content_hash(self):
        """Re-fingerprint after related rows (steps, questions) were saved, without a new revision."""
        fingerprint = self.fingerprint()
        if fingerprint == self.content_hash:
            return
        self.content_hash, self.content_changed_at = fingerprint, timezone.now()
        type(self)._base_manager.filter(pk=self.pk).update(
            content_hash=self.content_hash, content_changed_at=self.content_changed_at
        )

    @property
    def is_changed_since_review(self):
        return bool(self.reviewed_content_hash) and self.reviewed_content_hash != self.content_hash

    def clean(self):
        super().clean()
        if bool(self.reviewed_by) != bool(self.reviewed_on):
            raise ValidationError(
                "A clinical review needs both the reviewer and the date: fill in both or neither."
            )
