"""Sharing an article: text and Markdown for the clipboard, a mailto: link for the mail client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

from newsreader.core.export.share import as_markdown, as_text, excerpt, human_date, mailto_url
from newsreader.core.types import Entry

WIB = timezone(timedelta(hours=7))
URL = "https://elshinta.com/news/220110/2020/10/26/jokowi-minta-menteri"
TITLE = "Jokowi minta menteri [tidak] *bekerja* biasa-biasa saja"
BODY = " ".join(f"Kalimat ke-{i} dari berita yang cukup panjang untuk dipotong." for i in range(20))


def _entry(**changes: object) -> Entry:
    values: dict[str, object] = dict(
        id=1, feed_id=2, feed_title="Elshinta – Nasional", url=URL, title=TITLE,
        author="Redaksi", published=datetime(2020, 10, 26, 11, 26, tzinfo=WIB),
        summary_html="<p>Ringkasan <b>pendek</b>.</p>", html=f"<p>{BODY}</p>", text=BODY,
        origin="", lead_image="", related=(), images=(), read=True, starred=False,
        extraction="generic", extraction_note="", fetched_at=None,
    )  # fmt: skip
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def test_text_has_title_byline_excerpt_and_link() -> None:
    text = as_text(_entry())
    title, byline, quoted, link = text.rstrip("\n").split("\n\n")
    assert title == TITLE
    assert byline == "Elshinta – Nasional · Senin, 26 Oktober 2020 11:26 WIB"
    assert quoted.startswith("Kalimat ke-0") and quoted.endswith("…") and len(quoted) <= 280
    assert link == URL


def test_markdown_links_the_title_and_escapes_markup() -> None:
    md = as_markdown(_entry())
    heading, byline, quote = md.rstrip("\n").split("\n\n")
    assert heading == (
        r"**[Jokowi minta menteri \[tidak\] \*bekerja\* biasa-biasa saja]" f"({URL})**"
    )
    assert byline == "*Elshinta – Nasional · Senin, 26 Oktober 2020 11:26 WIB*"
    assert quote.startswith("> Kalimat ke-0")


def test_markdown_url_with_parentheses_and_a_non_web_link() -> None:
    md = as_markdown(_entry(url="https://x.example.id/a_(b) c"))
    assert "(https://x.example.id/a_%28b%29%20c)" in md
    unsafe = as_markdown(_entry(url="javascript:alert(1)"))
    assert "javascript" not in unsafe and unsafe.startswith("**Jokowi")


def test_markdown_excerpt_cannot_become_a_heading_or_list() -> None:
    for start, escaped in (("# Judul", r"> \# Judul"), ("1. Satu", r"> 1\. Satu"),
                           ("- butir", r"> \- butir")):  # fmt: skip
        md = as_markdown(_entry(text=start))
        assert md.rstrip().endswith(escaped), md


def test_excerpt_falls_back_to_the_summary_and_cuts_at_a_word() -> None:
    assert excerpt(_entry(text="")) == "Ringkasan pendek."
    assert excerpt(_entry(text="", summary_html="")) == ""
    cut = excerpt(_entry(text="kata " * 100), limit=50)
    assert cut.endswith("kata…") and len(cut) <= 50


def test_missing_date_feed_and_title() -> None:
    entry = _entry(published=None, feed_title="", title="", text="", summary_html="")
    assert as_text(entry) == f"{URL}\n\n{URL}\n"
    assert human_date(None) == ""


def test_dates_name_indonesian_zones() -> None:
    utc = datetime(2020, 10, 26, 4, 26, tzinfo=UTC)
    assert human_date(utc) == "Senin, 26 Oktober 2020 04:26 UTC"
    assert human_date(utc.astimezone(timezone(timedelta(hours=9)))).endswith("13:26 WIT")
    assert human_date(utc.replace(tzinfo=None)).endswith("04:26 UTC")
    odd = timezone(timedelta(hours=-3, minutes=-30))
    assert human_date(utc.astimezone(odd)).endswith("UTC-03:30")


def test_mailto_is_percent_encoded() -> None:
    url = mailto_url(_entry(title="Berita & harga naik 100% ?", url=URL + "?a=1&b=2#x"))
    assert url.startswith("mailto:?subject=")
    assert " " not in url and "&b=" not in url and "#" not in url
    query = parse_qs(urlsplit(url).query)
    assert query == {"subject": ["Berita & harga naik 100% ?"], "body": [URL + "?a=1&b=2#x"]}
    assert "subject=Berita%20%26%20harga%20naik%20100%25%20%3F" in url


def test_mailto_keeps_non_ascii_as_utf8() -> None:
    url = mailto_url(_entry(title="Ekonomi – Rupiah menguat", url=URL))
    assert "%E2%80%93" in url  # the en dash, UTF-8 encoded
