"""Pacing: at most so many messages a second, and so many an hour."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """`wait()` blocks until one more message may go. 0 means no limit."""

    def __init__(
        self,
        per_second: int,
        per_hour: int,
        sent_last_hour: int = 0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second if per_second else 0.0
        self.per_hour = per_hour
        self.next_at = 0.0
        self.clock, self.sleep = clock, sleep  # a test can pass a clock that needs no hour
        now = self.clock()
        # Messages of earlier runs within the hour count, spread as if just sent.
        self.recent: deque[float] = deque([now] * min(sent_last_hour, per_hour or 0))

    def wait(self) -> None:
        now = self.clock()
        if self.per_hour:
            while self.recent and self.recent[0] <= now - 3600:
                self.recent.popleft()
            if len(self.recent) >= self.per_hour:
                self.sleep(self.recent[0] + 3600 - now)
                now = self.clock()
                self.recent.popleft()
            self.recent.append(now)
        if self.interval:
            if self.next_at > now:
                self.sleep(self.next_at - now)
                now = self.next_at
            self.next_at = now + self.interval
