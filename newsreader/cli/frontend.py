"""Command line front end: the GUI launcher, and the headless commands over the core ``Library``.

This builds the parser from the command modules, holds the global options, opens the library
for a command, and turns errors into messages and exit statuses. The commands themselves live
in one module per group (see ``COMMAND_MODULES``).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli import articles, demo, export, extract, feeds, opml, refresh, rules, search
from newsreader.cli.output import log_to_stderr, say, silence_stdout, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler

# Each has ``register(sub) -> {name: handler}`` (see ``cli.output``); ``--help`` lists their
# commands in this order. Plain imports cost nothing extra: every one is needed to build the
# parser, and none imports the core, Qt or a parser library before its command runs.
COMMAND_MODULES = (feeds, refresh, articles, demo, rules, extract, opml, export, search)


class _ShowVersion(argparse.Action):
    """``--version``, like argparse's own, but the version is read only when asked for: it
    comes from the installed metadata, which every start would otherwise pay to load."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from newsreader import version

        say(f"newsreader {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each command's parser has its handler as ``handler``."""
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Desktop news reader. Without a command, opens the window; links given "
        "instead of a command (https://..., feed:...) are offered there for subscribing.",
    )
    parser.add_argument("--version", action=_ShowVersion, help="print the version and exit")
    parser.add_argument(
        "--data-dir",
        help="library folder (default: $NEWSREADER_DATA_DIR or the platform's data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="serve the bundled sample site locally and open a library subscribed to it: a "
        "fresh one, or the --data-dir library (subscribed once, served on the same port after)",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        for name, handler in module.register(sub).items():
            sub.choices[name].set_defaults(handler=handler)
    return parser


# Links for the window (`newsreader https://site/rss`, a browser's feed: link, a file manager
# opening a feed or OPML file with the desktop entry's %U) stand where a command would:
# argparse cannot have a positional beside the commands, so they are taken out first. A plain
# path counts when it names a file and looks like one (a dot or a slash: no command has
# either), so `newsreader feeds` stays a command even beside a file called "feeds". Paths
# become absolute file: URLs here: the window that reads them may run in another folder. The
# window checks them all again (ui/single_instance.py launch_address).
_LINK = re.compile(r"(?i)(https?|feed|file):")
_OPTIONS_WITH_VALUE = {"--data-dir"}


def _is_link(arg: str) -> bool:
    if _LINK.match(arg):
        return True
    looks_like_path = os.sep in arg or "/" in arg or "." in os.path.basename(arg)
    return not arg.startswith("-") and looks_like_path and os.path.isfile(arg)


def _as_link(arg: str) -> str:
    return arg if _LINK.match(arg) else Path(os.path.abspath(arg)).as_uri()


def split_links(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the other arguments, the links): links count where the command would stand (the
    first positional argument) and after it, only if nothing but links and options follow.
    Files given as paths come back as absolute ``file:`` URLs."""
    position = None
    after_option = False
    for i, arg in enumerate(argv):
        if after_option:
            after_option = False
        elif arg in _OPTIONS_WITH_VALUE:
            after_option = True
        elif arg == "--" or not arg.startswith("-"):
            position = i + (arg == "--")
            break
    if position is None or position >= len(argv) or not _is_link(argv[position]):
        return list(argv), []
    rest = argv[position:]
    links = [_as_link(a) for a in rest if _is_link(a)]
    if any(not a.startswith("-") and not _is_link(a) for a in rest):
        return list(argv), []  # a command's argument after all: argparse says what is wrong
    return [*argv[:position], *(a for a in rest if not _is_link(a))], links


def _run_gui(args: argparse.Namespace) -> int:
    from newsreader.core import NewsreaderError, resolve_data_dir
    from newsreader.ui.app import run_gui, show_startup_error

    try:  # a data folder that cannot be used is said in a dialog: a window user sees no terminal
        chosen = resolve_data_dir(args.data_dir) if args.data_dir or not args.demo else None
    except NewsreaderError as exc:
        show_startup_error(str(exc))
        return 1
    links = getattr(args, "links", [])
    if chosen is not None and not args.demo:
        return run_gui(chosen, offered_urls=links)
    from newsreader.demo import DemoServer, demo_feed_urls, install_demo_rule, start_for_library

    with contextlib.ExitStack() as stack:
        if chosen is None:
            # A fresh library each time: no other window can share it (nor wants its socket).
            data_dir = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="newsreader-demo-"))
            )
            server = stack.enter_context(DemoServer())
            urls = demo_feed_urls(server.base_url)
        else:  # a lasting library subscribes once, and later runs serve on the same port
            data_dir = chosen
            server, urls = start_for_library(chosen)
            stack.callback(server.stop)
        install_demo_rule(data_dir, server.base_url)
        return run_gui(
            data_dir, initial_urls=urls, offered_urls=links,
            builtin_defaults=False, single_instance=chosen is not None,
        )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    rest, links = split_links(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(rest)
    args.links = links
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
