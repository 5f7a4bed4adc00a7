"""Running a parser over an uploaded file in a child process with a memory and a time limit, so a
crafted file cannot hold a web worker or exhaust its memory (docs/security.md, "Uploads").

`run("package.module:function", data, seconds=…, memory_mb=…)` starts `python -m
tellonce.core.sandbox`, which imports the function's module (and any named in `preload`), sets
the address-space limit, reads the file's bytes from its standard input and writes one JSON
answer to its standard output.
JSON, never pickle, comes back: the child has read a hostile file, so the parent trusts nothing
from it but plain values. A child still running after `seconds` is killed.

The function takes the file's bytes and returns a JSON value; a `Refused` it raises comes back as
a `Refused` with the same message.
"""

import importlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])


class Refused(Exception):
    """The file cannot be used; the message says why, in plain English."""


class TooSlow(Refused):
    pass


class TooBig(Refused):
    pass


class Broken(Refused):
    """The parser failed in a way it does not explain (a bug, or a file made to break it)."""


def run(target: str, data: bytes, *, seconds: float, memory_mb: int, preload: tuple[str, ...] = ()) -> object:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tellonce.core.sandbox", target, str(memory_mb), *preload],
            input=data,
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TooSlow(f"it took longer than {seconds:g} seconds") from None
    try:
        answer = json.loads(done.stdout or b"null")
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise Broken(f"the reader stopped unexpectedly (exit code {done.returncode})")
    if "refused" in answer:
        raise Refused(str(answer["refused"]))
    if "memory" in answer:
        raise TooBig(f"it needed more than {memory_mb} MB of memory")
    if "broken" in answer:
        raise Broken(str(answer["broken"]))
    return answer.get("value")


def _child(target: str, memory_mb: int, preload: list[str]) -> dict:
    """Modules are imported before the limit is set: they are trusted code, and what the limit is
    for is the memory the file makes the function take."""
    for module in preload:
        importlib.import_module(module)
    module, _, name = target.partition(":")
    function = getattr(importlib.import_module(module), name)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    data = sys.stdin.buffer.read()
    try:
        return {"value": function(data)}
    except Refused as refused:
        return {"refused": str(refused)}
    except MemoryError:
        return {"memory": True}
    except Exception as error:  # noqa: BLE001 - the parent is told which kind, never the details
        return {"broken": type(error).__name__}


if __name__ == "__main__":
    # The module again under its own name, so that the Refused the function raises is this one.
    from tellonce.core import sandbox

    answer = sandbox._child(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
    sys.stdout.write(json.dumps(answer))
