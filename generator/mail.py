"""Digests → e-mail messages with safe headers."""

from __future__ import annotations

import hashlib
import html
import quopri
from dataclasses import dataclass
from datetime import UTC, datetime
from email import quoprimime
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


@dataclass(frozen=True)
class Hole:
    """A line of a text part that holds the unsubscribe placeholder, decoded."""

    line: str
    html: bool


@dataclass(frozen=True)
class IssueTemplate:
    """An issue's archive .eml cut into fixed bytes and holes, so that a subscriber's copy
    costs two header folds and a line or two of quoted-printable, not a MIME re-encoding of
    the whole issue (8 ms a message, too slow for big lists)."""

    pieces: tuple[bytes | Hole, ...]
    placeholder: str  # the archive copy's unsubscribe link, replaced in each copy

    def links_in(self, html: bool) -> int:
        """How many lines of the text (or HTML) part hold the unsubscribe link."""
        return sum(isinstance(p, Hole) and p.html == html for p in self.pieces)


_PERSONAL_HEADERS = (b"to:", b"message-id:")


def issue_template(raw: bytes, placeholder: str) -> IssueTemplate:
    """Cut an archive .eml (CRLF line ends, quoted-printable text parts, as `digest_message`
    writes it) around the lines that hold `placeholder`, the archive's unsubscribe link. Its
    To and Message-ID are dropped, to be replaced per recipient."""
    needles = {False: placeholder.encode("utf-8"), True: html.escape(placeholder).encode("utf-8")}
    head, separator, body = raw.partition(b"\r\n\r\n")
    kept: list[bytes] = []
    dropping = False
    for line in head.split(b"\r\n"):
        if not line[:1].isspace():
            dropping = line.lower().startswith(_PERSONAL_HEADERS)
        if not dropping:
            kept.append(line)
    pieces: list[bytes | Hole] = [b"\r\n".join(kept) + separator]
    is_html = False
    logical: list[bytes] = []  # the physical lines of one quoted-printable line
    for line in body.split(b"\r\n"):
        if line.lower().startswith(b"content-type: text/"):
            is_html = line.lower().startswith(b"content-type: text/html")
        logical.append(line)
        if line.endswith(b"="):  # a soft line break: the line goes on
            continue
        encoded = b"\r\n".join(logical)
        logical = []
        decoded = quopri.decodestring(encoded)
        if needles[is_html] in decoded:
            pieces.append(Hole(decoded.decode("utf-8"), is_html))
        else:
            pieces.append(encoded)
    # Lines were split on CRLF; put the separators back between pieces.
    joined: list[bytes | Hole] = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        if index:
            joined.append(b"\r\n")
        joined.append(piece)
    return IssueTemplate(tuple(_merge_bytes(joined)), placeholder)


def _merge_bytes(pieces: list[bytes | Hole]) -> list[bytes | Hole]:
    merged: list[bytes | Hole] = []
    for piece in pieces:
        if isinstance(piece, bytes) and merged and isinstance(merged[-1], bytes):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def personalise(
    template: IssueTemplate,
    recipient: str,
    unsubscribe_url: str,
    message_id: str,
    one_click: bool,
) -> bytes:
    """One subscriber's copy of an issue: their address in To, their own Message-ID, their
    unsubscribe link in the text, the HTML and List-Unsubscribe (RFC 2369); `one_click` adds
    List-Unsubscribe-Post (RFC 8058), which needs an https link."""
    headers = [("To", recipient), ("Message-ID", message_id)]
    headers.append(("List-Unsubscribe", f"<{unsubscribe_url}>"))
    if one_click:
        headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
    out = [_header(name, value) for name, value in headers]
    url = unsubscribe_url
    for piece in template.pieces:
        if isinstance(piece, bytes):
            out.append(piece)
        else:
            if piece.html:
                line = piece.line.replace(html.escape(template.placeholder), html.escape(url))
            else:
                line = piece.line.replace(template.placeholder, url)
            out.append(_quoted_printable(line))
    return b"".join(out)


def _header(name: str, value: str) -> bytes:
    """A header line. Plain ASCII is written as it is (the policy's fold costs 0.3 ms, and a
    long URL is better unfolded: lines may have 998 characters); the rest is encoded."""
    if value.isascii() and value.isprintable() and len(name) + len(value) < 900:
        return f"{name}: {value}\r\n".encode("ascii")
    return MAIL_POLICY.fold_binary(*MAIL_POLICY.header_store_parse(name, value))


def _quoted_printable(line: str) -> bytes:
    """One line as the email package's content manager encodes it (UTF-8 bytes as latin-1
    characters, lines of at most 78 characters)."""
    latin = line.encode("utf-8").decode("latin-1")
    return quoprimime.body_encode(latin, MAIL_POLICY.max_line_length, "\r\n").encode("ascii")


def confirmation_message(config: Config, recipient: str, link: str, message_id: str) -> bytes:
    """The double opt-in mail: one link, nothing else to click."""
    site = normalise(config.site.title)
    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = f"Please confirm your subscription to {site}"
    message["From"] = normalise(config.newsletter.sender)
    message["To"] = recipient
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id
    days = config.subscribers.confirm_days
    message.set_content(
        f"Someone, probably you, asked to receive the {site} newsletter at this address.\n\n"
        f"To confirm, open this link within {days} day{'s' if days != 1 else ''}:\n\n"
        f"{link}\n\n"
        "If you did not ask for it, ignore this message: you will get nothing more from us.\n",
        charset="utf-8",
        cte="quoted-printable",
    )
    return message.as_bytes(policy=MAIL_POLICY)
