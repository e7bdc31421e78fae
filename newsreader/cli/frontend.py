"""Command line front end: the GUI launcher, and the headless commands over the core ``Library``.

This builds the parser from the command modules, holds the global options, opens the library
for a command, and turns errors into messages and exit statuses. The commands themselves live
in one module per group (see ``COMMAND_MODULES``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader import __version__
from newsreader.cli import articles, demo, export, extract, feeds, opml, refresh, rules, search
from newsreader.cli.output import log_to_stderr, silence_stdout, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler

# Each has ``register(sub) -> {name: handler}`` (see ``cli.output``); ``--help`` lists their
# commands in this order. Plain imports cost nothing extra: every one is needed to build the
# parser, and none imports the core, Qt or a parser library before its command runs.
COMMAND_MODULES = (feeds, refresh, articles, demo, rules, extract, opml, export, search)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each command's parser has its handler as ``handler``."""
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Desktop news reader. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "--data-dir",
        help="library folder (default: $NEWSREADER_DATA_DIR or the platform's data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="serve the bundled sample site locally and open a fresh library subscribed to it",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        for name, handler in module.register(sub).items():
            sub.choices[name].set_defaults(handler=handler)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from newsreader.core import NewsreaderError, resolve_data_dir
    from newsreader.ui.app import run_gui, show_startup_error

    try:  # a data folder that cannot be used is said in a dialog: a window user sees no terminal
        chosen = resolve_data_dir(args.data_dir) if args.data_dir or not args.demo else None
    except NewsreaderError as exc:
        show_startup_error(str(exc))
        return 1
    if chosen is not None and not args.demo:
        return run_gui(chosen)
    from newsreader.demo import DemoServer, demo_feed_urls, install_demo_rule

    with DemoServer() as server, tempfile.TemporaryDirectory(prefix="newsreader-demo-") as tmp:
        data_dir = chosen or Path(tmp)
        install_demo_rule(data_dir, server.base_url)
        return run_gui(
            data_dir, initial_urls=demo_feed_urls(server.base_url), builtin_defaults=False
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_to_stderr(logging.WARNING - 10 * min(args.verbose, 2))
    if args.command is None:
        return _run_gui(args)
    from newsreader.core import NewsreaderError

    try:
        return _run(args)
    except NewsreaderError as exc:
        message = getattr(exc, "message", None) or str(exc)
        url = getattr(exc, "url", "")
        warn(f"{message}{f' ({url})' if url else ''}")
        return 1
    except BrokenPipeError:
        # The reader of the output went away (`newsreader feeds | head`): stop quietly, as
        # other command-line tools do; stdout goes nowhere so that exiting cannot fail again.
        silence_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for such a tool


def _run(args: argparse.Namespace) -> int:
    """The command's handler, on the library unless it needs none."""
    from newsreader.core import as_storage_error, open_library, resolve_data_dir

    handler: Handler = args.handler
    if not getattr(handler, "needs_library", True):  # extract, serve-demo: files alone
        return handler(None, args)  # type: ignore[arg-type]
    try:
        with open_library(resolve_data_dir(args.data_dir)) as lib:
            return handler(lib, args)
    except BrokenPipeError:
        raise
    except Exception as exc:
        # The core's writes and its opening of the library already say what the machine
        # refused; a read of a damaged file can still fail in SQLite's words. Such a failure
        # becomes the same one line; anything else is a bug, and its traceback is wanted.
        error = as_storage_error(exc, f"complete '{args.command}'")
        if error is None:
            raise
        raise error from exc


if __name__ == "__main__":
    sys.exit(main())
