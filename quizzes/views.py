from django.core import signing
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView

from public_forms.guard import guarded_post
from publishing.caching import PAGE_SECONDS, request_generation
from publishing.events import CountedEvent, record
from publishing.views import may_preview

from .models import Answer, Question, Quiz
from .scoring import answers_from_token, field_name, read_answers, red_flag_chosen, result_token, score


def visible_quiz(request, slug):
    quizzes = Quiz.objects.all() if may_preview(request.user, Quiz) else Quiz.objects.published()
    return get_object_or_404(quizzes, slug=slug)


def questions_of(request, quiz):
    """The questions in the order asked (those with a red-flag answer first, so someone who needs
    urgent care hears so before answering anything else), with their answers, and the outcomes.
    The same for every visitor, and read on every result page: kept under the content generation."""

    def read():
        red_flag = Answer.objects.filter(question=OuterRef("pk"), is_red_flag=True)
        questions = (
            quiz.questions.annotate(asks_for_red_flags=Exists(red_flag))
            .order_by("-asks_for_red_flags", "position")
            .prefetch_related("answers")
        )
        return list(questions), list(quiz.outcomes.all())

    return cache.get_or_set(f"self-check:{request_generation(request)}:{quiz.pk}", read, PAGE_SECONDS)


def recommendations(request, outcome):
    """The public exercises and articles an outcome recommends, kept as the questions are."""
    return cache.get_or_set(
        f"self-check-outcome:{request_generation(request)}:{outcome.pk}",
        lambda: {
            "exercises": list(outcome.recommended_exercises.published().cards()),
            "articles": list(outcome.recommended_articles.published().cards()),
        },
        PAGE_SECONDS,
    )


class QuizListView(ListView):
    template_name = "quizzes/list.html"

    def get_queryset(self):
        return Quiz.objects.published()


def questions_again(request, slug):
    return redirect(request.path)


def answered(request, slug):
    return QuizTakeView().post(request, slug)


# Sending answers changes and stores nothing (the result is computed and handed back in a signed
# link), so there is nothing for a forged cross-site post to exploit; visitors who block cookies
# can still use the check. The page is kept for everyone, so its form carries no token: answers
# go through on the rate limit alone, and a filled honeypot gets the questions again.
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(guarded_post("self-check", caught=questions_again, tokenless=answered), name="dispatch")
class QuizTakeView(View):
    def get(self, request, slug):
        quiz = visible_quiz(request, slug)
        questions, _outcomes = questions_of(request, quiz)
        return self.page(request, quiz, questions, {}, {})

    def post(self, request, slug):
        quiz = visible_quiz(request, slug)
        questions, _outcomes = questions_of(request, quiz)
        values = {name: request.POST.getlist(name) for name in request.POST}
        answers, errors = read_answers(questions, values)
        if errors and not red_flag_chosen(questions, answers):
            return self.page(request, quiz, questions, values, errors)
        query = urlencode({"answers": result_token(quiz, answers)})
        record(request, CountedEvent.SELF_CHECK, quiz.slug)
        if red_flag_chosen(questions, answers):
            record(request, CountedEvent.SELF_CHECK_URGENT, quiz.slug)
        return redirect(f"{reverse('quizzes:result', kwargs={'slug': quiz.slug})}?{query}")

    def page(self, request, quiz, questions, values, errors):
        items = [
            {
                "question": question,
                "number": number,
                "name": field_name(question),
                "chosen": values.get(field_name(question), []),
                "error": errors.get(question.pk),
                "scale": range(11) if question.kind == Question.Kind.SCALE else None,
            }
            for number, question in enumerate(questions, start=1)
        ]
        return render(
            request,
            "quizzes/take.html",
            {"quiz": quiz, "items": items, "errors": [item for item in items if item["error"]]},
        )


# A result page holds one visitor's answers: no shared cache may keep it.
@method_decorator(never_cache, name="dispatch")
class QuizResultView(View):
    def get(self, request, slug):
        quiz = visible_quiz(request, slug)
        questions, outcomes = questions_of(request, quiz)
        try:
            answers = answers_from_token(quiz, questions, request.GET.get("answers", ""))
        except (signing.BadSignature, ValueError):
            return render(request, "quizzes/bad_link.html", {"quiz": quiz}, status=400)
        result = score(questions, outcomes, answers)
        if result.outcome is None and not result.is_urgent:
            raise Http404("No result covers this score")
        context = {"quiz": quiz, "result": result}
        if not result.is_urgent:
            # Only the outcome shown needs its recommendations, and only the public ones.
            context |= recommendations(request, result.outcome)
        return render(request, "quizzes/result.html", context)
