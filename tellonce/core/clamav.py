"""Asking ClamAV's daemon whether a file holds malware (ADR 61).

clamd's INSTREAM command: `zINSTREAM\\0`, then the file in chunks, each after its length as 4
bytes in network order, then a chunk of length 0; clamd answers `stream: OK\\0`,
`stream: NAME FOUND\\0`, or `... ERROR\\0`. The socket is a path (clamd's LocalSocket) or
`host:port` (its TCPSocket)."""

import socket
import struct
from dataclasses import dataclass

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached or did not give an answer; the upload is refused (fail closed)."""


@dataclass(frozen=True)
class Verdict:
    infected: bool
    signature: str = ""


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("/"):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target: str | tuple[str, int] = address
    else:
        host, _, port = address.rpartition(":")
        connection = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        target = (host.strip("[]"), int(port))
    connection.settimeout(timeout)
    connection.connect(target)
    return connection


def scan(data: bytes, *, address: str, timeout: float = 30.0) -> Verdict:
    try:
        with _connect(address, timeout) as connection:
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start : start + CHUNK]
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = _read_reply(connection)
    except (OSError, ValueError) as error:
        raise ScannerUnavailable(f"clamd at {address}: {error}") from error
    if reply.endswith(" FOUND"):
        return Verdict(True, reply.removeprefix("stream:").removesuffix(" FOUND").strip())
    if reply == "stream: OK":
        return Verdict(False)
    raise ScannerUnavailable(f"clamd at {address} answered {reply[:200]!r}")


def _read_reply(connection: socket.socket) -> str:
    reply = b""
    while not reply.endswith(b"\0"):
        part = connection.recv(4096)
        if not part:
            break
        reply += part
        if len(reply) > 4096:
            break
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()
