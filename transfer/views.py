"""The import as an upload in the admin, for staff who may add content: the same sources, dry run
and report as `import_content`, for an owner without a shell."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.template.response import TemplateResponse
from django.utils.text import get_valid_filename

from clinicians.models import Clinician

from .importer import IMAGE_SUFFIXES, Importer
from .report import report_text
from .sources import WebflowTeamCSV, open_source


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files if file]


class UploadForm(forms.Form):
    files = MultipleFileField(
        help_text="One of: a content export from this site (.zip); a Webflow collection exported as CSV "
        "(a blog, or a team); or markdown files (.md). Add the pictures they name, if you have them."
    )
    author = forms.ModelChoiceField(
        Clinician.objects.all(),
        to_field_name="slug",
        required=False,
        help_text="Credited with items that name no author. Items that do are matched to clinicians by "
        "name; one the site lacks is created unpublished, for you to complete.",
    )
    create_topics = forms.BooleanField(
        required=False, label="Create missing topics", help_text="Unpublished, for you to check."
    )
    update = forms.BooleanField(
        required=False,
        label="Replace items already on the site",
        help_text="As drafts awaiting review. Otherwise they are left alone.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        suffixes = {Path(file.name).suffix.lower() for file in files}
        texts = suffixes - set(IMAGE_SUFFIXES)
        if len(texts) != 1 or not texts <= {".zip", ".csv", ".md"}:
            raise forms.ValidationError(
                "Choose one .zip, one .csv, or markdown (.md) files, with any pictures (JPEG, PNG, WebP)."
            )
        if texts != {".md"} and sum(Path(file.name).suffix.lower() in texts for file in files) > 1:
            raise forms.ValidationError("Choose one file to import at a time (or several markdown files).")
        return files


def import_upload(request):
    """The admin's import page: check an upload (a dry run, changing nothing), then import it."""
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"title": "Import content", "form": form, **admin.site.each_context(request)}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            dry_run = "_import" not in request.POST
            try:
                context["report"] = run_upload(request, form.cleaned_data, dry_run=dry_run)
                context["dry_run"] = dry_run
            except CommandError as error:
                form.add_error(None, str(error))
        if form.errors:
            status = 400
    return TemplateResponse(request, "admin/transfer/import.html", context, status=status)


def run_upload(request, options, *, dry_run):
    with tempfile.TemporaryDirectory(prefix="import-") as folder:
        folder = Path(folder)
        (folder / "pictures").mkdir()
        (folder / "texts").mkdir()
        main = None
        for upload in options["files"]:
            name = get_valid_filename(Path(upload.name).name)
            suffix = Path(name).suffix.lower()
            target = folder / ("pictures" if suffix in IMAGE_SUFFIXES else "texts") / name
            with target.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            if suffix in (".zip", ".csv"):
                main = target
        source = open_source(
            main or folder / "texts",
            author=options["author"].slug if options["author"] else None,
            images=folder / "pictures",
            create_topics=options["create_topics"],
        )
        if isinstance(source, WebflowTeamCSV) and not request.user.has_perm("clinicians.add_clinician"):
            raise CommandError(
                "This is a team collection: bringing in clinicians needs the right to add them."
            )
        importer = Importer(source.read_media, update=options["update"], dry_run=dry_run)
        report = importer.run(source.items())
        sections = source.sections() if hasattr(source, "sections") else []
        return report_text(report, sections, dry_run=dry_run)
