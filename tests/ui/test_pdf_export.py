"""PDF export and printing through Qt's PDF writer: pages, pictures, embedded fonts, offline,
safe writing. Checked with poppler's tools (scripts/install --test)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from newsreader.core.errors import ExportError
from newsreader.core.export.common import ExportCancelledError
from newsreader.core.types import Entry, ImageRef
from newsreader.ui.controllers.printing import ArticlePrinter
from newsreader.ui.pdf_export import _OfflineDocument, export_pdf
from newsreader.ui.widgets.message_bar import MessageHub
from tests.helpers.export_data import BODY_TEXT, TITLE, fill_cache, make_entry

LONG_TEXT = (
    "Presiden Joko Widodo meminta seluruh jajaran pemerintah daerah memperkuat koordinasi "
    "penanganan banjir yang melanda sejumlah wilayah di Kalimantan Selatan sejak pekan lalu. "
)


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is not installed: run scripts/install --test")
    result = subprocess.run([tool, *args], capture_output=True, text=True, timeout=120,
                            check=True)  # fmt: skip
    return result.stdout


@pytest.fixture
def cache(tmp_path: Path, qapp: object) -> Path:
    folder = fill_cache(tmp_path / "cache")
    photo = QImage(800, 400, QImage.Format.Format_RGB32)
    photo.fill(QColor(220, 20, 20))  # pure red: easy to find on the rendered page
    assert photo.save(str(folder / "red.jpg"), "JPG", 90)
    return folder


def entries(cache: Path) -> list[Entry]:
    images = (
        ImageRef("https://elshinta.com/upload/red.jpg", str(cache / "red.jpg")),
        ImageRef("https://elshinta.com/upload/none.jpg", None),
    )
    body = (
        f"<p>{BODY_TEXT} — “kutipan” dan Rp\u00a01.000.</p>"
        '<figure><img src="https://elshinta.com/upload/red.jpg" alt="Banjir">'
        "<figcaption>Keterangan foto banjir</figcaption></figure>"
        '<p><img src="https://elshinta.com/upload/none.jpg" alt="Tidak tersimpan"> setelah</p>'
        '<p><img src="file:///etc/hostname" alt="Berkas lokal"></p>'
        + f"<p>{LONG_TEXT * 6}</p>"
        * 12
    )
    first = make_entry(cache, 1, html=body, images=images, lead_image="")
    second = make_entry(cache, 2, title="Artikel kedua: banjir di Banjarmasin", author="Redaksi",
                        html="<p>Pendek saja.</p>", images=(), lead_image="")  # fmt: skip
    return [first, second]


def page_text(pdf: Path, page: int) -> str:
    return poppler("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-")


def test_articles_start_on_new_pages_with_header_and_text(cache: Path, tmp_path: Path) -> None:
    pdf = export_pdf(entries(cache), tmp_path / "arsip")
    assert pdf == tmp_path / "arsip.pdf"
    info = poppler("pdfinfo", str(pdf))
    assert "A4" in info and "Title:           Newsreader" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3  # the long article runs over two pages at least
    first = " ".join(page_text(pdf, 1).split())
    assert " ".join(TITLE.split()[:4]) in first
    assert "Sumber: Elshinta Internasional" in first and "Senin, 26 Oktober 2020 11:26 WIB" in first
    assert "Penulis: Mitra Elshinta Feeder" in first
    assert "“kutipan” dan Rp 1.000" in first and "“menormalisasi”" in first
    assert "[Tidak tersimpan] setelah" in first and "[Berkas lokal]" in first
    last = " ".join(page_text(pdf, pages).split())
    assert last.startswith("Artikel kedua: banjir di Banjarmasin")  # on a page of its own
    assert "Penulis: Redaksi" in last and "Pendek saja." in last
    previous = page_text(pdf, pages - 1)
    assert "Artikel kedua" not in previous and "Baca Juga" in previous


def test_fonts_are_embedded_and_only_cached_pictures_drawn(cache: Path, tmp_path: Path) -> None:
    pdf = export_pdf(entries(cache), tmp_path / "arsip.pdf")
    fonts = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    images = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert len(images) == 1 and images[0].split()[3:5] == ["800", "400"]
    poppler("pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p"))
    page = QImage(str(tmp_path / "p-1.png"))
    reds = sum(
        1
        for y in range(0, page.height(), 2)
        for x in range(0, page.width(), 2)
        if (c := page.pixelColor(x, y)).red() > 180 and c.green() < 80 and c.blue() < 80
    )
    assert reds > 200  # the cached photo is on the first page


def test_the_document_loads_no_resource(tmp_path: Path) -> None:
    """Every answer is empty, never None (on which Qt may read the name itself), and nothing
    named in the markup ends up in the document."""
    image, sheet = (
        QTextDocument.ResourceType.ImageResource,
        QTextDocument.ResourceType.StyleSheetResource,
    )
    doc = _OfflineDocument()
    for url in ("https://elshinta.com/a.jpg", "file:///etc/hostname", "/etc/hostname"):
        picture = doc.loadResource(image.value, QUrl(url))
        assert isinstance(picture, QImage) and picture.isNull()
        for kind in (sheet, QTextDocument.ResourceType.HtmlResource):
            text = doc.loadResource(kind.value, url)  # a str as well as a QUrl
            assert isinstance(text, QByteArray) and text.isEmpty()
    css = tmp_path / "merah.css"
    css.write_text("p { color: #ff0000 }")
    doc.setHtml(f'<link rel="stylesheet" type="text/css" href="{css}">'
                '<link rel="stylesheet" type="text/css" href="/etc/passwd"><p>teks</p>'
                '<img src="/etc/hostname"><img src="file:///etc/hostname">')  # fmt: skip
    page = QImage(400, 400, QImage.Format.Format_RGB32)
    painter = QPainter(page)
    doc.drawContents(painter)
    painter.end()
    for name in ("/etc/hostname", "file:///etc/hostname"):
        held = doc.resource(image.value, QUrl(name))
        assert held is None or (isinstance(held, QImage) and held.isNull())
    for name in (str(css), "/etc/passwd"):
        held = doc.resource(sheet.value, QUrl(name))
        assert held is None or (isinstance(held, QByteArray) and held.isEmpty())
    assert doc.firstBlock().charFormat().foreground().color().name() != "#ff0000"


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_the_pdf_follows_the_umask(cache: Path, tmp_path: Path, umask: int) -> None:
    """Like the other exports: a file to share, sync or serve, not one only its owner reads."""
    old = os.umask(umask)
    try:
        path = export_pdf(entries(cache), tmp_path / "arsip.pdf")
        again = export_pdf(entries(cache), path, force=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(again.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arsip.pdf", "cache"]


def test_safe_writing(cache: Path, tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"milik pengguna")
    with pytest.raises(ExportError, match="already exists"):
        export_pdf(entries(cache), target)
    assert target.read_bytes() == b"milik pengguna"
    seen: list[tuple[int, int]] = []
    cancel = threading.Event()

    def stop(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:
            cancel.set()

    with pytest.raises(ExportCancelledError):
        export_pdf(entries(cache), target, force=True, progress=stop, cancel=cancel)
    assert seen == [(0, 2), (1, 2)]
    assert target.read_bytes() == b"milik pengguna"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "cache"]  # no temp file
    with pytest.raises(ExportError, match="nothing to export"):
        export_pdf([], tmp_path / "b.pdf")
    with pytest.raises(ExportError, match="could not write"):
        export_pdf(entries(cache), tmp_path / "tidak-ada" / "c.pdf")
    assert export_pdf(entries(cache), target, force=True).read_bytes().startswith(b"%PDF-")


def test_print_the_current_article_to_a_pdf_printer(qtbot, cache: Path, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.add_widget(window)
    hub = MessageHub(window)
    shown = entries(cache)[0]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    assert ArticlePrinter(lambda: shown, hub, window).print_to(printer)
    text = " ".join(poppler("pdftotext", str(tmp_path / "cetak.pdf"), "-").split())
    assert " ".join(TITLE.split()[:4]) in text and "“menormalisasi”" in text
    assert len(poppler("pdfimages", "-list", str(tmp_path / "cetak.pdf")).splitlines()) == 3
    assert not ArticlePrinter(lambda: None, hub, window).print_to(printer)


def test_a_long_export_does_not_wear_down_none(cache: Path, tmp_path: Path) -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to None per void call (the interpreter
    aborts after a few thousand pages): pyproject.toml excludes that release; this guards it."""
    many = [make_entry(cache, n, html=f"<p>{LONG_TEXT * 20}</p>", images=(), lead_image="")
            for n in range(40)]  # fmt: skip
    before = sys.getrefcount(None)
    export_pdf(many, tmp_path / "panjang.pdf")
    assert sys.getrefcount(None) >= before - 50
