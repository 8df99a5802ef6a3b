import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from articles.models import Article
from clinic.colours import PAGE_BACKGROUND
from clinic.models import ClinicProfile
from exercises.models import Exercise
from operations.health import database_accepts_writes
from publishing.methods import allow


class HomeView(TemplateView):
    template_name = "home.html"
    extra_context = {"nav_section": "home"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_articles=Article.objects.published().cards()[:3],
            featured_exercises=Exercise.objects.published().filter(is_featured=True)[:6],
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sitemap_url=settings.SITE_URL + reverse("sitemap"), **kwargs)


@allow("GET")
def service_worker(request):
    """The offline script, at the site root so it may look after every page. Its version follows
    the hashed names of the files it stores, so a new release replaces them."""
    shell = "".join(staticfiles_storage.url(name) for name in ("css/site.css", "js/exercises.js"))
    context = {"version": hashlib.sha256(shell.encode()).hexdigest()[:12]}
    response = render(request, "service-worker.js", context, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


def web_manifest(request):
    clinic = ClinicProfile.current()
    icons = clinic.logo_renditions.get("icons") or [
        {
            "src": staticfiles_storage.url(name),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for name, size, purpose in (
            ("img/icon-192.png", 192, "any"),
            ("img/icon-512.png", 512, "any"),
            ("img/icon-maskable-512.png", 512, "maskable"),
        )
    ]
    manifest = {
        "name": clinic.name,
        "short_name": clinic.home_screen_name,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": PAGE_BACKGROUND,
        "theme_color": clinic.brand_colour,
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
}
# Eighteen digits pass any real file's offset; longer numbers are not a range this site answers.
BYTE_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")
# The most sent for one Range request; a player asks again for the rest, and a worker never holds
# a whole video in memory.
RANGE_CHUNK = 1024 * 1024


@allow("GET")
def media(request, path):
    """Uploaded images, videos and captions for `make run` and `make serve` (SERVE_MEDIA), served
    so that no file can ever act as a page: only those types, with nosniff and a sandboxing
    policy. Videos are asked for in parts (a Range request) as they play. In production nginx serves /media/ with the same
    rules (deploy/nginx/hipcare-locations.conf), or the bucket does."""
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        target = (root / path).resolve()
        content_type = MEDIA_TYPES.get(target.suffix.lower())
        found = content_type is not None and target.is_relative_to(root) and target.is_file()
    except (OSError, ValueError):  # a name no file can have: a NUL byte, or far too long
        found = False
    if not found:
        raise Http404("No such file")
    size = target.stat().st_size
    wanted = BYTE_RANGE.match(request.headers.get("Range", "").strip())
    if wanted and (wanted[1] or wanted[2]):
        if wanted[1]:
            first, last = int(wanted[1]), int(wanted[2]) if wanted[2] else size - 1
        else:  # the last N bytes
            first, last = max(0, size - int(wanted[2])), size - 1
        # Whatever the range asks for, one answer holds at most RANGE_CHUNK bytes.
        last = min(last, size - 1, first + RANGE_CHUNK - 1)
        if first > last or first >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with target.open("rb") as file:
            file.seek(first)
            response = HttpResponse(file.read(last - first + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    else:
        response = FileResponse(target.open("rb"), content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
@allow("GET")
def health(request):
    """For load balancers: 503 naming the trouble while the database cannot serve, else 200. A
    cache that does not answer is reported ("cache degraded") but fails nothing: pages are served
    without it, and taking every server out for it would take the whole site down."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not database_accepts_writes():
            problems.append("database locked for writing")
    except DatabaseError:
        problems.append("database unreachable")
    if problems:
        return HttpResponse("\n".join(problems) + "\n", status=503, content_type="text/plain")
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        return HttpResponse("ok\ncache degraded: pages are served without it\n", content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without the cookie that proves it came from this site's own page, most often
    because the browser blocks cookies: say so, how to fix it, and lead back to the form."""
    back = request.path if request.path.startswith(("/book/", "/newsletter/", "/self-check/")) else "/"
    return render(request, "403_csrf.html", {"back": back}, status=403)


def server_error(request):
    # A plain context without the request: the database may be what failed, so nothing else here
    # touches it.
    return HttpResponseServerError(
        render_to_string("500.html", {"clinic": ClinicProfile.current_or_defaults()})
    )
