"""Digests → e-mail messages with safe headers."""

from __future__ import annotations

import hashlib
import unicodedata
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from urllib.parse import urlsplit

from .config import Config
from .models import Digest


class _MailPolicy(EmailPolicy):
    """The SMTP policy, except that a non-ASCII Subject is folded by `email.header`.

    CPython's folder (3.11–3.13) can leave a space at the end of a line before an encoded
    word, so that readers see two spaces ("at the  latter’s"). Encoding the whole subject as
    encoded words avoids it: whitespace between encoded words is not part of the text."""

    def fold(self, name: str, value: str) -> str:
        if name.lower() == "subject" and not str(value).isascii():
            encoded = Header(str(value), "utf-8", header_name=name).encode(linesep=self.linesep)
            return f"{name}: {encoded}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        return self.fold(name, value).encode("ascii")


MAIL_POLICY = _MailPolicy(linesep="\r\n")


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
    message = EmailMessage(policy=MAIL_POLICY)
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
