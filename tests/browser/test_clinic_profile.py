"""An administrator makes the site the clinic's own in the admin, and the public site, the
manifest and the structured data show it on the next request."""

import json
from io import BytesIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from PIL import Image, ImageDraw

from tests.accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser


def picture(image_format, size, colour):
    image = Image.new("RGBA" if image_format == "PNG" else "RGB", size, colour)
    ImageDraw.Draw(image).ellipse((10, 10, size[0] - 10, size[1] - 10), fill=(255, 255, 255))
    buffer = BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()


def violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{violation['id']}: {violation['help']}" for violation in results.response["violations"]]


def structured_data(page):
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    return [item for block in blocks for item in json.loads(block).get("@graph", [json.loads(block)])]


def sign_in(page):
    get_user_model().objects.create_superuser("owner", "owner@example.com", "a-long-test-password")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()


def test_an_administrator_makes_the_site_the_clinics_own(phone_page, demo_content, browser, live_server):
    sign_in(phone_page)

    phone_page.goto("/admin/clinic/clinicprofile/")
    phone_page.locator("[name=name]").fill("Cedar Pelvic Care")
    phone_page.locator("input[name=short_name]").fill("Cedar")
    phone_page.locator("input[name=logo]").set_input_files(
        {
            "name": "logo.png",
            "mimeType": "image/png",
            "buffer": picture("PNG", (480, 160), (30, 60, 140, 255)),
        }
    )
    phone_page.locator("input[name=brand_colour]").fill("#ffb000")
    phone_page.get_by_role("button", name="Save", exact=True).click()
    error = phone_page.locator(".errorlist").first.text_content()
    assert "too light to read" in error
    phone_page.locator("input[name=logo]").set_input_files(
        {
            "name": "logo.png",
            "mimeType": "image/png",
            "buffer": picture("PNG", (480, 160), (30, 60, 140, 255)),
        }
    )
    phone_page.locator("input[name=brand_colour]").fill(error.split("Try ")[1][:7])
    phone_page.get_by_role("button", name="Save", exact=True).click()
    phone_page.get_by_text("was changed successfully").wait_for()
    assert "Cedar Pelvic Care admin" in phone_page.title()

    phone_page.goto("/admin/clinicians/clinician/add/")
    phone_page.locator("[name=name]").fill("Dr. Rosa Okafor")
    phone_page.locator("input[name=credentials]").fill("PT, DPT")
    phone_page.locator("input[name=job_title]").fill("Pelvic health physical therapist")
    phone_page.locator("textarea[name=bio]").fill(
        "Rosa helps runners and new parents get back to what they love."
    )
    phone_page.locator("input[name=photo]").set_input_files(
        {"name": "rosa.jpg", "mimeType": "image/jpeg", "buffer": picture("JPEG", (600, 600), (120, 90, 60))}
    )
    phone_page.locator("input[name=photo_alt]").fill("Rosa smiling in the treatment room")
    phone_page.get_by_role("button", name="Save", exact=True).click()
    phone_page.get_by_text("was added successfully").wait_for()

    phone_page.goto("/admin/clinic/page/add/")
    phone_page.locator("[name=title]").fill("Our story")
    phone_page.locator("input[name=summary]").fill(
        "How two physical therapists started a clinic for pelvic health."
    )
    phone_page.locator("textarea[name=body]").fill("We opened in **2019** to help people heal.")
    phone_page.locator("input[name=in_header]").check()
    phone_page.get_by_role("button", name="Publish now").click()
    phone_page.get_by_text("was added successfully").wait_for()

    visitor = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url).new_page()
    visitor.goto("/")
    assert visitor.locator(".site-header__name").text_content() == "Cedar Pelvic Care"
    logo = visitor.locator("img.site-header__logo")
    assert logo.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    colour = visitor.evaluate("getComputedStyle(document.querySelector('.button')).backgroundColor")
    assert colour != "rgb(15, 95, 87)"  # the default colour no longer
    clinic = next(item for item in structured_data(visitor) if item["@type"] == "MedicalClinic")
    assert clinic["name"] == "Cedar Pelvic Care" and "/media/clinic/" in clinic["logo"]
    assert violations(visitor) == []

    manifest = visitor.request.get("/manifest.webmanifest").json()
    assert (manifest["name"], manifest["short_name"]) == ("Cedar Pelvic Care", "Cedar")
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}
    assert all(visitor.request.get(icon["src"]).ok for icon in manifest["icons"])

    visitor.get_by_text("Menu", exact=True).click()
    visitor.get_by_role("navigation", name="Main").get_by_role("link", name="Our story").click()
    assert visitor.locator("h1").text_content() == "Our story"
    assert visitor.locator(".prose strong").text_content() == "2019"
    assert violations(visitor) == []

    visitor.goto("/team/")
    visitor.get_by_role("link", name="Dr. Rosa Okafor", exact=True).click()
    photo = visitor.get_by_alt_text("Rosa smiling in the treatment room")
    assert photo.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    person = next(item for item in structured_data(visitor) if item["@type"] == "ProfilePage")["mainEntity"]
    assert person["name"] == "Dr. Rosa Okafor" and person["jobTitle"] == "Pelvic health physical therapist"
    assert violations(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    visitor.context.close()
