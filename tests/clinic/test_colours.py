"""Every colour pair the stylesheet uses reads at WCAG AA, in light and dark mode, for the default
brand colour and for any a clinic is allowed to choose."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clinic.colours import (
    AA_NORMAL_TEXT,
    DARK_BACKGROUND,
    DARK_MUTED_TEXT,
    DARK_SURFACE,
    DARK_TEXT,
    DEFAULT_BRAND,
    colour_pairs,
    contrast,
    dark_shades,
    nearest_passing,
    shades,
)
from clinic.models import ClinicProfile

STYLESHEET = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()


def dark_block():
    return STYLESHEET.split("@media (prefers-color-scheme: dark) {", 1)[1].split("\n}\n", 1)[0]


def declared(block, name):
    return re.search(rf"--color-{name}: (#[0-9a-f]{{6}});", block).group(1)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A#[0-9a-f]{6}\Z"))
def test_any_colour_a_clinic_may_choose_reads_in_light_and_dark_mode(colour):
    chosen = nearest_passing(colour)

    for what, text, background in colour_pairs(chosen):
        assert contrast(text, background) >= AA_NORMAL_TEXT, (chosen, what)


def test_the_stylesheets_dark_mode_is_the_default_brand_colours_dark_shades():
    block = dark_block()
    shades = dark_shades(DEFAULT_BRAND)

    assert declared(block, "brand") == shades["brand"]
    assert declared(block, "brand-dark") == shades["brand_dark"]
    assert declared(block, "accent-bg") == shades["accent_bg"]
    assert declared(block, "on-brand") == shades["on_brand"]
    assert declared(block, "bg") == DARK_BACKGROUND and declared(block, "surface") == DARK_SURFACE
    assert declared(block, "text") == DARK_TEXT and declared(block, "muted") == DARK_MUTED_TEXT


def test_dark_mode_text_reads_on_every_dark_surface():
    block = dark_block()
    grounds = [declared(block, name) for name in ("bg", "surface", "accent-bg")]
    texts = [declared(block, name) for name in ("text", "muted", "brand", "error")]

    for text in texts:
        for ground in grounds:
            assert contrast(text, ground) >= AA_NORMAL_TEXT, (text, ground)
    assert contrast(declared(block, "caution"), declared(block, "caution-bg")) >= AA_NORMAL_TEXT


@pytest.mark.django_db
def test_a_clinics_own_colour_brings_its_dark_mode_shades(client):
    shades = dark_shades("#1f4e9c")

    css = client.get(reverse("brand_stylesheet", args=["1f4e9c"])).content.decode()

    dark = css.split("@media (prefers-color-scheme:dark)", 1)[1]
    assert f"--color-brand:{shades['brand']}" in dark and f"--color-accent-bg:{shades['accent_bg']}" in dark


@pytest.mark.django_db
def test_the_admin_wears_the_clinics_colour_in_light_and_dark(admin_client):
    profile = ClinicProfile.current()
    profile.brand_colour = "#1f4e9c"
    profile.save()
    light, dark = shades("#1f4e9c"), dark_shades("#1f4e9c")

    for url in (reverse("admin:index"), reverse("admin:clinic_clinicprofile_change", args=[1])):
        html = admin_client.get(url).content.decode()
        assert f"--button-bg: {light['brand']};" in html and f"--header-bg: {light['brand_dark']};" in html
        assert f'html:root[data-theme="dark"] {{ --link-fg: {dark["brand"]};' in html
