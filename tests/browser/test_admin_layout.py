"""Every edit page staff use is readable on a laptop (1366 px) and on a phone (390 px): nothing
runs off the side, and the title field shows the whole title. Screenshots of each land in
ADMIN_SCREENSHOTS, when set, for a person to look at."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from clinic.models import ClinicProfile, Page
from clinicians.models import Clinician
from exercises.models import Exercise
from quizzes.models import Quiz
from tests.browser.conftest import WAIT_MS, runs_off_the_side
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser
PASSWORD = "a-long-enough-passphrase"
WIDTHS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# Each edit page, with its longest title field.
EDIT_PAGES = [
    (Article, "title"),
    (Exercise, "name"),
    (Quiz, "title"),
    (Page, "title"),
    (Clinician, "name"),
    (ClinicProfile, "name"),
]
# What runs past the right edge of the screen, beyond what scrolls inside a box of its own (a wide
# table of inline rows may, as long as the page itself does not).
OVERFLOW = """() => {
    const scrollsInside = element => {
        for (let box = element.parentElement; box; box = box.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) return true;
        }
        return false;
    };
    const edge = document.documentElement.clientWidth + 1;
    return [...document.querySelectorAll('#content-main *')]
        .filter(element => element.getBoundingClientRect().right > edge && element.offsetParent !== null
            && !scrollsInside(element))
        .map(element => element.tagName + (element.id ? '#' + element.id : '') + '.' + element.className)
        .slice(0, 5);
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_edit_page_fits_the_screen_and_shows_whole_titles(browser, live_server, demo_content, width):
    StaffFactory(username="owner", is_superuser=True).set_password(PASSWORD)
    owner = StaffFactory._meta.model.objects.get(username="owner")
    owner.set_password(PASSWORD)
    owner.save()
    context = browser.new_context(viewport=WIDTHS[width], base_url=live_server.url)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    shots = os.environ.get("ADMIN_SCREENSHOTS")

    problems = []
    for model, title in EDIT_PAGES:
        row = model.objects.order_by("pk").first()
        longest = max(model.objects.values_list(title, flat=True), key=len)
        opts = model._meta
        page.goto(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))
        page.wait_for_load_state("load")
        page.wait_for_timeout(600)  # the editor's preview and plain-language panel arrive
        field = page.locator(f"#id_{title}")
        field.fill(longest)
        if overflowing := page.evaluate(OVERFLOW) or runs_off_the_side(page):
            problems.append((opts.model_name, "runs off the side", overflowing))
        if field.evaluate("input => input.scrollWidth > input.clientWidth"):
            problems.append((opts.model_name, f"{title} cuts off “{longest}”"))
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/{opts.model_name}-{width}.png", full_page=True)
    context.close()
    assert problems == [], "\n".join(map(str, problems))
