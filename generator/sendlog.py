"""The send log: one row per issue and subscriber, moved queued → sending → sent | failed
(or uncertain, or skipped) by single-statement transactions, so that a process killed at any
moment leaves a record saying exactly who has had the issue."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from .database import transaction, utc_now
from .outcome import FAILED, RETRY, Outcome
from .subscribers import record_hard_bounce

CRASHED = "the sending process stopped while this message was in flight; it may have arrived"


@dataclass(frozen=True)
class Job:
    """A claimed row: the message to hand over now."""

    row: int
    subscriber_id: int
    email: str
    name: str
    message_id: str
    attempts: int  # including this one


@dataclass(frozen=True)
class Begun:
    first_run: bool  # this run started the issue's send
    queued_now: int  # subscribers added to the log by this run
    uncertain_found: int  # in flight when an earlier run stopped


def started(db: sqlite3.Connection, issue: str) -> bool:
    return db.execute("SELECT 1 FROM sends WHERE issue = ?", (issue,)).fetchone() is not None


def begin(
    db: sqlite3.Connection, issue: str, host: str, include_new: bool, resend_uncertain: bool
) -> Begun:
    """Start or resume an issue's send. Must run under the send lock: any row still
    'sending' then belongs to a run that died, and may or may not have arrived."""
    now = utc_now()
    with transaction(db):
        first = not started(db, issue)
        if first:
            db.execute("INSERT INTO sends (issue, started_at) VALUES (?, ?)", (issue, now))
        queued = _queue_confirmed(db, issue, host, now) if first or include_new else 0
        found = db.execute(
            "UPDATE send_log SET state = 'uncertain', last_reply = ?, finished_at = ? "
            "WHERE issue = ? AND state = 'sending'",
            (CRASHED, now, issue),
        ).rowcount
        if resend_uncertain:
            db.execute(
                "UPDATE send_log SET state = 'queued', not_before = 0 "
                "WHERE issue = ? AND state = 'uncertain'",
                (issue,),
            )
    return Begun(first, queued, found)


def _queue_confirmed(db: sqlite3.Connection, issue: str, host: str, now: str) -> int:
    """Every confirmed subscriber not yet in the log, each with a Message-ID of their own."""
    return db.execute(
        "INSERT INTO send_log (issue, subscriber_id, state, message_id, queued_at) "
        "SELECT :issue, id, 'queued', "
        "'<' || :issue || '.' || id || '.' || lower(hex(randomblob(6))) || '@' || :host || '>', "
        ":now FROM subscribers WHERE status = 'confirmed' AND id NOT IN "
        "(SELECT subscriber_id FROM send_log WHERE issue = :issue) ORDER BY id",
        {"issue": issue, "host": host, "now": now},
    ).rowcount


def claim(db: sqlite3.Connection, issue: str) -> Job | None:
    """Take the next due message: one atomic UPDATE … RETURNING, so no row is handed out
    twice. Subscribers who left since the send began are skipped here."""
    while True:
        with transaction(db):
            row = db.execute(
                "UPDATE send_log SET state = 'sending', attempts = attempts + 1, "
                "started_at = :now WHERE id = (SELECT id FROM send_log WHERE issue = :issue "
                "AND state = 'queued' AND not_before <= :clock ORDER BY not_before, id LIMIT 1) "
                "RETURNING id, subscriber_id, message_id, attempts",
                {"now": utc_now(), "issue": issue, "clock": time.time()},
            ).fetchone()
            if row is None:
                return None
            person = db.execute(
                "SELECT email, name, status FROM subscribers WHERE id = ?", (row["subscriber_id"],)
            ).fetchone()
            if person["status"] == "confirmed":
                return Job(
                    row["id"], row["subscriber_id"], person["email"], person["name"],
                    row["message_id"], row["attempts"],
                )  # fmt: skip
            db.execute(
                "UPDATE send_log SET state = 'skipped', last_reply = ?, finished_at = ? "
                "WHERE id = ?",
                (f"subscriber is {person['status']}", utc_now(), row["id"]),
            )


def record(
    db: sqlite3.Connection, job: Job, outcome: Outcome, retries: int, delay: int, bounces: int
) -> str:
    """Store what became of a job; returns the row's new state."""
    state, not_before, reply = outcome.kind, 0.0, outcome.reply
    if outcome.kind == RETRY and job.attempts >= retries:
        state, reply = FAILED, f"gave up after {job.attempts} attempts: {reply}"
    elif outcome.kind == RETRY:
        state, not_before = "queued", time.time() + delay * 2 ** (job.attempts - 1)
    now = utc_now()
    with transaction(db):
        db.execute(
            "UPDATE send_log SET state = ?, last_reply = ?, not_before = ?, "
            "finished_at = CASE WHEN ? = 'queued' THEN NULL ELSE ? END WHERE id = ?",
            (state, reply[:500], not_before, state, now, job.row),
        )
        if state == FAILED and outcome.bounce:
            record_hard_bounce(db, job.subscriber_id, bounces, now)
    return state


def release(db: sqlite3.Connection, job: Job) -> None:
    """Put back a job that was never attempted (the server could not be reached)."""
    db.execute(
        "UPDATE send_log SET state = 'queued', attempts = attempts - 1 WHERE id = ?", (job.row,)
    )


def next_retry(db: sqlite3.Connection, issue: str) -> float | None:
    """When the earliest waiting retry is due (None: nothing is queued)."""
    row = db.execute(
        "SELECT min(not_before) FROM send_log WHERE issue = ? AND state = 'queued'", (issue,)
    ).fetchone()
    return row[0]


def finish(db: sqlite3.Connection, issue: str) -> None:
    db.execute(
        "UPDATE sends SET finished_at = ? WHERE issue = ? AND finished_at IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM send_log WHERE issue = ? AND state IN ('queued', 'sending'))",
        (utc_now(), issue, issue),
    )


def counts(db: sqlite3.Connection, issue: str) -> dict[str, int]:
    rows = db.execute(
        "SELECT state, count(*) FROM send_log WHERE issue = ? GROUP BY state", (issue,)
    )
    return {state: number for state, number in rows}


def problems(db: sqlite3.Connection, issue: str, state: str) -> list[tuple[str, str]]:
    """(address, last reply) of the issue's rows in `state` ('failed' or 'uncertain')."""
    rows = db.execute(
        "SELECT s.email, l.last_reply FROM send_log l JOIN subscribers s "
        "ON s.id = l.subscriber_id WHERE l.issue = ? AND l.state = ? ORDER BY l.id",
        (issue, state),
    )
    return [(email, reply) for email, reply in rows]


def sent_since(db: sqlite3.Connection, moment: str) -> int:
    """Messages sent (any issue) since an ISO time: the hourly cap counts earlier runs."""
    return db.execute(
        "SELECT count(*) FROM send_log WHERE state = 'sent' AND finished_at >= ?", (moment,)
    ).fetchone()[0]
