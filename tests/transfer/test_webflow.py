"""A clinic's Webflow site brought over: a blog and a team collection exported as Webflow writes
them, pictures served by a local server, and every item, address, author, date and picture
checked afterwards."""

import csv
import io
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.redirects.models import Redirect
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Topic
from clinicians.models import Clinician

pytestmark = pytest.mark.django_db

WEBFLOW_DATE = "{} GMT+0000 (Coordinated Universal Time)"
BLOG_HEADER = [
    "Name", "Slug", "Collection ID", "Locale ID", "Item ID", "Archived", "Draft", "Created On",
    "Updated On", "Published On", "Post Body", "Post Summary", "Main Image", "Thumbnail image",
    "Featured?", "Author", "Category",
]  # fmt: skip


def picture_bytes(size=(60, 40), image_format="PNG", **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 80)).save(buffer, image_format, **options)
    return buffer.getvalue()


def photo_with_location():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's make
    exif[0x9286] = "Taken at 12 Elm Street"  # a comment
    return picture_bytes((80, 50), "JPEG", exif=exif.tobytes())


class PictureServer(BaseHTTPRequestHandler):
    """Webflow's CDN, played on 127.0.0.1: path -> (status, headers, body)."""

    files = {}

    def do_GET(self):
        status, headers, body = self.files.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value.format(port=self.server.server_port))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    """The address of a picture server on 127.0.0.1, which the import may reach in this test only."""
    settings.IMPORT_PICTURES_ALSO_FROM = ["127.0.0.1"]
    PictureServer.files = {
        "/hero.jpg": (200, {"Content-Type": "image/jpeg"}, photo_with_location()),
        "/chair.png": (200, {"Content-Type": "image/png"}, picture_bytes()),
        "/thumb.png": (200, {"Content-Type": "image/png"}, picture_bytes((30, 30))),
        "/priya.png": (200, {"Content-Type": "image/png"}, picture_bytes((50, 50))),
        "/moved.png": (302, {"Location": "http://127.0.0.2:{port}/chair.png"}, b""),
        "/huge.png": (200, {"Content-Type": "image/png"}, b"\x89PNG" + bytes(5 * 1024 * 1024)),
        "/poster.png": (200, {"Content-Type": "image/png"}, picture_bytes((5000, 5000))),
        "/page.png": (200, {"Content-Type": "text/html"}, b"<html>Sign in</html>"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), PictureServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def clinic():
    maya = Clinician.objects.create(
        name="Dr. Maya Lindqvist", slug="maya-lindqvist", credentials="PT, DPT", bio="Maya helps."
    )
    jonah = Clinician.objects.create(
        name="Jonah Whitfield", slug="jonah-whitfield", credentials="PT", bio="Jonah helps."
    )
    Topic.objects.create(name="Pelvic pain", slug="pelvic-pain")
    return maya, jonah


def run(*args):
    out = StringIO()
    call_command("import_content", *args, stdout=out)
    return out.getvalue()


def blog_rows(cdn):
    """Rows as Webflow exports a blog: rich text with its own classes and figures, commas, quotes
    and newlines inside cells, an archived row, an empty one and a draft."""
    sitting = (
        '<h2 class="heading-3">Why sitting hurts</h2>'
        '<p class="paragraph-2">Sit tall, "not stiff",\nand breathe — see the '
        '<a href="/post/desk-stretches-2021">desk stretches</a> and '
        '<a href="https://riverbend.webflow.io/post/desk-stretches-2021#second">the second one</a>, '
        'or <a href="https://www.nhs.uk/post/desk-stretches-2021">the NHS</a>.</p>'
        '<figure class="w-richtext-align-center w-richtext-figure-type-image"><div>'
        f'<img src="{cdn}/chair.png" loading="lazy" alt="A chair with a rolled towel"></div>'
        "<figcaption>A towel at the small of the back</figcaption></figure>"
        '<figure class="w-richtext-align-fullwidth w-richtext-figure-type-video" '
        'data-rt-type="video" data-page-url="https://www.youtube.com/watch?v=abc123"><div>'
        '<iframe allowfullscreen="true" frameborder="0" scrolling="no" '
        'src="https://www.youtube.com/embed/abc123"></iframe></div></figure>'
        f'<p><img src="{cdn}/gone.png" alt="A pelvis from the side"></p>'
    )
    stretches = (
        "<p>Three stretches.</p>"
        '<p><img src="http://169.254.169.254/latest/meta-data/photo.png" alt="Metadata"></p>'
        f'<p><img src="{cdn}/moved.png" alt="Moved"></p><p><img src="{cdn}/poster.png" alt="Poster"></p>'
        f'<p><img src="{cdn}/page.png" alt="Page"></p>'
    )

    def row(name, slug, body, *, archived="false", draft="false", main="", thumb="", author="", category=""):
        return [
            name, slug, "6501f0c2", "6501f0c3", f"item-{slug}", archived, draft,
            WEBFLOW_DATE.format("Mon Sep 30 2024 08:00:00"), WEBFLOW_DATE.format("Fri Nov 15 2024 08:00:00"),
            WEBFLOW_DATE.format("Wed Oct 02 2024 10:30:00") if draft == "false" else "",
            body, "How to sit at work,\nwithout pain.", main, thumb, "true", author, category,
        ]  # fmt: skip

    return [
        row(
            'Sitting at work, the "tight" pelvic floor',
            "sitting-at-work",
            sitting,
            main=f"{cdn}/hero.jpg",
            thumb=f"{cdn}/thumb.png",
            author="Maya Lindqvist",
            category="pelvic-pain; posture-at-work",
        ),
        row(
            "Desk stretches",
            "desk-stretches-2021",
            stretches,
            draft="true",
            thumb=f"{cdn}/thumb.png",
            author="jane-doe",
        ),
        row("Old news", "old-news", "<p>Old.</p>", archived="true", author="Maya Lindqvist"),
        [""] * len(BLOG_HEADER),
        row(
            "Big pictures",
            "big-pictures",
            "<p>Big.</p>",
            main=f"{cdn}/huge.png",
            author="J. Whitfield",
            category="Pelvic pain",
        ),
    ]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_a_webflow_blog_arrives_with_its_authors_dates_addresses_and_pictures(clinic, cdn, client, tmp_path):
    maya, jonah = clinic
    source = write_csv(tmp_path / "Riverbend - Posts.csv", BLOG_HEADER, blog_rows(cdn))
    args = (
        str(source),
        "--map",
        "author:J. Whitfield=jonah-whitfield",
        "--old-site",
        "https://riverbend.com",
    )

    check = run(*args, "--dry-run")

    assert "Dry run: nothing was changed" in check and "Would create (3)" in check
    assert "Posture at work: not on the site, so not tagged. Run again with --create-topics" in check
    assert not Article.objects.exists() and not Clinician.objects.filter(slug="jane-doe").exists()
    assert not Redirect.objects.exists()

    report = run(*args, "--create-topics")

    # Every item: three brought in, drafts awaiting review; the archived and empty rows named.
    articles = {article.slug: article for article in Article.objects.all()}
    assert set(articles) == {"sitting-at-work", "desk-stretches-2021", "big-pictures"}
    assert all(a.status == Article.Status.DRAFT and a.reviewed_by is None for a in articles.values())
    assert "row 4: archived in Webflow, not brought in" in report and "row 5: empty, skipped" in report
    assert "row 3 “Desk stretches”: a draft in Webflow" in report
    sitting = articles["sitting-at-work"]
    assert sitting.title == 'Sitting at work, the "tight" pelvic floor'
    assert sitting.summary == "How to sit at work, without pain."

    # Authors: matched by name, mapped, and created unpublished, each reported.
    assert sitting.author == maya and articles["big-pictures"].author == jonah
    jane = articles["desk-stretches-2021"].author
    assert (jane.name, jane.slug, jane.is_published) == ("Jane Doe", "jane-doe", False)
    assert "“Maya Lindqvist”: Dr. Maya Lindqvist (maya-lindqvist)" in report
    assert "“J. Whitfield”: Jonah Whitfield (jonah-whitfield), as mapped" in report
    assert "“jane-doe”: not on the site; new unpublished clinician Jane Doe (jane-doe)" in report
    assert client.get("/team/jane-doe/").status_code == 404
    assert "Jane Doe" not in client.get("/team/").content.decode()

    # Dates: Webflow's, kept.
    assert sitting.first_published_at == datetime(2024, 10, 2, 10, 30, tzinfo=UTC)
    assert sitting.earlier_updated_at == datetime(2024, 11, 15, 8, 0, tzinfo=UTC)
    assert articles["desk-stretches-2021"].first_published_at is None

    # Topics: the one the site has, and the one created unpublished when asked.
    assert set(sitting.topics.values_list("slug", flat=True)) == {"pelvic-pain", "posture-at-work"}
    assert Topic.objects.get(slug="posture-at-work").is_published is False
    assert client.get(reverse("articles:topic", args=["posture-at-work"])).status_code == 404

    # Addresses: each old one redirects permanently, and links between the posts are rewritten.
    for old, article in (
        ("/post/sitting-at-work", sitting),
        ("/post/desk-stretches-2021", articles["desk-stretches-2021"]),
        ("/post/big-pictures", articles["big-pictures"]),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, article.get_absolute_url()), old
        assert f"{old} -> {article.get_absolute_url()}" in report
    assert "[desk stretches](/articles/desk-stretches-2021/)" in sitting.body
    assert "[the second one](/articles/desk-stretches-2021/#second)" in sitting.body
    assert "[the NHS](https://www.nhs.uk/post/desk-stretches-2021)" in sitting.body

    # Pictures: brought in with the site's media, without their metadata; failures listed by item
    # and reason, with a placeholder where each stood.
    lead = Image.open(default_storage.open(sitting.lead_image.name))
    assert lead.size == (80, 50) and not lead.getexif()
    inline = sitting.body.split("![A chair with a rolled towel](")[1].split(")")[0]
    assert inline.startswith("/media/uploads/imported-") and default_storage.exists(
        inline.removeprefix("/media/")
    )
    assert "*A towel at the small of the back*" in sitting.body
    assert "**[Picture not brought in: A pelvis from the side. Upload it here.]**" in sitting.body
    assert articles["desk-stretches-2021"].lead_image.name.startswith("articles/imported-")
    assert not articles["big-pictures"].lead_image
    row = 'row 2 “Sitting at work, the "tight" pelvic floor”'
    stretches, big = "row 3 “Desk stretches”", "row 6 “Big pictures”"
    for line in (
        f"{row}: {cdn}/gone.png: the server answered 404",
        f"{stretches}: http://169.254.169.254/latest/meta-data/photo.png: 169.254.169.254 is a private or local address",
        f"{stretches}: {cdn}/moved.png: 127.0.0.2 is a private or local address",
        f"{stretches}: {cdn}/poster.png: This image is 5000 × 5000 pixels",
        f"{stretches}: {cdn}/page.png: This file is not an image we can read",
        f"{big}: {cdn}/huge.png: larger than the 5 MB a picture may be",
    ):
        assert line in report
    for placeholder in ("Metadata", "Moved", "Poster", "Page"):
        assert f"[Picture not brought in: {placeholder}." in articles["desk-stretches-2021"].body

    # The video: a plain link and a note, no player.
    assert "[Watch the video: www.youtube.com](https://www.youtube.com/watch?v=abc123)" in sitting.body
    assert "youtube.com/embed" not in sitting.body_html
    assert f"{row}: https://www.youtube.com/watch?v=abc123" in report

    # Every column the import does not use, named.
    unused = report.split("Columns not used")[1].split("\n\n")[0]
    for column in ("Collection ID", "Locale ID", "Item ID", "Featured?"):
        assert f"  - {column}\n" in unused
    assert "Thumbnail image: used only for an item without a Main Image" in unused

    # Published through the review gate, the page still says when it first appeared.
    sitting.lead_image_alt = "A desk by a window"
    sitting.save()
    assert sitting.publish() != [] and sitting.status == Article.Status.DRAFT  # not signed off yet
    sitting.sign_off(maya)
    assert sitting.publish() == []
    page = client.get(sitting.get_absolute_url()).content.decode()
    assert "First published" in page and "October 2, 2024" in page
    assert '"datePublished": "2024-10-02' in page
    assert articles["desk-stretches-2021"].publish() != []  # its author is not published yet


def test_pictures_are_fetched_only_from_public_addresses(clinic, cdn, settings, tmp_path):
    settings.IMPORT_PICTURES_ALSO_FROM = []
    body = f'<p><img src="{cdn}/chair.png" alt="Chair"></p><p><img src="file:///etc/passwd" alt="File"></p>'
    row = [
        "Chair",
        "chair",
        "",
        "",
        "",
        "false",
        "false",
        "",
        "",
        "",
        body,
        "",
        f"{cdn}/hero.jpg",
        "",
        "",
        "",
        "",
    ]
    source = write_csv(tmp_path / "posts.csv", BLOG_HEADER, [row])

    report = run(str(source), "--author", "maya-lindqvist")

    assert f"{cdn}/chair.png: 127.0.0.1 is a private or local address (127.0.0.1)" in report
    assert f"{cdn}/hero.jpg: 127.0.0.1 is a private or local address" in report
    article = Article.objects.get(slug="chair")
    assert "[Picture not brought in: Chair." in article.body and not article.lead_image
    assert "/etc/passwd" not in article.body
    assert article.summary == "Chair" and "no summary: the opening words (or the title) stand in" in report


TEAM_HEADER = [
    "Name", "Slug", "Collection ID", "Locale ID", "Item ID", "Archived", "Draft", "Created On",
    "Updated On", "Published On", "Role", "Bio", "Photo", "Email",
]  # fmt: skip


def test_a_webflow_team_collection_becomes_unpublished_clinicians(clinic, cdn, client, tmp_path):
    def member(name, slug, role, bio, photo, archived="false"):
        date = WEBFLOW_DATE.format("Mon Sep 30 2024 08:00:00")
        return [
            name,
            slug,
            "c",
            "l",
            "i",
            archived,
            "false",
            date,
            date,
            date,
            role,
            bio,
            photo,
            "x@example.com",
        ]

    source = write_csv(
        tmp_path / "Riverbend - Team.csv",
        TEAM_HEADER,
        [
            member(
                "Priya Shah",
                "priya-shah",
                "Pelvic health physical therapist",
                '<p class="bio">Priya helps people, "gently",\nwith pelvic pain.</p>',
                f"{cdn}/priya.png",
            ),
            member("Gone Person", "gone", "PT", "<p>Left.</p>", "", archived="true"),
        ],
    )

    report = run(str(source))

    priya = Clinician.objects.get(slug="priya-shah")
    assert (priya.name, priya.job_title, priya.is_published) == (
        "Priya Shah",
        "Pelvic health physical therapist",
        False,
    )
    assert priya.bio == 'Priya helps people, "gently",\nwith pelvic pain.'
    assert priya.photo.name.startswith("clinicians/imported-") and default_storage.exists(priya.photo.name)
    assert not Clinician.objects.filter(slug="gone").exists()
    assert (
        "row 2 “Priya Shah”: arrives unpublished; check the text, add credentials, describe the photo"
        in report
    )
    assert "  - Email\n" in report
    assert "Priya Shah" not in client.get("/team/").content.decode()

    # A blog imported next credits her by her Webflow slug.
    row = [
        "Breathing",
        "breathing",
        "",
        "",
        "",
        "false",
        "false",
        "",
        "",
        "",
        "<p>Breathe.</p>",
        "",
        "",
        "",
        "",
        "priya-shah",
        "",
    ]
    report = run(str(write_csv(tmp_path / "posts.csv", BLOG_HEADER, [row])))
    assert Article.objects.get(slug="breathing").author == priya
    assert "“priya-shah”: Priya Shah (priya-shah)" in report


@pytest.fixture
def editor(clinic):
    user = User.objects.create_user("editor", password="a long password 123", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    return user


def csv_upload(cdn):
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(BLOG_HEADER)
    writer.writerows(blog_rows(cdn)[:2])
    return SimpleUploadedFile("Riverbend - Posts.csv", buffer.getvalue().encode(), "text/csv")


def test_staff_who_may_add_content_check_then_import_an_upload_in_the_admin(
    editor, cdn, client, admin_client
):
    client.force_login(editor)
    url = reverse("import_content")
    assert (
        'href="/admin/import/"' in client.get(reverse("admin:articles_article_changelist")).content.decode()
    )

    check = client.post(url, {"files": [csv_upload(cdn)], "_check": "1"})

    assert check.status_code == 200
    text = check.content.decode()
    assert "Dry run: nothing was changed" in text and "Would create (2)" in text
    assert "Columns not used" in text and "jane-doe" in text
    assert not Article.objects.exists() and not Clinician.objects.filter(slug="jane-doe").exists()

    done = client.post(url, {"files": [csv_upload(cdn)], "author": "jonah-whitfield", "_import": "1"})

    assert done.status_code == 200 and "2 created" in done.content.decode()
    assert set(Article.objects.values_list("slug", "status")) == {
        ("sitting-at-work", "draft"),
        ("desk-stretches-2021", "draft"),
    }
    redirects = admin_client.get(reverse("admin:redirects_redirect_changelist")).content.decode()
    assert "/post/sitting-at-work" in redirects and "/articles/sitting-at-work/" in redirects


def test_markdown_files_and_their_pictures_can_be_uploaded(editor, client):
    client.force_login(editor)
    post = SimpleUploadedFile(
        "desk.md", b"---\ntitle: Desk breaks\ndate: 2023-05-01\n---\nStand up.\n\n![A desk](desk.png)\n"
    )
    desk = SimpleUploadedFile("desk.png", picture_bytes(), "image/png")

    response = client.post(
        reverse("import_content"), {"files": [post, desk], "author": "maya-lindqvist", "_import": "1"}
    )

    assert response.status_code == 200, response.content.decode()
    article = Article.objects.get(slug="desk")
    assert timezone.localdate(article.first_published_at).isoformat() == "2023-05-01"
    assert "![A desk](/media/uploads/imported-" in article.body
    assert "  - desk.md: no summary" in response.content.decode()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("notes.txt", b"hello")], "Choose one .zip, one .csv, or markdown (.md) files"),
        (
            [("a.csv", b"Title,Body\nx,y\n")],
            "has no &#x27;Name&#x27;, &#x27;Slug&#x27;, &#x27;Post Body&#x27; column",
        ),
        ([("a.zip", b"not a zip")], "is not a content export from this site"),
    ],
    ids=["not a known kind", "a CSV of another shape", "a broken zip"],
)
def test_an_upload_of_the_wrong_shape_is_refused_with_a_message(editor, client, files, message):
    client.force_login(editor)
    uploads = [SimpleUploadedFile(name, data) for name, data in files]

    response = client.post(reverse("import_content"), {"files": uploads, "_check": "1"})

    assert response.status_code == 400 and message in response.content.decode()


def test_staff_who_may_not_add_content_cannot_import(clinic, client):
    viewer = User.objects.create_user("viewer", password="a long password 123", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)

    assert client.get(reverse("import_content")).status_code == 403
    assert client.post(reverse("import_content"), {"_import": "1"}).status_code == 403
