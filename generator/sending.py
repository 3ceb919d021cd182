"""`newsdesk send`: an issue to every confirmed subscriber, one personalised message each,
driven by the send log (sendlog.py) so that a crash never costs anyone a copy or gives them
two."""

from __future__ import annotations

import fcntl
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import formataddr, parseaddr
from pathlib import Path

from . import sendlog
from .config import Config
from .database import open_database
from .dates import isoformat, now
from .digest import unsubscribe_placeholder
from .errors import UsageError
from .issues import mark_sent, read_ledger
from .mail import IssueTemplate, issue_template, personalise
from .outbox import Outbox
from .outcome import Outcome
from .ratelimit import RateLimiter
from .smtp import SmtpError, SmtpSender, smtp_password
from .subscribers import normalise_address
from .tokens import UNSUBSCRIBE, make_token, token_key

ABORT = "abort"  # the transport cannot be used: stop, leaving the job queued

Transport = Outbox | SmtpSender
Progress = Callable[[int, int], None]  # (done, total) in this run


def open_transport(config: Config) -> Transport:
    """SMTP when smtp.host is set, else the outbox folder."""
    if config.smtp.host:
        return SmtpSender(config.smtp, smtp_password(config.smtp))
    return Outbox(config.outbox_dir)


def envelope_sender(config: Config) -> str:
    return parseaddr(config.newsletter.sender)[1]


@dataclass(frozen=True)
class SendOptions:
    issue: str
    dry_run: bool = False
    test_to: str = ""
    include_new: bool = False
    resend_uncertain: bool = False


@dataclass(frozen=True)
class SendReport:
    issue: str
    mode: str  # "send", "dry-run", "test" or "done" (nothing left to do)
    sent_now: int  # this run (dry-run: would send; test: 0 or 1)
    totals: dict[str, int]  # the issue's send log by state
    failed: tuple[tuple[str, str], ...]  # (address, reason)
    uncertain: tuple[tuple[str, str], ...]
    uncertain_found: int = 0  # rows an earlier, killed run left in flight
    queued_now: int = 0
    destination: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.uncertain


class Personaliser:
    """Renders a subscriber's copy of the issue from its archive .eml."""

    def __init__(self, config: Config, template: IssueTemplate) -> None:
        self.template = template
        self.endpoint = config.subscribers.endpoint
        self.key = token_key(config.subscribers.token_key_env) if self.endpoint else b""
        self.mailto = f"mailto:{envelope_sender(config)}?subject=unsubscribe"

    def unsubscribe_url(self, subscriber_id: int, email: str) -> str:
        if not self.endpoint:
            return self.mailto
        token = make_token(self.key, UNSUBSCRIBE, subscriber_id, email, 0)
        return f"{self.endpoint}unsubscribe?token={token}"

    def render(self, subscriber_id: int, email: str, name: str, message_id: str) -> bytes:
        url = self.unsubscribe_url(subscriber_id, email)
        to = formataddr((name, email)) if name else email
        return personalise(self.template, to, url, message_id, bool(self.endpoint))


def send_issue(
    config: Config, options: SendOptions, progress: Progress | None = None
) -> SendReport:
    """Send (or dry-run, or test) one issue; see SendOptions."""
    archive = config.output_dir / "newsletter" / options.issue / f"{options.issue}.eml"
    if not archive.is_file():
        raise UsageError(
            f"newsletter issue {options.issue} has no {archive.relative_to(config.root)} "
            "(run newsdesk build first)"
        )
    template = issue_template(archive.read_bytes(), unsubscribe_placeholder(config))
    if not (template.links_in(html=False) and template.links_in(html=True)):
        raise UsageError(
            f"newsletter issue {options.issue}: its e-mail has no unsubscribe link in both its "
            "text and HTML parts (an e-mail template in theme/email/ must use unsubscribe_url)"
        )
    personaliser = Personaliser(config, template)
    db = open_database(config.database_path)
    try:
        if options.test_to:
            return _send_test(config, options, personaliser, db)
        if options.dry_run:
            return _dry_run(config, options, personaliser, db)
        with _send_lock(config.database_path):
            return _send(config, options, personaliser, db, progress)
    finally:
        db.close()


def _send_test(
    config: Config, options: SendOptions, personaliser: Personaliser, db: sqlite3.Connection
) -> SendReport:
    """One copy to one address, recorded nowhere (its unsubscribe link is a dummy unless the
    address is a subscriber)."""
    try:
        email = normalise_address(options.test_to)
    except ValueError as error:
        raise UsageError(f"--test-to {options.test_to}: {error}") from None
    row = db.execute("SELECT id FROM subscribers WHERE email = ?", (email,)).fetchone()
    host = config.site.mail_domain
    message_id = f"<{options.issue}.test.{os.urandom(6).hex()}@{host}>"
    payload = personaliser.render(row["id"] if row else 0, email, "", message_id)
    transport = open_transport(config)
    try:
        outcome = transport.deliver(envelope_sender(config), email, payload, message_id)
    finally:
        transport.close()
    failed = () if outcome.kind == "sent" else ((email, outcome.reply),)
    return SendReport(
        options.issue, "test", int(not failed), {}, failed, (), destination=outcome.reply
    )


def _dry_run(
    config: Config, options: SendOptions, personaliser: Personaliser, db: sqlite3.Connection
) -> SendReport:
    """Render every message the send would make now, and count them; change nothing."""
    first = not sendlog.started(db, options.issue)
    rows = db.execute(
        "SELECT id, email, name FROM subscribers WHERE status = 'confirmed' AND id NOT IN "
        "(SELECT subscriber_id FROM send_log WHERE issue = ? AND state <> 'queued') "
        + ("" if first or options.include_new else
           "AND id IN (SELECT subscriber_id FROM send_log WHERE issue = ?)"),
        (options.issue,) if first or options.include_new else (options.issue, options.issue),
    )  # fmt: skip
    count = 0
    for row in rows:
        personaliser.render(row["id"], row["email"], row["name"], "<dry-run@localhost>")
        count += 1
    totals = sendlog.counts(db, options.issue)
    return SendReport(options.issue, "dry-run", count, totals, (), ())


@contextmanager
def _send_lock(database: Path) -> Iterator[None]:
    """One send at a time: a row left 'sending' is then surely from a run that died."""
    path = database.with_name(database.name + ".send-lock")
    handle = path.open("a")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError("another newsdesk send is running for this site") from None
        yield
    finally:
        handle.close()


def _send(
    config: Config,
    options: SendOptions,
    personaliser: Personaliser,
    db: sqlite3.Connection,
    progress: Progress | None,
) -> SendReport:
    issue = options.issue
    ledger = read_ledger(config)
    if issue in ledger.sent and not sendlog.started(db, issue):
        raise UsageError(
            f"newsletter issue {issue} was already sent on {ledger.sent[issue]} by other "
            "means (newsdesk digest --mark-sent); not sending it again"
        )
    begun = sendlog.begin(
        db, issue, config.site.mail_domain, options.include_new, options.resend_uncertain
    )
    todo = sendlog.counts(db, issue).get("queued", 0)
    if not begun.first_run and todo == 0:
        return _report(db, issue, "done", 0, begun, 0.0)
    if issue not in ledger.sent:
        # Before the first message goes: from now on the issue's articles are frozen.
        mark_sent(config, issue, isoformat(now(config.site.zone)))
    start = time.monotonic()
    sent = _deliver_all(config, db, issue, personaliser, todo, progress)
    sendlog.finish(db, issue)
    return _report(db, issue, "send", sent, begun, time.monotonic() - start)


def _report(
    db: sqlite3.Connection, issue: str, mode: str, sent: int, begun: sendlog.Begun, seconds: float
) -> SendReport:
    return SendReport(
        issue,
        mode,
        sent,
        sendlog.counts(db, issue),
        tuple(sendlog.problems(db, issue, "failed")),
        tuple(sendlog.problems(db, issue, "uncertain")),
        begun.uncertain_found,
        begun.queued_now,
        seconds=seconds,
    )


class _Workers:
    """One thread per connection; jobs in, (job, outcome) out."""

    def __init__(self, config: Config, count: int) -> None:
        self.jobs: queue.Queue[tuple[sendlog.Job, bytes] | None] = queue.Queue()
        self.results: queue.Queue[tuple[sendlog.Job, Outcome]] = queue.Queue()
        self.sender = envelope_sender(config)
        self.threads = [
            threading.Thread(target=self._run, args=(open_transport(config),), daemon=True)
            for _ in range(count)
        ]
        for thread in self.threads:
            thread.start()

    def _run(self, transport: Transport) -> None:
        while (item := self.jobs.get()) is not None:
            job, payload = item
            try:
                outcome = transport.deliver(self.sender, job.email, payload, job.message_id)
            except SmtpError as error:
                outcome = Outcome(ABORT, str(error))
            except Exception as error:  # a bug must not leave the job 'sending' forever
                outcome = Outcome(ABORT, f"{type(error).__name__}: {error}")
            self.results.put((job, outcome))
        transport.close()

    def stop(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()


def _deliver_all(
    config: Config,
    db: sqlite3.Connection,
    issue: str,
    personaliser: Personaliser,
    total: int,
    progress: Progress | None,
) -> int:
    """Hand out messages until none is left or due; returns how many were sent."""
    dispatcher = _Dispatcher(config, db, issue, personaliser)
    try:
        while dispatcher.fill() or dispatcher.wait_for_retries():
            if not dispatcher.in_flight:
                continue  # slept towards a retry; claim again
            state = dispatcher.collect()
            if state not in ("queued", ABORT):
                dispatcher.done += 1
                if progress:
                    progress(dispatcher.done, total)
    finally:
        dispatcher.workers.stop()
    if dispatcher.abort:
        raise SmtpError(
            f"{dispatcher.abort} (unsent messages stay queued: run newsdesk send again)"
        )
    return dispatcher.sent


class _Dispatcher:
    """The one thread that touches the database: claims rows, renders them, hands them to
    the workers and records what came back. At most one message per connection is claimed
    at a time, so at most that many can be uncertain after a crash."""

    def __init__(
        self, config: Config, db: sqlite3.Connection, issue: str, personaliser: Personaliser
    ) -> None:
        self.config, self.db, self.issue, self.personaliser = config, db, issue, personaliser
        smtp = config.smtp
        hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
        recent = sendlog.sent_since(db, hour_ago)
        self.limiter = RateLimiter(smtp.rate_per_second, smtp.max_per_hour, recent)
        self.workers = _Workers(config, smtp.connections)
        self.in_flight = self.done = self.sent = 0
        self.abort = ""

    def fill(self) -> bool:
        """Give every idle connection a message; True while any is in flight."""
        while not self.abort and self.in_flight < self.config.smtp.connections:
            self.limiter.wait()  # before claiming: a row never waits 'sending'
            job = sendlog.claim(self.db, self.issue)
            if job is None:
                break
            payload = self.personaliser.render(
                job.subscriber_id, job.email, job.name, job.message_id
            )
            self.workers.jobs.put((job, payload))
            self.in_flight += 1
        return self.in_flight > 0

    def wait_for_retries(self) -> bool:
        """Nothing in flight: sleep towards the next retry; False when nothing is left."""
        due = None if self.abort else sendlog.next_retry(self.db, self.issue)
        if due is None:
            return False
        time.sleep(min(max(due - time.time(), 0.01), 1.0))
        return True

    def collect(self) -> str:
        """Record one worker's outcome; returns the row's new state."""
        job, outcome = self.workers.results.get()
        self.in_flight -= 1
        if outcome.kind == ABORT:
            self.abort = self.abort or outcome.reply
            sendlog.release(self.db, job)
            return ABORT
        smtp = self.config.smtp
        state = sendlog.record(
            self.db, job, outcome, smtp.retries, smtp.retry_delay,
            self.config.subscribers.max_hard_bounces,
        )  # fmt: skip
        self.sent += state == "sent"
        return state
