"""Markdown export, one file per article: front matter, safe and unique names, the shared
images folder, asking before using an existing folder, nothing left on failure."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from newsreader.core.errors import ExportError
from newsreader.core.export.formats import export_entries
from newsreader.core.types import RelatedLink
from tests.helpers.export_data import BODY_TEXT, GIF, TITLE, make_entry


def front_matter(text: str) -> dict[str, object]:
    """The YAML front matter as written here: double-quoted (JSON) strings and a date."""
    head, sep, _ = text.removeprefix("---\n").partition("\n---\n\n")
    assert sep, text[:200]
    values: dict[str, object] = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        values[key] = json.loads(value) if value.startswith('"') else value
    return values


def test_markdown_per_article_folder(cache: Path, out: Path) -> None:
    entries = [
        make_entry(cache, 1),
        make_entry(cache, 2, title="../../etc/passwd: \x00 “kutipan”\n---"),
        make_entry(cache, 3, title=TITLE.upper(), author="", published=None),
        make_entry(cache, 4, title="", url="javascript:alert(1)"),
    ]
    folder = export_entries(entries, "md", out / "arsip", per_article=True)
    assert folder == out / "arsip" and folder.is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["arsip"]  # no staging folder left
    names = sorted(p.name for p in folder.iterdir())
    expected = [f"{TITLE}.md", "etc passwd “kutipan” ---.md", f"{TITLE.upper()}-2.md",
                "javascript alert(1).md", "images"]  # fmt: skip
    assert names == sorted(expected)
    text = (folder / f"{TITLE}.md").read_text(encoding="utf-8")
    assert front_matter(text) == {
        "title": TITLE,
        "url": "https://elshinta.com/news/1/2020/10/26/belarus",
        "date": "2020-10-26T11:26:00+07:00",
        "author": "Mitra Elshinta Feeder",
        "feed": "Elshinta Internasional",
    }
    assert f"\n# {TITLE}\n" in text and "### Sub judul" in text and "## Baca Juga" in text
    assert f"{BODY_TEXT} **penting**" in text and "\\[Tidak ada\\] setelah" in text
    hostile = front_matter((folder / "etc passwd “kutipan” ---.md").read_text("utf-8"))
    assert hostile["title"] == "../../etc/passwd: “kutipan” ---"  # no NUL, even escaped
    undated = front_matter((folder / f"{TITLE.upper()}-2.md").read_text("utf-8"))
    assert "date" not in undated and undated["author"] == ""
    assert front_matter((folder / "javascript alert(1).md").read_text("utf-8"))["url"] == ""


def test_markdown_per_article_images_are_shared_and_linked(cache: Path, out: Path) -> None:
    folder = export_entries([make_entry(cache, 1), make_entry(cache, 2, title="Dua")], "md",
                            out / "arsip", per_article=True)  # fmt: skip
    images = sorted(p.name for p in (folder / "images").iterdir())
    assert len(images) == 2 and {Path(n).suffix for n in images} == {".png", ".gif"}
    for md in folder.glob("*.md"):
        refs = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md.read_text("utf-8"))
        assert len(refs) == 3 and all(ref.startswith("images/") for ref in refs)
        assert all((folder / ref).is_file() for ref in refs)
    assert (folder / "images" / next(n for n in images if n.endswith(".gif"))).read_bytes() == GIF


def test_markdown_per_article_asks_before_using_an_existing_folder(cache: Path, out: Path) -> None:
    folder = out / "arsip"
    folder.mkdir()
    (folder / "catatan.txt").write_text("punya saya")
    with pytest.raises(ExportError, match="already exists"):
        export_entries([make_entry(cache)], "md", folder, per_article=True)
    assert sorted(p.name for p in out.iterdir()) == ["arsip"]
    assert [p.name for p in folder.iterdir()] == ["catatan.txt"]
    export_entries([make_entry(cache)], "md", folder, per_article=True, force=True)
    export_entries([make_entry(cache)], "md", folder, per_article=True, force=True)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{TITLE}.md", "catatan.txt", "images"])  # merged, nothing lost
    (out / "berkas").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export_entries([make_entry(cache)], "md", out / "berkas", per_article=True, force=True)


def test_markdown_per_article_failure_leaves_nothing(
    cache: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        export_entries([make_entry(cache)], "md", out / "arsip", per_article=True)
    assert list(out.iterdir()) == []


def test_per_article_is_only_for_markdown(cache: Path, out: Path) -> None:
    with pytest.raises(ValueError, match="Markdown"):
        export_entries([make_entry(cache)], "html", out / "a", per_article=True)


def test_markdown_links_survive_angle_brackets_and_parentheses(cache: Path, out: Path) -> None:
    url = 'https://contoh.id/cari?q=a>b&x=(1)<2> "c"\\_d'
    related = (RelatedLink(title="Terkait", url=url),)
    entry = make_entry(cache, url=url, related=related)
    text = export_entries([entry], "md", out / "a.md").read_text("utf-8")
    # CommonMark: an autolink ends at the first ">" and may hold no "<" or space; a link
    # destination ends at an unbalanced ")" or a space, and a backslash escapes what follows.
    autolinks = re.findall(r"^- \*\*URL:\*\* <([^<> ]*)>$", text, re.MULTILINE)
    assert [unquote(link) for link in autolinks] == [url]
    destinations = re.findall(r"^- \[Terkait\]\(([^()\\ ]*)\)$", text, re.MULTILINE)
    assert [unquote(link) for link in destinations] == [url]
    folder = export_entries([entry], "md", out / "arsip", per_article=True)
    single = next(folder.glob("*.md")).read_text("utf-8")
    assert f"- [Terkait]({destinations[0]})" in single
    assert front_matter(single)["url"] == url
