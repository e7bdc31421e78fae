"""ArticleViewWidget: rendering, local-only resources, link handling."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from newsreader.core.extract.nesting import MAX_DEPTH
from newsreader.ui.widgets.article_view import ArticleViewWidget
from tests.helpers.fakes import (
    CACHED_IMAGE_URL,
    RELATED_FETCH_URL,
    RELATED_STORED_URL,
    REMOTE_IMAGE_URL,
    SEED_TITLE,
    FakeLibrary,
    write_png,
)

IMAGE = QTextDocument.ResourceType.ImageResource
STYLESHEET = QTextDocument.ResourceType.StyleSheetResource
HTML = QTextDocument.ResourceType.HtmlResource


class RecordingView(ArticleViewWidget):
    """Remembers every resource the document asked for."""

    def __init__(self, data_dir: Path) -> None:
        self.requested: list[str] = []
        super().__init__(data_dir)

    def loadResource(self, type_: int, name: QUrl) -> Any:
        self.requested.append(name.toString())
        return super().loadResource(type_, name)


@pytest.fixture
def view(qtbot, fake_library: FakeLibrary) -> RecordingView:
    widget = RecordingView(fake_library.data_dir)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.opened: list[QUrl] = []  # type: ignore[attr-defined]
    widget.open_external = lambda url: widget.opened.append(url) or True  # type: ignore[attr-defined]
    return widget


def test_placeholder_when_nothing_is_selected(view: RecordingView) -> None:
    assert view.entry() is None
    assert "Select an article" in view.toPlainText()


def test_article_title_body_and_related_links_are_rendered(
    view: RecordingView, fake_library: FakeLibrary
) -> None:
    entry = fake_library.entry(1)
    view.show_entry(entry, cached_urls={RELATED_STORED_URL})
    text = view.toPlainText()
    assert view.entry() == entry
    assert SEED_TITLE in text
    assert "Lukashenko masih terus berkuasa" in text
    assert "VOA Indonesia" in text
    assert "Related" in text
    for link in entry.related:
        assert link.title in text
    assert "saved offline" in text
    assert "[Peta Belarus]" in text  # the uncached image, as its alt text
    assert "Extracted by" not in text  # how is for `show --json`, not the header


def test_cached_images_load_from_the_cache_and_nothing_remote_is_requested(
    qtbot, view: RecordingView, fake_library: FakeLibrary
) -> None:
    view.show_entry(fake_library.entry(1))
    view.show()
    qtbot.waitExposed(view)
    cached = QUrl.fromLocalFile(str(fake_library.image_path.resolve())).toString()
    qtbot.waitUntil(lambda: cached in view.requested)
    assert all(url.startswith("file://") for url in view.requested)
    assert REMOTE_IMAGE_URL not in view.toHtml()
    assert CACHED_IMAGE_URL not in view.toHtml()
    image = view.document().resource(IMAGE, QUrl(cached))
    assert isinstance(image, QImage) and not image.isNull()


def _empty(resource: object) -> bool:
    """An answer that is no resource and still not None: None makes Qt load the name itself."""
    if isinstance(resource, QImage):
        return resource.isNull()
    return isinstance(resource, QByteArray) and resource.isEmpty()


def _loaded(resource: object) -> bool:
    """Whether the document holds anything under a name (Qt caches what it read itself)."""
    if isinstance(resource, QImage | QPixmap):
        return not resource.isNull()
    if isinstance(resource, QByteArray):
        return not resource.isEmpty()
    return resource is not None


def test_load_resource_refuses_http_and_files_outside_the_article(
    view: RecordingView, fake_library: FakeLibrary, tmp_path: Path
) -> None:
    view.show_entry(fake_library.entry(1))
    assert _empty(view.loadResource(IMAGE, QUrl(REMOTE_IMAGE_URL)))
    assert _empty(view.loadResource(IMAGE, QUrl("http://127.0.0.1:1/x.png")))
    stray = write_png(fake_library.data_dir / "images" / "zz" / "other.png")
    assert _empty(view.loadResource(IMAGE, QUrl.fromLocalFile(str(stray))))
    outside = write_png(tmp_path / "elsewhere.png")
    assert _empty(view.loadResource(IMAGE, QUrl.fromLocalFile(str(outside))))
    for kind in (STYLESHEET, HTML, IMAGE):
        for name in ("/etc/hostname", "file:///etc/passwd", "https://x.example/a.css"):
            assert _empty(view.loadResource(kind, QUrl(name))), (kind, name)
    own = view.loadResource(IMAGE, QUrl.fromLocalFile(str(fake_library.image_path)))
    assert isinstance(own, QImage) and not own.isNull()


def test_markup_naming_local_files_loads_none_of_them(
    qtbot, view: RecordingView, tmp_path: Path
) -> None:
    """Whatever markup reaches the pane, Qt reads no file it names: when ``loadResource``
    answered None, Qt read the path itself (a FIFO froze the window, /dev/zero aborted it)."""
    picture = write_png(tmp_path / "elsewhere.png")
    sheet = tmp_path / "evil.css"
    sheet.write_text("p { color: #ff0000 }")
    images = ["/etc/hostname", "file:///etc/hostname", str(picture),
              QUrl.fromLocalFile(str(picture)).toString()]  # fmt: skip
    view.setHtml(
        f'<html><head><link rel="stylesheet" type="text/css" href="{sheet}">'
        '<link rel="stylesheet" type="text/css" href="/etc/passwd"></head>'
        "<body><p>teks</p><p>"
        + "".join(f'<img src="{src}">' for src in images)
        + "</p></body></html>"
    )
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # laid out and painted: every picture was asked for
    assert set(images) <= set(view.requested)
    for src in images:
        assert not _loaded(view.document().resource(IMAGE, QUrl(src))), src
    for href in (str(sheet), "/etc/passwd"):
        assert not _loaded(view.document().resource(STYLESHEET, QUrl(href))), href
    paragraph = view.document().findBlockByNumber(0)
    assert paragraph.text() == "teks"
    assert paragraph.charFormat().foreground().color().name() != "#ff0000"
    assert view.searchPaths() == []
    assert not view.openLinks() and not view.openExternalLinks()


def _depth(html: str) -> int:
    deepest = depth = 0
    for match in re.finditer(r"<(/?)div\b", html):
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def test_deep_nesting_is_flattened_before_the_pane_lays_it_out(
    view: RecordingView, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pane's layout is quadratic in the nesting depth (10,000 levels: 12 s); an article
    stored by an older version may be that deep."""
    given: list[str] = []

    def set_html(html: str) -> None:
        given.append(html)
        QTextBrowser.setHtml(view, html)

    monkeypatch.setattr(view, "setHtml", set_html)
    levels = 1000
    deep = dataclasses.replace(
        fake_library.entry(2), html="<div>" * levels + "paling dalam" + "</div>" * levels
    )
    view.show_entry(deep)
    assert _depth(given[-1]) <= MAX_DEPTH
    assert "paling dalam" in view.toPlainText()
    view.show_changes("<div>" * levels + "<ins>baru</ins>" + "</div>" * levels)
    assert _depth(given[-1]) <= MAX_DEPTH
    assert "baru" in view.toPlainText()


def test_an_image_file_outside_the_cache_is_never_shown(
    view: RecordingView, fake_library: FakeLibrary, tmp_path: Path
) -> None:
    from dataclasses import replace

    from newsreader.core.types import ImageRef

    outside = write_png(tmp_path / "secret.png")
    entry = replace(
        fake_library.entry(1), images=(ImageRef(CACHED_IMAGE_URL, str(outside)),), lead_image=""
    )
    view.show_entry(entry)
    assert "secret.png" not in view.toHtml()
    assert "[Lukashenko]" in view.toPlainText()


def test_a_related_link_emits_the_signal(
    qtbot, view: RecordingView, fake_library: FakeLibrary
) -> None:
    view.show_entry(fake_library.entry(1))
    with qtbot.waitSignal(view.related_link_activated) as blocker:
        view.anchorClicked.emit(QUrl(RELATED_FETCH_URL))
    assert blocker.args == [RELATED_FETCH_URL]
    assert view.opened == []  # type: ignore[attr-defined]


def test_other_web_links_open_in_the_browser(
    qtbot, view: RecordingView, fake_library: FakeLibrary
) -> None:
    entry = fake_library.entry(1)
    view.show_entry(entry)
    with qtbot.assertNotEmitted(view.related_link_activated):
        view.anchorClicked.emit(QUrl(entry.url))
    assert view.opened == [QUrl(entry.url)]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "ftp://a/b"]
)
def test_other_links_do_nothing(
    qtbot, view: RecordingView, fake_library: FakeLibrary, link: str
) -> None:
    view.show_entry(fake_library.entry(1))
    before = view.toHtml()
    with qtbot.assertNotEmitted(view.related_link_activated):
        view.anchorClicked.emit(QUrl(link))
    assert view.opened == []  # type: ignore[attr-defined]
    assert view.toHtml() == before


def test_loading_notice_and_state_updates(view: RecordingView, fake_library: FakeLibrary) -> None:
    view.show_entry(fake_library.entry(1))
    view.update_entry_state(starred=True)
    entry = view.entry()
    assert entry is not None and entry.starred and not entry.read
    view.show_loading("Judul terkait")
    assert view.entry() is None
    assert "Loading" in view.toPlainText() and "Judul terkait" in view.toPlainText()
