from django.urls import path

from . import views

app_name = "scheduling"
urlpatterns = [
    path("", views.CallBookView.as_view(), name="book"),
    path("<str:token>/", views.ManageCallView.as_view(), name="manage"),
    path("<str:token>/new-time/", views.RescheduleCallView.as_view(), name="reschedule"),
]
