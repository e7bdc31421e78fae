"""Reading the dates Indonesian news sites print: date lines, ISO strings, relative forms.

``parse_date_line`` reads a line that is meant to be a date (``Senin, 26 Oktober 2020 - 11:26
WIB | Penulis : ...``); ``find_date_line`` finds the first date inside any longer text. Both
return aware datetimes and never raise: garbage gives ``None``. A date without a zone is read
as WIB (UTC+7), the zone of Jakarta, where Elshinta and most Indonesian sites publish.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

_ZONES: dict[str, tzinfo] = {"wib": WIB, "wita": WITA, "wit": WIT, "utc": UTC}
_ZONES["gmt"] = UTC
_ZONES["z"] = UTC

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari january jan",
        "februari pebruari february feb peb",
        "maret march mar",
        "april apr",
        "mei may",
        "juni june jun",
        "juli july jul",
        "agustus august agu agt ags aug",
        "september sept sep",
        "oktober october okt oct",
        "november nopember nov nop",
        "desember december des dec",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

# Longest names first so "Juni" is not read as "Jun" + "i".
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = (
    r"(?<![\d.:])(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?:[:.](?P<second>[0-5]\d))?"
    r"(?![\d])(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
    r"(?:\s*(?P<zone>wita|wib|wit|utc|gmt|z(?![a-z]))(?![a-z])"
    r"(?:\s*(?P<zsign>[+-])(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?)?"
    r"|\s*(?P<osign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})(?!\d))?"
)
# What may stand between a date and its time: "- ", "| ", ", pukul ", "T".
_GAP = r"(?:[\s,|\-–—•·/]*(?:(?:pukul|pkl\.?|jam|at)\s*)?|T)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DATE_PATTERNS = (
    # 26 Oktober 2020, 26 Okt. 2020, 26-Okt-2020
    re.compile(
        rf"(?<![\w])(?P<day>[0-3]?\d)(?:\s*|[-/])(?P<month>{_MONTH_RE})\.?(?:,?\s*|[-/]){_YEAR}",
        re.IGNORECASE,
    ),
    # October 26, 2020
    re.compile(
        rf"(?<![\w])(?P<month>{_MONTH_RE})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}",
        re.IGNORECASE,
    ),
    # 2020-10-26 (ISO-like)
    re.compile(
        r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)"
    ),
    # 26/10/2020, 26-10-2020, 26.10.2020 (day first, as Indonesian sites write it)
    re.compile(rf"(?<![\d/.-])(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-]{_YEAR}"),
)
_TIME_AFTER = re.compile(_GAP + _TIME, re.IGNORECASE)  # used with .match(text, pos)
_TIME_BEFORE = re.compile(_TIME + r"[\s,|\-–—•·]*(?:[a-z']{3,7},?\s*)?\Z", re.IGNORECASE)

_UNITS = {
    "detik": "seconds",
    "second": "seconds",
    "sec": "seconds",
    "menit": "minutes",
    "minute": "minutes",
    "min": "minutes",
    "jam": "hours",
    "hour": "hours",
    "hari": "days",
    "day": "days",
    "minggu": "weeks",
    "pekan": "weeks",
    "week": "weeks",
    "bulan": "months",
    "month": "months",
    "tahun": "years",
    "year": "years",
}
_RELATIVE = re.compile(
    r"(?<![\w])(?P<n>\d{1,3}|se|satu|an?)\s*(?P<unit>detik|menit|jam|hari|minggu|pekan|bulan|tahun"
    r"|seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+(?:yang\s+)?(?:lalu|ago)"
    r"(?![\w])",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(
    r"(?<![\w])(?P<word>kemarin|yesterday|hari ini|today|baru saja|just now)(?![\w])"
    r"(?:" + _GAP + _TIME + ")?",
    re.IGNORECASE,
)


_RELATIVE_WORDS = ("lalu", "ago", "kemarin", "yesterday", "hari ini", "today", "baru saja", "just")


def parse_date_line(text: str, *, now: datetime | None = None) -> datetime | None:
    """Read the date a date line gives, or None.

    Args:
        text: a date line; text around the date (a byline, a section name) is ignored.
        now: the reference for relative forms ("2 jam yang lalu", "kemarin"); default now.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()[:2000]
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    found = find_date_line(text, now=now)
    return found[0] if found else None


def find_date_line(
    text: str, *, now: datetime | None = None, relative: bool = True
) -> tuple[datetime, str] | None:
    """The first date inside a longer text and the text that gave it, or None.

    Args:
        text: any text; the date may stand anywhere in it.
        now: the reference for relative forms; default now.
        relative: also read relative forms ("3 hari yang lalu"). Turn off for running text,
            where "50 tahun lalu" is history, not a publication date.
    """
    if not isinstance(text, str) or not text:
        return None
    text = text[:5000].replace("\xa0", " ")
    best: tuple[int, int, datetime] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            found = _absolute(text, match)
            if found is not None:
                best = (found[0], found[1], found[2])
                break
    for start, end, value in _relative_matches(text, now) if relative else ():
        if best is None or start < best[0]:
            best = (start, end, value)
        break
    if best is None:
        return None
    return best[2], text[best[0] : best[1]].strip()


def _absolute(text: str, match: re.Match[str]) -> tuple[int, int, datetime] | None:
    """The datetime of a date match, with the time after (or before) it; None if invalid."""
    try:
        day = date(int(match["year"]), _month(match["month"]), int(match["day"]))
    except ValueError:
        return None
    start, end = match.start(), match.end()
    after = _TIME_AFTER.match(text, end)
    clock: re.Match[str] | None = after
    if after is not None:
        end = after.end()
    else:
        before = _TIME_BEFORE.search(text[max(0, start - 40) : start])
        if before is not None:
            clock = before
            start -= len(text[max(0, start - 40) : start]) - before.start()
    moment = _clock(clock)
    if moment is None:
        return None
    return start, end, datetime.combine(day, moment[0], moment[1])


def _month(name: str) -> int:
    if name.isdigit():
        return int(name)
    return _MONTHS.get(name.lower(), 0)


def _clock(match: re.Match[str] | None) -> tuple[time, tzinfo] | None:
    """The time and zone of a time match (midnight WIB without one); None if invalid."""
    if match is None:
        return time(0, 0), WIB
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return time(hour, minute, second), _zone(match)


def _zone(match: re.Match[str]) -> tzinfo:
    if match["osign"]:
        return _offset(match["osign"], match["oh"], match["om"]) or WIB
    name = (match["zone"] or "").lower()
    if name in ("utc", "gmt") and match["zsign"]:
        return _offset(match["zsign"], match["zh"], match["zm"]) or WIB
    return _ZONES.get(name, WIB)


def _offset(sign: str, hours: str, minutes: str | None) -> tzinfo | None:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=15):
        return None
    return timezone(-delta if sign == "-" else delta)


def _relative_matches(text: str, now: datetime | None) -> list[tuple[int, int, datetime]]:
    """Relative dates in the text ("3 hari yang lalu", "kemarin 14:30"), earliest first."""
    lowered = text.lower()
    if not any(word in lowered for word in _RELATIVE_WORDS):
        return []  # the cheap test spares the regexes on most text
    ref = _reference(now)
    found: list[tuple[int, int, datetime]] = []
    match = _RELATIVE.search(text)
    if match is not None:
        found.append((match.start(), match.end(), _ago(ref, match["n"], match["unit"])))
    for word in _DAY_WORD.finditer(text):
        value = _day_word(ref, word)
        if value is not None:
            found.append((word.start(), word.end(), value))
            break
    return sorted(found, key=lambda item: item[0])


def _reference(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(WIB)
    # A naive "now" is the machine's local time; astimezone() says so explicitly.
    return now.astimezone() if now.tzinfo is None else now


def _ago(ref: datetime, count: str, unit: str) -> datetime:
    number = int(count) if count.isdigit() else 1
    name = unit.lower()
    kind = _UNITS.get(name) or _UNITS.get(name[:-1], "days")  # "hours" -> "hour"
    if kind == "months":
        return ref - timedelta(days=30 * number)
    if kind == "years":
        return ref - timedelta(days=365 * number)
    return ref - timedelta(**{kind: number})


def _day_word(ref: datetime, match: re.Match[str]) -> datetime | None:
    word = match["word"].lower()
    if word in ("baru saja", "just now"):
        return ref
    local = ref.astimezone(WIB)
    day = local.date() - timedelta(days=1 if word in ("kemarin", "yesterday") else 0)
    if match["hour"] is None:
        if word in ("hari ini", "today"):
            return None  # "3.732 kasus hari ini" is a phrase; a date line gives a time
        # No time given: the same clock time on that day is the best guess.
        return local - timedelta(days=1) if day != local.date() else local
    moment = _clock(match)
    if moment is None:
        return datetime.combine(day, time(0, 0), WIB)
    return datetime.combine(day, moment[0], moment[1])


def _parse_iso(text: str) -> datetime | None:
    """An ISO 8601 string as found in <time datetime> and meta tags; naive means WIB."""
    if not re.match(
        r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)?"
        r"(?:Z|[+-]\d\d(?::?\d\d)?)?\Z",
        text,
    ):
        return None
    try:
        value = datetime.fromisoformat(text.replace(",", "."))
    except ValueError:
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=WIB)


_DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_ZONE_NAMES = {7 * 3600: "WIB", 8 * 3600: "WITA", 9 * 3600: "WIT", 0: "UTC"}


def format_date_line(value: datetime | None) -> str:
    """The reverse of ``parse_date_line``, as Indonesian sites write it (exports, sharing):
    ``Senin, 26 Oktober 2020 11:26 WIB``. A naive value is taken as UTC."""
    if value is None:
        return ""
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    offset = int((value.utcoffset() or timedelta(0)).total_seconds())
    zone = _ZONE_NAMES.get(offset)
    if zone is None:
        sign = "+" if offset >= 0 else "-"
        hours, minutes = divmod(abs(offset) // 60, 60)
        zone = f"UTC{sign}{hours:02d}:{minutes:02d}"
    day, month = _DAY_NAMES[value.weekday()], _MONTH_NAMES[value.month - 1]
    return f"{day}, {value.day} {month} {value.year} {value:%H:%M} {zone}"
