"""Checks a running Tellonce as a council's first administrator would, through its front door:
readiness, the sign-in page, signing in with the password and setting up the authenticator app
(the code computed from the key the page shows), a signed-in page, a static file and the security
headers. Standard library only; used by deploy/debian/check.sh and deploy/container/build-and-check.sh.

    python3 deploy/check-site.py https://localhost:8443 --cafile cert.pem --username admin --password-file F

Prints one line a check and exits 1 if any failed."""

import argparse
import base64
import hashlib
import hmac
import http.cookiejar
import json
import re
import ssl
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

failures = []


def say(ok: bool, what: str) -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)


def totp(key: str, at: float) -> str:
    secret = base64.b32decode(key.replace(" ", "").upper())
    digest = hmac.new(secret, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class Site:
    def __init__(self, base: str, cafile: str | None):
        self.base = base.rstrip("/")
        context = ssl.create_default_context(cafile=cafile) if cafile else None
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=context),
        )

    def get(self, path: str) -> tuple[int, str, str, dict]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict, referer: str) -> tuple[int, str, str, dict]:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": referer})
        return self._open(request)

    def _open(self, request) -> tuple[int, str, str, dict]:
        try:
            with self.opener.open(request, timeout=60) as answer:
                return (
                    answer.status,
                    answer.geturl(),
                    answer.read().decode(errors="replace"),
                    dict(answer.headers),
                )
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode(errors="replace"), dict(error.headers)


def csrf(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return found.group(1) if found else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--cafile")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password-file", required=True)
    args = parser.parse_args()
    password = open(args.password_file).read().strip()
    site = Site(args.base, args.cafile)

    status, _, body, _ = site.get("/readyz")
    try:
        checks = {check["name"]: check["ok"] for check in json.loads(body)["checks"]}
    except (ValueError, KeyError, TypeError):
        checks = {}
    say(
        status == 200,
        f"/readyz answers {status}: "
        + ", ".join(f"{n} {'ok' if ok else 'FAILING'}" for n, ok in checks.items()),
    )
    say(checks.get("worker") is True, "the worker's heartbeat is among the readiness checks, and recent")
    status, _, _, _ = site.get("/healthz")
    say(status == 200, f"/healthz answers {status}")

    status, url, page, headers = site.get("/")
    say(status == 200 and "/accounts/sign-in/" in url, f"/ sends a visitor to sign in ({status} {url})")
    say("max-age=" in headers.get("Strict-Transport-Security", ""), "HSTS header on the sign-in page")
    say("Content-Security-Policy" in headers, "Content-Security-Policy header on the sign-in page")

    css = re.search(r'href="(/static/[^"]+\.css)"', page)
    if css:
        status, _, _, static_headers = site.get(css.group(1))
        say(status == 200, f"{css.group(1)} answers {status}")
        say(
            "max-age=315360000" in static_headers.get("Cache-Control", "")
            or "immutable" in static_headers.get("Cache-Control", ""),
            f"the stylesheet is cached long: {static_headers.get('Cache-Control')}",
        )
    else:
        say(False, "the sign-in page links a stylesheet under /static/")

    sign_in = args.base.rstrip("/") + "/accounts/sign-in/"
    status, url, page, _ = site.post(
        "/accounts/sign-in/?next=/",
        {"csrfmiddlewaretoken": csrf(page), "username": args.username, "password": password},
        referer=sign_in,
    )
    key = re.search(r'<code class="tellonce-key">([A-Z2-7 ]+)</code>', page)
    say(
        status == 200 and key is not None,
        f"the password is taken and the app set-up page shows a key ({url})",
    )
    if key is None:
        errors = re.findall(r'class="govuk-error-message">(.*?)</', page, re.S)
        print(f"     the page says: {' '.join(' '.join(errors).split())[:300] or page[:300]}")
    if key:
        set_up = urllib.parse.urlsplit(url)
        path = set_up.path + (f"?{set_up.query}" if set_up.query else "")
        status, url, page, _ = site.post(
            path, {"csrfmiddlewaretoken": csrf(page), "code": totp(key.group(1), time.time())}, referer=url
        )
        say(status == 200 and "recovery-codes" in url, f"the authenticator's code is taken ({status} {url})")
    status, url, page, headers = site.get("/")
    signed_in = status == 200 and "/accounts/sign-in/" not in url and "Sign out" in page
    say(signed_in, f"a signed-in page: / answers {status} at {url} with a 'Sign out' link")
    say(
        "no-store" in headers.get("Cache-Control", ""),
        f"signed-in page Cache-Control: {headers.get('Cache-Control')}",
    )
    print(f"{'FAILED' if failures else 'PASSED'}: {len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
