"""A role can do everything its pages show. For each role, a login walks every admin link its
admin home shows, and from each list its add form and an edit form with every link and tool they
show, and uses each editor tool those forms' scripts call (the markdown preview and image upload
each widget names, the plain-language check): none may answer 403 or 500."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from staff.management.commands.setup_roles import roles
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

# The script beside every markdown editor posts to this one for the plain-language panel.
PLAIN_LANGUAGE = "/staff/plain-language/"
NOT_WALKED = re.compile(r"/admin/logout/|/delete/$|/password/$")


class PageParts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.editors = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if "data-markdownx-urls-path" in attrs:
            self.editors.append((attrs["data-markdownx-urls-path"], attrs["data-markdownx-upload-urls-path"]))


def parts(response):
    parser = PageParts()
    parser.feed(response.content.decode())
    return parser


def local(href):
    parts_of = urlsplit(href)
    if parts_of.netloc or not href.startswith(("/admin/", "/staff/")) or NOT_WALKED.search(parts_of.path):
        return None
    # A list's filters and sorting are the same page: walk each page once.
    return parts_of.path


def is_list(path):
    return re.fullmatch(r"/admin/\w+/\w+/", path) is not None


@pytest.fixture
def demo_with_roles(demo):
    call_command("setup_roles", verbosity=0)


def walk(client):
    """What one login's admin shows, as (refused pages and tools, lists seen, editor tools seen)."""
    refused, seen, lists, tools = [], set(), 0, set()
    # (url, what may be followed from it): the home's links, each list's add form and first row,
    # and each form's own links (history, previews) and tools.
    to_visit = [("/admin/", "home")]
    while to_visit:
        url, kind = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code in (403, 500):
            refused.append((url, response.status_code))
            continue
        page = parts(response)
        path = response.request["PATH_INFO"]
        links = [link for href in page.links if (link := local(href))]
        if kind == "home":
            to_visit += [(link, "list" if is_list(link) else "form") for link in links]
        elif is_list(path):
            lists += 1
            rows = [link for link in links if link.endswith("/change/")][:1]
            to_visit += [(link, "form") for link in links if link.endswith("/add/")] + [
                (row, "form") for row in rows
            ]
        elif kind == "form":
            to_visit += [
                (link, "end") for link in links if link.endswith("/history/") or link.startswith("/staff/")
            ]
        if page.editors:
            tools.add(PLAIN_LANGUAGE)
        for preview, upload in page.editors:
            tools |= {preview, upload}
    for tool in sorted(tools):
        status = client.post(tool, {"content": "## Hello", "text": "Short words."}).status_code
        if status in (403, 500):
            refused.append((tool, status))
    return refused, lists, tools


def test_every_page_link_and_tool_a_role_is_shown_works_for_it(demo_with_roles):
    assert set(roles()) == {"Clinic manager", "Content editor", "Clinical reviewer", "Front desk"}
    for role in roles():
        user = StaffFactory()
        user.groups.add(Group.objects.get(name=role))
        client = Client()
        client.force_login(user)
        refused, lists, tools = walk(client)
        assert refused == [], role
        assert lists, f"the admin home showed {role} no lists"
        assert bool(tools) == (role != "Front desk"), role
