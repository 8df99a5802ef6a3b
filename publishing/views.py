"""Views every kind of content shares: previews of drafts, and the editor's tools, each open only
to staff whose role writes content."""

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from markdownx.views import ImageUploadView

from .images import EditorImageForm
from .markdown import IMAGE_DESCRIPTION_WANTED, markdown_fields, render_markdown_with_toc


def may_preview(user, model):
    """Whether `user` may see drafts and scheduled pages of `model` on the site: those whose role
    lets them view or edit that kind of page, not every staff login."""
    opts = model._meta
    return user.is_active and any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change")
    )


def writes_content(user):
    """Whether `user` may edit some text written in markdown (a page, the clinic's privacy text),
    and so use the editor's preview, image upload and plain-language check that its form shows.
    The front desk, and staff in no group, may not."""
    return user.is_active and any(
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        for model in {model for model, _ in markdown_fields()}
    )


def content_writer_required(view):
    """Sends visitors to the staff login, and refuses (403) staff whose role writes no content."""

    @staff_member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not writes_content(request.user):
            raise PermissionDenied("Only staff who write content can use the editor's tools.")
        return view(request, *args, **kwargs)

    return wrapper


class StaffPreviewMixin:
    """For detail views: visitors see published pages only; staff whose role covers this kind of
    page may also open its drafts."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if may_preview(self.request.user, queryset.model) else queryset.published()


@method_decorator(content_writer_required, name="dispatch")
class EditorImageUploadView(ImageUploadView):
    """The editor's drag-and-drop image upload, checked by content. Always answered in JSON:
    markdownx's own view answers anything but its script's request with a page it has no
    template for (a 500), or saves nothing."""

    form_class = EditorImageForm
    http_method_names = ["post"]

    def form_invalid(self, form):
        return JsonResponse(form.errors, status=400)

    def form_valid(self, form):
        # Stands where the description goes, selected by the editor's script for staff to replace;
        # publishing warns while it (or an empty description) is left.
        return JsonResponse({"image_code": f"![{IMAGE_DESCRIPTION_WANTED}]({form.save(commit=True)})"})


# Apps whose pages expand short codes in rendered markdown (the articles app's exercise cards and
# booking invitations) add a function (html, request) -> html here from their AppConfig.ready(),
# so the editor's preview shows what the page will.
preview_expanders = []


@content_writer_required
@require_POST
def markdown_preview(request):
    """The editor's live preview, through the same sanitising renderer patients get."""
    if "content" not in request.POST:
        return HttpResponseBadRequest("Nothing to preview: the request had no content.")
    # With the heading ids an article's body gets, so the preview is the page.
    html, _ = render_markdown_with_toc(request.POST["content"])
    for expand in preview_expanders:
        html = expand(html, request)
    return HttpResponse(html)
