"""`newsdesk build`: ingest, then the site, feeds and digests, then publish to output/."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .config import Config
from .dates import now
from .ingest import IngestReport, Progress, ingest
from .issues import ledger_path
from .manifest import Manifest, SiteInputs, global_key, read_manifest, write_manifest
from .models import SiteReport, Story, Unchanged
from .outputs import Outputs, output_holds_record
from .search import index_for_search
from .seo import news_window_changes
from .timings import Timings


@dataclass
class BuildReport:
    ingest: IngestReport
    site: SiteReport
    files_updated: int
    files_removed: int
    unchanged: Manifest | None = None  # set when the site build was skipped
    timings: Timings = field(default_factory=Timings)

    @property
    def ok(self) -> bool:
        return self.ingest.ok and not self.site.errors

    @property
    def articles(self) -> int:
        return self.unchanged.articles if self.unchanged else len(self.site.stories)

    @property
    def issues(self) -> int:
        return self.unchanged.issues if self.unchanged else len(self.site.digests)


def build(config: Config, progress: Progress | None = None, force: bool = False) -> BuildReport:
    """The whole pipeline. Pages, feeds and digests are made only where what they are made
    from changed, into a staging folder; only a finished build is moved into output/, one
    atomic rename per changed file. When nothing the site is made from changed since the
    last clean build, the site build is skipped altogether."""
    with _fewer_collections():
        return _build(config, progress, force)


def _build(config: Config, progress: Progress | None, force: bool) -> BuildReport:
    timings = Timings()
    with timings.stage("ingest"):
        ingest_report = ingest(config, progress)
    inputs = SiteInputs(config)
    stamp = inputs.fingerprint()
    moment = now(config.site.zone)
    last = read_manifest(config)
    if (
        not force
        and last
        and last.fingerprint == stamp
        and last.still_valid(moment)
        and output_holds_record(config.output_dir, config.work_dir)
    ):
        return BuildReport(ingest_report, SiteReport(), 0, 0, unchanged=last, timings=timings)
    from .site import build_site  # Pelican and the renderers: only for a build that runs

    with Outputs(config.output_dir, config.work_dir, forget=force) as outputs:

        def search(stories: list[Story], unchanged: Unchanged) -> None:
            with timings.stage("search"):
                index_for_search(outputs, stories, config.site.language, unchanged)

        site_report = build_site(config, outputs, global_key(config), timings, search)
        with timings.stage("publish"):
            updated, removed = outputs.publish()
    clean = not (site_report.errors or site_report.warnings)
    changes = news_window_changes(site_report.stories, moment)
    inputs.restat(ledger_path(config))  # which the build wrote
    write_manifest(
        config,
        Manifest(
            inputs.fingerprint(),
            len(site_report.stories),
            len(site_report.digests),
            changes.isoformat() if changes else None,
        )
        if clean
        else None,
    )
    return BuildReport(ingest_report, site_report, updated, removed, timings=timings)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """A build makes millions of objects that live until it ends (articles, records, the
    pages' dependencies). With Python's default thresholds the garbage collector walks all
    of them about a dozen times (2 s of a 10,000-article edit build); with these, young
    garbage is still collected, and a full collection is rare."""
    default = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*default)
