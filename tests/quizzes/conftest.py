import pytest

from quizzes.models import Answer, Outcome, Question
from tests.factories import ExerciseFactory, QuizFactory


@pytest.fixture
def quiz(db):
    """A red-flag question, pick-one (0, 1 or 3 points), pick-any (2 + 1) and a 0–10 scale: totals
    run from 0 to 16, covered by the bands 0–4, 5–9 and 10–16."""
    quiz = QuizFactory()
    flag = Question.objects.create(quiz=quiz, position=1, kind="yes-no", text="Numb between your legs?")
    flag.yes = Answer.objects.create(question=flag, position=1, text="Yes", is_red_flag=True)
    flag.no = Answer.objects.create(question=flag, position=2, text="No")
    single = Question.objects.create(quiz=quiz, position=2, kind="single", text="What is it like?")
    single.none = Answer.objects.create(question=single, position=1, text="Nothing", score=0)
    single.ache = Answer.objects.create(question=single, position=2, text="Ache", score=1)
    single.pinch = Answer.objects.create(question=single, position=3, text="Pinch", score=3)
    multiple = Question.objects.create(quiz=quiz, position=3, kind="multiple", text="Which apply?")
    multiple.stuck = Answer.objects.create(question=multiple, position=1, text="Stuck", score=2)
    multiple.pregnant = Answer.objects.create(question=multiple, position=2, text="Pregnant", score=1)
    multiple.neither = Answer.objects.create(question=multiple, position=3, text="None of these", score=0)
    scale = Question.objects.create(quiz=quiz, position=4, kind="scale", text="How much does it bother you?")
    stretch = ExerciseFactory(name="Recommended stretch")
    low = Outcome.objects.create(
        quiz=quiz, title="Probably fine", min_score=0, max_score=4, explanation="Keep moving."
    )
    Outcome.objects.create(
        quiz=quiz, title="Tension likely", min_score=5, max_score=9, explanation="Try the stretches."
    )
    Outcome.objects.create(
        quiz=quiz, title="Get assessed", min_score=10, max_score=16, explanation="Book a visit."
    )
    low.recommended_exercises.add(stretch)
    quiz.flag, quiz.single, quiz.multiple, quiz.scale = flag, single, multiple, scale
    return quiz


def answers(quiz, *, flag=None, single=None, multiple=(), scale=0):
    """Form data for the fixture quiz."""
    return {
        f"q{quiz.flag.pk}": (flag or quiz.flag.no).pk,
        f"q{quiz.single.pk}": (single or quiz.single.none).pk,
        f"q{quiz.multiple.pk}": [answer.pk for answer in multiple] or [quiz.multiple.neither.pk],
        f"q{quiz.scale.pk}": scale,
    }
