from django.conf import settings
from django.db import models

from publishing.images import store_renditions, strip_metadata, validate_image_upload
from publishing.models import PublicContent

PHOTO_WIDTHS = (96, 192)


class Clinician(PublicContent):
    name = models.CharField(max_length=120, help_text="As patients should see it, e.g. “Dr. Maya Lindqvist”.")
    slug = models.SlugField(unique=True)
    credentials = models.CharField(
        max_length=60, help_text="Post-nominal letters shown after the name, e.g. “PT, DPT”."
    )
    bio = models.TextField(
        help_text="Two or three plain sentences: training, special interests, where they practise."
    )
    location = models.CharField(max_length=120, blank=True, help_text="City, e.g. “Portland, Oregon”.")
    photo = models.ImageField(
        upload_to="clinicians/",
        blank=True,
        validators=[validate_image_upload],
        help_text="A friendly head-and-shoulders photo, square if possible (JPEG, PNG or WebP, under 5 MB).",
    )
    photo_renditions = models.JSONField(editable=False, default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clinician",
        help_text="The staff login of this clinician, so their sign-offs carry their name.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    @property
    def schema_person(self):
        """The clinician as schema.org structured data names a page's author or reviewer."""
        return {"@type": "Person", "name": self.name, "honorificSuffix": self.credentials}

    def save(self, *args, **kwargs):
        strip_metadata(self.photo)
        super().save(*args, **kwargs)
        store_renditions(self, "photo", "photo_renditions", PHOTO_WIDTHS)
