from django import forms
from django.contrib import admin
from django.db import models
from markdownx.admin import MarkdownxModelAdmin

from publishing.admin import PublishingAdmin

from .models import SUMMARY_TOO_LONG, Article, Reference, Topic

REVIEW_HELP = "Clinical reviewers sign off with the “Sign off” action in the list, which fills these in."


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields
        error_messages = {"summary": {"max_length": SUMMARY_TOO_LONG}}


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 0
    # A link typed without a scheme is taken as https, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(PublishingAdmin, MarkdownxModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "status", "published_at", "author"]
    list_filter = ["status", "topics", "author"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_exercises"]
    filter_horizontal = ["topics"]
    inlines = [ReferenceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "key_takeaways", "body", "when_to_get_help"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_alt"]}),
        ("Author, topics and related exercises", {"fields": ["author", "topics", "related_exercises"]}),
        (
            "Clinical review",
            {"fields": ["reviewed_by", "reviewed_on", "next_review_on"], "description": REVIEW_HELP},
        ),
        ("Publishing", {"fields": ["status", "published_at"]}),
        (
            "Before this site",
            {"fields": ["first_published_at", "earlier_updated_at"], "classes": ["collapse"]},
        ),
    ]
