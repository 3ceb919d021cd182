"""Signed links for confirming and unsubscribing: HMAC-SHA256 over the purpose, the
subscriber's id and address and an expiry time.

A token is `<id>.<expires>.<mac>`: it names the subscriber but not the address, and the
service that checks it looks the address up by id, so a token for one subscriber cannot be
edited into a token for another, nor outlive a change of address. Unsubscribe tokens never
expire (expires = 0), so an old newsletter's link keeps working."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from .errors import UsageError

CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"
MIN_KEY_LENGTH = 32
_TOKEN = re.compile(r"([1-9][0-9]{0,18})\.(0|[1-9][0-9]{0,12})\.([A-Za-z0-9_-]{43})")


class TokenError(UsageError):
    """A link that is malformed, forged, for another purpose, or expired."""


def token_key(env_name: str) -> bytes:
    """The signing secret from the environment; a one-line error when it is missing."""
    key = os.environ.get(env_name, "")
    if len(key) < MIN_KEY_LENGTH:
        raise UsageError(
            f"{env_name} must hold a random secret of at least {MIN_KEY_LENGTH} characters "
            f"to sign links (for example: export {env_name}=$(openssl rand -hex 32))"
        )
    return key.encode("utf-8")


def make_token(key: bytes, purpose: str, subscriber_id: int, email: str, expires: int) -> str:
    """`expires` is a Unix time, or 0 for never."""
    return f"{subscriber_id}.{expires}.{_mac(key, purpose, subscriber_id, email, expires)}"


def token_subscriber(token: str) -> int:
    """The subscriber id a token claims (not yet checked: see `check_token`)."""
    match = _TOKEN.fullmatch(token.strip())
    if not match:
        raise TokenError("this link is not valid (malformed token)")
    return int(match[1])


def check_token(key: bytes, token: str, purpose: str, email: str, now: float) -> None:
    """Raise TokenError unless `token` was made by us for this purpose and address and has not
    expired."""
    match = _TOKEN.fullmatch(token.strip())
    if not match:
        raise TokenError("this link is not valid (malformed token)")
    subscriber_id, expires, mac = int(match[1]), int(match[2]), match[3]
    expected = _mac(key, purpose, subscriber_id, email, expires)
    # Constant time, so a forger learns nothing from how long a wrong guess takes.
    if not hmac.compare_digest(mac.encode("ascii"), expected.encode("ascii")):
        raise TokenError("this link is not valid (bad signature)")
    if expires and now > expires:
        raise TokenError("this link has expired; subscribe again for a new one")


def _mac(key: bytes, purpose: str, subscriber_id: int, email: str, expires: int) -> str:
    # Newline-separated fields cannot run into each other: none may contain a newline.
    message = f"newsdesk\n{purpose}\n{subscriber_id}\n{email.lower()}\n{expires}"
    digest = hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
