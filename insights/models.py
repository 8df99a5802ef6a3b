from django.db import models

from publishing.events import CountedEvent


class DailyCount(models.Model):
    """How many times something happened on one day: nothing finer is kept, and nothing about
    who. `key` is a page's path, a referring site's domain, a campaign tag, a search term that
    found nothing, or a self-check's slug."""

    # What a row counts is one of the events views note (publishing.events names them).
    Kind = CountedEvent

    # Visitors choose these keys (a Referer header, a link's tag, what they search for): past
    # INSIGHTS_DISTINCT_KEYS_PER_DAY different ones a day, the rest are counted under OTHER.
    BOUNDED_KINDS = {Kind.REFERRER, Kind.CAMPAIGN, Kind.SEARCH_MISS}
    OTHER = "(other)"

    day = models.DateField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=300, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "insight"
        verbose_name_plural = "insights"
        constraints = [models.UniqueConstraint(fields=["day", "kind", "key"], name="one_count_a_day")]
        indexes = [models.Index(fields=["kind", "day"], name="count_kind_day_idx")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.key}: {self.count}"
