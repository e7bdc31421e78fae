"""A parse worker process (see parsepool): ``python -m newsreader.core.update.parse_worker DB``.

Reads requests (feed id, document, URL, content type, time) from stdin and answers each with
the parsed feed and its new entries' columns, or None when the reader's process should parse
the document itself. Reads the database (which entries are known), never writes it. Ends
when stdin closes: when the reader's process ends, so does the worker.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.core.feeds import parse
from newsreader.core.storage import ingest
from newsreader.core.storage.records import bind, make_database
from newsreader.core.update.parse_pool import Result, read_frame, write_frame


def answer(feed_id: int, content: bytes, url: str, content_type: str, now: float) -> Result:
    try:
        parsed = parse.parse_feed(content, url, content_type=content_type)
        prepared = ingest.prepare(feed_id, parsed.entries, base=url, now=now, feed_only=True)
    except Exception:  # the reader's process parses it again and reports what went wrong
        return None
    return parsed, prepared


def main(db_path: str) -> None:
    bind(make_database(Path(db_path)))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            request = read_frame(stdin)
        except EOFError:
            return
        write_frame(stdout, answer(*request))


if __name__ == "__main__":
    main(sys.argv[1])
