"""A first visit to an article on a phone, read to the end, pictures and all, stays within 150 KB
on the wire: what Chromium itself chooses to fetch from each `<picture>` at 390 px wide on a
sharp phone screen, not what the markup offers."""

import pytest

from tests.browser.conftest import PHONE, WAIT_MS

pytestmark = pytest.mark.browser

ARTICLE = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"
FIRST_VISIT_BUDGET = 150 * 1024
# An iPhone's and most Android phones' screens: the densest the renditions are chosen for.
PHONE_PIXEL_RATIO = 3


@pytest.fixture
def sharp_phone_page(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=PHONE_PIXEL_RATIO, base_url=live_server.url
    )
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    yield page
    context.close()


def read_to_the_end(page):
    """Every request a visitor's reading makes: lazy pictures load as they come into view, and the
    service worker installing keeps its offline pages."""
    finished = []
    page.context.on("requestfinished", lambda request: finished.append(request))
    page.goto(ARTICLE, wait_until="load")
    page.evaluate("navigator.serviceWorker.ready")
    height = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(0, height + PHONE["height"], PHONE["height"] // 2):
        page.mouse.wheel(0, PHONE["height"] // 2)
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    return finished


def on_the_wire(request):
    """The bytes that crossed the network for a request. What the service worker answers from its
    own cache (a page's request it passed on, counted once as the worker's) crossed nothing. The
    live server here leaves static files uncompressed, which production gzips: an over-count."""
    sizes = request.sizes()
    return max(0, sizes["responseBodySize"] + sizes["responseHeadersSize"])


def test_an_article_read_to_the_end_with_its_pictures_fits_the_budget(sharp_phone_page, demo_content):
    requests = read_to_the_end(sharp_phone_page)
    pictures = [request for request in requests if request.resource_type == "image"]
    wire = [(on_the_wire(request), request.url) for request in requests]
    total = sum(size for size, _url in wire)

    assert pictures, "the article's pictures were fetched"
    # Chromium reads AVIF, so no photo falls back to the original's heavier format.
    assert all(
        request.response().headers["content-type"] in {"image/avif", "image/svg+xml", "image/gif"}
        for request in pictures
    ), {request.url: request.response().headers["content-type"] for request in pictures}
    assert total <= FIRST_VISIT_BUDGET, "\n".join(f"{size:>8} {url}" for size, url in wire)
