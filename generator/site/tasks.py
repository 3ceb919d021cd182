"""The feeds and e-mails a build must make again, as tasks for `parallel.run_tasks`.

A feed whose key (settings and every field of its stories) is the one its files were made
from keeps its files; so does an issue's .eml. What is left becomes work for the workers:
for the feeds, a prelude that renders each of their stories' entries once per format (a
story is in many feeds), in jobs of a thousand stories, then tasks that assemble the
feeds from those entries; for the e-mails, a few tasks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from ..config import Config
from ..digest import render_email
from ..feeds import (
    FEEDS_FOLDER,
    FORMATS,
    Channel,
    Entries,
    channel_files,
    channel_key,
    feed_files,
    feed_stem,
    newest_issues,
    newsletter_channel,
    render_entries,
    scopes_of,
    stories_of,
)
from ..mail import digest_message
from ..models import Digest, Story, Unchanged
from ..outputs import Made, Outputs
from .parallel import Prelude, Result, Task

ISSUES_PER_TASK = 20
STORIES_PER_JOB = 1000  # whose entries one job of the feeds' prelude renders
ITEMS_PER_TASK = 5000  # feed items (in every format) assembled by one task


def touched_feeds(
    stories: Sequence[Story], source_ids: Sequence[int | None], config: Config, outputs: Outputs
) -> set[tuple[str, str]] | None:
    """With the layout of the last build the feeds are its feeds, holding the same stories:
    only those of the stories whose files changed can differ. Their (scope, slug) are
    returned, and the other feeds' files are kept as they are, unless one was deleted by
    hand. None: every feed is to be looked at."""
    changed = outputs.changed_sources()
    if changed is None or outputs.missing_under(FEEDS_FOLDER):
        return None
    touched = {
        (scope, slug)
        for story, source in zip(stories, source_ids, strict=True)
        if source is None or source in changed
        for scope, slug, _ in scopes_of(story)
    }
    their_files = {path for scope in touched for path in _paths(feed_stem(*scope), config)}
    outputs.keep_folder(FEEDS_FOLDER, but=their_files)
    return touched


def feed_tasks(
    feeds: Sequence[Channel],
    config: Config,
    outputs: Outputs,
    base_key: bytes,
    unchanged: Unchanged,
) -> list[Prelude]:
    """`unchanged(stories)`: True when these stories' files and the site's layout are as
    at the last build (site/layout.py), so that their feeds' files are kept unlooked at."""
    chosen, keys = [], {}  # the channels to make, and the keys known so far (stem → key)
    for channel in feeds:
        paths = _paths(channel.stem, config)
        recorded = [outputs.recorded_digest(path) is not None for path in paths]
        if not any(recorded):
            chosen.append(channel)  # never made (a first build): its task works out its key
            continue
        if _kept_unchanged(outputs, paths, "", channel.stories, unchanged):
            continue
        key = channel_key(channel, base_key)
        if not _kept(outputs, paths, key):
            chosen.append(channel)
            keys[channel.stem] = key
    if not chosen:
        return []
    # Jobs of a thousand stories, full text and summary ones alike: a first build keeps
    # both workers busy, an edit's few stories make one job, rendered here without workers.
    work = [
        (story, full_text)
        for full_text in (True, False)
        for story in stories_of(c for c in chosen if c.full_text == full_text)
    ]
    jobs = [
        partial(_render_entries, work[i : i + STORIES_PER_JOB], config)
        for i in range(0, len(work), STORIES_PER_JOB)
    ]
    stale = _StaleFeeds(chosen, keys, base_key, config, outputs)
    return [Prelude("feeds", jobs, stale.tasks)]


def _render_entries(work: list[tuple[Story, bool]], config: Config) -> list[tuple[bool, Entries]]:
    """The entries of each story in each format, for its feeds' mode: full text or not."""
    rendered, formats = [], config.feeds.formats
    for full_text in (True, False):
        stories = [story for story, full in work if full == full_text]
        if stories:
            rendered.append((full_text, render_entries(stories, full_text, config, formats)))
    return rendered


@dataclass(frozen=True)
class _StaleFeeds:
    """The feeds to make, with what their keys and files are made from."""

    feeds: list[Channel]
    keys: dict[str, str]  # stem → key, where feed_tasks worked it out
    base_key: bytes
    config: Config
    outputs: Outputs

    def tasks(self, rendered: list[list[tuple[bool, Entries]]]) -> list[Task]:
        """Tasks that assemble the feeds from the entries the prelude rendered, a few
        thousand items each."""
        entries: dict[bool, Entries] = {True: {}, False: {}}  # by full text
        for full_text, found in (part for job in rendered for part in job):
            for fmt, by_id in found.items():
                entries[full_text].setdefault(fmt, {}).update(by_id)
        tasks, chunk, items = [], [], 0
        for channel in self.feeds:
            chunk.append(channel)
            items += len(channel.stories)
            if items >= ITEMS_PER_TASK or channel is self.feeds[-1]:
                tasks.append(Task("feeds", partial(self._render, chunk, entries)))
                chunk, items = [], 0
        return tasks

    def _render(self, feeds: list[Channel], entries: dict[bool, Entries]) -> Result:
        made = []
        formats = self.config.feeds.formats
        for channel in feeds:
            key = self.keys.get(channel.stem) or channel_key(channel, self.base_key)
            own = entries[channel.full_text]
            for _, path, data in feed_files(channel, own, self.config, formats):
                digest, staged = self.outputs.stage(path, data)
                made.append(Made(path, digest, key, None, None, staged))
        return made, []


def newsletter_tasks(
    digests: Sequence[Digest],
    config: Config,
    outputs: Outputs,
    base_key: bytes,
    unchanged: Unchanged,
) -> list[Task]:
    """Each issue's .eml, and the feed of issues (which carries the newest issues whole).
    A file's key is its issues' outline (every field but the stories' own) followed by the
    stories' fingerprints: a file recorded with the same outline whose stories' files and
    the site's layout are unchanged (`unchanged`) is kept without fingerprinting them."""
    stale = []
    for digest in digests:
        path = _eml_path(digest)
        outline = _key(base_key, b"issue", _issue_outline(digest))
        if not _kept_unchanged(outputs, [path], outline, digest.stories, unchanged):
            key = outline + _stories_key(digest.stories)
            if not _kept(outputs, [path], key):
                stale.append((digest, key))
    tasks: list[Task] = [
        Task("digests", partial(_render_emails, stale[i : i + ISSUES_PER_TASK], config, outputs))
        for i in range(0, len(stale), ISSUES_PER_TASK)
    ]
    settings = config.feeds.newsletter
    if not settings.enabled or len(digests) < max(1, settings.min_items):
        return tasks
    newest = newest_issues(digests, config)
    paths = _paths(feed_stem("newsletter"), config)
    outline = _key(base_key, b"issues", *(_issue_outline(d) for d in newest))
    stories = [story for digest in newest for story in digest.stories]
    if _kept_unchanged(outputs, paths, outline, stories, unchanged):
        return tasks
    key = outline + _stories_key(stories)
    if not _kept(outputs, paths, key):
        render = partial(_render_issue_feed, digests, newest, key, config, outputs)
        tasks.append(Task("digests", render))
    return tasks


def _render_emails(issues: list[tuple[Digest, str]], config: Config, outputs: Outputs) -> Result:
    made, warnings = [], []
    for digest, key in issues:
        email = render_email(digest, config)
        if email.warning:
            warnings.append(email.warning)
        path = _eml_path(digest)
        digest_of, staged = outputs.stage(path, digest_message(digest, email, config).as_bytes())
        made.append(Made(path, digest_of, key, None, None, staged))
    return made, warnings


def _render_issue_feed(
    digests: Sequence[Digest], newest: list[Digest], key: str, config: Config, outputs: Outputs
) -> Result:
    bodies = {d.id: render_email(d, config).html for d in newest}
    channel = newsletter_channel(digests, bodies, config)
    made = []
    for _, path, data in channel_files([channel] if channel else [], config):
        digest, staged = outputs.stage(path, data)
        made.append(Made(path, digest, key, None, None, staged))
    return made, []


def _issue_outline(digest: Digest) -> bytes:
    """Every field of an issue but its stories' own: which stories it holds, by id."""
    fields = (digest.id, digest.title, digest.start, digest.end, digest.url, digest.note_html)
    return repr((*fields, digest.sent, [s.id for s in digest.stories])).encode()


def _stories_key(stories: Sequence[Story]) -> str:
    return _key(b"stories", *(s.fingerprint for s in stories))


def _kept_unchanged(
    outputs: Outputs,
    paths: list[str],
    outline: str,
    stories: Sequence[Story],
    unchanged: Unchanged,
) -> bool:
    """Keep `paths` when each was made from a key that starts with this outline (any key,
    for an empty outline) and the stories are unchanged."""
    keys = [outputs.recorded_key(path) for path in paths]
    if not all(key and key.startswith(outline) for key in keys) or not unchanged(stories):
        return False
    for path in paths:
        outputs.keep(path)
    return True


def _eml_path(digest: Digest) -> str:
    return f"newsletter/{digest.id}/{digest.id}.eml"


def _paths(stem: str, config: Config) -> list[str]:
    return [stem + FORMATS[fmt][1] for fmt in config.feeds.formats]


def _kept(outputs: Outputs, paths: list[str], key: str) -> bool:
    """Keep `paths` when each was made from `key`; True if they were kept."""
    if not all(outputs.is_fresh(path, key) for path in paths):
        return False
    for path in paths:
        outputs.keep(path)
    return True


def _key(*parts: bytes) -> str:
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest()
