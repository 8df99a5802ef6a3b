"""The clinic's profile, as an administrator edits it and as visitors, phones and inboxes see it."""

import json
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clinic.models import ClinicProfile, OpeningHours
from tests.booking.request_form import request_form
from tests.factories import ArticleFactory
from tests.structured import the_item

pytestmark = pytest.mark.django_db
CHANGE_URL = reverse("admin:clinic_clinicprofile_change", args=[1])
PROFILE_FIELDS = [
    "name", "short_name", "email_name", "brand_colour", "phone", "email", "street_address", "city",
    "region", "postal_code", "map_link", "emergency_number", "intro_calls_by", "other_profiles",
    "privacy_before", "privacy_after", "insurance", "insurance_plans",
]  # fmt: skip


def image_upload(image_format="PNG", size=(600, 200), name="logo.png"):
    buffer = BytesIO()
    Image.new("RGBA" if image_format != "JPEG" else "RGB", size, (20, 90, 160)).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def save_profile(admin_client, hours=(), **changes):
    profile = ClinicProfile.current()
    data = {field: getattr(profile, field) for field in PROFILE_FIELDS}
    data.update(changes)
    data.update(
        {
            "opening_hours-TOTAL_FORMS": str(len(hours)),
            "opening_hours-INITIAL_FORMS": "0",
            "opening_hours-MIN_NUM_FORMS": "0",
            "opening_hours-MAX_NUM_FORMS": "1000",
        }
    )
    for number, (weekday, opens, closes) in enumerate(hours):
        data |= {
            f"opening_hours-{number}-weekday": weekday,
            f"opening_hours-{number}-opens": opens,
            f"opening_hours-{number}-closes": closes,
        }
    return admin_client.post(CHANGE_URL, data)


def test_the_admin_list_opens_the_one_profile_which_cannot_be_added_or_deleted(admin_client):
    response = admin_client.get(reverse("admin:clinic_clinicprofile_changelist"))
    assert response.status_code == 302 and response["Location"] == CHANGE_URL
    assert admin_client.get(reverse("admin:clinic_clinicprofile_add")).status_code == 403
    assert admin_client.get(reverse("admin:clinic_clinicprofile_delete", args=[1])).status_code == 403


def test_a_new_name_shows_everywhere_on_the_next_request(admin_client, client):
    article = ArticleFactory()
    for path in ("/", article.get_absolute_url(), "/manifest.webmanifest"):
        client.get(path)  # now cached

    response = save_profile(admin_client, name="Alder Pelvic Care", short_name="Alder")

    assert response.status_code == 302
    for path in ("/", article.get_absolute_url()):
        html = client.get(path).content.decode()
        assert '<span class="site-header__name">Alder Pelvic Care</span>' in html
        assert '<p class="site-footer__name">Alder Pelvic Care</p>' in html
        assert "Hipcare Pelvic Health" not in html
    assert the_item(client.get("/").content.decode(), "MedicalClinic")["name"] == "Alder Pelvic Care"
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert (manifest["name"], manifest["short_name"]) == ("Alder Pelvic Care", "Alder")
    assert "Alder Pelvic Care admin" in admin_client.get(reverse("admin:index")).content.decode()


def test_the_environment_fills_the_profile_once_and_the_admin_wins_after(client, settings):
    ClinicProfile.objects.all().delete()
    settings.CLINIC = {**settings.CLINIC, "name": "From The Environment", "phone": "503-555-0100"}
    assert "From The Environment" in client.get("/").content.decode()

    settings.CLINIC = {**settings.CLINIC, "name": "Changed Later"}
    profile = ClinicProfile.current()
    assert (profile.name, profile.phone) == ("From The Environment", "503-555-0100")


def test_a_brand_colour_too_light_to_read_is_refused_with_a_darker_suggestion(admin_client):
    response = save_profile(admin_client, brand_colour="#ff9900")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["brand_colour"][0]
    assert "too light to read" in errors and "at least 4.5" in errors
    suggestion = errors.split("Try ")[1][:7]
    assert save_profile(admin_client, brand_colour=suggestion).status_code == 302
    assert ClinicProfile.current().brand_colour == suggestion


def test_a_brand_colour_colours_the_site_through_a_stylesheet_kept_a_year(admin_client, client):
    save_profile(admin_client, brand_colour="#1F4E9C")

    html = client.get("/").content.decode()
    assert '<meta name="theme-color" content="#1f4e9c">' in html
    assert '<link rel="stylesheet" href="/brand/1f4e9c.css">' in html
    stylesheet = client.get("/brand/1f4e9c.css")
    assert stylesheet["Content-Type"].startswith("text/css")
    assert "--color-brand:#1f4e9c" in stylesheet.content.decode()
    assert "immutable" in stylesheet["Cache-Control"]
    assert client.get("/brand/ffff00.css").status_code == 404  # not a colour the site would use
    assert client.get("/brand/red.css").status_code == 404


def test_a_logo_goes_in_the_header_and_becomes_the_home_screen_icons(admin_client, client):
    response = save_profile(admin_client, logo=image_upload())
    assert response.status_code == 302

    html = client.get("/").content.decode()
    assert 'class="site-header__logo"' in html and 'width="144" height="48"' in html
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in icons.items():
        with Image.open(BytesIO(b"".join(client.get(src).streaming_content))) as icon:
            assert f"{icon.width}x{icon.height}" == sizes
    with Image.open(
        BytesIO(b"".join(client.get(icons[("512x512", "maskable")]).streaming_content))
    ) as maskable:
        assert maskable.convert("RGBA").getpixel((5, 5))[3] == 255  # no transparent corners to crop badly
    assert the_item(html, "MedicalClinic")["logo"].startswith("http://testserver/media/clinic/")


@pytest.mark.parametrize(
    "upload, message",
    [
        (image_upload("JPEG", name="logo.jpg"), "PNG or WebP"),
        (SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"), "not an image"),
    ],
    ids=["jpeg", "not-an-image"],
)
def test_a_logo_that_is_not_a_png_or_webp_is_refused(admin_client, upload, message):
    response = save_profile(admin_client, logo=upload)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["logo"])
    assert not ClinicProfile.current().logo


def test_the_footer_has_the_address_with_a_map_hours_and_a_phone_link(admin_client, client):
    save_profile(
        admin_client,
        hours=[(day, "08:00", "18:00") for day in range(4)] + [(4, "08:00", "12:00"), (4, "13:00", "16:00")],
        phone="503-555-0142",
        street_address="1420 Alder Street",
        city="Portland",
        region="OR",
        postal_code="97214",
    )
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]

    assert '<a href="tel:503-555-0142">503-555-0142</a>' in footer
    assert "1420 Alder Street<br>Portland, OR 97214" in footer
    assert (
        'href="https://www.openstreetmap.org/search?query=1420%20Alder%20Street%2C%20Portland%2C%20OR%2097214"'
        in footer
    )
    assert "<dt>Monday to Thursday</dt><dd>8 am to 6 pm</dd>" in footer
    assert "<dt>Friday</dt><dd>8 am to 12 pm, 1 pm to 4 pm</dd>" in footer


INSURANCE = "We take most PPO plans. Out of network? We give you a superbill to send to your plan."


def visit_section(html):
    """The home page's box about coming to the clinic, which sits right under the welcome."""
    before_lists = html.split('<section class="section"', 1)[0]
    return before_lists.split('<section class="visit"', 1)[1].split("</section>", 1)[0]


@pytest.fixture(params=["ask us to call", "free times to pick"])
def booking_page(request):
    """The booking page both ways it opens: with no free times, and with times to pick."""
    if request.param == "free times to pick":
        request.getfixturevalue("every_day_nine_to_ten")
    return reverse("booking:request")


def test_insurance_shows_beside_where_and_when_on_the_home_page_and_where_visitors_book(
    admin_client, client, booking_page
):
    response = save_profile(
        admin_client,
        insurance=INSURANCE,
        insurance_plans="Most PPO plans\n\n  HSA and FSA cards  \n",
        street_address="1420 Alder Street",
    )
    assert response.status_code == 302

    visit = visit_section(client.get("/").content.decode())
    assert "1420 Alder Street" in visit
    assert f'<dt>Insurance</dt><dd><p class="insurance__line">{INSURANCE}</p>' in visit
    assert '<ul class="insurance__plans"><li>Most PPO plans</li><li>HSA and FSA cards</li></ul>' in visit

    booking = client.get(booking_page).content.decode()
    # The page leads with how to book the free call; what a course of care costs follows the form.
    form_ends = booking.index("</form>")
    assert INSURANCE in booking[form_ends:] and "<li>HSA and FSA cards</li>" in booking[form_ends:]


def test_without_insurance_the_home_and_booking_pages_leave_it_out(admin_client, client, booking_page):
    save_profile(admin_client, insurance="", insurance_plans="", street_address="1420 Alder Street")

    home = client.get("/")
    assert home.status_code == 200
    visit = visit_section(home.content.decode())
    assert "1420 Alder Street" in visit and "Insurance" not in visit and "insurance__" not in visit
    booking = client.get(booking_page)
    assert booking.status_code == 200 and "insurance" not in booking.content.decode()


def test_insurance_alone_still_gets_the_home_page_box(admin_client, client):
    save_profile(admin_client, insurance=INSURANCE, phone="", email="", street_address="", city="")
    assert INSURANCE in visit_section(client.get("/").content.decode())


def test_closing_before_opening_is_refused(admin_client):
    response = save_profile(admin_client, hours=[(0, "18:00", "08:00")])
    assert response.status_code == 200
    assert not OpeningHours.objects.exists()


def test_links_elsewhere_must_be_web_addresses(admin_client):
    response = save_profile(admin_client, other_profiles="https://example.org/clinic\njavascript:alert(1)")
    assert response.status_code == 200
    assert "https://" in response.context["adminform"].form.errors["other_profiles"][0]


def test_emails_come_from_the_clinics_neutral_name_and_are_signed_with_its_phone(
    admin_client, client, send_queued_emails
):
    save_profile(
        admin_client, email_name="Alder Clinic", email="hello@alder.example.org", phone="503-555-0199"
    )
    client.post(reverse("booking:request"), request_form())
    send_queued_emails()

    to_visitor = next(message for message in mail.outbox if message.to == [request_form()["email"]])
    assert to_visitor.from_email == "Alder Clinic <hello@alder.example.org>"
    assert to_visitor.body.rstrip().endswith("The front desk, Alder Clinic\n503-555-0199")
