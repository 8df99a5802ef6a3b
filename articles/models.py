from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from hipcare.markdown import render_markdown_with_toc
from hipcare.publishing import Publishable


class Article(Publishable):
    title = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=120, help_text="The page address; filled from the title.")
    summary = models.CharField(
        max_length=160,
        help_text="One or two sentences shown on article cards and to search engines (160 characters at most).",
    )
    body = MarkdownxField(
        help_text="Write in markdown. Start sections with “## ”; the preview shows the page as patients see it."
    )
    body_html = models.TextField(editable=False, default="")
    table_of_contents = models.JSONField(editable=False, default=list)
    author = models.ForeignKey("clinicians.Clinician", on_delete=models.PROTECT, related_name="articles")

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html, self.table_of_contents = render_markdown_with_toc(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})
