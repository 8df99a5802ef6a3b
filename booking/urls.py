from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

# Every page here is about one visitor (their details, their call, their address): no browser
# or shared cache may keep it.
app_name = "booking"
urlpatterns = [
    path("", never_cache(views.BookingRequestCreateView.as_view()), name="request"),
    path("thank-you/", never_cache(views.BookingThanksView.as_view()), name="thanks"),
]
