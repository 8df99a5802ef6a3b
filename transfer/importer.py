"""Bringing content in: items from any source, created, updated or skipped in one transaction."""

import hashlib
import re
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import models, transaction
from PIL import Image

from publishing.caching import one_content_change
from publishing.images import (
    ACCEPTED_FORMATS,
    copies_made_once,
    encode,
    pixels_only,
    save_options,
    validate_image_upload,
)
from publishing.models import ClinicallyReviewed, Publishable

from .documents import fields_of
from .export import MEDIA_FOLDER, child_rows, document

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# A stored name the file says to use: a folder or two of plain names and a media extension; never
# "..", an absolute path, or a type the site would not serve.
SAFE_MEDIA_NAME = re.compile(r"(?:[\w-]+/){1,3}[\w.-]+\.(?:jpe?g|png|webp|mp4|webm|vtt)", re.I)


@dataclass
class Incoming:
    """One item as a source read it: front matter in the export's form, its body, and where it
    came from (a file name or a CSV row) for the report."""

    kind: object
    front: dict
    body: str
    origin: str
    old_url: str = ""
    # Pictures the body shows ("media/…" paths), stored along with the item.
    attachments: list = field(default_factory=list)


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    missing_images: list = field(default_factory=list)
    redirects: list = field(default_factory=list)

    def problem(self, origin, message):
        self.problems.append(f"{origin}: {message}")


class DryRun(Exception):
    """Rolls back everything a dry run did."""


def clean_image(data, label):
    """A picture from outside, checked by content and stored without its metadata (a photo's EXIF
    can hold where it was taken): (bytes, extension)."""
    upload = File(BytesIO(data), name=label)
    upload.size = len(data)
    validate_image_upload(upload)
    with Image.open(BytesIO(data)) as original:
        image_format = original.format
        image = pixels_only(original)
    return encode(image, image_format, **save_options(image_format, 85)), ACCEPTED_FORMATS[image_format]


class Importer:
    def __init__(self, read_media, *, restore=False, update=False, dry_run=False):
        """`read_media(path)` gives the bytes of a "media/…" path the items name, or None.
        `restore` keeps what the export says about publication and review (a site's own export
        brought back); otherwise every item arrives as a draft awaiting review. Items already on
        the site are left alone unless `update` (or `restore`) is set."""
        self.read_media = read_media
        self.restore = restore
        self.update = update or restore
        self.dry_run = dry_run
        self.report = Report()

    def run(self, items):
        try:
            with one_content_change(), copies_made_once(), transaction.atomic():
                # Every file is read and checked before any item is brought in, so a broken one
                # stops the import before its pictures are stored and their copies made.
                items = list(items)
                deferred = []
                for item in items:
                    deferred.extend(self.bring_in(item))
                for instance, name, slug in deferred:
                    self.link_later(instance, name, slug)
                if self.dry_run:
                    raise DryRun
        except DryRun:
            pass
        return self.report

    def label(self, item):
        return f"{item.kind.name} “{item.front.get('title') or item.front.get('name') or item.front.get(item.kind.key) or item.origin}”"

    def bring_in(self, item):
        kind, front = item.kind, dict(item.front)
        changed_since_review = front.pop("changed_since_review", True)
        if issubclass(kind.model, Publishable) and not self.restore:
            front["status"] = Publishable.Status.DRAFT
        if issubclass(kind.model, ClinicallyReviewed) and not self.restore:
            front.update(reviewed_by=None, reviewed_on=None, next_review_on=None)
        if kind.key == "pk" and not self.restore:
            self.report.skipped.append(
                f"{item.origin}: the clinic's details are brought back only with --restore"
            )
            return []
        existing = self.find(kind, front)
        if existing is not None:
            current, current_body = document(existing, kind)
            fields = {model_field.name: model_field for model_field in fields_of(kind.model)}
            if all(
                same(current[name], value, fields.get(name))
                for name, value in front.items()
                if name in current
            ) and (not kind.body or current_body.strip() == item.body.strip()):
                self.report.unchanged.append(self.label(item))
                self.list_redirect(item, existing)
                return []
            if not self.update:
                self.report.skipped.append(
                    f"{self.label(item)}: already on the site (use --update to replace it)"
                )
                return []
        instance = existing or kind.model()
        try:
            with transaction.atomic():
                related, deferred = self.apply(instance, kind.model, front, item.origin, skip={kind.body})
                if kind.body:
                    setattr(instance, kind.body, item.body)
                for path in item.attachments:
                    self.stored(path, item.origin)
                instance.clean_fields(exclude=[name for name, _ in related])
                # A restored page goes live, like any other, once its steps and questions are in
                # and its sign-off is known to cover them: until then it waits as a draft.
                go_live = isinstance(instance, Publishable) and instance.is_going_live()
                if go_live:
                    instance.status = Publishable.Status.DRAFT
                instance.save()
                for name, targets in related:
                    getattr(instance, name).set(targets)
                for children in kind.children:
                    if children.name in front:
                        self.replace_children(instance, children, front[children.name], item.origin)
                if isinstance(instance, ClinicallyReviewed):
                    instance.refresh_content_hash()
                    if self.restore and instance.reviewed_on and not changed_since_review:
                        instance.reviewed_content_hash = instance.content_hash
                        type(instance).objects.filter(pk=instance.pk).update(
                            reviewed_content_hash=instance.content_hash
                        )
                problems = instance.publish(at=instance.published_at) if go_live else []
                for problem in problems:
                    self.report.problem(item.origin, f"stays a draft: {problem}")
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.report.problem(item.origin, f"{name}: {' '.join(messages)}")
            self.report.skipped.append(f"{self.label(item)}: not brought in, see the problems below")
            return []
        (self.report.updated if existing else self.report.created).append(self.label(item))
        self.list_redirect(item, instance)
        return [(instance, name, slug) for name, slug in deferred]

    def find(self, kind, front):
        if kind.key == "pk":
            return kind.model.current()
        return kind.model.objects.filter(**{kind.key: front.get(kind.key)}).first()

    def list_redirect(self, item, instance):
        """The item's old address answers with a permanent redirect to its new one, kept as a row
        of the redirects app that staff can change in the admin."""
        if not (item.old_url and hasattr(instance, "get_absolute_url")):
            return
        old, new = urlsplit(item.old_url).path or "/", instance.get_absolute_url()
        self.report.redirects.append((old, new))
        if old != new:
            Redirect.objects.update_or_create(
                site_id=settings.SITE_ID, old_path=old[:200], defaults={"new_path": new}
            )

    def apply(self, instance, model, front, origin, skip=()):
        """Set `instance`'s fields from `front`; return (many-to-many links to set after saving,
        links to items of its own kind to set once all have arrived)."""
        related, deferred = [], []
        for model_field in fields_of(model, skip=skip):
            if model_field.name not in front:
                continue
            value = front[model_field.name]
            if isinstance(model_field, models.ManyToManyField):
                target = model_field.related_model
                found = list(target.objects.filter(slug__in=value or []))
                for slug in set(value or []) - {item.slug for item in found}:
                    self.report.problem(
                        origin, f"{model_field.verbose_name}: “{slug}” is not on the site or in the import"
                    )
                related.append((model_field.name, found))
            elif isinstance(model_field, models.ForeignKey):
                if value and model_field.related_model is model:
                    deferred.append((model_field.name, value))
                    continue
                target = model_field.related_model.objects.filter(slug=value).first() if value else None
                if value and target is None:
                    message = f"“{value}” is not on the site or in the import"
                    if not model_field.null:
                        raise ValidationError({model_field.name: message})
                    self.report.problem(origin, f"{model_field.verbose_name}: {message}")
                setattr(instance, model_field.name, target)
            elif isinstance(model_field, models.FileField):
                setattr(instance, model_field.name, self.stored(value, origin))
            else:
                try:
                    setattr(instance, model_field.name, model_field.to_python(value))
                except ValidationError as error:
                    raise ValidationError({model_field.name: error.messages}) from error
        return related, deferred

    def stored(self, path, origin):
        """The storage name for a "media/…" path, its file written unless it is there already."""
        if not path:
            return ""
        name = path.removeprefix(MEDIA_FOLDER)
        if not SAFE_MEDIA_NAME.fullmatch(name):
            self.report.problem(origin, f"{name}: not a picture, video or caption file name this site stores")
            return ""
        if default_storage.exists(name):
            return name
        data = self.read_media(path)
        if data is None:
            self.report.missing_images.append(f"{origin}: {name}")
            return ""
        if name.lower().endswith(IMAGE_SUFFIXES):
            upload = File(BytesIO(data), name=name)
            upload.size = len(data)
            try:
                validate_image_upload(upload)
            except ValidationError as error:
                self.report.problem(origin, f"{name}: {' '.join(error.messages)}")
                return ""
        if self.dry_run:
            # Nothing is stored in a dry run, so the item is saved (and rolled back) without it:
            # saving would make its smaller copies from the file.
            return ""
        return default_storage.save(name, ContentFile(data))

    def replace_children(self, parent, children, rows, origin):
        if child_rows(parent, children) == rows:
            return
        children.model.objects.filter(**{children.parent: parent}).delete()
        for row in rows:
            child = children.model(**{children.parent: parent})
            related, _ = self.apply(child, children.model, row, origin, skip={children.parent})
            child.clean_fields(exclude=[children.parent, *(name for name, _ in related)])
            child.save()
            for name, targets in related:
                getattr(child, name).set(targets)
            for grandchildren in children.children:
                if grandchildren.name in row:
                    self.replace_children(child, grandchildren, row[grandchildren.name], origin)

    def link_later(self, instance, name, slug):
        target = type(instance).objects.filter(slug=slug).first()
        if target is None:
            self.report.problem(instance.slug, f"{name}: “{slug}” is not on the site or in the import")
            return
        if getattr(instance, f"{name}_id") != target.pk:
            type(instance).objects.filter(pk=instance.pk).update(**{name: target})


def same(current, incoming, model_field):
    """Whether a field already holds what the import brings, however each side writes it (a time
    in another zone, links in another order)."""
    if isinstance(model_field, models.DateTimeField | models.DateField | models.TimeField):
        try:
            return model_field.to_python(current) == model_field.to_python(incoming)
        except ValidationError:
            return False
    if isinstance(model_field, models.ManyToManyField):
        return sorted(current or []) == sorted(incoming or [])
    return current == incoming


def content_addressed(folder, data, extension):
    """A stored name that is the same every time the same picture is imported."""
    return f"{folder}imported-{hashlib.sha256(data).hexdigest()[:16]}.{extension}"
