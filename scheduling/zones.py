"""Time zones named as people say them: "Eastern Time", not "America/New_York (EST)"."""

from zoneinfo import ZoneInfo, available_timezones

# The names people in the United States use; anywhere else is named by its city.
SPOKEN_NAMES = {
    "America/New_York": "Eastern Time",
    "America/Detroit": "Eastern Time",
    "America/Indiana/Indianapolis": "Eastern Time",
    "America/Kentucky/Louisville": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Boise": "Mountain Time",
    "America/Phoenix": "Mountain Time (Arizona)",
    "America/Los_Angeles": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
    "America/Puerto_Rico": "Atlantic Time",
    "UTC": "Coordinated Universal Time",
}


def zone_label(zone):
    key = zone.key if isinstance(zone, ZoneInfo) else str(zone)
    return SPOKEN_NAMES.get(key) or f"{key.rsplit('/', 1)[-1].replace('_', ' ')} time"


def visitor_zone(key):
    """The zone a browser reported, or None for one that is not a real zone."""
    return ZoneInfo(key) if key in available_timezones() else None
