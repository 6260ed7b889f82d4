"""Language of parts (portal.language_runs, plugin language_of_parts, the theme's mark_languages filter):
each run in another language carries its lang and dir, and titles read in their own language."""

import re
from types import SimpleNamespace

import markdown
import pytest
from markupsafe import Markup
from sites import PORTAL_SETTINGS, SAMPLE_CONTENT, read_page

from portal.content_model.fields import LANGUAGES
from portal.item_body import ItemBody
from portal.language_runs import foreign_runs, language_of, mark_runs_in_tree, marked_up

HAN_RE = re.compile(r"[\u3400-\u9fff]")
#: A span this plugin adds, unwrapped again by the tests.
ADDED_SPAN_RE = re.compile(r'<span lang="(?:zh-CN|ug|en)" dir="(?:ltr|rtl)">([^<]*)</span>')


def runs(text, surrounding):
    return [(text[run.start : run.end], run.lang, run.direction) for run in foreign_runs(text, surrounding)]


# --- Finding the runs --------------------------------------------------------------------------


def test_a_uyghur_word_in_chinese_text_is_a_right_to_left_uyghur_run():
    assert runs("其他语言版本（ئۇيغۇرچە）", "zh-CN") == [("ئۇيغۇرچە", "ug", "rtl")]


def test_han_in_uyghur_or_english_text_is_chinese():
    assert runs("ئىستېمالچىلار 示例局 بىلەن", "ug") == [("示例局", "zh-CN", "ltr")]
    assert runs("the Market Supervision Administration (市场监督管理局) of", "en") == [
        ("市场监督管理局", "zh-CN", "ltr")
    ]


def test_english_words_in_chinese_or_uyghur_text_make_one_run_with_the_neutral_characters_between_them():
    assert runs("参照 Market Supervision Law, Article 22 的规定", "zh-CN") == [
        ("Market Supervision Law, Article", "en", "ltr")
    ]
    assert runs("تور سۇپىسى Online Service ئارقىلىق", "ug") == [("Online Service", "en", "ltr")]
    assert runs("the People's Republic", "zh-CN") == [("the People's Republic", "en", "ltr")]


def test_neutral_characters_around_a_run_stay_with_the_surrounding_text():
    text = "资质认定（CMA）：12315 ئۇيغۇر 12315。"
    assert runs(text, "zh-CN") == [("CMA", "en", "ltr"), ("ئۇيغۇر", "ug", "rtl")]


def test_single_letters_codes_addresses_and_file_names_are_not_english_words():
    text = (
        "A级，11990000MB1A0827X6/2019-00008，ZZ-XK-0002，73cm，"
        "https://zwfw.example.gov.cn/scjg/xk/，rzrk@example.gov.cn，www.example.cn，sampling.csv"
    )
    assert runs(text, "zh-CN") == []


def test_a_run_takes_in_the_other_half_of_a_quotation_mark_it_holds():
    assert runs("不要购买 «ئۈچ يوق» يېمەكلىكلەر 的说明", "zh-CN") == [("«ئۈچ يوق» يېمەكلىكلەر", "ug", "rtl")]
    assert runs("（见 «ئۈچ» 条）", "zh-CN") == [("ئۈچ", "ug", "rtl")]


def test_text_in_its_own_language_or_in_an_unknown_one_has_no_runs():
    assert runs("示例自治区市场监督管理局", "zh-CN") == []
    assert runs("An English text written for the tests.", "en") == []
    assert runs("بۇ سىناق ئۈچۈن يېزىلغان ئۇيغۇرچە تېكىست.", "ug") == []
    assert runs("Un texte 中文", "fr") == runs("Un texte 中文", "") == runs("Un texte 中文", None) == []


def test_a_lang_value_names_the_same_language_whatever_its_case_and_subtags():
    assert [language_of(code) for code in ("zh-cn", "zh-Hans-CN", "zh", "ug-Arab", "UG", "en-GB", "fr", "", None)] == [
        "zh-CN",
        "zh-CN",
        "zh-CN",
        "ug",
        "ug",
        "en",
        None,
        None,
        None,
    ]


def test_the_filter_escapes_the_text_and_wraps_each_run():
    assert marked_up("<b>其他语言版本（English）") == Markup(
        '&lt;b&gt;其他语言版本（<span lang="en" dir="ltr">English</span>）'
    )
    assert marked_up("Notice 通知", "en") == Markup('Notice <span lang="zh-CN" dir="ltr">通知</span>')
    assert marked_up(None) == Markup("")


def test_the_filter_returns_markup_as_it_is_given():
    assert marked_up(Markup("<em>English</em>")) == Markup("<em>English</em>")


# --- Marking a body ----------------------------------------------------------------------------


def marked(html, lang="zh-CN"):
    """*html* as a body, marked in *lang*: (whether it changed, its HTML, its body before)."""
    before = ItemBody(html)
    body = ItemBody(html)
    body.changed = mark_runs_in_tree(body.root, lang)
    return body.changed, body.html, before


def test_a_chinese_body_gets_a_span_around_each_run_and_keeps_its_text():
    html = '<h2 id="一">一、适用范围</h2>\n<p>申请资质认定（CMA）的机构，见 <a href="/x/">Service Guide</a> 和 ئۇيغۇرچە 版本。</p>'
    changed, after, before = marked(html)
    assert changed
    assert after == (
        '<h2 id="一">一、适用范围</h2>\n<p>申请资质认定（<span lang="en" dir="ltr">CMA</span>）的机构，见 '
        '<a href="/x/"><span lang="en" dir="ltr">Service Guide</span></a> 和 '
        '<span lang="ug" dir="rtl">ئۇيغۇرچە</span> 版本。</p>'
    )
    assert ItemBody(after).blocks == before.blocks
    assert ADDED_SPAN_RE.sub(r"\1", after) == html


def test_an_element_with_a_lang_of_its_own_sets_the_language_around_its_text():
    _, after, _ = marked('<p>中文</p><blockquote lang="en"><p>Quoted from 示例局 here</p></blockquote>')
    assert after == (
        '<p>中文</p><blockquote lang="en"><p>Quoted from <span lang="zh-CN" dir="ltr">示例局</span> here</p></blockquote>'
    )
    _, after, _ = marked("<p>English 中文</p>", lang="en")
    assert after == '<p>English <span lang="zh-CN" dir="ltr">中文</span></p>'


def test_code_hidden_parts_attributes_and_an_editors_span_with_a_lang_are_left_as_written():
    html = (
        '<p title="English title">运行 <code>make build</code>，'
        '<span lang="zh-CN">GB</span> 2760，<span hidden>Hidden words</span></p>\n<pre>git log --oneline</pre>'
    )
    changed, after, _ = marked(html)
    assert (changed, after) == (False, html)


def test_the_change_marks_each_body_in_its_items_language_and_returns_the_items_it_changed():
    from pelican.plugins.language_of_parts import mark_language_runs

    chinese = SimpleNamespace(lang="zh-CN", body=ItemBody("<p>资质认定（CMA）</p>"))
    english = SimpleNamespace(lang="en", body=ItemBody("<p>Qualification (CMA)</p>"))
    page = SimpleNamespace(lang="zh-cn", body=ItemBody("<p>无障碍声明</p>"))  # Pelican lower-cases DEFAULT_LANG
    assert mark_language_runs([chinese, english, page], generator=None) == [chinese]
    chinese.body.changed = True
    assert chinese.body.html == '<p>资质认定（<span lang="en" dir="ltr">CMA</span>）</p>'


def sample_bodies():
    """Every item and page of the sample portal, its body rendered as Pelican renders it (its Markdown settings)."""
    settings = PORTAL_SETTINGS["MARKDOWN"]
    for path in sorted(SAMPLE_CONTENT.rglob("*.md")):
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        lang = re.search(r"^Lang:\s*(\S+)", header, re.MULTILINE | re.IGNORECASE)
        html = markdown.markdown(
            body,
            extensions=list(settings["extension_configs"]),
            extension_configs=settings["extension_configs"],
            output_format=settings["output_format"],
        )
        yield path, html, lang[1] if lang else "zh-CN"


def test_no_sample_body_changes_its_text_nor_anything_but_the_spans_added():
    marked_bodies = 0
    for path, html, lang in sample_bodies():
        changed, after, before = marked(html, lang)
        marked_bodies += changed
        assert ItemBody(after).blocks == before.blocks, path
        assert ADDED_SPAN_RE.sub(r"\1", after) == before.html, path
    assert marked_bodies >= 3, "the sample has bodies with runs in another language"


# --- The built portal --------------------------------------------------------------------------


def test_the_language_of_a_translation_link_is_marked(fixture_site):
    original = read_page(fixture_site, "responses/zh-original/")
    labels = {
        span.get_text(): (span["lang"], span["dir"])
        for item in original.select(".relations li")
        for span in item.find_all("span", recursive=False)
    }
    assert labels == {"ئۇيغۇرچە": ("ug", "rtl"), "English": ("en", "ltr")}


@pytest.mark.parametrize("path, lang", [("responses/ug-translation/", "ug"), ("responses/en-notice/", "en")])
def test_the_title_of_an_item_in_another_language_is_wholly_in_that_language(fixture_site, path, lang):
    page = read_page(fixture_site, path)
    title = page.title.get_text()
    assert page.html["lang"] == lang
    assert title == f"{page.h1.get_text()} - {PORTAL_SETTINGS['SITENAME_BY_LANG'][lang]}"
    assert not HAN_RE.search(title)


def test_the_sample_items_in_uyghur_and_english_have_titles_without_chinese(sample_site):
    pages = {
        lang: read_page(sample_site, path)
        for lang, path in [
            ("ug", "emergency/2019-spring-festival-consumer-warning-ug/"),
            ("en", "licensing-list/en-inspection-body-qualification-guide/"),
        ]
    }
    for lang, page in pages.items():
        assert page.html["lang"] == lang
        assert page.title.get_text().endswith(PORTAL_SETTINGS["SITENAME_BY_LANG"][lang])
        assert not HAN_RE.search(page.title.get_text())


def test_the_site_has_a_name_in_every_language_an_item_may_be_in():
    names = PORTAL_SETTINGS["SITENAME_BY_LANG"]
    assert set(names) == set(LANGUAGES)
    assert names["zh-CN"] == PORTAL_SETTINGS["SITENAME"]
    assert all(not foreign_runs(name, lang) for lang, name in names.items())


def test_a_chinese_body_with_an_english_run_is_built_with_its_span(sample_site):
    page = read_page(sample_site, "service-guides/inspection-body-qualification/")
    assert page.html["lang"] == "zh-CN"
    spans = page.select('.item-body span[lang="en"][dir="ltr"]')
    assert "CMA" in [span.get_text() for span in spans]


def test_a_uyghur_link_label_in_the_chinese_original_is_built_with_its_span(sample_site):
    page = read_page(sample_site, "emergency/2019-spring-festival-consumer-warning/")
    span = page.select_one('.relations li > span[lang="ug"]')
    assert (span.get_text(), span["dir"]) == ("ئۇيغۇرچە", "rtl")
