import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SeedError
from generator.seeds import find_seeds, read_seed, read_seeds, split_paragraphs

from .conftest import write_seed

TEXT = "Ministers met on Monday to agree the budget. It passed by one vote.\n"


def read(site: Path, name: str, data: str | bytes):
    path = write_seed(site, name, data)
    return read_seed(path, site / "seeds")


def problem(site: Path, name: str, data: str | bytes) -> str:
    with pytest.raises(SeedError) as caught:
        read(site, name, data)
    assert caught.value.path == site / "seeds" / name
    return caught.value.problem


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8 with BOM"),
        (TEXT.encode("utf-16"), "utf-16 with BOM"),
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16-be with BOM"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_supported_encodings_decode_to_the_same_text(site: Path, encoded: bytes, label: str):
    seed = read(site, "story.txt", encoded)
    assert seed.paragraphs == (
        "Ministers met on Monday to agree the budget. It passed by one vote.",
    )


def test_windows_1252_quotes_euro_and_accents_are_decoded(site: Path) -> None:
    seed = read(
        site,
        "s.txt",
        "Marta Söderberg said the €14m deal had “turned the corner”.".encode("cp1252"),
    )
    assert seed.paragraphs == ("Marta Söderberg said the €14m deal had “turned the corner”.",)


def test_crlf_and_cr_line_ends_are_normalised(site: Path) -> None:
    seed = read(site, "s.txt", b"First paragraph ends here.\r\nSecond one too.\rThird.\r\n")
    assert seed.paragraphs == ("First paragraph ends here.", "Second one too.", "Third.")


def test_plain_text_is_one_paragraph_per_line(site: Path) -> None:
    seed = read(site, "s.txt", "One sentence here.\nAnother “quoted” one.\n")
    assert seed.shape == "plain"
    assert seed.fields == {}
    assert seed.paragraphs == ("One sentence here.", "Another “quoted” one.")


def test_headline_line_then_blank_line_gives_the_title(site: Path) -> None:
    seed = read(
        site,
        "s.txt",
        (
            "Ferry returns to service\n\n"
            "The electric ferry that links Northgate and the island village of Carrow returned\n"
            "to service on Wednesday, six months after a battery fault.\n\n"
            "The operator said the vessel had a new battery.\n"
        ),
    )
    assert seed.shape == "headline"
    assert seed.fields == {"title": "Ferry returns to service"}
    assert seed.paragraphs == (
        "The electric ferry that links Northgate and the island village of Carrow returned "
        "to service on Wednesday, six months after a battery fault.",
        "The operator said the vessel had a new battery.",
    )


def test_short_lines_without_full_stops_are_still_one_paragraph_each(site: Path) -> None:
    seed = read(site, "s.txt", "Budget passes\n\nVote: 301 to 300\nTurnout: full\n")
    assert seed.paragraphs == ("Vote: 301 to 300", "Turnout: full")


def test_a_first_paragraph_that_is_a_sentence_is_not_a_headline(site: Path) -> None:
    seed = read(site, "s.txt", "The ferry is back in service.\n\nIt was repaired.\n")
    assert seed.shape == "plain"
    assert seed.paragraphs == ("The ferry is back in service.", "It was repaired.")


def test_header_block_fields_are_read_and_the_body_follows(site: Path) -> None:
    seed = read(
        site,
        "s.txt",
        (
            "Title: Budget passes\nDate: 2026-11-20\nAuthor: Jo Bloggs\nCategory: Politics\n"
            "Tags: Budget, Parliament\nSummary: It passed.\n\nTitle: not a header any more.\n"
        ),
    )
    assert seed.shape == "header"
    assert seed.fields == {
        "title": "Budget passes",
        "date": "2026-11-20",
        "author": "Jo Bloggs",
        "category": "Politics",
        "tags": "Budget, Parliament",
        "summary": "It passed.",
    }
    assert seed.paragraphs == ("Title: not a header any more.",)


def test_yaml_front_matter_and_markdown_body_become_plain_paragraphs(site: Path) -> None:
    seed = read(
        site,
        "s.md",
        (
            "---\ntitle: App launch\ndate: 2026-11-24\ntags: [Rail, Apps]\nlayout: post\n---\n\n"
            "A **bold** claim with [a link](https://example.org).\n\n"
            "> A quote.\n\n<script>alert(1)</script>\n\n* a list item\n"
        ),
    )
    assert seed.shape == "markdown"
    assert seed.fields == {"title": "App launch", "date": "2026-11-24", "tags": "Rail, Apps"}
    assert seed.paragraphs == ("A bold claim with a link.", "A quote.", "a list item")


def test_empty_seed_is_reported(site: Path) -> None:
    assert problem(site, "empty.txt", " \n\t\n") == "empty seed (no text)"


def test_header_without_text_is_reported(site: Path) -> None:
    assert problem(site, "h.txt", "Title: Only a title\n\n") == (
        "empty seed (metadata but no article text)"
    )


def test_binary_file_is_reported(site: Path) -> None:
    assert problem(site, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == (
        "binary file, not text (contains NUL bytes)"
    )


def test_control_character_soup_is_binary(site: Path) -> None:
    assert problem(site, "x.txt", bytes(range(1, 9)) * 20) == (
        "binary file, not text (too many control characters)"
    )


def test_undecodable_text_is_reported(site: Path) -> None:
    assert problem(site, "bad.txt", b"\xef\xbb\xbfcaf\xe9 au lait") == (
        "undecodable: starts with a UTF-8-SIG byte-order mark but invalid continuation byte "
        "at byte 3"
    )


def test_unreadable_seed_is_reported(site: Path) -> None:
    (site / "seeds" / "gone.txt").symlink_to(site / "nowhere.txt")
    with pytest.raises(SeedError) as caught:
        read_seed(site / "seeds" / "gone.txt", site / "seeds")
    assert caught.value.problem == "cannot read: No such file or directory"


def test_malformed_header_line_is_reported_with_its_line(site: Path) -> None:
    assert problem(site, "h.txt", "Title: A\nDate 2026-11-20\n\nText.\n") == (
        "malformed header: line 2: expected 'Key: value' with a key from Title, Date, "
        "Author, Category, Tags, Summary, got 'Date 2026-11-20'"
    )


def test_header_date_that_is_not_a_date_is_reported(site: Path) -> None:
    assert problem(site, "h.txt", "Title: A\nDate: last Tuesday\n\nText.\n") == (
        "malformed header: Date: 'last Tuesday' is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    )


def test_repeated_header_key_is_reported(site: Path) -> None:
    assert problem(site, "h.txt", "Title: A\nTitle: B\n\nText.\n") == (
        "malformed header: line 2: Title given twice"
    )


def test_unclosed_front_matter_is_reported(site: Path) -> None:
    assert problem(site, "f.md", "---\ntitle: A\n\nText.\n") == (
        "malformed front matter: no closing '---' line"
    )


def test_invalid_yaml_front_matter_is_reported_with_its_line(site: Path) -> None:
    assert problem(site, "f.md", "---\ntitle: A\ntags: [unclosed\n---\nText.\n") == (
        "malformed front matter: expected ',' or ']', but got '<stream end>' at line 4"
    )


def test_front_matter_that_is_not_a_mapping_is_reported(site: Path) -> None:
    assert problem(site, "f.md", "---\n- a\n- b\n---\nText.\n") == (
        "malformed front matter: expected 'key: value' lines"
    )


def test_find_seeds_skips_hidden_files_and_other_suffixes(site: Path) -> None:
    for name in ("b.txt", "a/c.md", ".hidden.txt", ".git/x.txt", "photo.jpg", "notes.markdown"):
        write_seed(site, name, "Text.")
    found = [p.relative_to(site / "seeds").as_posix() for p in find_seeds(site / "seeds")]
    assert found == ["a/c.md", "b.txt", "notes.markdown"]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1)))
def test_split_paragraphs_never_returns_blank_or_multiline_paragraphs(lines: list[str]) -> None:
    for paragraph in split_paragraphs("\n".join(lines)):
        assert paragraph.strip() == paragraph or paragraph.strip()
        assert "\n" not in paragraph
        assert paragraph.strip()


def test_seed_hash_changes_with_its_bytes(site: Path) -> None:
    first = read(site, "s.txt", "Some text here.")
    second = read(site, "s.txt", "Some text here!")
    assert first.sha256 != second.sha256
    assert len(first.sha256) == 64
    assert os.path.basename(first.name) == "s.txt"


def test_a_fifo_is_reported_not_waited_on(site: Path) -> None:
    os.mkfifo(site / "seeds" / "pipe.txt")
    with pytest.raises(SeedError) as caught:
        read_seed(site / "seeds" / "pipe.txt", site / "seeds")
    assert caught.value.problem == "not a regular file"


def test_a_link_out_of_the_seeds_folder_is_not_followed(site: Path) -> None:
    secret = site / "secret.txt"
    secret.write_text("Private notes that must not be published.\n")
    (site / "seeds" / "innocent.txt").symlink_to(secret)
    with pytest.raises(SeedError) as caught:
        read_seed(site / "seeds" / "innocent.txt", site / "seeds")
    assert caught.value.problem == f"link to a file outside seeds/ ({secret}), not followed"


def test_a_link_inside_the_seeds_folder_is_followed(site: Path) -> None:
    write_seed(site, "real.txt", TEXT)
    (site / "seeds" / "alias.txt").symlink_to(site / "seeds" / "real.txt")
    assert (
        read_seed(site / "seeds" / "alias.txt", site / "seeds").paragraphs
        == read(site, "real.txt", TEXT).paragraphs
    )


def test_impossible_yaml_date_is_reported(site: Path) -> None:
    assert problem(site, "f.md", "---\ndate: 2026-13-45\n---\n\nBody.\n") == (
        "malformed front matter: month must be in 1..12"
    )


def test_dates_beyond_year_9000_are_reported(site: Path) -> None:
    assert problem(site, "h.txt", "Title: A\nDate: 9999-12-31T23:00:00-05:00\n\nText.\n") == (
        "malformed header: Date: '9999-12-31T23:00:00-05:00' is out of range (years 1000 to 9000)"
    )


def test_header_without_body_but_with_trailing_newline_is_empty(site: Path) -> None:
    assert problem(site, "h.txt", "Title: x\nDate: 2026-11-11\n") == (
        "empty seed (metadata but no article text)"
    )


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Ferry returns | The Gazette</title>
<meta property="og:title" content="Ferry returns after six-month repair">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2026-11-18T09:30:00+00:00">
<meta property="article:section" content="Business">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry returns after six-month repair</h1>
<p>The electric ferry that links Northgate and the island village of Carrow returned to
service on Wednesday, six months after a battery fault left it tied up in the harbour.</p>
<p>The operator said the vessel had a new battery pack and a <b>retrained</b> crew, and that
timetables would return to normal by the end of the month.<script>alert("x")</script></p>
<p>Passengers said the replacement bus had added an hour to every journey to the mainland.</p>
</article>
<footer>© The Gazette. All rights reserved.</footer></body></html>"""


def test_html_page_gives_its_main_text_and_its_metadata(site: Path) -> None:
    seed = read(site, "ferry.html", PAGE)
    assert seed.shape == "html"
    assert seed.fields["title"] == "Ferry returns after six-month repair"
    assert seed.fields["author"] == "Jane Doe"
    assert seed.fields["date"] == "2026-11-18"
    assert seed.paragraphs == (
        "The electric ferry that links Northgate and the island village of Carrow returned to "
        "service on Wednesday, six months after a battery fault left it tied up in the harbour.",
        "The operator said the vessel had a new battery pack and a retrained crew, and that "
        "timetables would return to normal by the end of the month.",
        "Passengers said the replacement bus had added an hour to every journey to the mainland.",
    )


def test_html_page_without_text_is_reported(site: Path) -> None:
    assert problem(site, "empty.html", "<html><body><script>go()</script></body></html>") == (
        "HTML page without article text"
    )


def test_json_article_with_common_field_names(site: Path) -> None:
    seed = read(
        site,
        "one.json",
        '{"headline": "Budget passes", "content": "It passed.\\n\\nBy one vote.", '
        '"publishedAt": "2026-11-18T09:00:00Z", "byline": {"name": "Jo Bloggs"}, '
        '"sectionName": "Politics", "keywords": ["Budget", "Parliament"], "id": 7}',
    )
    assert (seed.name, seed.shape) == ("one.json", "json")
    assert seed.fields == {
        "title": "Budget passes",
        "date": "2026-11-18T09:00:00Z",
        "author": "Jo Bloggs",
        "category": "Politics",
        "tags": "Budget, Parliament",
    }
    assert seed.paragraphs == ("It passed.", "By one vote.")


def test_json_list_gives_one_seed_per_item_named_by_id_url_or_position(site: Path) -> None:
    path = write_seed(
        site,
        "wire.json",
        '{"articles": [{"id": "a-1", "text": "First story."}, '
        '{"url": "https://example.org/x#y", "body": ["Second story.", "More."]}, '
        '{"title": "Third", "body": "<p>Third <em>story</em>.</p><script>evil()</script>", '
        '"date": "Wed, 18 Nov 2026 09:00:00 GMT", "authors": ["Ann Lee", "Bo Chan"]}]}',
    )
    seeds = read_seeds(path, site / "seeds")
    assert [s.name for s in seeds] == [
        "wire.json#a-1",
        "wire.json#https://example.org/x#y",
        "wire.json#3",
    ]
    assert [s.paragraphs for s in seeds] == [
        ("First story.",),
        ("Second story.", "More."),
        ("Third story.",),
    ]
    assert seeds[2].fields == {
        "title": "Third",
        "date": "2026-11-18T09:00:00+00:00",
        "author": "Ann Lee, Bo Chan",
    }
    assert len({s.sha256 for s in seeds}) == 3  # each item has its own hash


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('{"title": "x",', "malformed JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", "malformed JSON: expected an article object or a list of them"),
        ("[]", "empty seed (a JSON list with no articles)"),
        ('{"title": "No body"}', "JSON article without a body (body, content or text)"),
        ('{"text": "x", "date": "Monday"}', "malformed JSON seed: Date: 'Monday' is not a date"),
    ],
)
def test_malformed_json_is_reported(site: Path, data: str, expected: str) -> None:
    assert problem(site, "bad.json", data).startswith(expected)


def test_mojibake_is_repaired_and_typography_kept(site: Path) -> None:
    seed = read(site, "s.txt", "Tickets cost Â£5 at the cafÃ©, said “Zoë” — Łódź’s mayor.\n")
    assert seed.paragraphs == ("Tickets cost £5 at the café, said “Zoë” — Łódź’s mayor.",)


def test_html_json_and_folders_are_found_as_seeds(site: Path) -> None:
    for name in ("politics/a.json", "b.html", "c.htm", "notes.pdf"):
        write_seed(site, name, "x")
    assert [p.name for p in find_seeds(site / "seeds")] == ["b.html", "c.htm", "a.json"]


def test_find_seeds_lists_links_to_files_and_broken_links_but_not_linked_folders(
    site: Path, tmp_path: Path
) -> None:
    seeds = site / "seeds"
    write_seed(site, "a/one.TXT", "Text.")
    outside = tmp_path / "elsewhere"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "x.txt").write_text("Text.")
    (seeds / "linked-folder.txt").symlink_to(outside / "deep")
    (seeds / "folder-link").symlink_to(outside)
    (seeds / "file-link.md").symlink_to(seeds / "a" / "one.TXT")
    (seeds / "broken.txt").symlink_to(tmp_path / "missing.txt")
    found = [p.relative_to(seeds).as_posix() for p in find_seeds(seeds)]
    assert found == ["a/one.TXT", "broken.txt", "file-link.md"]
    # What Path.rglob gives, which find_seeds replaced for speed (paths sorted as Paths).
    assert find_seeds(seeds) == sorted(
        p
        for p in seeds.rglob("*")
        if not p.is_dir()
        and p.suffix.lower() in {".txt", ".md"}
        and not any(part.startswith(".") for part in p.relative_to(seeds).parts)
    )


def test_find_seeds_sorts_as_paths_do(site: Path) -> None:
    for name in ("a-b/x.txt", "a/b.txt", "a/b/c.txt", "a.txt"):
        write_seed(site, name, "Text.")
    found = [p.relative_to(site / "seeds").as_posix() for p in find_seeds(site / "seeds")]
    assert found == ["a/b/c.txt", "a/b.txt", "a-b/x.txt", "a.txt"]  # part by part
