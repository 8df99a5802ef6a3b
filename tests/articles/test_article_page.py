import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Topic
from exercises.models import Exercise
from tests.factories import ArticleFactory, ClinicianFactory, ExerciseFactory, ReferenceFactory, TopicFactory

pytestmark = pytest.mark.django_db

LONG_BODY = "Opening words.\n\n## First part\n\nText.\n\n### A detail\n\nMore.\n\n## Second part\n\nText.\n\n## Third part\n\nEnd."


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_article_shows_review_credits_and_reading_time(client):
    reviewer = ClinicianFactory(name="Dr. Reviewer", credentials="PT, DPT, WCS")
    article = ArticleFactory(reviewed_by=reviewer, reviewed_on=datetime.date(2026, 3, 1), body="word " * 450)

    html = page(client, article)

    assert "Clinically reviewed by" in html
    assert f'<a href="{reviewer.get_absolute_url()}">Dr. Reviewer, PT, DPT, WCS</a> on' in html
    assert '<time datetime="2026-03-01">March 1, 2026</time>' in html
    assert "Next review due" in html and '<time datetime="2027-03-01">' in html
    assert "3 min read" in html


def test_next_review_is_due_a_year_after_review_unless_set():
    article = ArticleFactory(reviewed_by=ClinicianFactory(), reviewed_on=datetime.date(2026, 1, 10))
    assert article.next_review_on == datetime.date(2027, 1, 10)
    chosen = ArticleFactory(
        reviewed_by=ClinicianFactory(),
        reviewed_on=datetime.date(2026, 1, 10),
        next_review_on=datetime.date(2026, 7, 1),
    )
    assert chosen.next_review_on == datetime.date(2026, 7, 1)


def test_key_takeaways_show_one_point_per_line(client):
    article = ArticleFactory(key_takeaways="- First point\nSecond point\n\n")
    html = page(client, article)
    assert "<li>First point</li><li>Second point</li>" in html


def test_long_article_has_a_table_of_contents_linking_to_its_headings(client):
    html = page(client, ArticleFactory(body=LONG_BODY))
    assert "On this page" in html
    assert '<a href="#section-first-part">First part</a>' in html
    assert '<a href="#section-a-detail">A detail</a>' in html
    assert '<h2 id="section-first-part">First part</h2>' in html


def test_short_article_has_no_table_of_contents(client):
    assert "On this page" not in page(client, ArticleFactory(body="Just one paragraph."))


def test_booking_invitation_follows_the_opening_once(client):
    html = page(client, ArticleFactory(body=LONG_BODY))
    opening_cta = html.index('id="cta-opening"')
    assert html.index("Opening words.") < opening_cta < html.index('<h2 id="section-first-part">')
    assert html.count('class="cta"') == 1


def test_when_to_get_help_box_appears_only_when_written(client):
    with_flags = ArticleFactory(when_to_get_help="- **Fever** with pelvic pain")
    assert "When to get help" in page(client, with_flags)
    assert "<strong>Fever</strong> with pelvic pain" in page(client, with_flags)
    assert "When to get help" not in page(client, ArticleFactory())


def test_references_are_listed_in_order_with_links(client):
    article = ArticleFactory()
    ReferenceFactory(article=article, position=2, title="Second study")
    ReferenceFactory(article=article, position=1, title="First study", url="https://journal.example/1")
    html = page(client, article)
    assert html.index("First study") < html.index("Second study")
    assert '<a href="https://journal.example/1" rel="noopener">First study</a>' in html


def test_topics_link_to_their_pages(client):
    topic = TopicFactory(name="Hip pain", slug="hip-pain")
    article = ArticleFactory()
    article.topics.add(topic)
    assert f'<a href="{topic.get_absolute_url()}">Hip pain</a>' in page(client, article)


def test_a_topic_not_yet_published_is_not_linked(client):
    article = ArticleFactory()
    article.topics.add(TopicFactory(name="Hip pain"), TopicFactory(name="Tailbone pain", is_published=False))

    html = page(client, article)

    assert ">Hip pain</a>" in html
    assert "Tailbone pain" not in html


def test_topics_and_references_keep_their_text_order_and_escaping(client):
    article = ArticleFactory()
    # Added in an order that is neither the shown order nor its reverse.
    article.topics.add(TopicFactory(name="Hips"))
    article.topics.add(TopicFactory(name="Bladder"))
    article.topics.add(TopicFactory(name="Pregnancy & birth"))
    ReferenceFactory(article=article, position=2, title='Smith "Pelvic" <pain> review, 2021 – 中文')
    ReferenceFactory(article=article, position=3, title="Third study")
    ReferenceFactory(article=article, position=1, title="Café study", url="https://journal.example/?a=1&b=2")
    html = page(client, article)
    assert html.index(">Bladder</a>") < html.index(">Hips</a>") < html.index(">Pregnancy &amp; birth</a>")
    assert "Smith &quot;Pelvic&quot; &lt;pain&gt; review, 2021 – 中文" in html
    assert '<a href="https://journal.example/?a=1&amp;b=2" rel="noopener">Café study</a>' in html
    assert html.index("Café study") < html.index("Smith") < html.index("Third study")
    assert '"name": "Bladder"' in html


def test_another_articles_topics_references_and_exercises_stay_off_the_page(client):
    article, other = ArticleFactory(), ArticleFactory()
    article.topics.add(TopicFactory(name="Hip pain"))
    other.topics.add(TopicFactory(name="Bladder health"))
    ReferenceFactory(article=article, title="Our study")
    ReferenceFactory(article=other, title="Their study")
    article.related_exercises.add(ExerciseFactory(name="Our stretch"))
    other.related_exercises.add(ExerciseFactory(name="Their stretch"))

    html = page(client, article)

    assert "Hip pain" in html and "Our study" in html and "Our stretch" in html
    assert "Bladder health" not in html and "Their study" not in html and "Their stretch" not in html


def test_embedded_exercise_shows_its_card(client):
    ExerciseFactory(slug="figure-4-stretch", name="Figure-4 stretch", summary="Loosens the piriformis.")
    html = page(client, ArticleFactory(body="Intro.\n\n[[exercise:figure-4-stretch]]\n\nAfter."))
    assert 'aria-label="Exercise: Figure-4 stretch"' in html
    assert "Loosens the piriformis." in html
    assert "[[exercise" not in html


@pytest.mark.parametrize("target", ["unknown-exercise", "draft-exercise"])
def test_missing_or_draft_embed_shows_nothing_to_visitors_and_a_warning_to_staff(
    client, staff_client, target
):
    ExerciseFactory(slug="draft-exercise", name="Secret draft", status=Exercise.Status.DRAFT)
    article = ArticleFactory(body=f"Intro.\n\n[[exercise:{target}]]\n\nAfter.")

    public = page(client, article)
    staff = page(staff_client, article)

    assert "[[exercise" not in public and "Secret draft" not in public and "Staff note" not in public
    assert f"the exercise “{target}”" in staff


def test_booking_short_code_places_the_one_invitation_of_the_page(client):
    html = page(
        client,
        ArticleFactory(body="Intro.\n\n[[booking]]\n\n## Part\n\n[[booking]]\n\nAfter.\n\n[[booking]]"),
    )
    assert 'id="cta-embed"' in html
    assert html.count('class="cta"') == 1
    assert "[[booking]]" not in html


def test_short_code_inside_a_sentence_stays_text(client):
    html = page(client, ArticleFactory(body="Write [[booking]] on its own line."))
    assert "Write [[booking]] on its own line." in html


def test_related_articles_share_a_topic(client):
    topic, other_topic = TopicFactory(), TopicFactory()
    article = ArticleFactory()
    article.topics.add(topic)
    sibling = ArticleFactory(title="Sibling article")
    sibling.topics.add(topic)
    stranger = ArticleFactory(title="Unrelated article")
    stranger.topics.add(other_topic)
    draft = ArticleFactory(title="Draft sibling", status=Article.Status.DRAFT)
    draft.topics.add(topic)

    html = page(client, article)

    assert "Sibling article" in html
    assert "Unrelated article" not in html and "Draft sibling" not in html


def test_read_next_shows_the_three_newest_live_articles_sharing_any_topic_once_each(client):
    hips, bladder = TopicFactory(), TopicFactory()
    article = ArticleFactory()
    article.topics.add(hips, bladder)
    now = timezone.now()
    for days_ago, title, topics in [
        (1, "Shares both topics", [hips, bladder]),
        (2, "Shares the second topic", [bladder]),
        (3, "Shares the first topic", [hips]),
        (4, "Older sibling", [hips]),
    ]:
        ArticleFactory(title=title, published_at=now - timezone.timedelta(days=days_ago)).topics.add(*topics)
    # Newer than all of them, but not live: neither may take one of the three places.
    ArticleFactory(title="Scheduled sibling", published_at=now + timezone.timedelta(days=1)).topics.add(hips)
    ArticleFactory(title="Draft sibling", status=Article.Status.DRAFT, published_at=now).topics.add(hips)

    html = page(client, article)

    read_next = html[html.index("Read next") : html.index("</main>")]
    titles = re.findall(r'<a href="/articles/[^"]+/">([^<]+)</a>', read_next)
    assert titles == ["Shares both topics", "Shares the second topic", "Shares the first topic"]
    assert "Scheduled sibling" not in html and "Draft sibling" not in html


def test_read_next_cards_show_their_author_and_date_escaped(client):
    topic = TopicFactory()
    article = ArticleFactory()
    article.topics.add(topic)
    author = ClinicianFactory(name="Dr. Ana <b>Ruiz</b>", credentials="PT, DPT, WCS")
    published = timezone.now() - timezone.timedelta(days=3)
    ArticleFactory(title="Hips & hormones", author=author, published_at=published).topics.add(topic)

    read_next = page(client, article).split("Read next", 1)[1]

    assert "Hips &amp; hormones" in read_next
    assert "Dr. Ana &lt;b&gt;Ruiz&lt;/b&gt;, PT, DPT, WCS" in read_next
    assert f'datetime="{timezone.localtime(published):%Y-%m-%dT%H:%M:%S%z}"' in read_next


def test_read_next_without_topics_offers_the_newest_other_articles(client):
    article = ArticleFactory(title="Lonely article")
    ArticleFactory(title="Another article")

    read_next = page(client, article).split("Read next", 1)[1]

    assert "Another article" in read_next and "Lonely article" not in read_next


def test_read_next_is_left_out_when_no_live_article_shares_a_topic(client):
    article = ArticleFactory()
    article.topics.add(TopicFactory())
    ArticleFactory(title="Elsewhere").topics.add(TopicFactory())

    assert "Read next" not in page(client, article)


def test_related_exercises_list_those_not_already_embedded(client):
    embedded = ExerciseFactory(slug="embedded-one", name="Embedded one")
    extra = ExerciseFactory(name="Extra stretch")
    hidden = ExerciseFactory(name="Hidden stretch", status=Exercise.Status.DRAFT)
    ExerciseFactory(name="Stranger stretch")
    article = ArticleFactory(body="[[exercise:embedded-one]]")
    article.related_exercises.add(embedded, extra, hidden)

    html = page(client, article)

    related = html[html.index("Exercises from this article") :]
    assert "Extra stretch" in related
    assert "Embedded one" not in related and "Hidden stretch" not in related
    assert "Stranger stretch" not in html


def test_article_page_carries_disclaimer_and_author_bio(client):
    author = ClinicianFactory(bio="Treats hips and pelvic floors.", location="Portland, Oregon")
    html = page(client, ArticleFactory(author=author))
    assert "Education, not diagnosis." in html
    assert "Treats hips and pelvic floors. Based in Portland, Oregon." in html


def test_topic_page_lists_only_its_published_articles(client):
    topic = TopicFactory(name="Pregnancy and postpartum", description="Care during and after pregnancy.")
    inside = ArticleFactory(title="Inside article")
    inside.topics.add(topic)
    ArticleFactory(title="Outside article")
    draft = ArticleFactory(title="Draft inside", status=Article.Status.DRAFT)
    draft.topics.add(topic)

    html = client.get(topic.get_absolute_url()).content.decode()

    assert "<h1>Pregnancy and postpartum</h1>" in html
    assert "Care during and after pregnancy." in html
    assert "Inside article" in html
    assert "Outside article" not in html and "Draft inside" not in html


def test_topic_navigation_lists_live_topics_and_marks_the_one_shown(client):
    hips, bladder = TopicFactory(name="Hips", slug="hips"), TopicFactory(name="Bladder", slug="bladder")
    ArticleFactory().topics.add(hips, bladder)
    ArticleFactory(status=Article.Status.DRAFT).topics.add(TopicFactory(name="Unpublished only"))

    listing = client.get(reverse("articles:list")).content.decode()
    on_topic = client.get(hips.get_absolute_url()).content.decode()

    assert listing.index('href="/articles/topics/bladder/">Bladder</a>') < listing.index(">Hips</a>")
    assert "Unpublished only" not in listing
    assert 'aria-current="page">Hips</a>' not in listing
    assert '<a class="topics__link" href="/articles/topics/hips/" aria-current="page">Hips</a>' in on_topic
    assert 'href="/articles/topics/bladder/">Bladder</a>' in on_topic


@pytest.mark.parametrize(("topic_count", "folded"), [(8, False), (9, True)])
def test_a_long_topic_navigation_folds_behind_one_line(client, topic_count, folded):
    for _ in range(topic_count):
        ArticleFactory().topics.add(TopicFactory())

    for page in (reverse("articles:list"), Topic.objects.first().get_absolute_url()):
        html = client.get(page).content.decode()
        assert html.count('class="topics__link"') == topic_count
        assert (f'<summary class="topics__summary">All topics ({topic_count})</summary>' in html) is folded


def test_unknown_topic_is_404(client):
    assert client.get(reverse("articles:topic", kwargs={"slug": "nope"})).status_code == 404


def test_dates_are_shown_on_the_clinics_calendar(client, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    # 7:30 pm on 1 March at the clinic is already 2 March in UTC.
    published_at = datetime.datetime(2026, 3, 2, 3, 30, tzinfo=datetime.UTC)
    article = ArticleFactory(
        published_at=published_at,
        reviewed_by=ClinicianFactory(),
        reviewed_on=datetime.date(2026, 3, 9),
        next_review_on=datetime.date(2027, 2, 1),
    )
    shown = '<time datetime="2026-03-01T19:30:00-0800">March 1, 2026</time>'

    html = page(client, article)
    card = client.get(reverse("articles:list")).content.decode()

    assert shown in html and shown in card
    assert '<time datetime="2026-03-09">March 9, 2026</time>' in html
    assert '<time datetime="2027-02-01">February 2027</time>' in html
    assert '<meta property="article:published_time" content="2026-03-01T19:30:00-08:00">' in html


def test_machine_readable_dates_are_valid_html(client):
    html = page(client, ArticleFactory(reviewed_by=ClinicianFactory(), reviewed_on=datetime.date(2026, 3, 1)))
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    valid = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:?\d{2}|Z))?")
    assert all(valid.fullmatch(stamp) for stamp in stamps), stamps
