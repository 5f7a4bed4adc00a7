"""The sandbox: a parser runs in a child process that is killed when it takes too long, cannot take
more memory than its limit, and sends back only plain values."""

import time

import pytest

from tellonce.core import sandbox

LIMITS = {"seconds": 20, "memory_mb": 256}


def test_the_function_gets_the_bytes_and_its_answer_comes_back():
    assert sandbox.run("tellonce.core.tests.sandboxed:length", b"12345", **LIMITS) == 5


def test_a_child_that_runs_too_long_is_killed_at_the_time_limit():
    started = time.monotonic()
    with pytest.raises(sandbox.TooSlow):
        sandbox.run("tellonce.core.tests.sandboxed:sleep", b"", seconds=1, memory_mb=256)
    assert time.monotonic() - started < 5


def test_a_child_cannot_take_more_memory_than_its_limit():
    with pytest.raises(sandbox.TooBig, match="more than 256 MB"):
        sandbox.run("tellonce.core.tests.sandboxed:allocate", b"", **LIMITS)


def test_a_refusal_comes_back_with_its_message_and_a_failure_with_only_its_kind():
    with pytest.raises(sandbox.Refused, match="^The selected file is not wanted$"):
        sandbox.run("tellonce.core.tests.sandboxed:refuse", b"", **LIMITS)
    with pytest.raises(sandbox.Broken, match="^KeyError$"):
        sandbox.run("tellonce.core.tests.sandboxed:fail", b"", **LIMITS)
