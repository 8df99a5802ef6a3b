from django.db import models


class ContentStamp(models.Model):
    """A single row that says which version of the public content is current.

    Rendered pages are cached under this generation, so reading one small row is all a cached
    page costs the database. Saving any content moves the generation on; so does the moment a
    scheduled page goes live, which `next_publication` (Unix seconds) records in advance.
    """

    generation = models.PositiveBigIntegerField(default=0)
    next_publication = models.BigIntegerField(
        null=True, help_text="When the next scheduled page goes live, in Unix seconds."
    )

    def __str__(self):
        return f"content generation {self.generation}"
