"""The command line: one module per group of commands; ``main`` is the entry point."""

from newsreader.cli.frontend import main

__all__ = ["main"]
