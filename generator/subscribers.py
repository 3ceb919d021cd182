"""The subscriber store: validated addresses and their status, in the SQLite database.

All SQL here is parameterised; callers hold the connection and the transaction."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from email_validator import EmailNotValidError, validate_email

from .cleaning import normalise
from .models import Subscriber

STATUSES = ("pending", "confirmed", "unsubscribed", "bounced", "complained")
# A leading = + - @ (or tab, carriage return) makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = (
    "email", "name", "status", "source", "consent_at", "consent_method", "created_at",
    "confirmed_at", "unsubscribed_at",
)  # fmt: skip


def normalise_address(text: str) -> str:
    """The address as we store and send it, or ValueError with the reason.

    No DNS look-up (that belongs to delivery); no SMTPUTF8, which many servers lack, so a
    non-ASCII domain is stored in its ASCII (IDNA) form."""
    try:
        checked = validate_email(text.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None
    return checked.ascii_email or checked.normalized


def clean_name(text: str) -> str:
    """A display name: one line, no control characters (it goes into a To header)."""
    return normalise(" ".join(text.split()))[:200]


def _row(row: sqlite3.Row | None) -> Subscriber | None:
    return Subscriber(**dict(row)) if row else None


def find(db: sqlite3.Connection, email: str) -> Subscriber | None:
    return _row(db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone())


def get(db: sqlite3.Connection, subscriber_id: int) -> Subscriber | None:
    return _row(db.execute("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,)).fetchone())


def insert(
    db: sqlite3.Connection, email: str, name: str, status: str, source: str, consent: str, when: str
) -> Subscriber:
    """A new subscriber; a confirmed one gets its consent record now."""
    confirmed = status == "confirmed"
    db.execute(
        "INSERT INTO subscribers (email, name, status, source, consent_at, consent_method, "
        "created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (email, name, status, source, when if confirmed else None, consent if confirmed else "",
         when, when, when if confirmed else None),
    )  # fmt: skip
    found = find(db, email)
    assert found is not None
    return found


def set_status(
    db: sqlite3.Connection, subscriber: Subscriber, status: str, how: str, when: str
) -> Subscriber:
    """Change the status; confirming records consent (when, how), leaving records when."""
    if status == "confirmed":
        db.execute(
            "UPDATE subscribers SET status = 'confirmed', consent_at = ?, consent_method = ?, "
            "confirmed_at = ?, unsubscribed_at = NULL, hard_bounces = 0, updated_at = ? "
            "WHERE id = ?",
            (when, how, when, when, subscriber.id),
        )
    else:
        db.execute(
            "UPDATE subscribers SET status = ?, updated_at = ?, "
            "unsubscribed_at = CASE WHEN ? = 'unsubscribed' THEN ? ELSE unsubscribed_at END "
            "WHERE id = ?",
            (status, when, status, when, subscriber.id),
        )
    changed = get(db, subscriber.id)
    assert changed is not None
    return changed


def record_hard_bounce(db: sqlite3.Connection, subscriber_id: int, limit: int, when: str) -> None:
    """Count a permanent refusal; at `limit` the subscriber becomes 'bounced'."""
    db.execute(
        "UPDATE subscribers SET hard_bounces = hard_bounces + 1, updated_at = ?, "
        "status = CASE WHEN hard_bounces + 1 >= ? AND status = 'confirmed' THEN 'bounced' "
        "ELSE status END WHERE id = ?",
        (when, limit, subscriber_id),
    )


def delete(db: sqlite3.Connection, subscriber: Subscriber) -> None:
    """Erase a subscriber and their send records (the right to erasure)."""
    db.execute("DELETE FROM send_log WHERE subscriber_id = ?", (subscriber.id,))
    db.execute("DELETE FROM subscribers WHERE id = ?", (subscriber.id,))


def every(db: sqlite3.Connection, status: str | None = None) -> Iterator[Subscriber]:
    if status:
        rows = db.execute("SELECT * FROM subscribers WHERE status = ? ORDER BY id", (status,))
    else:
        rows = db.execute("SELECT * FROM subscribers ORDER BY id")
    for row in rows:
        yield Subscriber(**dict(row))


def count_by_status(db: sqlite3.Connection) -> dict[str, int]:
    rows = db.execute("SELECT status, count(*) FROM subscribers GROUP BY status")
    return {status: number for status, number in rows}


@dataclass(frozen=True)
class ImportRow:
    line: int
    email: str
    name: str


def read_csv(path: Path) -> tuple[list[ImportRow], list[str]]:
    """Rows of a CSV file with an `email` column (and optionally `name`), deduplicated; and a
    problem for each invalid row, with its line number."""
    rows: list[ImportRow] = []
    problems: list[str] = []
    seen: set[str] = set()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = [c.strip().lower() for c in reader.fieldnames or []]
            if "email" not in columns:
                return [], [f"{path}: line 1: needs a header row with an 'email' column"]
            reader.fieldnames = columns
            for record in reader:
                line = reader.line_num
                try:
                    email = normalise_address(record.get("email") or "")
                except ValueError as error:
                    problems.append(f"{path}: line {line}: {error}")
                    continue
                if email.lower() not in seen:
                    seen.add(email.lower())
                    rows.append(ImportRow(line, email, clean_name(record.get("name") or "")))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return [], [f"{path}: cannot read: {error}"]
    return rows, problems


def write_csv(subscribers: Iterable[Subscriber], out: IO[str]) -> int:
    """Write subscribers as CSV; returns how many. Cells are made safe to open in a
    spreadsheet."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for subscriber in subscribers:
        writer.writerow([_cell(getattr(subscriber, column)) for column in EXPORT_COLUMNS])
        count += 1
    return count


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # OWASP's advice: a leading apostrophe makes the cell plain text.
    return "'" + text if text.startswith(FORMULA_STARTS) else text
