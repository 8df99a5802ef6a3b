"""Nothing on a page moves once it is drawn (cumulative layout shift 0), on every page type.

On a slow phone Chromium draws a page while its parser is still midway through it, so what is
drawn first must not move when the rest arrives. The browser runs four times slower here, as
Lighthouse's phone does, so those early drawings happen on most loads instead of now and then."""

import pytest

pytestmark = pytest.mark.browser

LAYOUT_SHIFT = """() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => shifts.push(...list.getEntries()))
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0)), 500);
})"""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
        "/exercises/",
        "/exercises/figure-4-stretch/",
        "/exercises/glute-bridge/",
        "/self-check/",
        "/self-check/is-my-hip-pain-pelvic-floor-related/",
        "/book/",
        "/articles/search/?q=hip",
        "/team/",
        "/team/maya-lindqvist/",
        "/newsletter/",
    ],
)
def test_pages_do_not_shift_once_drawn(phone_page, demo_content, path):
    phone_page.context.new_cdp_session(phone_page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    phone_page.goto(path, wait_until="load")
    assert phone_page.evaluate(LAYOUT_SHIFT) == 0
