from django.urls import path

from publishing.caching import public_page

from . import views

app_name = "clinicians"
urlpatterns = [
    path("", public_page(views.TeamView.as_view()), name="team"),
    path("<slug:slug>/", public_page(views.ClinicianView.as_view()), name="detail"),
]
