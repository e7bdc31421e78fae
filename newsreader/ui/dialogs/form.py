"""FormFooter: the foot of a dialog's form, a line for errors above OK and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QDialog, QDialogButtonBox, QPushButton, QWidget

from newsreader.ui.plain_text import plain_label

_OK = QDialogButtonBox.StandardButton.Ok
_CANCEL = QDialogButtonBox.StandardButton.Cancel


class FormFooter:
    """The error line and the OK/Cancel buttons of a dialog that saves in the background.

    The buttons are wired to the dialog's ``accept`` and ``reject``. The dialog names them:
    Qt ships no Indonesian for its standard buttons, and the names are translated in the
    dialog's own context. The error line is hidden until ``show_error``.

    Attributes:
        error_label: the error line, plain text.
        buttons: the button box.
    """

    def __init__(self, dialog: QDialog, *, ok_text: str, cancel_text: str) -> None:
        # Errors quote addresses, titles and servers' messages: text to show, never markup.
        self.error_label = plain_label(dialog)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c5221f;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(_OK | _CANCEL, dialog)
        self.ok_button().setText(ok_text)
        self.buttons.button(_CANCEL).setText(cancel_text)
        self.buttons.accepted.connect(dialog.accept)
        self.buttons.rejected.connect(dialog.reject)

    def add_to(self, layout: QBoxLayout, *between: QWidget) -> None:
        """Lay out the error line, then ``between`` (a progress bar), then the buttons."""
        layout.addWidget(self.error_label)
        for widget in between:
            layout.addWidget(widget)
        layout.addWidget(self.buttons)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(_OK)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def hide_error(self) -> None:
        self.error_label.hide()
