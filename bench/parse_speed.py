"""Single-threaded speed of feed parsing and summary-to-text on the synthetic refresh feeds.

The goal is a cold refresh of 500 feeds (50 items, ~20 KB each) in under 2 s on two cores,
and the pipeline is CPU-bound under the GIL: this times its two hottest pure steps alone, in
process, with no server. The same 500 feeds as bench/feeds_server.py, also written as Atom
1.0 (same items) so that the Atom path is timed too. Each timing is the best of --repeat runs
(the machine is shared with other benchmarks).

    .venv/bin/python bench/parse_speed.py [--feeds 500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine
from bench.feeds_server import make_feed
from newsreader.core.extract.sanitize import html_to_text
from newsreader.core.feeds.parse import parse_feed

_ITEM = re.compile(
    rb"<item><title>(.*?)</title><link>(.*?)</link><guid[^>]*>(.*?)</guid>"
    rb"<pubDate>(.*?)</pubDate><description>(.*?)</description></item>"
)


def make_atom(n: int) -> bytes:
    """``make_feed(n, 0)`` as Atom 1.0: the same titles, links, ids, dates and summaries."""
    entries = []
    for title, link, guid, when, summary in _ITEM.findall(make_feed(n, 0)):
        stamp = parsedate_to_datetime(when.decode()).isoformat().encode()
        entries.append(
            b"<entry><title>" + title + b'</title><link href="' + link + b'"/><id>urn:x:'
            + guid + b"</id><updated>" + stamp + b'</updated><summary type="html">'
            + summary + b"</summary></entry>"
        )  # fmt: skip
    return (
        b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        + f"<title>Feed {n}</title><link href='http://127.0.0.1/feed{n}/'/>".encode()
        + b"".join(entries)
        + b"</feed>"
    )


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rss = [(make_feed(n, 0), f"http://127.0.0.1/feed{n}.xml") for n in range(args.feeds)]
    atom = [(make_atom(n), f"http://127.0.0.1/feed{n}.atom") for n in range(args.feeds)]
    parsed = [parse_feed(content, url) for content, url in rss]
    summaries = [entry.summary_html for feed in parsed for entry in feed.entries]
    assert all(feed.entries for feed in parsed)

    def parse_all(docs: list[tuple[bytes, str]]) -> Callable[[], object]:
        return lambda: [parse_feed(content, url) for content, url in docs]

    print(machine())
    n = args.feeds
    rss_s = best(args.repeat, parse_all(rss))
    print(f"parse_feed, {n} RSS feeds:      {rss_s:.3f} s  ({rss_s / n * 1000:.2f} ms a feed)")
    atom_s = best(args.repeat, parse_all(atom))
    print(f"parse_feed, {n} Atom feeds:     {atom_s:.3f} s  ({atom_s / n * 1000:.2f} ms a feed)")
    text_s = best(args.repeat, lambda: [html_to_text(s) for s in summaries])
    print(f"html_to_text, {len(summaries)} summaries: {text_s:.3f} s")


if __name__ == "__main__":
    main()
