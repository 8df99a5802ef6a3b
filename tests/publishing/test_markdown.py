"""Staff markdown reaches patients only through the sanitising renderer."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ExerciseFactory, StepFactory

pytestmark = pytest.mark.django_db

HOSTILE_MARKDOWN = [
    "<script>alert('x')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pic](javascript:alert(1))",
    "![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    '<a href="javascript:alert(1)">raw link</a>',
    "<div><b>unclosed <i>nested <script>alert(1)",
    "<<script>script>alert(1)<</script>/script>",
    'A paragraph {: onclick="alert(1)" style="color:red" }',
    "## Heading {: onmouseover=alert(1) }",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="q"></form>',
    "<!-- <script>alert(1)</script> -->",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "form", "input", "style"}


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def executable_parts(html):
    """What a browser would treat as markup that can run or load code: real tags, not escaped text."""
    collector = _ElementCollector()
    collector.feed(html)
    problems = []
    for tag, attrs in collector.elements:
        if tag in FORBIDDEN_TAGS:
            problems.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                problems.append(f"{tag}[{name}]")
            if name in {"href", "src"} and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                problems.append(f"{tag}[{name}={value}]")
    return problems


def prose_of(html):
    return "".join(re.findall(r'<div class="prose"[^>]*>(.*?)</div>', html, re.S))


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN)
def test_hostile_article_markdown_leaves_nothing_executable(client, markdown):
    article = ArticleFactory(body=markdown)
    body = prose_of(client.get(article.get_absolute_url()).content.decode())
    assert body
    assert executable_parts(body) == []


@pytest.mark.parametrize("markdown", HOSTILE_MARKDOWN)
def test_hostile_step_markdown_leaves_nothing_executable(client, markdown):
    step = StepFactory(exercise=ExerciseFactory(), instruction=markdown)
    body = prose_of(client.get(step.exercise.get_absolute_url()).content.decode())
    assert body
    assert executable_parts(body) == []


def test_the_checker_itself_spots_executable_markup():
    assert executable_parts('<p onclick="x">a</p><a href=" javascript:x">b</a><script></script>') == [
        "p[onclick]",
        "a[href= javascript:x]",
        "script",
    ]


def test_raw_html_is_shown_as_text():
    article = ArticleFactory(body="Use <b>bold</b> sparingly.")
    assert "Use &lt;b&gt;bold&lt;/b&gt; sparingly." in article.body_html


def test_markdown_features_staff_need_survive_cleaning():
    article = ArticleFactory(
        body=(
            "## Why it hurts\n\n**Strong** and *soft* text, [a guide](https://nhs.example/guide) "
            "and [our page](/exercises/).\n\n![A chair](/media/chair.jpg)\n\n"
            "| Week | Change |\n|---|---|\n| 1 | Small |\n\n1. one\n2. two\n"
        )
    )
    html = article.body_html
    assert '<h2 id="section-why-it-hurts">Why it hurts</h2>' in html
    assert "<strong>Strong</strong>" in html and "<em>soft</em>" in html
    assert '<a href="https://nhs.example/guide" rel="noopener">a guide</a>' in html
    assert '<a href="/exercises/">our page</a>' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert "<table>" in html and "<ol>" in html


def test_editor_preview_is_refused_to_visitors(client):
    response = client.post(reverse("markdownx_markdownify"), {"content": "**hi**"})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_editor_image_upload_is_refused_to_visitors(client):
    response = client.post(reverse("markdownx_upload"), {})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_editor_preview_for_staff_is_sanitised_like_the_page(staff_client):
    response = staff_client.post(
        reverse("markdownx_markdownify"), {"content": "**hi** <script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert response.content.decode() == "<p><strong>hi</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_editor_preview_without_content_is_a_clear_400(staff_client):
    response = staff_client.post(reverse("markdownx_markdownify"), {})
    assert response.status_code == 400
    assert b"no content" in response.content


def test_editor_preview_shows_embeds_and_warns_about_missing_ones(staff_client):
    ExerciseFactory(slug="figure-4-stretch", name="Figure-4 stretch")
    content = "[[exercise:figure-4-stretch]]\n\n[[exercise:no-such-thing]]"
    html = staff_client.post(reverse("markdownx_markdownify"), {"content": content}).content.decode()
    assert 'aria-label="Exercise: Figure-4 stretch"' in html
    assert "the exercise “no-such-thing” does not exist" in html
