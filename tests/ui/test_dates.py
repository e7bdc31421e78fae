"""Dates in the reader's language and zone (newsreader/ui/dates.py), also under the C locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale

from newsreader.ui.dates import format_long, format_short

WIB = timezone(timedelta(hours=7))
# An article of 15 June 2021 at 02:28 on the reader's clock, whatever zone the tests run in.
READER_TIME = datetime(2021, 6, 15, 2, 28).astimezone()


@pytest.fixture
def c_locale() -> Iterator[None]:
    """The default locale of a system with no language set (LANG=C)."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [(QLocale.c(), "15 Jun 2021 02:28"), (QLocale("en_GB"), "15 Jun 2021 02:28"),
     (QLocale("id_ID"), "15 Jun 2021 02.28")],
)  # fmt: skip
def test_list_dates_name_the_month_in_the_languages_own_form(
    locale: QLocale, expected: str
) -> None:
    assert format_short(READER_TIME, locale) == expected


def test_list_dates_under_the_c_locale_are_not_all_digits(c_locale: None) -> None:
    assert format_short(READER_TIME) == "15 Jun 2021 02:28"
    assert format_long(READER_TIME) == "Tuesday, 15 June 2021 02:28"


def test_indonesian_month_names_are_indonesian(c_locale: None) -> None:
    august = datetime(2021, 8, 17, 9, 5).astimezone()
    assert format_short(august, QLocale("id_ID")) == "17 Agu 2021 09.05"
    assert format_long(august, QLocale("id_ID")) == "Selasa, 17 Agustus 2021 09.05"


def test_times_are_shown_in_the_readers_zone(c_locale: None) -> None:
    published = datetime(2021, 6, 15, 9, 28, tzinfo=WIB)  # as the site gave it
    local = published.astimezone()
    assert format_short(published) == local.strftime("%d %b %Y %H:%M").lstrip("0")
    naive_utc = datetime(2021, 6, 15, 2, 28)  # the core stores UTC
    assert format_short(naive_utc) == format_short(naive_utc.replace(tzinfo=UTC))


def test_today_shows_the_time_alone(c_locale: None) -> None:
    now = datetime.now().astimezone().replace(hour=12, minute=5, second=0, microsecond=0)
    assert format_short(now) == "12:05"
