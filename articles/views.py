from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from clinic.details import clinic_details
from clinic.models import ClinicProfile
from exercises.models import Exercise
from publishing.caching import PAGE_SECONDS, request_generation
from publishing.events import VIEW_EVENTS, CountedEvent, searched_words
from publishing.views import StaffPreviewMixin

from .embeds import embedded_exercise_slugs, expand_embeds, has_booking_code, split_opening
from .models import Article, Topic
from .search import highlighted_words, search_site, snippet

# About two rows of topic links on a phone. A longer list folds behind one line, so that it does
# not push the articles themselves off the first screen.
TOPIC_LINKS_SHOWN_OPEN = 8


class ArticleListView(ListView):
    paginate_by = 12
    extra_context = {"nav_section": "articles"}

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().cards()

    def get_context_data(self, topic=None, **kwargs):
        links = topic_links(self.request, current=topic)
        return super().get_context_data(
            topic=topic, topic_links=links, fold_topic_links=len(links) > TOPIC_LINKS_SHOWN_OPEN, **kwargs
        )


class TopicArticleListView(ArticleListView):
    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"], is_published=True)
        # Through the topic's own links: a join lets the planner start from every published article.
        links = Article.topics.through.objects.filter(topic_id=self.topic.pk)
        return super().get_queryset().filter(pk__in=links.values("article_id"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, page_topics=[self.topic], **kwargs)


class TopicListView(ListView):
    """Every topic with a live article, with how many it has."""

    template_name = "articles/topic_list.html"
    extra_context = {"nav_section": "articles"}

    def get_queryset(self):
        live = Article.objects.published().filter(topics=OuterRef("pk")).values("topics")
        return Topic.objects.with_published_articles().annotate(
            article_count=Subquery(live.annotate(count=Count("pk")).values("count"))
        )


class ArticleSearchView(ArticleListView):
    template_name = "articles/search.html"
    context_object_name = "article_list"
    extra_context = {"nav_section": "search"}

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:100]
        self.found = search_site(
            self.query, Article.objects.cards("body_html"), as_typed="as_typed" in self.request.GET
        )
        return self.found.articles

    def get_context_data(self, **kwargs):
        found = self.found
        # Counted as typed: a search shown under other words still tells editors what patients
        # call something the site names differently.
        found_nothing = bool(found.terms) and (not found.anything or bool(found.showing_results_for))
        context = super().get_context_data(
            query=self.query,
            terms=highlighted_words(found.terms),
            more_than=found.more_than,
            page_query=urlencode({"q": found.showing_results_for or self.query}) + "&",
            exercises=found.exercises,
            self_checks=found.self_checks,
            showing_results_for=found.showing_results_for,
            as_typed_query=urlencode({"q": self.query, "as_typed": 1}),
            **kwargs,
        )
        if found_nothing and (words := searched_words(self.query)):
            # Counted with each view of this page, whichever cache serves it.
            context[VIEW_EVENTS] = [(CountedEvent.SEARCH_MISS, words)]
        for article in context["object_list"]:
            article.snippet = snippet(article.body_html, context["terms"])
        return context


class ArticleDetailView(StaffPreviewMixin, DetailView):
    queryset = Article.objects.for_page().prefetch_related(
        Prefetch("related_exercises", queryset=Exercise.objects.cards().order_by("name"))
    )
    extra_context = {"nav_section": "articles"}

    def get_context_data(self, **kwargs):
        article = self.object
        topics = list(article.topics.all())
        embedded, related_exercises = self.exercises(article)
        body = expand_embeds(article.body_html, self.request, embedded)
        opening, rest = split_opening(body)
        return super().get_context_data(
            topics=topics,
            references=article.references.all(),
            body_opening=opening,
            body_rest=rest,
            # The invitation goes where the author placed it, or else after the opening.
            booking_in_body=has_booking_code(article.body_html),
            related_articles=Article.objects.related_to(article, topics),
            related_exercises=related_exercises,
            structured_data=article.structured_data(topics, clinic_details(self.request)[0]),
            **kwargs,
        )

    def exercises(self, article):
        """The exercises embedded in the body (by slug) and the related ones not already shown
        there."""
        slugs = embedded_exercise_slugs(article.body_html)
        embedded = {exercise.slug: exercise for exercise in Exercise.objects.filter(slug__in=slugs).cards()}
        related = [
            exercise
            for exercise in article.related_exercises.all()
            if exercise.slug not in embedded and exercise.is_public
        ]
        return embedded, related


def topic_links(request, current=None):
    """The topic navigation: each topic with published articles, its address, and whether it is
    the page shown. Plain dicts, as a long list renders quicker from them than from models; read
    once per content change, since the search page, which no cache keeps, shows them too."""
    links = cache.get_or_set(
        f"topic-links:{request_generation(request)}:{get_script_prefix()}",
        lambda: [
            {"name": topic.name, "url": topic.get_absolute_url()}
            for topic in Topic.objects.with_published_articles().only("name", "slug")
        ],
        PAGE_SECONDS,
    )
    current_url = current.get_absolute_url() if current else None
    return [link | {"current": link["url"] == current_url} for link in links]


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    description = subtitle = "New plain-language articles on pelvic floor and hip health."

    def title(self):
        return f"{ClinicProfile.current().name}: articles"

    def link(self):
        return reverse("articles:list")

    def items(self):
        return Article.objects.published().cards()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return f"{item.author.name}, {item.author.credentials}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
