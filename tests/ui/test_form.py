"""FormFooter: the error line and OK/Cancel shared by the dialogs that save in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QVBoxLayout

from newsreader.ui.dialogs.form import FormFooter


def _dialog(qtbot) -> tuple[QDialog, FormFooter]:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.add_widget(dialog)
    return dialog, FormFooter(dialog, ok_text="Tambah", cancel_text="Batal")


def test_the_buttons_carry_the_dialogs_names_and_answer_for_it(qtbot) -> None:
    dialog, footer = _dialog(qtbot)
    assert footer.ok_button().text() == "Tambah"
    assert footer.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Batal"
    with qtbot.waitSignal(dialog.accepted):
        footer.ok_button().click()
    with qtbot.waitSignal(dialog.rejected):
        footer.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_an_error_shows_as_plain_text_until_hidden(qtbot) -> None:
    _, footer = _dialog(qtbot)
    assert footer.error_label.isHidden()
    footer.show_error("<b>HTTP 503</b> from <a href='x'>the site</a>")
    assert not footer.error_label.isHidden()
    assert footer.error_label.textFormat() == Qt.TextFormat.PlainText
    assert footer.error_label.text() == "<b>HTTP 503</b> from <a href='x'>the site</a>"
    footer.hide_error()
    assert footer.error_label.isHidden()


def test_laid_out_error_line_then_what_goes_between_then_the_buttons(qtbot) -> None:
    dialog, footer = _dialog(qtbot)
    layout = QVBoxLayout(dialog)
    bar = QProgressBar(dialog)
    footer.add_to(layout, bar)
    shown = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert shown == [footer.error_label, bar, footer.buttons]
