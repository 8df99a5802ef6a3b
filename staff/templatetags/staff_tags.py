from datetime import timedelta

from django import template
from django.db.models import F
from django.utils import timezone

from booking.models import BookingRequest
from public_forms.models import QueuedEmail
from publishing.models import publishable_models
from scheduling.models import IntroCall

register = template.Library()


@register.inclusion_tag("staff/_dashboard.html", takes_context=True)
def staff_dashboard(context):
    """What needs attention today, showing each person only what their role lets them see."""
    user = context["request"].user
    today = timezone.localdate()
    panel = []
    if user.has_perm("scheduling.view_introcall"):
        booked = IntroCall.objects.filter(status=IntroCall.Status.BOOKED)
        for label, day, when in (
            ("today", today, "today"),
            ("tomorrow", today + timedelta(days=1), "tomorrow"),
        ):
            calls = booked.filter(starts_at__date=day).count()
            panel.append(
                (f"Intro calls {label}", calls, "admin:scheduling_introcall_changelist", f"when={when}")
            )
    if user.has_perm("booking.view_bookingrequest"):
        new_today = BookingRequest.objects.filter(
            status=BookingRequest.Status.NEW, created_at__date=today
        ).count()
        panel.append(
            (
                "New booking requests today",
                new_today,
                "admin:booking_bookingrequest_changelist",
                "status__exact=new",
            )
        )
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
    for model in publishable_models():
        app, name = model._meta.app_label, model._meta.model_name
        if not user.has_perm(f"{app}.view_{name}"):
            continue
        plural = model._meta.verbose_name_plural
        waiting = (
            model.objects.filter(status="draft").exclude(reviewed_content_hash=F("content_hash")).count()
        )
        overdue = model.objects.filter(next_review_on__lt=today).count()
        scheduled = model.objects.scheduled().count()
        url = f"admin:{app}_{name}_changelist"
        panel += [
            (f"Draft {plural} waiting for review", waiting, url, "status__exact=draft"),
            (f"{plural.capitalize()} past their review date", overdue, url, "review=overdue"),
            (f"Scheduled {plural}", scheduled, url, "status__exact=published"),
        ]
    return {"panel": panel}
