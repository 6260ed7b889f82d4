"""Open data: catalog.json, catalog.csv and the 数据开放 page (plugin open_data)."""

import csv
import io
import json
import shutil

import pytest
from pelican.plugins.open_data.exports import ITEM_KEYS, field_list, spreadsheet_cell
from pelican.settings import read_settings
from sites import FIXTURE_CONTENT, FIXTURE_NOW, SAMPLE_CONTENT, SETTINGS, built, read_page
from test_feeds import output_file

from portal.annual_report.statistics import published_items
from portal.content_model import fields
from portal.content_model.catalog import load_catalog


def published_headers(content, **settings):
    """``{index number: raw header}`` of every item of *content* the rule publishes."""
    found = published_items(read_settings(str(SETTINGS), override={"PATH": str(content), **settings}))
    return {metadata["index_no"]: metadata for metadata in found}


@pytest.fixture(scope="module")
def sample_data(sample_site):
    return json.loads((sample_site / "catalog.json").read_text(encoding="utf-8"))


def exported_value(key, raw):
    """What the export must hold for a raw header value."""
    if key == "tags":
        return fields.split_list(raw)
    if key == "disclosure":
        return fields.DISCLOSURE_VALUES[raw.lower()] if raw.lower() in fields.DISCLOSURE_VALUES else raw
    return raw


def test_catalog_json_round_trips_against_the_items(sample_data):
    items = published_headers(SAMPLE_CONTENT)
    exported = {record["index_no"]: record for record in sample_data["items"]}
    assert len(items) >= 40, "the sample publishes about 50 items"
    assert exported.keys() == items.keys()
    compared = {"attachments": 0, "numbers": 0, "missing": 0}
    for number, metadata in items.items():
        record = exported[number]
        for key, raw in metadata.items():
            if key == "status":
                continue
            value = record[key]
            if key == "attachments":
                assert [url.rsplit("/", 1)[1] for url in value] == [
                    path.rsplit("/", 1)[1] for path in fields.split_list(raw)
                ], number
                compared["attachments"] += 1
            elif key in ("stat_count", "stat_amount", "legal_days", "promised_days", "comment_count"):
                assert value == float(raw), (number, key)
                compared["numbers"] += 1
            else:
                assert value == exported_value(key, raw), (number, key)
        for key in ITEM_KEYS:
            if key not in metadata and key not in ("summary", "validity", "lang", "disclosure"):
                assert record[key] in ("", []), (number, key)
                compared["missing"] += 1
    assert compared["attachments"] >= 1 and compared["numbers"] >= 5 and compared["missing"] >= 40, compared


def test_every_url_of_the_export_exists(sample_site, sample_data):
    assert len(sample_data["items"]) >= 40 and len(sample_data["catalog"]) >= 12
    assert any(record["attachments"] for record in sample_data["items"])
    for record in sample_data["items"]:
        for key in ("url", "text_url"):
            assert output_file(sample_site, record[key]).is_file(), record[key]
        for url in record["attachments"]:
            assert output_file(sample_site, url).is_file(), url
    for node in sample_data["catalog"]:
        assert output_file(sample_site, node["url"]).is_file()
        assert output_file(sample_site, node["feed_url"]).is_file()


def test_the_catalog_tree_is_exported_with_counts(sample_data):
    catalog = load_catalog(SAMPLE_CONTENT / "catalog.toml")

    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node["children"])

    exported = list(walk(sample_data["catalog"]))
    assert [node["id"] for node in exported] == [node.id for node in catalog.walk()]
    by_id = {node["id"]: node for node in exported}
    assert by_id["regulations"]["count"] == sum(
        by_id[child]["count"] for child in ("rules", "normative", "other-docs")
    ) + sum(1 for record in sample_data["items"] if record["category"] == "regulations")
    assert by_id["normative"]["columns"]["basis"]
    assert sum(node["count"] for node in sample_data["catalog"]) == len(sample_data["items"])


def test_catalog_csv_opens_in_spreadsheets_and_matches_the_json(sample_site, sample_data):
    raw = (sample_site / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    assert header == [label for _, label, _ in field_list()]
    assert len(body) == len(sample_data["items"])
    keys = [key for key, _, _ in field_list()]
    for row, record in zip(body, sample_data["items"]):
        for key, cell in zip(keys, row):
            value = record[key]
            expected = spreadsheet_cell(",".join(value) if isinstance(value, list) else value)
            assert cell == str(expected), (record["index_no"], key)


FORMULA_ITEM = """Title: =HYPERLINK("http://evil.example","x")
Date: 2019-07-04
Category: responses
Index_no: 11990000MB1A0827X6/2019-00090
Publisher: 测试局
Disclosure: 主动公开
Doc_no: -2+3
Tags: +1
Summary: @SUM(1)
Topic: ＝1+1

A body.
"""


def csv_rows(site):
    keys = [key for key, _, _ in field_list()]
    text = (site / "catalog.csv").read_bytes().decode("utf-8-sig")
    return [dict(zip(keys, row)) for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM(1)", "'＠SUM(1)"),
        (" =1+1", "' =1+1"),
        ("\u3000=1+1", "'\u3000=1+1"),
        ("测试局", "测试局"),
        ("1+1", "1+1"),
        ("a=b", "a=b"),
        ("", ""),
        (-2, -2),
        (1.5, 1.5),
    ],
)
def test_a_csv_cell_that_would_run_as_a_formula_starts_with_an_apostrophe(value, cell):
    assert spreadsheet_cell(value) == cell


def test_catalog_csv_neutralizes_formulas_and_catalog_json_keeps_them(tmp_path):
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    (content / "responses" / "formulas.md").write_text(FORMULA_ITEM, encoding="utf-8")
    site = built(content, tmp_path / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    record = next(
        record
        for record in json.loads((site / "catalog.json").read_text(encoding="utf-8"))["items"]
        if record["url"].endswith("/responses/formulas/")
    )
    row = next(row for row in csv_rows(site) if row["url"] == record["url"])
    exported = {
        "title": '=HYPERLINK("http://evil.example","x")',
        "doc_no": "-2+3",
        "summary": "@SUM(1)",
        "topic": "＝1+1",
    }
    assert {key: record[key] for key in exported} == exported and record["tags"] == ["+1"]
    assert {key: row[key] for key in [*exported, "tags"]} == {
        "title": '\'=HYPERLINK("http://evil.example","x")',
        "doc_no": "'-2+3",
        "summary": "'@SUM(1)",
        "topic": "'＝1+1",
        "tags": "'+1",
    }


def test_a_link_to_an_unpublished_item_is_not_exported(fixture_site):
    data = json.loads((fixture_site / "catalog.json").read_text(encoding="utf-8"))
    interprets_withheld = next(
        record for record in data["items"] if record["url"].endswith("/responses/interprets-withheld/")
    )
    assert interprets_withheld["interprets"] == ""
    assert "金丝雀" not in json.dumps(data, ensure_ascii=False)
    assert {record["index_no"] for record in data["items"]} == set(
        published_headers(FIXTURE_CONTENT, DISCLOSURE_NOW=FIXTURE_NOW)
    )


def test_the_open_data_page_documents_every_field(sample_site):
    page = read_page(sample_site, "open-data/")
    keys = [code.get_text() for code in page.select("main table td code")]
    assert keys == [key for key, _, _ in field_list()]
    links = {link["href"] for link in page.select("main a")}
    assert {
        "/catalog.json",
        "/catalog.csv",
        "/feeds/all.atom.xml",
        "/sitemap.xml",
        "/interaction/messages.json",
        "/feeds/consultations-open.atom.xml",
    } <= links
    for href in links - {"/open-data/"}:
        assert (sample_site / href.lstrip("/")).exists(), href
    messages = page.select_one('main dt a[href="/interaction/messages.json"]')
    assert messages["type"] == "application/json" and "互动留言数据" in messages.parent.get_text()
    count = len(json.loads((sample_site / "interaction" / "messages.json").read_text(encoding="utf-8"))["messages"])
    assert f"已答复的 {count} 条公众留言" in messages.parent.find_next_sibling("dd").get_text()
    footer = read_page(sample_site, "").select_one(".site-footer a[href='/open-data/']")
    assert footer.get_text() == "数据开放"
