from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/_signup.html")
def newsletter_signup():
    """The sign-up on pages any cache may keep for everyone: nothing single-use in it (its post
    asks for one more press, on a page of its own with a token of its own)."""
    return {"form": SubscribeForm(token=None)}
