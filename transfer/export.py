"""The content library as a zip of markdown files with front matter, images and a manifest."""

import json
import re
import zipfile
from collections import Counter
from datetime import date, datetime, time

import frontmatter
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from publishing.models import ClinicallyReviewed

from .documents import KINDS, fields_of, natural_key

FORMAT = "hipcare-content"
VERSION = 1
MEDIA_FOLDER = "media/"
# What a person opening a file looks for first.
FIRST = {"title", "name", "slug", "term", "summary"}
# Pictures staff dropped into a markdown text live in storage under the editor's upload folder.
INLINE_UPLOAD = re.compile(re.escape(settings.MEDIA_URL + settings.MARKDOWNX_MEDIA_PATH) + r"[\w.-]+")

README = """This is a copy of a clinic website's content: every article, exercise, self-check, topic,
clinician and page, as plain markdown files you can read and edit with any text editor.

- Each folder holds one kind of content, one file an item. The part between the two "---" lines
  is the item's details; below it is its main text, in markdown.
- media/ holds every picture, video and caption file, as it was uploaded.
- manifest.json lists what is here.

Nothing personal is in this file: no booking requests, no newsletter subscribers, no logins.
It can be brought back into a site with `python manage.py import_content`.
"""


def plain(value, model_field):
    """A field's value as YAML can hold it, with links to other content as their slugs."""
    if isinstance(model_field, models.ManyToManyField):
        return sorted(natural_key(item) for item in value.all())
    if isinstance(model_field, models.ForeignKey):
        return natural_key(value) if value else None
    if isinstance(model_field, models.FileField):
        return MEDIA_FOLDER + value.name if value else ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def document(instance, kind):
    """One item's front matter and body, as the export writes them and the import compares them."""
    fields = sorted(
        fields_of(kind.model, skip={kind.body}), key=lambda model_field: model_field.name not in FIRST
    )
    front = {
        model_field.name: plain(getattr(instance, model_field.name), model_field) for model_field in fields
    }
    if isinstance(instance, ClinicallyReviewed) and instance.reviewed_on:
        front["changed_since_review"] = instance.is_changed_since_review
    for children in kind.children:
        front[children.name] = child_rows(instance, children)
    return front, getattr(instance, kind.body) if kind.body else ""


def child_rows(parent, children):
    rows = []
    for child in children.model.objects.filter(**{children.parent: parent}).order_by(children.order_by):
        row = {
            model_field.name: plain(getattr(child, model_field.name), model_field)
            for model_field in fields_of(children.model, skip={children.parent})
        }
        for grandchildren in children.children:
            row[grandchildren.name] = child_rows(child, grandchildren)
        rows.append(row)
    return rows


def stored_files(front):
    """Every media path a document names, in its own fields and its children's."""
    for value in front.values():
        if isinstance(value, str) and value.startswith(MEDIA_FOLDER):
            yield value
        elif isinstance(value, list):
            for row in value:
                if isinstance(row, dict):
                    yield from stored_files(row)


def export_library(destination, selection=None):
    """Write the library to `destination` (a path or a writable file); return counts by kind.
    `selection` (kind name -> queryset) narrows those kinds to the chosen items."""
    selection = selection or {}
    counts, media, names = Counter(), set(), []
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            queryset = selection.get(kind.name, kind.model.objects.all())
            for instance in queryset.order_by("pk"):
                front, body = document(instance, kind)
                key = "profile" if kind.key == "pk" else getattr(instance, kind.key)
                name = f"{kind.folder}/{slug_for_file(key)}.md"
                archive.writestr(
                    name, frontmatter.dumps(frontmatter.Post(body, **front), sort_keys=False) + "\n"
                )
                names.append(name)
                media.update(stored_files(front))
                media.update(
                    MEDIA_FOLDER + url.removeprefix(settings.MEDIA_URL) for url in INLINE_UPLOAD.findall(body)
                )
                counts[kind.name] += 1
        for path in sorted(media):
            stored_name = path.removeprefix(MEDIA_FOLDER)
            if default_storage.exists(stored_name):
                with default_storage.open(stored_name) as stored:
                    archive.writestr(path, stored.read())
                names.append(path)
        archive.writestr("README.txt", README)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": timezone.now().isoformat(),
            "site": settings.SITE_URL,
            "counts": dict(counts),
            "files": names,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2) + "\n")
    return counts


def slug_for_file(key):
    """A jargon word can hold spaces or capitals; file names keep to letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", str(key).lower()).strip("-") or "item"
