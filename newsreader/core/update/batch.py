"""Results of a batch of jobs on a thread pool, in order, the first exception stopping the batch:
the one way the refresh's stages (feeds, articles) collect their jobs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


def in_order(
    pool: ThreadPoolExecutor,
    futures: Sequence[Future[_T]],
    resolve: Callable[[_T], _R],
) -> Iterator[_R]:
    """The jobs' results in order (through ``resolve``). The first exception stops the batch:
    jobs not begun are dropped, running ones finish, then it is raised. A feed's or a page's
    own failure is a result, so only a StorageError (a full disk or a locked database fails
    every job alike) or a bug gets here; fetching hundreds more only to fail storing each is
    no use."""
    try:
        for future in futures:
            yield resolve(future.result())
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
