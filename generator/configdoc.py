"""The configuration reference, generated from the config schema (docs/configuration.md)."""

from __future__ import annotations

import json
from dataclasses import is_dataclass
from typing import Any, get_args, get_origin

from .config import Config, options_of

HEADER = """\
# Configuration reference

<!-- Generated from generator/config.py by `python -m generator.configdoc`; do not edit. -->

newsdesk reads one optional file, `newsdesk.toml`, in the site folder. Every key is optional.
Unknown keys, wrong types and bad values are all reported at once, each with its key path,
and the command exits with status 2.

| key | type | default | meaning |
| --- | --- | --- | --- |
"""


def config_reference() -> str:
    rows = _rows(Config, "")
    return HEADER + "".join(
        f"| `{key}` | {kind} | {default} | {doc} |\n" for key, kind, default, doc in rows
    )


def _rows(cls: type, prefix: str, defaults: Any = None) -> list[tuple[str, str, str, str]]:
    """Rows for the options of `cls`; `defaults` is the instance whose values are the
    defaults of a nested table (tag feeds default to summaries, for example)."""
    rows = []
    for key, spec, kind in options_of(cls):
        path = f"{prefix}{key}"
        item = get_args(kind)[0] if get_origin(kind) is tuple else None
        if is_dataclass(kind):
            rows.append((f"[{path}]", "table", "", spec.metadata["doc"]))
            rows += _rows(kind, f"{path}.", spec.default)
        elif item is not None and is_dataclass(item):
            rows.append((f"[[{path}]]", "array of tables", "", spec.metadata["doc"]))
            rows += _rows(item, f"{path}[].")
        else:
            default = getattr(defaults, spec.name) if defaults is not None else spec.default
            rows.append((path, _type_name(kind), _toml(default), spec.metadata["doc"]))
    return rows


def _type_name(kind: Any) -> str:
    if get_origin(kind) is tuple:
        return f"array of {_type_name(get_args(kind)[0])}s"
    return {str: "string", int: "integer", bool: "boolean"}[kind]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple):
        return f"`[{', '.join(json.dumps(v) for v in value)}]`"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


if __name__ == "__main__":
    print(config_reference(), end="")
