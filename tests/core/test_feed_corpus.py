"""feedparser's own test corpus through the whole pipeline (issue 4, point 4).

About 2,200 feed documents -- well-formed, ill-formed, odd encodings, entities, hostile
markup -- each parsed on its own, then all stored by real refreshes (many feeds per library,
each document its own feed URL served by a fake fetcher: no network), rendered as the article
pane shows them and exported as html, md and json. Nothing may raise except our own errors,
a document that is not a usable feed must leave its feed's error set, and nothing stored,
shown or exported may carry active content.

The corpus is not committed: tests/corpus/fetch_feedparser_corpus.py downloads it with pip
(``scripts/install --test`` does so beforehand). If it cannot, this test fails.
"""

from __future__ import annotations

import functools
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from peewee import fn

from newsreader.core import parse as parse_module
from newsreader.core.db import EntryRecord
from newsreader.core.errors import ParseError
from newsreader.core.library import Library, open_library
from newsreader.core.parse import parse_feed
from newsreader.core.types import ParsedFeed
from tests.corpus import fetch_feedparser_corpus as corpus
from tests.corpus.pipeline import check_library
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse

BATCHES = 4  # libraries: few enough to stay fast, enough that a failure narrows down
BASE = "http://corpus.example/"
_HEADER = re.compile(rb"^\s*Header:\s*Content-type:\s*(.+?)\s*$", re.I | re.M)


@dataclass
class Tally:
    documents: int = 0
    fast: int = 0
    feedparser: int = 0
    not_feeds: int = 0
    entries: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


TOTAL = Tally()


@functools.cache
def _documents() -> tuple[Path, list[Path]]:
    root = corpus.corpus_dir()
    return root, corpus.documents(root)


def _corpus() -> tuple[Path, list[Path]]:
    try:
        return _documents()
    except (corpus.CorpusError, OSError) as exc:
        pytest.fail(
            f"feedparser's test corpus is not available ({exc}). Run "
            "`.venv/bin/python tests/corpus/fetch_feedparser_corpus.py` (needs PyPI).",
            pytrace=False,
        )


def _served(content: bytes) -> FakeResponse:
    """The document as a server answers it, with the Content-Type its test header names."""
    found = _HEADER.search(content[:2048])
    headers = {"Content-Type": found.group(1).decode("latin-1")} if found else {}
    return FakeResponse(content, headers=headers)


class _PathCounter:
    """Wraps ``parse.try_parse`` to tell which documents the lxml fast path took."""

    def __init__(self) -> None:
        self.took_fast = False
        self._real = parse_module.try_parse

    def __call__(self, *args: object) -> ParsedFeed | None:
        result = self._real(*args)  # type: ignore[arg-type]
        self.took_fast = result is not None and bool(result.entries or result.title)
        return result


def _parse_alone(
    docs: dict[str, FakeResponse], names: dict[str, str], tally: Tally, counter: _PathCounter
) -> dict[str, int | None]:
    """Each document parsed on its own: its entry count, or None if it is not a feed."""
    outcome: dict[str, int | None] = {}
    for url, response in docs.items():
        counter.took_fast = False
        try:
            parsed = parse_feed(response.content, url, content_type=response.headers.get(
                "Content-Type", ""))  # fmt: skip
        except ParseError:
            outcome[url] = None
            tally.not_feeds += 1
            continue
        except Exception:  # a crash in our code: the point of this test
            tally.failures.append(f"{names[url]}: parse crashed\n{traceback.format_exc()}")
            continue
        outcome[url] = len({e.guid for e in parsed.entries})
        if counter.took_fast:
            tally.fast += 1
        else:
            tally.feedparser += 1
    return outcome


def _check_refresh(
    lib: Library, outcome: dict[str, int | None], names: dict[str, str], tally: Tally
) -> None:
    """Every feed's result agrees with its document parsed alone: an error for a non-feed,
    every entry stored for a feed."""
    results = lib.refresh(full_articles=False)  # anything but our own errors is a crash
    stored = dict(
        EntryRecord.select(EntryRecord.feed, fn.COUNT(EntryRecord.id))
        .group_by(EntryRecord.feed)
        .tuples()
    )
    for result in results:
        name = names[result.url]
        expected = outcome.get(result.url, -1)
        if expected is None and not (result.error and lib.feed(result.feed_id).error):
            tally.failures.append(f"{name}: not a feed, yet no error recorded")
        elif expected is not None and expected >= 0 and result.error:
            tally.failures.append(f"{name}: parsed alone, but the refresh said {result.error}")
        elif expected is not None and expected >= 0 and stored.get(result.feed_id, 0) != expected:
            count = stored.get(result.feed_id, 0)
            tally.failures.append(f"{name}: {expected} entries parsed, {count} stored")
        tally.entries += result.new
    if len(results) != len(outcome):
        tally.failures.append(f"{len(outcome)} feeds refreshed, {len(results)} results")


@pytest.mark.parametrize("batch", range(BATCHES), ids=lambda b: f"batch{b + 1}of{BATCHES}")
def test_corpus_through_pipeline(
    batch: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, paths = _corpus()
    assert len(paths) > 2000, f"the corpus holds only {len(paths)} documents"
    started = time.perf_counter()
    tally = Tally()
    chosen = paths[batch::BATCHES]
    docs = {BASE + p.relative_to(root).as_posix(): _served(p.read_bytes()) for p in chosen}
    names = {url: url.removeprefix(BASE) for url in docs}
    counter = _PathCounter()
    monkeypatch.setattr(parse_module, "try_parse", counter)
    tally.documents = len(docs)
    outcome = _parse_alone(docs, names, tally, counter)

    with open_library(tmp_path / "library", fetcher=FakeFetcher(dict(docs))) as lib:
        for url in docs:
            lib.add_feed_unchecked(url, kind="feed")
        _check_refresh(lib, outcome, names, tally)
        tally.failures += check_library(lib, tmp_path / "export")
    tally.seconds = time.perf_counter() - started
    _add_to_total(tally)
    assert not tally.failures, f"{len(tally.failures)} problems:\n" + "\n".join(tally.failures[:40])


def _add_to_total(tally: Tally) -> None:
    for name in ("documents", "fast", "feedparser", "not_feeds", "entries", "seconds"):
        setattr(TOTAL, name, getattr(TOTAL, name) + getattr(tally, name))
    print(  # the numbers issue 4 asks for; shown with -s
        f"\ncorpus so far: {TOTAL.documents} documents, fast path {TOTAL.fast}, feedparser "
        f"{TOTAL.feedparser}, not feeds {TOTAL.not_feeds}, entries stored {TOTAL.entries}, "
        f"{TOTAL.seconds:.1f} s"
    )
