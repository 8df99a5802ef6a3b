from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from markdownx.admin import MarkdownxModelAdmin

from publishing.admin import PublishingAdmin
from publishing.caching import content_changed

from .models import Answer, Outcome, Question, Quiz, quiz_problems


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "text", "kind", "hint", "scale_weight", "answers_link"]
    readonly_fields = ["answers_link"]
    ordering = ["position"]

    @admin.display(description="answers")
    def answers_link(self, question):
        if not question.pk:
            return "Save first, then add answers."
        return format_html(
            '<a href="{}">Edit answers ({})</a>', question.get_admin_url(), question.answers.count()
        )


class OutcomeInline(admin.StackedInline):
    model = Outcome
    extra = 0
    fields = [
        ("title", "min_score", "max_score"),
        "explanation",
        "when_to_get_help",
        "recommended_exercises",
        "recommended_articles",
    ]
    autocomplete_fields = ["recommended_exercises"]
    filter_horizontal = ["recommended_articles"]


@admin.register(Quiz)
class QuizAdmin(PublishingAdmin, MarkdownxModelAdmin):
    list_display = ["title", "status", "published_at"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["checks"]
    filter_horizontal = ["topics"]
    inlines = [QuestionInline, OutcomeInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "introduction", "urgent_guidance", "author"]}),
        ("Where it is suggested", {"fields": ["topics"]}),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on", "next_review_on"]}),
        ("Publishing", {"fields": ["checks", "status", "published_at"]}),
    ]

    @admin.display(description="checks before publishing")
    def checks(self, quiz):
        problems = (
            quiz_problems(quiz) if quiz.pk else ["Save the self-check, then add its questions and results."]
        )
        if not problems:
            return "No problems found: ready to publish."
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((problem,) for problem in problems))
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        quiz = form.instance
        if quiz.status != Quiz.Status.PUBLISHED:
            return
        # A self-check going live was saved as a draft and meets every check as it is published;
        # one already live keeps its place after a text edit, but not once it no longer works.
        problems = quiz_problems(quiz)
        if problems:
            Quiz.objects.filter(pk=quiz.pk).update(status=Quiz.Status.DRAFT)
            content_changed()
            quiz.status = Quiz.Status.DRAFT
            self.message_user(
                request,
                format_html(
                    "Saved as a draft, not published, because: {}",
                    format_html_join(" ", "{}", ((problem,) for problem in problems)),
                ),
                messages.ERROR,
            )


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 2
    fields = ["position", "text", "score", "is_red_flag"]
    ordering = ["position"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "quiz", "position", "kind"]
    list_filter = ["quiz", "kind"]
    inlines = [AnswerInline]

    def has_module_permission(self, request):
        return False  # reached from each self-check's page
