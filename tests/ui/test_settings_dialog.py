"""The Settings dialog: what it shows, validation in the dialog, saving, live effects
, on a FakeLibrary."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from newsreader.core import paths
from newsreader.core.settings import Settings, load_settings
from newsreader.ui.dialogs.settings import SettingsDialog, proxy_parts
from newsreader.ui.main_window import MainWindow
from newsreader.ui.theme import theme_manager
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, fake_library: FakeLibrary) -> SettingsDialog:
    fake_library.settings = Settings(proxy_mode="manual", proxy="socks5://10.1.2.3:1080",
                                     keep_days=30)  # fmt: skip
    box = SettingsDialog(fake_library, tray_available=False)
    qtbot.addWidget(box)
    box.show()
    return box


@pytest.fixture
def light_again(qapp) -> Iterator[None]:
    yield
    theme_manager().apply("system")


def test_the_dialog_shows_the_settings(dialog: SettingsDialog) -> None:
    assert dialog.interval_spin.value() == 15
    assert dialog.keep_days_spin.value() == 30
    assert dialog.image_cache_spin.value() == 500
    assert dialog.proxy_combo.currentData() == "socks5"
    assert (dialog.proxy_host_edit.text(), dialog.proxy_port_spin.value()) == ("10.1.2.3", 1080)
    assert dialog.theme_combo.currentData() == "system"
    assert dialog.language_combo.currentData() == ""
    assert not dialog.tray_box.isEnabled()  # no tray on this desktop
    assert dialog.chosen() == dialog._original  # nothing touched, nothing changes
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.error_label)))
    assert "Starred articles are never removed." in texts
    assert "after Newsreader is restarted" in texts


def test_proxy_parts_of_each_mode() -> None:
    assert proxy_parts(Settings()) == ("system", "", 8080)
    assert proxy_parts(Settings(proxy_mode="none")) == ("none", "", 8080)
    manual = Settings(proxy_mode="manual", proxy="http://proxy.kantor.co.id:3128")
    assert proxy_parts(manual) == ("http", "proxy.kantor.co.id", 3128)


def test_a_proxy_without_a_host_gets_a_message_and_nothing_is_saved(
    dialog: SettingsDialog, fake_library: FakeLibrary
) -> None:
    dialog.proxy_combo.setCurrentIndex(dialog.proxy_combo.findData("http"))
    dialog.proxy_host_edit.clear()
    dialog.accept()
    assert dialog.isVisible() and not dialog.error_label.isHidden()
    assert "host name" in dialog.error_label.text()
    dialog.proxy_host_edit.setText("proxy kantor")
    dialog.accept()
    assert "is not a host name" in dialog.error_label.text()
    assert fake_library.called("apply_settings") == []
    dialog.proxy_combo.setCurrentIndex(dialog.proxy_combo.findData("none"))
    assert not dialog.proxy_host_edit.isEnabled()


def test_a_value_the_library_refuses_shows_in_the_dialog(
    qtbot, dialog: SettingsDialog, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_settings: Settings) -> None:
        raise ValueError("proxy must be a URL like http://host:port")

    monkeypatch.setattr(fake_library, "apply_settings", refuse)
    dialog.interval_spin.setValue(30)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden())
    assert "Could not save: proxy must be" in dialog.error_label.text()
    assert dialog.isVisible() and not dialog.is_busy()


def test_saved_settings_are_written_and_reported(
    qtbot, dialog: SettingsDialog, fake_library: FakeLibrary
) -> None:
    dialog.interval_spin.setValue(5)
    dialog.keep_days_spin.setValue(0)
    dialog.image_cache_spin.setValue(200)
    dialog.proxy_combo.setCurrentIndex(dialog.proxy_combo.findData("http"))
    dialog.proxy_host_edit.setText("proxy.kantor.co.id")
    dialog.proxy_port_spin.setValue(3128)
    dialog.notify_box.setChecked(False)
    fake_library.set_feed_options(2, notify=True)  # a feed opted in meanwhile
    dialog.start_minimised_box.setChecked(True)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("id"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        dialog.accept()
    old, new = changed.args
    assert old.refresh_interval_minutes == 15
    expected = dataclasses.replace(
        old, refresh_interval_minutes=5, keep_days=0, image_cache_mb=200,
        proxy="http://proxy.kantor.co.id:3128", proxy_mode="manual", notifications=False,
        start_minimised=True, language="id", theme="dark",
    )  # fmt: skip
    assert new == expected == fake_library.settings
    assert load_settings(paths.settings_path(fake_library.data_dir)) == expected
    assert fake_library.feed(2).notify  # the feed's choice, not the settings'


def test_the_window_opens_it_with_ctrl_comma_and_follows_a_change(
    qtbot, fake_library: FakeLibrary, settings: QSettings, light_again: None
) -> None:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    action = window.preferences.open_settings
    assert QKeySequence("Ctrl+,") in action.shortcuts()
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    started: list[bool] = []
    window.scheduler.start = lambda: started.append(True)  # type: ignore[method-assign]
    dialog = window.preferences.show_dialog()
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.interval_spin.setValue(60)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("id"))
    dialog.accept()
    qtbot.waitUntil(lambda: fake_library.settings.theme == "dark")
    qtbot.waitUntil(lambda: theme_manager().is_dark())
    assert started == [True]  # the schedule is looked at again
    assert "starts again" in window.message_bar.text()
