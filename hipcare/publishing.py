"""Draft / scheduled / published state shared by articles and exercises.

A page is public once its status is published and its publish time has passed, so scheduling
needs no background job: the query itself decides.
"""

from django.db import models
from django.utils import timezone


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publishable.Status.PUBLISHED, published_at__lte=timezone.now())


class Publishable(models.Model):
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

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class StaffPreviewMixin:
    """For detail views: visitors see published pages only; staff may also open drafts."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.request.user.is_staff else queryset.published()
