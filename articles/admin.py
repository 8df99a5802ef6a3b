from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from .models import Article


@admin.register(Article)
class ArticleAdmin(MarkdownxModelAdmin):
    list_display = ["title", "status", "published_at", "author"]
    list_filter = ["status", "author"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "author", "status", "published_at"]
