from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from publishing.markdown import render_markdown, validate_local_images
from publishing.models import CachedContent, ClinicallyReviewed, Publishable, PublishableQuerySet

SCALE_MAX = 10


class QuizQuerySet(PublishableQuerySet):
    def suggested_for(self, topics=(), exercise=None):
        """The live self-check sharing most topics with a page (the newest of those sharing as
        many), or None. A page's topics are `topics`, or for an exercise those of the live
        articles that list it. None when no topic is shared: a self-check on another subject
        would mislead."""
        live = self.published()
        if exercise is not None:
            # Through the topics' own articles: the quizzes app cannot name the articles app's
            # querysets, so the article's publication is checked field by field.
            live = live.filter(
                topics__articles__related_exercises=exercise,
                topics__articles__status=Publishable.Status.PUBLISHED,
                topics__articles__published_at__lte=timezone.now(),
            )
        elif topics:
            live = live.filter(topics__in=topics)
        else:
            return None
        shared = Count("topics", distinct=True)
        return (
            live.annotate(shared=shared)
            .order_by("-shared", "-published_at")
            .only("slug", "title", "summary")
            .first()
        )


class Quiz(Publishable, ClinicallyReviewed):
    title = models.CharField(max_length=120, help_text="e.g. “Are my symptoms normal?”")
    slug = models.SlugField(unique=True, help_text="The page address; filled from the title.")
    summary = models.CharField(max_length=160, help_text="One sentence for links and search engines.")
    introduction = MarkdownxField(
        validators=[validate_local_images],
        help_text="Shown above the start: what the check is, how long it takes, and that it is not a diagnosis.",
    )
    urgent_guidance = MarkdownxField(
        validators=[validate_local_images],
        help_text="Shown first, instead of any result, when a red-flag answer is chosen: where to get urgent care.",
    )
    author = models.ForeignKey("clinicians.Clinician", on_delete=models.PROTECT, related_name="quizzes")
    topics = models.ManyToManyField(
        "articles.Topic",
        blank=True,
        related_name="self_checks",
        help_text="Pages on these topics suggest this self-check (an exercise takes the topics of the articles it is in). With none, no page suggests it.",
    )

    introduction_html = models.TextField(editable=False, default="")
    urgent_guidance_html = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["introduction_html", "urgent_guidance_html"])

    objects = QuizQuerySet.as_manager()

    class Meta:
        verbose_name = "self-check"
        ordering = ["title"]
        permissions = [("sign_off", "Can sign off a clinical review")]

    def __str__(self):
        return self.title

    def reviewable_text(self):
        questions = (
            [
                f"{q.text} {[(a.text, a.score, a.is_red_flag) for a in q.answers.all()]}"
                for q in self.questions.all()
            ]
            if self.pk
            else []
        )
        outcomes = (
            [
                f"{o.title} {o.min_score}-{o.max_score} {o.explanation} {o.when_to_get_help}"
                for o in self.outcomes.all()
            ]
            if self.pk
            else []
        )
        return "\n".join([self.title, self.introduction, self.urgent_guidance, *questions, *outcomes])

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction)
        self.urgent_guidance_html = render_markdown(self.urgent_guidance)
        super().save(*args, **kwargs)

    def publishing_problems(self):
        unsaved = ["The self-check has no questions yet."]  # a new one can have none
        return [*super().publishing_problems(), *(quiz_problems(self) if self.pk else unsaved)]

    def get_absolute_url(self):
        return reverse("quizzes:take", kwargs={"slug": self.slug})


class Question(CachedContent):
    class Kind(models.TextChoices):
        YES_NO = "yes-no", "Yes or no"
        SINGLE = "single", "Pick one"
        MULTIPLE = "multiple", "Pick any"
        SCALE = "scale", "Scale from 0 to 10"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(help_text="Questions are asked in this order, lowest first.")
    text = models.CharField(max_length=300)
    hint = models.CharField(
        max_length=300, blank=True, help_text="Optional plain-words explanation under the question."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    scale_weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MaxValueValidator(5)],
        help_text="For a 0–10 scale: points added per step (the answer times this).",
    )
    scale_low_label = models.CharField(max_length=40, blank=True, help_text="e.g. “Not at all”.")
    scale_high_label = models.CharField(max_length=40, blank=True, help_text="e.g. “Can't do daily tasks”.")

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [models.UniqueConstraint(fields=["quiz", "position"], name="unique_question_position")]

    def __str__(self):
        return self.text

    def get_admin_url(self):
        return reverse("admin:quizzes_question_change", args=[self.pk])


class Answer(CachedContent):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(20)], help_text="Points this answer adds to the total."
    )
    is_red_flag = models.BooleanField(
        "red flag",
        default=False,
        help_text="Choosing it shows the urgent-care guidance first, whatever the score.",
    )

    class Meta:
        ordering = ["question", "position"]

    def __str__(self):
        return self.text


class Outcome(CachedContent):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(max_length=120, help_text="e.g. “Muscle tension is likely”.")
    min_score = models.PositiveSmallIntegerField(help_text="Lowest total score for this result (included).")
    max_score = models.PositiveSmallIntegerField(help_text="Highest total score for this result (included).")
    explanation = MarkdownxField(
        help_text="What this result means, in plain words.", validators=[validate_local_images]
    )
    when_to_get_help = models.TextField(
        blank=True,
        help_text="When to see someone, in plain words (markdown).",
        validators=[validate_local_images],
    )
    recommended_articles = models.ManyToManyField("articles.Article", blank=True, related_name="+")
    recommended_exercises = models.ManyToManyField("exercises.Exercise", blank=True, related_name="+")

    explanation_html = models.TextField(editable=False, default="")
    when_to_get_help_html = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["quiz", "min_score"]

    def __str__(self):
        return f"{self.title} ({self.min_score}–{self.max_score})"

    def save(self, *args, **kwargs):
        self.explanation_html = render_markdown(self.explanation)
        self.when_to_get_help_html = render_markdown(self.when_to_get_help)
        super().save(*args, **kwargs)


# What stops a self-check being published: the review gate (Publishable.save) asks the model.
def possible_totals(questions):
    """The lowest and highest total a visitor can reach."""
    lowest = highest = 0
    for question in questions:
        scores = [answer.score for answer in question.answers.all()]
        if question.kind == Question.Kind.SCALE:
            highest += SCALE_MAX * question.scale_weight
        elif question.kind == Question.Kind.MULTIPLE:
            lowest += min(scores, default=0)
            highest += sum(scores)
        else:
            lowest += min(scores, default=0)
            highest += max(scores, default=0)
    return lowest, highest


def quiz_problems(quiz):
    """Mistakes that stop a quiz being published, in plain words for the editor."""
    questions = list(quiz.questions.prefetch_related("answers"))
    outcomes = sorted(quiz.outcomes.all(), key=lambda outcome: (outcome.min_score, outcome.max_score))
    problems = []
    if not questions:
        problems.append("The self-check has no questions yet.")
    for question in questions:
        count = len(question.answers.all())
        label = f"Question {question.position} (“{question.text}”)"
        if question.kind == Question.Kind.YES_NO and count != 2:
            problems.append(
                f"{label} is a yes-or-no question, so it needs exactly two answers; it has {count}."
            )
        elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and count < 2:
            problems.append(f"{label} needs at least two answers to choose from; it has {count}.")
        elif question.kind == Question.Kind.SCALE and count:
            problems.append(
                f"{label} is a 0–10 scale, so its answers are the numbers; remove its {count} answers."
            )
    if not outcomes:
        problems.append("The self-check has no results yet.")
        return problems
    for outcome in outcomes:
        if outcome.max_score < outcome.min_score:
            problems.append(
                f"The result “{outcome.title}” ends ({outcome.max_score}) before it starts ({outcome.min_score})."
            )
    lowest, highest = possible_totals(questions)
    expected = lowest
    for previous, outcome in zip([None, *outcomes], outcomes, strict=False):
        if previous and outcome.min_score <= previous.max_score:
            problems.append(
                f"The results “{previous.title}” and “{outcome.title}” overlap: a score of {outcome.min_score} fits both."
            )
        elif outcome.min_score > expected:
            problems.append(f"No result covers scores {expected} to {outcome.min_score - 1}.")
        expected = max(expected, outcome.max_score + 1)
    if expected <= highest:
        problems.append(
            f"No result covers scores {expected} to {highest} (the highest possible is {highest})."
        )
    return problems
