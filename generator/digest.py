"""Stories → newsletter issues, each rendered as an e-mail (HTML and text) with Jinja.

No Pelican here: the web copy of an issue is rendered by site.py in the site theme.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import css_inline
import jinja2
import markdown
import nh3

from .config import Config
from .errors import UsageError
from .issues import Assignment, assign, read_ledger, record, write_ledger
from .models import Digest, Story
from .seeds import markdown_paragraphs
from .themes import theme_dirs

TEXT_WIDTH = 72
GMAIL_CLIP_BYTES = 102 * 1024  # Gmail hides the rest of a longer HTML part


@dataclass(frozen=True)
class Email:
    subject: str
    html: str
    text: str
    shown: int  # how many of the issue's stories the e-mail lists
    warning: str = ""


def unsubscribe_placeholder(config: Config) -> str:
    """The unsubscribe link of the archive copy: the newsletter page's section on how to
    unsubscribe. Sending replaces it with each recipient's own link."""
    return f"{config.site.url}newsletter/#unsubscribe"


def build_digests(stories: Sequence[Story], config: Config) -> list[Digest]:
    """The site's issues, oldest first, after recording in the ledger which article went into
    which issue (see issues.py)."""
    ledger = read_ledger(config)
    assignments = assign(stories, ledger, config)
    write_ledger(config, record(assignments, ledger))
    return [_digest(a, a.issue in ledger.sent, config) for a in assignments]


def _digest(assignment: Assignment, sent: bool, config: Config) -> Digest:
    return Digest(
        id=assignment.issue,
        title=f"{config.site.title}: {issue_label(assignment)}",
        start=assignment.start,
        end=assignment.end,
        stories=assignment.stories,
        url=f"{config.site.url}newsletter/{assignment.issue}/",
        note_html=editor_note(assignment.issue, config),
        sent=sent,
    )


def pick_issue(digests: Sequence[Digest], issue: str | None) -> Digest:
    """The issue with this id, or the latest one."""
    if not digests:
        raise UsageError("there is no newsletter issue yet: the site has no articles")
    if issue is None:
        return digests[-1]
    for digest in digests:
        if digest.id == issue:
            return digest
    known = ", ".join(d.id for d in digests[-5:])
    raise UsageError(f"no newsletter issue {issue!r} (latest: {known})")


def issue_label(assignment: Assignment) -> str:
    if assignment.start == assignment.end:
        return f"{assignment.start:%-d %B %Y}"
    if "-W" in assignment.issue:
        year, week = assignment.issue.split("-W")
        return f"week {int(week)}, {year}"
    return f"{assignment.start:%B %Y}"


def editor_note(issue: str, config: Config) -> str:
    """`content/newsletter/<issue>.md`, the editor's own words, as safe HTML ('' if none)."""
    path = config.content_dir / "newsletter" / f"{issue}.md"
    if not path.is_file():
        return ""
    rendered = markdown.markdown(path.read_text(encoding="utf-8"), output_format="html")
    return nh3.clean(rendered, link_rel=None, url_schemes={"http", "https", "mailto"})


def subject(digest: Digest, config: Config) -> str:
    return config.newsletter.subject.format(
        site=config.site.title, lead=digest.stories[0].title, issue=digest.id
    )


def grouped_by_section(stories: Sequence[Story], config: Config) -> list[tuple[str, list[Story]]]:
    """Stories grouped by section, in the configured order of sections."""
    order = {section.name: index for index, section in enumerate(config.sections)}
    groups: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        groups[story.section.name].append(story)
    return sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def render_email(digest: Digest, config: Config) -> Email:
    """The e-mail of an issue. When the HTML would be clipped by Gmail, fewer stories are
    listed (the lead always) with a link to the issue on the site, and a warning says so."""
    shown = len(digest.stories)
    html, text = _render(digest, shown, config)
    while len(html.encode()) > GMAIL_CLIP_BYTES and shown > 1:
        shown = max(1, shown * 3 // 4)
        html, text = _render(digest, shown, config)
    warning = ""
    if shown < len(digest.stories):
        warning = (
            f"newsletter {digest.id}: the e-mail would pass Gmail's "
            f"{GMAIL_CLIP_BYTES // 1024} KB limit; it lists {shown} of "
            f"{len(digest.stories)} stories and links to the rest on the site"
        )
    return Email(subject(digest, config), html, text, shown, warning)


def _render(digest: Digest, shown: int, config: Config) -> tuple[str, str]:
    environment = _environment(tuple(str(d) for d in theme_dirs(config, "email")))
    listed = digest.stories[:shown]
    detailed = listed[1 : config.newsletter.more_after]
    links: list[str] = []

    def link(url: str) -> str:
        """Number a URL for the text part's list of links."""
        if url not in links:
            links.append(url)
        return f"[{links.index(url) + 1}]"

    context = {
        "digest": digest,
        "site": config.site,
        "newsletter": config.newsletter,
        "subject": subject(digest, config),
        "lead": listed[0],
        "sections": grouped_by_section(detailed, config),
        "more": listed[1 + len(detailed) :],
        "hidden": len(digest.stories) - shown,
        "note_paragraphs": markdown_paragraphs(digest.note_html) if digest.note_html else [],
        "unsubscribe_url": unsubscribe_placeholder(config),
    }
    html = environment.get_template("digest.html").render(context)
    html = _after_head_metas(_INLINER.inline(html))
    text = environment.get_template("digest.txt").render(context, link=link, links=links)
    return html, text


_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def _after_head_metas(html: str) -> str:
    """css-inline puts the @media rules it keeps first in <head>; move them to its end, so
    that <meta charset> stays first, where the HTML standard wants it."""
    start = html.find("<head><style>")
    if start < 0:
        return html
    end = html.index("</style>", start) + len("</style>")
    style = html[start + len("<head>") : end]
    rest = html[: start + len("<head>")] + html[end:]
    return rest.replace("</head>", f"{style}\n</head>", 1)


@cache
def _environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(search_path)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["wrap"] = wrap
    return environment


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
