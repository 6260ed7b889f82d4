"""The publishing rule: nothing of an unpublished item reaches any output file."""

import datetime
import gzip

import pytest

from sites import FIXTURE_CONTENT
from publishing_rule import is_published

CANARIES = ["withheld", "onrequest", "draft", "hidden", "embargoed"]
GZIP_MAGIC = b"\x1f\x8b"


def canary_strings(name):
    """Every unique string of a canary item: title, body, summary, tags, numbers, file name."""
    source = (FIXTURE_CONTENT / "canaries" / f"canary-{name}-file.md").read_text(encoding="utf-8")
    index_no = next(line.split(": ", 1)[1] for line in source.splitlines() if line.startswith("Index_no:"))
    strings = [f"CANARY-{name}-{part}" for part in ("TITLE", "BODY", "SUMMARY", "TAG", "DOCNO")]
    return strings + [f"金丝雀标题{name}", f"金丝雀正文{name}", f"canary-{name}-file", index_no,
                      index_no.split("/")[1]]


def readable_bytes(path):
    """A file's bytes; for the search index's compressed files, their text as the indexer stored it."""
    data = path.read_bytes()
    if data[:2] == GZIP_MAGIC:
        # The indexer puts a zero-width space between the words it segments.
        data = gzip.decompress(data).replace("\u200b".encode(), b"")
    return data


def test_the_search_index_is_read_as_text(fixture_site):
    fragments = list(fixture_site.glob("pagefind/*/fragment/*"))
    assert fragments
    assert any("测试局关于规范测试工作的通知".encode() in readable_bytes(path) for path in fragments)


@pytest.mark.parametrize("name", CANARIES)
def test_no_output_file_contains_anything_of_an_unpublished_item(fixture_site, name):
    strings = [text.encode() for text in canary_strings(name)]
    files = [path for path in fixture_site.rglob("*") if path.is_file()]
    assert len(files) > 20
    for path in files:
        data = readable_bytes(path)
        leaked = [text.decode() for text in strings if text in data]
        assert not leaked, f"{path} contains {leaked}"
        assert name not in path.name


def test_the_attachment_of_a_withheld_item_is_not_copied(fixture_site):
    assert (fixture_site / "attachments" / "published-attachment.csv").is_file()
    assert not list(fixture_site.rglob("canary-withheld-attachment*"))
    for path in fixture_site.rglob("*"):
        if path.is_file():
            assert b"CANARY-ATTACHMENT-CONTENT" not in path.read_bytes()


def test_a_link_to_a_withheld_item_is_not_made(fixture_site):
    page = (fixture_site / "responses" / "interprets-withheld" / "index.html").read_text()
    assert "解读对象" not in page


def test_published_items_are_all_there(fixture_site):
    for path in ["normative/policy-2019/", "normative/expired-2018/", "normative/repealed-2017/",
                 "rules/rule-2019/", "regulations/parent-level-item/",
                 "interpretation/policy-2019-explained/", "service-guides/test-license/",
                 "responses/zh-original/", "responses/ug-translation/", "responses/en-notice/"]:
        assert (fixture_site / path / "index.html").is_file(), path


NOW = datetime.datetime(2019, 6, 1, 12, 0)


@pytest.mark.parametrize("metadata, published", [
    ({"disclosure": "主动公开", "date": datetime.datetime(2019, 6, 1)}, True),
    ({"disclosure": "proactive", "date": datetime.datetime(2019, 6, 1, 12, 0)}, True),
    ({"disclosure": "主动公开", "date": datetime.datetime(2019, 6, 1, 12, 1)}, False),
    ({"disclosure": "依申请公开", "date": datetime.datetime(2019, 1, 1)}, False),
    ({"disclosure": "on-request", "date": datetime.datetime(2019, 1, 1)}, False),
    ({"disclosure": "withheld", "date": datetime.datetime(2019, 1, 1)}, False),
    ({"disclosure": "主动公开", "date": datetime.datetime(2019, 1, 1), "status": "draft"}, False),
    ({"disclosure": "主动公开", "date": datetime.datetime(2019, 1, 1), "status": "hidden"}, False),
    ({"date": datetime.datetime(2019, 1, 1)}, False),
    ({"disclosure": "主动公开"}, False),
])
def test_the_rule(metadata, published):
    assert is_published(metadata, NOW) is published


def test_an_embargo_ends_when_its_date_passes(tmp_path):
    from sites import build_site

    early = tmp_path / "early"
    late = tmp_path / "late"
    assert build_site(FIXTURE_CONTENT, early, DISCLOSURE_NOW="2098-12-31 23:59").returncode == 0
    assert build_site(FIXTURE_CONTENT, late, DISCLOSURE_NOW="2099-01-01 09:00").returncode == 0
    assert not (early / "responses" / "canary-embargoed-file").exists()
    assert (late / "responses" / "canary-embargoed-file" / "index.html").is_file()


def test_a_build_without_the_publishing_rule_refuses(tmp_path):
    from sites import build_site

    plugins = ["content_validation", "disclosure_catalog", "disclosure_items", "plain_text", "item_audio", "stable_output"]
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good build")
    result = build_site(FIXTURE_CONTENT, output, PLUGINS=plugins)
    assert result.returncode != 0
    assert "plugins not loaded: publishing_rule: refusing to build" in result.stdout + result.stderr
    assert [path.name for path in output.rglob("*")] == ["index.html"]
    assert (output / "index.html").read_text() == "the last good build"
