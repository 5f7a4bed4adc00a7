"""Functions the sandbox tests run in the child process."""

import time

from tellonce.core.sandbox import Refused


def length(data: bytes) -> int:
    return len(data)


def sleep(data: bytes) -> None:
    time.sleep(60)


def allocate(data: bytes) -> int:
    return len(bytearray(1024 * 1024 * 1024))


def refuse(data: bytes) -> None:
    raise Refused("The selected file is not wanted")


def fail(data: bytes) -> None:
    raise KeyError("a secret from inside the file")
