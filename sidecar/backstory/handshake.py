"""The handshake: the sidecar proves it holds the browser's pairing secret before the extension sends
anything, and every request and answer after it is signed with a key made for that one exchange.

Protocol ``backstory-pair-v1`` (docs/security.md has the threat analysis):

1. The extension posts ``/v1/handshake`` ``{"v": 1, "kid": KID, "nonce": NC}`` with no credentials.
   ``KID`` = the first 16 hex digits of HMAC-SHA256(secret, "backstory-pair-v1 key-id") names the
   secret without revealing it; ``NC`` is 32 random bytes (base64url). The browser adds ``Origin``.
2. The sidecar finds the pairing with that key id, makes 32 random bytes ``NS`` and a session id, and
   derives the session key
   ``K = HMAC-SHA256(secret, "backstory-pair-v1 session\\n" KID "\\n" ORIGIN "\\n" PORT "\\n" NC "\\n" NS)``
   where ORIGIN is the request's ``Origin`` and PORT the port the sidecar listens on. It answers
   ``{"session", "nonce": NS, "result": "ok" | "paired_elsewhere", "pair": ID, "browser", "proof"}``
   with ``proof = HMAC-SHA256(K, "backstory-pair-v1 server\\n" RESULT "\\n" ID "\\n" BROWSER)``.
3. The extension derives K from its own secret, its own origin and the port it dialled, and checks the
   proof. Only a holder of the secret can make it, and only for this origin, port and these nonces, so
   an impostor on the port, or one relaying to the real sidecar on another port, fails here, before
   the extension has sent the secret, a page or anything else.
4. The extension then sends the request with ``Authorization: Backstory-Signed SESSION.SIG``,
   ``SIG = HMAC-SHA256(K, "backstory-pair-v1 request\\n" METHOD "\\n" PATH "\\n" hex(SHA-256(body)))``.
   The sidecar checks it (proving the extension holds the secret, which binds the pairing to the origin
   on first use), answers, and signs the answer: header ``X-Backstory-Signature`` =
   ``HMAC-SHA256(K, "backstory-pair-v1 response\\n" STATUS "\\n" hex(SHA-256(body)))``.
   A session serves one request and lives at most SESSION_TTL_S.

Every MAC is base64url without padding; text is UTF-8; the fields never contain a newline.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

PROTOCOL = "backstory-pair-v1"
PATH = "/v1/handshake"
AUTH_SCHEME = "Backstory-Signed"
SIGNATURE_HEADER = "X-Backstory-Signature"
NONCE_BYTES = 32
SESSION_TTL_S = 60.0
MAX_SESSIONS = 256  # unanswered handshakes kept at once; the oldest are dropped first
B64URL = re.compile(r"[A-Za-z0-9_-]+")
KID = re.compile(r"[0-9a-f]{16}")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def valid_nonce(value: object) -> bool:
    """A client nonce: base64url of 16 to 64 bytes."""
    return isinstance(value, str) and 22 <= len(value) <= 86 and B64URL.fullmatch(value) is not None


def _mac(key: bytes, *fields: str) -> bytes:
    return hmac.new(key, "\n".join(fields).encode("utf-8"), hashlib.sha256).digest()


def session_key(secret: str, *, kid: str, origin: str, port: int, client_nonce: str, server_nonce: str) -> bytes:
    """K: what both ends derive from the secret; never sent."""
    return _mac(secret.encode("utf-8"), f"{PROTOCOL} session", kid, origin, str(port), client_nonce, server_nonce)


def server_proof(key: bytes, *, result: str, pair_id: str, browser: str | None) -> str:
    """The sidecar's proof that it derived K (so holds the secret), over what it tells the extension."""
    return b64url(_mac(key, f"{PROTOCOL} server", result, pair_id, browser or ""))


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def request_signature(key: bytes, method: str, path: str, body: bytes) -> str:
    """The extension's signature of one request: method, path (with its query) and body."""
    return b64url(_mac(key, f"{PROTOCOL} request", method.upper(), path, body_digest(body)))


def response_signature(key: bytes, status: int, body: bytes) -> str:
    """The sidecar's signature of its answer: status and body."""
    return b64url(_mac(key, f"{PROTOCOL} response", str(status), body_digest(body)))


def equal(a: str, b: str) -> bool:
    """Constant-time comparison of two MACs (ASCII)."""
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


def parse_authorization(value: str) -> tuple[str, str] | None:
    """(session id, signature) from ``Backstory-Signed SESSION.SIG``, or None."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != AUTH_SCHEME.lower():
        return None
    sid, dot, sig = rest.strip().partition(".")
    if not dot or not B64URL.fullmatch(sid) or not B64URL.fullmatch(sig) or len(sid) > 64 or len(sig) > 64:
        return None
    return sid, sig


@dataclass(frozen=True)
class Session:
    """One handshake's state, kept until its request arrives (or SESSION_TTL_S passes)."""

    pair_id: str
    kid: str
    origin: str
    browser_hint: str | None
    key: bytes
    expires: float


class Sessions:
    """Open handshakes: each used once, dropped after SESSION_TTL_S, at most MAX_SESSIONS at a time."""

    def __init__(self, ttl_s: float = SESSION_TTL_S, limit: int = MAX_SESSIONS) -> None:
        self.ttl_s = ttl_s
        self.limit = limit
        self._lock = threading.Lock()
        self._open: OrderedDict[str, Session] = OrderedDict()

    def open(self, *, pair_id: str, kid: str, origin: str, browser_hint: str | None, key: bytes) -> str:
        sid = b64url(secrets.token_bytes(16))
        now = time.monotonic()
        with self._lock:
            for old in [s for s, v in self._open.items() if v.expires <= now]:
                del self._open[old]
            while len(self._open) >= self.limit:
                self._open.popitem(last=False)
            self._open[sid] = Session(pair_id, kid, origin, browser_hint, key, now + self.ttl_s)
        return sid

    def take(self, sid: str) -> Session | None:
        """The session, removed (a session serves one request), or None when unknown or expired."""
        with self._lock:
            session = self._open.pop(sid, None)
        if session is None or session.expires <= time.monotonic():
            return None
        return session

    def __len__(self) -> int:
        return len(self._open)


class Client:
    """The extension's side of the protocol, in Python: the reference that extension/lib/sidecar-client.js
    follows (tests and bench/handshake.py use it; tests/fixtures/handshake-vectors.json pins both)."""

    def __init__(self, secret: str, *, origin: str, port: int) -> None:
        from .pairing import key_id

        self.secret, self.origin, self.port = secret, origin, port
        self.kid = key_id(secret)
        self.nonce = ""
        self.key: bytes | None = None
        self.session = ""

    def hello(self) -> dict:
        """The handshake's body (a fresh nonce each time)."""
        self.nonce = b64url(secrets.token_bytes(NONCE_BYTES))
        self.key, self.session = None, ""
        return {"v": 1, "kid": self.kid, "nonce": self.nonce}

    def accept(self, answer: dict) -> bool:
        """Check the sidecar's proof; True (and the session key kept) only when it holds the secret."""
        try:
            key = session_key(self.secret, kid=self.kid, origin=self.origin, port=self.port,
                              client_nonce=self.nonce, server_nonce=str(answer["nonce"]))
            expected = server_proof(key, result=str(answer["result"]), pair_id=str(answer["pair"]),
                                    browser=answer.get("browser"))
            ok = equal(expected, str(answer["proof"]))
        except (KeyError, TypeError, UnicodeError):
            return False
        if ok:
            self.key, self.session = key, str(answer.get("session") or "")
        return ok

    def authorization(self, method: str, path: str, body: bytes) -> str:
        """The Authorization header of the one request this session serves."""
        assert self.key is not None, "accept() a proof first"
        return f"{AUTH_SCHEME} {self.session}.{request_signature(self.key, method, path, body)}"

    def answer_is_signed(self, status: int, body: bytes, signature: str | None) -> bool:
        return self.key is not None and bool(signature) and equal(response_signature(self.key, status, body), signature)
