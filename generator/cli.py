"""The `newsdesk` command: parse, call one library function, print its report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import build as build_site_folder
from .config import Config, load_config
from .dates import now, source_date_epoch
from .errors import NewsdeskError
from .ingest import IngestReport
from .ingest import ingest as ingest_seeds
from .scaffold import init_site
from .websub import ping as notify_hub


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
@click.pass_context
def cli(context: click.Context, site_dir: Path) -> None:
    """Turn raw wire copy into a static news site, feeds and a weekly newsletter."""
    context.obj = site_dir.resolve()


def _config(context: click.Context) -> Config:
    root: Path = context.obj
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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _print_ingest(report: IngestReport, root: Path) -> None:
    for seed, line in report.boilerplate:
        shown = line if len(line) <= 70 else line[:69] + "…"
        click.echo(f"seeds/{seed}: removed boilerplate line: {shown}")
    for seed, note in report.notes:
        click.echo(f"seeds/{seed}: {note}")
    for path in report.kept:
        click.echo(f"{_show(path, root)}: edited by hand, kept")
    for path in report.removed:
        click.echo(f"{_show(path, root)}: removed (its seed is gone)")
    for error in report.errors:
        click.echo(f"{_show(error.path, root)}: {error.problem}", err=True)
    click.echo(
        f"ingest: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept, {len(report.removed)} removed, "
        f"{len(report.errors)} failed"
    )


@cli.command()
@click.pass_context
def ingest(context: click.Context) -> None:
    """Turn seeds/ into Markdown articles in content/.

    Example: newsdesk ingest
    """
    config = _config(context)
    report = ingest_seeds(config)
    _print_ingest(report, config.root)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.pass_context
def build(context: click.Context) -> None:
    """Ingest seeds, then build the site, feeds and newsletter into output/.

    Example: newsdesk --site mysite build
    """
    config = _config(context)
    try:
        report = build_site_folder(config)
    except NewsdeskError as error:
        _fail(str(error), error.exit_code)
        return
    _print_ingest(report.ingest, config.root)
    for problem in report.site.warnings + report.site.errors:
        click.echo(f"site: {problem}", err=True)
    click.echo(
        f"site: {_count(len(report.site.stories), 'article')}, "
        f"{_count(len(report.site.digests), 'newsletter issue')} → "
        f"{_show(config.output_dir, config.root)}/ "
        f"({report.files_updated} files updated, {report.files_removed} removed)"
    )
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="My Newsdesk", show_default=True, help="The site's title.")
def init(folder: Path, title: str) -> None:
    """Create a new site folder with a commented newsdesk.toml and an example seed.

    Example: newsdesk init my-paper --title "The Example Gazette"
    """
    from zoneinfo import ZoneInfo

    try:
        created = init_site(folder, title, now(ZoneInfo("UTC")).date().isoformat())
    except NewsdeskError as error:
        _fail(str(error), 2)
        return
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"next: cd {folder} && newsdesk build")


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


def main() -> None:
    cli(prog_name="newsdesk")
