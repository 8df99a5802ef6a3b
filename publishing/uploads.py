"""Files chosen in an admin form survive the form's other errors.

A browser never sends a file input's choice again: when a form comes back with an error in another
field, a logo or photo chosen for it would have to be chosen again. Instead the upload is set aside
in storage, and the form carries a signed reference to it in a hidden field; the next submission
without a new file takes the set-aside file and checks it again, exactly as a fresh upload. The
reference is signed, so a form cannot name any other stored file, and it expires."""

from datetime import timedelta
from pathlib import PurePosixPath
from uuid import uuid4

from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

KEPT_FOLDER = "kept-uploads"
KEPT_FOR = timedelta(days=1)
SALT = "publishing.uploads.kept"


def kept_name(name):
    return f"{name}-kept"


class KeptUploadWidget(AdminFileWidget):
    # Under the app, where form widgets look for templates.
    template_name = "publishing/kept_upload.html"
    upload = reference = None

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        reference = None
        if value is None:
            reference = data.get(kept_name(name), "")
            value = _take_back(reference)
        # Widgets are copied for each form, so these are this form's own choice.
        self.upload = value if isinstance(value, UploadedFile) else None
        self.reference = reference if self.upload is not None else None
        return value

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and kept_name(name) not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Forms are shown again after a POST only when something needs fixing; a file that was
        # itself refused (aria-invalid) is not worth keeping.
        if self.upload is not None and not (attrs or {}).get("aria-invalid"):
            context["widget"]["kept"] = {
                "name": kept_name(name),
                "reference": self.reference or _set_aside(self.upload),
                "file_name": PurePosixPath(self.upload.name).name,
            }
        return context


def _set_aside(upload):
    _forget_stale()
    upload.seek(0)
    path = default_storage.save(f"{KEPT_FOLDER}/{uuid4().hex}/{PurePosixPath(upload.name).name}", upload)
    upload.seek(0)
    return signing.dumps(path, salt=SALT)


def _take_back(reference):
    if not reference:
        return None
    try:
        path = signing.loads(reference, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if not path.startswith(f"{KEPT_FOLDER}/") or not default_storage.exists(path):
        return None
    return UploadedFile(
        default_storage.open(path), name=PurePosixPath(path).name, size=default_storage.size(path)
    )


def _forget_stale():
    """Set-aside files outlive their form by a day at most: any older are deleted here, the only
    place new ones arrive."""
    cutoff = timezone.now() - KEPT_FOR
    try:
        folders, _ = default_storage.listdir(KEPT_FOLDER)
    except FileNotFoundError:
        return
    for folder in folders:
        for file_name in default_storage.listdir(f"{KEPT_FOLDER}/{folder}")[1]:
            path = f"{KEPT_FOLDER}/{folder}/{file_name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
