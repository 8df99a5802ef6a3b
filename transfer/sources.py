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
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import markdown
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from frontmatter.default_handlers import YAMLHandler

from articles.models import SUMMARY_LIMIT, Topic
from clinicians.models import Clinician
from publishing.images import MAX_UPLOAD_BYTES

from .documents import KINDS
from .export import FORMAT, INLINE_UPLOAD, MEDIA_FOLDER
from .fetch import Refused, fetch_picture
from .html import markdown_from_html
from .importer import IMAGE_SUFFIXES, Incoming, clean_image, content_addressed

ARTICLE = next(kind for kind in KINDS if kind.name == "article")
CLINICIAN = next(kind for kind in KINDS if kind.name == "clinician")
# Webflow's own columns, and the field names of its blog template; --map and --mapping change them.
WEBFLOW_COLUMNS = {
    "title": "Name",
    "slug": "Slug",
    "body": "Post Body",
    "summary": "Post Summary",
    "lead_image": "Main Image",
    "thumbnail": "Thumbnail image",
    "published_at": "Published On",
    "updated_at": "Updated On",
    "author": "Author",
    "topics": "Category",
}
OPTIONAL_FIELDS = ("key_takeaways", "when_to_get_help")
# Webflow's own bookkeeping, which the import reads itself.
WEBFLOW_STATE = ("Archived", "Draft", "Created On")
# A team collection's columns as Webflow's templates and clinics name them; the first found is used.
TEAM_COLUMNS = {
    "name": ("Name",),
    "slug": ("Slug",),
    "job_title": ("Role", "Position", "Job Title", "Job title", "Title"),
    "credentials": ("Credentials",),
    "bio": ("Bio", "Biography", "About"),
    "photo": ("Photo", "Image", "Headshot", "Picture"),
}
IMAGE_SOURCE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)""", re.I)
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
    """What the Webflow and markdown-folder imports share: authors matched to clinicians (or
    created unpublished), topics matched (or offered), pictures brought in from the clinic's
    folder or downloaded, embeds turned into links, the old address of each item, and what the
    report says about each."""

    def __init__(
        self,
        *,
        author=None,
        author_map=None,
        images=None,
        old_url_prefix=None,
        old_site=None,
        create_topics=False,
    ):
        self.default_author = author
        self.author_map = {key.casefold(): slug for key, slug in (author_map or {}).items()}
        self.images = Path(images) if images else None
        self.old_url_prefix = old_url_prefix
        old_host = urlsplit(old_site or "").hostname or ""
        self.old_hosts = {old_host, old_host.removeprefix("www."), "www." + old_host.removeprefix("www.")}
        self.create_topics = create_topics
        self.topic_names = {
            **{slugify(name): slug for name, slug in Topic.objects.values_list("name", "slug")},
            **{slug: slug for slug in Topic.objects.values_list("slug", flat=True)},
        }
        # Old slugs of the items in this import and their new ones, for links between them.
        self.new_slugs = {}
        self.media = {}
        self.notes = []
        self.authors, self.author_lines = {}, []
        self.new_topics = {}
        self.picture_failures = []
        self.embeds = []
        self.unused_columns = []
        self.pictures = {}

    def sections(self):
        """What the report says besides what was created: (heading, lines) in reading order."""
        if self.create_topics:
            topics = [
                f"{name} ({slug}), unpublished: check it, then publish it"
                for slug, name in self.new_topics.items()
            ]
        else:
            topics = [
                f"{name}: not on the site, so not tagged. Run again with --create-topics to add it "
                "as an unpublished topic"
                for name in self.new_topics.values()
            ]
        return [
            ("Authors", self.author_lines),
            ("New topics", topics),
            ("Pictures not brought in (a placeholder marks each in the draft)", self.picture_failures),
            ("Embedded players turned into plain links (check each still belongs)", self.embeds),
            ("Columns not used", self.unused_columns),
            ("Notes", self.notes),
        ]

    def author_for(self, value, origin):
        """The slug of the clinician credited for `value` (a name or a slug); a clinician the site
        does not have is created unpublished, for the owner to complete."""
        value = " ".join((value or "").split())
        if not value:
            if self.default_author is None:
                self.notes.append(
                    f"{origin}: names no author; say who wrote it with --author <clinician slug>"
                )
            return self.default_author
        if value in self.authors:
            return self.authors[value]
        mapped = self.author_map.get(value.casefold()) or self.author_map.get(slugify(value))
        if mapped:
            clinician = Clinician.objects.filter(slug=mapped).first()
            if clinician is None:
                raise CommandError(f"--map author:{value}={mapped}: there is no clinician “{mapped}”.")
            line = f"“{value}”: {clinician.name} ({clinician.slug}), as mapped"
        elif clinician := Clinician.objects.filter(Q(slug=slugify(value)) | Q(name__iexact=value)).first():
            line = f"“{value}”: {clinician.name} ({clinician.slug})"
        else:
            # Webflow writes a reference to its Authors collection as that item's slug.
            name = value.replace("-", " ").title() if value == slugify(value) else value
            slug = slugify(value)[:50] or "author"
            clinician = Clinician.objects.create(
                name=name[:120], slug=slug, is_published=False, on_team_page=False
            )
            line = (
                f"“{value}”: not on the site; new unpublished clinician {clinician.name} ({slug}). "
                "Add credentials, a bio and a photo, then publish (or give --map author:NAME=SLUG)"
            )
        self.authors[value] = clinician.slug
        self.author_lines.append(line)
        return clinician.slug

    def topic_slugs(self, names):
        slugs = []
        for name in (" ".join(name.split()) for name in names):
            key = slugify(name)[:50]
            if not key:
                continue
            if key in self.topic_names:
                slugs.append(self.topic_names[key])
                continue
            # A reference to Webflow's Categories collection arrives as that item's slug.
            label = name.replace("-", " ").capitalize() if name == key else name
            self.new_topics.setdefault(key, label[:60])
            if self.create_topics:
                Topic.objects.create(name=self.new_topics[key], slug=key, is_published=False)
                self.topic_names[key] = key
                slugs.append(key)
        return slugs

    def picture(self, source, folder, origin):
        """The stored name of the picture at `source`, or None with the reason listed."""
        found = self.download(source)
        if isinstance(found, Refused):
            self.picture_failures.append(f"{origin}: {source}: {found}")
            return None
        data, extension = found
        name = content_addressed(folder, data, extension)
        self.media[MEDIA_FOLDER + name] = data
        return name

    def download(self, source):
        """(bytes, extension) of the picture at `source`, or why not; each address once."""
        if source not in self.pictures:
            try:
                self.pictures[source] = self.picture_bytes(source)
            except Refused as refusal:
                self.pictures[source] = refusal
        return self.pictures[source]

    def download_pictures(self):
        """Every picture the items name, fetched before the import's transaction starts: waiting
        on another server inside it would hold the database's write lock (and with SQLite keep
        patients' booking requests waiting) for as long."""
        for source in self.picture_sources():
            self.download(source)

    def picture_sources(self):
        return []

    def picture_bytes(self, source):
        """The picture from the clinic's own folder when it is there, else downloaded."""
        local = self.images / unquote(urlsplit(source).path).rsplit("/", 1)[-1] if self.images else None
        if local and local.is_file():
            try:
                return clean_image(read_capped(local.open("rb"), MAX_UPLOAD_BYTES), local.name)
            except TooLarge:
                raise Refused("larger than the 5 MB a picture may be") from None
            except ValidationError as error:
                raise Refused(" ".join(error.messages)) from error
        if urlsplit(source).scheme in ("http", "https"):
            return fetch_picture(source)
        if self.images:
            raise Refused(f"not in {self.images} and not a web address")
        raise Refused("not a web address: give the folder that holds it with --images")

    def inline_image(self, source, origin):
        name = self.picture(source, settings.MARKDOWNX_MEDIA_PATH, origin)
        if not name:
            return None
        self.attachments.append(MEDIA_FOLDER + name)
        return default_storage.url(name)

    def new_address(self, href):
        """The new address of a link to one of the imported items' old pages; None for any other."""
        parts = urlsplit(href)
        if self.old_url_prefix is None or parts.scheme not in ("", "http", "https"):
            return None
        if (
            parts.netloc
            and parts.hostname not in self.old_hosts
            and not parts.hostname.endswith(".webflow.io")
        ):
            return None
        prefix = "/" + self.old_url_prefix.strip("/") + "/"
        slug = (
            self.new_slugs.get(parts.path.removeprefix(prefix).strip("/"))
            if parts.path.startswith(prefix)
            else None
        )
        if slug is None:
            return None
        return reverse("articles:detail", kwargs={"slug": slug}) + (
            f"#{parts.fragment}" if parts.fragment else ""
        )

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
        author="",
        updated_at=None,
        old_url="",
    ):
        self.attachments = []
        converted = markdown_from_html(body_html, partial(self.inline_image, origin=origin), self.new_address)
        notes = []
        if converted.pixels:
            notes.append(f"{converted.pixels} tracking pixel(s) removed")
        self.embeds.extend(f"{origin}: {page}" for page in converted.embeds)
        summary = " ".join((summary or "").split())
        if not summary:
            # Webflow posts often have none, and the site needs one for cards and search engines.
            opening = next((line for line in converted.markdown.splitlines() if line[:1].isalnum()), "")
            summary = " ".join(opening.split()) or title.strip()
            notes.append("no summary: the opening words (or the title) stand in for one, rewrite it")
        if len(summary) > SUMMARY_LIMIT:
            summary = Truncator(summary).chars(SUMMARY_LIMIT)
            notes.append(f"summary shortened to {SUMMARY_LIMIT} characters")
        front = {
            "title": title.strip(),
            "slug": slug,
            "summary": summary,
            "author": self.author_for(author, origin),
            "published_at": published_at or timezone.now().isoformat(),
            "first_published_at": published_at,
            "earlier_updated_at": updated_at,
            "topics": self.topic_slugs(topics),
        }
        if lead_image:
            name = self.picture(lead_image, "articles/", origin)
            if name:
                front["lead_image"] = MEDIA_FOLDER + name
                notes.append("describe the lead picture before publishing")
        if not old_url and self.old_url_prefix is not None:
            old_url = f"{self.old_url_prefix.rstrip('/')}/{old_slug}"
        return Incoming(ARTICLE, front, converted.markdown, origin, old_url, self.attachments), notes


def open_source(path, *, restore=False, columns=None, **options):
    """The source a path holds: this site's export (.zip), a Webflow collection (.csv) or a folder
    of markdown files; `options` are ForeignSource's."""
    path = Path(path)
    if not path.exists():
        raise CommandError(f"{path} does not exist.")
    if path.suffix.lower() == ".zip":
        return ExportFile(path)
    if restore:
        raise CommandError("--restore is only for this site's own export (.zip).")
    if path.is_dir():
        return MarkdownFolder(path, **options)
    if path.suffix.lower() == ".csv":
        source = webflow_source(path, columns=columns or {}, **options)
        source.download_pictures()
        return source
    raise CommandError(f"{path} is not a .zip, a .csv or a folder.")


def read_webflow_csv(path):
    """The rows of a Webflow CMS export and its columns in their order."""
    try:
        if Path(path).stat().st_size > MAX_CSV_BYTES:
            raise CommandError(f"{path} is larger than any CMS export the site reads (50 MB).")
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            return list(reader), list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"{path} cannot be read as a CSV file: {error}") from error


def webflow_source(path, *, columns, **options):
    """A Webflow collection export: a blog (its posts become articles) or a team (its members
    become clinicians), told apart by their columns."""
    rows, header = read_webflow_csv(path)
    blog = {**WEBFLOW_COLUMNS, **columns}
    if blog["body"] not in header and any(column in header for column in TEAM_COLUMNS["bio"]):
        return WebflowTeamCSV(path, rows, header, **options)
    return WebflowCSV(path, rows, header, columns=columns, **options)


class WebflowCSV(ForeignSource):
    def __init__(self, path, rows, header, *, columns, **options):
        super().__init__(**options)
        self.path, self.rows, self.columns = path, rows, {**WEBFLOW_COLUMNS, **columns}
        if self.old_url_prefix is None:
            self.old_url_prefix = "/post/"
        found = set(header)
        needed = [self.columns[name] for name in ("title", "slug", "body")]
        if not self.rows or not set(needed) <= found:
            raise CommandError(
                f"{path} has no {', '.join(repr(column) for column in needed if column not in found) or 'rows'}"
                f" column. Its columns are: {', '.join(sorted(found)) or 'none'}. Use --map FIELD=COLUMN to say which to use."
            )
        used = {*self.columns.values(), *WEBFLOW_STATE}
        self.unused_columns = [column for column in header if column not in used]
        if self.columns["thumbnail"] in found and self.columns["lead_image"] in found:
            self.unused_columns.append(
                f"{self.columns['thumbnail']}: used only for an item without a {self.columns['lead_image']}"
            )
        for row in self.rows:
            old_slug = self.cell(row, "slug") or slugify(self.cell(row, "title"))
            self.new_slugs[old_slug] = slugify(old_slug)[:120]

    def cell(self, row, name):
        return (row.get(self.columns.get(name, ""), "") or "").strip()

    def picture_sources(self):
        for row in self.rows:
            if row.get("Archived", "").strip().lower() in TRUE:
                continue
            yield from filter(None, (self.cell(row, "lead_image") or self.cell(row, "thumbnail"),))
            yield from (unescape(source) for source in IMAGE_SOURCE.findall(self.cell(row, "body")))

    def items(self):
        for number, row in enumerate(self.rows, start=2):
            if not any((cell or "").strip() for cell in row.values() if isinstance(cell, str)):
                self.notes.append(f"row {number}: empty, skipped")
                continue
            if row.get("Archived", "").strip().lower() in TRUE:
                self.notes.append(f"row {number}: archived in Webflow, not brought in")
                continue
            value = partial(self.cell, row)
            if not value("title"):
                self.notes.append(f"row {number}: has no {self.columns['title']}, not brought in")
                continue
            origin = f"row {number} “{value('title')}”"
            if row.get("Draft", "").strip().lower() in TRUE:
                self.notes.append(f"{origin}: a draft in Webflow (every item arrives as a draft)")
            slug = value("slug") or slugify(value("title"))
            item, notes = self.article(
                origin,
                title=value("title"),
                slug=self.new_slugs[slug],
                body_html=value("body"),
                summary=value("summary"),
                published_at=webflow_date(value("published_at")),
                updated_at=webflow_date(value("updated_at")),
                lead_image=value("lead_image") or value("thumbnail"),
                topics=re.split(r"[;,]", value("topics")),
                author=value("author"),
                old_slug=slug,
            )
            if not item.front["first_published_at"]:
                item.front["published_at"] = (
                    webflow_date(row.get("Created On", "")) or item.front["published_at"]
                )
            for field_name in OPTIONAL_FIELDS:
                if field_name in self.columns:
                    item.front[field_name] = markdown_from_html(
                        value(field_name), lambda source: None
                    ).markdown
            self.notes.extend(f"{origin}: {note}" for note in notes)
            yield item


class WebflowTeamCSV(ForeignSource):
    """A Webflow team collection: each member becomes an unpublished clinician, for the owner to
    check (credentials, the photo's description) and publish."""

    def __init__(self, path, rows, header, **options):
        super().__init__(**options)
        self.rows = rows
        self.columns = {
            name: next((column for column in choices if column in header), "")
            for name, choices in TEAM_COLUMNS.items()
        }
        if not self.columns["name"]:
            raise CommandError(f"{path} has no 'Name' column. Its columns are: {', '.join(sorted(header))}.")
        used = {*self.columns.values(), *WEBFLOW_STATE}
        self.unused_columns = [column for column in header if column not in used]

    def cell(self, row, name):
        return (row.get(self.columns[name]) or "").strip() if self.columns[name] else ""

    def picture_sources(self):
        return [self.cell(row, "photo") for row in self.rows if self.cell(row, "photo")]

    def items(self):
        for number, row in enumerate(self.rows, start=2):
            value = partial(self.cell, row)
            if row.get("Archived", "").strip().lower() in TRUE:
                self.notes.append(f"row {number}: archived in Webflow, not brought in")
                continue
            if not value("name"):
                self.notes.append(f"row {number}: has no name, not brought in")
                continue
            origin = f"row {number} “{value('name')}”"
            front = {
                "name": value("name")[:120],
                "slug": slugify(value("slug") or value("name"))[:50],
                "credentials": value("credentials")[:60],
                "is_published": False,
            }
            if value("job_title"):
                front["job_title"] = value("job_title")[:80]
            todo = ["check the text"]
            if not front["credentials"]:
                todo.append("add credentials")
            if value("photo") and (name := self.picture(value("photo"), "clinicians/", origin)):
                front["photo"] = MEDIA_FOLDER + name
                todo.append("describe the photo")
            bio = markdown_from_html(value("bio"), lambda source: None).markdown
            self.notes.append(f"{origin}: arrives unpublished; {', '.join(todo)}, then publish")
            yield Incoming(CLINICIAN, front, bio, origin)


class MarkdownFolder(ForeignSource):
    def __init__(self, path, **options):
        super().__init__(**options)
        self.root = Path(path)
        self.files = sorted(self.root.rglob("*.md"))
        if not self.files:
            raise CommandError(f"{path} holds no markdown (.md) files.")

    def items(self):
        for path in self.files:
            origin = str(path.relative_to(self.root))
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
            item, notes = self.article(
                origin,
                title=str(meta["title"]),
                slug=slugify(slug)[:120],
                # Markdown from a static-site generator often carries HTML of its own: it takes the
                # same road as Webflow's.
                body_html=markdown.markdown(post.content, extensions=["tables"]),
                summary=str(meta.get("summary") or meta.get("description") or meta.get("excerpt") or ""),
                published_at=front_matter_date(meta.get("date") or meta.get("publishDate")),
                updated_at=front_matter_date(meta.get("lastmod") or meta.get("updated")),
                lead_image=str(meta.get("image") or meta.get("cover") or meta.get("featured_image") or ""),
                topics=[str(topic) for topic in (topics if isinstance(topics, list) else [topics])],
                author=str(meta.get("author") or ""),
                old_slug=slug,
                # Static-site generators name a page's address, or its former ones, themselves.
                old_url=str(meta.get("url") or (meta.get("aliases") or [""])[0]),
            )
            self.notes.extend(f"{origin}: {note}" for note in notes)
            yield item


def front_matter_date(when):
    if not when:
        return None
    if not isinstance(when, datetime):
        try:
            when = datetime.combine(when, datetime.min.time())
        except TypeError:
            return None
    return (when if timezone.is_aware(when) else timezone.make_aware(when)).isoformat()


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
