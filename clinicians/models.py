from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from publishing.images import (
    RENDITION_WIDTHS,
    largest_copy_url,
    store_renditions,
    strip_metadata,
    validate_image_upload,
)
from publishing.models import CachedContent

# The lead images' sizes, and one small enough for a byline.
PHOTO_WIDTHS = (192, *RENDITION_WIDTHS)


class Clinician(CachedContent):
    name = models.CharField(max_length=120, help_text="As patients should see it, e.g. “Dr. Maya Lindqvist”.")
    slug = models.SlugField(unique=True)
    credentials = models.CharField(
        max_length=60, blank=True, help_text="Post-nominal letters shown after the name, e.g. “PT, DPT”."
    )
    job_title = models.CharField(
        max_length=80, default="Physical therapist", help_text="e.g. “Pelvic health physical therapist”."
    )
    pronouns = models.CharField(max_length=30, blank=True, help_text="Optional, e.g. “she/her”.")
    bio = models.TextField(
        blank=True,
        help_text="A short paragraph or two in plain words: training, what they help with, what they "
        "enjoy outside work. The first sentences also appear under articles they wrote.",
    )
    specialities = models.TextField(
        blank=True, help_text="What patients come to them for, one per line, e.g. “Pain with sitting”."
    )
    languages = models.CharField(
        "languages spoken",
        max_length=120,
        blank=True,
        help_text="Separated by commas, e.g. “English, Spanish”.",
    )
    on_team_page = models.BooleanField(
        "show on the team page",
        default=True,
        help_text="Untick for someone who has left: their page stays, for the articles they wrote.",
    )
    team_order = models.PositiveSmallIntegerField(
        default=10, help_text="The team page lists clinicians from the lowest number to the highest."
    )
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Unticked, the clinician has no page and is left off the team page: an import "
        "creates the authors it does not know this way, for you to complete.",
    )
    location = models.CharField(max_length=120, blank=True, help_text="City, e.g. “Portland, Oregon”.")
    photo = models.ImageField(
        upload_to="clinicians/",
        blank=True,
        validators=[validate_image_upload],
        help_text="A friendly head-and-shoulders photo, square if possible (JPEG, PNG or WebP, under 5 MB).",
    )
    photo_alt = models.CharField(
        "photo description",
        max_length=200,
        blank=True,
        help_text="What the photo shows, e.g. “Maya smiling in the clinic's treatment room”. Required with a photo.",
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
        ordering = ["team_order", "name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def clean(self):
        # Credentials and a bio may wait while the clinician is unpublished (an import's new
        # author), never once patients can see them.
        if self.is_published:
            missing = {
                name: "Required before the clinician is published."
                for name in ("credentials", "bio")
                if not getattr(self, name).strip()
            }
            if missing:
                raise ValidationError(missing)
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Describe the photo for people who cannot see it."})

    def get_absolute_url(self):
        return reverse("clinicians:detail", kwargs={"slug": self.slug})

    @property
    def initials(self):
        """For the portrait's place while there is no photo: "Dr. Maya Lindqvist" gives "ML"."""
        words = [word for word in self.name.split() if not word.endswith(".")]
        return "".join(word[0] for word in words[:1] + words[1:][-1:]).upper()

    @property
    def first_name(self):
        words = [word for word in self.name.split() if not word.endswith(".")]
        return words[0] if words else self.name

    @property
    def speciality_list(self):
        return [line.strip(" -*•") for line in self.specialities.splitlines() if line.strip(" -*•")]

    @property
    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    @classmethod
    def reviewer_for(cls, user):
        """The clinician a staff login signs off health pages as (see PUBLISHING_REVIEWER_MODEL)."""
        return cls.objects.filter(user=user).first() if user.is_authenticated else None

    @property
    def schema_person(self):
        """The clinician as schema.org structured data names a page's author or reviewer: their
        page, their role and their credentials."""
        url = settings.SITE_URL + self.get_absolute_url()
        person = {
            "@type": "Person",
            "@id": url + "#person",
            "name": self.name,
            "url": url,
            "jobTitle": self.job_title,
            "honorificSuffix": self.credentials,
        }
        if self.photo_renditions:
            person["image"] = largest_copy_url(self.photo_renditions)
        if self.language_list:
            person["knowsLanguage"] = self.language_list
        return person

    def save(self, *args, **kwargs):
        strip_metadata(self.photo)
        super().save(*args, **kwargs)
        store_renditions(self, "photo", "photo_renditions", PHOTO_WIDTHS)
