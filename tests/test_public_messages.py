"""Interaction (互动交流): the channels in every footer, the contact page, the answered
messages (list, response times, open data) and the monitor's veto on unanswered ones."""

import datetime
import json
import shutil
import subprocess
import sys
import tomllib

import pytest
from pelican.settings import read_settings
from sites import (
    FIXTURE_CONTENT,
    FIXTURE_NOW,
    PORTAL,
    ROOT,
    SAMPLE_CONTENT,
    SETTINGS,
    TWINS,
    build_site,
    built,
    html_pages,
    read_page,
    twin_pages,
)

from portal.content_model.messages import Message, MessagesFileError, load_messages, months_after
from portal.file_writing.folders import OUTPUT_MARKER, OUTPUT_MARKER_TEXT
from portal.site_monitor import monitor_portal

MAILBOX = "liuyan-test@example.gov.cn"
#: Published (answered by the build day), newest first, two to a page.
FIXTURE_MESSAGES = """
[[message]]
id = "m-03"
subject = "迟复但已答复的留言"
topic = "产品质量"
received = 2019-01-10
question = "收到四个多月后才答复。"
answered = 2019-05-20
answer = "已经答复。"

[[message]]
id = "m-02"
subject = "春节前一天收到的留言"
topic = "食品安全"
received = 2019-02-01
question = "第一段。\\n\\n第二段\\n接着写。"
answered = 2019-02-11
answered_by = "测试处"
answer = "春节后答复。"

[[message]]
id = "m-08"
subject = "周五收到的留言"
topic = "价格收费"
received = 2019-03-01
question = "周五收到，周二答复。"
answered = 2019-03-05
answer = "周二答复。"

[[message]]
id = "m-01"
subject = "国庆前收到的留言"
topic = "价格收费"
received = 2019-09-27
question = "国庆假期前收到。"
answered = 2019-10-09
answer = "节后答复。"

[[message]]
id = "m-04"
subject = "逾期未答复的留言"
topic = "特种设备"
received = 2019-05-09
question = "三个月零一天没有答复。"

[[message]]
id = "m-05"
subject = "恰满三个月的留言"
topic = "特种设备"
received = 2019-05-10
question = "监测当天恰好满三个月。"

[[message]]
id = "m-06"
subject = "新近收到的留言"
topic = "登记注册"
received = 2019-06-20
question = "收到不到两个月。"

[[message]]
id = "m-07"
subject = "答复日期未到的留言"
topic = "登记注册"
received = 2019-07-01
question = "答复写好了，日期在构建之后。"
answered = 2026-12-01
answer = "还不能公开的答复。"
"""
#: Working days from received to answered, counted by hand with the 2019 holidays:
#: m-01: Sun 9-29 (worked), Mon 9-30, 10-8, 10-9; m-02: Sat 2-2 and Sun 2-3 (worked), 2-11; m-08: Mon 3-4, Tue 3-5.
WORKING_DAYS = {"m-01": 4, "m-02": 3, "m-08": 2}
PAGES = {"interaction/messages/": ["m-01", "m-08"], "interaction/messages/page/2/": ["m-02", "m-03"]}
UNPUBLISHED = ["逾期未答复的留言", "恰满三个月的留言", "新近收到的留言", "答复日期未到的留言", "还不能公开的答复"]
#: The monitor judges the fixture as of this day: m-04 is one day past its three months.
MONITOR_DAY = datetime.date(2019, 8, 10)


def fixture_content(folder, messages=FIXTURE_MESSAGES):
    shutil.copytree(FIXTURE_CONTENT, folder)
    shutil.copy(SAMPLE_CONTENT / "holidays.toml", folder / "holidays.toml")
    (folder / "messages.toml").write_text(messages, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def messages_site(tmp_path_factory):
    """(content, output) of the fixture site with the messages above, two to a list page."""
    root = tmp_path_factory.mktemp("messages")
    content = fixture_content(root / "content")
    output = built(
        content, root / "output", DISCLOSURE_NOW=FIXTURE_NOW, MESSAGES_PAGE_SIZE=2, INTERACTION_MAILBOX=MAILBOX
    )
    return content, output


def messages_on(site, path):
    """``{id: the message's article}`` of a list page, in page order."""
    page = read_page(site, path)
    return {article["id"].removeprefix("message-"): article for article in page.select("#message-pages article")}


def facts(article):
    return {row.dt.get_text(): row.dd.get_text() for row in article.select(".message__facts div")}


def test_response_times_are_counted_in_working_days_with_the_holidays(messages_site):
    _, output = messages_site
    shown = {}
    for path in PAGES:
        shown.update({key: facts(article)["答复用时"] for key, article in messages_on(output, path).items()})
    assert {key: shown[key] for key in WORKING_DAYS} == {key: f"{days} 个工作日" for key, days in WORKING_DAYS.items()}
    data = json.loads((output / "interaction" / "messages.json").read_text(encoding="utf-8"))
    assert {
        record["id"]: record["response_working_days"] for record in data["messages"] if record["id"] in WORKING_DAYS
    } == WORKING_DAYS


def test_answered_messages_are_listed_newest_first_on_pages_with_their_dates_and_anchors(messages_site):
    _, output = messages_site
    for path, ids in PAGES.items():
        assert list(messages_on(output, path)) == ids, path
    first = read_page(output, "interaction/messages/")
    assert [(link.get_text(), link["href"]) for link in first.select(".pagination a")] == [
        ("第1页", "/interaction/messages/"),
        ("第2页", "/interaction/messages/page/2/"),
        ("下一页", "/interaction/messages/page/2/"),
    ]
    article = messages_on(output, "interaction/messages/page/2/")["m-02"]
    assert article.h3.get_text() == "春节前一天收到的留言"
    assert facts(article) == {
        "留言编号": "m-02",
        "类别": "食品安全",
        "留言日期": "2019-02-01",
        "答复日期": "2019-02-11",
        "答复用时": "3 个工作日",
    }
    assert article.select_one("time[datetime='2019-02-11']")
    assert [p.get_text() for p in article.find_all("p")] == ["第一段。", "第二段接着写。", "春节后答复。"]
    assert "测试处" in article.get_text()
    assert "示例自治区市场监督管理局" in messages_on(output, "interaction/messages/page/2/")["m-03"].get_text()


def test_unanswered_messages_and_answers_not_yet_due_are_published_nowhere(messages_site):
    _, output = messages_site
    files = [path for path in output.rglob("*") if path.is_file() and path.suffix in (".html", ".json", ".xml")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not [subject for subject in UNPUBLISHED if subject in text], path


def test_the_messages_are_open_data_linking_to_their_place_in_the_list(messages_site):
    _, output = messages_site
    data = json.loads((output / "interaction" / "messages.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in data["messages"]] == [key for ids in PAGES.values() for key in ids]
    assert [field["key"] for field in data["fields"]] == list(data["messages"][0])
    record = next(record for record in data["messages"] if record["id"] == "m-02")
    assert record["question"] == "第一段。\n\n第二段接着写。"
    assert record["answered_by"] == "测试处"
    for record in data["messages"]:
        path, _, anchor = record["url"].removeprefix(PORTAL + "/").partition("#")
        assert read_page(output, path).find(id=anchor).h3.get_text() == record["subject"]


def test_every_page_and_twin_shows_the_channels_in_its_footer(messages_site):
    _, output = messages_site
    settings = read_settings(str(SETTINGS))
    pages = html_pages(output) + twin_pages(output)
    assert len(pages) > 20
    for path in pages:
        footer = read_page(path.parent, path.name).find("footer")
        hrefs = {link["href"] for link in footer.find_all("a")}
        assert {
            f"tel:{settings['INTERACTION_HOTLINE']}",
            f"mailto:{MAILBOX}",
            settings["INTERACTION_PLATFORM_URL"],
        } <= hrefs, path
        assert hrefs & {"/interaction/", f"/{TWINS}/interaction/"}, path


def test_the_contact_page_lists_the_channels_and_leads_to_the_messages(messages_site):
    _, output = messages_site
    page = read_page(output, "interaction/")
    assert page.h1.get_text() == "互动交流"
    channels = {term.get_text(): term.find_next_sibling("dd") for term in page.select("main dl dt")}
    assert channels["电子邮箱"].a["href"] == f"mailto:{MAILBOX}"
    assert channels["投诉举报热线"].a["href"] == "tel:12315"
    assert channels["网上留言"].a["href"].startswith("https://")
    assert "已公开 4 条" in page.main.get_text()
    assert page.select_one("main a[href='/interaction/messages/']")
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    for path in ["interaction/", *PAGES]:
        assert f"<loc>{PORTAL}/{path}</loc>" in sitemap


def test_the_plain_text_twin_of_the_list_has_the_messages_but_no_filter(messages_site):
    _, output = messages_site
    twin = read_page(output, f"{TWINS}/interaction/messages/")
    text = twin.get_text()
    assert "春节后答复" not in text and "国庆假期前收到。" in text and "节后答复。" in text
    assert not twin.find("form") and "查找结果" not in text
    assert twin.select_one("a[href='/text/interaction/messages/page/2/']")


def test_without_a_messages_file_the_list_says_there_are_none(fixture_site):
    page = read_page(fixture_site, "interaction/messages/")
    assert "暂无公开的留言答复" in page.main.get_text()
    assert not page.find("form", id="message-filter")
    assert json.loads((fixture_site / "interaction" / "messages.json").read_text(encoding="utf-8"))["messages"] == []


def monitored_messages(content, output, day):
    settings = read_settings(str(SETTINGS), override={"PATH": str(content)})
    return [finding for finding in monitor_portal(output, settings, day)["findings"] if finding.check == "messages"]


def test_the_monitor_vetoes_a_message_unanswered_after_three_months_only(messages_site):
    content, output = messages_site
    findings = monitored_messages(content, output, MONITOR_DAY)
    # Not m-05 (three months to the day), m-06 (younger), m-03 (answered, late), m-07 (answered before the day).
    assert [(finding.severity, finding.location) for finding in findings] == [("veto", "messages.toml#m-04")]
    assert "2019-05-09" in findings[0].message and "2019-08-09" in findings[0].message
    assert monitored_messages(content, output, MONITOR_DAY - datetime.timedelta(days=1)) == []
    later = monitored_messages(content, output, datetime.date(2019, 10, 1))
    assert [finding.location for finding in later] == ["messages.toml#m-04", "messages.toml#m-05", "messages.toml#m-06"]


def test_a_veto_on_messages_fails_invoke_monitor(messages_site, tmp_path):
    content, output = messages_site
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "monitor",
            "--output",
            str(output),
            "--content",
            str(content),
            "--now",
            MONITOR_DAY.isoformat(),
            "--report",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "单项否决: 留言 m-04“逾期未答复的留言”" in result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert next(row for row in report["summary"] if row["check"] == "messages")["veto"] == 1


def test_the_main_navigation_leads_to_the_interaction_page(sample_site):
    link = read_page(sample_site, "").select_one('nav.site-nav[aria-label="主导航"]').find("a", string="互动交流")
    assert link["href"] == "/interaction/" and not link.has_attr("aria-current")
    current = read_page(sample_site, "interaction/").select('nav.site-nav a[aria-current="page"]')
    assert [link.get_text() for link in current] == ["互动交流"]


def test_the_sample_publishes_its_answered_messages_of_2019(sample_site):
    with open(SAMPLE_CONTENT / "messages.toml", "rb") as stream:
        tables = tomllib.load(stream)["message"]
    answered = {table["id"] for table in tables if "answered" in table}
    assert len(answered) >= 10
    assert {table["received"].year for table in tables} == {2019}
    listed = {}
    for path in ["interaction/messages/", "interaction/messages/page/2/"]:
        listed.update(messages_on(sample_site, path))
    assert set(listed) == answered


def test_months_after_keeps_the_day_or_takes_the_month_end():
    day = datetime.date.fromisoformat
    assert months_after(day("2019-05-09"), 3) == day("2019-08-09")
    assert months_after(day("2019-11-30"), 3) == day("2020-02-29")
    assert months_after(day("2019-12-15"), 3) == day("2020-03-15")
    message = Message("x", "s", "t", day("2019-05-31"), "q")
    assert message.reply_due(3) == day("2019-08-31") and not message.answered_by_day(day("2019-09-30"))


MESSAGE = 'id = "a-1"\nsubject = "标题"\ntopic = "食品安全"\nreceived = 2019-03-04\nquestion = "内容"\n'


@pytest.mark.parametrize(
    "table, problem",
    [
        (MESSAGE.replace('question = "内容"\n', ""), "message 2 (a-1): question: missing"),
        (MESSAGE + 'answer = "答复"\n', "message 2 (a-1): answered: missing: the message has an answer"),
        (MESSAGE + "answered = 2019-03-05\n", "message 2 (a-1): answer: missing: the message has an answered date"),
        (
            MESSAGE + 'answered = 2019-03-01\nanswer = "答复"\n',
            "message 2 (a-1): answered: 2019-03-01 is before received 2019-03-04",
        ),
        (MESSAGE.replace("2019-03-04", '"2019-02-30"'), "message 2 (a-1): received: '2019-02-30' is not a date"),
        (MESSAGE.replace("a-1", "m-1"), "message 2 (m-1): id: 'm-1' is used by message 1 too"),
        (MESSAGE + "recieved = 2019-03-04\n", "message 2 (a-1): recieved: unknown key"),
        (MESSAGE.replace('"a-1"', '"a 1"'), "message 2 (a 1): id: 'a 1' is not a valid id"),
    ],
)
def test_a_malformed_message_is_named_by_file_number_and_key(tmp_path, table, problem):
    path = tmp_path / "messages.toml"
    path.write_text(f"[[message]]\n{MESSAGE.replace('a-1', 'm-1')}\n[[message]]\n{table}", encoding="utf-8")
    with pytest.raises(MessagesFileError) as raised:
        load_messages(path)
    problems = str(raised.value).splitlines()
    assert len(problems) == 1 and problems[0].startswith(f"{path}: {problem} ("), problems


def test_invoke_check_reports_every_problem_of_the_messages_file(tmp_path):
    malformed = FIXTURE_MESSAGES.replace("answered = 2019-10-09", "answered = 2019-09-20")
    content = fixture_content(tmp_path / "content", malformed.replace('id = "m-08"', 'id = "m 08"'))
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0
    path = content / "messages.toml"
    assert f"{path}: message 3 (m 08): id: 'm 08' is not a valid id (" in result.stderr
    assert f"{path}: message 4 (m-01): answered: 2019-09-20 is before received 2019-09-27 (" in result.stderr
    assert "2 problems found." in result.stderr


def test_a_malformed_messages_file_stops_the_build_and_keeps_the_last_output(tmp_path):
    early = FIXTURE_MESSAGES.replace("answered = 2019-10-09", "answered = 2019-09-20")
    content = fixture_content(tmp_path / "content", early)
    output = tmp_path / "output"
    output.mkdir()
    (output / OUTPUT_MARKER).write_text(OUTPUT_MARKER_TEXT, encoding="utf-8")
    (output / "index.html").write_text("the last build", encoding="utf-8")
    result = build_site(content, output)
    assert result.returncode != 0
    assert "message 4 (m-01): answered: 2019-09-20 is before received 2019-09-27" in " ".join(
        (result.stdout + result.stderr).split()
    )
    assert (output / "index.html").read_text(encoding="utf-8") == "the last build"
