"""Export to HTML, Markdown and JSON: content, offline safety, overwrite refusal, atomicity,
progress and cancel. One Markdown file per article: test_mdexport.py; EPUB: test_epub.py."""

from __future__ import annotations

import json
import os
import re
import threading
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest

from newsreader.core.errors import ExportError
from newsreader.core.export.common import ExportCancelledError
from newsreader.core.export.formats import (
    _UriCache,
    entry_to_dict,
    existing_targets,
    export_entries,
    target_path,
)
from newsreader.core.types import RelatedLink
from tests.helpers.export_data import (
    BODY_TEXT,
    GIF,
    PNG,
    TITLE,
    data_uri,
    make_entry,
)

# -- HTML -----------------------------------------------------------------------------


def test_html_embeds_cached_images_and_never_references_the_network(cache: Path, out: Path) -> None:
    path = export_entries([make_entry(cache)], "html", out / "a.html")
    text = path.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(text)
    sources = [img.get("src") for img in doc.iter("img")]
    assert data_uri("image/png", PNG) in sources
    assert data_uri("image/gif", GIF) in sources
    assert all(src.startswith("data:") for src in sources)
    # Nothing anywhere may make the browser fetch: no remote src/srcset, no url() in CSS.
    assert not re.search(r"""(src|srcset|poster|background)\s*=\s*["']?\s*(https?:)?//""", text)
    assert "url(" not in text
    assert "img-src data:" in text  # the CSP forbids remote images even if one slipped in


def test_html_replaces_uncached_images_by_alt_text(cache: Path, out: Path) -> None:
    text = export_entries([make_entry(cache)], "html", out / "a.html").read_text("utf-8")
    doc = lxml.html.fromstring(text)
    missing = [span.text for span in doc.find_class("missing-image")]
    assert missing == ["[Tidak ada]", "[Rusak]"]
    assert "[Tidak ada] setelah" in doc.text_content()  # the text after the image is kept
    assert "missing.jpg" not in text


def test_html_adds_the_cached_lead_image_once(cache: Path, out: Path) -> None:
    text = export_entries([make_entry(cache)], "html", out / "a.html").read_text("utf-8")
    doc = lxml.html.fromstring(text)
    body = doc.find_class("body")[0]
    first = body[0]
    assert first.tag == "figure"
    assert first[0].get("src") == data_uri("image/png", PNG)
    # Lead image already in the body: not added a second time.
    in_body = make_entry(cache, lead_image="https://elshinta.com/asset/upload/a.png")
    text = export_entries([in_body], "html", out / "b.html").read_text("utf-8")
    assert text.count(data_uri("image/png", PNG)) == 1
    # Lead image whose cached file is gone: left out rather than shown as a placeholder.
    (cache / "lead.png").unlink()
    text = export_entries([make_entry(cache)], "html", out / "c.html").read_text("utf-8")
    assert lxml.html.fromstring(text).find_class("body")[0][0].tag == "h2"


def test_html_structure_toc_metadata_and_related(cache: Path, out: Path) -> None:
    entries = [make_entry(cache, 1), make_entry(cache, 2, title="Berita kedua")]
    text = export_entries(entries, "html", out / "a.html", title="Ekspor Saya").read_text("utf-8")
    doc = lxml.html.fromstring(text)
    assert doc.get("lang") == "id"
    assert doc.find(".//title").text == "Ekspor Saya"
    assert doc.find(".//style") is not None
    toc = doc.find_class("toc")[0]
    targets = [a.get("href") for a in toc.iter("a")]
    assert [a.text for a in toc.iter("a")] == [TITLE, "Berita kedua"]
    for target in targets:
        article = doc.get_element_by_id(target.lstrip("#"))
        assert article.tag == "article"
    first = doc.get_element_by_id(targets[0].lstrip("#"))
    content = first.text_content()
    for expected in (
        "Sumber: Elshinta Internasional",
        "Senin, 26 Oktober 2020 11:26 WIB",
        "Penulis: Mitra Elshinta Feeder",
        "Asal: VOA Indonesia",
        "Baca Juga",
        "Selasa, 15 Juni 2021 09:28 WIB",
        "Sejumlah daerah di Indonesia mengalami lonjakan kasus...",
        "Keterangan foto",
    ):
        assert expected in content
    assert first.find(".//time").get("datetime") == "2020-10-26T11:26:00+07:00"
    links = {a.get("href") for a in first.iter("a")}
    assert "https://elshinta.com/news/1/2020/10/26/belarus" in links
    assert "https://elshinta.com/news/2/2021/06/15/varian" in links
    related = first.find_class("related")[0]
    assert len(related.findall(".//li")) == 2


def test_html_escapes_everything_but_the_body(cache: Path, out: Path) -> None:
    evil = make_entry(
        cache,
        title="<script>alert('judul')</script> & co",
        author='"><img src=x onerror=alert(1)>',
        feed_title="<b>feed</b>",
        url="javascript:alert(1)",
        related=(RelatedLink(title="<i>x</i>", url="javascript:alert(2)", teaser="<script>"),),
        html="<p>aman</p><script>alert('body')</script>",
    )
    text = export_entries([evil], "html", out / "a.html", title="<script>t</script>").read_text(
        "utf-8"
    )
    doc = lxml.html.fromstring(text)
    assert doc.findall(".//script") == []
    assert "javascript:" not in text
    assert not any(el.get("onerror") for el in doc.iter())
    assert "<script>alert('judul')</script> & co" in doc.find_class("toc")[0].text_content()
    assert doc.find(".//h2[@id]") is None
    assert "&lt;script&gt;" in text


def test_html_indonesian_text_survives(cache: Path, out: Path) -> None:
    raw = export_entries([make_entry(cache)], "html", out / "a.html").read_bytes()
    text = raw.decode("utf-8")
    assert BODY_TEXT in text  # non-breaking space and curly quotes kept as characters
    assert "[vm/ft]" in text
    assert '<meta charset="utf-8">' in text


def test_html_body_falls_back_to_summary_then_text(cache: Path, out: Path) -> None:
    no_body = make_entry(cache, html="", summary_html="<p>Ringkasan <script>x</script></p>")
    text = export_entries([no_body], "html", out / "a.html").read_text("utf-8")
    assert "Ringkasan" in text
    assert "<script>x" not in text
    text_only = make_entry(cache, html="", summary_html="", text="Satu <dua>\n\nTiga")
    text = export_entries([text_only], "html", out / "b.html").read_text("utf-8")
    body = lxml.html.fromstring(text).find_class("body")[0]
    assert [p.text for p in body.iter("p")] == ["Satu <dua>", "Tiga"]


# -- Markdown ---------------------------------------------------------------------------


def test_markdown_document(cache: Path, out: Path) -> None:
    path = export_entries([make_entry(cache)], "md", out / "berita ku.md", title="Arsip")
    md = path.read_text(encoding="utf-8")
    assert md.startswith("# Arsip\n")
    assert f"## {TITLE}" in md
    for line in (
        "- **Sumber:** Elshinta Internasional",
        "- **Tanggal:** Senin, 26 Oktober 2020 11:26 WIB",
        "- **Penulis:** Mitra Elshinta Feeder",
        "- **Asal:** VOA Indonesia",
        "- **URL:** <https://elshinta.com/news/1/2020/10/26/belarus>",
    ):
        assert line in md.splitlines()
    # Body: headings moved below the article title, emphasis, lists, links, quotes.
    assert "#### Sub judul" in md
    assert f"{BODY_TEXT} **penting** dan *miring*." in md
    assert "- satu\n- dua [tautan](https://voaindonesia.com/x)" in md
    assert "> Kutipan pejabat" in md
    assert "\\[vm/ft\\]" in md
    assert "\\[Tidak ada\\] setelah" in md
    assert "missing.jpg" not in md
    # Related links.
    assert "### Baca Juga" in md
    assert (
        "- [Varian Delta Bukan Faktor Tunggal Lonjakan Kasus]"
        "(https://elshinta.com/news/2/2021/06/15/varian) (Selasa, 15 Juni 2021 09:28 WIB): "
        "Sejumlah daerah di Indonesia mengalami lonjakan kasus..."
    ) in md
    assert "- [Tanpa tanggal](https://elshinta.com/news/3/x)\n" in md


def test_markdown_copies_images_beside_the_file(cache: Path, out: Path) -> None:
    path = export_entries([make_entry(cache), make_entry(cache, 2)], "md", out / "berita ku.md")
    md = path.read_text(encoding="utf-8")
    folder = out / "berita ku_images"
    refs = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", md)
    assert ("Foto Minsk", "berita%20ku_images/002.png") in refs
    assert ("Grafik", "berita%20ku_images/003.gif") in refs
    assert refs[0] == ("", "berita%20ku_images/001.png")  # the lead image comes first
    # Each cached file is copied once even when two articles use it.
    assert sorted(p.name for p in folder.iterdir()) == ["001.png", "002.png", "003.gif"]
    assert (folder / "003.gif").read_bytes() == GIF
    for _, ref in refs:
        assert (out / ref.replace("%20", " ")).is_file()
    assert sorted(p.name for p in out.iterdir()) == ["berita ku.md", "berita ku_images"]


def test_markdown_without_cached_images_makes_no_folder(cache: Path, out: Path) -> None:
    entry = make_entry(cache, images=(), lead_image="")
    export_entries([entry], "md", out / "a.md")
    assert [p.name for p in out.iterdir()] == ["a.md"]


def test_markdown_refuses_an_existing_image_folder_without_force(cache: Path, out: Path) -> None:
    (out / "a_images").mkdir()
    (out / "a_images" / "mine.txt").write_text("punya saya")
    with pytest.raises(ExportError, match="a_images"):
        export_entries([make_entry(cache)], "md", out / "a.md")
    assert not (out / "a.md").exists()
    assert [p.name for p in (out / "a_images").iterdir()] == ["mine.txt"]
    assert sorted(p.name for p in out.iterdir()) == ["a_images"]  # no staging folder left
    export_entries([make_entry(cache)], "md", out / "a.md", force=True)
    names = sorted(p.name for p in (out / "a_images").iterdir())
    assert names == ["001.png", "002.png", "003.gif", "mine.txt"]  # merged, nothing deleted


def test_markdown_failure_leaves_nothing_behind(
    cache: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left"):
        export_entries([make_entry(cache)], "md", out / "a.md")
    assert list(out.iterdir()) == []


# -- JSON -------------------------------------------------------------------------------


def test_json_round_trips_the_fields(cache: Path, out: Path) -> None:
    entry = make_entry(cache)
    path = export_entries([entry, make_entry(cache, 2)], "json", out / "a.json")
    raw = path.read_text(encoding="utf-8")
    assert BODY_TEXT in raw  # ensure_ascii=False: the characters themselves
    assert "\n  {" in raw  # indented
    data = json.loads(raw)
    assert [d["id"] for d in data] == [1, 2]
    first = data[0]
    assert first == entry_to_dict(entry)
    assert list(first) == [
        "id", "feed_id", "feed_title", "url", "title", "author", "published", "text", "html",
        "summary_html", "origin", "related", "images", "starred", "read", "extraction",
        "extraction_note", "fetched_at", "updated_at", "versions",
    ]  # fmt: skip
    assert first["title"] == TITLE
    assert first["published"] == "2020-10-26T11:26:00+07:00"
    assert first["fetched_at"] == "2020-10-26T05:00:00+00:00"
    assert first["html"] == entry.html
    assert first["text"] == entry.text
    assert first["starred"] is True and first["read"] is False
    assert first["extraction"] == "site:elshinta"
    assert first["related"][0] == {
        "title": "Varian Delta Bukan Faktor Tunggal Lonjakan Kasus",
        "url": "https://elshinta.com/news/2/2021/06/15/varian",
        "published": "2021-06-15T09:28:00+07:00",
        "teaser": "Sejumlah daerah di Indonesia mengalami lonjakan kasus...",
    }
    assert first["related"][1]["published"] is None
    assert first["images"][2] == {"url": "https://elshinta.com/upload/missing.jpg", "path": None}
    assert first["images"][0]["path"] == str(cache / "photo.png")


def test_entry_to_dict_dates(cache: Path) -> None:
    naive = make_entry(cache, published=datetime(2021, 1, 2, 3, 4), fetched_at=None)
    data = entry_to_dict(naive)
    assert data["published"] == "2021-01-02T03:04:00+00:00"  # stored UTC, offset made explicit
    assert data["fetched_at"] is None
    assert json.loads(json.dumps(data)) == data


# -- safety -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_refuses_to_overwrite_without_force(cache: Path, out: Path, fmt: str) -> None:
    target = out / f"a.{fmt}"
    target.write_text("milik pengguna", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        export_entries([make_entry(cache)], fmt, target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "milik pengguna"
    assert export_entries([make_entry(cache)], fmt, target, force=True) == target  # type: ignore[arg-type]
    assert TITLE in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_failure_mid_write_leaves_no_file_and_no_temp(
    cache: Path, out: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left") as info:
        export_entries([make_entry(cache)], fmt, out / "a.out")  # type: ignore[arg-type]
    assert isinstance(info.value.__cause__, OSError)
    assert list(out.iterdir()) == []


def test_failed_forced_overwrite_keeps_the_old_file(
    cache: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / "a.html"
    target.write_text("lama", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="Permission denied"):
        export_entries([make_entry(cache)], "html", target, force=True)
    assert target.read_text(encoding="utf-8") == "lama"
    assert [p.name for p in out.iterdir()] == ["a.html"]


def test_nothing_to_export(out: Path) -> None:
    with pytest.raises(ExportError, match="nothing to export"):
        export_entries([], "html", out / "a.html")
    assert list(out.iterdir()) == []


def test_missing_suffix_is_added(cache: Path, out: Path) -> None:
    assert export_entries([make_entry(cache)], "md", out / "arsip") == out / "arsip.md"
    assert export_entries([make_entry(cache)], "json", out / "arsip") == out / "arsip.json"
    assert export_entries([make_entry(cache)], "html", out / "arsip") == out / "arsip.html"


def test_missing_folder_and_folder_target_are_export_errors(cache: Path, out: Path) -> None:
    with pytest.raises(ExportError) as info:
        export_entries([make_entry(cache)], "html", out / "nope" / "a.html")
    assert isinstance(info.value.__cause__, OSError)
    (out / "d.json").mkdir()
    with pytest.raises(ExportError, match="folder"):
        export_entries([make_entry(cache)], "json", out / "d.json", force=True)


def test_unknown_format_is_a_bug(cache: Path, out: Path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        export_entries([make_entry(cache)], "pdf", out / "a.pdf")  # type: ignore[arg-type]


def test_json_is_written_as_one_indented_list(cache: Path, out: Path) -> None:
    entries = [make_entry(cache, 1), make_entry(cache, 2, title='Kedua\n"kutip"')]
    raw = export_entries(entries, "json", out / "a.json").read_text(encoding="utf-8")
    expected = json.dumps([entry_to_dict(e) for e in entries], ensure_ascii=False, indent=2)
    assert raw == expected + "\n"  # streamed article by article, same text as one dump


# -- progress, cancel, what would be replaced ------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "per_article"),
    [("html", False), ("md", False), ("md", True), ("epub", False), ("json", False)],
)
def test_progress_and_cancel_leave_nothing(
    cache: Path, out: Path, fmt: str, per_article: bool
) -> None:
    entries = [make_entry(cache, n) for n in range(1, 5)]
    seen: list[tuple[int, int]] = []
    path = export_entries(entries, fmt, out / "semua", per_article=per_article,  # type: ignore[arg-type]
                          progress=lambda d, t: seen.append((d, t)))  # fmt: skip
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert path.exists()
    target = out / "batal"
    cancel = threading.Event()

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            cancel.set()

    with pytest.raises(ExportCancelledError):
        export_entries(entries, fmt, target, per_article=per_article, progress=stop_after_two,  # type: ignore[arg-type]
                       cancel=cancel)  # fmt: skip
    assert all(p.name.startswith("semua") for p in out.iterdir())  # nothing of "batal"
    cancel.set()
    with pytest.raises(ExportCancelledError):  # cancelled before it began: not even a temp file
        export_entries(entries, fmt, target, per_article=per_article, cancel=cancel)  # type: ignore[arg-type]
    assert not any(p.name.startswith((".batal", "batal")) for p in out.iterdir())


def test_existing_targets(cache: Path, out: Path) -> None:
    assert existing_targets("html", out / "a") == []
    (out / "a.html").write_text("x")
    assert existing_targets("html", out / "a") == [out / "a.html"]
    (out / "b_images").mkdir()
    assert existing_targets("md", out / "b.md") == [out / "b_images"]
    (out / "c").mkdir()
    assert existing_targets("md", out / "c", per_article=True) == [out / "c"]
    assert target_path("epub", out / "c") == out / "c.epub"
    assert target_path("md", out / "c.d", per_article=True) == out / "c.d"


def test_uri_cache_keeps_a_bounded_number_of_images(cache: Path) -> None:
    uris = _UriCache(budget=120)
    photo = uris.get(str(cache / "photo.png"))
    assert photo == data_uri("image/png", PNG)
    assert uris.get(str(cache / "chart.gif")) == data_uri("image/gif", GIF)
    assert len(uris._items) == 1  # the first was dropped to stay within the budget
    assert uris.get(str(cache / "photo.png")) == photo  # read again when needed
    assert uris.get(str(cache / "notimage.png")) is None and uris.get(None) is None
