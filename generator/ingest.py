"""Seeds → articles → content files, with a report of what happened to each seed.

A run reads every new or changed seed (in worker processes), counts lines repeated across
seeds (a source's footers), derives the seeds that are new or changed (in worker processes),
then, in this process and in seed order: gives each article a unique address, pools
sections, leaves out duplicate stories, and writes. The result is the same whatever the
number of processes, and whatever the cache holds (ingestcache.py): what it remembers of
unchanged seeds and published articles is what reading them again would give.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path

from .atomic import Changes
from .classify import choose_sections
from .cleaning import line_keys, repeated_keys
from .config import Config
from .content import INGEST_VERSION, ContentFile, render_article, render_body
from .dates import parse_date
from .derive import make_article
from .duplicates import Signature, groups_with, signature, signatures
from .errors import SeedError
from .ingestcache import CacheUnreadable, IngestCache, Stamp, stamp_of_seed
from .merges import Candidate, Merge, choose, choose_in, read_ledger, write_ledger
from .models import Article, Seed
from .published import PublishedIndex, published_signature
from .repeats import repeated_among
from .seeds import find_seeds, read_regular_file, read_seeds, seed_name
from .slugs import slugify, unique_slug
from .timings import Timings
from .workers import map_in_order

__all__ = ["IngestReport", "Progress", "ingest", "make_article", "pool_sections"]


@dataclass
class IngestReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited by hand: never overwritten
    removed: list[Path] = field(default_factory=list)  # its seed is gone
    boilerplate: list[tuple[str, str]] = field(default_factory=list)  # (seed, line) removed
    flagged: list[tuple[str, str]] = field(default_factory=list)  # (seed, line) kept
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (left out, published)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (seed, note)
    errors: list[SeedError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


Progress = Callable[[int, int], None]  # (seeds done, seeds in all)
# Up to this many seeds are derived with the repeated lines counted from the cache's index,
# and their articles checked for duplicates against its index of the published ones; more,
# from all seeds and all texts (each costs some tens of look-ups in the index).
INDEXED_SEARCH = 200
Failure = tuple[str, str]  # (path, problem): SeedError itself does not survive pickling


@dataclass(frozen=True)
class _Read:
    """A seed file as a worker read it."""

    seeds: list[Seed]
    keys: list[tuple[str, ...]]  # each seed's line keys (cleaning.line_keys)
    stamp: Stamp | None  # the file's stat before it was read (a single seed's only)


@dataclass(frozen=True)
class _Derived:
    """An article as a worker derived it, with what the main process needs of its text."""

    article: Article
    body: str  # content.render_body of its paragraphs
    signed: Signature  # of its paragraphs, for the duplicate check
    body_signed: Signature | None  # of the body as written, if it differs (a later run's)


@dataclass
class _Run:
    """What one run knows about content/ and seeds/."""

    config: Config
    cache: IngestCache
    report: IngestReport
    existing: list[ContentFile]
    by_seed: dict[str, ContentFile]
    ledger: dict[str, dict[str, str]]  # seeds left out as duplicates (merges.py)
    changes: Changes  # to content/, made at the end
    seeds: list[Seed] = field(default_factory=list)  # read and split
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # line keys of those
    known: dict[str, str] = field(default_factory=dict)  # every seed's name → its hash
    unparsed: list[Path] = field(default_factory=list)  # unchanged: only hashed, not split
    failed_files: set[str] = field(default_factory=set)
    kept_names: set[str] = field(default_factory=set)
    derived: dict[str, _Derived] = field(default_factory=dict)  # by seed name


def ingest(
    config: Config, progress: Progress | None = None, timings: Timings | None = None
) -> IngestReport:
    """One run over seeds/ and content/. `timings`, if given, receives the seconds of its
    steps (scan, read, derive, duplicates, write, save: bench/ingest_edit.py prints them)."""
    stage = timings.stage if timings is not None else _untimed
    with stage("scan"):
        cache = IngestCache.open(config.work_dir)
        existing = cache.scan_content(config.content_dir)
    by_seed = {f.seed: f for f in existing if f.seed}
    with Changes() as changes:
        run = _Run(config, cache, IngestReport(), existing, by_seed, read_ledger(config), changes)
        with stage("read"):
            _read(run, progress)
            ledger = {k: v for k, v in run.ledger.items() if _still_merged(k, v, run)}
            _read_released(run, ledger)
        orphans = _orphans(run)
        with stage("derive"):
            derived = _derive(run, _to_derive(run, orphans, ledger))
            articles = pool_sections([a for a, _ in derived], config)
        previous = {a.seed: p for (a, p) in derived if p}
        del derived
        replaced = {p.path for p in previous.values()}
        replaced |= {o.path for group in orphans.values() for o in group}
        published = [f for f in existing if f.generated and f.seed and f.path not in replaced]
        with stage("duplicates"):
            articles = _merge_duplicates(run, articles, previous, published, ledger)
        with stage("write"):
            _write_all(run, articles, previous, orphans)
    with stage("save"):
        write_ledger(config, ledger)
        cache.save(run.known.values())
    return run.report


def _untimed(name: str) -> AbstractContextManager[None]:
    return nullcontext()


def _write_all(
    run: _Run,
    articles: list[Article],
    previous: dict[str, ContentFile],
    orphans: dict[str, list[ContentFile]],
) -> None:
    """Write the articles and remove the orphans, as one batch of changes."""
    written = {}
    for article in articles:
        run.report.boilerplate += [(article.seed, line) for line in article.removed_lines]
        run.report.flagged += [(article.seed, line) for line in article.flagged_lines]
        run.report.notes += [(article.seed, note) for note in article.notes]
        path = _write(run, article, previous.get(article.seed))
        if path:
            written[article.seed] = path
    for content in (c for group in orphans.values() for c in group):
        run.changes.remove(content.path)
        run.report.removed.append(content.path)
    _remember_written(run, written, run.changes.commit())


def _read(run: _Run, progress: Progress | None) -> None:
    """Read every seed file that is not kept by hand, in worker processes. A seed whose bytes
    have the hash its article records is not even split: a re-run with nothing changed only
    hashes files."""
    seeds_dir = run.config.seeds_dir
    paths = []
    found = find_seeds(seeds_dir)
    for path in found:
        name = seed_name(path, seeds_dir)
        previous = run.by_seed.get(name)
        if previous and not previous.generated:
            run.report.kept.append(previous.path)
            run.kept_names.add(name)
        elif not _unchanged(run, path, name, previous):
            paths.append(path)
    read = partial(_read_file, seeds_dir=seeds_dir)
    results = map_in_order(read, paths, run.config.ingest.workers)
    if progress and not paths:
        progress(len(found), len(found))
    already = len(found) - len(paths)  # kept by hand, or unchanged: only hashed
    for done, (path, result) in enumerate(zip(paths, results, strict=True), start=already + 1):
        if progress:
            progress(done, len(found))
        _take(run, path, result)


def _take(run: _Run, path: Path, result: _Read | Failure) -> None:
    """The seeds read from one file, or its error."""
    if isinstance(result, tuple):
        run.report.errors.append(SeedError(*result))
        run.failed_files.add(seed_name(path, run.config.seeds_dir))
        return
    if result.stamp:
        run.cache.note_seed(path, result.stamp, result.seeds[0].sha256)
    for seed, keys in zip(result.seeds, result.keys, strict=True):
        previous = run.by_seed.get(seed.name)
        if previous and not previous.generated:  # an item of a JSON list, edited by hand
            run.report.kept.append(previous.path)
            run.kept_names.add(seed.name)
        else:
            run.seeds.append(seed)
            run.known[seed.name] = seed.sha256
            run.keys[seed.name] = keys
            run.cache.note_line_keys(seed.sha256, keys)


def _read_released(run: _Run, ledger: dict[str, dict[str, str]]) -> None:
    """A seed left out as a duplicate is taken as unchanged without being read. When its
    entry no longer holds (the copy kept is gone, or was changed), it is read now, to be
    published in this run."""
    released = run.ledger.keys() - ledger.keys()
    seeds_dir = run.config.seeds_dir
    paths = [path for path in run.unparsed if seed_name(path, seeds_dir) in released]
    if not paths:
        return
    run.unparsed = [path for path in run.unparsed if path not in paths]
    for path in paths:
        _take(run, path, _read_file(path, seeds_dir))


def _unchanged(run: _Run, path: Path, name: str, previous: ContentFile | None) -> bool:
    """True, and recorded, when a single-article seed still has the bytes its article (or
    its entry as a duplicate left out) was made from."""
    if path.suffix.lower() == ".json":
        return False  # its items have hashes of their own
    if previous and previous.generated and previous.meta.get("newsdesk") == INGEST_VERSION:
        recorded = previous.meta.get("seed_sha256")
    else:
        recorded = run.ledger.get(name, {}).get("sha256")
    if not recorded:
        return False
    sha = run.cache.seed_sha256(path) or _hash_seed(run, path)
    if sha != recorded:
        return False
    run.known[name] = sha
    run.unparsed.append(path)
    if previous:
        run.report.unchanged.append(previous.path)
    return True


def _hash_seed(run: _Run, path: Path) -> str | None:
    """The sha256 of a seed file's bytes, None if it cannot be read (it is read again, to be
    reported)."""
    stamp = stamp_of_seed(path)
    try:
        sha = hashlib.sha256(read_regular_file(path, run.config.seeds_dir)).hexdigest()
    except SeedError:
        return None
    run.cache.note_seed(path, stamp, sha)
    return sha


def _read_file(path: Path, seeds_dir: Path) -> _Read | Failure:
    stamp = None if path.suffix.lower() == ".json" else stamp_of_seed(path)
    try:
        seeds = read_seeds(path, seeds_dir)
    except SeedError as error:
        return (str(error.path), error.problem)
    return _Read(seeds, [line_keys(seed.paragraphs) for seed in seeds], stamp)


def _orphans(run: _Run) -> dict[str, list[ContentFile]]:
    """Generated files whose seed is gone, by the seed's hash: removed at the end unless a
    renamed seed (same bytes) adopts one, keeping its date and address. A file whose seed
    file failed to read is not an orphan: it keeps its published article."""
    names = set(run.known) | run.kept_names
    orphans: dict[str, list[ContentFile]] = defaultdict(list)
    for content in run.existing:
        seed = content.seed
        gone = seed and seed not in names and seed.split("#")[0] not in run.failed_files
        if gone and content.generated:
            orphans[content.meta.get("seed_sha256", "")].append(content)
    return orphans


def _still_merged(name: str, entry: dict[str, str], run: _Run) -> bool:
    """A ledger entry holds while its seed is unchanged and the seed kept still exists."""
    return run.known.get(name) == entry.get("sha256") and entry.get("kept") in run.known


def _to_derive(
    run: _Run, orphans: dict[str, list[ContentFile]], ledger: dict[str, dict[str, str]]
) -> list[tuple[Seed, ContentFile | None]]:
    todo = []
    for seed in run.seeds:
        previous = run.by_seed.get(seed.name)
        if seed.name in ledger:
            continue  # left out as a duplicate, and unchanged since
        if previous is None and orphans.get(seed.sha256):
            previous = orphans[seed.sha256].pop()
        elif previous and _up_to_date(previous, seed):
            run.report.unchanged.append(previous.path)
            continue
        todo.append((seed, previous))
    return todo


def _derive(
    run: _Run, todo: list[tuple[Seed, ContentFile | None]]
) -> list[tuple[Article, ContentFile | None]]:
    """Derive in worker processes; then, in seed order, give each article a unique slug.
    Lines repeated across seeds are counted over all seeds, unchanged ones included."""
    if not todo:
        return []
    repeated = _repeated(run, todo)
    # Not needed again (the seeds to derive are in `todo`, their line keys in the cache):
    # freed before the derived articles, as large, come back.
    run.seeds, run.keys = [], {}
    derive = partial(_derive_one, config=run.config, repeated=repeated)
    results = map_in_order(derive, todo, run.config.ingest.workers)
    taken = {_slug_of(f) for f in run.existing}
    derived = []
    for (seed, previous), result in zip(todo, results, strict=True):
        if isinstance(result, tuple):
            run.report.errors.append(SeedError(*result))
            continue
        # An unchanged seed keeps its address when a newer newsdesk derives another headline:
        # an upgrade must not break links. (An edited headline moves the story.)
        same_seed = previous and previous.meta.get("seed_sha256") == seed.sha256
        slug = _slug_of(previous) if previous and same_seed else ""
        if not slug:
            if previous:
                taken.discard(_slug_of(previous))  # its own address is free for it
            slug = unique_slug(slugify(result.article.headline) or "article", taken)
        taken.add(slug)
        run.derived[result.article.seed] = result
        derived.append((replace(result.article, slug=slug), previous))
    return derived


def _repeated(run: _Run, todo: list[tuple[Seed, ContentFile | None]]) -> frozenset[str]:
    """The keys of lines repeated across all seeds, unchanged ones included: for a few seeds
    to derive, those they look up, counted from the cache's index (repeats.py); else all,
    from every seed's line keys."""
    if len(todo) <= INDEXED_SEARCH:
        counted: dict[str, tuple[str, ...] | None] = dict.fromkeys(run.known.values())
        counted.update((seed.sha256, run.keys[seed.name]) for seed in run.seeds)
        found = repeated_among((seed for seed, _ in todo), counted, run.cache)
        if found is not None:
            return found
    return repeated_keys(_every_line_keys(run))


def _every_line_keys(run: _Run) -> list[tuple[str, ...]]:
    """The line keys of every seed, those read in this run and the unchanged ones: from the
    cache, else read again (in worker processes)."""
    every = [run.keys[seed.name] for seed in run.seeds]
    missing = []
    seeds_dir = run.config.seeds_dir
    for path in run.unparsed:
        keys = run.cache.line_keys(run.known[seed_name(path, seeds_dir)])
        if keys is None:
            missing.append(path)
        else:
            every.append(keys)
    read = partial(_read_file, seeds_dir=seeds_dir)
    for result in map_in_order(read, missing, run.config.ingest.workers):
        if not isinstance(result, tuple):
            for seed, keys in zip(result.seeds, result.keys, strict=True):
                run.cache.note_line_keys(seed.sha256, keys)
                every.append(keys)
    return every


def _derive_one(
    item: tuple[Seed, ContentFile | None], config: Config, repeated: frozenset[str]
) -> _Derived | Failure:
    """Derive an article, and what this process would otherwise have to work out of its
    text one article after another: its body and its duplicate signatures."""
    seed, previous = item
    try:
        article = make_article(seed, config, previous, set(), repeated)
    except SeedError as error:
        return (str(error.path), error.problem)
    text = "\n".join(article.paragraphs)  # what the duplicate check compares
    body = render_body(article.paragraphs)
    if body == "\n\n".join(article.paragraphs):
        # Nothing escaped (most articles): the body has the text's words, so its signature,
        # without splitting the body into words again.
        return _Derived(article, body, signature(text), None)
    written = f"{body}\n"  # the body as a later run reads it (ContentFile.body)
    signed, body_signed = signatures([text, written])
    return _Derived(article, body, signed, None if body_signed is signed else body_signed)


def _merge_duplicates(
    run: _Run,
    articles: list[Article],
    previous: dict[str, ContentFile],
    published: list[ContentFile],
    ledger: dict[str, dict[str, str]],
) -> list[Article]:
    """Leave out all but one of each story told by several seeds (config.ingest.duplicates);
    a new article that replaces a published one takes over its feed id."""
    policy = run.config.ingest.duplicates
    if policy == "both" or not articles:
        return articles  # nothing to compare (what was published was merged when new)
    new = [Candidate(a.seed, a.date, "", True, run.derived[a.seed].signed) for a in articles]
    candidates, merges = _indexed_merges(run, new, published, policy)
    if merges is None:  # too many new articles, or no index to trust: compare all texts
        run.cache.read_signatures()
        zone = run.config.site.zone
        every = new + [_candidate(f, zone, published_signature(f, run.cache)) for f in published]
        candidates = dict(enumerate(every))
        merges = choose(every, policy, run.cache.verdicts())
    dropped: set[str] = set()
    for merge in merges:
        kept = candidates[merge.kept]
        for i in merge.dropped:
            gone = candidates[i]
            content = previous.get(gone.seed) if gone.new else published[i - len(articles)]
            sha = articles[i].seed_sha256 if gone.new else content.meta.get("seed_sha256", "")
            ledger[gone.seed] = {"sha256": sha, "kept": kept.seed}
            run.report.duplicates.append((gone.seed, kept.seed))
            dropped.add(gone.seed)
            if content and content.generated:
                run.changes.remove(content.path)
                if content.path in run.report.unchanged:
                    run.report.unchanged.remove(content.path)
                if kept.new and not articles[merge.kept].guid:
                    articles[merge.kept] = replace(
                        articles[merge.kept], guid=content.meta.get("guid", "")
                    )
    return [a for a in articles if a.seed not in dropped]


def _indexed_merges(
    run: _Run, new: list[Candidate], published: list[ContentFile], policy: str
) -> tuple[dict[int, Candidate], list[Merge] | None]:
    """The merges of a few new articles, found from the cache's index of the published ones
    (`duplicates.groups_with`): exactly those of a comparison of all texts, which the caller
    makes instead when this gives None (many new articles, or no index to trust)."""
    if len(new) > INDEXED_SEARCH:
        return {}, None
    index = PublishedIndex.open(published, run.cache)
    if index is None:
        return {}, None
    signed = [c.signature() for c in new]
    try:
        groups = groups_with(signed, index, run.cache.verdicts(whole=False))
    except CacheUnreadable:
        return {}, None
    candidates = dict(enumerate(new))
    zone = run.config.site.zone
    for i in (i for group in groups for i in group if i >= len(new)):
        candidates[i] = _candidate(published[i - len(new)], zone, index.signature(i - len(new)))
    return candidates, choose_in(groups, candidates, policy)


def _candidate(content: ContentFile, zone: tzinfo, signed: Signature) -> Candidate:
    """A published article as a candidate of the duplicate check."""
    try:
        date = parse_date(content.meta.get("date", ""), zone)
    except ValueError:  # an unreadable date counts as the oldest
        date = datetime(1970, 1, 1, tzinfo=zone)
    return Candidate(content.seed or "", date, "", False, signed)


def pool_sections(articles: list[Article], config: Config) -> list[Article]:
    """Articles whose section was derived get it again, chosen with all of them in view
    (classify.choose_sections): a run of many seeds teaches the classifier words the
    configured keywords do not list. A given Category is never changed."""
    derived = [a for a in articles if a.section_confidence is not None]
    texts = [f"{a.headline}\n" + "\n".join(a.paragraphs) for a in derived]
    chosen = dict(zip(map(id, derived), choose_sections(texts, config.sections), strict=True))
    pooled = []
    for article in articles:
        if id(article) in chosen:
            section, confidence = chosen[id(article)]
            was = f"chose {article.section!r}"
            notes = tuple(n.replace(was, f"chose {section.name!r}") for n in article.notes)
            article = replace(
                article, section=section.name, section_confidence=confidence, notes=notes
            )
        pooled.append(article)
    return pooled


def _slug_of(content: ContentFile) -> str:
    """The address slug Pelican gives the file: its Slug, else its slugified title."""
    return content.meta.get("slug") or slugify(content.meta.get("title", ""), None)


def _up_to_date(previous: ContentFile, seed: Seed) -> bool:
    return (
        previous.meta.get("seed_sha256") == seed.sha256
        and previous.meta.get("newsdesk") == INGEST_VERSION
    )


def _write(run: _Run, article: Article, previous: ContentFile | None) -> Path | None:
    """Plan the article's file (written with all the others by `Changes.commit`); returns
    its path if its bytes change."""
    config, report = run.config, run.report
    section_slug = next(s.slug for s in config.sections if s.name == article.section)
    if not article.guid:  # first publication: the id is the article's first address
        article = replace(article, guid=f"{section_slug}/{article.slug}/")
    target = config.content_dir / section_slug / f"{article.slug}.md"
    text = render_article(article, run.derived[article.seed].body)
    changed = run.changes.write(target, text)
    if previous and previous.path != target:
        run.changes.remove(previous.path)
    if not changed:
        report.unchanged.append(target)
        return None
    report.written.append(target)
    run.cache.note_written(target, text)
    return target


def _remember_written(run: _Run, planned: dict[str, Path], written: set[Path]) -> None:
    """Tell the cache what the files written now hold, and their duplicate signatures, so
    that the next run need not read them."""
    for seed, path in planned.items():
        if path in written:
            derived = run.derived[seed]
            body_sha = run.cache.stamp_written(path)
            run.cache.note_signature(body_sha, derived.body_signed or derived.signed)
