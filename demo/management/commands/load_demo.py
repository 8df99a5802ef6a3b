from datetime import datetime, time

import frontmatter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Reference, SearchSynonym, Topic
from clinic.models import ClinicProfile, Page
from clinicians.models import Clinician
from demo import DEMO_PASSWORD, DEMO_USERNAME, content, holidays, pictures
from exercises.models import BodyRegion, Equipment, Exercise, Step
from publishing.caching import one_content_change
from publishing.images import copies_made_once
from quizzes.models import Answer, Outcome, Question, Quiz
from scheduling.models import AvailabilityWindow, ClosedDate
from staff.models import GlossaryTerm


class Command(BaseCommand):
    help = (
        "Load the demo library: articles, exercises, self-checks, topics, jargon words, search synonyms, clinicians and the clinic. Safe to run again: it only creates or "
        "updates what differs. With DEBUG on it also creates a local demo staff login."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove-login", action="store_true", help="Delete the local demo staff login, and load nothing."
        )

    @one_content_change()
    @copies_made_once()
    @transaction.atomic
    def handle(self, *args, remove_login=False, **options):
        if remove_login:
            deleted, _ = get_user_model().objects.filter(username=DEMO_USERNAME).delete()
            self.stdout.write("Removed the demo login." if deleted else "There was no demo login.")
            return
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}
        author = self.sync(Clinician, content.CLINICIAN)
        reviewer = self.sync(Clinician, content.REVIEWER)
        topics = {topic["slug"]: self.sync(Topic, topic) for topic in content.TOPICS}
        regions = {region["slug"]: self.sync(BodyRegion, region) for region in content.BODY_REGIONS}
        equipment = {item["slug"]: self.sync(Equipment, item) for item in content.EQUIPMENT}
        clinicians = {author.slug: author, reviewer.slug: reviewer}
        exercises = self.sync_exercises(author, reviewer, regions, equipment)
        articles = {
            path.stem: self.sync_article(path, clinicians, topics, exercises)
            for path in sorted(content.ARTICLES_FOLDER.glob("*.md"))
        }
        for quiz in content.QUIZZES:
            self.sync_quiz(author, reviewer, exercises, topics, *quiz)
        for term, plainer in content.GLOSSARY:
            self.sync(GlossaryTerm, {"term": term, "plainer": plainer}, lookup=("term",))
        for word, search_for in content.SEARCH_SYNONYMS:
            self.sync(SearchSynonym, {"word": word, "search_for": search_for}, lookup=("word",))
        for weekday, opens_at, closes_at in content.AVAILABILITY:
            self.sync(
                AvailabilityWindow,
                {"clinician": author, "weekday": weekday, "opens_at": opens_at, "closes_at": closes_at},
                lookup=("clinician", "weekday", "opens_at"),
            )
        self.close_holidays()
        self.sync_clinic(author, reviewer)
        self.add_pictures(exercises.values(), articles, (author, reviewer))
        self.stdout.write(
            "Demo content: {created} created, {updated} updated, {unchanged} unchanged.".format(**self.counts)
        )
        if settings.DEBUG:
            self.ensure_demo_login(reviewer)

    def close_holidays(self):
        """The holidays of this year and next (the booking horizon reaches into it from December),
        each year's set once: a year where the clinic already has closed days is theirs to keep,
        a holiday they reopened included."""
        this_year = timezone.localdate().year
        for year in (this_year, this_year + 1):
            days = holidays.closed_days(year)
            if ClosedDate.objects.filter(clinician=None, date__year=year).exists():
                self.counts["unchanged"] += len(days)
                continue
            ClosedDate.objects.bulk_create(ClosedDate(date=day, reason=reason) for day, reason in days)
            self.counts["created"] += len(days)

    def sync_exercises(self, author, reviewer, regions, equipment):
        """Every demo exercise by slug; easier and harder versions are linked once all exist."""
        exercises, variants = {}, {}
        for exercise_data in content.EXERCISES:
            exercise_data = dict(exercise_data)
            steps = exercise_data.pop("steps")
            exercise_regions = [regions[slug] for slug in exercise_data.pop("regions")]
            exercise_equipment = [equipment[slug] for slug in exercise_data.pop("equipment")]
            variants[exercise_data["slug"]] = (
                exercise_data.pop("easier", None),
                exercise_data.pop("harder", None),
            )
            exercise = self.sync(
                Exercise,
                {
                    "is_featured": exercise_data["slug"] in content.FEATURED_EXERCISES,
                    **exercise_data,
                    "author": author,
                },
            )
            self.sync_set(exercise.body_regions, exercise_regions)
            self.sync_set(exercise.equipment, exercise_equipment)
            self.sync_steps(exercise, steps)
            self.sign_off_and_publish(exercise, reviewer)
            exercises[exercise.slug] = exercise
        for slug, (easier, harder) in variants.items():
            self.sync(
                Exercise,
                {
                    "slug": slug,
                    "easier_variant": exercises.get(easier),
                    "harder_variant": exercises.get(harder),
                },
            )
        return exercises

    def sync_article(self, path, clinicians, topics, exercises):
        post = frontmatter.load(path)
        article = self.sync(
            Article,
            {
                "slug": path.stem,
                "title": post["title"],
                "summary": post["summary"],
                "key_takeaways": "\n".join(post["key_takeaways"]),
                "body": post.content + "\n",
                "when_to_get_help": post["when_to_get_help"].strip(),
                "published_at": timezone.make_aware(datetime.combine(post["date"], time(9))),
                "author": clinicians[post["author"]],
            },
        )
        self.sync_set(article.topics, [topics[slug] for slug in post["topics"]])
        self.sync_set(article.related_exercises, [exercises[slug] for slug in post["related_exercises"]])
        for position, reference in enumerate(post.get("references", []), start=1):
            self.sync(
                Reference,
                {
                    "article": article,
                    "position": position,
                    "title": reference["title"],
                    "url": reference.get("url", ""),
                },
                lookup=("article", "position"),
            )
        article.references.filter(position__gt=len(post.get("references", []))).delete()
        self.sign_off_and_publish(article, clinicians[post["reviewed_by"]])
        return article

    def sync_clinic(self, author, reviewer):
        """The demo clinic's profile, team details and pages. The profile is filled only while it is
        still blank (as first set up from the environment), and pages only made when missing: both
        are the clinic's own to edit, and a restart must not undo that."""
        profile = ClinicProfile.current()
        if not (profile.phone or profile.email or profile.street_address):
            for field, value in content.CLINIC_PROFILE.items():
                setattr(profile, field, value)
            profile.save()
            profile.opening_hours.all().delete()
            for weekday, opens, closes in content.OPENING_HOURS:
                profile.opening_hours.create(weekday=weekday, opens=opens, closes=closes)
            self.counts["updated"] += 1
        for clinician in (author, reviewer):
            self.sync(Clinician, {"slug": clinician.slug, **content.CLINICIAN_DETAILS[clinician.slug]})
        for page in content.PAGES:
            if Page.objects.filter(slug=page["slug"]).exists():
                self.counts["unchanged"] += 1
                continue
            health = page.get("is_health_content", False)
            created = Page.objects.create(**page, author=author if health else None)
            if health:
                created.sign_off(reviewer, on=content.REVIEWED_ON)
            created.publish(at=created.published_at)
            self.counts["created"] += 1

    def add_pictures(self, exercises, articles, clinicians):
        """The demo's own drawings, added only where a picture is missing, so one a clinic
        uploaded in its place is never replaced. Each picture is a (draw, description) pair."""

        stored = {}

        def attach(instance, field, alt_field, name, picture):
            instance.refresh_from_db()  # other steps of the load may have saved it since
            draw, description = picture
            image = getattr(instance, field)
            if draw in stored:
                # The same drawing for another position or exercise: one file, and its copies are
                # made once (`copies_made_once` around the load).
                image.name = stored[draw]
            else:
                image.save(name, ContentFile(pictures.as_png(draw())), save=False)
            setattr(instance, alt_field, description)
            instance.save()
            stored.setdefault(draw, image.name)
            self.counts["created"] += 1

        for exercise in exercises:
            start, *for_steps = pictures.EXERCISE_PICTURES.get(exercise.slug, [None])
            if start and not exercise.starting_image:
                attach(exercise, "starting_image", "starting_image_alt", f"{exercise.slug}-start.png", start)
            for step, picture in zip(exercise.steps.order_by("position"), for_steps, strict=False):
                if picture and not step.image:
                    attach(step, "image", "image_alt", f"{exercise.slug}-step-{step.position}.png", picture)
        for slug, article in articles.items():
            if not article.lead_image:
                lead = (
                    pictures.ARTICLE_LEAD
                    if slug == content.PICTURED_ARTICLE
                    else pictures.TOPIC_ILLUSTRATIONS[pictures.topic_of(slug)]
                )
                attach(article, "lead_image", "lead_image_alt", f"{slug}.png", lead)
        profile = ClinicProfile.current()
        if not profile.hero_image:
            home = (pictures.home_illustration, pictures.HOME_ILLUSTRATION_ALT)
            attach(profile, "hero_image", "hero_image_alt", "home.png", home)
        for clinician in clinicians:
            if not clinician.photo and clinician.slug in pictures.PORTRAITS:
                attach(
                    clinician,
                    "photo",
                    "photo_alt",
                    f"{clinician.slug}.png",
                    pictures.PORTRAITS[clinician.slug],
                )

    def sync(self, model, values, lookup=("slug",)):
        """Create the row or update the fields that differ, saving nothing when all match."""
        values = dict(values)
        keys = {field: values.pop(field) for field in lookup}
        instance = model.objects.filter(**keys).first()
        if instance is None:
            self.counts["created"] += 1
            return model.objects.create(**keys, **values)
        changed = [field for field, value in values.items() if getattr(instance, field) != value]
        if changed:
            for field in changed:
                setattr(instance, field, values[field])
            instance.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return instance

    def sync_quiz(self, author, reviewer, exercises, topics, quiz_data, questions, outcomes):
        quiz_data = dict(quiz_data)
        topic_slugs = quiz_data.pop("topics")
        quiz = self.sync(
            Quiz,
            {
                **quiz_data,
                "author": author,
            },
        )
        self.sync_set(quiz.topics, [topics[slug] for slug in topic_slugs])
        for position, (kind, text, hint, answers, labels) in enumerate(questions, start=1):
            low, high = labels or ("", "")
            question = self.sync(
                Question,
                {
                    "quiz": quiz,
                    "position": position,
                    "kind": kind,
                    "text": text,
                    "hint": hint,
                    "scale_low_label": low,
                    "scale_high_label": high,
                },
                lookup=("quiz", "position"),
            )
            for answer_position, (answer_text, points, is_red_flag) in enumerate(answers, start=1):
                self.sync(
                    Answer,
                    {
                        "question": question,
                        "position": answer_position,
                        "text": answer_text,
                        "score": points,
                        "is_red_flag": is_red_flag,
                    },
                    lookup=("question", "position"),
                )
            self.remove_stale(question.answers.exclude(position__lte=len(answers)))
        for title, lowest, highest, explanation, get_help, exercise_slugs, article_slugs in outcomes:
            outcome = self.sync(
                Outcome,
                {
                    "quiz": quiz,
                    "min_score": lowest,
                    "max_score": highest,
                    "title": title,
                    "explanation": explanation,
                    "when_to_get_help": get_help,
                },
                lookup=("quiz", "min_score"),
            )
            self.sync_set(outcome.recommended_exercises, [exercises[slug] for slug in exercise_slugs])
            self.sync_set(outcome.recommended_articles, list(Article.objects.filter(slug__in=article_slugs)))
        # Results the demo no longer has would overlap the ones it has now.
        self.remove_stale(quiz.outcomes.exclude(min_score__in=[outcome[1] for outcome in outcomes]))
        self.sign_off_and_publish(quiz, reviewer)

    def remove_stale(self, queryset):
        deleted, _ = queryset.delete()
        if deleted:
            self.counts["updated"] += 1

    def sign_off_and_publish(self, page, reviewer):
        """Each demo page goes live signed off by its demo reviewer, as it now stands, like any
        other health page; a page already so is left alone."""
        signed = (page.reviewed_by_id, page.reviewed_on) == (reviewer.pk, content.REVIEWED_ON)
        if not (signed and page.is_signed_off_as_is):
            page.sign_off(reviewer, on=content.REVIEWED_ON)
        if page.status != page.Status.PUBLISHED:
            problems = page.publish(at=page.published_at)
            if problems:
                raise CommandError(f"The demo's “{page}” cannot go live: {' '.join(problems)}")

    def sync_set(self, related_manager, wanted):
        current = set(related_manager.all())
        if current != set(wanted):
            related_manager.set(wanted)
            if current:
                self.counts["updated"] += 1

    def sync_steps(self, exercise, steps):
        for position, (instruction, tip, hold_seconds) in enumerate(steps, start=1):
            self.sync(
                Step,
                {
                    "exercise": exercise,
                    "position": position,
                    "instruction": instruction,
                    "tip": tip,
                    "hold_seconds": hold_seconds,
                },
                lookup=("exercise", "position"),
            )
        exercise.steps.filter(position__gt=len(steps)).delete()

    def ensure_demo_login(self, reviewer):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        # So the whole review flow can be tried: sign-offs need a login linked to a clinician.
        if reviewer.user_id is None:
            Clinician.objects.filter(pk=reviewer.pk).update(user=user)
        self.stdout.write(
            self.style.WARNING(
                f"Local demo staff login (DEBUG only): {DEMO_USERNAME} / {DEMO_PASSWORD}"
                + ("" if created else " (unless you changed it)")
            )
        )
