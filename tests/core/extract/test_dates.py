"""Date lines as Indonesian news sites print them, ISO strings and relative forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.extract.dates import WIB, WIT, WITA, find_date_line, parse_date_line

NOW = datetime(2024, 12, 5, 10, 0, tzinfo=WIB)


def at(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    tz: timezone = WIB,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=tz)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Senin, 26 Oktober 2020 - 11:26 WIB", at(2020, 10, 26, 11, 26)),
        ("26/10/2020 11:26 WIB", at(2020, 10, 26, 11, 26)),
        ("Sen, 26 Okt 2020 11:26", at(2020, 10, 26, 11, 26)),
        ("Kamis, 5 Desember 2024 | 08:15 WITA", at(2024, 12, 5, 8, 15, tz=WITA)),
        ("Kamis, 5 Desember 2024 | 08:15 WIT", at(2024, 12, 5, 8, 15, tz=WIT)),
        ("Jum'at, 6 Desember 2024 - 13:05 WIB", at(2024, 12, 6, 13, 5)),
        ("Jumat, 6 Desember 2024 - 13:05 WIB", at(2024, 12, 6, 13, 5)),
        ("Rabu, 26 Oktober 2020 11.26 WIB", at(2020, 10, 26, 11, 26)),
        ("Selasa, 15 Juni 2021 - 09:28 WIB", at(2021, 6, 15, 9, 28)),
        ("Minggu, 3 Maret 2024", at(2024, 3, 3)),
        ("17 Agustus 2023", at(2023, 8, 17)),
        ("17 Agu 2023", at(2023, 8, 17)),
        ("17 Agt 2023 10:00", at(2023, 8, 17, 10, 0)),
        ("1 Jan 2024", at(2024, 1, 1)),
        ("2 Feb 2024", at(2024, 2, 2)),
        ("3 Mar 2024", at(2024, 3, 3)),
        ("4 Apr 2024", at(2024, 4, 4)),
        ("5 Mei 2024", at(2024, 5, 5)),
        ("6 Jun 2024", at(2024, 6, 6)),
        ("7 Jul 2024", at(2024, 7, 7)),
        ("8 Sep 2024", at(2024, 9, 8)),
        ("9 Okt 2024", at(2024, 10, 9)),
        ("10 Nov 2024", at(2024, 11, 10)),
        ("11 Des 2024", at(2024, 12, 11)),
        ("Monday, October 26, 2020 11:26 AM", at(2020, 10, 26, 11, 26)),
        ("26 October 2020 3:05 pm", at(2020, 10, 26, 15, 5)),
        ("Dec 11, 2024", at(2024, 12, 11)),
        ("Kompas.com - 26/10/2020, 11:26 WIB", at(2020, 10, 26, 11, 26)),
        ("26-10-2020 11:26:33", at(2020, 10, 26, 11, 26, 33)),
        ("26 Okt 2020 pukul 11.26 WIB", at(2020, 10, 26, 11, 26)),
        ("08:15 WIB - Kamis, 5 Desember 2024", at(2024, 12, 5, 8, 15)),
        (
            "Updated 26 Oct 2020 11:26 GMT+8",
            at(2020, 10, 26, 11, 26, tz=timezone(timedelta(hours=8))),
        ),
        (
            "Senin, 26 Oktober 2020 - 11:26 WIB | Penulis : Mitra Elshinta Feeder",
            at(2020, 10, 26, 11, 26),
        ),
        ("Nasional | Senin, 26 Oktober 2020 | 11:26 WIB | Oleh Budi", at(2020, 10, 26, 11, 26)),
    ],
)
def test_date_lines(line: str, expected: datetime) -> None:
    found = parse_date_line(line, now=NOW)
    assert found == expected
    assert found is not None and found.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-10-26T11:26:00+07:00", at(2020, 10, 26, 11, 26)),
        ("2020-10-26T04:26:00Z", at(2020, 10, 26, 4, 26, tz=UTC)),
        ("2020-10-26T11:26:00.123+0700", datetime(2020, 10, 26, 11, 26, 0, 123000, tzinfo=WIB)),
        ("2020-10-26 11:26:00", at(2020, 10, 26, 11, 26)),
        ("2020-10-26", at(2020, 10, 26)),
    ],
)
def test_iso_strings(text: str, expected: datetime) -> None:
    assert parse_date_line(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 jam yang lalu", NOW - timedelta(hours=2)),
        ("15 menit lalu", NOW - timedelta(minutes=15)),
        ("3 hari yang lalu", NOW - timedelta(days=3)),
        ("sejam yang lalu", NOW - timedelta(hours=1)),
        ("30 detik yang lalu", NOW - timedelta(seconds=30)),
        ("2 minggu yang lalu", NOW - timedelta(weeks=2)),
        ("kemarin", NOW - timedelta(days=1)),
        ("Kemarin, 14:30 WIB", at(2024, 12, 4, 14, 30)),
        ("hari ini 07:05", at(2024, 12, 5, 7, 5)),
        ("baru saja", NOW),
        ("2 hours ago", NOW - timedelta(hours=2)),
        ("an hour ago", NOW - timedelta(hours=1)),
        ("Nasional | 2 jam yang lalu", NOW - timedelta(hours=2)),
    ],
)
def test_relative_forms_against_now(text: str, expected: datetime) -> None:
    assert parse_date_line(text, now=NOW) == expected


def test_relative_uses_the_current_time_without_now() -> None:
    found = parse_date_line("5 menit yang lalu")
    assert found is not None and found.tzinfo is not None
    assert abs(datetime.now(UTC) - timedelta(minutes=5) - found) < timedelta(minutes=1)


def test_naive_now_is_local_time() -> None:
    naive = datetime(2024, 12, 5, 10, 0)
    found = parse_date_line("1 jam lalu", now=naive)
    assert found == naive.astimezone() - timedelta(hours=1)


def test_no_zone_means_wib() -> None:
    found = parse_date_line("Senin, 26 Oktober 2020 - 11:26")
    assert found is not None and found.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "garbage",
        "Sabtu (24/10)",
        "pemilu 9 Agustus",
        "31 Februari 2020",
        "99:99",
        "Rp 2.000 per gelas",
        "3.732 kasus hari ini",
        "26 Oktober 10000",
        "Senin",
    ],
)
def test_garbage_gives_none(text: str) -> None:
    assert parse_date_line(text, now=NOW) is None


def test_not_a_string_gives_none() -> None:
    assert parse_date_line(None) is None  # type: ignore[arg-type]
    assert find_date_line(b"26/10/2020") is None  # type: ignore[arg-type]


def test_find_date_line_returns_the_matched_text() -> None:
    found = find_date_line("Elshinta | Senin, 26 Oktober 2020 - 11:26 WIB | Penulis : Mitra")
    assert found is not None
    assert found[0] == at(2020, 10, 26, 11, 26)
    assert found[1] == "26 Oktober 2020 - 11:26 WIB"


def test_find_date_line_takes_the_first_date() -> None:
    text = "Diperbarui 27/10/2020 08:00, terbit Senin, 26 Oktober 2020 11:26 WIB"
    found = find_date_line(text)
    assert found is not None and found[0] == at(2020, 10, 27, 8, 0)


def test_find_date_line_skips_an_invalid_date_for_a_later_one() -> None:
    found = find_date_line("31 Februari 2020, lalu 1 Maret 2020 10:00")
    assert found is not None and found[0] == at(2020, 3, 1, 10, 0)


def test_relative_forms_can_be_turned_off() -> None:
    text = "Penindakan keras hampir 50 tahun lalu terjadi"
    assert find_date_line(text, now=NOW) is not None
    assert find_date_line(text, now=NOW, relative=False) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_is_aware(text: str) -> None:
    found = parse_date_line(text, now=NOW)
    assert found is None or found.tzinfo is not None
    hit = find_date_line(text, now=NOW)
    assert hit is None or (hit[0].tzinfo is not None and hit[1])


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(1990, 2040),
    st.integers(0, 23),
    st.integers(0, 59),
)
def test_numeric_lines_round_trip(day: int, month: int, year: int, hour: int, minute: int) -> None:
    line = f"{day:02d}/{month:02d}/{year} {hour:02d}:{minute:02d} WIB"
    assert parse_date_line(line) == at(year, month, day, hour, minute)
