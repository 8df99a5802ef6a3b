from datetime import timedelta

from django import template
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from public_forms.models import QueuedEmail
from publishing.models import publishable_models
from staff.dashboard import registered_lines

register = template.Library()


@register.inclusion_tag("staff/_dashboard.html", takes_context=True)
def staff_dashboard(context):
    """What needs attention today, showing each person only what their role lets them see."""
    user = context["request"].user
    today = timezone.localdate()
    panel = registered_lines(user, today)
    if user.has_perm("public_forms.view_queuedemail"):
        emails = QueuedEmail.objects.all()
        panel += [
            (
                "Emails that could not be sent",
                emails.filter(status=QueuedEmail.Status.FAILED).count(),
                "admin:public_forms_queuedemail_changelist",
                "status__exact=failed",
            ),
            (
                "Emails waiting to be retried",
                emails.filter(status=QueuedEmail.Status.PENDING, attempts__gt=0).count(),
                "admin:public_forms_queuedemail_changelist",
                "status__exact=pending",
            ),
        ]
    to_review, sent = [], []
    for model in publishable_models():
        app, name = model._meta.app_label, model._meta.model_name
        if not user.has_perm(f"{app}.view_{name}"):
            continue
        plural = model._meta.verbose_name_plural
        waiting = list(model.objects.awaiting_review().select_related("review_requested_by", "reviewed_by"))
        overdue = model.objects.filter(next_review_on__lt=today).count()
        scheduled = model.objects.scheduled().count()
        url = f"admin:{app}_{name}_changelist"
        panel += [
            (f"{plural.capitalize()} waiting for review", len(waiting), url, "review=waiting"),
            (f"{plural.capitalize()} past their review date", overdue, url, "review=overdue"),
            (f"Scheduled {plural}", scheduled, url, "status__exact=published"),
        ]
        if user.has_perm(f"{app}.sign_off"):
            to_review += [(page, change_url(page), why_waiting(page)) for page in waiting]
        # What became of the pages this person sent for review lately, so they see the sign-off.
        since = timezone.now() - timedelta(days=SENT_SHOWN_DAYS)
        sent += [
            (page, change_url(page), outcome(page))
            for page in model.objects.select_related("reviewed_by")
            .filter(review_requested_by=user)
            .filter(Q(review_requested_at__isnull=False) | Q(reviewed_on__gte=since.date()))
        ]
    return {"panel": panel, "to_review": to_review, "sent": sent}


SENT_SHOWN_DAYS = 30


def change_url(page):
    return reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_change", args=[page.pk])


def why_waiting(page):
    if page.review_requested_at:
        asker = page.review_requested_by
        who = (asker.get_full_name() or asker.get_username()) if asker else "someone"
        return f"sent by {who} on {format_date(timezone.localtime(page.review_requested_at), 'M j')}"
    if page.reviewed_on:
        return f"live, changed since {page.reviewed_by} signed it off on {format_date(page.reviewed_on, 'M j, Y')}"
    return "live, never signed off"


def outcome(page):
    if page.review_requested_at:
        return f"waiting for review since {format_date(timezone.localtime(page.review_requested_at), 'M j')}"
    state = "live" if page.is_public else "scheduled" if page.status == page.Status.PUBLISHED else "a draft"
    return f"signed off by {page.reviewed_by} on {format_date(page.reviewed_on, 'M j')}; now {state}"
