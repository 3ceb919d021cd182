"""Where theme files come from: the site's own `theme/` first, then the built-in theme."""

from __future__ import annotations

from pathlib import Path

from .config import Config

_PACKAGE = Path(__file__).resolve().parent


def builtin_theme_dir() -> Path:
    """Inside an installed wheel the theme is `generator/theme`; in a source checkout it is
    the repository's top-level `theme/`."""
    for candidate in (_PACKAGE / "theme", _PACKAGE.parent / "theme"):
        if (candidate / "templates" / "base.html").is_file():
            return candidate
    raise FileNotFoundError(f"newsdesk's built-in theme is missing (looked in {_PACKAGE})")


def theme_dirs(config: Config, sub: str) -> list[Path]:
    """`sub` (e.g. 'templates', 'email', 'static') of the site theme and the built-in one,
    the site's first so that its files override ours."""
    dirs = []
    if config.theme_dir and (config.theme_dir / sub).is_dir():
        dirs.append(config.theme_dir / sub)
    builtin = builtin_theme_dir() / sub
    if builtin not in [d.resolve() for d in dirs]:
        dirs.append(builtin)
    return dirs
