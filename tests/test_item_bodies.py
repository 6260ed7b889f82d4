"""Each body parsed once (portal.item_body, plugin item_bodies): its HTML, text blocks, hidden parts, sections,
links, the order of its changes, and one parse per body in a real build."""

import json
import subprocess
from types import SimpleNamespace

import pytest
from pelican.plugins import item_bodies
from sites import FIXTURE_CONTENT, FIXTURE_NOW, ROOT, build_environment, pelican_command

from portal.item_body import (
    CAPTION,
    CELL,
    HEADER_CELL,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    PREFORMATTED,
    ItemBody,
    TextBlock,
    is_hidden,
)

#: A body as the reader makes it (Markdown, then the sanitizer): its bytes are written again unchanged.
GUIDE_BODY = """<h2 id="申请材料">申请材料</h2>
<table class="stacked-table">
<thead>
<tr>
<th scope="col">材料名称</th>
<th scope="col">份数</th>
</tr>
</thead>
<tbody>
<tr>
<td data-label="材料名称">申请书</td>
<td data-label="份数">1</td>
</tr>
</tbody>
</table>
<h2 id="办理流程">办理流程</h2>
<ol>
<li>受理：<strong>当场</strong>受理</li>
<li>决定：作出决定</li>
</ol>
<h2 id="意见采纳情况">意见采纳情况</h2>
<p>共收到意见5条。<br>
详见<a href="/attachments/a%20b.pdf">附件</a>&amp;说明&nbsp;&lt;二&gt;。</p>"""


def kinds_and_texts(body):
    return [(block.kind, block.text) for block in ItemBody(body).blocks]


# --- The HTML --------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        GUIDE_BODY,
        "",
        "\n<p>前面的空白和后面的都留下。</p>\n\n",
        "&nbsp;<p>x</p>",
        "正文<p>段落</p>结尾",
        '<p title="引号&quot;和\'">x</p><img alt="图" src="/images/a.png"><hr><pre>\n\n代码</pre>',
        '<audio controls="" src="/a.mp3"></audio><table><tbody><tr><td>x</td></tr></tbody></table>',
    ],
)
def test_the_tree_is_written_byte_for_byte_as_it_was_read(markup):
    body = ItemBody(markup)
    body.changed = True
    assert body.html == markup


def test_a_changed_tree_is_written_and_the_rest_stays_as_read():
    body = ItemBody(GUIDE_BODY)
    body.sections["办理流程"].first("ol").set("start", "3")
    assert body.html == GUIDE_BODY
    body.changed = True
    assert body.html == GUIDE_BODY.replace("<ol>", '<ol start="3">')


# --- What is hidden from readers ----------------------------------------------------


def test_hidden_and_aria_hidden_elements_are_hidden_and_nothing_else():
    body = ItemBody('<p hidden>a</p><p aria-hidden="true">b</p><p aria-hidden="false">c</p><p>d</p>')
    assert [is_hidden(element) for element in body.root] == [True, True, False, False]


def test_what_is_hidden_is_left_out_of_the_readable_html_and_the_text_but_not_its_tail():
    body = ItemBody('<p>看得见<span aria-hidden="true">看不见</span>的字</p><div hidden><p>藏起来的段落</p></div>尾')
    assert body.readable_html == "<p>看得见的字</p>尾"
    assert body.text == "看得见的字 尾"
    assert "看不见" in body.html and "藏起来的段落" in body.html


def test_a_drawing_is_written_as_given_and_hidden_from_readers():
    body = ItemBody("<p>列表</p>")
    drawing = '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><rect/></svg>'
    body.root.append(body.drawing(drawing))
    body.changed = True
    assert body.html == "<p>列表</p>" + drawing
    assert body.readable_html == "<p>列表</p>"
    assert body.text == "列表"


# --- The text blocks ---------------------------------------------------------------


def test_blocks_follow_the_reading_order_with_their_kinds():
    assert kinds_and_texts(GUIDE_BODY) == [
        (HEADING, "申请材料"),
        (HEADER_CELL, "材料名称"),
        (HEADER_CELL, "份数"),
        (CELL, "申请书"),
        (CELL, "1"),
        (HEADING, "办理流程"),
        (LIST_ITEM, "受理：当场受理"),
        (LIST_ITEM, "决定：作出决定"),
        (HEADING, "意见采纳情况"),
        (PARAGRAPH, "共收到意见5条。"),
        (PARAGRAPH, "详见附件&说明\xa0<二>。"),
    ]


def test_a_heading_has_its_level_and_a_list_item_its_number_on_its_first_block():
    blocks = ItemBody(
        '<h3>小标题</h3><ol start="4"><li>四<ul><li>其中</li></ul>续</li><li value="9">九</li>'
        "<li>十</li></ol><ul><li>无序</li></ul>"
    ).blocks
    assert blocks[0].level == 3
    assert [(block.text, block.number) for block in blocks[1:]] == [
        ("四", 4),
        ("其中", 0),
        ("续", 0),
        ("九", 9),
        ("十", 10),
        ("无序", 0),
    ]


def test_a_table_cell_knows_its_table_row_and_column_header():
    body = ItemBody(
        "<table><caption>表一</caption><thead><tr><th>名称</th><th>数量</th></tr></thead><tbody>"
        "<tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td><td>多出的</td></tr></tbody></table>"
        "<table><tbody><tr><td><p>另一表</p></td></tr></tbody></table>"
    )
    assert body.blocks == [
        TextBlock(CAPTION, "表一", table=1),
        TextBlock(HEADER_CELL, "名称", table=1),
        TextBlock(HEADER_CELL, "数量", table=1),
        TextBlock(CELL, "甲", table=1, row=1, label="名称"),
        TextBlock(CELL, "1", table=1, row=1, label="数量"),
        TextBlock(CELL, "乙", table=1, row=2, label="名称"),
        TextBlock(CELL, "2", table=1, row=2, label="数量"),
        TextBlock(CELL, "多出的", table=1, row=2),
        TextBlock(CELL, "另一表", table=2, row=1),
    ]


def test_text_is_collapsed_as_readers_see_it_and_keeps_its_language():
    blocks = ItemBody(
        '<p lang="en">Two\n  lines, <em>one</em> block</p><div lang="ug"><p>بۇ</p></div>'
        "<p>第一条\u3000总则</p><pre>第一行\n  第二行</pre>"
    ).blocks
    assert [(block.kind, block.text, block.lang) for block in blocks] == [
        (PARAGRAPH, "Two lines, one block", "en"),
        (PARAGRAPH, "بۇ", "ug"),
        (PARAGRAPH, "第一条\u3000总则", ""),
        (PREFORMATTED, "第一行", ""),
        (PREFORMATTED, "第二行", ""),
    ]


# --- Sections and links ----------------------------------------------------------------


def test_sections_by_heading_text_with_their_anchor_and_elements():
    sections = ItemBody(GUIDE_BODY + '<h2 id="办理流程_1">办理流程</h2><p>第二个同名小节</p>').sections
    assert list(sections) == ["申请材料", "办理流程", "意见采纳情况"]
    process = sections["办理流程"]
    assert (process.anchor, process.heading.tag, [element.tag for element in process.elements]) == (
        "办理流程",
        "h2",
        ["ol"],
    )
    assert process.first("ol") is process.elements[0] and process.first("table") is None
    assert sections["意见采纳情况"].anchor == "意见采纳情况"


def test_the_sections_are_those_of_the_body_as_read():
    body = ItemBody(GUIDE_BODY)
    wrapper = body.root.makeelement("div", {})
    heading = body.sections["办理流程"].heading
    heading.addprevious(wrapper)
    wrapper.append(heading)
    assert body.sections["办理流程"].heading is heading


def test_links_are_every_href_and_src_unresolved():
    body = ItemBody(
        '<p><a href="{filename}/x.md">x</a><img alt="" src="/images/a.png"></p>'
        '<p hidden><a href="/hidden/">y</a></p>' + GUIDE_BODY
    )
    assert body.links == ["{filename}/x.md", "/images/a.png", "/hidden/", "/attachments/a%20b.pdf"]


# --- The stage: the order of the changes ------------------------------------------------------


def test_a_change_under_a_name_the_stage_does_not_know_is_refused(monkeypatch):
    monkeypatch.setattr(item_bodies, "CHANGES", {})
    with pytest.raises(ValueError, match="'captions' is not a body change"):
        item_bodies.register_change("captions", lambda items, generator: None)
    assert item_bodies.CHANGES == {}


def test_the_plugins_register_their_changes_under_the_stages_names(monkeypatch):
    from pelican.plugins import item_images, language_of_parts, process_flowcharts

    monkeypatch.setattr(item_bodies, "CHANGES", {})
    item_images.register()
    process_flowcharts.register()
    language_of_parts.register()
    assert item_bodies.CHANGES == {
        "flowchart": process_flowcharts.add_flowcharts,
        "images": item_images.add_image_attributes,
        "language_of_parts": language_of_parts.mark_language_runs,
    }


def test_changes_are_made_in_the_stated_order_whatever_order_they_were_registered_in(monkeypatch):
    monkeypatch.setattr(item_bodies, "CHANGES", {})
    made = []

    def change(name):
        def make(items, generator):
            made.append(name)
            item = items[0]
            item.body.root.append(item.body.root.makeelement("p", {"class": name}))
            return [item]

        return make

    for name in reversed(item_bodies.CHANGE_ORDER):
        item_bodies.register_change(name, change(name))
    item, page = (SimpleNamespace(_content=f"<p>{text}</p>\n", translations=[]) for text in ("正文", "页面"))
    generator = SimpleNamespace(context={"articles": [item], "pages": [page]})
    item_bodies.parse_bodies(generator)
    item_bodies.make_changes(generator)
    assert made == list(item_bodies.CHANGE_ORDER) == ["flowchart", "images", "language_of_parts"]
    assert (
        item._content == '<p>正文</p>\n<p class="flowchart"></p><p class="images"></p><p class="language_of_parts"></p>'
    )
    assert page._content == "<p>页面</p>\n"


# --- One parse per body in a build ---------------------------------------------------------


def is_document(markup):
    return markup.lstrip()[:9].lower().startswith(("<!doctype", "<html"))


def parses_of(body, parses):
    """The parses whose input is *body* or holds it, but whole pages (the plain-text twins parse those)."""
    return [
        parse
        for parse in parses
        if not is_document(parse["markup"])
        and any(version in parse["markup"] for version in {body["read"], body["written"]})
    ]


@pytest.fixture(scope="module")
def counted_build(tmp_path_factory):
    """The fixture site built once, cold, with its parses counted (tests/parse_counting.py) and audio planned."""
    folder = tmp_path_factory.mktemp("parses")
    report = folder / "parses.json"
    command = pelican_command(
        FIXTURE_CONTENT,
        folder / "output",
        DISCLOSURE_NOW=FIXTURE_NOW,
        AUDIO_ENABLED=True,
        AUDIO_CACHE_PATH=str(folder / "audio"),
    )
    command[1:3] = [str(ROOT / "tests" / "parse_counting.py"), str(report)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=build_environment(), check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_every_body_of_a_build_is_parsed_once(counted_build):
    """Once, by item_bodies, whatever reads or changes it after.

    While Pelican reads a file, the reader checks the HTML Markdown made (the
    sanitizer's list of what it removes): that HTML is not yet the body, and a
    warm build, whose reader cache holds the reading, does not read the file.
    """
    bodies = counted_build["bodies"]
    reading = [parse["parser"] for parse in counted_build["parses"] if parse["reading"]]
    assert set(reading) == {"HTMLParser.feed"}
    parses = [parse for parse in counted_build["parses"] if not parse["reading"]]
    assert len(bodies) == 13, "the fixture site's 11 items and 2 pages"
    assert all(sum(body["read"] in other["read"] for other in bodies.values()) == 1 for body in bodies.values()), (
        "no body holds another"
    )
    counts = {path: [parse["parser"] for parse in parses_of(body, parses)] for path, body in bodies.items()}
    assert counts == {path: ["lxml.html.fragment_fromstring"] for path in bodies}


def test_the_count_covers_changed_bodies_and_leaves_out_only_whole_pages(counted_build):
    bodies = counted_build["bodies"]
    changed = [path for path, body in bodies.items() if body["read"] != body["written"]]
    assert sorted(path.rpartition("/")[2] for path in changed) == ["rule-2019.md", "test-license.md"]
    assert any(
        is_document(parse["markup"]) and bodies[changed[0]]["written"] in parse["markup"]
        for parse in counted_build["parses"]
    ), "the twins parse the pages, bodies and all"
