"""Content-Encoding decoders (gzip, deflate, br) that hand out a body in bounded pieces.

The fetcher decodes bodies itself, piece by piece, so that a compression bomb stops at its
size cap instead of inflating in one call; these are the decoders it feeds.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from newsreader.core.errors import FetchError

PIECE = 64 * 1024  # largest piece a decoder hands out at once


def decoder_for(url: str, header: str) -> ZlibDecoder | BrotliDecoder | None:
    """The decoder for a Content-Encoding header; None for none. FetchError if unknown."""
    coding = header.strip().lower()
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        return ZlibDecoder(16 + zlib.MAX_WBITS)
    if coding == "deflate":
        return ZlibDecoder(zlib.MAX_WBITS, raw_fallback=True)
    if coding == "br":
        return BrotliDecoder()
    raise FetchError(url, f"unsupported content encoding {coding!r}")


class CorruptDataError(Exception):
    """The compressed body is broken (the fetcher reports it as a FetchError)."""


class TruncatedDataError(Exception):
    """The compressed body stops before its stream's end: the connection closed early. The
    decoders would hand out the part that came without a word (the fetcher reports it)."""


class ZlibDecoder:
    """gzip/deflate, handing out at most PIECE bytes per step (zlib's max_length)."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._obj = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback  # "deflate" is zlib-wrapped or raw in the wild
        self._fed = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        while not self._obj.eof:
            try:
                out = self._obj.decompress(data, PIECE)
            except zlib.error as exc:
                if not self._raw_fallback:
                    raise CorruptDataError(str(exc)) from exc
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                self._raw_fallback = False
                continue
            self._raw_fallback = False  # the header was fine: errors from here on are real
            yield out
            data = self._obj.unconsumed_tail
            if not data and not out:
                return

    def finish(self) -> Iterator[bytes]:
        """What the decoder still holds. TruncatedDataError if the stream did not end (an
        empty body is no stream: servers label those too)."""
        if not self._obj.eof:
            yield self._obj.flush()
            if self._fed:
                raise TruncatedDataError("the compressed stream stops before its end")


class BrotliDecoder:
    """br, with the same bounded steps (brotli's output_buffer_limit)."""

    def __init__(self) -> None:
        import brotli  # only when a server actually sends br

        self._error: type[Exception] = brotli.error
        self._obj = brotli.Decompressor()
        self._fed = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        yield self._process(data)
        while not self._obj.can_accept_more_data():
            yield from self._drain()

    def finish(self) -> Iterator[bytes]:
        """Output the decoder holds back once it reached the buffer limit. At the end of the
        body, TruncatedDataError if the stream did not end (see ``ZlibDecoder.finish``)."""
        yield from self._drain()
        if self._fed and not self._obj.is_finished():
            raise TruncatedDataError("the compressed stream stops before its end")

    def _drain(self) -> Iterator[bytes]:
        while not self._obj.is_finished():
            out = self._process(b"")
            if not out:
                return
            yield out

    def _process(self, data: bytes) -> bytes:
        try:
            return bytes(self._obj.process(data, output_buffer_limit=PIECE))
        except self._error as exc:
            raise CorruptDataError(str(exc)) from exc
