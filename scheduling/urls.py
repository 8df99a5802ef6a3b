from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

# Every page here is about one visitor (their details, their call, their address): no browser
# or shared cache may keep it.
app_name = "scheduling"
urlpatterns = [
    path("", never_cache(views.CallBookView.as_view()), name="book"),
    path("<str:token>/", never_cache(views.ManageCallView.as_view()), name="manage"),
    path("<str:token>/calendar.ics", never_cache(views.calendar_download), name="calendar"),
    path("<str:token>/cancel/", never_cache(views.CancelCallView.as_view()), name="cancel"),
    path("<str:token>/new-time/", never_cache(views.RescheduleCallView.as_view()), name="reschedule"),
]
