"""The wait for a server to start (tests/processes.py): on a busy machine the first
answers can be slow, refused or errors; the wait asks again until its deadline."""

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.processes import NotAnswering, wait_until_answers

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
UNAVAILABLE = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@contextmanager
def slow_server(*, stall: int = 0, unavailable: int = 0, stall_seconds: float = 1.0) -> Iterator:
    """A server on a loopback port that accepts every connection but, for the first
    `stall` of them, says nothing for `stall_seconds` (a worker still importing the app
    on a loaded machine); then answers 503 `unavailable` times, then 200."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    asked: list[float] = []
    done = threading.Event()

    def answer(connection: socket.socket, number: int) -> None:
        with connection:
            connection.recv(4096)
            if number <= stall:
                done.wait(stall_seconds)  # then closed without an answer
            else:
                connection.sendall(UNAVAILABLE if number <= stall + unavailable else OK)

    def serve() -> None:
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            asked.append(time.monotonic())
            threading.Thread(target=answer, args=(connection, len(asked)), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/healthz", asked
    finally:
        done.set()
        thread.join(timeout=5)
        listener.close()


def test_a_server_that_stalls_past_the_read_timeout_at_first_is_waited_for():
    with slow_server(stall=2) as (url, asked):
        wait_until_answers(url, deadline_seconds=20, read_timeout=0.3)
    assert len(asked) == 3


def test_error_answers_while_starting_are_asked_again():
    with slow_server(unavailable=2) as (url, asked):
        wait_until_answers(url, deadline_seconds=20, read_timeout=0.3)
    assert len(asked) == 3


def test_a_server_that_never_answers_fails_at_the_deadline_not_before():
    with slow_server(stall=1000, stall_seconds=0.5) as (url, asked):
        start = time.monotonic()
        with pytest.raises(NotAnswering, match="did not answer"):
            wait_until_answers(url, deadline_seconds=2, read_timeout=0.3)
        waited = time.monotonic() - start
    assert 2 <= waited < 4
    assert len(asked) >= 2


def test_a_refused_connection_is_asked_again_until_the_deadline():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens once the probe is closed
    start = time.monotonic()
    with pytest.raises(NotAnswering):
        wait_until_answers(f"http://127.0.0.1:{port}/", deadline_seconds=1, read_timeout=0.3)
    assert time.monotonic() - start >= 1


def test_a_server_process_that_exits_ends_the_wait_at_once():
    process = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    process.wait(timeout=30)
    start = time.monotonic()
    with pytest.raises(NotAnswering, match="exited"):
        wait_until_answers("http://127.0.0.1:9/", process=process, deadline_seconds=30)
    assert time.monotonic() - start < 5
