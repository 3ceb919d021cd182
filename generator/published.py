"""The published articles as the duplicate check of a run sees them: their signatures, and
the index of those signatures the ingest cache keeps (`ingestcache.IngestCache.postings`), so
that a few new articles are compared with the published texts they may copy without every
published text being read and indexed again."""

from __future__ import annotations

from collections import defaultdict

from .content import ContentFile
from .duplicates import Signature, index_keys, signature
from .ingestcache import TEXT_ID, IngestCache


def published_signature(content: ContentFile, cache: IngestCache) -> Signature:
    """The signature of a published article's body: recorded, else worked out (and noted)."""
    body_sha = cache.body_sha256(content)
    signed = cache.signature(body_sha)
    if signed is None:
        signed = signature(cache.body(content))
        cache.note_signature(body_sha, signed)
    return signed


class PublishedIndex:
    """`duplicates.PublishedTexts` over published content files, in their order: the cache's
    index, and for the files it does not hold yet (their body is not signed in the cache)
    an index of their own."""

    def __init__(self, files: list[ContentFile], cache: IngestCache, indexed: set[str]) -> None:
        self._files = files
        self._cache = cache
        self._signed: dict[int, Signature] = {}
        self._at: dict[str, list[int]] = defaultdict(list)  # text id → positions
        self._own: dict[int, list[int]] = defaultdict(list)  # key → positions not indexed
        for k, content in enumerate(files):
            body_sha = cache.body_sha256(content)
            self._at[body_sha[: 2 * TEXT_ID]].append(k)
            if body_sha not in indexed:
                for key in index_keys(self.signature(k)):
                    self._own[key].append(k)

    @classmethod
    def open(cls, files: list[ContentFile], cache: IngestCache) -> PublishedIndex | None:
        """The index, or None when the cache has none to trust."""
        indexed = cache.indexed_bodies()
        return None if indexed is None else cls(files, cache, indexed)

    def signature(self, k: int) -> Signature:
        found = self._signed.get(k)
        if found is None:
            found = self._signed[k] = published_signature(self._files[k], self._cache)
        return found

    def holding(self, key: int) -> list[int]:
        # The index may name texts no longer published (or not at these paths): only the
        # bodies of this run's files count.
        found = {k for text in self._cache.postings(key) for k in self._at.get(text, ())}
        found.update(self._own.get(key, ()))
        return sorted(found)
