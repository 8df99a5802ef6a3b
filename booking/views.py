from django.urls import reverse_lazy
from django.views.generic import CreateView, TemplateView

from .forms import BookingRequestForm


class BookingRequestCreateView(CreateView):
    form_class = BookingRequestForm
    template_name = "booking/request_form.html"
    success_url = reverse_lazy("booking:thanks")
    extra_context = {"nav_section": "booking"}


class BookingThanksView(TemplateView):
    template_name = "booking/thanks.html"
    extra_context = {"nav_section": "booking"}
