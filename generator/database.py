"""The subscriber database: one SQLite file outside output/, private to its owner, migrated
by numbered steps recorded in `PRAGMA user_version`."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import UsageError

BUSY_TIMEOUT_SECONDS = 30

# Each migration is a list of statements, applied once, in order, in one transaction.
# Never edit a released migration: add a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE subscribers (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN
                ('pending', 'confirmed', 'unsubscribed', 'bounced', 'complained')),
            source TEXT NOT NULL DEFAULT '',
            consent_at TEXT,
            consent_method TEXT NOT NULL DEFAULT '',
            hard_bounces INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            confirmed_at TEXT,
            unsubscribed_at TEXT
        )""",
        """CREATE TABLE sends (
            issue TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT
        )""",
        """CREATE TABLE send_log (
            id INTEGER PRIMARY KEY,
            issue TEXT NOT NULL REFERENCES sends (issue),
            subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
            state TEXT NOT NULL CHECK (state IN
                ('queued', 'sending', 'sent', 'failed', 'uncertain', 'skipped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_reply TEXT NOT NULL DEFAULT '',
            message_id TEXT NOT NULL,
            not_before REAL NOT NULL DEFAULT 0,
            queued_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            UNIQUE (issue, subscriber_id)
        )""",
        "CREATE INDEX send_log_todo ON send_log (issue, state, not_before)",
        "CREATE INDEX send_log_finished ON send_log (state, finished_at)",
    ),
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the database at `path`.

    The file is created 0600 in a folder created 0700: it holds personal data. SQLite gives
    its -wal and -shm files the same mode as the database."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    try:
        # Transactions are explicit (see `transaction`), so autocommit mode.
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed "sent" survives even a power cut, so it is never sent twice.
        # NORMAL would survive a killed process only; FULL costs 800 → 500 messages/s.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except sqlite3.DatabaseError as error:
        raise UsageError(f"{path}: cannot open the subscriber database: {error}") from None
    return db


def migrate(db: sqlite3.Connection) -> int:
    """Apply the migrations this database has not had; returns its version."""
    with transaction(db):
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise UsageError(
                f"the subscriber database is at version {version}, newer than this newsdesk "
                f"knows ({len(MIGRATIONS)}): upgrade newsdesk"
            )
        for number in range(version, len(MIGRATIONS)):
            for statement in MIGRATIONS[number]:
                db.execute(statement)
            # PRAGMA takes no parameters; the value is our own integer.
            db.execute(f"PRAGMA user_version = {number + 1}")
    return len(MIGRATIONS)


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception: all or nothing."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
