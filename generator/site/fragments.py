"""`fragment(name, **variables)`: a template included in many pages (a story card, the
masthead, the footer), rendered once per build for each set of values it reads.

A story's card appears on its section's page, each of its topics' pages, its author's page
and the front page; the masthead and footer on every page. Rendering each once and reusing
the HTML is what makes list pages cheap. A rendered variant records what it read
(`pagedeps`); another page reuses it only when those values are the same there, and the
page then depends on them as if it had rendered the fragment itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup

from ..pagedeps import Call, record_call, recording
from .writer import Fingerprints


@dataclass(frozen=True)
class _Variant:
    names: tuple[str, ...]
    fingerprints: tuple[bytes, ...]
    calls: tuple[Call, ...]
    html: Markup


class Fragments:
    def __init__(self, fingerprints: Fingerprints) -> None:
        self._fingerprints = fingerprints
        self._variants: dict[tuple[Any, ...], list[_Variant]] = defaultdict(list)

    @property
    def function(self) -> Any:
        @pass_context
        def fragment(context: Context, name: str, **variables: Any) -> Markup:
            return self.render(context, name, variables)

        return fragment

    def render(self, context: Context, name: str, variables: dict[str, Any]) -> Markup:
        given = tuple((k, self._of(v)) for k, v in sorted(variables.items()))
        variants = self._variants[name, given]
        for variant in variants:
            values = [self._value(context, variables, n) for n in variant.names]
            if all(
                self._of(value) == stamp
                for value, stamp in zip(values, variant.fingerprints, strict=True)
            ):
                for call in variant.calls:
                    record_call(*call)
                return variant.html
        template = context.environment.get_template(name)
        scope = {**context.get_all(), **variables}
        with recording() as recorder:
            html = Markup(template.render(scope))
        names = tuple(recorder.names)
        variant = _Variant(
            names,
            tuple(self._of(scope.get(n, missing)) for n in names),
            tuple(recorder.calls),
            html,
        )
        variants.append(variant)
        for n in names:  # the page read these, through the fragment
            self._value(context, variables, n)
        for call in variant.calls:
            record_call(*call)
        return html

    @staticmethod
    def _value(context: Context, variables: dict[str, Any], name: str) -> Any:
        """The value `name` has for the fragment in this page; looking it up in the page's
        context notes it as one of the page's dependencies."""
        return variables[name] if name in variables else context.resolve_or_missing(name)

    def _of(self, value: Any) -> bytes:
        return b"\0missing" if value is missing else self._fingerprints.of(value)
