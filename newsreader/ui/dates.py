"""Dates in the reader's locale (QLocale), in the reader's time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale


def to_qdatetime(value: datetime) -> QDateTime:
    """Local-time QDateTime. A naive datetime is taken as UTC, as the core stores UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return QDateTime.fromMSecsSinceEpoch(round(value.timestamp() * 1000))


def format_long(value: datetime, locale: QLocale | None = None) -> str:
    """Weekday, day, month name, year and time: "Senin, 26 Oktober 2020 11.26" in Indonesian."""
    locale = locale or QLocale()
    local = to_qdatetime(value)
    date = locale.toString(local.date(), QLocale.FormatType.LongFormat)
    return f"{date} {locale.toString(local.time(), QLocale.FormatType.ShortFormat)}"


# The list's date: day, month's short name, year. Locales' own short dates are all digits,
# in orders that differ ("6/15/21", "15/06/21"), and the C locale's (a system without a
# language set) is "15 06 2021"; with the month named, the date reads the same way in every
# language, in the language's own month names: "15 Jun 2021", "15 Agu 2021".
_LIST_DATE = "d MMM yyyy"


def format_short(value: datetime, locale: QLocale | None = None) -> str:
    """For list rows: the time alone for today, else the date and time, e.g. "15 Jun 2021
    02.28" in Indonesian, "15 Jun 2021 02:28" in English and the C locale."""
    locale = locale or QLocale()
    local = to_qdatetime(value)
    time = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if local.date() == QDate.currentDate():
        return time
    return f"{locale.toString(local.date(), _LIST_DATE)} {time}"
