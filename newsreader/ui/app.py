"""The GUI's composition root: application, translations, crash hook, library, window."""

from __future__ import annotations

import gc
import logging
import sys
import threading
import traceback
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMetaObject,
    Qt,
    QThread,
    QThreadPool,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from newsreader.core import FeedExistsError, NewsreaderError, load_settings, settings_path
from newsreader.ui.icons import icon
from newsreader.ui.language import apply_language
from newsreader.ui.main_window import MainWindow
from newsreader.ui.plain_text import message_box, plain_label
from newsreader.ui.theme import theme_manager
from newsreader.ui.workers import ordered_pool, run_task

if TYPE_CHECKING:
    from newsreader.core import Library

log = logging.getLogger(__name__)

APP_NAME = "Newsreader"
# The desktop entry, AppStream metainfo and icon are named after it (packaging/README.md).
APP_ID = "io.github.newsreader.Newsreader"


def run_gui(
    data_dir: Path,
    *,
    initial_urls: Sequence[str] = (),
    builtin_defaults: bool = True,
    argv: list[str] | None = None,
) -> int:
    """Run the reader's window until it is closed; returns the exit code.

    The window shows at once; subscribing (``initial_urls`` or the built-in Elshinta streams
    on first launch) and the update scheduler start behind it. A library that cannot be
    opened (the data folder or its database unusable, damaged, in the way) is explained in
    a dialog, and the exit code is 1.
    """
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(icon("app"))
    # Wayland has no WM_CLASS: the app id ties the window to its .desktop entry and icon.
    app.setDesktopFileName(APP_ID)
    # The language and theme of Settings, before any window (the defaults if unreadable).
    choices = load_settings(settings_path(data_dir))
    translators = apply_language(app, choices.language)
    theme_manager().apply(choices.theme)
    install_excepthook()
    try:
        return _run(app, data_dir, list(initial_urls), builtin_defaults)
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def _run(app: QApplication, data_dir: Path, urls: list[str], builtin_defaults: bool) -> int:
    try:
        library = _open(data_dir)
    except (NewsreaderError, OSError) as exc:  # the machine's refusal, no bug: no traceback
        log.error("cannot open the library in %s: %s", data_dir, exc)
        show_startup_error(_describe(exc))
        return 1
    window = MainWindow(library)
    window.tray.start()  # shown, minimised, or in the tray only, as Settings say
    settle_heap()
    _prepare_in_background(window, library, urls, builtin_defaults)
    try:
        return app.exec()
    finally:
        window.close()  # saves the layout and joins the scheduler thread
        # A task may still be on the network (every request has a timeout): let it end
        # before the library it uses is closed.
        QThreadPool.globalInstance().waitForDone()
        ordered_pool().waitForDone()
        library.close()


def _open(data_dir: Path) -> Library:
    """The library in ``data_dir``, logging to a file there. StorageError when the folder is
    not one or cannot be made, or the database cannot be opened; OSError from the system."""
    from newsreader.core import resolve_data_dir

    data_dir = resolve_data_dir(str(data_dir))  # a file in its place: a StorageError
    _setup_logging(data_dir)
    return open_library_in_view(data_dir)


def _describe(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return str(exc) or type(exc).__name__


def show_startup_error(reason: str) -> None:
    """Tell the reader why the window cannot open, as plain text: the reason quotes paths and
    the system's words. Usable before ``run_gui`` too (the command line resolving the data
    folder): it makes the application if there is none yet."""
    app = QApplication.instance() or QApplication(sys.argv)  # held until the box is closed
    text = QCoreApplication.translate("run_gui", "Cannot open the library: %1")
    message_box(None, QMessageBox.Icon.Critical, APP_NAME, text.replace("%1", reason)).exec()
    del app


def open_library_in_view(data_dir: Path) -> Library:
    """Open the library; when its database must first be migrated (and so backed up: ~10 s
    for a 2.4 GB cache), do it behind a progress window rather than before any window."""
    # Imported here: the library pulls in the network and parsing stack, which importing
    # this module (e.g. for --help) should not pay for.
    from newsreader.core import database_path, open_library, pending_migrations

    if not pending_migrations(database_path(data_dir)):
        return open_library(data_dir)
    text = QCoreApplication.translate(
        "run_gui",
        "Updating the library for this version of Newsreader. A backup copy is made first;"
        " for a large library this takes a little while.",
    )
    dialog = QProgressDialog("", "", 0, 0)
    label = plain_label(None, text)
    label.setWordWrap(True)
    dialog.setLabel(label)
    dialog.setMinimumWidth(460)
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.show()
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def upgrade() -> None:
        try:
            outcome["library"] = open_library(data_dir)
        except BaseException as exc:  # raised again on the GUI thread
            outcome["error"] = exc
        finally:
            QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

    worker = threading.Thread(target=upgrade, name="newsreader-upgrade", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["library"]  # type: ignore[return-value]


def settle_heap() -> None:
    """Once the window is built: leave the objects made so far, which live as long as the
    app (modules, classes, widgets: some 55,000), out of the garbage collector's later
    passes. A full pass walked them all, 15 to 20 ms on an idle machine and over 30 ms
    while feeds refreshed, holding the GIL: the window stalled whichever thread ran it
    (bench/gui_stall.py). Freezing costs nothing; a collection first would
    add 14 ms to start-up for a few dozen cyclic leftovers, which now stay. Objects are
    still freed when no longer referenced."""
    gc.freeze()


def _prepare_in_background(
    window: MainWindow, library: Library, urls: list[str], builtin_defaults: bool
) -> None:
    def work() -> tuple[list[int], list[str]]:
        if not urls:
            if builtin_defaults:
                library.ensure_default_subscriptions()
            return [], []
        return _subscribe(library, urls)

    def done(result: object) -> None:
        assert isinstance(result, tuple)
        feed_ids, errors = result
        window.reload_feeds()
        for error in errors:
            window.hub.error(error)
        if feed_ids:
            window.scheduler.refresh_now(feed_ids)
        window.scheduler.start()

    def failed(exc: Exception) -> None:
        window.hub.error(str(exc))
        window.scheduler.start()

    run_task(work, done, failed, context=window)


def _subscribe(library: Library, urls: list[str]) -> tuple[list[int], list[str]]:
    """Add each URL (already subscribed is fine); one failure does not stop the others."""
    feed_ids: list[int] = []
    errors: list[str] = []
    for url in urls:
        try:
            feed_ids.append(library.add_feed(url).id)
        except FeedExistsError:
            feed_ids.extend(f.id for f in library.feeds() if f.url == url)
        except NewsreaderError as exc:
            errors.append(str(exc))
    return feed_ids, errors


_in_hook = threading.local()


def install_excepthook() -> None:
    """Log every uncaught exception and tell the reader, instead of dying silently."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if getattr(_in_hook, "active", False) or not _on_gui_thread():
            return
        _in_hook.active = True
        try:
            show_crash_dialog("".join(traceback.format_exception(exc_type, exc, tb)))
        finally:
            _in_hook.active = False

    sys.excepthook = hook


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def show_crash_dialog(details: str) -> None:
    box = message_box(
        None,
        QMessageBox.Icon.Critical,
        APP_NAME,
        QCoreApplication.translate("run_gui", "Newsreader hit an unexpected error."),
        QCoreApplication.translate(
            "run_gui", "Your articles are safe. The details are in the log; please report them."
        ),
    )
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def _setup_logging(data_dir: Path) -> None:
    root = logging.getLogger()
    if root.handlers:
        return  # the command line front end configured it
    try:
        handler = RotatingFileHandler(data_dir / "newsreader.log", maxBytes=1_000_000,
                                      backupCount=2, encoding="utf-8")  # fmt: skip
    except OSError as exc:  # a read-only folder: opening the library says what is wrong
        log.warning("no log file in %s: %s", data_dir, exc)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
