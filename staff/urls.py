from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("phone-preview/", views.phone_preview, name="phone_preview"),
    path("plain-language/", views.plain_language, name="plain_language"),
]
