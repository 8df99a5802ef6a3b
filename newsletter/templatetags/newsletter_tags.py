from django import template

from newsletter.forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("newsletter/_signup.html")
def newsletter_signup():
    return {"form": SubscribeForm()}
