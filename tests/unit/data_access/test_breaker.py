"""The circuit breaker: skip a failed dependency for a while, let one caller try it again, report each opening once."""

from __future__ import annotations

import threading
import time

from data_access.breaker import Breaker


def _breaker(retry: float = 0.2) -> tuple[Breaker, list]:
    events: list = []
    breaker = Breaker("thing", retry, lambda name, reason: events.append(("open", name, str(reason))),
                      on_close=lambda name: events.append(("close", name)))
    return breaker, events


def test_closed_lets_everything_through_and_success_costs_nothing():
    breaker, events = _breaker()
    assert all(breaker.allow() for _ in range(100))
    breaker.succeeded()
    assert events == [] and not breaker.is_open


def test_a_failure_opens_it_once_and_callers_skip_until_the_wait_is_over():
    breaker, events = _breaker(retry=0.2)
    breaker.failed(OSError("gone"))
    breaker.failed(OSError("still gone"))  # already open: no second report
    assert events == [("open", "thing", "gone")]
    assert not breaker.allow()
    time.sleep(0.25)
    assert breaker.allow()  # this caller is the trial
    breaker.succeeded()
    assert not breaker.is_open and events[-1] == ("close", "thing")


def test_only_one_caller_tries_again_while_the_others_keep_skipping():
    breaker, events = _breaker(retry=0.05)
    breaker.failed("down")
    time.sleep(0.1)
    allowed: list[bool] = []
    barrier = threading.Barrier(8)

    def ask() -> None:
        barrier.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert allowed.count(True) == 1


def test_a_failed_trial_opens_it_again_without_a_second_report():
    breaker, events = _breaker(retry=0.05)
    breaker.failed("down")
    time.sleep(0.1)
    assert breaker.allow()
    breaker.failed("down again")
    assert breaker.is_open and not breaker.allow()
    assert [e for e in events if e[0] == "open"] == [("open", "thing", "down")]
    assert breaker.openings == 1
