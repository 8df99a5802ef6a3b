from django.contrib.auth.views import PasswordResetCompleteView, PasswordResetConfirmView
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from publishing.views import content_writer_required

from .plain_language import analyse

MAX_TEXT = 200_000


@content_writer_required
def phone_preview(request):
    """A page of this site shown in a phone-sized frame, so staff see what patients will."""
    path, back = request.GET.get("path", "/"), request.GET.get("back", "/admin/")
    if not all(is_local(url) for url in (path, back)):
        return HttpResponseBadRequest("Only pages of this site can be previewed.")
    return render(request, "staff/phone_preview.html", {"path": path, "back": back})


def is_local(url):
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


@content_writer_required
@require_POST
def plain_language(request):
    text = request.POST.get("text", "")
    if len(text) > MAX_TEXT:
        return JsonResponse({"error": "The text is too long to check."}, status=400)
    return JsonResponse(analyse(text))


def phone_preview_link(request, page):
    """The edit page of any publishable page links to its preview at phone width."""
    preview = f"{reverse('staff:phone_preview')}?{urlencode({'path': page.get_absolute_url(), 'back': request.path})}"
    return format_html('<a href="{}" class="viewsitelink">Preview at phone width</a>', preview)


class SetPasswordView(PasswordResetConfirmView):
    """A new staff login's first password, from the one-time link `create_staff_login` prints:
    the link stops working once a password is set, or after PASSWORD_RESET_TIMEOUT (3 days)."""

    success_url = reverse_lazy("staff:password_set")
    extra_context = {"site_header": "Choose your password"}


class PasswordSetView(PasswordResetCompleteView):
    def get_context_data(self, **kwargs):
        # Django's page links to LOGIN_URL, which this site does not use: staff sign in at the admin.
        return {**super().get_context_data(**kwargs), "login_url": reverse("admin:login")}
