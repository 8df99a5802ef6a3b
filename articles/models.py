import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from clinic.artwork import share_image_url
from publishing.images import largest_copy_url, store_renditions, strip_metadata, validate_image_upload
from publishing.markdown import render_markdown, render_markdown_with_toc, validate_local_images
from publishing.models import CachedContent, ClinicallyReviewed, Publishable, PublishableQuerySet

WORDS_PER_MINUTE = 200
SUMMARY_LIMIT = 160
SUMMARY_TOO_LONG = (
    "Keep the summary to 160 characters or fewer, so search engines show it whole (it has %(show_value)d)."
)


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Topics with at least one live article. Each topic's links are walked first and each
        linked article looked up by its key, whatever the planner knows of the tables' sizes:
        starting from all published articles instead costs a scan of every one."""
        live = Article.objects.published().filter(pk=OuterRef("article_id"))
        links = Article.topics.through.objects.filter(topic_id=OuterRef("pk")).filter(Exists(live))
        return self.filter(Exists(links), is_published=True)


class Topic(CachedContent):
    name = models.CharField(
        max_length=60, unique=True, help_text="e.g. “Hip pain”, “Pregnancy and postpartum”."
    )
    slug = models.SlugField(unique=True, help_text="The page address; filled from the name.")
    description = models.CharField(
        max_length=SUMMARY_LIMIT, blank=True, help_text="One sentence shown at the top of the topic page."
    )
    is_published = models.BooleanField(
        "published",
        default=True,
        help_text="Unticked, the topic has no page and is left out of the topic lists (an import "
        "creates topics this way for you to check).",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleQuerySet(PublishableQuerySet):
    # What cards, lists and feeds show of an article. The long texts and their
    # renderings (several kilobytes an article) stay behind, and each field loaded costs time.
    CARD_FIELDS = (
        "status", "published_at", "updated_at", "reviewed_on", "title", "slug", "summary",
        "lead_image_renditions", "author__name", "author__credentials",
    )  # fmt: skip

    def cards(self, *also):
        """What article cards and lists show, with their authors; `also` names more fields to
        load (search shows a passage of the body)."""
        return self.select_related("author").only(*self.CARD_FIELDS, *also)

    def related_to(self, article, topics, limit=3):
        """Read next: the newest live articles sharing any of `topics` (the article's own, as the
        page has them), each once, with their authors; the newest live others when it has none."""
        others = self.published().exclude(pk=article.pk).cards()
        if topics:
            # Candidates come from the topic links in a subquery: a join would need de-duplicating
            # against every article, slow once a site has thousands.
            links = Article.topics.through.objects.filter(topic__in=topics)
            others = others.filter(pk__in=links.values("article_id"))
        return others[:limit]

    def for_page(self):
        """Everything the article page shows of the article: its author and reviewer in its own
        query, its published topics (by name) and references (in order) in one query each; a topic
        not yet published has no page to link to."""
        return self.select_related("author", "reviewed_by").prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.filter(is_published=True).order_by("name").only("name", "slug"),
            ),
            "references",
        )


class Article(Publishable, ClinicallyReviewed):
    title = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=120, help_text="The page address; filled from the title.")
    summary = models.CharField(
        max_length=SUMMARY_LIMIT,
        error_messages={"max_length": SUMMARY_TOO_LONG},
        help_text="One or two sentences for article cards and search engines; 160 characters at most.",
    )
    key_takeaways = models.TextField(
        blank=True,
        help_text="Three to five short points shown near the top, one per line.",
    )
    body = MarkdownxField(
        validators=[validate_local_images],
        help_text=(
            "Markdown. Start sections with “## ”. Put [[exercise:slug]] on a line of its own to show an "
            "exercise card, or [[booking]] for the booking invitation. The preview shows what patients see."
        ),
    )
    when_to_get_help = models.TextField(
        "when to get help",
        blank=True,
        validators=[validate_local_images],
        help_text="Red-flag symptoms that need prompt care, in markdown. Shown in a highlighted box.",
    )
    lead_image = models.ImageField(
        upload_to="articles/",
        blank=True,
        validators=[validate_image_upload],
        help_text="A wide photo at the top of the article (JPEG, PNG or WebP, under 5 MB).",
    )
    lead_image_alt = models.CharField(
        "lead image description",
        max_length=200,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Required with a lead image.",
    )
    author = models.ForeignKey("clinicians.Clinician", on_delete=models.PROTECT, related_name="articles")
    # An article brought from the clinic's earlier site keeps its history there: the page says when
    # it first appeared, whenever it goes live here.
    first_published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        help_text="When the article first appeared on the clinic's earlier site; the page shows this date. "
        "Empty for articles first published here.",
    )
    earlier_updated_at = models.DateTimeField(
        "last updated on the earlier site",
        null=True,
        blank=True,
        help_text="When the article last changed on the clinic's earlier site, as the import found it.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    related_exercises = models.ManyToManyField(
        "exercises.Exercise",
        blank=True,
        related_name="featured_in_articles",
        help_text="Exercises listed at the end of the article.",
    )

    body_html = models.TextField(editable=False, default="")
    when_to_get_help_html = models.TextField(editable=False, default="")
    table_of_contents = models.JSONField(editable=False, default=list)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    lead_image_renditions = models.JSONField(editable=False, default=dict)

    history = HistoricalRecords(excluded_fields=["body_html", "when_to_get_help_html", "table_of_contents"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        permissions = [("sign_off", "Can sign off a clinical review")]
        # Lists read the newest published articles first; this keeps that cheap on a large site.
        # With the review date too, the sitemap counts the live, reviewed articles from the index
        # alone rather than reading every article's row.
        indexes = [
            models.Index(fields=["status", "-published_at", "reviewed_on"], name="article_live_reviewed_idx")
        ]

    def __str__(self):
        return self.title

    def reviewable_text(self):
        return "\n".join([self.title, self.summary, self.key_takeaways, self.body, self.when_to_get_help])

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError({"lead_image_alt": "Describe the lead image for people who cannot see it."})
        if self.status == self.Status.PUBLISHED and self.author_id and not self.author.is_published:
            raise ValidationError(
                {
                    "author": f"{self.author.name} is not published yet: complete their page and publish it first."
                }
            )

    def save(self, *args, **kwargs):
        self.render()
        strip_metadata(self.lead_image)
        super().save(*args, **kwargs)
        store_renditions(self, "lead_image", "lead_image_renditions")

    def render(self):
        """Refresh the stored HTML from the markdown; pages never render markdown per view."""
        self.body_html, self.table_of_contents = render_markdown_with_toc(self.body)
        self.when_to_get_help_html = render_markdown(self.when_to_get_help)
        words = len(re.findall(r"\w+", self.body))
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_full_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def lead_image_full_url(self):
        """The full address of the lead image's largest copy, for sharing."""
        if not self.lead_image_renditions:
            return ""
        return largest_copy_url(self.lead_image_renditions)

    def structured_data(self, topics, clinic):
        """schema.org MedicalWebPage (who wrote and checked the page) about an Article (for rich
        results); `topics` are the article's own, as the page has them."""
        url = self.get_full_url()
        article = {
            "@type": "Article",
            "@id": url + "#article",
            "headline": self.title,
            "description": self.summary,
            "url": url,
            "datePublished": timezone.localtime(self.first_appeared_at).isoformat(),
            "dateModified": timezone.localtime(self.modified_at).isoformat(),
            "author": self.author.schema_person,
            "publisher": {
                "@id": settings.SITE_URL + "/#clinic",
                "@type": "MedicalClinic",
                "name": clinic.name,
            },
            "about": [{"@type": "Thing", "name": topic.name} for topic in topics],
            "image": self.lead_image_full_url or share_image_url(self.title),
        }
        page = self.medical_web_page(url, self.title, article)
        page |= {"datePublished": article["datePublished"], "dateModified": article["dateModified"]}
        return {"@context": "https://schema.org", "@graph": [page, article]}

    @property
    def first_appeared_at(self):
        """When readers first could read the article, here or on the clinic's earlier site."""
        return self.first_published_at or self.published_at

    @property
    def modified_at(self):
        """When the page last changed, for search engines: never before it was published (a
        scheduled article is edited before it goes live)."""
        return max(self.updated_at, self.published_at)

    @property
    def takeaways(self):
        return [line.strip(" -*•") for line in self.key_takeaways.splitlines() if line.strip(" -*•")]

    @property
    def modified_on(self):
        """The later of the last edit and the last review: what readers and search engines see as current."""
        edited_on = timezone.localdate(self.updated_at)
        return max(edited_on, self.reviewed_on) if self.reviewed_on else edited_on


class Reference(CachedContent):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=1, help_text="References are listed in this order.")
    title = models.CharField(
        max_length=300, help_text="Authors, title, journal and year, as you would cite it."
    )
    url = models.URLField("link", blank=True, help_text="Optional: where the reader can find it.")

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_reference_position")
        ]

    def __str__(self):
        return self.title


class SearchSynonym(CachedContent):
    """A word patients search for that the site's own texts do not use ("sciatica"), and the
    words they do use for it ("hip pain"). Search tries it when a query finds nothing."""

    word = models.CharField(
        max_length=60,
        unique=True,
        help_text="What a patient might type, e.g. “sciatica”. Not case-sensitive.",
    )
    search_for = models.CharField(
        max_length=120,
        help_text="The words the site uses for it, e.g. “hip pain”. Shown as “Showing results for …”.",
    )

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return f"{self.word} → {self.search_for}"

    def clean(self):
        self.word = " ".join(self.word.lower().split())
        self.search_for = " ".join(self.search_for.split())
        if self.word == self.search_for.lower():
            raise ValidationError({"search_for": "Give other words than the synonym itself."})

    def save(self, *args, **kwargs):
        self.word = " ".join(self.word.lower().split())
        super().save(*args, **kwargs)
