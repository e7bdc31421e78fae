"""Request deadlines (core/net/deadline.py): one thread fires every deadline that passes, in
order, and never one whose request finished in time, however the deadlines interleave."""

from __future__ import annotations

import socket
import threading
from typing import ClassVar

from newsreader.core.net.deadline import Watchdog


class _Recorder(Watchdog):
    fired_order: ClassVar[list[str]] = []
    lock = threading.Lock()
    all_fired = threading.Event()
    expected = 0

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        super().__init__(seconds)

    def fire(self) -> None:
        super().fire()
        if self.fired:
            with self.lock:
                self.fired_order.append(self.name)
                if len(self.fired_order) == self.expected:
                    self.all_fired.set()


def test_deadlines_fire_in_order_and_finished_requests_never_fire() -> None:
    _Recorder.expected = 3
    late = _Recorder("late", 0.30)
    finished = _Recorder("finished", 0.05)
    finished.stop()  # the request ended in time
    early = _Recorder("early", 0.10)  # added after a later one: the thread wakes sooner
    sooner = _Recorder("sooner", 0.02)
    assert _Recorder.all_fired.wait(5)
    assert _Recorder.fired_order == ["sooner", "early", "late"]
    assert not finished.fired and late.fired and early.fired and sooner.fired


def test_a_fired_deadline_shuts_the_watched_socket_down() -> None:
    left, right = socket.socketpair()
    with left, right:
        done = threading.Event()

        class Dog(Watchdog):
            def fire(self) -> None:
                super().fire()
                done.set()

        class Stream:
            def get_extra_info(self, name: str) -> socket.socket:
                return left

        dog = Dog(0.01)
        dog.watch(Stream())
        assert done.wait(5) and dog.fired
        assert left.recv(10) == b""  # the blocked reader wakes to end of stream
