"""The demo library on a phone: several items wherever a reader looks for more."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_finds_more_to_read_by_topic_read_next_and_search(phone_page, demo_content):
    phone_page.goto("/articles/leaking-when-you-cough-or-jump/")
    read_next = phone_page.locator("section[aria-labelledby=related-articles-title] .card__title a")
    assert read_next.count() >= 2

    phone_page.get_by_role("link", name="Bladder and bowel").first.click()
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("Bladder and bowel")
    assert phone_page.locator(".card__title a").count() >= 3

    phone_page.goto("/articles/search/?q=pelvic+floor")
    assert phone_page.locator(".card__title a").count() >= 6


def test_exercise_filters_stay_folded_until_used_and_narrow_the_list(phone_page, demo_content):
    phone_page.goto("/exercises/")
    first_card = phone_page.locator(".card").first
    box = first_card.bounding_box()
    assert box["y"] < 844, "the first exercise shows on a phone's first screen"
    type_menu = phone_page.get_by_label("Type")
    expect(type_menu).to_be_hidden()

    phone_page.get_by_text("Find an exercise by type, body area or equipment").click()
    type_menu.select_option("Strengthening")
    phone_page.get_by_role("button", name="Show exercises").click()

    expect(phone_page.get_by_role("status")).to_contain_text("match your choices")
    names = phone_page.locator(".card__title a").all_inner_texts()
    assert len(names) >= 5 and "Figure-4 stretch" not in names
    expect(phone_page.get_by_label("Type")).to_be_visible()


def test_an_exercise_links_to_its_easier_and_harder_versions(phone_page, demo_content):
    phone_page.goto("/exercises/glute-bridge/")
    phone_page.get_by_role("link", name="Single-leg bridge").first.click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Single-leg bridge")
    expect(phone_page.get_by_role("link", name="Glute bridge").first).to_be_visible()
