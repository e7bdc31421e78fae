"""EPUB 3 export: a valid book (epubcheck), its package, chapters and images."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from lxml.html import builder as E

from newsreader.core.errors import ExportError
from newsreader.core.export.common import ExportCancelledError, Steps
from newsreader.core.export.epub import chapter_xhtml, write_epub
from newsreader.core.export.formats import export_entries
from newsreader.core.export.xhtml import XHTML, XhtmlBuilder, safe_href
from newsreader.core.types import ImageRef
from tests.helpers.export_data import BODY_TEXT, GIF, JPEG, PNG, TITLE, fill_cache, make_entry

NS = {
    "x": XHTML,
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
}
HOSTILE_TITLE = (
    '<script>alert("judul")</script> & ]]> \x00\x07\x1b[31m \u202egpj.exe ../../etc/passwd '
    "\ufffe" + "Banjir " * 40
)
HOSTILE_BODY = (
    f"<p>{BODY_TEXT} <div>blok di dalam paragraf</div></p>"
    "<ul>teks lepas<p>paragraf</p><li>butir</li></ul>"
    "<dl><dd>tanpa dt</dd><dt>tanpa dd</dt></dl>"
    "<table><caption>Tabel</caption><tr><th><h2>judul sel</h2></th><td><p>sel</p></td></tr>"
    "<tbody><tr><td colspan='2' rowspan='x'>2</td></tr></tbody></table><table>tanpa baris</table>"
    "<figure><figcaption>satu</figcaption>"
    '<img src="https://elshinta.com/upload/j.jpg" alt="Foto JPEG" width="100%">'
    "<figcaption>dua</figcaption></figure>"
    '<p><a href="https://elshinta.com/a b?q=ü">tautan <a href="https://x.id/">bersarang</a></a>'
    ' <a href="javascript:alert(1)">jahat</a> <a href="mailto:redaksi@elshinta.com">surat</a></p>'
    '<p><time datetime="bukan tanggal">kemarin</time> <abbr title="Badan">BNPB</abbr>'
    "<center>tengah</center><font color=red>merah</font><tt>kode</tt><strike>coret</strike></p>"
    "<h1>Judul satu</h1><h6>enam</h6><pre>  kode\n    menjorok</pre><hr>"
    '<p><img src="https://elshinta.com/upload/w.webp" alt="WebP"><img src="https://elshinta.com/'
    'upload/b.bmp" alt="BMP"><img src="https://elshinta.com/upload/none.jpg"></p>'
)


def epubcheck_command() -> list[str]:
    """Debian's epubcheck: a jar, run with java (scripts/install --test installs both)."""
    jar = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
    java = shutil.which("java")
    if java is None or not jar.is_file():
        pytest.fail("epubcheck is not installed: run scripts/install --test")
    return [java, "-jar", str(jar)]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = fill_cache(tmp_path / "cache")
    (folder / "j.jpg").write_bytes(JPEG)
    (folder / "w.webp").write_bytes(b"RIFF\x1a\x00\x00\x00WEBPVP8L" + bytes(14))
    (folder / "b.bmp").write_bytes(b"BM" + bytes(60))
    return folder


def hostile_entry(cache: Path, entry_id: int = 9) -> object:
    images = (
        ImageRef("https://elshinta.com/upload/j.jpg", str(cache / "j.jpg")),
        ImageRef("https://elshinta.com/upload/w.webp", str(cache / "w.webp")),
        ImageRef("https://elshinta.com/upload/b.bmp", str(cache / "b.bmp")),
        ImageRef("https://elshinta.com/upload/none.jpg", None),
    )
    author = "<b>Redaksi</b> & \x01"
    return make_entry(cache, entry_id, title=HOSTILE_TITLE, html=HOSTILE_BODY, images=images,
                      lead_image="", author=author, url="javascript:x()")  # fmt: skip


def book(cache: Path, out: Path, **kwargs: object) -> Path:
    entries = [make_entry(cache, 1), hostile_entry(cache), make_entry(cache, 3, title="")]
    return export_entries(entries, "epub", out / "buku", title=HOSTILE_TITLE, **kwargs)  # type: ignore[arg-type]


def test_the_book_passes_epubcheck(cache: Path, tmp_path: Path) -> None:
    path = book(cache, tmp_path)
    assert path == tmp_path / "buku.epub"
    result = subprocess.run([*epubcheck_command(), str(path)], capture_output=True, text=True,
                            timeout=300, check=False)  # fmt: skip
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors / 0 warnings" in report, report


def test_mimetype_first_and_stored(cache: Path, tmp_path: Path) -> None:
    raw = book(cache, tmp_path).read_bytes()
    # Readers look for the type at a fixed offset: first entry, stored, no extra field.
    assert raw[:4] == b"PK\x03\x04" and raw[30:38] == b"mimetype"
    assert raw[38:58] == b"application/epub+zip"
    with zipfile.ZipFile(tmp_path / "buku.epub") as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b""


def read_book(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_package_metadata_manifest_and_spine(cache: Path, tmp_path: Path) -> None:
    files = read_book(book(cache, tmp_path))
    container = etree.fromstring(files["META-INF/container.xml"])
    assert container[0][0].get("full-path") == "OEBPS/content.opf"
    opf = etree.fromstring(files["OEBPS/content.opf"])
    assert opf.get("version") == "3.0"
    assert opf.findtext(".//dc:language", namespaces=NS) == "id"
    title = opf.findtext(".//dc:title", namespaces=NS)
    assert title.startswith('<script>alert("judul")</script> & ]]> ') and "\x00" not in title
    identifier = opf.findtext(".//dc:identifier", namespaces=NS)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier)
    modified = opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)
    ncx = etree.fromstring(files["OEBPS/toc.ncx"])
    assert ncx.find(".//ncx:meta[@name='dtb:uid']", NS).get("content") == identifier
    items = {i.get("href"): i for i in opf.iterfind(".//opf:item", NS)}
    packaged = {n.removeprefix("OEBPS/") for n in files if n.startswith("OEBPS/")}
    assert set(items) == packaged - {"content.opf"}  # every file declared, nothing missing
    assert items["nav.xhtml"].get("properties") == "nav"
    spine = [ref.get("idref") for ref in opf.iterfind(".//opf:itemref", NS)]
    assert spine == ["nav", "c0001", "c0002", "c0003"]
    images = sorted(h for h, i in items.items() if i.get("media-type").startswith("image/"))
    assert [items[h].get("media-type") for h in images] == [
        "image/png", "image/png", "image/gif", "image/jpeg"]  # fmt: skip
    # webp and bmp are no EPUB core media types: left out, shown as their alt text.


def test_modified_date_and_identifier_can_be_given(cache: Path, tmp_path: Path) -> None:
    moment = datetime(2024, 5, 1, 17, 30, 15, tzinfo=timezone(timedelta(hours=7)))
    target = tmp_path / "b.epub"
    with target.open("wb") as handle:
        write_epub([make_entry(cache)], handle, "Arsip", Steps(1), now=moment,
                   book_id="urn:uuid:00000000-0000-4000-8000-000000000000")  # fmt: skip
    opf = etree.fromstring(read_book(target)["OEBPS/content.opf"])
    assert opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS) == (
        "2024-05-01T10:30:15Z"
    )
    assert opf.findtext(".//dc:identifier", namespaces=NS).endswith("-000000000000")
    assert opf.findtext(".//dc:title", namespaces=NS) == "Arsip"


def test_table_of_contents(cache: Path, tmp_path: Path) -> None:
    files = read_book(book(cache, tmp_path))
    nav = etree.fromstring(files["OEBPS/nav.xhtml"])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    links = [(a.get("href"), a.text) for a in toc.iterfind(".//x:a", NS)]
    assert [href for href, _ in links] == [f"text/c000{n}.xhtml" for n in (1, 2, 3)]
    assert links[0][1] == TITLE
    assert links[1][1].startswith('<script>alert("judul")</script>')
    assert links[2][1] == "https://elshinta.com/news/3/2020/10/26/belarus"  # no title: the URL
    ncx = etree.fromstring(files["OEBPS/toc.ncx"])
    labels = [t.text for t in ncx.iterfind(".//ncx:navPoint/ncx:navLabel/ncx:text", NS)]
    assert labels == [text for _, text in links]


def test_chapters_are_xhtml_in_indonesian_with_local_images_only(
    cache: Path, tmp_path: Path
) -> None:
    files = read_book(book(cache, tmp_path))
    first = etree.fromstring(files["OEBPS/text/c0001.xhtml"])
    assert first.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    text = "".join(first.itertext())
    assert BODY_TEXT in text and "Senin, 26 Oktober 2020 11:26 WIB" in text
    assert "Baca Juga" in text and "[Tidak ada]" in text and "[Rusak]" in text
    for name, data in files.items():
        if name.endswith(".xhtml"):
            doc = etree.fromstring(data)
            assert doc.find(".//x:script", NS) is None
            for img in doc.iterfind(".//x:img", NS):
                target = (Path("OEBPS/text") / img.get("src")).as_posix()
                assert not img.get("src").startswith(("http", "//", "data:"))
                assert os.path.normpath(target) in files and img.get("alt") is not None
    hostile = etree.fromstring(files["OEBPS/text/c0002.xhtml"])
    missing = [s.text for s in hostile.iterfind(".//x:span[@class='missing-image']", NS)]
    assert missing == ["[WebP]", "[BMP]", "[gambar]"]
    assert hostile.find(".//x:img", NS).get("src") == "../images/i0004.jpg"
    assert "javascript" not in files["OEBPS/text/c0002.xhtml"].decode()
    assert files["OEBPS/images/i0003.gif"] == GIF and files["OEBPS/images/i0001.png"] == PNG


def build(html: str) -> etree._Element:
    root = etree.Element(f"{{{XHTML}}}div", nsmap={None: XHTML})
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    XhtmlBuilder(lambda src: "../images/a.png" if src.endswith("a.png") else None).flow(tree, root)
    return root


def markup(root: etree._Element) -> str:
    text = etree.tostring(root, encoding="unicode")
    return text.replace(f' xmlns="{XHTML}"', "").removeprefix("<div>").removesuffix("</div>")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<ul>x<li>y</li><p>z</p></ul>", "<ul><li>x</li><li>y</li><li><p>z</p></li></ul>"),
        ("<dl><dd>d</dd><dt>t</dt></dl>", "<dl><dt/><dd>d</dd><dt>t</dt><dd/></dl>"),
        ("<figure><figcaption>c</figcaption><img src='a.png'></figure>",
         '<figure><img src="../images/a.png" alt=""/><figcaption>c</figcaption></figure>'),
        ("<p><a href='javascript:x'>j</a><a href='ftp://x'>f</a></p>",
         "<p><span>j</span><span>f</span></p>"),
        ("<h1>a</h1><h3>b</h3>", "<h2>a</h2><h3>b</h3>"),
        ("<center>c</center><tt>t</tt>", "<div>c</div><code>t</code>"),
        ("<p><img src='x.jpg' alt='Foto'></p>", '<p><span class="missing-image">[Foto]</span></p>'),
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ("<ol start='3'><li>c</li></ol><ol start='x'><li>d</li></ol>",
         '<ol start="3"><li>c</li></ol><ol><li>d</li></ol>'),
        ("<table><tr><th><h2>h</h2></th><td colspan='2'>d</td></tr></table>",
         '<table><tbody><tr><th> h </th><td colspan="2">d</td></tr></tbody></table>'),
        ("<table><caption>t</caption></table>", "t"),
        ("<p>esc\x1b dan \x07 bel</p>", "<p>esc dan  bel</p>"),
    ],
)  # fmt: skip
def test_xhtml_builder(html: str, expected: str) -> None:
    assert markup(build(html)) == expected


def test_xhtml_builder_flattens_what_a_parser_would_keep() -> None:
    """Trees made by hand (a parser already mends these): blocks in a paragraph, nested
    links, blocks in an inline element."""
    root = etree.Element(f"{{{XHTML}}}div", nsmap={None: XHTML})
    tree = E.DIV(
        E.P("a ", E.UL(E.LI("b")), " c"),
        E.P(E.A("x", E.A("y", href="https://b.id"), href="https://a.id/x y")),
        E.SPAN(E.TABLE(E.TR(E.TD("sel"))), E.FIGURE(E.IMG(src="a.png"))),
    )
    XhtmlBuilder(lambda src: "../images/a.png" if src == "a.png" else None).flow(tree, root)
    assert markup(root) == (
        '<p>a   b   c</p><p><a href="https://a.id/x%20y">x<span>y</span></a></p>'
        '<span>   sel    <img src="../images/a.png" alt=""/> </span>'
    )


def test_safe_href() -> None:
    assert safe_href("https://elshinta.com/berita ku?q=ü#x") == (
        "https://elshinta.com/berita%20ku?q=%C3%BC#x"
    )
    assert safe_href("mailto:redaksi@elshinta.com") == "mailto:redaksi@elshinta.com"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/relatif", "https://", "http://[::1"):
        assert safe_href(bad) is None


def test_chapter_with_injected_parts_parses(cache: Path) -> None:
    data = chapter_xhtml(hostile_entry(cache), lambda src: None)  # type: ignore[arg-type]
    doc = etree.fromstring(data)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>")
    assert doc.findtext(".//x:title", namespaces=NS).startswith("<script>")
    assert "Penulis: <b>Redaksi</b> & " in "".join(doc.find(".//x:p", NS).itertext())


def test_cancel_leaves_no_book(cache: Path, tmp_path: Path) -> None:
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:
            cancel.set()

    with pytest.raises(ExportCancelledError):
        book(cache, tmp_path, progress=progress, cancel=cancel)
    assert seen == [(0, 3), (1, 3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_existing_book_is_kept_without_force(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "buku.epub").write_bytes(b"milik pengguna")
    with pytest.raises(ExportError, match="already exists"):
        book(cache, tmp_path)
    assert (tmp_path / "buku.epub").read_bytes() == b"milik pengguna"
    assert zipfile.is_zipfile(book(cache, tmp_path, force=True))
