from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

# The request form offers the first free call times, so its page lives with the times; its URLs
# keep the booking namespace visitors and templates know. Every page here is about one visitor:
# no browser or shared cache may keep it.
app_name = "booking"
urlpatterns = [
    path("", never_cache(views.BookingRequestCreateView.as_view()), name="request"),
    path("thank-you/", never_cache(views.BookingThanksView.as_view()), name="thanks"),
]
