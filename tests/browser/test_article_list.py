import pytest

from tests.browser.conftest import PHONE, runs_off_the_side
from tests.browser.test_accessibility import violations
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.browser


def test_many_topics_fold_away_and_leave_articles_on_the_first_screen(phone_page, transactional_db):
    for number in range(50):
        ArticleFactory(title=f"Guide number {number}").topics.add(TopicFactory(name=f"Pelvic topic {number}"))

    phone_page.goto("/articles/")

    first_card = phone_page.locator(".card-list .card").first
    assert first_card.bounding_box()["y"] < PHONE["height"] - 100
    assert violations(phone_page) == []
    phone_page.get_by_text("All topics (50)").click()
    assert phone_page.get_by_role("link", name="Pelvic topic 49").is_visible()
    assert violations(phone_page) == []
    assert not runs_off_the_side(phone_page)
    assert phone_page.console_errors == []
