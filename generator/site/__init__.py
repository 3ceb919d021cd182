"""All of newsdesk's Pelican code: settings from the config, the run, an incremental writer,
and the generator that writes list pages, feeds, sitemaps and newsletter pages from the
`Story` records it makes of Pelican's articles. No other module imports Pelican."""

from __future__ import annotations

import gc
import logging
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from ..config import Config
from ..errors import BuildError
from ..models import RenderStats, SiteReport, Story, Unchanged
from ..outputs import Outputs
from ..pagedeps import RecordingContext
from ..timings import Timings
from ..workers import cores
from .fragments import Fragments
from .index import SiteIndex, by_section_filter, dek, keep_story
from .layout import PLACING, contents, layout_signature, placing, source_stamps
from .pages import Lists, newsdesk_generator
from .parallel import Prelude, Result, Task, run_tasks
from .settings import pelican_settings
from .writer import Fingerprints, IncrementalWriter, PageJob

__all__ = ["build_site"]


def build_site(
    config: Config,
    outputs: Outputs,
    global_key: bytes,
    timings: Timings | None = None,
    alongside: Callable[[list[Story], Unchanged], None] | None = None,
) -> SiteReport:
    """Run Pelican on content/, writing through `outputs` (into its staging folder): pages,
    feeds, sitemaps, digests. `global_key` fingerprints what every page depends on (config,
    theme, code): when it changes, every page is made again. `alongside` (the search
    index) runs in a thread from the moment Pelican has read everything until the pages are
    made, with the stories and a function that tells whether some stories' files and the
    site's layout are as at the last build."""
    report = SiteReport()
    timings = Timings() if timings is None else timings
    tasks: list[Task | Prelude] = []
    config.content_dir.mkdir(parents=True, exist_ok=True)  # Pelican refuses a missing one
    index = SiteIndex(config)
    lists = Lists()
    cache = _pelican_cache(config, global_key)
    (cache / "templates").mkdir(parents=True, exist_ok=True)
    compiled = FileSystemBytecodeCache(str(cache / "templates"))
    settings = read_settings(None, override=pelican_settings(config, outputs.staging, cache))
    writers: list[IncrementalWriter] = []
    fingerprints = Fingerprints(index)
    unchanged = partial(_unchanged, outputs, index)
    fragment = Fragments(fingerprints).function

    class Writer(IncrementalWriter):
        def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
            super().__init__(output_path, settings)
            self.outputs = outputs
            self.fingerprints = fingerprints
            self.global_key = global_key
            writers.append(self)

    def prepare(generator: Generator) -> None:
        """Template functions and filters, and a context that notes what pages read."""
        generator.env.context_class = RecordingContext
        generator.env.auto_reload = False  # no template changes during a build: no mtime checks
        generator.env.bytecode_cache = compiled  # compiling the templates took 0.3 s a build
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
            fragment=fragment,
        )

    def settle(generator: Any) -> None:
        """Fix what an article read afresh will always give, before Pelican saves it in its
        cache: its URL and path, which Pelican formats from its settings at every use (a
        relative path worked out each time: 1.6 s of a 10,000-article edit build, though
        they change only with the article's file or the settings), its layout and its
        story."""
        for article in generator.articles + generator.hidden_articles + generator.drafts:
            if not hasattr(article, PLACING):
                article.override_url, article.override_save_as = article.url, article.save_as
                setattr(article, PLACING, placing(article))
                keep_story(article, config)
                read_afresh[0] += 1

    def read(generator: Any) -> None:
        # Articles from Pelican's cache still point at the build that read them; links
        # between articles must resolve against this one.
        for article in generator.articles + generator.hidden_articles + generator.drafts:
            article._context = generator.context
        lists.take(generator)
        index.read(lists.articles)

    def read_all(generators: Any) -> None:
        context = generators[0].context  # shared by all of Pelican's generators
        files = (item.source_path for item in contents(context))
        stamps = source_stamps(files, index.relative)
        layout = layout_signature(context, global_key)
        index.take_sources(stamps, outputs.note_sources(stamps, layout))
        timings.mark("read", started)
        read_at.append(time.perf_counter())
        _out_of_collections(collect_first=read_afresh[0] > FEW_READ)
        if alongside:
            beside.append(pool.submit(alongside, index.stories, unchanged))

    handlers: list[tuple[Any, Any]] = [
        (signals.generator_init, prepare),
        (signals.article_generator_init, lambda _generator: _out_of_collections()),
        (signals.article_generator_pretaxonomy, settle),
        (signals.article_generator_finalized, read),
        (signals.all_generators_finalized, read_all),
        (signals.get_writer, lambda _pelican: Writer),
        (
            signals.get_generators,
            lambda _pelican: newsdesk_generator(
                config, report, index, lists, outputs, tasks, global_key, unchanged
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
    read_at: list[float] = []
    read_afresh = [0]  # articles Pelican read from their files, not its cache
    # Pagefind runs processes of its own: an edit's month is indexed while Pelican queues
    # the pages and they render.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-alongside")
    beside: list[Future[None]] = []
    try:
        Pelican(settings).run()
        timings.mark("queue", read_at[0])  # Pelican's generators ask for every page
        with timings.stage("render"):
            timings.cpu = _render(writers[0], tasks, report, outputs)
        for running in beside:
            running.result()
    except BuildError:
        raise
    except Exception as error:  # Pelican raises bare exceptions for template and read errors
        raise BuildError(f"site build failed: {error}") from error
    finally:
        pool.shutdown()  # nothing may be left writing through `outputs`
        gc.unfreeze()
        for signal, handler in handlers:
            signal.disconnect(handler)
        pelican_logger.removeHandler(capture)
        pelican_console.quiet = False
    return report


# Articles read from their files (not Pelican's cache) beyond which their garbage is
# collected before the rest is frozen: reading makes garbage that freezing would keep.
FEW_READ = 100


def _out_of_collections(collect_first: bool = False) -> None:
    """What exists now lives until the site is built: Pelican's articles once it has loaded
    its cache, then the stories and records once it has read them all. Frozen, they are no
    longer walked by each collection of young objects (1 s of a 10,000-article edit build).
    Garbage frozen with them waits for the end of the build; after reading many files,
    the young generations are collected first."""
    if collect_first:
        gc.collect(1)
    gc.freeze()


PAGES_PER_TASK = 1000  # pages whose freshness a task checks, rendering the stale ones
PARALLEL_FROM = 2000  # pages queued: fewer, and little else to do (`SMALL_WORK`), no workers
# Feed jobs and e-mail tasks an edit makes (its feeds' entries, its issue's e-mail, the feed
# of issues): no more, and forking the workers would cost more than they save.
SMALL_WORK = 3


def _render(
    writer: IncrementalWriter,
    tasks: list[Task | Prelude],
    report: SiteReport,
    outputs: Outputs,
) -> dict[str, float]:
    """Make the stale pages and run the feed and e-mail tasks, in worker processes when
    there is enough to do. Which pages are stale is decided in the tasks too: at 10,000
    articles fingerprinting every page's inputs costs more than rendering an edit's pages.
    Returns the CPU seconds of each kind of task."""
    jobs = list(writer.jobs.values())
    work = sum(len(t.jobs) if isinstance(t, Prelude) else 1 for t in tasks)
    many = len(jobs) >= PARALLEL_FROM or work > SMALL_WORK
    tasks = tasks + [
        Task("pages", partial(_render_stale, writer, jobs[i : i + PAGES_PER_TASK]))
        for i in range(0, len(jobs), PAGES_PER_TASK)
    ]
    made, warnings, cpu = run_tasks(tasks, cores() if many else 1)
    for record in made:
        outputs.add(record)
    made_paths = {record.path for record in made}
    kept = [job.path for job in jobs if job.path not in made_paths]
    for path in kept:  # a page that no task made was fresh
        outputs.keep(path)
    untouched = len(writer.untouched)
    report.render = RenderStats(len(jobs) - len(kept), len(kept) + untouched, untouched)
    report.warnings += warnings
    return cpu


def _unchanged(outputs: Outputs, index: SiteIndex, stories: Sequence[Story]) -> bool:
    return outputs.unchanged_sources(index.story_source_ids(stories))


def _render_stale(writer: IncrementalWriter, jobs: list[PageJob]) -> Result:
    return [writer.render(job) for job in jobs if not writer.is_fresh(job)], []


def _pelican_cache(config: Config, global_key: bytes) -> Path:
    """Pelican's content cache, and the compiled templates, one per config, theme and code:
    it stores articles with the settings they were read with. Caches of other configs are
    removed."""
    folder = config.work_dir / "pelican"
    own = folder / global_key.hex()[:16]
    if folder.is_dir():
        for other in folder.iterdir():
            if other != own:
                shutil.rmtree(other, ignore_errors=True)
    return own


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
