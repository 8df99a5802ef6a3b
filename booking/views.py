from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView

from insights.events import note
from insights.models import DailyCount
from public_forms.forms import database_errors_explained
from public_forms.guard import guarded_post
from scheduling.slots import first_free_days
from scheduling.zones import zone_label

from .forms import BookingRequestForm
from .services import booking_request_create

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
            return note(redirect("booking:thanks"), DailyCount.Kind.BOOKING_REQUEST, data["source"])
        return self.render_to_response(self.get_context_data(form=form), status=503)


class BookingThanksView(TemplateView):
    template_name = "booking/thanks.html"
    extra_context = {"nav_section": "booking"}
