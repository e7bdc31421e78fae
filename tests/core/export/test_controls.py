"""Control characters from a feed never reach an exported file: a title holding a terminal
escape (``ESC ] 52`` writes to the clipboard of whoever ``cat``s the file), a NUL or a BEL is
written without them in HTML, Markdown (front matter too), EPUB and shared text. JSON keeps
the text as it is: its escaping makes every character harmless."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from newsreader.core.export.controls import strip_controls
from newsreader.core.export.formats import export_entries
from newsreader.core.export.share import as_markdown, as_text
from newsreader.core.types import Entry, RelatedLink
from tests.helpers.export_data import fill_cache, make_entry

TITLE = "Judul\x1b]52;c;cm0gLXJmIH4=\x07 \x00bersih\x85\x9b31m\x7f"
CLEAN_TITLE = "Judul]52;c;cm0gLXJmIH4= bersih31m"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture
def entry(tmp_path: Path) -> Entry:
    return make_entry(
        fill_cache(tmp_path / "cache"),
        title=TITLE,
        author="Pen\x07ulis\x1b[2J",
        feed_title="Sum\x00ber\x1b[0m",
        origin="VOA\x08 Indonesia",
        html="<p>Isi\x1b[31m merah\x07 <b>tebal\x00</b></p>",
        related=(RelatedLink(title="Ter\x1bkait\x9b", url="https://a.id/x", teaser="ya\x07"),),
    )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_strip_controls_keeps_tab_and_newline() -> None:
    assert strip_controls("a\tb\nc\r\nd\x00e\x1b[0m\x7f\x85\x9f é “x”") == (
        "a\tb\nc\r\nde[0m é “x”"
    )


def test_html(entry: Entry, out: Path) -> None:
    text = export_entries([entry], "html", out / "a", title="Arsip\x1b[5m").read_text("utf-8")
    assert not CONTROLS.search(text)
    assert f"<h2>{CLEAN_TITLE}</h2>" in text and "<title>Arsip[5m</title>" in text
    assert "Sumber: Sumber[0m" in text and "Penulis: Penulis[2J" in text
    assert "Isi[31m merah <b>tebal</b>" in text and ">Terkait</a>" in text


def test_markdown_file(entry: Entry, out: Path) -> None:
    text = export_entries([entry], "md", out / "a.md").read_text("utf-8")
    assert not CONTROLS.search(text)
    assert "## Judul\\]52;c;cm0gLXJmIH4= bersih31m" in text.splitlines()
    assert "- **Penulis:** Penulis\\[2J" in text.splitlines()


def test_markdown_per_article_and_front_matter(entry: Entry, out: Path) -> None:
    folder = export_entries([entry], "md", out / "arsip", per_article=True)
    (page,) = folder.glob("*.md")
    text = page.read_text("utf-8")
    assert not CONTROLS.search(text) and "\\u00" not in text  # not even escaped in YAML
    head = dict(line.split(": ", 1) for line in text.split("---\n")[1].splitlines())
    assert json.loads(head["title"]) == CLEAN_TITLE
    assert json.loads(head["author"]) == "Penulis[2J"
    assert json.loads(head["feed"]) == "Sumber[0m"


def test_epub(entry: Entry, out: Path) -> None:
    path = export_entries([entry], "epub", out / "a", title="Arsip\x1b[5m\x85")
    with zipfile.ZipFile(path) as book:
        names = [n for n in book.namelist() if n.endswith((".xhtml", ".opf", ".ncx", ".xml"))]
        texts = {name: book.read(name).decode("utf-8") for name in names}
    assert not [name for name, text in texts.items() if CONTROLS.search(text)]
    assert f"<h1>{CLEAN_TITLE}</h1>" in texts["OEBPS/text/c0001.xhtml"]
    assert "Arsip[5m" in texts["OEBPS/content.opf"]


def test_json_keeps_the_text_escaped(entry: Entry, out: Path) -> None:
    data = json.loads(export_entries([entry], "json", out / "a").read_text("utf-8"))
    assert data[0]["title"] == TITLE


def test_shared_text(entry: Entry) -> None:
    for text in (as_text(entry), as_markdown(entry)):
        assert not CONTROLS.search(text)
        assert "bersih31m" in text and "Sumber" in text
