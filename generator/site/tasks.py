"""The feeds and e-mails a build must make again, as tasks for `parallel.run_tasks`.

A feed whose key (settings and every field of its stories) is the one its files were made
from keeps its files; so does an issue's .eml. What is left becomes tasks: one per feed
format (each story's entry is then rendered once per format) and a few for the e-mails.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import partial

from ..config import Config
from ..digest import render_email
from ..feeds import (
    FORMATS,
    Channel,
    channel_files,
    channel_key,
    feed_stem,
    newest_issues,
    newsletter_channel,
    story_fingerprint,
)
from ..mail import digest_message
from ..models import Digest
from ..outputs import Made, Outputs
from .parallel import Result, Task

ISSUES_PER_TASK = 20


def feed_tasks(
    feeds: Sequence[Channel],
    config: Config,
    outputs: Outputs,
    base_key: bytes,
    memo: dict[int, bytes],
) -> list[Task]:
    """`memo` holds stories' fingerprints (feeds.story_fingerprint)."""
    stale: dict[str, str] = {}  # stem → key
    for channel in feeds:
        key = channel_key(channel, base_key, memo)
        if not _kept(outputs, _paths(channel.stem, config), key):
            stale[channel.stem] = key
    chosen = [c for c in feeds if c.stem in stale]
    if not chosen:
        return []
    return [
        Task("feeds", partial(_render_feeds, chosen, stale, fmt, config, outputs))
        for fmt in config.feeds.formats
    ]


def _render_feeds(
    feeds: list[Channel], keys: dict[str, str], fmt: str, config: Config, outputs: Outputs
) -> Result:
    made = []
    for channel, path, data in channel_files(feeds, config, (fmt,)):
        digest, staged = outputs.stage(path, data)
        made.append(Made(path, digest, keys[channel.stem], None, staged))
    return made, []


def newsletter_tasks(
    digests: Sequence[Digest],
    config: Config,
    outputs: Outputs,
    base_key: bytes,
    memo: dict[int, bytes],
) -> list[Task]:
    """Each issue's .eml, and the feed of issues (which carries the newest issues whole)."""
    keys = {d.id: _issue_key(d, memo) for d in digests}
    stale = []
    for digest in digests:
        key = _key(base_key, b"issue", keys[digest.id])
        if not _kept(outputs, [_eml_path(digest)], key):
            stale.append((digest, key))
    tasks: list[Task] = [
        Task("digests", partial(_render_emails, stale[i : i + ISSUES_PER_TASK], config, outputs))
        for i in range(0, len(stale), ISSUES_PER_TASK)
    ]
    settings = config.feeds.newsletter
    if not settings.enabled or len(digests) < max(1, settings.min_items):
        return tasks
    newest = newest_issues(digests, config)
    key = _key(base_key, b"issues", *(keys[d.id] for d in newest))
    if not _kept(outputs, _paths(feed_stem("newsletter"), config), key):
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
        made.append(Made(path, digest_of, key, None, staged))
    return made, warnings


def _render_issue_feed(
    digests: Sequence[Digest], newest: list[Digest], key: str, config: Config, outputs: Outputs
) -> Result:
    bodies = {d.id: render_email(d, config).html for d in newest}
    channel = newsletter_channel(digests, bodies, config)
    made = []
    for _, path, data in channel_files([channel] if channel else [], config):
        digest, staged = outputs.stage(path, data)
        made.append(Made(path, digest, key, None, staged))
    return made, []


def _issue_key(digest: Digest, memo: dict[int, bytes]) -> bytes:
    """Of every field of an issue, its stories by their fingerprints."""
    fields = (digest.id, digest.title, digest.start, digest.end, digest.url, digest.note_html)
    parts = [repr((*fields, digest.sent)).encode()]
    parts += (story_fingerprint(s, memo) for s in digest.stories)
    return b"".join(parts)


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
