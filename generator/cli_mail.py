"""The `newsdesk subscribers …` and `newsdesk send` commands (registered in cli.py): parse,
call one library function, print its report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from .cli import _config, _count, _fail, _progress
from .config import Config
from .errors import NewsdeskError

# Each command imports the sending and subscription code when it runs: at start they would
# cost every command (a build too) 0.15 s.
if TYPE_CHECKING:
    from .sending import SendReport
    from .subscriptions import AddReport

T = TypeVar("T")


STATUS_CHOICE = click.Choice(["pending", "confirmed", "unsubscribed", "bounced", "complained"])


@click.group()
def subscribers() -> None:
    """Manage newsletter subscribers (a SQLite database outside output/).

    Example: newsdesk subscribers add reader@example.org --name "A Reader"
    """


def _print_added(report: AddReport) -> None:
    for problem in report.invalid:
        click.echo(problem, err=True)
    if report.invalid:
        click.echo(f"nothing imported: {_count(len(report.invalid), 'invalid row')}", err=True)
        return
    for subscriber in report.added:
        click.echo(f"added {subscriber.email} ({subscriber.status})")
    for subscriber in report.existing:
        click.echo(f"{subscriber.email}: already a subscriber ({subscriber.status}), unchanged")
    for problem in report.confirmation_errors:
        click.echo(problem, err=True)
    if report.confirmations_sent:
        click.echo(f"sent {_count(report.confirmations_sent, 'confirmation mail')}")


def _run(context: click.Context, action: Callable[[Config], T]) -> T:
    """Load the config, run one library call, turn its error into one line."""
    config = _config(context)
    try:
        return action(config)
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        raise  # unreachable


@subscribers.command("add")
@click.argument("address")
@click.option("--name", default="", help="The subscriber's name.")
@click.option(
    "--confirmed",
    is_flag=True,
    help="The subscriber already agreed (recorded as consent); no confirmation mail.",
)
@click.pass_context
def subscribers_add(context: click.Context, address: str, name: str, confirmed: bool) -> None:
    """Add one subscriber; without --confirmed, mail them a confirmation link.

    Example: newsdesk subscribers add reader@example.org --name "A Reader"
    """
    from .subscriptions import add_subscriber

    report = _run(context, lambda config: add_subscriber(config, address, name, confirmed))
    _print_added(report)
    sys.exit(0 if report.ok else 1)


@subscribers.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--confirmed", is_flag=True, help="Everyone in the file already agreed.")
@click.pass_context
def subscribers_import(context: click.Context, file: Path, confirmed: bool) -> None:
    """Import a CSV file with an 'email' column (and 'name'): all rows or none.

    Addresses already present are left alone, so importing a file again is safe.

    Example: newsdesk subscribers import readers.csv --confirmed
    """
    from .subscriptions import import_subscribers

    report = _run(context, lambda config: import_subscribers(config, file, confirmed))
    _print_added(report)
    click.echo(
        f"import: {len(report.added)} added, {len(report.existing)} already present, "
        f"{len(report.invalid)} invalid"
    )
    sys.exit(0 if report.ok else 1)


@subscribers.command("export")
@click.option("--status", type=STATUS_CHOICE, help="Only subscribers with this status.")
@click.pass_context
def subscribers_export(context: click.Context, status: str | None) -> None:
    """Write subscribers as CSV to standard output (safe to open in a spreadsheet).

    Example: newsdesk subscribers export --status confirmed > readers.csv
    """
    from .subscriptions import export_subscribers

    out = sys.stdout
    count = _run(context, lambda config: export_subscribers(config, out, status))
    click.echo(f"exported {_count(count, 'subscriber')}", err=True)


@subscribers.command("list")
@click.option("--status", type=STATUS_CHOICE, help="Only subscribers with this status.")
@click.pass_context
def subscribers_list(context: click.Context, status: str | None) -> None:
    """List subscribers: address, status, name; then a count by status.

    Example: newsdesk subscribers list --status pending
    """
    from .subscriptions import list_subscribers

    found, counts = _run(context, lambda config: list_subscribers(config, status))
    for subscriber in found:
        click.echo(f"{subscriber.email}\t{subscriber.status}\t{subscriber.name}")
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUS_CHOICE.choices)
    click.echo(f"subscribers: {summary}")


def _status_command(name: str, status: str, doc: str) -> None:
    @subscribers.command(name, help=doc)
    @click.argument("address", required=False)
    @click.option("--token", help="The token of a link the subscriber followed.")
    @click.pass_context
    def command(context: click.Context, address: str | None, token: str | None) -> None:
        from .subscriptions import change_status

        changed = _run(context, lambda config: change_status(config, address, token, status))
        click.echo(f"{changed.email}: {changed.status}")


_status_command(
    "confirm",
    "confirmed",
    "Confirm a subscriber (by address, or by the token of their confirmation link).\n\n"
    "Example: newsdesk subscribers confirm reader@example.org",
)
_status_command(
    "unsubscribe",
    "unsubscribed",
    "Unsubscribe a subscriber (by address, or by the token of their unsubscribe link).\n\n"
    "Example: newsdesk subscribers unsubscribe reader@example.org",
)
_status_command(
    "complained",
    "complained",
    "Record a spam complaint (from a provider's feedback loop): never mail them again.\n\n"
    "Example: newsdesk subscribers complained reader@example.org",
)


@subscribers.command("remove")
@click.argument("address")
@click.pass_context
def subscribers_remove(context: click.Context, address: str) -> None:
    """Erase a subscriber and their send records (a request to be forgotten).

    Example: newsdesk subscribers remove reader@example.org
    """
    from .subscriptions import remove_subscriber

    removed = _run(context, lambda config: remove_subscriber(config, address))
    click.echo(f"{removed.email}: removed")


@click.command()
@click.option("--issue", "issue_id", metavar="ID", required=True, help="The issue to send.")
@click.option("--dry-run", is_flag=True, help="Render and count the messages; send nothing.")
@click.option("--test-to", metavar="ADDRESS", help="Send one copy to ADDRESS, recorded nowhere.")
@click.option(
    "--include-new", is_flag=True, help="Also send to those who confirmed after the send began."
)
@click.option(
    "--resend-uncertain",
    is_flag=True,
    help="Send again to those whose message was in flight when a run was killed.",
)
@click.pass_context
def send(
    context: click.Context,
    issue_id: str,
    dry_run: bool,
    test_to: str | None,
    include_new: bool,
    resend_uncertain: bool,
) -> None:
    """Mail a built newsletter issue to every confirmed subscriber, exactly once.

    A run that is killed can be started again: it sends to everyone not yet sent.

    Example: newsdesk send --issue 2026-W47
    """
    from .sending import SendOptions, send_issue

    options = SendOptions(issue_id, dry_run, test_to or "", include_new, resend_uncertain)
    with _progress(context, "send", rate=True) as progress:
        report = _run(context, lambda config: send_issue(config, options, progress))
    _print_send(report)
    sys.exit(0 if report.ok else 1)


def _print_send(report: SendReport) -> None:
    for address, reason in report.failed:
        click.echo(f"failed: {address}: {reason}", err=True)
    for address, reason in report.uncertain:
        click.echo(f"uncertain: {address}: {reason}", err=True)
    issue = f"newsletter {report.issue}"
    if report.mode == "test":
        click.echo(
            f"{issue}: test copy {'sent' if report.ok else 'not sent'} ({report.destination})"
        )
        return
    if report.mode == "dry-run":
        click.echo(f"{issue}: dry run: {_count(report.sent_now, 'message')} would be sent")
        return
    totals = report.totals
    tally = (
        f"{totals.get('sent', 0)} sent, {totals.get('failed', 0)} failed, "
        f"{totals.get('skipped', 0)} skipped, {totals.get('uncertain', 0)} uncertain"
    )
    if report.mode == "done":
        click.echo(f"{issue}: already sent ({tally}); nothing to do")
        return
    rate = report.sent_now / report.seconds if report.seconds else 0.0
    click.echo(
        f"{issue}: {report.sent_now} sent now in {report.seconds:.1f} s ({rate:.0f}/s); "
        f"in all: {tally}"
    )
    if report.uncertain:
        click.echo(
            f"{issue}: {_count(len(report.uncertain), 'message')} may or may not have arrived; "
            "newsdesk send --resend-uncertain sends them again",
            err=True,
        )


@click.command("serve-subscriptions")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, help="Port to listen on.")
@click.pass_context
def serve_subscriptions(context: click.Context, host: str, port: int) -> None:
    """Run the sign-up, confirmation and one-click unsubscribe service (behind your HTTPS
    reverse proxy, at subscribers.endpoint).

    Example: newsdesk serve-subscriptions --port 8080
    """
    import uvicorn

    from .tokens import token_key
    from .webapp import create_app

    config = _config(context)
    _run(context, lambda config: token_key(config.subscribers.token_key_env))  # fail early
    click.echo(f"serving subscriptions on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(
        create_app(config),
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=True,
        server_header=False,
    )
