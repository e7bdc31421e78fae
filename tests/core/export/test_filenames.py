"""File names from article titles: one harmless path component, short, unique."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.export.filenames import MAX_BYTES, UniqueNames, safe_filename


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Belarus dan Rusia: Ancaman Eksternal", "Belarus dan Rusia Ancaman Eksternal.md"),
        ("../../etc/passwd", "etc passwd.md"),
        ("..", "artikel.md"),
        ("...", "artikel.md"),
        ("", "artikel.md"),
        ("   ", "artikel.md"),
        ("a\\b/c", "a b c.md"),
        ('Kata "kutipan" <b>|?*', "Kata kutipan b.md"),
        ("Baris\nbaru\tdan\x00nol\x1b[31m", "Baris baru dannol[31m.md"),
        ("foto\u202egpj.exe", "fotogpj.exe.md"),  # a right-to-left override hides nothing
        ("zero\u200bwidth", "zerowidth.md"),
        (".tersembunyi", "tersembunyi.md"),
        ("titik di akhir...", "titik di akhir.md"),
        ("CON", "CON_.md"),
        ("con.txt", "con.txt_.md"),
        ("lpt1", "lpt1_.md"),
        ("COM\u00b9", "COM\u00b9_.md"),
        ("Konser di Aula", "Konser di Aula.md"),
    ],
)
def test_safe_filename(title: str, expected: str) -> None:
    assert safe_filename(title, ".md") == expected


def test_names_are_nfc_normalised() -> None:
    decomposed = "Bali\u0301 e\u0301kspor"  # combining accents
    name = safe_filename(decomposed, ".md")
    assert name == unicodedata.normalize("NFC", decomposed) + ".md"
    assert "\u0301" not in name


def test_long_titles_are_cut_keeping_the_suffix() -> None:
    name = safe_filename("Kabar " * 60, ".md")
    assert len(name) <= 100 and name.endswith(".md") and not name.endswith(" .md")
    wide = safe_filename("\u5927" * 150, ".md")  # 3 bytes per character
    assert len(wide.encode()) <= MAX_BYTES and wide.endswith(".md")


def test_unique_names_number_clashes_ignoring_case() -> None:
    names = UniqueNames({"images"})
    assert names.claim("Berita", ".md") == "Berita.md"
    assert names.claim("berita", ".md") == "berita-2.md"
    assert names.claim("BERITA", ".md") == "BERITA-3.md"
    assert names.claim("images") == "images-2"
    long_title = "x" * 300
    first, second = names.claim(long_title, ".md"), names.claim(long_title, ".md")
    assert first != second and second.endswith("-2.md") and len(second) <= 100
    assert names.claim("", ".md") == "artikel.md"
    assert names.claim("..", ".md") == "artikel-2.md"


@given(st.text(max_size=400))
def test_any_title_gives_one_creatable_component(title: str) -> None:
    name = safe_filename(title, ".md")
    assert name.endswith(".md") and len(name) <= 100 and len(name.encode()) <= MAX_BYTES
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name not in (".md", "..md") and not name.startswith((".", " "))
    assert Path(name).name == name and Path(name).parent == Path()
    assert all(not unicodedata.category(ch).startswith("C") for ch in name)


def test_names_can_be_created(tmp_path: Path) -> None:
    names = UniqueNames()
    for title in ["a/b", "..", "CON", "\u202eexe", "x" * 500, "A/B", "Ä", "A\u0308"]:
        (tmp_path / names.claim(title, ".md")).write_text("ok")
    assert len(list(tmp_path.iterdir())) == 8
