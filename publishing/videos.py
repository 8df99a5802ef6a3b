"""Short videos staff upload for exercises and steps: checked by what the file holds, never by its
name or declared type, stored under a random name with the extension of its real format, and
published only with a poster and captions (or a note that nothing is said in it), as WCAG asks of
prerecorded video with speech."""

from uuid import uuid4

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .images import strip_metadata, validate_image_upload

# H.264 in an MP4 names its sample entry "avc1" (or "avc3"); we look for it in the file itself.
H264_SAMPLE_ENTRIES = (b"avc1", b"avc3")
CHUNK = 1024 * 1024
SIGNATURE_BYTES = 8192  # what filetype reads of a file
CAPTIONS_MAX_BYTES = 512 * 1024
VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}


def _contains(field_file, needles):
    """Whether any of `needles` occurs in the file, read a chunk at a time."""
    field_file.seek(0)
    tail = b""
    longest = max(len(needle) for needle in needles)
    while chunk := field_file.read(CHUNK):
        window = tail + chunk
        if any(needle in window for needle in needles):
            return True
        tail = window[-longest:]
    return False


def container(field_file):
    """ "mp4" or "webm" from the file's first bytes, or None for anything else."""
    field_file.seek(0)
    kind = filetype.video_match(field_file.read(SIGNATURE_BYTES))
    field_file.seek(0)
    return kind.extension if kind and kind.extension in VIDEO_TYPES else None


def video_format(field_file):
    """The container, when its video is one every browser plays: WebM, or MP4 holding H.264."""
    found = container(field_file)
    if found == "mp4" and not _contains(field_file, H264_SAMPLE_ENTRIES):
        return None
    field_file.seek(0)
    return found


def validate_video_upload(field_file):
    limit_mb = settings.VIDEO_UPLOAD_MAX_MB
    if field_file.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            "This video is %(size).0f MB; please upload one under %(limit)d MB (a short clip of the "
            "movement is enough).",
            params={"size": field_file.size / 1024 / 1024, "limit": limit_mb},
            code="video_too_large",
        )
    if video_format(field_file) is None:
        raise ValidationError(
            "This file is not a video we can play everywhere. Please upload an MP4 (H.264) or a WebM.",
            code="video_format",
        )


def validate_captions(field_file):
    if field_file.size > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            "This captions file is too large for a short clip (over 512 KB).", code="captions_size"
        )
    field_file.seek(0)
    head = field_file.read(16)
    field_file.seek(0)
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            "Captions must be a WebVTT file (.vtt), which starts with the word WEBVTT.",
            code="captions_format",
        )
    try:
        field_file.read().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            "The captions file must be saved as UTF-8 text.", code="captions_encoding"
        ) from error
    finally:
        field_file.seek(0)


def _stored_name(field_file, extension):
    """A random name with the extension of the real format, for a newly uploaded file."""
    if field_file and not getattr(field_file, "_committed", True):
        field_file.name = f"{uuid4().hex}.{extension}"


class HasVideo(models.Model):
    """A short video clip, its poster and captions."""

    video = models.FileField(
        upload_to="videos/",
        blank=True,
        validators=[validate_video_upload],
        help_text="Optional: a short clip of the movement, MP4 (H.264) or WebM. It plays only when "
        "the patient presses play, and silently on a loop in guided mode.",
    )
    video_poster = models.ImageField(
        "video poster",
        upload_to="videos/",
        blank=True,
        validators=[validate_image_upload],
        help_text="The still shown before the video plays (JPEG, PNG or WebP). Required with a video.",
    )
    video_captions = models.FileField(
        "video captions",
        upload_to="videos/",
        blank=True,
        validators=[validate_captions],
        help_text="What is said, as a WebVTT (.vtt) file. Required with a video in which anyone speaks.",
    )
    video_without_speech = models.BooleanField(
        "nothing is said in the video",
        default=False,
        help_text="Tick instead of adding captions when the clip has no speech at all.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.video and not getattr(self.video, "_committed", True):
            # Its contents were checked on upload; the first bytes name the container.
            _stored_name(self.video, container(self.video.file) or "bin")
        _stored_name(self.video_captions, "vtt")
        strip_metadata(self.video_poster)
        super().save(*args, **kwargs)

    def video_problems(self):
        """What the video still needs before the page may go live, as {field: message}."""
        if not self.video:
            return {}
        problems = {}
        if not self.video_poster:
            problems["video_poster"] = "Add a poster image: the still patients see before the video plays."
        if not self.video_captions and not self.video_without_speech:
            problems["video_captions"] = (
                "Add captions (a .vtt file) for what is said, or tick “nothing is said in the video”."
            )
        return problems

    @property
    def video_type(self):
        return VIDEO_TYPES.get(self.video.name.rsplit(".", 1)[-1]) if self.video else ""
