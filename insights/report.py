"""What the Insights page shows for a period: totals, views by day, and the top of each list."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.models import Article, Topic
from clinic.models import Page
from clinicians.models import Clinician
from exercises.models import Exercise
from quizzes.models import Quiz

from .models import DailyCount

PERIODS = (7, 30, 90)
TOP = 20
Kind = DailyCount.Kind

# Counted pages that show one item, by URL name: the kind of page, its model and title field.
ITEM_PAGES = {
    "articles:detail": ("Article", Article, "title"),
    "exercises:detail": ("Exercise", Exercise, "name"),
    "quizzes:take": ("Self-check", Quiz, "title"),
    "articles:topic": ("Topic", Topic, "name"),
    "clinicians:detail": ("Clinician", Clinician, "name"),
    "page": ("Clinic page", Page, "title"),
}
# Counted pages that are the same whatever the content: their kind and title.
FIXED_PAGES = {
    "home": ("Home", "Home page"),
    "articles:list": ("List", "All articles"),
    "articles:topics": ("List", "All topics"),
    "articles:search": ("Search", "Search"),
    "exercises:list": ("List", "All exercises"),
    "exercises:routine": ("List", "My routine"),
    "quizzes:list": ("List", "All self-checks"),
    "clinicians:team": ("List", "Our team"),
    "privacy": ("Clinic page", "Privacy"),
}


def totals(rows, kind, by="key"):
    return {
        row[by]: row["total"]
        for row in rows.filter(kind=kind).values(by).annotate(total=Sum("count")).order_by("-total", by)
    }


def describe(paths):
    """{path: (kind of page, title)}: one query per kind of item shown; a path that is no longer
    a page (its item deleted, or never one) keeps the path as its title."""
    described = {path: ("Other", path) for path in paths}
    wanted = defaultdict(dict)
    for path in paths:
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.view_name in FIXED_PAGES:
            described[path] = FIXED_PAGES[match.view_name]
        elif match.view_name in ITEM_PAGES and "slug" in match.kwargs:
            wanted[match.view_name][match.kwargs["slug"]] = path
    for view_name, paths_by_slug in wanted.items():
        kind, model, field = ITEM_PAGES[view_name]
        for slug, title in model.objects.filter(slug__in=paths_by_slug).values_list("slug", field):
            described[paths_by_slug[slug]] = (kind, title)
    return described


def change(now, before):
    """The change on the previous period in words (words, not "-12%", so a spreadsheet reads no
    formula)."""
    if now == before:
        return "no change"
    if not before:
        return "new"
    percent = round(100 * abs(now - before) / before)
    return f"{'up' if now > before else 'down'} {percent}%"


def period_totals(rows):
    return {
        "views": sum(totals(rows, Kind.VIEW).values()),
        "requests": sum(totals(rows, Kind.BOOKING_REQUEST).values()),
        "calls": sum(totals(rows, Kind.BOOKED_CALL).values()),
        "newsletter": sum(totals(rows, Kind.NEWSLETTER).values()),
    }


TOTAL_LABELS = {
    "views": "page views",
    "requests": "booking requests",
    "calls": "calls booked",
    "newsletter": "newsletter sign-ups confirmed",
}


def compared_totals(rows, previous_rows):
    now, before = period_totals(rows), period_totals(previous_rows)
    return [
        {"label": label, "now": now[name], "before": before[name], "change": change(now[name], before[name])}
        for name, label in TOTAL_LABELS.items()
    ]


def page_rows(paths, described, views, requests, calls):
    table = []
    for path in paths:
        kind, title = described[path]
        count, asked = views.get(path, 0), requests.get(path, 0)
        table.append(
            {
                "path": path,
                "kind": kind,
                "title": title,
                "views": count,
                "requests": asked,
                "calls": calls.get(path, 0),
                "rate": round(100 * asked / count, 1) if count else None,
            }
        )
    return table


def report(days):
    counted_up_to = timezone.localtime()
    last = counted_up_to.date()
    first = last - timedelta(days=days - 1)
    rows = DailyCount.objects.filter(day__range=(first, last))
    previous_first, previous_last = first - timedelta(days=days), first - timedelta(days=1)
    previous_rows = DailyCount.objects.filter(day__range=(previous_first, previous_last))
    views = totals(rows, Kind.VIEW)
    requests = totals(rows, Kind.BOOKING_REQUEST)
    calls = totals(rows, Kind.BOOKED_CALL)
    by_day = totals(rows, Kind.VIEW, by="day")
    daily = [(first + timedelta(days=n), by_day.get(first + timedelta(days=n), 0)) for n in range(days)]
    top_paths = list(views)[:TOP]
    leading_paths = sorted(requests, key=lambda path: (-requests[path], -views.get(path, 0), path))[:TOP]
    described = describe({*top_paths, *leading_paths})
    quizzes = {quiz.slug: quiz.title for quiz in Quiz.objects.only("slug", "title")}
    completed, urgent = totals(rows, Kind.SELF_CHECK), totals(rows, Kind.SELF_CHECK_URGENT)
    return {
        "days": days,
        "first": first,
        "last": last,
        "counted_up_to": counted_up_to,
        "previous_first": previous_first,
        "previous_last": previous_last,
        "totals": compared_totals(rows, previous_rows),
        "daily": daily,
        "chart": chart(daily),
        "pages": page_rows(top_paths, described, views, requests, calls),
        "leading": page_rows(leading_paths, described, views, requests, calls),
        "referrers": list(totals(rows, Kind.REFERRER).items())[:TOP],
        "campaigns": list(totals(rows, Kind.CAMPAIGN).items())[:TOP],
        "searches": [
            (words, count)
            for words, count in totals(rows, Kind.SEARCH_MISS).items()
            if count >= settings.INSIGHTS_SEARCH_MIN_COUNT
        ][:TOP],
        "search_min": settings.INSIGHTS_SEARCH_MIN_COUNT,
        "self_checks": [
            {"title": quizzes.get(slug, slug), "completed": count, "urgent": urgent.get(slug, 0)}
            for slug, count in completed.items()
        ],
    }


def chart(daily, width=600, height=160):
    """Bars for views per day, laid out for an inline SVG drawn on the server."""
    highest = max((count for _, count in daily), default=0) or 1
    step = width / len(daily)
    return {
        "width": width,
        "height": height,
        "highest": highest,
        "bars": [
            {
                "day": day,
                "count": count,
                "x": round(n * step + step * 0.1, 2),
                "width": round(step * 0.8, 2),
                "height": round(height * count / highest, 2),
                "y": round(height - height * count / highest, 2),
            }
            for n, (day, count) in enumerate(daily)
        ],
    }


def csv_rows(data):
    """The page's numbers as rows for a spreadsheet: what was counted, up to when, and each total
    beside the previous period of the same length."""
    yield (
        "table",
        "item",
        "count",
        "booking requests",
        "calls booked",
        "kind of page",
        "previous period",
        "change",
    )
    yield ("counted up to", data["counted_up_to"].strftime("%Y-%m-%d %H:%M"), "", "", "", "", "", "")
    previous = f"{data['previous_first'].isoformat()} to {data['previous_last'].isoformat()}"
    for total in data["totals"]:
        yield ("totals", total["label"], total["now"], "", "", "", total["before"], total["change"])
    yield ("previous period", previous, "", "", "", "", "", "")
    for day, count in data["daily"]:
        yield ("views by day", day.isoformat(), count, "", "", "", "", "")
    for table, pages in (("top pages", data["pages"]), ("pages leading to requests", data["leading"])):
        for page in pages:
            yield (table, page["title"], page["views"], page["requests"], page["calls"], page["kind"], "", "")
    for domain, count in data["referrers"]:
        yield ("referring sites", domain, count, "", "", "", "", "")
    for campaign, count in data["campaigns"]:
        yield ("campaigns", campaign, count, "", "", "", "", "")
    for words, count in data["searches"]:
        yield ("searches that found nothing", words, count, "", "", "", "", "")
    for row in data["self_checks"]:
        yield ("self-checks finished", row["title"], row["completed"], "", "", "", "", "")


def page_counts(path, days=30):
    """Views of one page and booking requests from it over the last `days` days."""
    first = timezone.localdate() - timedelta(days=days - 1)
    rows = DailyCount.objects.filter(day__gte=first, key=path, kind__in=[Kind.VIEW, Kind.BOOKING_REQUEST])
    counted = {row["kind"]: row["total"] for row in rows.values("kind").annotate(total=Sum("count"))}
    return {
        "days": days,
        "views": counted.get(Kind.VIEW, 0),
        "requests": counted.get(Kind.BOOKING_REQUEST, 0),
    }
