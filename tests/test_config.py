from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config
from generator.errors import ConfigError


def write_config(site: Path, text: str) -> None:
    (site / "newsdesk.toml").write_text(text, encoding="utf-8")


def problems(site: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    return caught.value.problems


def test_no_config_file_gives_the_documented_defaults(site: Path) -> None:
    config = load_config(site)
    assert config.site == SiteConfig()
    assert config.site.url == "http://localhost:8000/"
    assert config.site.timezone == "UTC"
    assert [s.name for s in config.sections] == [
        "World",
        "Politics",
        "Business",
        "Technology",
        "Science",
        "Sport",
        "Culture",
    ]
    assert config.newsletter.sender == "Newsdesk Demo <newsletter@localhost>"


def test_a_full_config_is_read_into_typed_values(site: Path) -> None:
    write_config(
        site,
        """
[site]
title = "The Example Gazette"
url = "https://news.example.org/gazette"
timezone = "Europe/London"

[[sections]]
name = "Local News"
keywords = ["council", "harbour"]

[newsletter]
from = "Gazette <news@example.org>"
""",
    )
    config = load_config(site)
    assert config.site.url == "https://news.example.org/gazette/"
    assert config.site.path_prefix == "/gazette"
    assert config.site.zone.key == "Europe/London"
    assert [(s.name, s.slug, s.keywords) for s in config.sections] == [
        ("Local News", "local-news", ("council", "harbour"))
    ]
    assert config.newsletter.sender == "Gazette <news@example.org>"


def test_every_problem_is_reported_at_once_with_its_key_path(site: Path) -> None:
    write_config(
        site,
        """
[site]
titel = "Typo"
title = 5
url = "news"
timezone = "Mars/Olympus_Mons"

[[sections]]
description = "no name"

[newsletter]
period = "hourly"
""",
    )
    assert problems(site) == [
        "newsdesk.toml: site.titel: unknown key (expected one of: default_author, "
        "description, language, timezone, title, url)",
        "newsdesk.toml: site.title: expected a string, got an integer (5)",
        "newsdesk.toml: site.url: expected an absolute http(s) URL, got 'news'",
        "newsdesk.toml: site.timezone: unknown timezone 'Mars/Olympus_Mons'",
        "newsdesk.toml: newsletter.period: expected one of 'daily', 'weekly', 'monthly', "
        "got 'hourly'",
        "newsdesk.toml: sections[0].name: required",
    ]


def test_wrong_types_name_the_type_found(site: Path) -> None:
    write_config(
        site,
        """
site = "not a table"
sections = "World"
[ingest]
extra_boilerplate = ["(unclosed"]
""",
    )
    assert problems(site) == [
        "newsdesk.toml: site: expected a table, got a string",
        "newsdesk.toml: sections: expected an array, got a string",
        "newsdesk.toml: ingest.extra_boilerplate: item 0 is not a regular expression: "
        "missing ), unterminated subpattern at position 0",
    ]


def test_duplicate_sections_and_bad_sender_are_rejected(site: Path) -> None:
    write_config(
        site,
        """
[[sections]]
name = "Sport"
[[sections]]
name = "sport"
[newsletter]
from = "nobody"
""",
    )
    assert problems(site) == [
        "newsdesk.toml: newsletter.from: expected a mail address such as "
        "'Name <news@example.org>', got 'nobody'",
        "newsdesk.toml: sections[1].name: duplicate section 'sport'",
    ]


def test_invalid_toml_is_one_line_with_its_position(site: Path) -> None:
    write_config(site, "[site]\ntitle = \n")
    (message,) = problems(site)
    assert message.startswith("newsdesk.toml: invalid TOML: ")
    assert "line 2" in message


def test_bad_config_exits_2_and_prints_each_problem(site: Path, newsdesk) -> None:
    write_config(site, '[site]\nurl = "ftp://example.org"\ncolour = "red"\n')
    result = newsdesk("--site", str(site), "build")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "newsdesk.toml: site.colour: unknown key (expected one of: default_author, "
        "description, language, timezone, title, url)",
        "newsdesk.toml: site.url: expected an absolute http(s) URL, got 'ftp://example.org'",
    ]
    assert not (site / "output").exists()


def test_section_names_that_clash_with_site_addresses_are_rejected(site: Path) -> None:
    write_config(
        site,
        """
[[sections]]
name = "Tag"
[[sections]]
name = "!!!"
[[sections]]
name = "AI/ML"
""",
    )
    assert problems(site) == [
        "newsdesk.toml: sections[0].name: 'Tag' would take the address /tag/, which the site "
        "uses for its own pages",
        "newsdesk.toml: sections[1].name: '!!!' needs a letter or digit for its address",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "news",
        "ftp://example.org/",
        "http://exa mple.org/",
        "http://example.org:99999/",
        "http://[::1/",
        "https://example.org/?page=1",
        "https://user@example.org/",
        "http:///x",
    ],
)
def test_site_url_must_be_a_real_web_address(site: Path, url: str) -> None:
    write_config(site, f'[site]\nurl = "{url}"\n')
    assert problems(site) == [
        f"newsdesk.toml: site.url: expected an absolute http(s) URL, got {url!r}"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/",
        "https://news.example.org/a/b/",
        "http://[::1]:8080/",
        "http://127.0.0.1/",
    ],
)
def test_site_url_accepts_hosts_ports_paths_and_ip_addresses(site: Path, url: str) -> None:
    write_config(site, f'[site]\nurl = "{url}"\n')
    assert load_config(site).site.url == url
