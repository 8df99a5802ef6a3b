from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from clinic.admin import admin_title
from publishing.caching import public_page
from publishing.views import EditorImageUploadView, markdown_preview
from transfer.views import import_upload

from . import views
from .sitemaps import SITEMAPS

admin.site.site_header = admin_title
admin.site.site_title = admin_title
admin.site.index_title = "What needs attention"
# The lists are what staff work from: they get the whole width, not a second menu beside them.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("articles/", include("articles.urls")),
    path("exercises/", include("exercises.urls")),
    path("book/", include("scheduling.request_urls")),
    path("book/call/", include("scheduling.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("self-check/", include("quizzes.urls")),
    path("team/", include("clinicians.urls")),
    path("robots.txt", public_page(views.RobotsView.as_view()), name="robots"),
    # An index of per-section sitemaps of up to 1,000 pages each, so none grows without bound.
    path(
        "sitemap.xml",
        public_page(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap, reads=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("service-worker.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", public_page(views.web_manifest), name="web_manifest"),
    path("offline/", public_page(TemplateView.as_view(template_name="offline.html")), name="offline"),
    path("", include("insights.urls")),
    # The markdown editor posts to these fixed paths; ours are staff-only and sanitise.
    path("markdownx/markdownify/", markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", EditorImageUploadView.as_view(), name="markdownx_upload"),
    path("staff/", include("staff.urls")),
    path("admin/import/", admin.site.admin_view(import_upload), name="import_content"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media"))

urlpatterns.append(path("", include("clinic.urls")))

handler500 = "hipcare.views.server_error"
