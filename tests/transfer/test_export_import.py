import csv
import io
import json
import re
import zipfile
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from articles.models import Article, Topic
from booking.models import BookingRequest
from clinic.models import ClinicProfile, Page
from clinicians.models import Clinician
from exercises.models import BodyRegion, Equipment, Exercise
from newsletter.models import Subscriber
from quizzes.models import Quiz
from staff.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def public_urls():
    urls = ["/", "/articles/", "/exercises/", "/articles/topics/", "/team/", "/privacy/"]
    for model in (Article, Exercise, Quiz, Page, Clinician):
        urls += [item.get_absolute_url() for item in model.objects.all()]
    urls += [reverse("articles:topic", args=[topic.slug]) for topic in Topic.objects.all()]
    return sorted(urls)


def page_as_seen(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    # An import is a new edit, so the machine-readable "last modified" times differ; every form
    # carries a fresh timing token; a self-check's questions and answers are named by row number.
    html = re.sub(r'"dateModified": "[^"]*"|"article:modified_time" content="[^"]*"', "", html)
    html = re.sub(r'name="started" value="[^"]*"', "", html)
    return re.sub(r'\b([qa])\d+\b|value="\d+"', r"\1#", html)


def empty_the_library():
    for model in (Quiz, Article, Page, Exercise, Topic, BodyRegion, Equipment, GlossaryTerm):
        model.objects.all().delete()
    Clinician.objects.all().delete()
    ClinicProfile.objects.all().delete()


def test_export_then_import_into_an_empty_site_renders_every_public_page_the_same(
    demo, client, tmp_path, settings
):
    urls = public_urls()
    before = {url: page_as_seen(client, url) for url in urls}
    run("export_content", str(tmp_path / "library.zip"))
    empty_the_library()
    settings.MEDIA_ROOT = str(tmp_path / "empty-storage")
    assert client.get(urls[-1]).status_code == 404
    # Kept, rendered, with no article in it: the import must move the content generation on.
    assert page_as_seen(client, "/articles/") != before["/articles/"]

    run("import_content", str(tmp_path / "library.zip"), "--restore")

    assert public_urls() == urls
    assert {url: page_as_seen(client, url) for url in urls} == before


def test_the_export_is_readable_markdown_and_holds_nothing_personal(demo, tmp_path):
    BookingRequest.objects.create(
        first_name="Pat Private", email="pat.private@example.com", source_path="/", has_consented=True
    )
    Subscriber.objects.create(email="sub.private@example.com")

    summary = run("export_content", str(tmp_path / "library.zip"))

    with zipfile.ZipFile(tmp_path / "library.zip") as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        article = archive.read("articles/leaking-when-you-cough-or-jump.md").decode()
        step_picture = archive.read(
            next(name for name in archive.namelist() if name.startswith("media/steps/"))
        )
    assert b"private@example.com" not in everything and b"Pat Private" not in everything
    assert manifest["counts"]["article"] == Article.objects.count()
    assert "10 article" in summary
    assert article.startswith("---\ntitle: Leaking when you cough, laugh or jump\n")
    assert "\n---\n\nYou sneeze, and a little pee escapes." in article
    assert Image.open(io.BytesIO(step_picture)).format == "PNG"  # as the demo stores its drawings


WEBFLOW_HEADER = [
    "Name", "Slug", "Collection ID", "Locale ID", "Item ID", "Archived", "Draft", "Created On",
    "Updated On", "Published On", "Post Body", "Post Summary", "Main Image", "Category",
]  # fmt: skip
HOSTILE_BODY = (
    '<h1>Pelvic pain at work</h1><p onclick="steal()">Sit <strong>tall</strong> and '
    '<a href="javascript:alert(1)">breathe</a>.</p><script>document.cookie</script>'
    '<style>body{display:none}</style><iframe src="https://ads.example/frame"></iframe>'
    '<img src="https://track.example/pixel.gif" width="1" height="1">'
    '<p><img src="https://cdn.example/5f1e_desk.png" alt="A desk set up well"></p>'
    '<ul><li>Stand up every <em>30</em> minutes</li></ul><a href="https://www.nice.org.uk/">NICE</a>'
)


def webflow_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(WEBFLOW_HEADER)
        for name, slug, body, archived in rows:
            writer.writerow([
                name, slug, "c1", "l1", "i1", archived, "false", "Tue Oct 01 2024 09:00:00 GMT+0000 (Coordinated Universal Time)",
                "Tue Oct 01 2024 09:00:00 GMT+0000 (Coordinated Universal Time)",
                "Wed Oct 02 2024 10:30:00 GMT+0000 (Coordinated Universal Time)", body, "How to sit at work.",
                "https://cdn.example/5f1e_hero.jpg", "Pelvic pain; Not a topic here",
            ])  # fmt: skip
    return path


def picture(path, image_format="PNG"):
    Image.new("RGB", (40, 30), (200, 120, 80)).save(path, image_format)


def test_a_webflow_export_with_hostile_markup_arrives_as_a_sanitised_draft(demo, client, tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    picture(images / "5f1e_desk.png")
    source = webflow_csv(
        tmp_path / "blog.csv",
        [
            ("Sitting at work", "sitting-at-work", HOSTILE_BODY, "false"),
            ("Old post", "old-post", "<p>Old</p>", "true"),
        ],
    )
    args = ("import_content", str(source), "--author", "maya-lindqvist", "--images", str(images))

    report = run(*args, "--old-url-prefix", "/post/", "--map", "topics=Category")

    article = Article.objects.get(slug="sitting-at-work")
    assert article.status == Article.Status.DRAFT and article.reviewed_by is None
    assert article.author.slug == "maya-lindqvist" and article.published_at.year == 2024
    assert list(article.topics.values_list("slug", flat=True)) == ["pelvic-pain"]
    for hostile in (
        "script",
        "cookie",
        "iframe",
        "javascript",
        "onclick",
        "display:none",
        "track.example",
    ):
        assert hostile not in article.body and hostile not in article.body_html, hostile
    assert article.body.startswith("## Pelvic pain at work")
    assert "Sit **tall** and breathe." in article.body and "- Stand up every *30* minutes" in article.body
    desk = re.search(r"!\[A desk set up well\]\((/media/uploads/imported-\w+\.png)\)", article.body)
    assert desk and default_storage.exists(desk.group(1).removeprefix("/media/"))
    assert not Article.objects.filter(slug="old-post").exists()
    assert "1 tracking pixel(s) removed" in report
    # A frame is never shown from another site: it becomes a link the editor is told to check.
    assert "[Watch the video: ads.example](https://ads.example/frame)" in article.body
    assert "row 2 “Sitting at work”: https://ads.example/frame" in report
    assert "row 2 “Sitting at work”: https://cdn.example/5f1e_hero.jpg: cdn.example cannot be found" in report
    assert "Not a topic here: not on the site, so not tagged" in report
    assert "row 3: archived in Webflow" in report
    assert "/post/sitting-at-work -> /articles/sitting-at-work/" in report
    assert client.get(article.get_absolute_url()).status_code == 404

    again = run(*args, "--map", "topics=Category")
    assert "0 created, 0 updated, 1 unchanged" in again


def test_an_import_never_replaces_a_published_page_unless_asked(demo, tmp_path):
    body = "<p>A different text.</p>"
    source = webflow_csv(
        tmp_path / "blog.csv", [("Leaking", "leaking-when-you-cough-or-jump", body, "false")]
    )
    article = Article.objects.get(slug="leaking-when-you-cough-or-jump")

    report = run("import_content", str(source), "--author", "maya-lindqvist")

    assert "already on the site (use --update to replace it)" in report
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and "A different text" not in article.body

    run("import_content", str(source), "--author", "maya-lindqvist", "--update")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.body == "A different text."


def test_a_dry_run_reports_and_changes_nothing(demo, tmp_path):
    source = webflow_csv(
        tmp_path / "blog.csv", [("Sitting at work", "sitting-at-work", "<p>Hi</p>", "false")]
    )
    count = Article.objects.count()

    report = run("import_content", str(source), "--author", "maya-lindqvist", "--dry-run")

    assert "Dry run: nothing was changed" in report and "Would create (1)" in report
    assert "1 created, 0 updated" in report
    assert Article.objects.count() == count


def test_a_bad_file_stops_with_a_clear_message_and_leaves_the_site_as_it_was(demo, tmp_path):
    run("export_content", str(tmp_path / "library.zip"))
    with zipfile.ZipFile(tmp_path / "library.zip", "a") as archive:
        archive.writestr("pages/zz-broken.md", "---\ntitle: [unclosed\n---\nText")
    empty_the_library()

    with pytest.raises(CommandError, match="pages/zz-broken.md cannot be read"):
        run("import_content", str(tmp_path / "library.zip"), "--restore")

    assert not Article.objects.exists() and not Exercise.objects.exists()


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        (b"not a zip at all", "is not a content export from this site"),
        (b"Title,Body\nx,y\n", "has no 'Name', 'Slug', 'Post Body' column"),
    ],
)
def test_files_of_the_wrong_shape_are_refused_by_name(demo, tmp_path, contents, message):
    path = tmp_path / ("upload.zip" if contents.startswith(b"not") else "upload.csv")
    path.write_bytes(contents)

    with pytest.raises(CommandError, match=message):
        run("import_content", str(path), "--author", "maya-lindqvist")


def test_a_folder_of_markdown_files_arrives_as_drafts(demo, tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "desk-stretches.md").write_text(
        "---\ntitle: Desk stretches\ndate: 2025-03-04\ndescription: Three stretches for the working day.\n"
        "tags: [Hip pain]\nimage: /images/desk.jpg\naliases: [/blog/desk]\n---\n"
        "# Desk stretches\n\nStand up.\n\n<script>alert(1)</script>\n\n![Chair](/images/chair.png)\n"
    )
    (tmp_path / "posts" / "untitled.md").write_text("No front matter here.\n")

    report = run("import_content", str(tmp_path / "posts"), "--author", "jonah-whitfield")

    article = Article.objects.get(slug="desk-stretches")
    assert (
        article.status == Article.Status.DRAFT and article.summary == "Three stretches for the working day."
    )
    assert list(article.topics.values_list("slug", flat=True)) == ["hip-pain"]
    assert "script" not in article.body and "alert" not in article.body
    assert (
        article.body
        == "## Desk stretches\n\nStand up.\n\n**[Picture not brought in: Chair. Upload it here.]**"
    )
    assert "/images/chair.png: not a web address: give the folder that holds it with --images" in report
    assert "/images/desk.jpg: not a web address" in report
    assert "untitled.md: has no title in its front matter" in report
    assert "/blog/desk -> /articles/desk-stretches/" in report


def test_staff_export_chosen_articles_from_the_admin(demo, admin_client):
    chosen = Article.objects.filter(topics__slug="bladder-and-bowel")

    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "export_selected", "_selected_action": list(chosen.values_list("pk", flat=True))},
    )

    assert response["Content-Type"] == "application/zip"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        articles = {name for name in archive.namelist() if name.startswith("articles/")}
        assert "clinicians/maya-lindqvist.md" in archive.namelist()
    assert articles == {f"articles/{slug}.md" for slug in chosen.values_list("slug", flat=True)}


def test_a_file_cannot_write_outside_the_media_folder_or_store_other_types(demo, tmp_path):
    run("export_content", str(tmp_path / "library.zip"))
    with zipfile.ZipFile(tmp_path / "library.zip", "a") as archive:
        archive.writestr(
            "topics/zz-sneaky.md",
            "---\nname: Sneaky\nslug: sneaky\n---\nA topic.\n",
        )
        archive.writestr(
            "clinicians/zz-sneaky.md",
            "---\nname: Dr. Sneaky\nslug: dr-sneaky\ncredentials: PT\nphoto: media/../../settings.py\n---\nBio.\n",
        )
        archive.writestr(
            "pages/zz-page.md",
            "---\ntitle: Page\nslug: zz-page\nsummary: s\n---\n![x](/media/uploads/evil.html)\n",
        )
        archive.writestr("media/uploads/evil.html", "<script>alert(1)</script>")

    report = run("import_content", str(tmp_path / "library.zip"))

    assert "../../settings.py: not a picture, video or caption file name this site stores" in report
    assert Clinician.objects.get(slug="dr-sneaky").photo.name == ""
    assert "uploads/evil.html: not a picture, video or caption file name" in report
    assert not default_storage.exists("uploads/evil.html")


def alias_bomb(levels=9):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines)


@pytest.mark.parametrize(
    "front",
    [
        "title: &name Sneaky\nslug: zz-sneaky\nsummary: *name",
        f"title: Boom\nslug: zz-boom\n{alias_bomb()}",
        "title: Deep\nslug: zz-deep\nsummary: " + "[" * 100_000,
    ],
    ids=["an alias", "an alias bomb", "nesting past the parser"],
)
def test_front_matter_that_could_exhaust_the_server_is_refused_by_name(demo, tmp_path, front):
    run("export_content", str(tmp_path / "library.zip"))
    with zipfile.ZipFile(tmp_path / "library.zip", "a") as archive:
        archive.writestr("pages/zz-hostile.md", f"---\n{front}\n---\nText")

    with pytest.raises(CommandError, match="pages/zz-hostile.md cannot be read"):
        run("import_content", str(tmp_path / "library.zip"))


def lying_about_its_size(path, member, claimed):
    """Rewrite the zip at `path` so that `member` records `claimed` as its inflated size, in its
    own header and in the zip's directory."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = data.find(signature)
        while data[start + name_at : start + name_at + len(name)] != name:
            start = data.find(signature, start + 1)
        data[start + size_at : start + size_at + 4] = claimed.to_bytes(4, "little")
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("member", "claimed"),
    [("pages/zz-huge.md", 1000), ("pages/zz-huge.md", 4_000_000_000)],
    ids=["claims less", "claims more"],
)
def test_a_zip_member_that_lies_about_its_size_is_read_no_further_than_the_limit(
    demo, tmp_path, member, claimed
):
    library = tmp_path / "library.zip"
    run("export_content", str(library))
    with zipfile.ZipFile(library, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "---\ntitle: Huge\nslug: zz-huge\n---\n" + "a" * 5_000_000)
    lying_about_its_size(library, member, claimed)

    with pytest.raises(CommandError, match=f"{member} (cannot be read|is larger than any page)"):
        run("import_content", str(library))


def test_a_picture_in_a_zip_larger_than_the_site_takes_is_not_read(demo, tmp_path):
    library = tmp_path / "library.zip"
    run("export_content", str(library))
    with zipfile.ZipFile(library, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "clinicians/zz-big.md",
            "---\nname: Dr. Big\nslug: dr-big\ncredentials: PT\nphoto: media/clinicians/big.png\n---\nBio.\n",
        )
        archive.writestr("media/clinicians/big.png", b"\x89PNG\r\n\x1a\n" + bytes(8_000_000))
    lying_about_its_size(library, "media/clinicians/big.png", 1000)

    report = run("import_content", str(library))

    assert "clinicians/big.png" in report and Clinician.objects.get(slug="dr-big").photo.name == ""
