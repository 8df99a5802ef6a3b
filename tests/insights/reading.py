"""Reading a page as a browser does: the page, then the view beacon it carries (with the page's
own address as the referrer, as a browser sends it to the same site)."""

import html
import re

BEACON = re.compile(r'<img src="([^"]+)"[^>]*data-view-beacon')


def beacon_of(page):
    """The address of the page's view beacon, or None for a page that does not count."""
    found = BEACON.search(page)
    return html.unescape(found.group(1)) if found else None


def read(client, path, **headers):
    """Open `path` with the Django test client and load its beacon; the page's response."""
    response = client.get(path, **headers)
    beacon = beacon_of(response.content.decode())
    if beacon:
        extra = {name: value for name, value in headers.items() if name != "HTTP_REFERER"}
        client.get(beacon, HTTP_REFERER=f"http://testserver{path}", **extra)
    return response
