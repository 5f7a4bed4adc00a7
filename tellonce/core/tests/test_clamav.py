"""Scanning uploads with ClamAV: the INSTREAM client against a fake clamd on a local socket, the
upload check failing closed, the production warning, and a real clamd when one is installed."""

import os
import socket
import struct
import subprocess
import threading
import time
from hashlib import md5
from pathlib import Path

import pytest
from django.core.checks import WARNING
from django.core.checks.registry import registry
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.core import checks, clamav, uploads
from tellonce.core.tests import files
from tellonce.core.uploads import Kind

CLAMD = Path("/usr/sbin/clamd")


class FakeClamd:
    """Speaks INSTREAM on a Unix socket: reads the chunks and answers FOUND if EICAR is among them."""

    def __init__(self, path: Path, *, reply: bytes | None = None):
        self.path, self.reply, self.received = str(path), reply, b""
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        connection, _ = self.server.accept()
        with connection:
            command = b""
            while not command.endswith(b"\0"):
                command += connection.recv(1)
            assert command == b"zINSTREAM\0"
            while True:
                (size,) = struct.unpack("!L", self._exactly(connection, 4))
                if not size:
                    break
                self.received += self._exactly(connection, size)
            found = files.EICAR in self.received
            connection.sendall(
                self.reply or (b"stream: Eicar-Signature FOUND\0" if found else b"stream: OK\0")
            )

    @staticmethod
    def _exactly(connection, size: int) -> bytes:
        data = b""
        while len(data) < size:
            data += connection.recv(size - len(data))
        return data

    def close(self):
        self.thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def fake_clamd(tmp_path):
    started = []

    def start(**kwargs):
        started.append(FakeClamd(tmp_path / "clamd.sock", **kwargs))
        return started[-1]

    yield start
    for server in started:
        server.close()


def test_the_client_streams_the_file_in_chunks_and_reads_a_clean_verdict(fake_clamd):
    server = fake_clamd()
    data = b"year,total\n" * 20_000  # several 64 KB chunks
    assert clamav.scan(data, address=server.path) == clamav.Verdict(False)
    assert server.received == data


def test_the_client_reports_the_signature_found(fake_clamd):
    server = fake_clamd()
    assert clamav.scan(files.EICAR, address=server.path) == clamav.Verdict(True, "Eicar-Signature")


def test_an_error_or_no_scanner_is_unavailable_not_clean(fake_clamd, tmp_path):
    server = fake_clamd(reply=b"INSTREAM size limit exceeded. ERROR\0")
    with pytest.raises(clamav.ScannerUnavailable):
        clamav.scan(b"data", address=server.path)
    with pytest.raises(clamav.ScannerUnavailable):
        clamav.scan(b"data", address=str(tmp_path / "nobody-listens.sock"))


def test_an_infected_upload_is_refused_when_a_scanner_is_configured(fake_clamd, settings):
    settings.TELLONCE_CLAMAV_SOCKET = fake_clamd().path
    upload = SimpleUploadedFile("plans.csv", b"year,total\n" + files.EICAR + b"\n")
    with pytest.raises(uploads.UploadRefused, match="^The selected file contains a virus$"):
        uploads.check(upload, (Kind.CSV,))
    assert uploads.checked_kind(upload) is None


def test_a_clean_upload_is_accepted_after_its_scan(fake_clamd, settings):
    server = fake_clamd()
    settings.TELLONCE_CLAMAV_SOCKET = server.path
    assert (
        uploads.check(SimpleUploadedFile("plans.csv", b"year,total\n2024,1\n"), (Kind.CSV,)).kind == Kind.CSV
    )
    assert server.received == b"year,total\n2024,1\n"


def test_an_upload_is_refused_when_the_configured_scanner_cannot_be_reached(settings, tmp_path):
    settings.TELLONCE_CLAMAV_SOCKET = str(tmp_path / "clamd-is-down.sock")
    with pytest.raises(uploads.UploadRefused, match="could not be checked for viruses: try again later"):
        uploads.check(SimpleUploadedFile("plans.csv", b"year,total\n"), (Kind.CSV,))


def test_production_settings_warn_while_uploads_are_not_scanned(settings):
    assert checks.uploads_are_scanned in registry.get_checks()
    settings.TELLONCE_WARN_UNSCANNED_UPLOADS = True
    settings.TELLONCE_CLAMAV_SOCKET = ""
    [warning] = checks.uploads_are_scanned(None)
    assert warning.id == "tellonce.W001" and warning.level == WARNING
    settings.TELLONCE_CLAMAV_SOCKET = "/run/clamav/clamd.ctl"
    assert checks.uploads_are_scanned(None) == []
    settings.TELLONCE_WARN_UNSCANNED_UPLOADS = False
    settings.TELLONCE_CLAMAV_SOCKET = ""
    assert checks.uploads_are_scanned(None) == []


@pytest.fixture
def real_clamd(tmp_path):
    """Debian's clamd on a one-line signature database of its own (the EICAR file's MD5), so that
    no signatures are downloaded; skipped where clamd is not installed."""
    if not CLAMD.exists():
        pytest.skip("ClamAV's daemon is not installed (/usr/sbin/clamd, Debian's clamav-daemon)")
    database = tmp_path / "db"
    database.mkdir()
    (database / "eicar.hdb").write_text(
        f"{md5(files.EICAR).hexdigest()}:{len(files.EICAR)}:Tellonce-Test-EICAR\n"
    )
    sock = tmp_path / "clamd.sock"
    config = tmp_path / "clamd.conf"
    config.write_text(
        f"Foreground yes\nLocalSocket {sock}\nDatabaseDirectory {database}\nLogFile {tmp_path / 'clamd.log'}\n"
        f"PidFile {tmp_path / 'clamd.pid'}\nTemporaryDirectory {tmp_path}\n"
    )
    if os.geteuid() == 0:  # clamd would otherwise switch to Debian's clamav user
        config.write_text(config.read_text() + "User root\n")
    process = subprocess.Popen([str(CLAMD), "--config-file", str(config)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not sock.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    if not sock.exists():
        process.kill()
        pytest.fail(f"clamd did not start: {(tmp_path / 'clamd.log').read_text(errors='replace')[-2000:]}")
    yield str(sock)
    process.terminate()
    process.wait(timeout=10)


def test_a_real_clamd_finds_the_eicar_test_file_and_passes_a_clean_one(real_clamd, settings):
    assert clamav.scan(files.EICAR, address=real_clamd) == clamav.Verdict(
        True, "Tellonce-Test-EICAR.UNOFFICIAL"
    )
    assert clamav.scan(b"year,total\n2024,1\n", address=real_clamd) == clamav.Verdict(False)
    settings.TELLONCE_CLAMAV_SOCKET = real_clamd
    with pytest.raises(uploads.UploadRefused, match="contains a virus"):
        uploads.check(SimpleUploadedFile("notes.txt", files.EICAR), (Kind.TEXT,))
