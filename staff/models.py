from django.db import models


class GlossaryTerm(models.Model):
    """Clinical words the plain-language panel flags in drafts, with a plainer way to say them."""

    term = models.CharField(
        max_length=60, unique=True, help_text="The word or phrase to flag, e.g. “bilateral”."
    )
    plainer = models.CharField(
        "plainer words", max_length=120, help_text="What to write instead, e.g. “on both sides”."
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "jargon word"

    def __str__(self):
        return self.term
