from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/_signup.html")
def newsletter_signup(place="page"):
    """The sign-up on pages any cache may keep for everyone: nothing single-use in it (its post
    asks for one more press, on a page of its own with a token of its own). `place` keeps the ids
    of a page's own sign-up and the footer's apart."""
    auto_id = "id_%s" if place == "page" else f"{place}_%s"
    return {"form": SubscribeForm(token=None, auto_id=auto_id), "place": place}
