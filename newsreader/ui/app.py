"""The GUI's composition root: one window per data folder, application, translations, crash
hook and reports, log file, library, window."""

from __future__ import annotations

import gc
import logging
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
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
from newsreader.ui.app_id import APP_ID
from newsreader.ui.crash_reports import CrashReports, crash_dir, offer_report
from newsreader.ui.diagnostics import LogFile
from newsreader.ui.icons import icon
from newsreader.ui.language import apply_language
from newsreader.ui.main_window import MainWindow
from newsreader.ui.plain_text import message_box, plain_label
from newsreader.ui.single_instance import (
    InstanceBusyError,
    InstanceServer,
    claim,
    launch_address,
    server_name,
)
from newsreader.ui.theme import theme_manager
from newsreader.ui.workers import ordered_pool, run_task

if TYPE_CHECKING:
    from newsreader.core import Library

log = logging.getLogger(__name__)

APP_NAME = "Newsreader"


def run_gui(
    data_dir: Path,
    *,
    initial_urls: Sequence[str] = (),
    offered_urls: Sequence[str] = (),
    builtin_defaults: bool = True,
    argv: list[str] | None = None,
    single_instance: bool = True,
) -> int:
    """Run the reader's window until it is closed; returns the exit code.

    The window shows at once; subscribing (``initial_urls`` or the built-in Elshinta streams
    on first launch) and the update scheduler start behind it. ``offered_urls`` (links given
    on the command line) are offered, one Add Subscription dialog each. When a window of this
    data folder runs already (``single_instance``), it gets them instead and comes forward,
    and this returns 0 at once. A library that cannot be opened (the data folder or its
    database unusable, damaged, in the way) is explained in a dialog, and the exit code is 1.
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
    install_excepthook(CrashReports(crash_dir(data_dir)))
    offered = _web_addresses(offered_urls)
    instance: InstanceServer | None = None
    try:
        if single_instance:
            claimed = _claim(data_dir, offered)
            if isinstance(claimed, int):
                return claimed
            instance = claimed
        return _run(app, data_dir, list(initial_urls), offered, builtin_defaults, instance)
    finally:
        if instance is not None:
            instance.close()
        install_excepthook(None)  # reports went to this data folder, which is closed now
        for translator in translators:
            app.removeTranslator(translator)


def _claim(data_dir: Path, offered: list[str]) -> InstanceServer | int:
    """The server this window listens on for later launches; or, when a window of the data
    folder runs already, the exit code of this launch: 0 once it took ``offered``, 1 when it
    does not answer (said in a dialog)."""
    try:
        instance = claim(server_name(data_dir), offered)
    except InstanceBusyError:
        log.error("a window of %s runs but does not answer", data_dir)
        show_startup_error(QCoreApplication.translate(
            "run_gui", "Newsreader is open with this library already, but does not respond. "
            "Close it, then try again."))  # fmt: skip
        return 1
    if instance is None:
        log.info("handed over to the window that runs already")
        return 0
    return instance


def _web_addresses(urls: Sequence[str]) -> list[str]:
    """The http(s) addresses and local files of links from the command line; the others are
    said and left."""
    addresses = []
    for url in urls:
        address = launch_address(url)
        if address is None:
            log.warning("not a web address or a file, ignored: %r", url)
        else:
            addresses.append(address)
    return addresses


def _run(
    app: QApplication,
    data_dir: Path,
    urls: list[str],
    offered: list[str],
    builtin_defaults: bool,
    instance: InstanceServer | None,
) -> int:
    early: list[list[str]] = []

    def keep(addresses: list[str]) -> None:
        early.append(addresses)

    if instance is not None:  # a launch while the library opens (a migration's event loop)
        instance.activation_requested.connect(keep)
    try:
        library, log_file = _open(data_dir)
    except (NewsreaderError, OSError) as exc:  # the machine's refusal, no bug: no traceback
        log.error("cannot open the library in %s: %s", data_dir, exc)
        show_startup_error(_describe(exc))
        return 1
    try:
        window = MainWindow(library)
        window.tray.start()  # shown, minimised, or in the tray only, as Settings say
        if instance is not None:
            instance.activation_requested.disconnect(keep)
            instance.activation_requested.connect(window.links.receive)
        if offered:
            window.links.receive(offered)
        for addresses in early:
            window.links.receive(addresses)
        offer_report(CrashReports(crash_dir(library.data_dir)), window.hub)
        settle_heap()
        _prepare_in_background(window, library, urls, builtin_defaults)
        return _exec(app, window, library)
    finally:
        log_file.close()


def _exec(app: QApplication, window: MainWindow, library: Library) -> int:
    try:
        return app.exec()
    finally:
        window.close()  # saves the layout and joins the scheduler thread
        # A task may still be on the network (every request has a timeout): let it end
        # before the library it uses is closed.
        QThreadPool.globalInstance().waitForDone()
        ordered_pool().waitForDone()
        library.close()


def _open(data_dir: Path) -> tuple[Library, LogFile]:
    """The library in ``data_dir``, and its log file there. StorageError when the folder is
    not one or cannot be made, or the database cannot be opened; OSError from the system."""
    from newsreader.core import resolve_data_dir

    data_dir = resolve_data_dir(str(data_dir))  # a file in its place: a StorageError
    log_file = LogFile(data_dir)
    try:
        return open_library_in_view(data_dir), log_file
    except BaseException:
        log_file.close()
        raise


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


class _CrashHook:
    """``sys.excepthook``: logs the error, writes a crash report, and tells the reader (on the
    GUI thread, one dialog at a time), instead of dying silently."""

    def __init__(self, previous: Callable[..., object]) -> None:
        self.previous = previous
        self.reports: CrashReports | None = None
        self._local = threading.local()

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if self.reports is not None:
            self.reports.write(exc_type, exc, tb)
        if getattr(self._local, "active", False) or not _on_gui_thread():
            return
        self._local.active = True
        try:
            show_crash_dialog("".join(traceback.format_exception(exc_type, exc, tb)))
        finally:
            self._local.active = False


def install_excepthook(reports: CrashReports | None = None) -> None:
    """Log every uncaught exception, write a report into ``reports`` (when given), and tell
    the reader. Installed once: a later call only changes where reports go."""
    hook = sys.excepthook
    if not isinstance(hook, _CrashHook):
        hook = _CrashHook(sys.excepthook)
        sys.excepthook = hook
    hook.reports = reports


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
