from django.db import models


class Clinician(models.Model):
    name = models.CharField(max_length=120, help_text="As patients should see it, e.g. “Dr. Maya Lindqvist”.")
    slug = models.SlugField(unique=True)
    credentials = models.CharField(
        max_length=60, help_text="Post-nominal letters shown after the name, e.g. “PT, DPT”."
    )
    bio = models.TextField(
        help_text="Two or three plain sentences: training, special interests, where they practise."
    )
    location = models.CharField(max_length=120, blank=True, help_text="City, e.g. “Portland, Oregon”.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"
