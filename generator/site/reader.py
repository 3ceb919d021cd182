"""Pelican's Markdown reader, with a fast way through the content files newsdesk writes.

Python-Markdown costs about a millisecond a file (a new parser each time): ten seconds of a
10,000-article build. A file newsdesk wrote and nobody edited holds only escaped
paragraphs, whose HTML `content.generated_html` gives directly; every other file, hand-made
or hand-edited, is read by Python-Markdown as before.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from ..content import generated_html


class NewsdeskReader(MarkdownReader):
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        with pelican_open(source_path) as text:
            generated = generated_html(text)
        if generated is None:
            return super().read(source_path)
        meta, html = generated
        self._source_path = source_path
        return html, {name: self.process_metadata(name, value) for name, value in meta.items()}
