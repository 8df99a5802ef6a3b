"""Where imported content comes from: this site's own export, a Webflow CMS collection export
(CSV), or a folder of markdown files with front matter. Each gives `Incoming` items and a way to
read the files they name."""

import csv
import json
import re
import zipfile
import zlib
from datetime import datetime
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import markdown
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.text import Truncator, slugify
from frontmatter.default_handlers import YAMLHandler

from articles.models import SUMMARY_LIMIT
from publishing.images import MAX_UPLOAD_BYTES

from .documents import KINDS
from .export import FORMAT, INLINE_UPLOAD, MEDIA_FOLDER
from .html import markdown_from_html
from .importer import IMAGE_SUFFIXES, Incoming, clean_image, content_addressed

ARTICLE = next(kind for kind in KINDS if kind.name == "article")
# Webflow's own columns, and the field names of its blog template; --map and --mapping change them.
WEBFLOW_COLUMNS = {
    "title": "Name",
    "slug": "Slug",
    "body": "Post Body",
    "summary": "Post Summary",
    "lead_image": "Main Image",
    "published_at": "Published On",
}
WEBFLOW_DATE = re.compile(r"^\w{3} (\w{3} \d{1,2} \d{4} \d\d:\d\d:\d\d) GMT([+-]\d{4})")
TRUE = {"true", "yes", "1"}
# Each file is read only up to the most the site accepts by upload (a picture, a video), counted
# as it is read or inflated: a zip member's own record of its size may lie.
MAX_MEDIA_BYTES = settings.VIDEO_UPLOAD_MAX_MB * 1024 * 1024
MAX_TEXT_BYTES = 1024 * 1024
MAX_CSV_BYTES = 50 * 1024 * 1024
# What a damaged or hostile zip member raises as it is inflated.
UNREADABLE_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


class TooLarge(Exception):
    pass


def read_capped(opened, limit):
    """The bytes of a file opened for reading, or TooLarge once more than `limit` come out."""
    with opened as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge
    return data


def media_limit(path):
    return MAX_UPLOAD_BYTES if path.lower().endswith(IMAGE_SUFFIXES) else MAX_MEDIA_BYTES


class FrontMatterLoader(yaml.SafeLoader):
    """YAML without aliases: `*name` lets a few hundred bytes stand for gigabytes of repeats, and
    no page's front matter needs one."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "uses a YAML alias (*name), which front matter may not",
                self.peek_event().start_mark,
            )
        return super().compose_node(parent, index)


class FrontMatterYAML(YAMLHandler):
    def load(self, fm, **kwargs):
        return yaml.load(fm, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader


def front_matter(data, origin):
    """A markdown file's front matter and text, or a CommandError saying why it cannot be read."""
    try:
        text = data.decode()
        handler = frontmatter.detect_format(text, frontmatter.handlers)
        if handler is None or isinstance(handler, YAMLHandler):
            handler = FrontMatterYAML()
        return frontmatter.loads(text, handler=handler)
    # Nesting deeper than the parser's stack is RecursionError; TOML and JSON raise ValueError.
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError) as error:
        raise CommandError(f"{origin} cannot be read: {error}") from error


class ExportFile:
    """This site's own zip."""

    def __init__(self, path):
        try:
            self.archive = zipfile.ZipFile(path)
            manifest = json.loads(read_capped(self.archive.open("manifest.json"), MAX_TEXT_BYTES))
        except (*UNREADABLE_MEMBER, KeyError, ValueError, TooLarge) as error:
            raise CommandError(f"{path} is not a content export from this site ({error}).") from error
        if manifest.get("format") != FORMAT:
            raise CommandError(
                f"{path} is not a content export from this site: its manifest names no such format."
            )

    def items(self):
        names = self.archive.namelist()
        for kind in KINDS:
            for name in sorted(names):
                if name.startswith(kind.folder + "/") and name.endswith(".md"):
                    try:
                        data = read_capped(self.archive.open(name), MAX_TEXT_BYTES)
                    except TooLarge:
                        raise CommandError(
                            f"{name} is larger than any page the site holds; is this the right file?"
                        ) from None
                    except UNREADABLE_MEMBER as error:
                        raise CommandError(f"{name} cannot be read: {error}") from error
                    post = front_matter(data, name)
                    attachments = [
                        MEDIA_FOLDER + url.removeprefix(settings.MEDIA_URL)
                        for url in INLINE_UPLOAD.findall(post.content)
                    ]
                    yield Incoming(kind, dict(post.metadata), post.content, name, attachments=attachments)

    def read_media(self, path):
        """The file's bytes; None when it is missing, damaged or larger than the site accepts."""
        try:
            return read_capped(self.archive.open(path), media_limit(path))
        except (*UNREADABLE_MEMBER, KeyError, TooLarge):
            return None


class ForeignSource:
    """What the Webflow and markdown-folder imports share: articles by one author, pictures
    from the clinic's own folder, the old address of each article."""

    def __init__(self, *, author, images, old_url_prefix, topic_names):
        self.author = author
        self.images = Path(images) if images else None
        self.old_url_prefix = old_url_prefix
        self.topic_names = topic_names
        self.media = {}
        self.notes = []

    def find_image(self, source, folder):
        """The site's name for the picture at `source`, from the images folder; None if absent."""
        if not self.images:
            return None
        path = self.images / unquote(urlsplit(source).path).rsplit("/", 1)[-1]
        if not path.is_file():
            return None
        try:
            data, extension = clean_image(read_capped(path.open("rb"), MAX_UPLOAD_BYTES), path.name)
        except TooLarge:
            self.notes.append(f"{path.name}: larger than the 5 MB a picture may be")
            return None
        except ValidationError as error:
            self.notes.append(f"{path.name}: {' '.join(error.messages)}")
            return None
        name = content_addressed(folder, data, extension)
        self.media[MEDIA_FOLDER + name] = data
        return name

    def inline_image(self, source):
        name = self.find_image(source, settings.MARKDOWNX_MEDIA_PATH)
        if not name:
            return None
        self.attachments.append(MEDIA_FOLDER + name)
        return default_storage.url(name)

    def read_media(self, path):
        return self.media.get(path)

    def article(
        self,
        origin,
        *,
        title,
        slug,
        body_html,
        summary,
        published_at,
        lead_image,
        topics,
        old_slug,
        old_url="",
    ):
        self.attachments = []
        body, missing, pixels = markdown_from_html(body_html, self.inline_image)
        notes = [f"picture not found, upload it in the editor: {source}" for source in missing]
        if pixels:
            notes.append(f"{pixels} tracking pixel(s) removed")
        summary = " ".join((summary or "").split())
        if len(summary) > SUMMARY_LIMIT:
            summary = Truncator(summary).chars(SUMMARY_LIMIT)
            notes.append(f"summary shortened to {SUMMARY_LIMIT} characters")
        front = {
            "title": title.strip(),
            "slug": slug,
            "summary": summary,
            "author": self.author,
            "published_at": published_at or timezone.now().isoformat(),
            "topics": [
                self.topic_names[slugify(name)] for name in topics if slugify(name) in self.topic_names
            ],
        }
        notes += [
            f"no topic “{name.strip()}” on the site: add it, then tag the article"
            for name in topics
            if name.strip() and slugify(name) not in self.topic_names
        ]
        if lead_image:
            name = self.find_image(lead_image, "articles/")
            if name:
                front["lead_image"] = MEDIA_FOLDER + name
                notes.append("describe the lead picture before publishing")
            else:
                notes.append(f"lead picture not found, upload it: {lead_image}")
        if not old_url and self.old_url_prefix is not None:
            old_url = f"{self.old_url_prefix.rstrip('/')}/{old_slug}"
        return Incoming(ARTICLE, front, body, origin, old_url, self.attachments), notes


class WebflowCSV(ForeignSource):
    def __init__(self, path, *, columns, **options):
        super().__init__(**options)
        self.path, self.columns = path, {**WEBFLOW_COLUMNS, **columns}
        try:
            if Path(path).stat().st_size > MAX_CSV_BYTES:
                raise CommandError(f"{path} is larger than any CMS export the site reads (50 MB).")
            with open(path, encoding="utf-8-sig", newline="") as handle:
                self.rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path} cannot be read as a CSV file: {error}") from error
        found = set(self.rows[0]) if self.rows else set()
        needed = [self.columns[name] for name in ("title", "slug", "body")]
        if not self.rows or not set(needed) <= found:
            raise CommandError(
                f"{path} has no {', '.join(repr(column) for column in needed if column not in found) or 'rows'}"
                f" column. Its columns are: {', '.join(sorted(found)) or 'none'}. Use --map FIELD=COLUMN to say which to use."
            )

    def cell(self, row, name):
        return (row.get(self.columns.get(name, ""), "") or "").strip()

    def items(self):
        for number, row in enumerate(self.rows, start=2):
            origin = f"row {number}"
            if row.get("Archived", "").strip().lower() in TRUE:
                self.notes.append(f"{origin}: archived in Webflow, not brought in")
                continue
            value = partial(self.cell, row)
            slug = value("slug") or slugify(value("title"))
            item, notes = self.article(
                origin,
                title=value("title"),
                slug=slugify(slug)[:120],
                body_html=value("body"),
                summary=value("summary"),
                published_at=webflow_date(value("published_at") or row.get("Created On", "")),
                lead_image=value("lead_image"),
                topics=re.split(r"[;,]", value("topics")) if "topics" in self.columns else [],
                old_slug=slug,
            )
            for field_name in ("key_takeaways", "when_to_get_help"):
                if field_name in self.columns:
                    item.front[field_name] = markdown_from_html(value(field_name), lambda source: None)[0]
            self.notes.extend(f"{origin}: {note}" for note in notes)
            yield item


class MarkdownFolder(ForeignSource):
    def __init__(self, path, **options):
        super().__init__(**options)
        self.files = sorted(Path(path).rglob("*.md"))
        if not self.files:
            raise CommandError(f"{path} holds no markdown (.md) files.")

    def items(self):
        for path in self.files:
            origin = str(path)
            try:
                post = front_matter(read_capped(path.open("rb"), MAX_TEXT_BYTES), origin)
            except TooLarge:
                raise CommandError(f"{origin} is larger than any page the site holds.") from None
            except OSError as error:
                raise CommandError(f"{origin} cannot be read: {error}") from error
            meta = post.metadata
            if not meta.get("title"):
                self.notes.append(f"{origin}: has no title in its front matter, not brought in")
                continue
            slug = str(meta.get("slug") or path.stem)
            topics = meta.get("topics") or meta.get("tags") or meta.get("categories") or []
            when = meta.get("date") or meta.get("publishDate")
            if when and not isinstance(when, datetime):
                when = timezone.make_aware(datetime.combine(when, datetime.min.time()))
            item, notes = self.article(
                origin,
                title=str(meta["title"]),
                slug=slugify(slug)[:120],
                # Markdown from a static-site generator often carries HTML of its own: it takes the
                # same road as Webflow's.
                body_html=markdown.markdown(post.content, extensions=["tables"]),
                summary=str(meta.get("summary") or meta.get("description") or meta.get("excerpt") or ""),
                published_at=when.isoformat() if when else None,
                lead_image=str(meta.get("image") or meta.get("cover") or meta.get("featured_image") or ""),
                topics=[str(topic) for topic in (topics if isinstance(topics, list) else [topics])],
                old_slug=slug,
                # Static-site generators name a page's address, or its former ones, themselves.
                old_url=str(meta.get("url") or (meta.get("aliases") or [""])[0]),
            )
            self.notes.extend(f"{origin}: {note}" for note in notes)
            yield item


def webflow_date(text):
    """Webflow writes dates as JavaScript prints them ("Tue Oct 01 2024 09:00:00 GMT+0000 (…)")."""
    text = text.strip()
    if not text:
        return None
    match = WEBFLOW_DATE.match(text)
    try:
        if match:
            return datetime.strptime(f"{match[1]} {match[2]}", "%b %d %Y %H:%M:%S %z").isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None
