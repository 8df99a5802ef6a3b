from django.http import HttpResponse
from django.urls import path

from hipcare.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]
