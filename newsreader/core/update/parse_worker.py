"""A parse worker process (see parse_pool): ``python -m newsreader.core.update.parse_worker DB``.

Reads requests (feed id, fetched response, stream kind, article link regex, time) from stdin
and answers each with the parsed document and its new entries drafted for the writer, or with
the error a refresh thread would have raised for it. Reads the database (which entries are
known), never writes it. Ends when stdin closes: when the reader's process ends, so does the
worker. Anything else going wrong ends it too (a bug, a database it cannot read): the reader's
process then parses the documents itself, where the same failure is reported as usual.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsreader.core.errors import ParseError
from newsreader.core.feeds.document import parse_document
from newsreader.core.storage import ingest
from newsreader.core.storage.records import bind, make_database
from newsreader.core.types import FetchResult
from newsreader.core.update.parse_pool import Answer, Failed, read_frame, write_frame


def answer(feed_id: int, result: FetchResult, kind: str, article_url: str, now: float) -> Answer:
    try:
        # No fetch: a worker is never given an "auto" stream, which may need one.
        parsed, _source = parse_document(result, kind=kind, article_url=article_url)
    except ParseError as exc:
        return Failed.of(exc)
    drafted = ingest.draft(feed_id, parsed.entries, base=result.final_url, now=now)
    return parsed, drafted


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
