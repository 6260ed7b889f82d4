"""Public consultations (征求意见): status as of the build, home list, open feed, exports, monitor, validation."""

import datetime
import json
import shutil

import pytest
from pelican.plugins.consultations.status import ANSWERED, CLOSED, OPEN, UPCOMING, consultation_status
from pelican.settings import read_settings
from sites import FIXTURE_CONTENT, PORTAL, SAMPLE_CONTENT, SETTINGS, built, read_page
from test_feeds import ATOM, read_feed

from portal.content_check import validate_site
from portal.content_check.validator import guide_sections
from portal.content_model import fields
from portal.content_model.header import read_item
from portal.site_monitor import monitor_portal

NODE = """
[[node]]
id = "consultations"
name = "征求意见"
content = "决策草案及意见采纳情况"
basis = "测试"
"""

HEADER = {
    "Title": "关于测试办法草案公开征求意见的公告",
    "Date": "2019-06-03",
    "Category": "consultations",
    "Index_no": "11990000MB1A0827X6/2019-00900",
    "Publisher": "测试局",
    "Disclosure": "主动公开",
    "Opens": "2019-06-10",
    "Closes": "2019-07-09",
    "Comment_email": "zqyj@test.example.gov.cn",
    "Comment_post": "测试市测试路1号 测试局法规处",
    "Comment_url": "https://hudong.example.gov.cn/form/900",
}
#: A consultation that has closed, with its feedback and its final decision.
ANSWERED_HEADER = {
    **HEADER,
    "Title": "关于测试清单草案公开征求意见的公告",
    "Date": "2019-03-01",
    "Index_no": "11990000MB1A0827X6/2019-00902",
    "Opens": "2019-03-01",
    "Closes": "2019-03-31",
    "Comment_count": "5",
    "Decision": "11990000MB1A0827X6/2019-00901",
}
DECISION_HEADER = {
    "Title": "测试局关于印发测试清单的通知",
    "Date": "2019-04-20",
    "Category": "normative",
    "Index_no": "11990000MB1A0827X6/2019-00901",
    "Publisher": "测试局",
    "Disclosure": "主动公开",
}
FEEDBACK = "## 意见采纳情况\n\n共收到意见5条，采纳3条。未采纳的2条超出清单范围。\n"
DRAFT = "## 一、起草说明\n\n草案说明。\n"

#: The build days: before Opens, during, on Closes, after Closes.
BUILD_DAYS = {UPCOMING: "2019-06-05", OPEN: "2019-06-20", "closes-today": "2019-07-09", CLOSED: "2019-07-10"}
PAGE = "consultations/draft/"
ANSWERED_PAGE = "consultations/answered/"
DECISION_PAGE = "normative/decision/"


def write_item(path, header, body="正文。"):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "\n".join(f"{key}: {value}" for key, value in header.items())
    path.write_text(f"{lines}\n\n{body}\n", encoding="utf-8")
    return path


def consultation_content(folder):
    """The fixture site plus a consultations node, two consultations and a final decision."""
    shutil.copytree(FIXTURE_CONTENT, folder)
    with open(folder / "catalog.toml", "a", encoding="utf-8") as stream:
        stream.write(NODE)
    shutil.copy(SAMPLE_CONTENT / "holidays.toml", folder)
    write_item(folder / "consultations" / "draft.md", HEADER, DRAFT)
    write_item(folder / "consultations" / "answered.md", ANSWERED_HEADER, DRAFT + "\n" + FEEDBACK)
    write_item(folder / "regulations" / "normative" / "decision.md", DECISION_HEADER)
    return folder


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    return consultation_content(tmp_path_factory.mktemp("consultations") / "content")


@pytest.fixture(scope="module")
def sites(content, tmp_path_factory):
    """The consultation site built on each of BUILD_DAYS: ``{name: output}``."""
    root = tmp_path_factory.mktemp("consultation-builds")
    return {name: built(content, root / name, DISCLOSURE_NOW=f"{day} 09:00") for name, day in BUILD_DAYS.items()}


def text_of(element):
    return " ".join(element.get_text(" ", strip=True).split())


# --- The status --------------------------------------------------------------

OPENS, CLOSES = datetime.date(2019, 6, 10), datetime.date(2019, 7, 9)


@pytest.mark.parametrize(
    "today, answered, status",
    [
        (datetime.date(2019, 6, 9), False, UPCOMING),
        (OPENS, False, OPEN),
        (CLOSES, False, OPEN),
        (datetime.date(2019, 7, 10), False, CLOSED),
        (datetime.date(2019, 7, 10), True, ANSWERED),
        (datetime.date(2020, 7, 10), False, CLOSED),
    ],
)
def test_the_status_follows_the_calendar_both_days_included(today, answered, status):
    assert consultation_status(OPENS, CLOSES, answered, today) == status


@pytest.mark.parametrize(
    "name, status, says",
    [
        (UPCOMING, "未开始", "本草案将于 2019-06-10 开始征求意见（距开始还有 5 天）"),
        (OPEN, "征求意见中", "正在征求意见，截止日期 2019-07-09 （距截止还有 19 天）"),
        ("closes-today", "征求意见中", "正在征求意见，截止日期 2019-07-09 （今天截止）"),
        (CLOSED, "已截止", "征求意见已于 2019-07-09 截止，不再接收意见"),
    ],
)
def test_the_item_page_shows_the_status_as_of_the_build(sites, name, status, says):
    panel = read_page(sites[name], PAGE).select_one("main .consultation-panel")
    assert text_of(panel.select_one(".consultation-tag")) == status
    assert text_of(panel.select_one(".consultation-panel__status")) == f"状态： {status}"
    assert says in text_of(panel)
    assert f"按本站 {BUILD_DAYS[name]} 更新时" in text_of(panel)
    channels = panel.select(".consultation-channels a")
    if status == "已截止":
        assert not panel.select(".consultation-channels")
    else:
        assert [link["href"] for link in channels] == [f"mailto:{HEADER['Comment_email']}", HEADER["Comment_url"]]
        assert HEADER["Comment_post"] in text_of(panel)


def test_feedback_and_the_final_decision_link_both_ways(sites):
    page = read_page(sites[OPEN], ANSWERED_PAGE)
    panel = page.select_one("main .consultation-panel")
    assert text_of(panel.select_one(".consultation-tag")) == "已反馈"
    assert "收到意见 5 条" in text_of(panel)
    feedback = panel.find("a", string="查看意见采纳情况")
    assert page.find("h2", id=feedback["href"].removeprefix("#")).get_text() == "意见采纳情况"
    assert panel.select_one(".consultation-panel__decision a")["href"] == f"/{DECISION_PAGE}"
    assert not panel.select(".consultation-channels")
    relations = read_page(sites[OPEN], DECISION_PAGE).select_one("main .relations")
    back = relations.find("a", href=f"/{ANSWERED_PAGE}")
    assert back is not None and back.parent.get_text().startswith("征求意见：")


def test_the_listing_tags_each_consultation_and_links_the_open_feed(sites):
    page = read_page(sites[OPEN], "catalog/consultations/")
    rows = {
        text_of(row.select_one(".col-title a")): text_of(row.select_one(".consultation-tag"))
        for row in page.select("main tbody tr")
    }
    assert rows == {HEADER["Title"]: "征求意见中", ANSWERED_HEADER["Title"]: "已反馈"}
    assert page.select_one("main a[href='/feeds/consultations-open.atom.xml']") is not None
    assert not read_page(sites[OPEN], "catalog/regulations/").select("main .consultation-tag, main .consultation-panel")


# --- The home page and the feed --------------------------------------------------


def test_the_home_page_lists_the_open_consultations_only(sites):
    section = read_page(sites[OPEN], "").select_one("main .consultations-home")
    entries = section.select(".consultation-list li")
    assert [entry.a["href"] for entry in entries] == [f"/{PAGE}"]
    assert "截止日期 2019-07-09 （距截止还有 19 天）" in text_of(entries[0])
    links = {link["href"] for link in section.select("a")}
    assert {"/catalog/consultations/", "/feeds/consultations-open.atom.xml"} <= links


@pytest.mark.parametrize("name", [UPCOMING, CLOSED])
def test_the_home_page_says_when_none_is_open(sites, name):
    section = read_page(sites[name], "").select_one("main .consultations-home")
    assert not section.select(".consultation-list")
    assert "目前没有正在征求意见的草案。" in text_of(section)


@pytest.mark.parametrize("name, titles", [(UPCOMING, []), (OPEN, [HEADER["Title"]]), (CLOSED, [])])
def test_the_open_feed_holds_the_consultations_open_at_the_build(sites, name, titles):
    feed = read_feed(sites[name], "consultations-open")
    assert [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")] == titles
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{PORTAL}/feeds/consultations-open.atom.xml"
    assert len(list(read_feed(sites[name], "consultations").iter(f"{ATOM}entry"))) == 2
    home = read_page(sites[name], "")
    assert home.find("link", rel="alternate", href="/feeds/consultations-open.atom.xml") is not None


def test_a_site_without_the_node_has_no_consultation_section(fixture_site):
    assert read_page(fixture_site, "").select_one(".consultations-home") is None
    assert not (fixture_site / "feeds" / "consultations-open.atom.xml").exists()


# --- Open data and the monitor -------------------------------------------------------


def test_the_exports_carry_the_consultation_fields(sites):
    data = json.loads((sites[CLOSED] / "catalog.json").read_text(encoding="utf-8"))
    records = {record["index_no"]: record for record in data["items"]}
    draft, answered = records[HEADER["Index_no"]], records[ANSWERED_HEADER["Index_no"]]
    assert (draft["opens"], draft["closes"], draft["consultation_status"], draft["feedback_url"]) == (
        "2019-06-10",
        "2019-07-09",
        "已截止",
        "",
    )
    assert (answered["comment_count"], answered["decision"], answered["consultation_status"]) == (
        5,
        DECISION_HEADER["Index_no"],
        "已反馈",
    )
    assert (
        answered["feedback_url"] == f"{PORTAL}/{ANSWERED_PAGE}#%E6%84%8F%E8%A7%81%E9%87%87%E7%BA%B3%E6%83%85%E5%86%B5"
    )
    assert records[DECISION_HEADER["Index_no"]]["consultation_status"] == ""


def consultation_findings(content, output, day):
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})
    result = monitor_portal(str(output), settings, day)
    return [finding for finding in result["findings"] if finding.check == "consultations"]


def test_the_monitor_flags_a_consultation_without_feedback_after_30_days_not_before(content, sites):
    assert consultation_findings(content, sites[CLOSED], CLOSES + datetime.timedelta(days=30)) == []
    late = consultation_findings(content, sites[CLOSED], CLOSES + datetime.timedelta(days=31))
    assert [(finding.severity, finding.location) for finding in late] == [("error", f"/{PAGE}")]
    assert HEADER["Title"] in late[0].message and "已于 2019-07-09 截止 31 天" in late[0].message
    assert "意见采纳情况" in late[0].message


def test_the_monitor_never_flags_an_open_or_answered_consultation(content, sites):
    # Built while the draft was open, judged long after: the closing date comes from catalog.json.
    assert len(consultation_findings(content, sites[OPEN], datetime.date(2020, 6, 1))) == 1
    assert consultation_findings(content, sites[OPEN], datetime.date(2019, 7, 1)) == []


# --- The sample portal --------------------------------------------------------------------


def test_the_sample_has_one_open_and_one_answered_consultation_on_its_snapshot_day():
    snapshot = datetime.date(2019, 12, 16)
    statuses = {}
    for path in sorted((SAMPLE_CONTENT / "consultations").glob("*.md")):
        metadata, body = read_item(path)
        answered = fields.FEEDBACK_SECTION in guide_sections(body)
        statuses[
            consultation_status(
                fields.parse_day(metadata["opens"]), fields.parse_day(metadata["closes"]), answered, snapshot
            )
        ] = metadata
    assert sorted(statuses) == sorted([OPEN, ANSWERED])
    decision = statuses[ANSWERED]["decision"]
    headers = [read_item(path)[0] for path in SAMPLE_CONTENT.rglob("*.md")]
    assert [header["category"] for header in headers if header.get("index_no") == decision] == ["normative"]


# --- Validation ---------------------------------------------------------------------------


@pytest.fixture
def check_content(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(FIXTURE_CONTENT / "catalog.toml", folder)
    with open(folder / "catalog.toml", "a", encoding="utf-8") as stream:
        stream.write(NODE)
    shutil.copytree(FIXTURE_CONTENT / "pages", folder / "pages")
    (folder / "attachments").mkdir()
    write_item(folder / "decision.md", DECISION_HEADER)
    return folder


def problems_of(folder, now="2019-07-20 09:00"):
    settings = read_settings(str(SETTINGS), override={"PATH": str(folder), "DISCLOSURE_NOW": now})
    return [str(problem) for problem in validate_site(settings)]


def test_valid_consultations_have_no_problem(check_content):
    write_item(check_content / "draft.md", HEADER, DRAFT)
    write_item(check_content / "answered.md", ANSWERED_HEADER, DRAFT + FEEDBACK)
    assert problems_of(check_content) == []
    assert problems_of(check_content, now="2019-06-20 09:00") == []


@pytest.mark.parametrize(
    "changes, body, problem",
    [
        (
            {"Closes": "2019-06-01"},
            DRAFT,
            "Closes: 2019-06-01 is before Opens 2019-06-10 (a Closes date on or after Opens)",
        ),
        ({"Opens": "2019-6-10"}, DRAFT, "Opens: '2019-6-10' is not a valid date (YYYY-MM-DD)"),
        ({"Closes": ""}, DRAFT, "Closes: missing (YYYY-MM-DD; comments are taken from Opens to Closes"),
        ({"Opens": "2019-06-01"}, DRAFT, "Opens: 2019-06-01 is before the publication Date 2019-06-03"),
        (
            {"Comment_email": "zqyj.test.example.gov.cn"},
            DRAFT,
            "Comment_email: 'zqyj.test.example.gov.cn' is not an e-mail address",
        ),
        (
            {"Comment_url": "hudong.example.gov.cn/form"},
            DRAFT,
            "Comment_url: 'hudong.example.gov.cn/form' is not a web address (https://… of the online comment form)",
        ),
        (
            {"Comment_email": "", "Comment_post": "", "Comment_url": ""},
            DRAFT,
            "no way to comment: Comment_email, Comment_post and Comment_url are all missing (at least one of them)",
        ),
        (
            {"Decision": "11990000MB1A0827X6/2019-00999"},
            DRAFT,
            "Decision: '11990000MB1A0827X6/2019-00999' is not the Index_no of any item",
        ),
        ({"Decision": HEADER["Index_no"]}, DRAFT, "Decision: refers to the consultation itself"),
        ({"Comment_count": "5"}, DRAFT, "section '## 意见采纳情况' is missing while Comment_count is given"),
        ({}, DRAFT + FEEDBACK, "Comment_count: missing with the section '## 意见采纳情况'"),
        ({"Comment_count": "五条"}, DRAFT + FEEDBACK, "Comment_count: '五条' is not a whole number"),
    ],
)
def test_a_malformed_consultation_is_reported_with_its_file_and_key(check_content, changes, body, problem):
    path = write_item(
        check_content / "draft.md", {key: value for key, value in {**HEADER, **changes}.items() if value}, body
    )
    assert f"{path}: {problem}" in "\n".join(problems_of(check_content))


def test_feedback_or_a_decision_while_still_open_is_reported(check_content):
    path = write_item(
        check_content / "draft.md",
        {**HEADER, "Comment_count": "1", "Decision": DECISION_HEADER["Index_no"]},
        DRAFT + FEEDBACK,
    )
    problems = problems_of(check_content, now="2019-07-09 18:00")
    assert problems == [
        f"{path}: section '## 意见采纳情况' is written while the consultation is open until 2019-07-09 "
        "(feedback once the consultation has closed)",
        f"{path}: Decision: is given while the consultation is open until 2019-07-09 "
        "(the final decision once the consultation has closed)",
    ]
    assert problems_of(check_content, now="2019-07-10 00:00") == []


def test_a_decision_that_is_not_published_is_reported(check_content):
    write_item(check_content / "decision.md", {**DECISION_HEADER, "Status": "draft"})
    path = write_item(check_content / "answered.md", ANSWERED_HEADER, DRAFT + FEEDBACK)
    assert problems_of(check_content) == [
        f"{path}: Decision: '{DECISION_HEADER['Index_no']}' names an item that is not published: "
        "its Status is draft (the Index_no of a published item)"
    ]
    write_item(check_content / "decision.md", {**DECISION_HEADER, "Date": "2019-08-01"})
    assert "it is embargoed until 2019-08-01" in problems_of(check_content)[0]


def test_a_decision_naming_another_consultation_is_reported(check_content):
    write_item(check_content / "draft.md", HEADER, DRAFT)
    path = write_item(
        check_content / "answered.md", {**ANSWERED_HEADER, "Decision": HEADER["Index_no"]}, DRAFT + FEEDBACK
    )
    assert problems_of(check_content) == [
        f"{path}: Decision: '{HEADER['Index_no']}' is another consultation (the Index_no of the final decision)"
    ]


def test_consultation_keys_on_another_item_are_reported(check_content):
    path = write_item(check_content / "decision.md", {**DECISION_HEADER, "Closes": "2019-07-09"})
    assert problems_of(check_content) == [
        f"{path}: Closes: is a key of consultations only (an item with Category: consultations)"
    ]
