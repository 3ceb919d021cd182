"""Our own feed validator: the rules of RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1 that
the W3C Feed Validator also checks. Each function returns a list of problems (empty: valid)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def is_absolute(url: str | None) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def rfc822(text: str | None) -> bool:
    try:
        moment = parsedate_to_datetime(text or "")
    except (TypeError, ValueError):
        return False
    return moment.tzinfo is not None and " " in (text or "")


def rfc3339(text: str | None) -> bool:
    try:
        moment = datetime.fromisoformat(text or "")
    except ValueError:
        return False
    return moment.tzinfo is not None and "T" in (text or "")


class _HtmlCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}> in content")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} attribute in content")
            if name in ("href", "src") and not (
                is_absolute(value) or (value or "").startswith("mailto:")
            ):
                self.problems.append(f"{name}={value!r} is not an absolute URL")


def html_problems(text: str | None) -> list[str]:
    checker = _HtmlCheck()
    checker.feed(text or "")
    return checker.problems


def _text(element: ET.Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.text if found is not None else None


def check_rss(data: bytes, self_url: str) -> list[str]:
    problems = []
    root = ET.fromstring(data)
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return ["not an RSS 2.0 document"]
    for name in ("title", "link", "description"):
        if not _text(channel, name):
            problems.append(f"channel has no <{name}>")
    if not is_absolute(_text(channel, "link")):
        problems.append("channel <link> is not an absolute URL")
    self_links = [e.get("href") for e in channel.findall(f"{ATOM}link") if e.get("rel") == "self"]
    if self_links != [self_url]:
        problems.append(f"self link {self_links} is not {self_url!r}")
    if channel.find("lastBuildDate") is not None and not rfc822(_text(channel, "lastBuildDate")):
        problems.append("lastBuildDate is not an RFC 822 date")
    guids = []
    for item in channel.findall("item"):
        guid = item.find("guid")
        if guid is None or not guid.text:
            problems.append("item without <guid>")
            continue
        guids.append(guid.text)
        if guid.get("isPermaLink", "true") == "true" and not is_absolute(guid.text):
            problems.append(f"permalink guid {guid.text!r} is not an absolute URL")
        if not (_text(item, "title") or _text(item, "description")):
            problems.append("item has neither title nor description")
        if not is_absolute(_text(item, "link")):
            problems.append("item <link> is not an absolute URL")
        if not rfc822(_text(item, "pubDate")):
            problems.append(f"item pubDate {_text(item, 'pubDate')!r} is not an RFC 822 date")
        if item.find("author") is not None and "@" not in (_text(item, "author") or ""):
            problems.append("<author> must hold an e-mail address")
        problems += html_problems(_text(item, f"{CONTENT}encoded"))
    if len(guids) != len(set(guids)):
        problems.append("duplicate guids")
    return problems


def check_atom(data: bytes, self_url: str) -> list[str]:
    problems = []
    feed = ET.fromstring(data)
    if feed.tag != f"{ATOM}feed":
        return ["not an Atom feed"]
    for name in ("id", "title", "updated"):
        if not _text(feed, f"{ATOM}{name}"):
            problems.append(f"feed has no <{name}>")
    if not rfc3339(_text(feed, f"{ATOM}updated")):
        problems.append("feed <updated> is not an RFC 3339 date")
    links = {(e.get("rel") or "alternate"): e.get("href") for e in feed.findall(f"{ATOM}link")}
    if links.get("self") != self_url:
        problems.append(f"self link {links.get('self')!r} is not {self_url!r}")
    if not is_absolute(links.get("alternate")):
        problems.append("feed has no absolute alternate link")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        ids.append(_text(entry, f"{ATOM}id"))
        for name in ("id", "title", "updated"):
            if not _text(entry, f"{ATOM}{name}"):
                problems.append(f"entry has no <{name}>")
        for name in ("updated", "published"):
            if not rfc3339(_text(entry, f"{ATOM}{name}")):
                problems.append(f"entry <{name}> is not an RFC 3339 date")
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append("entry without author in a feed without author")
        alternate = [
            e.get("href")
            for e in entry.findall(f"{ATOM}link")
            if e.get("rel", "alternate") == "alternate"
        ]
        if not alternate or not is_absolute(alternate[0]):
            problems.append("entry has no absolute alternate link")
        content = entry.find(f"{ATOM}content")
        if content is not None:
            if content.get("type") != "html":
                problems.append("content is not type='html'")
            problems += html_problems(content.text)
    if len(ids) != len(set(ids)):
        problems.append("duplicate entry ids")
    return problems


def check_json_feed(data: bytes, self_url: str) -> list[str]:
    problems = []
    feed = json.loads(data)
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version is not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("feed has no title")
    if feed.get("feed_url") != self_url:
        problems.append(f"feed_url {feed.get('feed_url')!r} is not {self_url!r}")
    if not is_absolute(feed.get("home_page_url")):
        problems.append("home_page_url is not an absolute URL")
    items = feed.get("items")
    if not isinstance(items, list):
        return [*problems, "items is not an array"]
    ids = [item.get("id") for item in items]
    if len(ids) != len(set(ids)) or not all(isinstance(i, str) and i for i in ids):
        problems.append("item ids are missing, not strings, or not unique")
    for item in items:
        if not isinstance(item.get("content_html", item.get("content_text")), str):
            problems.append("item has neither content_html nor content_text")
        if not is_absolute(item.get("url")):
            problems.append("item url is not an absolute URL")
        for name in ("date_published", "date_modified"):
            if name in item and not rfc3339(item[name]):
                problems.append(f"item {name} is not an RFC 3339 date")
        if not all(isinstance(a, dict) and a.get("name") for a in item.get("authors", [])):
            problems.append("item authors must be objects with a name")
        if not all(isinstance(t, str) for t in item.get("tags", [])):
            problems.append("item tags must be strings")
        problems += html_problems(item.get("content_html"))
    return problems


def check_feed(path: str, data: bytes, site_url: str) -> list[str]:
    """Check a feed file by its suffix; its self URL is the site URL plus its path."""
    self_url = site_url + path
    if path.endswith(".rss.xml"):
        return check_rss(data, self_url)
    if path.endswith(".atom.xml"):
        return check_atom(data, self_url)
    return check_json_feed(data, self_url)
