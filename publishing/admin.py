"""Admin behaviour shared by every health page (articles, exercises, self-checks): revision
history, publish and unpublish, draft/publish-now buttons, clinical sign-off and its state."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from .markdown import undescribed_images
from .models import Publishable, get_reviewer_model
from .uploads import KeptUploadWidget


def log_action(request, obj, message):
    """Bulk actions bypass the admin's change log; record them there too."""
    LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


# Other apps add to a publishable page's edit form without this app knowing them: each registers,
# from its AppConfig.ready(), a function (request, page) -> HTML, or "" to show nothing there.
# Tools are links beside "History"; panels sit above the form's fields.
change_form_tools = []
change_form_panels = []


REVIEW_FIELDS = ("reviewed_by", "reviewed_on", "next_review_on")


class ReviewStateFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting for review"),
            ("never", "Never signed off"),
            ("changed", "Changed since sign-off"),
            ("overdue", "Review overdue"),
            ("soon", "Review due within 30 days"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "waiting":
            return queryset.awaiting_review()
        if self.value() == "never":
            return queryset.filter(reviewed_on__isnull=True)
        if self.value() == "changed":
            return queryset.exclude(reviewed_content_hash="").exclude(reviewed_content_hash=F("content_hash"))
        if self.value() == "overdue":
            return queryset.filter(next_review_on__lt=today)
        if self.value() == "soon":
            return queryset.filter(next_review_on__gte=today, next_review_on__lte=today + timedelta(days=30))
        return queryset


class KeepsUploads:
    """For every admin form, and inline, with a file or image field: a file chosen there is kept
    when the form comes back with another field's error (see `publishing/uploads.py`)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = KeptUploadWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TitleInput(forms.Textarea):
    """A title or name shown whole: it wraps onto more lines where a one-line box would cut it
    off (on a phone). Line breaks typed into it become spaces."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 1, "class": "title-input", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.split()) if isinstance(value, str) else value


class WholeTitles:
    """For admin forms whose title or name runs long: see TitleInput."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("title", "name") and isinstance(db_field, models.CharField):
            kwargs["widget"] = TitleInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PublishingAdmin(KeepsUploads, WholeTitles, SimpleHistoryAdmin):
    change_form_template = "admin/publishing_change_form.html"
    actions = ["publish", "unpublish", "request_review", "sign_off", "sign_off_and_publish"]
    history_list_display = ["changed_fields"]

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/admin-editor.js"]

    def get_readonly_fields(self, request, obj=None):
        # Only the sign-off action, or someone allowed to sign off, may say a page was reviewed:
        # for anyone else these fields are shown but not part of the form, so a crafted post
        # cannot set them either.
        readonly = super().get_readonly_fields(request, obj)
        if self.has_sign_off_permission(request):
            return readonly
        return [*readonly, *(name for name in REVIEW_FIELDS if name not in readonly)]

    def get_list_display(self, request):
        columns = ["publication" if name == "status" else name for name in super().get_list_display(request)]
        return [*columns, "review_state"]

    @admin.display(description="status", ordering="status")
    def publication(self, obj):
        """Draft, scheduled (with when) or published: the status field alone calls a scheduled page
        published."""
        if obj.status == Publishable.Status.DRAFT:
            return "Draft"
        if obj.published_at > timezone.now():
            return f"Scheduled for {format_date(timezone.localtime(obj.published_at), 'M j, Y, g:i A')}"
        return "Published"

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewStateFilter]

    # Next review due shows here, with the state of the review, rather than as a column of its own.
    @admin.display(description="clinical review", ordering="next_review_on")
    def review_state(self, obj):
        if obj.review_requested_at:
            state, label = (
                "waiting",
                f"Sent for review {format_date(timezone.localtime(obj.review_requested_at), 'M j, Y')}",
            )
        elif not obj.reviewed_on:
            state, label = "none", "Not signed off"
        elif obj.is_changed_since_review:
            state, label = "changed", "Changed since sign-off"
        elif obj.next_review_on and obj.next_review_on < timezone.localdate():
            state, label = "overdue", "Review overdue"
        else:
            state, label = (
                "ok",
                f"Signed off {format_date(obj.reviewed_on, 'M j, Y')}; next due {format_date(obj.next_review_on, 'M Y')}",
            )
        return format_html('<span class="review review--{}">{}</span>', state, label)

    @admin.display(description="what changed")
    def changed_fields(self, record):
        previous = record.prev_record
        if previous is None:
            return "Created"
        delta = record.diff_against(previous)
        return ", ".join(change.field.replace("_", " ") for change in delta.changes) or "No text changes"

    def save_model(self, request, obj, form, change):
        if "_save_draft" in request.POST:
            obj.status = Publishable.Status.DRAFT
        elif "_publish_now" in request.POST or "_sign_off_and_publish" in request.POST:
            obj.status = Publishable.Status.PUBLISHED
            obj.published_at = timezone.now()
        # A page going live is saved as a draft first and published once its steps, questions and
        # links are saved too (in _finish), since the model's checks read them.
        obj.going_live_at = obj.published_at if obj.is_going_live() else None
        if obj.going_live_at:
            obj.status = Publishable.Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_content_hash()

    def render_change_form(self, request, context, *args, **kwargs):
        context["may_sign_off"] = self.has_sign_off_permission(request)
        page = context.get("original")
        if page is not None:
            context["extra_tools"] = [html for render in change_form_tools if (html := render(request, page))]
            context["extra_panels"] = [
                html for render in change_form_panels if (html := render(request, page))
            ]
        return super().render_change_form(request, context, *args, **kwargs)

    def response_change(self, request, obj):
        self._finish(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._finish(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _finish(self, request, obj):
        """What the change form (and the history page's revert, which has no inlines) does once
        everything is saved: record a review, send for review, go live."""
        if self.has_sign_off_permission(request):
            if "_sign_off_and_publish" in request.POST:
                if self._sign_off(request, obj):
                    self.message_user(request, f"Signed off by {obj.reviewed_by} today.", messages.SUCCESS)
                else:
                    obj.going_live_at = None
            elif obj.reviewed_by and obj.reviewed_on and getattr(request, "changed_review_fields", ()):
                # A reviewer who fills in the review vouches for the text as saved here.
                obj.sign_off(obj.reviewed_by, on=obj.reviewed_on)
        if "_request_review" in request.POST:
            obj.request_review(request.user)
            self.message_user(
                request, "Sent for review: it is on the clinical reviewers' list.", messages.SUCCESS
            )
        if getattr(obj, "going_live_at", None):
            self._refuse(
                request, obj, obj.publish(obj.going_live_at), "Saved as a draft, not published, because:"
            )
        self._say_when(request, obj)
        self._warn_of_undescribed_images(request, obj)

    def save_form(self, request, form, change):
        request.changed_review_fields = [name for name in form.changed_data if name in REVIEW_FIELDS]
        return super().save_form(request, form, change)

    def _refuse(self, request, obj, problems, lead):
        if problems:
            self.message_user(
                request,
                format_html("{} {}", lead, format_html_join(" ", "{}", ((problem,) for problem in problems))),
                messages.ERROR,
            )

    def _warn_of_undescribed_images(self, request, obj):
        missing = undescribed_images(obj.reviewable_text())
        if missing:
            self.message_user(
                request,
                f"{missing} image{'s' if missing != 1 else ''} in the text {'have' if missing != 1 else 'has'} no "
                "description: write what each shows between the square brackets, ![like this](…), for "
                "people who cannot see it.",
                messages.WARNING,
            )

    def _say_when(self, request, obj):
        if obj.status == Publishable.Status.PUBLISHED and obj.published_at > timezone.now():
            local = timezone.localtime(obj.published_at)
            self.message_user(
                request,
                f"Scheduled: it will appear on the site on {format_date(local, 'F j')} at {format_date(local, 'g:i A')}.",
                messages.INFO,
            )

    @admin.action(description="Publish the selected pages now", permissions=["change"])
    def publish(self, request, queryset):
        self._publish(request, queryset)

    def _publish(self, request, queryset):
        published, refused = 0, []
        for obj in queryset.exclude(status=Publishable.Status.PUBLISHED, published_at__lte=timezone.now()):
            problems = obj.publish()
            if problems:
                refused.append((obj, problems))
                continue
            log_action(request, obj, "Published")
            published += 1
        if published or not refused:
            self.message_user(
                request, f"Published {published} page{'s' if published != 1 else ''}.", messages.SUCCESS
            )
        for obj, problems in refused:
            self._refuse(request, obj, problems, format_html("“{}” stays a draft:", obj))

    @admin.action(description="Unpublish the selected pages (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        for obj in queryset.filter(~Q(status=Publishable.Status.DRAFT)):
            obj.status = Publishable.Status.DRAFT
            obj.save()
            log_action(request, obj, "Unpublished")
        self.message_user(request, "Moved back to draft.", messages.SUCCESS)

    @admin.action(description="Send the selected pages for clinical review", permissions=["change"])
    def request_review(self, request, queryset):
        for obj in queryset:
            obj.request_review(request.user)
            log_action(request, obj, "Sent for review")
        self.message_user(
            request, "Sent for review: they are on the clinical reviewers' list.", messages.SUCCESS
        )

    @admin.action(description="Sign off the clinical review of the selected pages", permissions=["sign_off"])
    def sign_off(self, request, queryset):
        for obj in queryset:
            if not self._sign_off(request, obj):
                return
        reviewer = get_reviewer_model().reviewer_for(request.user)
        self.message_user(request, f"Signed off by {reviewer} today.", messages.SUCCESS)

    @admin.action(description="Sign off and publish the selected pages", permissions=["sign_off"])
    def sign_off_and_publish(self, request, queryset):
        for obj in queryset:
            if not self._sign_off(request, obj):
                return
        self._publish(request, queryset)

    def _sign_off(self, request, obj):
        """Sign off `obj` in the name of the reviewer linked to this login; False, with a message
        saying why, when there is none."""
        reviewers = get_reviewer_model()
        reviewer = reviewers.reviewer_for(request.user)
        if reviewer is None:
            self.message_user(
                request,
                f"Your login is not linked to a {reviewers._meta.verbose_name}, so a sign-off could not "
                f"carry your name. Ask an administrator to link it under "
                f"{capfirst(reviewers._meta.verbose_name_plural)}.",
                messages.ERROR,
            )
            return False
        obj.sign_off(reviewer)
        log_action(request, obj, f"Clinical review signed off by {reviewer}")
        return True

    def has_sign_off_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.sign_off")
