"""The `newsdesk` command: parse, call one library function, print its report."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import click
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, ProgressColumn, Task
from rich.text import Text

from . import __version__
from .atomic import write_atomic

# Commands other than ingest and build import what they need when they run: loading every
# library at start would cost a no-op build a second.
from .build import BuildReport
from .build import build as build_site_folder
from .config import Config, load_config
from .dates import isoformat, now, source_date_epoch
from .errors import NewsdeskError
from .ingest import IngestReport
from .ingest import ingest as ingest_seeds

# Commands other than ingest and build import what they need when they run: loading every
# library at start would cost a no-op build a second.


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdesk")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default="current directory",
    help="The site folder (holds newsdesk.toml, seeds/, content/).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the final summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print every file written.")
@click.pass_context
def cli(context: click.Context, site_dir: Path, quiet: bool, verbose: bool) -> None:
    """Turn raw wire copy into a static news site, feeds and a weekly newsletter.

    Progress bars appear on a terminal; colours follow NO_COLOR.
    """
    context.obj = Session(site_dir.resolve(), -1 if quiet else 1 if verbose else 0)


@dataclass(frozen=True)
class Session:
    root: Path
    verbosity: int  # -1 quiet, 0 normal, 1 verbose


def _config(context: click.Context) -> Config:
    root: Path = context.obj.root
    if not root.is_dir():
        _fail(f"{root}: no such site folder", 2)
    try:
        source_date_epoch()
        return load_config(root)
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        raise  # unreachable, for type checkers


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _show(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _print_ingest(report: IngestReport, root: Path, verbosity: int) -> None:
    if verbosity >= 0:
        for seed, line in report.boilerplate:
            shown = line if len(line) <= 70 else line[:69] + "…"
            click.echo(f"seeds/{seed}: removed boilerplate line: {shown}")
        for seed, line in report.flagged:
            shown = line if len(line) <= 70 else line[:69] + "…"
            click.echo(f"seeds/{seed}: boilerplate line kept (flag only): {shown}")
        for dropped, kept in report.duplicates:
            click.echo(f"seeds/{dropped}: the same story as seeds/{kept}, which is published")
        for seed, note in report.notes:
            click.echo(f"seeds/{seed}: {note}")
        for path in report.kept:
            click.echo(f"{_show(path, root)}: edited by hand, kept")
        for path in report.removed:
            click.echo(f"{_show(path, root)}: removed (its seed is gone)")
    if verbosity > 0:
        for path in report.written:
            click.echo(f"{_show(path, root)}: written")
    for error in report.errors:
        click.echo(f"{_show(error.path, root)}: {error.problem}", err=True)
    click.echo(
        f"ingest: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept, {len(report.removed)} removed, "
        f"{len(report.errors)} failed"
    )


class RateColumn(ProgressColumn):
    """Items per second, e.g. '212/s'."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.0f}/s" if task.speed else "", style="progress.data.speed")


@contextmanager
def _progress(context: click.Context, label: str, rate: bool = False) -> Iterator[Progress | None]:
    """A progress bar with counts and ETA (and the rate) on a terminal; nothing when piped or
    quiet."""
    console = Console(stderr=True)
    if context.obj.verbosity < 0 or not console.is_terminal:
        yield None
        return
    columns = [*Progress.get_default_columns(), MofNCompleteColumn()]
    if rate:
        columns.append(RateColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@cli.command()
@click.pass_context
def ingest(context: click.Context) -> None:
    """Turn seeds/ into Markdown articles in content/.

    Example: newsdesk ingest
    """
    config = _config(context)
    with _progress(context, "ingest") as progress:
        report = ingest_seeds(config, progress)
    _print_ingest(report, config.root, context.obj.verbosity)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--timings", is_flag=True, help="Also print the seconds spent in each stage.")
@click.option("--force", is_flag=True, help="Make every page again (and still write only changes).")
@click.pass_context
def build(context: click.Context, timings: bool, force: bool) -> None:
    """Ingest seeds, then build the site, feeds and newsletter into output/.

    Only what changed since the last build is made again. Example: newsdesk --site mysite build
    """
    config = _config(context)
    try:
        with _progress(context, "build") as progress:
            report = build_site_folder(config, progress, force=force)
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        return
    _print_build(report, config, context.obj.verbosity)
    if timings:
        click.echo(f"timings: {report.timings.line()}")
    sys.exit(0 if report.ok else 1)


def _print_build(report: BuildReport, config: Config, verbosity: int) -> None:
    _print_ingest(report.ingest, config.root, verbosity)
    for problem in report.site.errors + (report.site.warnings if verbosity >= 0 else []):
        click.echo(f"site: {problem}", err=True)
    counts = f"{_count(report.articles, 'article')}, {_count(report.issues, 'newsletter issue')}"
    if report.unchanged:
        click.echo(f"site: {counts}, unchanged since the last build")
        return
    pages = report.site.render
    made = f"; {_count(pages.rendered, 'page')} made, {pages.kept} kept" if pages else ""
    click.echo(
        f"site: {counts} → {_show(config.output_dir, config.root)}/ "
        f"({_count(report.files_updated, 'file')} updated, {report.files_removed} removed{made})"
    )


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="My Newsdesk", show_default=True, help="The site's title.")
def init(folder: Path, title: str) -> None:
    """Create a new site folder with a commented newsdesk.toml and an example seed.

    Example: newsdesk init my-paper --title "The Example Gazette"
    """
    from zoneinfo import ZoneInfo

    try:
        from .scaffold import init_site

        created = init_site(folder, title, now(ZoneInfo("UTC")).date().isoformat())
    except NewsdeskError as error:
        _fail(str(error), 2)
        return
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"next: cd {folder} && newsdesk build")


@cli.command()
@click.option("--issue", "issue_id", metavar="ID", help="The issue (default: the latest).")
@click.option(
    "--period",
    type=click.Choice(["daily", "weekly", "monthly"]),
    help="Override newsletter.period for this run.",
)
@click.option("--text", is_flag=True, help="Print the plain-text part.")
@click.option("--preview", is_flag=True, help="Write the HTML part to a file for a browser.")
@click.option(
    "--mark-sent",
    is_flag=True,
    help="Record that the issue went out (sent by other means); its stories are "
    "never included again.",
)
@click.pass_context
def digest(
    context: click.Context,
    issue_id: str | None,
    period: str | None,
    text: bool,
    preview: bool,
    mark_sent: bool,
) -> None:
    """Build the site, then show one newsletter issue: its .eml, text or a preview.

    Example: newsdesk digest --issue 2026-W47 --text
    """
    config = _config(context)
    if period:
        config = replace(config, newsletter=replace(config.newsletter, period=period))
    try:
        from .digest import pick_issue, render_email
        from .issues import mark_sent as record_sent

        report = build_site_folder(config, force=True)  # the issues come from a real build
        _print_build(report, config, context.obj.verbosity)
        chosen = pick_issue(report.site.digests, issue_id)
        email = render_email(chosen, config)
        if mark_sent:
            record_sent(config, chosen.id, isoformat(now(config.site.zone)))
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        return
    eml = config.output_dir / "newsletter" / chosen.id / f"{chosen.id}.eml"
    click.echo(
        f"newsletter {chosen.id}: {_count(len(chosen.stories), 'story', 'stories')} → "
        f"{_show(eml, config.root)}\nsubject: {email.subject}"
    )
    if email.warning:
        click.echo(email.warning, err=True)
    if text:
        click.echo(email.text, nl=False)
    if preview:
        path = config.work_dir / "preview" / f"{chosen.id}.html"
        write_atomic(path, email.html)
        click.echo(f"preview: {_show(path, config.root)}")
    if mark_sent:
        click.echo(f"newsletter {chosen.id}: recorded as sent")
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Notify every feed, changed or not.")
@click.pass_context
def ping(context: click.Context, everything: bool) -> None:
    """Tell the WebSub hub (feeds.websub_hub) which feeds changed since the last ping.

    Run it after each deploy of output/.

    Example: newsdesk build && rsync -a output/ host:/var/www/news/ && newsdesk ping
    """
    config = _config(context)
    try:
        from .websub import ping as notify_hub

        report = notify_hub(config, everything)
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        return
    for problem in report.errors:
        click.echo(problem, err=True)
    click.echo(
        f"ping: {len(report.notified)} notified, {report.unchanged} unchanged, "
        f"{len(report.errors)} failed"
    )
    sys.exit(1 if report.errors else 0)


@cli.command()
@click.argument("headline")
@click.option("--author", default="", help="Byline (default: site.default_author).")
@click.option("--section", default="", help="Section (default: chosen from the text).")
@click.option("--tags", default="", help="Comma-separated tags (default: derived).")
@click.pass_context
def new(context: click.Context, headline: str, author: str, section: str, tags: str) -> None:
    """Create a seed with its header filled in (date: now); then write the story under it.

    Example: newsdesk new "Council approves harbour budget" --section Politics
    """
    config = _config(context)
    try:
        from .scaffold import new_seed

        path = new_seed(config.seeds_dir, headline, now(config.site.zone), author, section, tags)
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        return
    click.echo(f"created {_show(path, config.root)}: write the story below its header")


@cli.command("check")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (for CI).")
@click.pass_context
def check_command(context: click.Context, strict: bool) -> None:
    """Lint seeds, content and the newsletter without building anything.

    Example: newsdesk check --strict
    """
    config = _config(context)
    from .check import check as check_site

    report = check_site(config)
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    click.echo(
        f"check: {_count(len(report.errors), 'error')}, {_count(len(report.warnings), 'warning')}"
    )
    sys.exit(1 if report.errors or (strict and report.warnings) else 0)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port (0: any free port).")
@click.pass_context
def serve(context: click.Context, host: str, port: int) -> None:
    """Build, serve output/, rebuild when seeds, content, theme or config change, and reload
    open browser tabs.

    Example: newsdesk serve --port 8080
    """
    config = _config(context)
    from .serve import serve as serve_site

    serve_site(config.root, host, port, lambda line: click.echo(line, err=True))


# The subscribers and send commands live in their own module; registering them here.
from .cli_mail import send, serve_subscriptions, subscribers  # noqa: E402

cli.add_command(subscribers)
cli.add_command(send)
cli.add_command(serve_subscriptions)


def main() -> None:
    try:
        cli(prog_name="newsdesk")
    finally:
        # The process ends here: what the command left need not be walked by the garbage
        # collector once more (0.9 s after a 10,000-article build).
        gc.freeze()
