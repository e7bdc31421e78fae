"""MainWindow on a real library in tmp_path, fed from the demo site on loopback."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool, QUrl

from newsreader.core.library import Library, open_library
from newsreader.demo import install_demo_rule
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import NodeKey
from tests.helpers.demo_fixtures import DemoSite

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT_MS = 30_000  # a whole refresh of the demo site, articles and images included


@pytest.fixture
def window(qtbot, demo_site: DemoSite, tmp_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    data_dir = tmp_path / "data"
    install_demo_rule(data_dir, demo_site.base_url)
    library: Library = open_library(data_dir)
    win = MainWindow(library, settings=settings)
    qtbot.addWidget(win)
    yield win
    win.close()  # stops the scheduler thread before the library goes away
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    library.close()


def _subscribe(qtbot, window: MainWindow, url: str) -> None:
    dialog = window.feeds_ctl.show_add_dialog(initial_url=url)
    dialog.accept()
    qtbot.waitUntil(lambda: "Updated at" in window.updated_label.text(), timeout=WAIT_MS)


def _select_title(window: MainWindow, title: str) -> int:
    model = window.entry_model
    for row in range(model.rowCount()):
        summary = model.entry_at(row)
        if summary is not None and summary.title == title:
            assert window.entry_list.select_entry(summary.id)
            return summary.id
    raise AssertionError(f"{title!r} not in the list")


def test_read_follow_star_and_export_the_seed_article(
    qtbot, window: MainWindow, demo_site: DemoSite, tmp_path: Path
) -> None:
    _subscribe(qtbot, window, demo_site.url("/rss"))
    assert window.message_bar.level() != "error", window.message_bar.text()
    window.feed_tree.select_key(NodeKey("view", "all"))
    seed = demo_site.seed
    seed_id = _select_title(window, seed["title"])

    text = window.article_view.toPlainText()
    assert seed["first_paragraph"] in text
    assert seed["last_paragraph"] in text
    assert "DISCLAIMER" not in text
    assert "Extracted by" not in text  # how is for `show --json`, not the header
    related = seed["related"]
    for link in related:
        assert link["title"] in text
    sources = re.findall(r'<img[^>]*src="([^"]+)"', window.article_view.toHtml())
    assert sources and all(src.startswith("file://") for src in sources)  # the cached lead image
    qtbot.waitUntil(lambda: window.library.entry(seed_id).read)

    target = related[2]
    window.article_view.anchorClicked.emit(QUrl(target["url"]))
    qtbot.waitUntil(
        lambda: (shown := window.article_view.entry()) is not None and shown.url == target["url"],
        timeout=WAIT_MS,
    )
    followed = window.article_view.entry()
    assert followed is not None
    assert demo_site.article(target["url"])["first_paragraph"] in window.article_view.toPlainText()

    window.commands.star.trigger()
    qtbot.waitUntil(lambda: window.library.entry(followed.id).starred)
    qtbot.waitUntil(lambda: window.feed_tree.feed_model().index_for(NodeKey("view", "starred"))
                    .isValid())  # fmt: skip

    dialog = window.feeds_ctl.show_export_dialog()
    dialog.starred_radio.setChecked(True)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    out = tmp_path / "starred.json"
    dialog.set_path(out)
    dialog.accept()
    qtbot.waitUntil(lambda: "Exported 1 article" in window.message_bar.text(), timeout=WAIT_MS)
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert target["title"] in json.dumps(exported, ensure_ascii=False)
