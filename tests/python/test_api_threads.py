"""The GIL is released around validate, emit, load and the writers, so that
threads build and check several apps at once."""
from __future__ import annotations

import threading
import time
from typing import Callable

import api_support
import pytest

import sbd


def _big(n: int, app: str = "big") -> sbd.Architecture:
    a = sbd.Architecture(app)
    for i in range(n):
        a.add_node(f"Q{i}", "queue", visibility_timeout=60)
        a.add_node(f"F{i}", "fn", memory=256, timeout=10)
        a.add_node(f"T{i}", "table")
        a.connect(f"Q{i}", f"F{i}")
        a.connect(f"F{i}", f"T{i}", action="write")
    return a


def _largest_stall(call: Callable[[], object]) -> tuple[float, float]:
    """Runs call in a thread while this thread keeps sampling the clock; returns
    the call's duration and the longest time this thread could not run during
    it. With the GIL held throughout, the stall is the whole call."""
    span: dict[str, float] = {}
    done = threading.Event()

    def worker() -> None:
        span["start"] = time.perf_counter()
        call()
        span["end"] = time.perf_counter()
        done.set()

    samples: list[float] = []
    t = threading.Thread(target=worker)
    t.start()
    while not done.is_set():
        samples.append(time.perf_counter())
    t.join()
    inside = [span["start"]] + [s for s in samples if span["start"] < s < span["end"]] + [span["end"]]
    stall = max(b - a for a, b in zip(inside, inside[1:]))
    return span["end"] - span["start"], stall


@pytest.fixture(scope="module")
def big() -> sbd.Architecture:
    # Large enough that validation takes a while even in an optimised build.
    n = 500
    while True:
        a = _big(n)
        t0 = time.perf_counter()
        sbd.validate(a)
        if time.perf_counter() - t0 > 0.15 or n >= 64000:
            return a
        n *= 2


@pytest.mark.parametrize("what", ["validate", "to_yaml", "loads", "diagram"])
def test_gil_is_released(big: sbd.Architecture, what: str) -> None:
    text = big.to_yaml()
    calls: dict[str, Callable[[], object]] = {
        "validate": lambda: sbd.validate(big),
        "to_yaml": big.to_yaml,
        "loads": lambda: sbd.loads(text),
        "diagram": lambda: sbd.diagram(big, "dot"),
    }
    duration, stall = _largest_stall(calls[what])
    # Released: this thread ran throughout (stalls are scheduler noise).
    # Held: it stalled for the whole call.
    assert stall < 0.5 * duration, (what, duration, stall)


def test_gil_is_released_by_emit() -> None:
    a = _big(40)
    duration, stall = _largest_stall(lambda: sbd.emit(a, "sam"))
    assert stall < 0.5 * duration, (duration, stall)


def test_gil_is_released_by_load(tmp_path, big: sbd.Architecture) -> None:
    p = tmp_path / "big.yaml"
    p.write_text(big.to_yaml())
    duration, stall = _largest_stall(lambda: sbd.load(p))
    assert stall < 0.5 * duration, (duration, stall)


def _pipeline(name: str) -> tuple[str, str, dict[str, str]]:
    a = _big(30, app=name)
    report = sbd.validate(a, today="2026-11-27")
    return a.to_yaml(), report.to_json(), sbd.emit(a, "sam")


def test_threads_build_several_apps_at_once() -> None:
    names = [f"app-{i}" for i in range(4)]
    expected = {n: _pipeline(n) for n in names}
    results: dict[str, tuple[str, str, dict[str, str]]] = {}
    errors: list[BaseException] = []

    def run(n: str) -> None:
        try:
            results[n] = _pipeline(n)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == expected  # same bytes as one at a time


def test_mutating_while_another_thread_validates_is_safe() -> None:
    a = _big(200)
    stop = threading.Event()
    reports: list[int] = []

    def validate_loop() -> None:
        while not stop.is_set():
            reports.append(len(sbd.validate(a)))

    t = threading.Thread(target=validate_loop)
    t.start()
    try:
        for i in range(300):
            a.add_node(f"Extra{i}", "topic")
            a.connect(f"F{i % 200}", f"Extra{i}", action="notification")
            if i % 50 == 0:
                a.remove_node(f"Extra{i}")
    finally:
        stop.set()
        t.join()
    assert reports
    assert len(a) == 600 + 300 - 6
    assert sbd.loads(a.to_yaml()) == a
