from django import template

from quizzes.models import Quiz

register = template.Library()


@register.inclusion_tag("quizzes/_invite.html")
def self_check_invite():
    return {"quiz": Quiz.objects.published().order_by("-published_at").first()}
