"""What the Insights page shows for a period: totals, views by day, and the top of each list."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from articles.models import Article
from quizzes.models import Quiz

from .models import DailyCount

PERIODS = (7, 30, 90)
TOP = 20
Kind = DailyCount.Kind


def totals(rows, kind, by="key"):
    return {
        row[by]: row["total"]
        for row in rows.filter(kind=kind).values(by).annotate(total=Sum("count")).order_by("-total", by)
    }


def report(days):
    last = timezone.localdate()
    first = last - timedelta(days=days - 1)
    rows = DailyCount.objects.filter(day__range=(first, last))
    views = totals(rows, Kind.VIEW)
    requests = totals(rows, Kind.BOOKING_REQUEST)
    calls = totals(rows, Kind.BOOKED_CALL)
    by_day = totals(rows, Kind.VIEW, by="day")
    daily = [(first + timedelta(days=n), by_day.get(first + timedelta(days=n), 0)) for n in range(days)]
    articles = {
        article.get_absolute_url(): article.title for article in Article.objects.only("slug", "title")
    }
    quizzes = {quiz.slug: quiz.title for quiz in Quiz.objects.only("slug", "title")}
    completed, urgent = totals(rows, Kind.SELF_CHECK), totals(rows, Kind.SELF_CHECK_URGENT)
    return {
        "days": days,
        "first": first,
        "last": last,
        "total_views": sum(views.values()),
        "total_requests": sum(requests.values()),
        "total_calls": sum(calls.values()),
        "newsletter": sum(totals(rows, Kind.NEWSLETTER).values()),
        "daily": daily,
        "chart": chart(daily),
        "pages": [
            {"path": path, "title": articles.get(path, ""), "views": count, "requests": requests.get(path, 0)}
            for path, count in list(views.items())[:TOP]
        ],
        "articles": sorted(
            (
                {
                    "path": path,
                    "title": articles[path],
                    "views": views.get(path, 0),
                    "requests": count,
                    "calls": calls.get(path, 0),
                    "rate": round(100 * count / views[path], 1) if views.get(path) else None,
                }
                for path, count in requests.items()
                if path in articles
            ),
            key=lambda row: (-row["requests"], -row["views"]),
        )[:TOP],
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
    """The page's numbers as rows of (table, item, count[, more]) for a spreadsheet."""
    yield ("table", "item", "count", "booking requests")
    for day, count in data["daily"]:
        yield ("views by day", day.isoformat(), count, "")
    for page in data["pages"]:
        yield ("top pages", page["path"], page["views"], page["requests"])
    for row in data["articles"]:
        yield ("articles leading to requests", row["path"], row["views"], row["requests"])
    for domain, count in data["referrers"]:
        yield ("referring sites", domain, count, "")
    for campaign, count in data["campaigns"]:
        yield ("campaigns", campaign, count, "")
    for words, count in data["searches"]:
        yield ("searches that found nothing", words, count, "")
    for row in data["self_checks"]:
        yield ("self-checks finished", row["title"], row["completed"], "")


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
