"""Text prepared for listening (portal.speech.spoken): numbers, scripts, chunks, tables."""

import pytest

from portal.item_body import ItemBody
from portal.speech.spoken import (
    MAX_CHUNK,
    chunks,
    normalize_chinese_numbers,
    read_aloud_lines,
    script_runs,
    segments,
)

VOICES = {"zh": "cmn-latn-pinyin", "en": "en-us", "ug": "ug"}


@pytest.mark.parametrize(
    "written, spoken",
    [
        ("2019年5月6日发布", "二零一九年五月六日发布"),
        ("日期2019-05-06", "日期二零一九年五月六日"),
        ("占比36.6%", "占比百分之三十六点六"),
        ("金额126.48万元", "金额一百二十六点四八万元"),
        ("共1,872条", "共一千八百七十二条"),
        ("示市监规〔2019〕3号", "示市监规〔二零一九〕三号"),
        ("拨打12315热线", "拨打幺二三幺五热线"),
        ("电话0999-1234567", "电话零九九九幺二三四五六七"),
        ("第10-20页", "第十至二十页"),
        ("从44项精简为10项", "从四十四项精简为十项"),
    ],
)
def test_numbers_are_written_out_in_chinese(written, spoken):
    assert normalize_chinese_numbers(written) == spoken


def test_runs_follow_the_script_and_neutral_characters_join_their_run():
    assert script_runs("本局发布CSV格式数据 2019年。بۇ سىناق 12 ئۈچۈن", "zh") == [
        ("zh", "本局发布"),
        ("en", "CSV"),
        ("zh", "格式数据 2019年。"),
        ("ug", "بۇ سىناق 12 ئۈچۈن"),
    ]


def test_chunks_stay_under_the_limit_and_cut_at_sentence_ends():
    text = "第一句话说完了。" * 120
    pieces = chunks(text)
    assert all(len(piece) <= MAX_CHUNK for piece in pieces)
    assert all(piece.endswith("。") for piece in pieces)
    assert "".join(pieces) == text
    long_sentence = "没有标点" * 200
    assert [len(piece) for piece in chunks(long_sentence)] == [500, 300]


def test_tables_are_read_row_by_row_with_their_column_names():
    html = """<h2>申请材料</h2><table><thead><tr><th>材料名称</th><th>份数</th></tr></thead>
      <tbody><tr><td>申请书</td><td>1</td></tr><tr><td>营业执照</td><td>2</td></tr></tbody></table>
      <ol><li>受理</li><li>决定</li></ol><ul><li>地点</li></ul>"""
    assert read_aloud_lines(ItemBody(html).blocks) == [
        "申请材料",
        "表格。",
        "第1行，材料名称：申请书；份数：1。",
        "第2行，材料名称：营业执照；份数：2。",
        "第1项，受理",
        "第2项，决定",
        "地点",
    ]


def test_the_body_is_read_as_readers_see_it():
    html = """<p><strong>主持人：</strong>各位网友，<a href="/x/">大家好</a>。</p><p>示例局<br>
      2019年12月2日</p><table><caption>统计表</caption><tbody><tr><td>一</td><td>二</td></tr></tbody></table>
      <ol start="3"><li>审查</li></ol><p aria-hidden="true">不读</p><p>第一条\u3000总则</p>"""
    assert read_aloud_lines(ItemBody(html).blocks) == [
        "主持人：各位网友，大家好。",
        "示例局",
        "2019年12月2日",
        "表格：统计表。",
        "第1行，一；二。",
        "第3项，审查",
        "第一条 总则",
    ]


def test_each_language_gets_its_voice():
    planned = segments(["Notice on prices", "价格通知 2019年", "باھا ئۇقتۇرۇشى"], "en", VOICES)
    assert planned == [
        ("en-us", "Notice on prices."),
        ("cmn-latn-pinyin", "价格通知 二零一九年。"),
        ("ug", "باھا ئۇقتۇرۇشى."),
    ]
    assert all(len(text) <= MAX_CHUNK for _, text in segments(["很长的句子。" * 300], "zh", VOICES))
