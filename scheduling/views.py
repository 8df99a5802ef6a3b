from datetime import date

from django.conf import settings
from django.core import signing
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from booking.forms import BookingRequestForm
from booking.services import booking_request_create
from clinicians.models import Clinician
from public_forms.forms import PressForm, client_address, database_errors_explained
from public_forms.guard import guarded_post
from publishing.events import CountedEvent, record

from . import links, services
from .forms import CallBookingForm, CallTimeForm
from .models import IntroCall
from .slots import FreeTime, first_free_days, free_times, parse_start
from .zones import zone_label

SAVE_FAILED = (
    "Sorry, something went wrong on our side and your request was not saved. "
    "Please try again in a minute; what you typed is still here."
)


def answered_as_sent(request, *args, **kwargs):
    return redirect("booking:thanks")


# Contact details stay out of error reports.
@method_decorator(sensitive_post_parameters("first_name", "email", "phone"), name="dispatch")
@method_decorator(guarded_post("booking", caught=answered_as_sent), name="dispatch")
class BookingRequestCreateView(FormView):
    http_method_names = ["get", "post", "options"]
    form_class = BookingRequestForm
    template_name = "booking/request_form.html"
    extra_context = {"nav_section": "booking"}

    def get_context_data(self, **kwargs):
        now = timezone.localtime()
        try:
            free_days = first_free_days()
        except DatabaseError:
            free_days = []  # the database is down: the form, and what was typed, still show
        return super().get_context_data(
            clinic_time_zone=zone_label(now.tzinfo),
            retention_days=settings.LEAD_RETENTION_DAYS,
            free_days=free_days,
            **kwargs,
        )

    def get_initial(self):
        return {"source": self.request.GET.get("from", "")[:400]}

    def form_valid(self, form):
        data = form.cleaned_data
        with database_errors_explained(form, SAVE_FAILED):
            booking_request_create(
                first_name=data["first_name"],
                email=data["email"],
                phone=data["phone"],
                preferred_time=data["preferred_time"],
                has_consented=data["has_consented"],
                wants_newsletter=data["wants_newsletter"],
                source_path=data["source"],
            )
            record(self.request, CountedEvent.BOOKING_REQUEST, data["source"])
            return redirect("booking:thanks")
        return self.render_to_response(self.get_context_data(form=form), status=503)


class BookingThanksView(TemplateView):
    template_name = "booking/thanks.html"
    extra_context = {"nav_section": "booking"}


NOT_BOOKED = "Sorry, something went wrong on our side and nothing was booked. Please try again."
JUST_TAKEN = "Sorry, that time was just taken or is no longer available. Please pick another."


def chosen_day(request, days):
    """The day asked for, else the day of a posted time, if it has free times."""
    try:
        day = date.fromisoformat(request.GET.get("day") or request.POST.get("day", ""))
    except ValueError:
        posted = parse_start(request.POST.get("slot"))
        day = timezone.localtime(posted).date() if posted else None
    return day if day in days else None


def zone_context():
    now = timezone.localtime()
    return {"clinic_zone": zone_label(now.tzinfo), "clinic_zone_abbreviation": now.tzname()}


def the_one_caller(days):
    """The clinician who will call, when every free time is theirs; None when it may be anyone."""
    clinician_ids = {pk for times in days.values() for free in times for pk in free.clinician_ids}
    if len(clinician_ids) != 1:
        return None
    return (
        Clinician.objects.filter(pk__in=clinician_ids).only("name", "credentials", "photo_renditions").first()
    )


def times_already_chosen(request):
    """While the database is down no free time can be read: the form shows again with the time
    the visitor chose, and what they typed, for them to send again."""
    posted = parse_start(request.POST.get("slot"))
    if posted is None:
        return {}
    return {timezone.localtime(posted).date(): [FreeTime(starts_at=posted, ends_at=posted, clinician_ids=())]}


class TimePickerMixin:
    """Shows the free days, then one day's free times, with `form` below them."""

    template_name = None

    def picker(self, request, form, *, status=200, **extra):
        try:
            days = free_times()
        except DatabaseError:
            days = times_already_chosen(request)
        day = chosen_day(request, days)
        context = {
            "nav_section": "booking",
            "caller": the_one_caller(days),
            "form": form,
            "days": [(d, len(times)) for d, times in days.items()],
            "day": day,
            "times": days.get(day, []),
            **zone_context(),
            **extra,
        }
        return render(request, self.template_name, context, status=status)


# Contact details stay out of error reports.
@method_decorator(sensitive_post_parameters("first_name", "email", "phone"), name="dispatch")
@method_decorator(guarded_post("booking", caught=answered_as_sent), name="dispatch")
class CallBookView(TimePickerMixin, View):
    template_name = "scheduling/book.html"

    def get(self, request):
        return self.picker(request, CallBookingForm(initial={"source": request.GET.get("from", "")[:400]}))

    def post(self, request):
        form = CallBookingForm(request.POST)
        if not form.is_valid():
            return self.picker(request, form)
        data = form.cleaned_data
        visitor = {name: data[name] for name in ("first_name", "email", "phone", "has_consented")}
        client = client_address(request) or "unknown"
        with database_errors_explained(form, NOT_BOOKED):
            limit = services.booking_limit_reached(email=data["email"], client=client)
            if limit:
                form.add_error(None, limit)
                return self.picker(request, form, status=429)
            if services.bookings_on_hold():
                services.intro_call_hold(starts_at=data["slot"], source_path=data["source"], **visitor)
                record(request, CountedEvent.BOOKING_REQUEST, data["source"])
                return redirect("booking:thanks")
            try:
                call = services.intro_call_book(
                    starts_at=data["slot"], source_path=data["source"], time_zone=data["time_zone"], **visitor
                )
            except services.SlotTaken:
                form.add_error("slot", JUST_TAKEN)
                return self.picker(request, form, status=409)
            services.booking_counted(client)
            record(request, CountedEvent.BOOKING_REQUEST, data["source"])
            record(request, CountedEvent.BOOKED_CALL, data["source"])
            return redirect(links.manage_url(call) + "?booked=1")
        return self.picker(request, form, status=503)


def call_or_error(request, token):
    """The call behind a manage link, or the page explaining why the link does not work."""
    try:
        return links.call_from_token(token), None
    except signing.BadSignature:
        problem = "forged"
    except links.LinkOutdated:
        problem = "outdated"
    return None, render(
        request, "scheduling/bad_link.html", {"problem": problem, **zone_context()}, status=400
    )


def is_changeable(call):
    return call.status == IntroCall.Status.BOOKED and call.starts_at > timezone.now()


def call_named(token):
    """The call a manage link names, for the limit on changes through it; None for a forged link."""
    try:
        return links.call_number(token)
    except signing.BadSignature:
        return None


def call_left_as_it_is(request, token):
    return redirect("scheduling:manage", token=token)


# Moving or cancelling emails the address typed at booking and the front desk.
guarded_change = method_decorator(
    guarded_post("call-change", caught=call_left_as_it_is, link=call_named), name="dispatch"
)


class ManageCallView(View):
    def get(self, request, token):
        call, error = call_or_error(request, token)
        if error:
            return error
        return render(
            request,
            "scheduling/manage.html",
            {
                "call": call,
                "token": token,
                "is_changeable": is_changeable(call),
                "just_booked": "booked" in request.GET,
                **zone_context(),
            },
        )


@guarded_change
class CancelCallView(View):
    """Asks before cancelling, and says what happens next; a second step that needs no script."""

    def get(self, request, token):
        return self.page(request, token, PressForm())

    def post(self, request, token):
        form = PressForm(request.POST)
        if not form.is_valid():
            return self.page(request, token, form)
        call, error = call_or_error(request, token)
        if error:
            return error
        if is_changeable(call):
            services.intro_call_cancel(call)
        return render(request, "scheduling/cancelled.html", {"call": call, **zone_context()})

    def page(self, request, token, form):
        call, error = call_or_error(request, token)
        if error:
            return error
        if not is_changeable(call):
            return redirect("scheduling:manage", token=token)
        context = {"call": call, "token": token, "form": form, **zone_context()}
        return render(request, "scheduling/cancel.html", context)


@guarded_change
class RescheduleCallView(TimePickerMixin, View):
    template_name = "scheduling/reschedule.html"

    def get(self, request, token):
        call, error = call_or_error(request, token)
        if error:
            return error
        return self.picker(request, CallTimeForm(), call=call, token=token, is_changeable=is_changeable(call))

    def post(self, request, token):
        call, error = call_or_error(request, token)
        if error:
            return error
        form = CallTimeForm(request.POST)
        if not is_changeable(call) or not form.is_valid():
            return self.picker(request, form, call=call, token=token, is_changeable=is_changeable(call))
        try:
            call = services.intro_call_move(call, form.cleaned_data["slot"])
        except services.SlotTaken:
            form.add_error("slot", JUST_TAKEN)
            return self.picker(request, form, status=409, call=call, token=token, is_changeable=True)
        return redirect(links.manage_url(call) + "?moved=1")
