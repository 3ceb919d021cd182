"""Digests → e-mail messages with safe headers."""

from __future__ import annotations

import hashlib
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, formataddr, parseaddr
from typing import TYPE_CHECKING

from .cleaning import normalise
from .config import Config
from .models import Digest

if TYPE_CHECKING:
    from .digest import Email


class _MailPolicy(EmailPolicy):
    """The SMTP policy, except for the Subject, which carries seed text.

    The standard policy parses a value on assignment, decoding anything that looks like an
    RFC 2047 encoded word: a headline such as '=?utf-8?q?Hi=0D=0ABcc=3A_x?=' would become a
    line break and a new header. Here the Subject is stored as given and, when it is not plain
    ASCII or looks encoded, written wholly as encoded words by `email.header`. That also avoids
    CPython's folder leaving two spaces before an encoded word ("at the  latter’s")."""

    def header_store_parse(self, name: str, value: str) -> tuple[str, str]:
        if name.lower() == "subject":
            return name, normalise(value)
        return super().header_store_parse(name, value)

    def fold(self, name: str, value: str) -> str:
        if name.lower() == "subject" and (not value.isascii() or "=?" in value):
            encoded = Header(value, "utf-8", header_name=name).encode(linesep=self.linesep)
            return f"{name}: {encoded}{self.linesep}"
        return super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        return self.fold(name, value).encode("ascii")


MAIL_POLICY = _MailPolicy(linesep="\r\n")


def digest_message(digest: Digest, email: Email, config: Config) -> EmailMessage:
    """The archive copy of an issue as a multipart/alternative message."""
    host = config.site.mail_domain
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = normalise(email.subject)
    message["From"] = normalise(config.newsletter.sender)
    message["Reply-To"] = normalise(config.newsletter.sender)
    # The archive copy goes to the list itself; sending puts each subscriber here instead.
    message["To"] = formataddr(
        (f"{normalise(config.site.title)} readers", parseaddr(config.newsletter.sender)[1])
    )
    message["Date"] = format_datetime(max(s.date for s in digest.stories))
    message["Message-ID"] = f"<{digest.id}.newsletter@{host}>"
    message["List-Id"] = f"{normalise(config.site.title)} <newsletter.{host}>"
    message.set_content(email.text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(email.html, subtype="html", charset="utf-8", cte="quoted-printable")
    # A fixed boundary derived from the content keeps the file byte-identical across builds.
    digest_of_parts = hashlib.sha256((email.text + email.html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"==newsdesk-{digest_of_parts}")
    return message
