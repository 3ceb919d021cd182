"""The few exceptions newsdesk raises; each renders as one line for the user."""

from __future__ import annotations

from pathlib import Path


class NewsdeskError(Exception):
    """Base class: `str(error)` is the one line the user sees."""

    exit_code = 1


class UsageError(NewsdeskError):
    """The command was run in a way that cannot work (bad environment, missing folder)."""

    exit_code = 2


class SeedError(NewsdeskError):
    """A seed file that cannot become an article."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ConfigError(NewsdeskError):
    """`newsdesk.toml` is invalid; carries every problem found, one per line."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class BuildError(NewsdeskError):
    """The site generator or a writer failed."""
