"""Interaction (互动交流) in real Chromium: the contact page and the answered messages,
axe-core, and the list's filter (theme/static/js/messages.js) with and without JavaScript."""

import collections
import json
import re
from urllib.parse import quote

import pytest
from chromium import horizontal_overflow, run_axe
from sites import PORTAL

pytestmark = pytest.mark.browser

LIST = "interaction/messages/"
FINISHED = re.compile(r"^(找到|没有找到|已显示|留言数据)")
#: The fields a filter word is looked for in.
SEARCHED = ("subject", "topic", "id", "question", "answer", "answered_by")


@pytest.fixture(scope="module")
def messages(sample_site):
    """The published messages of the sample, from messages.json, with site-relative URLs."""
    data = json.loads((sample_site / "interaction" / "messages.json").read_text(encoding="utf-8"))
    for record in data["messages"]:
        record["path"] = record["url"].removeprefix(PORTAL)
    return data["messages"]


def matching(messages, words="", topic=""):
    """The subjects of the messages holding every word, in *topic* if given."""
    return [
        record["subject"]
        for record in messages
        if topic in ("", record["topic"])
        and all(word in "\n".join(record[key] for key in SEARCHED) for word in words.split())
    ]


def wait_for_status(tab, text):
    from playwright.sync_api import expect

    expect(tab.locator("#message-filter-status")).to_have_text(text)


def filter_by(tab, query="", topic=""):
    tab.fill("#message-query", query)
    tab.select_option("#message-topic", topic)
    tab.click("#message-filter button[type=submit]")
    wait_for_status(tab, FINISHED)


def found(tab):
    """(subject, link) of every message the filter shows."""
    return [(link.inner_text(), link.get_attribute("href")) for link in tab.locator("#message-result-list h3 a").all()]


def test_axe_finds_no_violation_on_the_contact_page_and_the_list(page, sample_url):
    failures = []
    for path in ["interaction/", LIST, f"{LIST}page/2/"]:
        page.goto(sample_url + path)
        failures += [f"/{path}: {line}" for line in run_axe(page)]
    page.goto(sample_url + LIST)
    filter_by(page, "价格")
    failures += [f"/{LIST} with results: {line}" for line in run_axe(page)]
    assert not failures, "\n".join(failures)


def test_a_word_finds_messages_of_every_page_and_links_to_their_place(page, sample_url, messages):
    target = messages[-1]  # the oldest: on the last page
    word = target["subject"][:4]
    expected = matching(messages, word)
    page.goto(sample_url + LIST)
    filter_by(page, word)
    assert target["subject"] in expected and [subject for subject, _ in found(page)] == expected
    assert (target["subject"], target["path"]) in found(page)
    assert page.locator("#message-filter-status").inner_text() == f"找到 {len(expected)} 条含“{word}”的留言。"
    assert page.locator("#message-pages").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "查找"
    result = page.locator("#message-result-list > li").last
    assert result.locator("dd").all_inner_texts() == [
        target["id"],
        target["topic"],
        target["received"],
        target["answered"],
        f"{target['response_working_days']} 个工作日",
    ]
    result.locator("h3 a").click()
    page.wait_for_url(f"**{target['path']}")
    assert page.locator(f"#message-{target['id']}").is_visible()


def test_words_and_category_narrow_together_and_live_in_the_url(page, sample_url, messages):
    topic, _ = collections.Counter(record["topic"] for record in messages).most_common(1)[0]
    in_topic = matching(messages, topic=topic)
    page.goto(sample_url + LIST)
    filter_by(page, topic=topic)
    assert [subject for subject, _ in found(page)] == in_topic and len(in_topic) > 1
    assert f"topic={quote(topic)}" in page.url
    words = "您好 检查"
    both = matching(messages, words, topic)
    filter_by(page, words, topic)
    assert [subject for subject, _ in found(page)] == both and 0 < len(both) < len(matching(messages, words))
    page.goto(f"{sample_url}{LIST}page/2/?topic={quote(topic)}")
    wait_for_status(page, f"找到 {len(in_topic)} 条类别为“{topic}”的留言。")
    assert page.locator("#message-topic").input_value() == topic


def test_no_match_is_said_and_clearing_brings_the_page_back(page, sample_url):
    page.goto(sample_url + LIST)
    listed = page.locator("#message-pages article").count()
    filter_by(page, "没有这个词语")
    assert page.locator("#message-filter-status").inner_text().startswith("没有找到含“没有这个词语”的留言")
    assert found(page) == []
    page.click("#message-filter-clear")
    assert page.locator("#message-filter-status").inner_text() == "已显示本页的全部留言。"
    assert page.locator("#message-results").is_hidden()
    assert page.locator("#message-pages article:visible").count() == listed > 0
    assert "?" not in page.url


def test_the_filter_works_under_the_strict_content_security_policy(page, strict_url, messages):
    page.goto(strict_url + LIST)
    filter_by(page, messages[-1]["subject"])
    assert [subject for subject, _ in found(page)] == [messages[-1]["subject"]]


def test_with_results_the_list_page_reflows_at_320_css_px(browser, sample_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(sample_url + LIST)
    filter_by(tab, "价格")
    assert horizontal_overflow(tab) == 0
    context.close()


def test_without_javascript_the_paginated_list_reaches_every_message(browser, sample_url, messages):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(sample_url + LIST)
    assert tab.locator("#message-filter").is_hidden() and tab.locator("#message-results").is_hidden()
    seen = []
    while True:
        seen += tab.locator("#message-pages article h3").all_inner_texts()
        following = tab.locator(".pagination a[rel=next]")
        if not following.count():
            break
        following.click()
    context.close()
    assert seen == [record["subject"] for record in messages]
