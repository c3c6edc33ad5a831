"""Dates and times of the domain. Deadlines are calendar dates in Norway (Europe/Oslo)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def local_date(moment: datetime) -> date:
    """The calendar date in Norway of an aware moment."""
    if moment.tzinfo is None:
        raise ValueError("a domain moment must be timezone-aware")
    return moment.astimezone(OSLO).date()


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a domain moment must be timezone-aware")
    return moment.astimezone(UTC)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
