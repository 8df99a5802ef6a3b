"""The site's URLs plus its development media view, standing in for the proxy that serves /media/
in production, so pages in tests (and the browser tests' live server) show their pictures."""

from django.conf import settings
from django.urls import path

from hipcare import views
from hipcare.urls import handler500
from hipcare.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media"),
    *site_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
