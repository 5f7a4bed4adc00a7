"""A small OpenID Connect provider for the single sign-on tests, on loopback in a thread of the test
process: discovery, authorization (the authorization code flow with PKCE), token, userinfo and
JWKS endpoints, and ID tokens signed with a fresh RSA key. It signs in whoever the test says is
at the keyboard (`provider.person`), as a council's identity provider would after its own password
and second factor."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "tellonce-test"
CLIENT_SECRET = "a-secret-only-the-tests-know"


class Provider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.person: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Provider":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        """The Tellonce settings that point at this provider."""
        return {
            "TELLONCE_SSO": True,
            "TELLONCE_SSO_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_RP_SIGN_ALGO": "RS256",
        }

    def id_token(self, claims: dict, nonce: str, audience: str = CLIENT_ID) -> str:
        now = int(time.time())
        body = {"iss": self.issuer, "aud": audience, "iat": now, "exp": now + 300, "nonce": nonce} | claims
        return jwt.encode(body, self.key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [jwk | {"kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict) -> tuple[int, dict]:
        """Sign in `person` and send them back with a code, as the provider's own pages would."""
        wanted = {"response_type": "code", "client_id": CLIENT_ID}
        if (
            any(query.get(k) != v for k, v in wanted.items())
            or "openid" not in query.get("scope", "").split()
        ):
            return 400, {"error": "invalid_request"}
        for needed in ("redirect_uri", "state", "nonce", "code_challenge"):
            if not query.get(needed):
                return 400, {"error": "invalid_request", "missing": needed}
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"query": query, "person": dict(self.person)}
        back = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return 302, {"Location": back}

    def token(self, form: dict) -> tuple[int, dict]:
        issued = self.codes.pop(form.get("code", ""), None)  # a code works once
        if issued is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        asked = issued["query"]
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        if form.get("redirect_uri") != asked["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        if challenge != asked["code_challenge"] or asked.get("code_challenge_method") != "S256":
            return 400, {"error": "invalid_grant"}
        access = secrets.token_urlsafe(16)
        self.tokens[access] = issued["person"]
        id_token = self.id_token({"sub": issued["person"]["sub"]}, asked["nonce"])
        return 200, {"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def _answer(self, status: int, body: dict) -> None:
            if status == 302:
                self.send_response(302)
                self.send_header("Location", body["Location"])
                self.end_headers()
                return
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            provider.requests.append(f"GET {url.path}")
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                base = provider.issuer
                self._answer(
                    200,
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "userinfo_endpoint": f"{base}/userinfo",
                        "jwks_uri": f"{base}/jwks",
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"],
                    },
                )
            elif url.path == "/authorize":
                self._answer(*provider.authorize(query))
            elif url.path == "/jwks":
                self._answer(200, provider.jwks())
            elif url.path == "/userinfo":
                access = self.headers.get("Authorization", "").removeprefix("Bearer ")
                person = provider.tokens.get(access)
                self._answer(200, person) if person else self._answer(401, {"error": "invalid_token"})
            else:
                self._answer(404, {"error": "not_found"})

        def do_POST(self) -> None:
            url = urlparse(self.path)
            provider.requests.append(f"POST {url.path}")
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if url.path == "/token":
                self._answer(*provider.token(form))
            else:
                self._answer(404, {"error": "not_found"})

    return Handler
