"""Production mode, end to end: the production settings under gunicorn on loopback, against a
database of its own in the test run's PostgreSQL cluster, as a council's server runs them behind
nginx (which ends TLS and says so in X-Forwarded-Proto).

It checks the deployment checks pass, migrates, collects the static files, makes the first
administrator, signs in through the pages (password, then setting up the authenticator app), reads
pages, and checks the headers: HSTS, Secure and HttpOnly cookies, the CSP, no-store on pages
behind sign-in and not on public ones, nosniff, the referrer policy, and static files compressed
with long cache lifetimes. It runs in the PostgreSQL pass of scripts/test (`bash
scripts/with-postgres`), and is skipped on SQLite."""

import base64
import hashlib
import hmac
import http.client
import os
import re
import secrets
import socket
import struct
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
HOST = "send.example.gov.uk"
PASSWORD = "a long and unusual passphrase 4 tests"

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="runs against PostgreSQL (bash scripts/with-postgres)"
)


@pytest.fixture(scope="module")
def database_url():
    """A database of its own in the same cluster, dropped afterwards."""
    import psycopg

    name = f"tellonce_production_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(DATABASE_URL)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def environment(database_url, tmp_path_factory):
    var = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELLONCE_", "DJANGO_", "PYTEST_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tellonce.config.settings.production",
        DATABASE_URL=database_url,
        TELLONCE_SECRET_KEY=secrets.token_urlsafe(50),
        TELLONCE_VAR_DIR=str(var),
        TELLONCE_STATIC_ROOT=str(var / "static"),
        TELLONCE_UPLOADS_DIR=str(var / "uploads"),
        TELLONCE_ALLOWED_HOSTS=f"{HOST},127.0.0.1,localhost",
        TELLONCE_TRUSTED_PROXIES="1",
        TELLONCE_EMAIL="smtp",
        TELLONCE_AREA_NAME="Exampleshire",
        TELLONCE_LOG_LEVEL="INFO",
    )
    return env


def _manage(env, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(environment):
    """Migrated, static files collected, the first administrator made, gunicorn answering."""
    # Side by side, as a deployment may: they touch different things (the database, the files).
    collecting = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v", "0"],
        env=environment,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    migrated = _manage(environment, "migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    assert collecting.wait(timeout=300) == 0, collecting.stderr.read()
    admin = [
        "create-admin",
        "--council", "886",
        "--council-name", "Exampleshire County Council",
        "--username", "first.admin",
        "--email", "first.admin@example.gov.uk",
        "--first-name", "Ada",
        "--last-name", "Admin",
        "--password-stdin",
    ]  # fmt: skip
    made = _manage(environment, *admin, stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    again = _manage(environment, *admin, stdin=PASSWORD + "\n")
    port = _free_port()
    log = Path(environment["TELLONCE_VAR_DIR"]) / "gunicorn.log"
    worker_log = Path(environment["TELLONCE_VAR_DIR"]) / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "worker", "--interval", "1"],
        env=environment,
        cwd=ROOT,
        stdout=worker_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "--config", "python:tellonce.config.gunicorn", "tellonce.config.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60",
        ],
        env=environment,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90  # each worker readies itself first (ADR 91)
        while True:
            try:
                if Browser(port).get("/healthz", via_proxy=False).status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield {"port": port, "again": again, "log": log, "worker": worker, "worker_log": worker_log}
    finally:
        process.terminate()
        worker.terminate()
        process.wait(timeout=30)
        worker.wait(timeout=60)


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()
        self.text = self.body.decode("utf-8", "replace")

    def cookies(self) -> dict[str, str]:
        """Each Set-Cookie header by the cookie's name, as sent."""
        return {line.split("=", 1)[0]: line for line in self.headers.get_all("Set-Cookie") or []}


class Browser:
    """A browser behind the council's nginx: every request comes through the proxy, over HTTPS as
    far as the service can tell, and the cookies (Secure ones too) are kept and sent back."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None, via_proxy=True) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": HOST if via_proxy else "127.0.0.1"}
        if via_proxy:
            sent |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
        sent |= headers or {}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = Response(connection.getresponse())
        connection.close()
        for line in response.cookies().values():
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path, fields: dict[str, str]) -> Response:
        from urllib.parse import urlencode

        return self.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}"},
        )

    def follow(self, path: str) -> tuple[str, Response]:
        """GET, following redirects within the service; the path reached and its page."""
        for _ in range(5):
            answer = self.get(path)
            if answer.status not in (301, 302):
                return path, answer
            path = answer.headers["Location"].removeprefix(f"https://{HOST}")
        raise AssertionError(f"too many redirects from {path}")

    @staticmethod
    def token(page: Response) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def form_post(self, path: str, fields: dict[str, str]) -> Response:
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        return self.post(path, {"csrfmiddlewaretoken": self.token(page), **fields})


def _totp(key_text: str, at: float) -> str:
    """The six-digit code an authenticator app shows for the key on the set-up page (RFC 6238)."""
    key = base64.b32decode(key_text.replace(" ", ""))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@pytest.fixture(scope="module")
def signed_in(server):
    browser = Browser(server["port"])
    answer = browser.form_post("/accounts/sign-in/", {"username": "first.admin", "password": PASSWORD})
    assert answer.status == 302, answer.text[:2000]
    first_cookies = answer.cookies()
    path, set_up = browser.follow(answer.headers["Location"])
    assert path.startswith("/accounts/two-factor/set-up/"), (path, set_up.text[:2000])
    key = re.search(r'<code class="tellonce-key">([A-Z2-7 ]+)</code>', set_up.text).group(1)
    code = _totp(key, time.time())
    confirmed = browser.post(path, {"csrfmiddlewaretoken": browser.token(set_up), "code": code})
    assert confirmed.status == 302, confirmed.text[:2000]
    return browser, first_cookies


def test_the_deployment_checks_pass_with_the_production_settings(environment):
    env = {**environment, "TELLONCE_CLAMAV_SOCKET": "/run/clamav/clamd.ctl"}
    checked = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_production_settings_refuse_to_start_without_a_secret_key(environment):
    env = {key: value for key, value in environment.items() if key != "TELLONCE_SECRET_KEY"}
    refused = _manage(env, "check")
    assert refused.returncode != 0
    assert "Set TELLONCE_SECRET_KEY and DATABASE_URL for production." in refused.stderr


def making_the_first_administrator_twice_is_refused_and_says_why(server, signed_in):
    again = server["again"]
    assert again.returncode != 0
    assert "Someone already has that username" in again.stderr, again.stderr


def the_probes_answer_over_plain_http_on_loopback(server, signed_in):
    browser = Browser(server["port"])
    assert browser.get("/healthz", via_proxy=False).status == 200
    deadline = time.monotonic() + 30
    while (ready := browser.get("/readyz", via_proxy=False)).status != 200 and time.monotonic() < deadline:
        assert server["worker"].poll() is None, server["worker_log"].read_text()
        time.sleep(0.5)
    assert ready.status == 200, ready.text
    assert '"migrations", "ok": true' in ready.text
    # The worker (`tellonce worker`, production settings) is running and has reported.
    assert '"worker", "ok": true' in ready.text
    assert browser.get("/metrics", via_proxy=False).status == 200
    assert browser.get("/metrics").status == 404


def plain_http_through_the_proxy_is_sent_to_https(server, signed_in):
    browser = Browser(server["port"])
    answer = browser.get("/accessibility/", headers={"X-Forwarded-Proto": "http"})
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{HOST}/accessibility/"


def signing_in_sets_secure_http_only_session_and_secure_csrf_cookies(server, signed_in):
    _, cookies = signed_in
    session, csrf = cookies["sessionid"], cookies["csrftoken"]
    assert "; Secure" in session and "; HttpOnly" in session and "SameSite=Lax" in session
    assert "; Secure" in csrf and "; HttpOnly" in csrf


def pages_behind_sign_in_carry_the_security_headers_and_are_never_stored(server, signed_in):
    browser, _ = signed_in
    for start in ("/", "/administration/"):
        path, page = browser.follow(start)
        assert page.status == 200, (path, page.status)
        assert "Ada Admin" in page.text or "Exampleshire" in page.text, path
        assert "no-store" in page.headers["Cache-Control"], path
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert page.headers["Referrer-Policy"] == "same-origin"
        assert page.headers["X-Frame-Options"] == "DENY"
        csp = page.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'nonce-" in csp
        assert re.fullmatch(r"[0-9a-f]{32}", page.headers["X-Request-ID"])


def a_public_page_may_be_cached(server, signed_in):
    page = Browser(server["port"]).get("/accessibility/")
    assert page.status == 200
    assert "no-store" not in page.headers.get("Cache-Control", "")
    assert "Content-Security-Policy" in page.headers


def static_files_are_compressed_and_cached_for_long_under_their_hashed_names(server, signed_in):
    browser = Browser(server["port"])
    page = browser.get("/accessibility/")
    stylesheet = re.search(r'href="(/static/css/tellonce\.[0-9a-f]{12}\.css)"', page.text).group(1)
    for encoding in ("br", "gzip"):
        answer = browser.get(stylesheet, headers={"Accept-Encoding": encoding})
        assert answer.status == 200
        assert answer.headers["Content-Encoding"] == encoding
        assert "immutable" in answer.headers["Cache-Control"]
        assert int(re.search(r"max-age=(\d+)", answer.headers["Cache-Control"]).group(1)) >= 365 * 24 * 3600


def the_log_is_json_lines_with_the_request_id_and_no_password(server, signed_in):
    import json

    lines = [json.loads(line) for line in server["log"].read_text().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("logger") == "tellonce.requests"]
    assert any(line["path"] == "/accounts/sign-in/" and line["method"] == "POST" for line in requests)
    assert all(line["request_id"] for line in requests)
    assert PASSWORD not in server["log"].read_text()
    # Each of the two workers readied itself (tellonce/config/gunicorn.py), with no step failing.
    readied = [line for line in lines if line.get("logger") == "tellonce.config.warmup"]
    assert [line["level"] for line in readied] == ["INFO", "INFO"], readied
    assert all("templates" in line["message"] for line in readied)


CHECKS = [
    making_the_first_administrator_twice_is_refused_and_says_why,
    the_probes_answer_over_plain_http_on_loopback,
    plain_http_through_the_proxy_is_sent_to_https,
    signing_in_sets_secure_http_only_session_and_secure_csrf_cookies,
    pages_behind_sign_in_carry_the_security_headers_and_are_never_stored,
    a_public_page_may_be_cached,
    static_files_are_compressed_and_cached_for_long_under_their_hashed_names,
    the_log_is_json_lines_with_the_request_id_and_no_password,
]


def test_a_production_server_behind_the_proxy_signs_in_and_answers_securely(server, signed_in):
    """One test, so that one server is started however the tests are spread over processes; each
    check is named, and all are run, the failures reported together."""
    failed = []
    for each in CHECKS:
        try:
            each(server, signed_in)
        except AssertionError as error:
            failed.append(f"{each.__name__}: {error}")
    assert not failed, "\n".join(failed)
