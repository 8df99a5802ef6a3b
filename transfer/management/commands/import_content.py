import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinicians.models import Clinician
from transfer.importer import Importer
from transfer.report import report_text
from transfer.sources import OPTIONAL_FIELDS, WEBFLOW_COLUMNS, open_source


class Command(BaseCommand):
    help = (
        "Bring content in from this site's export (.zip), a Webflow CMS collection export (.csv: a blog, "
        "or a team, whose members become clinicians) or a "
        "folder of markdown files with front matter. Everything arrives as a draft awaiting clinical "
        "review; nothing is published. One transaction: a file that cannot be read changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="A .zip from export_content, a Webflow .csv, or a folder of .md files."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen and change nothing."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace items already on the site (as drafts) instead of skipping them.",
        )
        parser.add_argument(
            "--restore",
            action="store_true",
            help="For this site's own export: keep what it says about publication and review, and the clinic's "
            "details, so the site becomes what the file holds (moving or restoring a site).",
        )
        parser.add_argument(
            "--author",
            help="Clinician (by slug) credited with items that name no author. Items that do are matched "
            "to clinicians by name or slug; one the site lacks is created unpublished.",
        )
        parser.add_argument(
            "--images",
            help="Folder holding pictures the items name; a picture not in it is downloaded from its web address.",
        )
        parser.add_argument(
            "--old-url-prefix",
            help="Where the articles lived before (Webflow: /post/, the default); each old address then "
            "redirects to the new one.",
        )
        parser.add_argument(
            "--old-site",
            help="The old site's address, e.g. https://www.clinic.com: links in the texts to its articles are "
            "rewritten to their new addresses (links starting with the prefix always are).",
        )
        parser.add_argument(
            "--create-topics",
            action="store_true",
            help="Create the topics the items name that the site lacks, unpublished.",
        )
        parser.add_argument("--mapping", help="JSON file of our field names to Webflow column names.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="One field's Webflow column; or author:NAME=SLUG to credit an author the site knows by "
            "another name to that clinician.",
        )

    def handle(self, *args, path, **options):
        columns, author_map = self.columns(options)
        source = open_source(
            path,
            restore=options["restore"],
            columns=columns,
            author=self.author(options["author"]),
            author_map=author_map,
            images=options["images"],
            old_url_prefix=options["old_url_prefix"],
            old_site=options["old_site"],
            create_topics=options["create_topics"],
        )
        importer = Importer(
            source.read_media,
            restore=options["restore"],
            update=options["update"],
            dry_run=options["dry_run"],
        )
        report = importer.run(source.items())
        sections = source.sections() if hasattr(source, "sections") else []
        self.stdout.write(report_text(report, sections, dry_run=options["dry_run"]))

    def author(self, slug):
        if slug:
            if not Clinician.objects.filter(slug=slug).exists():
                known = ", ".join(Clinician.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"There is no clinician “{slug}”. Clinicians: {known}.")
            return slug
        only = list(Clinician.objects.values_list("slug", flat=True)[:2])
        return only[0] if len(only) == 1 else None

    def columns(self, options):
        columns = {}
        if options["mapping"]:
            try:
                columns.update(json.loads(Path(options["mapping"]).read_text()))
            except (OSError, ValueError) as error:
                raise CommandError(f"The mapping file cannot be read: {error}") from error
        author_map = {}
        for pair in options["map"]:
            name, _, column = pair.partition("=")
            if name.startswith("author:") and column:
                author_map[name.removeprefix("author:").strip()] = column.strip()
                continue
            if not column:
                raise CommandError(f'--map takes FIELD=COLUMN, e.g. summary="Post Summary" (got {pair!r}).')
            columns[name.strip()] = column.strip()
        known = {*WEBFLOW_COLUMNS, *OPTIONAL_FIELDS}
        if unknown := set(columns) - known:
            raise CommandError(
                f"Unknown field(s) {', '.join(sorted(unknown))}; fields: {', '.join(sorted(known))}."
            )
        return columns, author_map
