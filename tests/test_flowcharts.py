"""Service guides' flowcharts (plugin process_flowcharts): the step notes, their check, the SVG beside the list."""

import re
import shutil
import subprocess
import sys

import pytest
from pelican.plugins.process_flowcharts import chart
from sites import FIXTURE_CONTENT, ROOT, TWINS, build_site, read_page

from portal.content_model.guide_steps import TIME_LIMIT_EXPECTED, Step, StepFormatError, parse_step, step_problems
from portal.item_body import ItemBody
from portal.speech.spoken import read_aloud_lines

GUIDES = [
    "food-related-product-license",
    "industrial-product-license",
    "inspection-body-qualification",
    "measuring-instrument-pattern-approval",
]


# --- Writing a step ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "受理：当场受理（承办：政务服务窗口；时限：1个工作日）",
            Step(1, "受理：当场受理", "受理", "政务服务窗口", "1个工作日"),
        ),
        (
            "受理：当场受理（时限：当场办结；承办：政务服务窗口）",
            Step(1, "受理：当场受理", "受理", "政务服务窗口", "当场办结"),
        ),
        ("评审：现场评审（承办：认证认可与检验检测处）", Step(1, "评审：现场评审", "评审", "认证认可与检验检测处", "")),
        ("决定：作出决定（时限：45个工作日内）", Step(1, "决定：作出决定", "决定", "", "45个工作日内")),
        ("送达：可邮寄送达（不收费）", Step(1, "送达：可邮寄送达（不收费）", "送达", "", "")),
        ("窗口当场受理申请", Step(1, "窗口当场受理申请", "窗口当场受理申请", "", "")),
        (
            "这是一个超过十二个字的步骤名称：内容",
            Step(1, "这是一个超过十二个字的步骤名称：内容", "这是一个超过十二个字的步骤名称：内容", "", ""),
        ),
    ],
    ids=["both", "reversed", "office", "time-limit", "other-parenthesis", "no-name", "long-name"],
)
def test_a_step_gives_its_name_office_and_time_limit(text, expected):
    assert parse_step(1, text) == expected


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("受理（承办：窗口；期限：1个工作日）", "'期限' in the note"),
        ("受理（承办:窗口）", "half-width ':'"),
        ("受理(承办：窗口)", "full-width parentheses"),
        ("受理（承办：窗口）当场办理", "full-width parentheses"),
        ("受理（承办：窗口；承办：处室）", "承办 is given twice"),
        ("受理（承办：；时限：1个工作日）", "承办 is empty"),
        ("受理（时限：三天）", "时限 '三天' is not a time limit"),
        ("受理（承办：窗口，时限：1个工作日）", "holds a colon"),
        ("受理（承办：窗口;时限：1个工作日）", "half-width ';'"),
        ("（承办：窗口）", "no text before its note"),
    ],
)
def test_a_malformed_note_says_what_is_wrong(text, wrong):
    with pytest.raises(StepFormatError) as error:
        parse_step(1, text)
    assert wrong in error.value.args[0]
    assert error.value.args[1]


def test_problems_are_numbered_as_the_reader_sees_the_steps():
    section = "\n说明。\n\n1. 受理（承办：窗口）\n2. 审查（时限：三天）\n    嵌套的说明\n3. 决定（承办：局领导；期限：1天）\n4. 送达（期限：1天）\n"
    assert [number for number, *_ in step_problems(section)] == [2, 3]


# --- Wrapping the chart's text ----------------------------------------------


def test_wrapped_lines_fit_and_never_start_with_closing_punctuation():
    text = "对申请材料、核查报告（含补正材料）和ISO/IEC17025检验报告进行综合审查，并于45个工作日内作出决定。"
    for width in (120, 180, 216):
        lines = chart.wrap(text, width, 16)
        assert "".join(lines) == text
        assert all(chart.text_width(line, 16) <= width for line in lines)
        assert not any(line[0] in chart.NO_BREAK_BEFORE for line in lines)
        assert not any(line[-1] in chart.NO_BREAK_AFTER for line in lines)
        assert any("45个" in line for line in lines) and any("ISO/IEC17025" in line for line in lines)


# --- Content check ------------------------------------------------------------


def test_a_malformed_note_stops_the_build_naming_file_and_step(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    guide = content / "service-guides" / "test-license.md"
    text = guide.read_text(encoding="utf-8")
    text = text.replace("2. 审查：审查申请材料", "2. 审查：审查申请材料（承办：审批处；时限：三天）")
    guide.write_text(text.replace("3. 决定：作出决定", "3. 决定：作出决定（承办:局领导）"), encoding="utf-8")
    result = build_site(content, tmp_path / "output")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "test-license.md: ## 办理流程, step 2: 时限 '三天' is not a time limit" in log
    assert "test-license.md: ## 办理流程, step 3:" in log and "half-width ':'" in log
    assert not (tmp_path / "output" / "service-guides").exists()


def test_invoke_check_reports_a_malformed_note_of_a_draft_guide_once(tmp_path):
    content = shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    guide = content / "service-guides" / "test-license.md"
    text = guide.read_text(encoding="utf-8").replace("Genre: 其他\n", "Genre: 其他\nStatus: draft\n", 1)
    guide.write_text(text.replace("2. 审查：审查申请材料", "2. 审查：审查申请材料（时限：三天）"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert (
        result.stderr.count(f"{guide}: ## 办理流程, step 2: 时限 '三天' is not a time limit ({TIME_LIMIT_EXPECTED})\n")
        == 1
    )
    assert "1 problem found." in result.stderr


# --- The sample portal's guides ------------------------------------------------


def process_parts(site, slug):
    page = read_page(site, f"service-guides/{slug}/")
    wrapper = page.select_one(".item-body .process-flow")
    return page, wrapper, wrapper.find("ol", recursive=False), wrapper.find("svg", recursive=False)


@pytest.mark.parametrize("slug", GUIDES)
def test_a_guide_has_one_chart_node_per_step_in_order(sample_site, slug):
    _, wrapper, steps, svg = process_parts(sample_site, slug)
    assert wrapper.find("h2")["id"] == "办理流程" and wrapper.find("h2").find_next_sibling() is steps
    items = [li.get_text() for li in steps.find_all("li", recursive=False)]
    nodes = svg.select("g.flowchart__step")
    assert len(items) >= 3 and len(nodes) == len(items)
    for number, (item, node) in enumerate(zip(items, nodes), 1):
        step = parse_step(number, item)
        assert node.select_one(".flowchart__number").get_text() == str(number)
        assert "".join(text.get_text() for text in node.select(".flowchart__name")) == step.name
        details = "".join(text.get_text() for text in node.select(".flowchart__detail"))
        assert details == (f"承办：{step.office}" if step.office else "") + (
            f"时限：{step.time_limit}" if step.time_limit else ""
        )


def test_the_samples_show_offices_and_time_limits(sample_site):
    noted = [
        parse_step(1, li.get_text()) for slug in GUIDES for li in process_parts(sample_site, slug)[2].find_all("li")
    ]
    assert sum(bool(step.office) for step in noted) >= 10 and sum(bool(step.time_limit) for step in noted) >= 10
    assert any(step.office and not step.time_limit for step in noted)


@pytest.mark.parametrize("slug", GUIDES)
def test_the_chart_is_hidden_self_contained_and_styled_by_classes(sample_site, slug):
    page, _, _, svg = process_parts(sample_site, slug)
    assert svg["aria-hidden"] == "true" and svg["focusable"] == "false"
    assert "flowchart" in svg["class"]
    for element in [svg, *svg.find_all(True)]:
        assert not {"style", "href", "xlink:href", "id", "role", "tabindex"} & set(element.attrs), element.name
        assert element.name in {"svg", "g", "rect", "circle", "text", "tspan", "path"}
    width, height = (float(value) for value in svg["viewbox"].split()[2:])
    assert width == chart.WIDTH and float(svg["height"]) == height
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "/theme/css/flowchart.css" in stylesheets


def test_only_guides_link_the_stylesheet_and_it_uses_the_pages_colours(sample_site):
    assert not read_page(sample_site, "catalog/").select('link[href$="flowchart.css"]')
    css = (sample_site / "theme" / "css" / "flowchart.css").read_text(encoding="utf-8")
    colours = re.findall(r"(?:fill|stroke|color):\s*([^;]+);", css)
    assert colours and all(re.fullmatch(r"var\(--colour-[a-z-]+\)|Canvas|CanvasText", value) for value in colours)
    assert "forced-colors: active" in css


@pytest.mark.parametrize("slug", GUIDES)
def test_the_twin_keeps_the_list_and_drops_the_chart(sample_site, slug):
    _, _, steps, _ = process_parts(sample_site, slug)
    twin = read_page(sample_site, f"{TWINS}/service-guides/{slug}/")
    twin_steps = twin.find(id="办理流程").find_next_sibling()
    assert twin_steps.name == "ol"
    assert [li.get_text() for li in twin_steps.find_all("li")] == [li.get_text() for li in steps.find_all("li")]
    # (Not "flowchart" anywhere: the 更新记录 shows commit subjects, which may name the feature.)
    assert not twin.find("svg") and not twin.select('[class*="flowchart"]')


@pytest.mark.parametrize("slug", GUIDES)
def test_the_audio_reads_each_step_once(sample_site, slug):
    page, _, steps, svg = process_parts(sample_site, slug)
    lines = read_aloud_lines(ItemBody(str(page.select_one(".item-body"))).blocks)
    chart_texts = {text.get_text() for text in svg.find_all("text")}
    assert not chart_texts & set(lines)
    for number, li in enumerate(steps.find_all("li"), 1):
        assert lines.count(f"第{number}项，{li.get_text()}") == 1


def test_a_guide_without_notes_still_gets_its_chart(fixture_site):
    page = read_page(fixture_site, "service-guides/test-license/")
    names = [text.get_text() for text in page.select(".process-flow svg .flowchart__name")]
    assert names == ["受理", "审查", "决定", "送达"]
    assert not page.select(".process-flow svg .flowchart__detail")


# --- Nu Html Checker -------------------------------------------------------------


@pytest.mark.slow
def test_the_guide_pages_with_their_charts_are_valid_html(sample_site, tmp_path):
    from test_html_validity import vnu_check

    for slug in GUIDES:
        shutil.copy(sample_site / "service-guides" / slug / "index.html", tmp_path / f"{slug}.html")
    checked, errors = vnu_check(tmp_path)
    assert len(checked) == len(GUIDES) and all("<svg" in path.read_text(encoding="utf-8") for path in checked)
    assert not errors, "\n".join(errors)
