"""`newsdesk build`: ingest, then the site, feeds and digests, then publish to output/."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .atomic import publish
from .config import Config
from .ingest import IngestReport, Progress, ingest
from .search import index_for_search
from .site import SiteReport, build_site


@dataclass
class BuildReport:
    ingest: IngestReport
    site: SiteReport
    files_updated: int
    files_removed: int

    @property
    def ok(self) -> bool:
        return self.ingest.ok and not self.site.errors


def build(config: Config, progress: Progress | None = None) -> BuildReport:
    """The whole pipeline. Pelican writes into a staging folder beside output/; only a
    finished build is moved into output/, one atomic rename per changed file."""
    ingest_report = ingest(config, progress)
    config.work_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=config.work_dir))
    try:
        site_report = build_site(config, staging)
        index_for_search(staging, config.site.language)  # published with the pages it indexes
        updated, removed = publish(staging, config.output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(ingest_report, site_report, updated, removed)
