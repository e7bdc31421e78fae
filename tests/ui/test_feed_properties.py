"""FeedPropertiesDialog on a FakeLibrary: what it shows, what it saves, how it refuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from newsreader.ui.dates import format_long
from newsreader.ui.dialogs.feed_properties import FeedPropertiesDialog
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import NodeKey
from tests.helpers.fakes import BASE, FakeLibrary

# The offscreen platform says so whenever a top-level window with size limits is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DEFAULT = 15  # the fake library's default interval (Settings())


def _dialog(qtbot, library: FakeLibrary, feed_id: int) -> FeedPropertiesDialog:
    dialog = FeedPropertiesDialog(
        library, library.feed(feed_id), library.folders(), default_interval=DEFAULT
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _saved(library: FakeLibrary) -> list[tuple[object, ...]]:
    return library.called("set_feed_options")


def test_the_dialog_shows_a_feed_that_follows_the_defaults(
    qtbot, fake_library: FakeLibrary
) -> None:
    fake_library.set_feed_error(1, "HTTP 503 Service Unavailable")
    feed = fake_library.feed(1)
    dialog = _dialog(qtbot, fake_library, 1)
    assert dialog.title_edit.text() == "Elshinta Nasional"
    assert dialog.folder_combo.currentText() == "Elshinta"
    assert dialog.default_interval_box.isChecked()
    assert dialog.default_interval_box.text() == f"Default ({DEFAULT} min)"
    assert not dialog.interval_spin.isEnabled() and dialog.interval_spin.value() == DEFAULT
    assert dialog.full_article_combo.currentText() == "Automatic"
    assert "index page" in dialog.full_article_hint.text()
    assert dialog.url_edit.text() == f"{BASE}/kategori/3/nasional"
    assert dialog.url_edit.isReadOnly()
    assert BASE in dialog.site_label.text() and "<a href" in dialog.site_label.text()
    assert dialog.kind_label.text().startswith("Index page")
    assert feed.last_fetched is not None and feed.next_fetch is not None
    assert dialog.last_update_label.text() == format_long(feed.last_fetched)
    assert dialog.next_check_label.text() == format_long(feed.next_fetch)
    assert dialog.form.isRowVisible(dialog.last_error_label)
    assert dialog.last_error_label.text() == "HTTP 503 Service Unavailable"
    assert "Elshinta Nasional" in dialog.windowTitle()


def test_the_dialog_shows_a_feed_with_its_own_settings(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 3)
    assert dialog.folder_combo.currentText() == ""
    assert not dialog.default_interval_box.isChecked()
    assert dialog.interval_spin.isEnabled() and dialog.interval_spin.value() == 60
    assert dialog.full_article_combo.currentText() == "Always"
    assert dialog.kind_label.text() == "Feed (RSS or Atom)"
    assert dialog.last_update_label.text() == "Never"
    assert dialog.next_check_label.text() == "Due now"
    assert not dialog.form.isRowVisible(dialog.last_error_label)


def test_only_the_changed_options_are_sent(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 2)
    dialog.interval_spin.setValue(120)
    dialog.full_article_combo.setCurrentIndex(dialog.full_article_combo.findText("Never"))
    assert dialog.full_article_hint.text() == "Keeps only what the feed itself carries."
    dialog.folder_combo.setCurrentText("Dunia ")
    with qtbot.waitSignal(dialog.feed_changed) as changed:
        dialog.accept()
    assert _saved(fake_library) == [
        (2, {"folder": "Dunia", "interval_minutes": 120, "full_article": False})
    ]
    feed = changed.args[0]
    assert (feed.folder, feed.interval_minutes, feed.full_article) == ("Dunia", 120, False)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_a_new_title_alone_is_sent(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 3)
    dialog.title_edit.setText("  Blog Teknologi ")
    with qtbot.waitSignal(dialog.feed_changed):
        dialog.accept()
    assert _saved(fake_library) == [(3, {"title": "Blog Teknologi"})]
    assert fake_library.feed(3).title == "Blog Teknologi"


def test_use_default_and_automatic_send_none(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 2)
    dialog.default_interval_box.setChecked(True)
    assert not dialog.interval_spin.isEnabled() and dialog.interval_spin.value() == DEFAULT
    dialog.full_article_combo.setCurrentIndex(dialog.full_article_combo.findData(None))
    with qtbot.waitSignal(dialog.feed_changed):
        dialog.accept()
    assert _saved(fake_library) == [(2, {"interval_minutes": None, "full_article": None})]
    assert fake_library.feed(2).interval_minutes is None


def test_leaving_the_default_sends_the_number(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 1)
    dialog.default_interval_box.setChecked(False)
    assert dialog.interval_spin.isEnabled()
    dialog.interval_spin.setValue(10080)
    with qtbot.waitSignal(dialog.feed_changed):
        dialog.accept()
    assert _saved(fake_library) == [(1, {"interval_minutes": 10080})]


def test_nothing_changed_closes_without_saving(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 1)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _saved(fake_library) == []


def test_a_refused_value_shows_the_error_and_keeps_the_dialog_open(
    qtbot, fake_library: FakeLibrary
) -> None:
    dialog = _dialog(qtbot, fake_library, 2)
    # The spin box keeps the reader within 1..10080; the library is the authority all the
    # same, so widen it to send a value the library refuses.
    dialog.interval_spin.setMaximum(20_000)
    dialog.interval_spin.setValue(20_000)
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden())
    assert "between 1 minute and 7 days" in dialog.error_label.text()
    assert dialog.isVisible() and not dialog.is_busy()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert fake_library.feed(2).interval_minutes == 60
    # The reader fixes the value: the error goes and the dialog closes.
    dialog.interval_spin.setValue(30)
    with qtbot.waitSignal(dialog.feed_changed):
        dialog.accept()
    assert dialog.error_label.isHidden() and not dialog.isVisible()


def test_copy_puts_the_feed_address_on_the_clipboard(qtbot, fake_library: FakeLibrary) -> None:
    dialog = _dialog(qtbot, fake_library, 3)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "https://blog.example/feed.xml"
    assert dialog.copy_button.text() == "Copied"
    qtbot.waitUntil(lambda: dialog.copy_button.text() == "Copy")


def test_the_tree_menu_opens_it_and_the_tree_follows_the_change(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    tree = window.feed_tree
    menu_texts = [a.text() for a in tree.actions_for(NodeKey("feed", 3), tree) if a.text()]
    assert menu_texts[-1] == "Properties…"
    with qtbot.waitSignal(tree.properties_requested) as requested:
        tree.actions_for(NodeKey("feed", 3), tree)[-1].trigger()
    assert requested.args == [3]
    dialog = window.findChild(FeedPropertiesDialog)
    assert dialog is not None and dialog.url_edit.text() == "https://blog.example/feed.xml"
    dialog.folder_combo.setCurrentText("Elshinta")
    dialog.accept()
    model = tree.feed_model()
    qtbot.waitUntil(lambda: model.index_for(NodeKey("feed", 3)).parent().isValid())
    assert model.index_for(NodeKey("feed", 3)).parent() == model.index_for(
        NodeKey("folder", "Elshinta")
    )


def test_the_menu_action_opens_the_selected_feed_only(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    action = window.commands.feed_properties
    window.feed_tree.select_key(NodeKey("view", "all"))
    assert not action.isEnabled()
    assert window.feeds_ctl.show_properties_dialog() is None
    window.feed_tree.select_key(NodeKey("feed", 2))
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    dialog = window.findChild(FeedPropertiesDialog)
    assert dialog is not None and dialog.title_edit.text() == "Elshinta Internasional"


def test_per_feed_retention_sends_only_what_changed(qtbot, fake_library) -> None:
    feed = fake_library.feeds()[0]
    dialog = FeedPropertiesDialog(fake_library, feed, [], default_interval=15)
    qtbot.addWidget(dialog)
    assert dialog.keep_days_default.isChecked() and not dialog.keep_days_spin.isEnabled()
    assert dialog.changes() == {}
    dialog.keep_days_default.setChecked(False)
    dialog.keep_days_spin.setValue(30)
    dialog.keep_count_default.setChecked(False)
    dialog.keep_count_spin.setValue(0)  # "no limit" for this feed, whatever the default
    assert dialog.changes() == {"keep_days": 30, "keep_per_feed": 0}
    with qtbot.waitSignal(dialog.feed_changed):
        dialog.accept()
    saved = fake_library.feed(feed.id)
    assert (saved.keep_days, saved.keep_per_feed) == (30, 0)
    again = FeedPropertiesDialog(fake_library, saved, [], default_interval=15)
    qtbot.addWidget(again)
    assert not again.keep_days_default.isChecked() and again.keep_days_spin.value() == 30
    again.keep_days_default.setChecked(True)  # back to the default: None
    assert again.changes() == {"keep_days": None}
