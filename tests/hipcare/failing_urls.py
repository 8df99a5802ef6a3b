from django.urls import path

from hipcare.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", fail), *site_urlpatterns]
handler500 = "hipcare.views.server_error"
