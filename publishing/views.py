"""Views every kind of content shares: staff preview of drafts, and the editor's image upload."""

from django.contrib.admin.views.decorators import staff_member_required
from django.utils.decorators import method_decorator
from markdownx.views import ImageUploadView

from .images import EditorImageForm


class StaffPreviewMixin:
    """For detail views: visitors see published pages only; staff may also open drafts."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.request.user.is_staff else queryset.published()


@method_decorator(staff_member_required, name="dispatch")
class EditorImageUploadView(ImageUploadView):
    """The editor's drag-and-drop image upload: staff only, checked by content."""

    form_class = EditorImageForm
