"""All of newsdesk's Pelican code: settings from the config, the run, an incremental writer,
and the generator that writes list pages, feeds, sitemaps and newsletter pages from the
`Story` records it makes of Pelican's articles. No other module imports Pelican."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from ..config import Config
from ..errors import BuildError
from ..outputs import Outputs
from ..pagedeps import RecordingContext
from ..timings import Timings
from .index import SiteIndex, by_section_filter, dek
from .pages import Lists, SiteReport, newsdesk_generator
from .settings import pelican_settings
from .writer import Fingerprints, IncrementalWriter, RenderStats

__all__ = ["RenderStats", "SiteReport", "build_site"]


def build_site(
    config: Config, outputs: Outputs, global_key: bytes, timings: Timings | None = None
) -> SiteReport:
    """Run Pelican on content/, writing through `outputs` (into its staging folder): pages,
    feeds, sitemaps, digests. `global_key` fingerprints what every page depends on (config,
    theme, code): when it changes, every page is made again."""
    report = SiteReport()
    timings = Timings() if timings is None else timings
    config.content_dir.mkdir(parents=True, exist_ok=True)  # Pelican refuses a missing one
    index = SiteIndex(config)
    lists = Lists()
    settings = read_settings(None, override=pelican_settings(config, outputs.staging))
    writers: list[IncrementalWriter] = []

    class Writer(IncrementalWriter):
        def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
            super().__init__(output_path, settings)
            self.outputs = outputs
            self.fingerprints = Fingerprints(index.fingerprint)
            self.global_key = global_key
            writers.append(self)

    def prepare(generator: Generator) -> None:
        """Template functions and filters, and a context that notes what pages read."""
        generator.env.context_class = RecordingContext
        generator.env.filters.update(
            by_section=by_section_filter(config.sections),
            dek=dek,
            local=index.local,
            canonical=index.canonical,
        )
        generator.env.globals.update(
            feeds_for=index.feeds_for,
            related_to=index.related_to,
            neighbours_of=index.neighbours_of,
            article_json_ld=index.article_json_ld,
        )

    def read(generator: Any) -> None:
        lists.take(generator)
        index.read(lists.articles)

    def read_all(_generators: Any) -> None:
        timings.mark("read", started)

    handlers: list[tuple[Any, Any]] = [
        (signals.generator_init, prepare),
        (signals.article_generator_finalized, read),
        (signals.all_generators_finalized, read_all),
        (signals.get_writer, lambda _pelican: Writer),
        (
            signals.get_generators,
            lambda _pelican: newsdesk_generator(
                config, report, index, lists, outputs, timings, global_key
            ),
        ),
    ]
    capture = _ProblemLog(report)
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(capture)
    for signal, handler in handlers:
        signal.connect(handler)
    pelican_console.quiet = True  # our CLI prints its own summary
    started = time.perf_counter()
    try:
        Pelican(settings).run()
        with timings.stage("pages"):
            report.render = writers[0].finish()
    except BuildError:
        raise
    except Exception as error:  # Pelican raises bare exceptions for template and read errors
        raise BuildError(f"site build failed: {error}") from error
    finally:
        for signal, handler in handlers:
            signal.disconnect(handler)
        pelican_logger.removeHandler(capture)
        pelican_console.quiet = False
    return report


class _ProblemLog(logging.Handler):
    """Collects Pelican's warnings and errors, each as one line, for the build report."""

    def __init__(self, report: SiteReport) -> None:
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Pelican logs "Could not process x.md" from inside its except block without the
        # exception; emit() runs in that block, so the reason is still at hand.
        reason = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if reason:
            message += f": {reason}"
        message = " ".join(message.split())
        (self.report.errors if record.levelno >= logging.ERROR else self.report.warnings).append(
            message
        )
