from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from booking.forms import ContactForm
from clinicians.models import Clinician
from publishing.admin import log_action

from . import services
from .forms import SlotField
from .models import AvailabilityWindow, ClosedDate, IntroCall, SchedulingPolicy
from .slots import free_times
from .views import chosen_day


def calls_today_and_tomorrow(user, today):
    if not user.has_perm("scheduling.view_introcall"):
        return []
    booked = IntroCall.objects.filter(status=IntroCall.Status.BOOKED)
    return [
        *[
            (
                f"Intro calls {when}",
                booked.filter(starts_at__date=day).count(),
                "admin:scheduling_introcall_changelist",
                f"when={when}",
            )
            for when, day in (("today", today), ("tomorrow", today + timedelta(days=1)))
        ],
        (
            "Intro calls moved by the visitor, not yet seen",
            booked.filter(visitor_moved_at__isnull=False, starts_at__gte=timezone.now()).count(),
            "admin:scheduling_introcall_changelist",
            "when=upcoming&moved=visitor",
        ),
        (
            "Intro calls after tomorrow",
            booked.filter(starts_at__date__gt=today + timedelta(days=1)).count(),
            "admin:scheduling_introcall_changelist",
            "when=later",
        ),
    ]


class MoveCallForm(forms.Form):
    """One day's times as buttons, the call's own time among them and chosen to begin with, each
    naming who is free then: a day's dozen choices rather than the whole horizon's hundreds."""

    slot = SlotField(label="Time", widget=forms.RadioSelect)
    phone = ContactForm.base_fields["phone"]
    clean_phone = ContactForm.clean_phone
    ask_for_the_phone_to_ring = ContactForm.ask_for_the_phone_to_ring

    def __init__(self, *args, call, day, times, names, **kwargs):
        super().__init__(*args, initial={"slot": call.starts_at.isoformat()}, **kwargs)
        zone = timezone.get_current_timezone()

        def label(starts_at, who):
            return f"{format_date(starts_at.astimezone(zone), 'g:i A')} · {who}"

        choices = {free.starts_at: label(free.starts_at, names_of(free, names)) for free in times}
        if timezone.localtime(call.starts_at).date() == day:
            choices[call.starts_at] = label(call.starts_at, f"{call.clinician.name} (booked now)")
        self.fields["slot"].widget.choices = [
            (starts_at.isoformat(), text) for starts_at, text in sorted(choices.items())
        ]
        if call.booking_request.phone:
            del self.fields["phone"]
        else:
            self.ask_for_the_phone_to_ring()


def names_of(free, names):
    return ", ".join(names[pk] for pk in free.clinician_ids)


@admin.register(SchedulingPolicy)
class SchedulingPolicyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SchedulingPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(admin.ModelAdmin):
    list_display = ["clinician", "weekday", "opens_at", "closes_at"]
    list_filter = ["clinician", "weekday"]


@admin.register(ClosedDate)
class ClosedDateAdmin(admin.ModelAdmin):
    list_display = ["date", "clinician", "reason"]
    list_filter = ["clinician"]
    date_hierarchy = "date"


class UpcomingFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("upcoming", "Upcoming"),
            ("today", "Today"),
            ("tomorrow", "Tomorrow"),
            ("later", "After tomorrow"),
            ("past", "Past"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gte=now)
        if self.value() == "today":
            return queryset.filter(starts_at__date=timezone.localdate())
        if self.value() == "tomorrow":
            return queryset.filter(starts_at__date=timezone.localdate() + timedelta(days=1))
        if self.value() == "later":
            return queryset.filter(starts_at__date__gt=timezone.localdate() + timedelta(days=1))
        if self.value() == "past":
            return queryset.filter(starts_at__lt=now)
        return queryset


class MovedByVisitorFilter(admin.SimpleListFilter):
    title = "moved by the visitor"
    parameter_name = "moved"

    def lookups(self, request, model_admin):
        return [("visitor", "Not yet seen")]

    def queryset(self, request, queryset):
        if self.value() == "visitor":
            return queryset.filter(visitor_moved_at__isnull=False)
        return queryset


@admin.register(IntroCall)
class IntroCallAdmin(admin.ModelAdmin):
    """The front desk's agenda: calls by day and clinician."""

    list_display = ["starts_at", "clinician", "visitor", "phone", "status", "move_link"]
    list_filter = [UpcomingFilter, MovedByVisitorFilter, "clinician", "status"]
    date_hierarchy = "starts_at"
    search_fields = ["booking_request__first_name", "booking_request__email", "booking_request__phone"]
    list_select_related = ["clinician", "booking_request"]
    readonly_fields = ["clinician", "booking_request", "starts_at", "ends_at", "status", "created_at"]
    actions = ["mark_move_seen", "cancel_calls", "cancel_as_spam", "mark_done", "mark_no_show"]

    @admin.display(description="visitor", ordering="booking_request__first_name")
    def visitor(self, call):
        return f"{call.booking_request.first_name} <{call.booking_request.email}>"

    @admin.display(description="phone")
    def phone(self, call):
        return call.booking_request.phone

    def has_add_permission(self, request):
        return False

    @admin.display(description="")
    def move_link(self, call):
        if call.status != IntroCall.Status.BOOKED:
            return ""
        return format_html(
            '<a href="{}">Move</a>', reverse("admin:scheduling_introcall_move", args=[call.pk])
        )

    def get_urls(self):
        move = self.admin_site.admin_view(self.move_view)
        return [path("<int:pk>/move/", move, name="scheduling_introcall_move"), *super().get_urls()]

    def move_view(self, request, pk):
        """Move a booked call to another free time; the visitor gets the new time by email. The
        page opens on the call's own day with its time chosen, and lists the other days to pick."""
        call = get_object_or_404(IntroCall.objects.select_related("booking_request", "clinician"), pk=pk)
        if not self.has_change_permission(request, call):
            raise PermissionDenied
        days = free_times()
        booked_day = timezone.localtime(call.starts_at).date()
        day = chosen_day(request, days) or booked_day
        names = dict(Clinician.objects.values_list("pk", "name"))
        form = MoveCallForm(request.POST or None, call=call, day=day, times=days.get(day, []), names=names)
        if form.is_valid():
            if form.cleaned_data["slot"] == call.starts_at:
                self.message_user(request, "The call keeps its time; nothing was sent.", messages.INFO)
                return redirect("admin:scheduling_introcall_changelist")
            try:
                services.intro_call_move(
                    call, form.cleaned_data["slot"], phone=form.cleaned_data.get("phone", ""), by_staff=True
                )
            except services.SlotTaken:
                form.add_error("slot", "That time is no longer free. Please choose another.")
            except ValidationError as problem:
                form.add_error(None, problem)
            else:
                self.message_user(
                    request, "Call moved; the visitor has been emailed the new time.", messages.SUCCESS
                )
                return redirect("admin:scheduling_introcall_changelist")
        context = {
            **self.admin_site.each_context(request),
            "call": call,
            "form": form,
            "day": day,
            "days": sorted({booked_day, *days}),
            "booked_day": booked_day,
            "title": f"Move {call}",
        }
        return TemplateResponse(request, "admin/scheduling/move_call.html", context)

    @admin.action(description="Mark the visitor's move as seen", permissions=["change"])
    def mark_move_seen(self, request, queryset):
        for call in queryset.filter(visitor_moved_at__isnull=False):
            IntroCall.objects.filter(pk=call.pk).update(visitor_moved_at=None)
            log_action(request, call, "Visitor's move seen")
        self.message_user(request, "Marked as seen; they leave “Needs attention”.", messages.SUCCESS)

    @admin.action(description="Cancel the selected calls and email the visitors", permissions=["change"])
    def cancel_calls(self, request, queryset):
        cancelled = 0
        for call in queryset:
            if services.intro_call_cancel(call, by_staff=True):
                cancelled += 1
                log_action(request, call, "Cancelled by staff; visitor emailed")
        self.message_user(
            request, f"Cancelled {cancelled} call(s); the visitors have been emailed.", messages.SUCCESS
        )

    @admin.action(description="Cancel the selected calls as spam, without emails", permissions=["change"])
    def cancel_as_spam(self, request, queryset):
        """For a batch a script booked with other people's addresses: the times are freed, the
        requests marked as spam, and nobody is emailed again."""
        cancelled = 0
        for call in queryset:
            if services.intro_call_cancel_as_spam(call):
                cancelled += 1
                log_action(request, call, "Cancelled as spam; nobody emailed")
        self.message_user(
            request, f"Cancelled {cancelled} call(s) as spam; their times are free again.", messages.SUCCESS
        )

    @admin.action(description="Mark the selected calls as done", permissions=["change"])
    def mark_done(self, request, queryset):
        for call in queryset:
            services.intro_call_record_outcome(call, IntroCall.Status.DONE)
            log_action(request, call, "Marked done")
        self.message_user(request, "Marked as done; their requests now say “Call done”.", messages.SUCCESS)

    @admin.action(description="Mark the selected calls as no-show", permissions=["change"])
    def mark_no_show(self, request, queryset):
        for call in queryset:
            services.intro_call_record_outcome(call, IntroCall.Status.NO_SHOW)
            log_action(request, call, "Marked no-show")
        self.message_user(request, "Marked as no-show; their requests now say “No-show”.", messages.SUCCESS)
