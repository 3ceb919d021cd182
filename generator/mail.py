"""Digests → e-mail messages with safe headers."""

from __future__ import annotations

import hashlib
import unicodedata
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from urllib.parse import urlsplit

from .config import Config
from .models import Digest


def header_text(value: str) -> str:
    """One line of header text: control characters (CR and LF above all) cannot start a new
    header, whatever a headline contains."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)
    return " ".join(cleaned.split())


def digest_message(
    digest: Digest, subject: str, html: str, text: str, config: Config
) -> EmailMessage:
    """The archive copy of an issue as a multipart/alternative message."""
    host = urlsplit(config.site.url).hostname or "localhost"
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_text(subject)
    message["From"] = header_text(config.newsletter.sender)
    message["Reply-To"] = header_text(config.newsletter.sender)
    message["Date"] = format_datetime(max(s.date for s in digest.stories))
    message["Message-ID"] = f"<{digest.id}.newsletter@{host}>"
    message["List-Id"] = f"{header_text(config.site.title)} <newsletter.{host}>"
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8")
    # A fixed boundary derived from the content keeps the file byte-identical across builds.
    digest_of_parts = hashlib.sha256((text + html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"==newsdesk-{digest_of_parts}")
    return message
