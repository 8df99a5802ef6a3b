"""The days the demo clinic closes: the usual US federal holidays, as observed (one on a Saturday
is taken the Friday before, one on a Sunday the Monday after), and Christmas Eve. Computed for
any year, so the demo never runs out of closed days."""

import calendar
from datetime import date, timedelta


def nth_weekday(year, month, weekday, n):
    """The n-th given weekday of a month (n=-1: the last)."""
    days = [day for day in calendar.Calendar().itermonthdates(year, month) if day.month == month]
    return [day for day in days if day.weekday() == weekday][n]


def observed(day):
    if day.weekday() == calendar.SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == calendar.SUNDAY:
        return day + timedelta(days=1)
    return day


def closed_days(year):
    """(date, reason) for each day the demo clinic is closed in `year`, in date order."""
    monday, thursday = calendar.MONDAY, calendar.THURSDAY
    days = {
        observed(date(year, 1, 1)): "New Year's Day",
        nth_weekday(year, 1, monday, 2): "Martin Luther King Jr. Day",
        nth_weekday(year, 2, monday, 2): "Washington's Birthday",
        nth_weekday(year, 5, monday, -1): "Memorial Day",
        observed(date(year, 6, 19)): "Juneteenth",
        observed(date(year, 7, 4)): "Independence Day",
        nth_weekday(year, 9, monday, 0): "Labor Day",
        nth_weekday(year, 10, monday, 1): "Columbus Day",
        observed(date(year, 11, 11)): "Veterans Day",
        nth_weekday(year, 11, thursday, 3): "Thanksgiving Day",
        date(year, 12, 24): "Christmas Eve",
        date(year, 12, 25): "Christmas Day",
    }
    christmas = observed(date(year, 12, 25))
    days.setdefault(christmas, "Christmas Day (observed)")
    return sorted(days.items())
