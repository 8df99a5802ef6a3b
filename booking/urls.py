from django.urls import path

from . import views

app_name = "booking"
urlpatterns = [
    path("", views.BookingRequestCreateView.as_view(), name="request"),
    path("thank-you/", views.BookingThanksView.as_view(), name="thanks"),
]
