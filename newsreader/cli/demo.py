"""``newsreader serve-demo``: the bundled sample site on loopback, for trying the commands.

The sample server is a launcher feature (``newsreader.demo``); this only serves it until
Ctrl-C. ``newsreader --demo``, the window on the sample, is the front end's (``cli.frontend``).
"""

from __future__ import annotations

import argparse
import contextlib
from typing import TYPE_CHECKING

from newsreader.cli.output import say

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import Library


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    serve = sub.add_parser("serve-demo", help="serve the sample site on 127.0.0.1 until Ctrl-C")
    serve.add_argument("--port", type=int, default=0)
    return {"serve-demo": cmd_serve_demo}


def cmd_serve_demo(lib: Library | None, args: argparse.Namespace) -> int:
    import threading

    from newsreader.demo import DemoServer, demo_feed_urls, install_demo_rule

    with DemoServer(port=args.port) as server:
        say(f"Serving the sample site at {server.base_url}/ (Ctrl-C to stop)", flush=True)
        if args.data_dir:
            from newsreader.core import resolve_data_dir

            install_demo_rule(resolve_data_dir(args.data_dir), server.base_url)
            urls = " ".join(demo_feed_urls(server.base_url))
            say(f"Try: newsreader --data-dir {args.data_dir} add {urls}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


# It only serves files: without --data-dir it must not create the default library.
cmd_serve_demo.needs_library = False  # type: ignore[attr-defined]
