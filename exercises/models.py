from django.db import models
from django.urls import reverse

from hipcare.markdown import render_markdown
from hipcare.publishing import Publishable


class Exercise(Publishable):
    class Kind(models.TextChoices):
        STRETCH = "stretch", "Stretch"
        RELEASE = "release", "Release"
        STRENGTHENING = "strengthening", "Strengthening"
        SELF_CHECK = "self-check", "Self-check"

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=120, help_text="The page address; filled from the name.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(
        max_length=160, help_text="One sentence shown on exercise cards and to search engines."
    )
    purpose = models.TextField(help_text="Why a patient would do this, in plain words.")
    starting_position = models.TextField(
        blank=True, help_text="How to set up before step 1, e.g. “Sit tall in a chair, feet flat.”"
    )
    where_you_feel_it = models.CharField(
        "where you'll feel it",
        max_length=200,
        blank=True,
        help_text="e.g. “In the outer hip of the top leg.”",
    )
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Featured exercises are shown on the home page."
    )
    author = models.ForeignKey("clinicians.Clinician", on_delete=models.PROTECT, related_name="exercises")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})


class Step(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(help_text="Steps are shown in this order, lowest first.")
    instruction = models.TextField(help_text="One short action, in markdown.")
    instruction_html = models.TextField(editable=False, default="")
    tip = models.CharField(max_length=240, blank=True, help_text="Optional, e.g. “Keep your back straight.”")

    class Meta:
        ordering = ["exercise", "position"]
        constraints = [models.UniqueConstraint(fields=["exercise", "position"], name="unique_step_position")]

    def __str__(self):
        return f"{self.exercise} – step {self.position}"

    def save(self, *args, **kwargs):
        self.instruction_html = render_markdown(self.instruction)
        super().save(*args, **kwargs)
