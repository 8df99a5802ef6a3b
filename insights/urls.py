from django.urls import path

from . import views

urlpatterns = [path("seen.gif", views.view_beacon, name="view_beacon")]
