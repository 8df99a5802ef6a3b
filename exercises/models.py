from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from simple_history.models import HistoricalRecords

from publishing.images import largest_copy_url, store_renditions, strip_metadata, validate_image_upload
from publishing.markdown import render_markdown, validate_local_images
from publishing.models import CachedContent, ClinicallyReviewed, Publishable, PublishableQuerySet
from publishing.videos import HasVideo

from .dosage import describe_dosage

STEP_IMAGE_WIDTHS = (400, 800)
DEFAULT_CAUTIONS = [
    "You feel sharp, zingy or shooting pain.",
    "You feel numbness or tingling.",
    "Pain is worse afterwards, not better.",
]


class BodyRegion(CachedContent):
    name = models.CharField(max_length=40, unique=True, help_text="e.g. “Hips”, “Pelvic floor”.")
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Equipment(CachedContent):
    name = models.CharField(max_length=40, unique=True, help_text="e.g. “Chair”, “Tennis or lacrosse ball”.")
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "equipment"

    def __str__(self):
        return self.name


# Addresses under /exercises/ that the library itself uses; an exercise there could never be opened.
LIBRARY_PAGES = {"my-routine"}


def validate_not_a_library_page(slug):
    if slug in LIBRARY_PAGES:
        raise ValidationError(
            "“%(slug)s” is the address of a library page; add a word to make this one different.",
            params={"slug": slug},
        )


class ExerciseQuerySet(PublishableQuerySet):
    # What an exercise card shows, and the fields that say whether the exercise is public.
    CARD_FIELDS = (
        "status",
        "published_at",
        "slug",
        "name",
        "kind",
        "difficulty",
        "summary",
        "where_you_feel_it",
        "starting_image_alt",
        "starting_image_renditions",
    )

    def cards(self):
        return self.only(*self.CARD_FIELDS)


class Exercise(HasVideo, Publishable, ClinicallyReviewed):
    class Kind(models.TextChoices):
        STRETCH = "stretch", "Stretch"
        RELEASE = "release", "Release"
        STRENGTHENING = "strengthening", "Strengthening"
        SELF_CHECK = "self-check", "Self-check"

    class Difficulty(models.TextChoices):
        GENTLE = "gentle", "Gentle"
        MODERATE = "moderate", "Moderate"
        CHALLENGING = "challenging", "Challenging"

    class Period(models.TextChoices):
        DAY = "day", "a day"
        WEEK = "week", "a week"

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        unique=True,
        max_length=120,
        help_text="The page address; filled from the name.",
        validators=[validate_not_a_library_page],
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    difficulty = models.CharField(max_length=12, choices=Difficulty.choices, default=Difficulty.GENTLE)
    body_regions = models.ManyToManyField(BodyRegion, blank=True, related_name="exercises")
    equipment = models.ManyToManyField(
        Equipment, blank=True, related_name="exercises", help_text="Leave empty when nothing is needed."
    )
    summary = models.CharField(
        max_length=160, help_text="One sentence shown on exercise cards and to search engines."
    )
    purpose = models.TextField(help_text="Why a patient would do this, in plain words.")
    starting_image = models.ImageField(
        upload_to="exercises/",
        blank=True,
        validators=[validate_image_upload],
        help_text="A photo or drawing of the starting position (JPEG, PNG or WebP, under 5 MB). It is also the "
        "picture on the exercise's card.",
    )
    starting_image_alt = models.CharField(
        "starting image description",
        max_length=200,
        blank=True,
        help_text="What the body does in the picture, e.g. “Sitting upright near the front of a chair, feet "
        "flat.” Required with an image.",
    )
    starting_image_renditions = models.JSONField(editable=False, default=dict)
    starting_position = models.TextField(
        blank=True, help_text="How to set up before step 1, e.g. “Sit tall in a chair, feet flat.”"
    )
    where_you_feel_it = models.CharField(
        "where you'll feel it",
        max_length=200,
        blank=True,
        help_text="e.g. “In the outer hip of the top leg.”",
    )
    stop_if = models.TextField(
        "stop if",
        blank=True,
        help_text="Warning signs to stop, one per line. Left empty, the general warnings are shown.",
    )

    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="How long to hold. Guided mode times it on the last step unless a step has its own hold.",
    )
    repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(50)], help_text="Per set."
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    rest_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(600)],
        help_text="Rest between sets (or between repetitions when there is one set).",
    )
    is_each_side = models.BooleanField(
        "each side", default=False, help_text="Done on the left and then the right."
    )
    frequency = models.PositiveSmallIntegerField(
        "how often",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
        help_text="Times per day or week, e.g. 2.",
    )
    frequency_period = models.CharField("per", max_length=4, choices=Period.choices, default=Period.DAY)

    easier_variant = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A gentler version.",
    )
    harder_variant = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="A step up."
    )
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Featured exercises are shown on the home page."
    )
    author = models.ForeignKey("clinicians.Clinician", on_delete=models.PROTECT, related_name="exercises")

    history = HistoricalRecords()
    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("sign_off", "Can sign off a clinical review")]
        indexes = [models.Index(fields=["status", "published_at"], name="exercise_published_idx")]

    def __str__(self):
        return self.name

    def reviewable_text(self):
        # Steps are saved after the exercise, so they are read from the database, as they stood at
        # the previous save; a step edit shows up as a change on the exercise's next save.
        steps = (
            [f"{step.instruction} {step.tip} {step.hold_seconds}" for step in self.steps.all()]
            if self.pk
            else []
        )
        dosage = [
            self.hold_seconds,
            self.repetitions,
            self.sets,
            self.rest_seconds,
            self.is_each_side,
            self.frequency,
        ]
        fields = [
            self.name,
            self.summary,
            self.purpose,
            self.starting_position,
            self.where_you_feel_it,
            self.stop_if,
        ]
        return "\n".join([*fields, str(dosage), *steps])

    @property
    def starting_image_full_url(self):
        """The largest copy of the starting picture, the exercise's share image."""
        return largest_copy_url(self.starting_image_renditions) if self.starting_image_renditions else ""

    def clean(self):
        super().clean()
        if self.pk and self.pk in {self.easier_variant_id, self.harder_variant_id}:
            raise ValidationError("An exercise cannot be its own variant.")
        if self.starting_image and not self.starting_image_alt.strip():
            raise ValidationError(
                {
                    "starting_image_alt": "Describe what the body does in the picture, for people who cannot see it."
                }
            )

    def publishing_problems(self):
        problems = super().publishing_problems()
        for step in self.steps.all() if self.pk else []:
            problems += [f"Step {step.position}: {problem}" for problem in step.video_problems().values()]
        return problems

    def save(self, *args, **kwargs):
        strip_metadata(self.starting_image)
        super().save(*args, **kwargs)
        store_renditions(self, "starting_image", "starting_image_renditions", STEP_IMAGE_WIDTHS)

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def dosage_text(self):
        return describe_dosage(
            hold_seconds=self.hold_seconds,
            repetitions=self.repetitions,
            sets=self.sets,
            rest_seconds=self.rest_seconds,
            is_each_side=self.is_each_side,
            frequency=self.frequency,
            period=self.frequency_period,
        )

    @property
    def cautions(self):
        return [
            line.strip(" -*•") for line in self.stop_if.splitlines() if line.strip(" -*•")
        ] or DEFAULT_CAUTIONS

    @property
    def thumbnail_renditions(self):
        """The picture that stands for the exercise in a routine: its starting position, else
        its first pictured step."""
        if self.starting_image_renditions:
            return self.starting_image_renditions
        return next((step.image_renditions for step in self.steps.all() if step.image_renditions), {})

    @property
    def has_guided_mode(self):
        """A questionnaire is read and answered, not timed: it has no guided mode or routine."""
        return self.kind != self.Kind.SELF_CHECK

    def structured_data(self):
        """schema.org HowTo with its steps, on a MedicalWebPage that says who checked it."""
        url = settings.SITE_URL + self.get_absolute_url()
        steps = list(self.steps.all())
        data = {
            "@context": "https://schema.org",
            "@type": "HowTo",
            "@id": url + "#how-to",
            "name": self.name,
            "description": self.summary,
            "url": url,
            "author": self.author.schema_person,
            "datePublished": timezone.localtime(self.published_at).isoformat(),
            "dateModified": timezone.localtime(max(self.updated_at, self.published_at)).isoformat(),
            "tool": [{"@type": "HowToTool", "name": item.name} for item in self.equipment.all()],
            "step": [],
        }
        if self.starting_position:
            data["step"].append(
                {"@type": "HowToStep", "name": "Starting position", "text": self.starting_position}
            )
        for number, step in enumerate(steps, start=1):
            how_to_step = {
                "@type": "HowToStep",
                "text": strip_tags(step.instruction_html).strip(),
                "url": f"{url}#step-{number}",
            }
            if step.image_renditions:
                how_to_step["image"] = largest_copy_url(step.image_renditions)
            data["step"].append(how_to_step)
        for position, how_to_step in enumerate(data["step"], start=1):
            how_to_step["position"] = position
        page = self.medical_web_page(url, self.name, data)
        del data["@context"]
        return {"@context": "https://schema.org", "@graph": [page, data]}

    def guide(self):
        """What guided mode needs to walk a patient through this exercise, for the page's JSON."""
        steps = list(self.steps.all())
        timed_by_steps = any(step.hold_seconds for step in steps)
        return {
            "slug": self.slug,
            "name": self.name,
            "url": self.get_absolute_url(),
            "dosage": self.dosage_text,
            "startingPosition": self.starting_position,
            "startingImage": guide_image(self.starting_image_renditions, self.starting_image_alt),
            "thumbnail": guide_image(self.thumbnail_renditions, "", narrowest=True),
            "repetitions": self.repetitions or 1,
            "sets": self.sets or 1,
            "restSeconds": self.rest_seconds or 0,
            "sides": 2 if self.is_each_side else 1,
            "steps": [
                {
                    "html": step.instruction_html,
                    "tip": step.tip,
                    "image": guide_image(step.image_renditions, step.image_alt),
                    "video": {"src": step.video.url, "type": step.video_type} if step.video else None,
                    "holdSeconds": step.hold_seconds
                    or (self.hold_seconds if not timed_by_steps and number == len(steps) else None),
                }
                for number, step in enumerate(steps, start=1)
            ],
        }


def guide_image(renditions, alt, narrowest=False):
    """A picture for guided mode, where it fills a phone's width: the widest WebP copy (or, for a
    routine's thumbnail, the narrowest), with its size so the screen keeps its place while it
    loads."""
    if not renditions:
        return None
    copy = renditions["webp"][0 if narrowest else -1]
    return {
        "src": copy["url"],
        "width": copy["width"],
        "height": round(renditions["height"] * copy["width"] / renditions["width"]),
        "alt": alt,
    }


class Step(HasVideo, CachedContent):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(help_text="Steps are shown in this order, lowest first.")
    instruction = models.TextField(
        help_text="One short action, in markdown.", validators=[validate_local_images]
    )
    tip = models.CharField(max_length=240, blank=True, help_text="Optional, e.g. “Keep your back straight.”")
    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Optional: guided mode times this step.",
    )
    image = models.ImageField(
        upload_to="steps/",
        blank=True,
        validators=[validate_image_upload],
        help_text="Optional photo or drawing of this step (JPEG, PNG or WebP, under 5 MB).",
    )
    image_alt = models.CharField(
        "image description",
        max_length=200,
        blank=True,
        help_text="What the image shows. Required with an image.",
    )

    instruction_html = models.TextField(editable=False, default="")
    image_renditions = models.JSONField(editable=False, default=dict)

    class Meta:
        ordering = ["exercise", "position"]
        constraints = [models.UniqueConstraint(fields=["exercise", "position"], name="unique_step_position")]

    def __str__(self):
        return f"{self.exercise} – step {self.position}"

    def save(self, *args, **kwargs):
        self.instruction_html = render_markdown(self.instruction)
        strip_metadata(self.image)
        super().save(*args, **kwargs)
        store_renditions(self, "image", "image_renditions", STEP_IMAGE_WIDTHS)

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the image for people who cannot see it."})
        try:
            exercise = self.exercise
        except Exercise.DoesNotExist:
            exercise = None
        if exercise is not None and exercise.status == Exercise.Status.PUBLISHED and self.video_problems():
            raise ValidationError(self.video_problems())
