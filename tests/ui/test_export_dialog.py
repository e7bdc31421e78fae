"""ExportDialog: selections, formats and targets, a real export in the background with its
progress, Cancel, and the question before replacing anything."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from newsreader.core.export.common import ExportCancelledError
from newsreader.core.library import Library
from newsreader.ui.dialogs.export import ExportDialog
from tests.helpers.export_data import JPEG, PNG
from tests.helpers.export_library import fill_library, open_filled
from tests.helpers.fakes import FakeLibrary


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = open_filled(tmp_path / "data", 4, lambda n, i: PNG if i else JPEG)
    fill_library(lib, 2, lambda n, i: PNG, starred=False, feed_title="Ekonomi")
    yield lib
    lib.close()


def make_dialog(qtbot, library: object, selected=(), **kwargs) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(library, list(selected), **kwargs)  # type: ignore[arg-type]
    qtbot.add_widget(dialog)
    return dialog


def answer_replace(monkeypatch: pytest.MonkeyPatch, answer: str, asked: list[str]) -> None:
    """The overwrite question answers itself: the button named ``answer`` is clicked."""

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == answer).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)


def test_formats_change_the_target(qtbot, fake_library: FakeLibrary, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, fake_library)
    keys = [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())]
    assert keys == ["html", "md", "md-files", "epub", "pdf", "json"]
    dialog.set_path(tmp_path / "arsip.html")
    for key, name in (("epub", "arsip.epub"), ("md-files", "arsip"), ("pdf", "arsip.pdf"),
                      ("md", "arsip.md"), ("json", "arsip.json")):  # fmt: skip
        dialog.set_format(key)
        assert Path(dialog.path_edit.text()) == tmp_path / name


def test_selection_choices(qtbot, fake_library: FakeLibrary) -> None:
    dialog = make_dialog(qtbot, fake_library)
    assert dialog.starred_radio.isChecked() and not dialog.selected_radio.isEnabled()
    assert dialog.feed_radio.isHidden()  # no feed was current
    assert dialog.selection() == {"starred": True}
    feed = fake_library.feed(2)
    dialog = make_dialog(qtbot, fake_library, [1, 2], feed=feed)
    assert dialog.selected_radio.isChecked() and "(2)" in dialog.selected_radio.text()
    assert not dialog.range_check.isEnabled()  # picked rows are exported as picked
    assert feed.title in dialog.feed_radio.text() and not dialog.feed_radio.isHidden()
    dialog.feed_radio.setChecked(True)
    assert dialog.range_check.isEnabled() and not dialog.since_edit.isEnabled()
    dialog.set_date_range(date(2021, 6, 1), date(2021, 6, 3))
    assert dialog.since_edit.isEnabled()
    assert dialog.selection() == {
        "starred": False,
        "feed_id": 2,
        "since": datetime.combine(date(2021, 6, 1), time()).astimezone(),
        "until": datetime.combine(date(2021, 6, 4), time()).astimezone(),  # whole last day
    }


def test_exports_an_epub_in_the_background(qtbot, library: Library, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, library)
    dialog.set_format("epub")
    dialog.set_path(tmp_path / "buku.epub")
    values: list[int] = []
    dialog.progress_bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000) as finished:
        dialog.accept()
        assert (
            dialog.is_busy()
            and not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        )
    path, count = finished.args
    assert path == tmp_path / "buku.epub" and count == 4
    with zipfile.ZipFile(path) as book:
        assert sum(n.startswith("OEBPS/text/") for n in book.namelist()) == 4
    assert values[-1] == 4 and dialog.result() == dialog.DialogCode.Accepted


@pytest.mark.parametrize("key", ["pdf", "md-files"])
def test_feed_and_date_range_selection_exports(
    qtbot, library: Library, tmp_path: Path, key: str
) -> None:
    feed = next(f for f in library.feeds() if f.title == "Ekonomi")
    dialog = make_dialog(qtbot, library, feed=feed)
    dialog.feed_radio.setChecked(True)
    dialog.set_date_range(date(2021, 5, 31), date(2021, 6, 2))
    dialog.set_format(key)
    dialog.set_path(tmp_path / "ekonomi")
    with qtbot.waitSignal(dialog.export_finished, timeout=30_000) as finished:
        dialog.accept()
    path, count = finished.args
    assert count == 2
    if key == "pdf":
        assert path == tmp_path / "ekonomi.pdf" and path.read_bytes().startswith(b"%PDF-")
    else:
        assert len(list(path.glob("*.md"))) == 2 and (path / "images").is_dir()


def test_an_empty_selection_is_reported(qtbot, library: Library, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, library)
    dialog.set_date_range(date(2000, 1, 1), date(2000, 1, 2))
    dialog.set_path(tmp_path / "kosong.html")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden())
    assert "No articles match" in dialog.error_label.text() and dialog.isEnabled()
    dialog.set_date_range(date(2000, 1, 3), date(2000, 1, 2))
    dialog.accept()
    assert "after the last" in dialog.error_label.text() and not dialog.is_busy()
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


class _SlowLibrary(FakeLibrary):
    """Its export reports one article done, then waits until it is cancelled."""

    def export(self, entry_ids, fmt, path, *, force=False, per_article=False, title="",  # type: ignore[no-untyped-def,override]
               progress=None, cancel=None):  # fmt: skip
        assert progress is not None and cancel is not None
        progress(0, 3)
        progress(1, 3)
        if not cancel.wait(20):
            raise AssertionError("never cancelled")
        raise ExportCancelledError("export cancelled")


def test_cancel_stops_the_export_and_the_window_stays_responsive(qtbot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, _SlowLibrary(tmp_path / "data"), [1, 2, 3])
    dialog.set_path(tmp_path / "lambat.html")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() == 1)
    assert dialog.progress_bar.maximum() == 3 and not dialog.progress_bar.isHidden()
    ticks = threading.Event()
    QTimer.singleShot(0, ticks.set)  # the GUI thread keeps handling events meanwhile
    qtbot.waitUntil(ticks.is_set)
    dialog.reject()  # Cancel while busy: stop, do not close
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert "cancelled" in dialog.error_label.text() and dialog.result() == 0
    assert dialog.progress_bar.isHidden() and not (tmp_path / "lambat.html").exists()
    dialog.reject()  # now Cancel closes
    assert dialog.result() == dialog.DialogCode.Rejected


def test_asks_before_replacing(
    qtbot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "arsip.html"
    target.write_text("milik pengguna")
    asked: list[str] = []
    answer_replace(monkeypatch, "Cancel", asked)
    dialog = make_dialog(qtbot, library)
    dialog.set_path(target)
    dialog.accept()
    assert asked == ["arsip.html already exists. Replace it?"] and not dialog.is_busy()
    assert target.read_text() == "milik pengguna"
    answer_replace(monkeypatch, "Replace", asked)
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.accept()
    assert "Banjir" in target.read_text(encoding="utf-8")


def test_asks_before_adding_to_a_folder(
    qtbot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "arsip").mkdir()
    (tmp_path / "arsip" / "catatan.txt").write_text("punya saya")
    (tmp_path / "lain_images").mkdir()
    asked: list[str] = []
    answer_replace(monkeypatch, "Replace", asked)
    dialog = make_dialog(qtbot, library)
    dialog.set_format("md-files")
    dialog.set_path(tmp_path / "arsip")
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.accept()
    assert asked and "The folder arsip exists" in asked[0]
    assert len(list((tmp_path / "arsip").glob("*.md"))) == 4
    assert (tmp_path / "arsip" / "catatan.txt").read_text() == "punya saya"
    dialog = make_dialog(qtbot, library)
    dialog.set_format("md")
    dialog.set_path(tmp_path / "lain.md")
    answer_replace(monkeypatch, "Cancel", asked)
    dialog.accept()  # the images folder beside the file would be written into: asked too
    assert asked[-1] == "lain_images already exists. Replace it?"
    assert not (tmp_path / "lain.md").exists()


def test_a_file_chosen_in_the_file_dialog_is_not_asked_about_again(
    qtbot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "dipilih.json"
    target.write_text("[]")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "dipilih"), ""))  # fmt: skip
    asked: list[str] = []
    answer_replace(monkeypatch, "Cancel", asked)
    dialog = make_dialog(qtbot, library)
    dialog.set_format("json")
    dialog.browse_button.click()
    assert Path(dialog.path_edit.text()) == target
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.accept()
    assert asked == [] and target.read_text(encoding="utf-8").startswith("[\n  {")


def test_the_default_folder_exists(
    qtbot, fake_library: FakeLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system's Documents folder is only a name: where it is missing, home is offered."""
    home, documents = tmp_path / "home", tmp_path / "home" / "Documents"
    home.mkdir()
    monkeypatch.setattr(Path, "home", lambda: home)
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    assert Path(make_dialog(qtbot, fake_library).path_edit.text()).parent == home
    documents.mkdir()
    dialog = make_dialog(qtbot, fake_library)
    assert Path(dialog.path_edit.text()).parent == documents
    dialog.set_format("md-files")  # a folder of files goes there too
    assert Path(dialog.path_edit.text()).parent == documents


def test_the_next_export_starts_in_the_last_folder(
    qtbot, library: Library, tmp_path: Path, settings: QSettings
) -> None:
    chosen = tmp_path / "arsip"
    chosen.mkdir()
    dialog = make_dialog(qtbot, library, settings=settings)
    dialog.set_format("json")
    dialog.set_path(chosen / "berita.json")
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        dialog.accept()
    again = make_dialog(qtbot, library, settings=settings)
    assert Path(again.path_edit.text()).parent == chosen
    assert again.path_edit.text().endswith(".html")  # a fresh name, the default format
    chosen.rename(tmp_path / "pindah")  # a folder gone since is not offered
    assert Path(make_dialog(qtbot, library, settings=settings).path_edit.text()).parent != chosen
