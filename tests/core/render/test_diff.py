"""The readable diff of two article texts: paragraphs first, then words, as safe HTML."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.render.diff import diff_html, normalise, paragraphs

OLD = (
    "Gempa magnitudo 5,6 mengguncang Cianjur, Jawa Barat, Senin siang.\n\n"
    "BPBD mencatat 10 orang meninggal dunia dan puluhan rumah rusak berat.\n\n"
    "Warga diminta tetap waspada terhadap gempa susulan.\n\n"
    "Bantuan logistik mulai disalurkan ke posko pengungsian.\n\n"
    "[ant/rs]"
)
NEW = (
    "Gempa magnitudo 5,6 mengguncang Cianjur, Jawa Barat, Senin siang.\n\n"
    "BPBD mencatat 12 orang meninggal dunia dan puluhan rumah rusak berat.\n\n"
    "Warga diminta tetap waspada terhadap gempa susulan.\n\n"
    "Bantuan logistik mulai disalurkan ke posko pengungsian.\n\n"
    "Presiden dijadwalkan meninjau lokasi bencana pada Selasa pagi.\n\n"
    "[ant/rs]"
)


def test_changed_word_is_marked_inside_its_paragraph() -> None:
    out = diff_html(OLD, NEW, context=None)
    assert "<p>BPBD mencatat <del>10</del> <ins>12</ins> orang meninggal dunia" in out
    assert "<p><ins>Presiden dijadwalkan meninjau lokasi bencana pada Selasa pagi.</ins></p>" in out
    assert out.count("<del>") == 1 and out.count("<ins>") == 2
    assert "<p>Warga diminta tetap waspada terhadap gempa susulan.</p>" in out


def test_unchanged_runs_are_shortened_around_the_changes() -> None:
    old = "\n\n".join(f"Paragraf nomor {i} tidak berubah sama sekali." for i in range(10))
    new = old.replace("nomor 5 tidak", "nomor 5 kini")
    out = diff_html(old, new, context=1)
    assert out.count("<p>…</p>") == 2
    assert "nomor 4" in out and "nomor 6" in out and "nomor 0" not in out and "nomor 9" not in out
    assert "<del>tidak</del> <ins>kini</ins>" in out


def test_unrelated_paragraph_is_replaced_whole() -> None:
    out = diff_html("Satu dua tiga empat lima.", "Sepuluh sebelas dua belas tiga belas.")
    assert out == (
        "<p><del>Satu dua tiga empat lima.</del></p>"
        "<p><ins>Sepuluh sebelas dua belas tiga belas.</ins></p>"
    )


def test_removed_paragraph_and_equal_texts() -> None:
    out = diff_html("A satu.\n\nB dua.\n\nC tiga.", "A satu.\n\nC tiga.", context=None)
    assert out == "<p>A satu.</p><p><del>B dua.</del></p><p>C tiga.</p>"
    assert diff_html("A  satu.\n\n\nB dua.", "A satu.\n\nB   dua.") == ""


def test_markup_in_the_text_is_escaped() -> None:
    out = diff_html("Aman <b>tebal</b> & teks.", 'Aman <script>alert(1)</script> & "teks".')
    assert "<script" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out


def test_normalise_ignores_layout_whitespace() -> None:
    assert normalise(" a  b \n\n\n c\t d ") == "a b\n\nc d"
    assert paragraphs("\n\n x \n\n\n y\n") == ["x", "y"]


_WORD = st.text(alphabet="abcdefgh<>&", min_size=1, max_size=6)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_TEXT = st.lists(_PARAGRAPH, min_size=0, max_size=6).map("\n\n".join)


def _side(out: str, keep: str, drop: str) -> list[str]:
    """The words one side of the diff shows: marks of the other side removed."""
    out = re.sub(rf"<{drop}>.*?</{drop}>", " ", out)
    out = re.sub(rf"</?{keep}>", "", out)
    text = re.sub(r"</?p>", " ", out)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return text.split()


@given(_TEXT, _TEXT)
def test_each_side_of_the_diff_is_its_text(old: str, new: str) -> None:
    out = diff_html(old, new, context=None)
    if normalise(old) == normalise(new):
        assert out == ""
        return
    assert _side(out, "del", "ins") == old.split()
    assert _side(out, "ins", "del") == new.split()
