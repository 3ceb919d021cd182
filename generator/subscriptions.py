"""What the `newsdesk subscribers` commands do: each opens the database, changes it in one
transaction, and returns a report. New pending subscribers get a confirmation mail with a
signed, expiring link (double opt-in)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formataddr
from pathlib import Path
from typing import IO

from . import subscribers as store
from .config import Config
from .database import open_database, transaction, utc_now
from .errors import NewsdeskError, UsageError
from .mail import confirmation_message
from .models import Subscriber
from .sending import envelope_sender, open_transport
from .tokens import CONFIRM, UNSUBSCRIBE, check_token, make_token, token_key, token_subscriber

DAY = 86400


@dataclass(frozen=True)
class AddReport:
    added: tuple[Subscriber, ...] = ()
    existing: tuple[Subscriber, ...] = ()  # already in the database: left as they are
    invalid: tuple[str, ...] = ()  # one line per rejected row; if any, nothing was added
    confirmations_sent: int = 0
    confirmation_errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.confirmation_errors


@contextmanager
def _database(config: Config) -> Iterator[sqlite3.Connection]:
    db = open_database(config.database_path)
    try:
        yield db
    finally:
        db.close()


def add_subscriber(config: Config, address: str, name: str, confirmed: bool) -> AddReport:
    try:
        email = store.normalise_address(address)
    except ValueError as error:
        raise UsageError(f"{address}: {error}") from None
    row = store.ImportRow(0, email, store.clean_name(name))
    how = "added by an editor, who confirmed consent" if confirmed else ""
    return _add(config, [row], confirmed, "newsdesk subscribers add", how)


def import_subscribers(config: Config, path: Path, confirmed: bool) -> AddReport:
    """All rows or none: any invalid row rejects the file. Addresses already present are
    left alone, so importing the same file again changes nothing."""
    rows, problems = store.read_csv(path)
    if problems:
        return AddReport(invalid=tuple(problems))
    how = f"imported from {path.name}; consent confirmed by an editor" if confirmed else ""
    return _add(config, rows, confirmed, f"import: {path.name}", how)


def _add(
    config: Config, rows: Sequence[store.ImportRow], confirmed: bool, source: str, how: str
) -> AddReport:
    key = b""
    if not confirmed:  # check before changing anything: double opt-in needs both
        if not config.subscribers.endpoint:
            raise UsageError(
                "subscribers.endpoint is not set, so there is no confirmation link to send; "
                "set it, or add with --confirmed if the subscriber already agreed"
            )
        key = token_key(config.subscribers.token_key_env)
    added, existing = [], []
    status = "confirmed" if confirmed else "pending"
    with _database(config) as db:
        with transaction(db):
            now = utc_now()
            for row in rows:
                found = store.find(db, row.email)
                if found:
                    existing.append(found)
                else:
                    added.append(store.insert(db, row.email, row.name, status, source, how, now))
        pending = [s for s in added if s.status == "pending"]
    sent, errors = send_confirmations(config, pending, key) if pending else (0, [])
    return AddReport(tuple(added), tuple(existing), (), sent, tuple(errors))


def confirm_link(config: Config, subscriber: Subscriber, key: bytes) -> str:
    expires = int(time.time()) + config.subscribers.confirm_days * DAY
    token = make_token(key, CONFIRM, subscriber.id, subscriber.email, expires)
    return f"{config.subscribers.endpoint}confirm?token={token}"


def send_confirmations(
    config: Config, pending: Sequence[Subscriber], key: bytes
) -> tuple[int, list[str]]:
    """One confirmation mail each, over one connection; (sent, one line per failure)."""
    transport = open_transport(config)
    host = config.site.mail_domain
    sent, errors = 0, []
    try:
        for subscriber in pending:
            message_id = f"<confirm.{subscriber.id}.{os.urandom(6).hex()}@{host}>"
            to = formataddr((subscriber.name, subscriber.email))
            payload = confirmation_message(
                config, to, confirm_link(config, subscriber, key), message_id
            )
            outcome = transport.deliver(
                envelope_sender(config), subscriber.email, payload, message_id
            )
            if outcome.kind == "sent":
                sent += 1
            else:
                errors.append(f"{subscriber.email}: confirmation not sent: {outcome.reply}")
    except NewsdeskError as error:
        errors.append(f"confirmation mails stopped: {error}")
    finally:
        transport.close()
    return sent, errors


def change_status(
    config: Config, address: str | None, token: str | None, status: str
) -> Subscriber:
    """Confirm, unsubscribe or mark one subscriber, named by address (an editor) or by the
    token of a link (the subscriber: the token is checked)."""
    with _database(config) as db, transaction(db):
        subscriber = _by_token(config, db, token, status) if token else _by_address(db, address)
        if subscriber.status == status:
            return subscriber  # a second click keeps the first consent record
        if token and status == "confirmed" and subscriber.status != "pending":
            raise UsageError(f"{subscriber.email} is {subscriber.status}; subscribe again first")
        how = "followed the confirmation link" if token else "confirmed by an editor"
        return store.set_status(db, subscriber, status, how, utc_now())


def _by_token(config: Config, db: sqlite3.Connection, token: str, status: str) -> Subscriber:
    purpose = CONFIRM if status == "confirmed" else UNSUBSCRIBE
    subscriber = store.get(db, token_subscriber(token))
    if subscriber is None:
        raise UsageError("this link is not valid (no such subscriber)")
    key = token_key(config.subscribers.token_key_env)
    check_token(key, token, purpose, subscriber.email, time.time())
    return subscriber


def _by_address(db: sqlite3.Connection, address: str | None) -> Subscriber:
    if not address:
        raise UsageError("give an ADDRESS or --token")
    try:
        email = store.normalise_address(address)
    except ValueError as error:
        raise UsageError(f"{address}: {error}") from None
    subscriber = store.find(db, email)
    if subscriber is None:
        raise UsageError(f"{email} is not a subscriber")
    return subscriber


def remove_subscriber(config: Config, address: str) -> Subscriber:
    """Erase a subscriber and their send records."""
    with _database(config) as db, transaction(db):
        subscriber = _by_address(db, address)
        store.delete(db, subscriber)
        return subscriber


def list_subscribers(config: Config, status: str | None) -> tuple[list[Subscriber], dict[str, int]]:
    with _database(config) as db:
        return list(store.every(db, status)), store.count_by_status(db)


def export_subscribers(config: Config, out: IO[str], status: str | None) -> int:
    with _database(config) as db:
        return store.write_csv(store.every(db, status), out)


def request_subscription(config: Config, address: str, name: str) -> list[str]:
    """A sign-up from the web: a new or lapsed address becomes pending and gets a
    confirmation link; a pending one gets the link again; a confirmed one, nothing. The caller
    answers the same in every case, so the form cannot tell who is subscribed. Addresses that
    bounced or complained are never mailed. Returns problems sending the mail (for the log)."""
    try:
        email = store.normalise_address(address)
    except ValueError as error:
        raise UsageError(f"not a valid e-mail address: {error}") from None
    key = token_key(config.subscribers.token_key_env)
    with _database(config) as db, transaction(db):
        found = store.find(db, email)
        if found is None:
            found = store.insert(
                db, email, store.clean_name(name), "pending", "web form", "", utc_now()
            )
        elif found.status == "unsubscribed":
            found = store.set_status(db, found, "pending", "", utc_now())
    if found.status != "pending":
        return []
    return send_confirmations(config, [found], key)[1]
