"""The send rate limiter, on a clock the test controls (an hour takes no time)."""

from generator.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_messages_per_second_are_spaced_evenly() -> None:
    clock = Clock()
    limiter = RateLimiter(4, 0, clock=clock.time, sleep=clock.sleep)
    for _ in range(5):
        limiter.wait()
    assert clock.slept == [0.25, 0.25, 0.25, 0.25]


def test_the_hourly_cap_waits_for_the_oldest_message_to_leave_the_hour() -> None:
    clock = Clock()
    limiter = RateLimiter(0, 3, clock=clock.time, sleep=clock.sleep)
    for _ in range(3):
        limiter.wait()
        clock.now += 60
    assert clock.slept == []
    limiter.wait()  # the fourth message of the hour
    assert clock.slept == [3600 - 180]
    assert clock.now == 1000 + 3600


def test_messages_sent_by_an_earlier_run_count_towards_the_hour() -> None:
    clock = Clock()
    limiter = RateLimiter(0, 2, sent_last_hour=2, clock=clock.time, sleep=clock.sleep)
    limiter.wait()
    assert clock.slept == [3600]


def test_no_limits_never_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(0, 0, clock=clock.time, sleep=clock.sleep)
    for _ in range(100):
        limiter.wait()
    assert clock.slept == []
