from django import template

from quizzes.models import Quiz

register = template.Library()


@register.inclusion_tag("quizzes/_invite.html")
def self_check_invite(topics=(), exercise=None):
    """The self-check on the page's own topics, or nothing when none matches them."""
    return {"quiz": Quiz.objects.suggested_for(topics, exercise)}
