"""What may enter a build: one definition of an item, links that publish nothing unpublished, nothing from outside.

Each adversarial case plants one input into a copy of the fixture site and names
the one problem the content check must report (file, key, what is wrong).  A few
real builds show the check, the publishing rule of pages and the static guard at
work end to end.
"""

import os
import shutil

import pytest
from leak_scan import scan
from pelican.settings import read_settings
from sites import FIXTURE_CONTENT, FIXTURE_NOW, SETTINGS, build_site

from portal.content_check import validate_site
from portal.content_check.validator import published_header
from portal.content_model.header import split_header
from portal.content_model.publishing import build_time, is_page_published

#: Six lines: an extra key is line 7 of an item.
ITEM_HEADER = """Title: 一条合格的信息
Date: 2019-05-06
Category: normative
Index_no: 11990000MB1A0827X6/2019-00500
Publisher: 测试局
Disclosure: 主动公开
"""
PAGE_HEADER = "Title: 一个页面\n"
WITHHELD = "canaries/canary-withheld-file.md"
WITHHELD_ATTACHMENT = "attachments/canary-withheld-attachment.txt"
DEEP_LIST = "\n".join("    " * level + f"- 第{level + 1}层" for level in range(300))


def text(header, extra, body):
    return header + (extra + "\n" if extra else "") + "\n" + body + "\n"


def item(extra="", body="正文。"):
    """A valid published item, with *extra* header lines and *body*."""
    return text(ITEM_HEADER, extra, body)


def page(extra="", body="正文。"):
    return text(PAGE_HEADER, extra, body)


class Link:
    """A symbolic link to plant, to *target* (relative to the planted link's content folder if not absolute)."""

    def __init__(self, target):
        self.target = target


# (planted files, expected problems as (file, key, what)): one adversarial input each.
CASES = {
    # One definition of an item: every file among items and pages is an item Pelican reads, or refused.
    "an item with the .markdown extension": (
        {"regulations/notice.markdown": item()},
        [("regulations/notice.markdown", "", "扩展名为 .markdown 的文件不会被读取，这个条目不会发布")],
    ),
    "an item with the .mkd extension": (
        {"regulations/notice.mkd": item()},
        [("regulations/notice.mkd", "", "扩展名为 .mkd 的文件不会被读取，这个条目不会发布")],
    ),
    "an item with the .mdown extension": (
        {"regulations/notice.mdown": item()},
        [("regulations/notice.mdown", "", "扩展名为 .mdown 的文件不会被读取，这个条目不会发布")],
    ),
    "an item written as .html": (
        {"regulations/notice.html": "<html><head><title>x</title></head><body>正文</body></html>"},
        [("regulations/notice.html", "", "不是条目文件：.html文件不会发布")],
    ),
    "an item written as .htm": (
        {"regulations/notice.htm": "<html><head><title>x</title></head></html>"},
        [("regulations/notice.htm", "", "不是条目文件：.htm文件不会发布")],
    ),
    "a reStructuredText page": (
        {"pages/about.rst": "关于\n====\n"},
        [("pages/about.rst", "", "不是条目文件：.rst文件不会发布")],
    ),
    "a dot-file item": (
        {"regulations/.notice.md": item()},
        [("regulations/.notice.md", "", "文件名或所在文件夹名以点开头，这个文件永远不会发布")],
    ),
    "an item in a dot-folder": (
        {".drafts/notice.md": item()},
        [(".drafts/notice.md", "", "文件名或所在文件夹名以点开头，这个文件永远不会发布")],
    ),
    "a Markdown file among the attachments": (
        {"attachments/notes.md": item()},
        [("attachments/notes.md", "", "Markdown 文件放在附件或图片文件夹里，会被原样复制到网站，而不是作为条目发布")],
    ),
    "a page with an unknown Disclosure": (
        {"pages/open.md": page("Disclosure: 公开")},
        [("pages/open.md", "Disclosure", "'公开' is unknown")],
    ),
    "a withheld page without its legal ground": (
        {"pages/secret.md": page("Disclosure: 不予公开")},
        [("pages/secret.md", "Withhold_basis", "missing for a 不予公开 item")],
    ),
    "a page with an unknown Status": (
        {"pages/old.md": page("Status: archived")},
        [("pages/old.md", "Status", "'archived' is unknown")],
    ),
    "a page with a malformed Date": (
        {"pages/dated.md": page("Date: 2099-13-01")},
        [("pages/dated.md", "Date", "'2099-13-01' is not a valid date")],
    ),
    "a page with a key of no page": (
        {"pages/filed.md": page("Category: normative")},
        [("pages/filed.md", "Category", "不是页面的键")],
    ),
    "Slug '..' on an item": (
        {"regulations/notice.md": item("Slug: ..")},
        [("regulations/notice.md", "Slug", "'..' 不是安全的 Slug")],
    ),
    "Slug '../text/catalog' on an item": (
        {"regulations/notice.md": item("Slug: ../text/catalog")},
        [("regulations/notice.md", "Slug", "'../text/catalog' 不是安全的 Slug")],
    ),
    "Slug '..' on a page": ({"pages/home.md": page("Slug: ..")}, [("pages/home.md", "Slug", "'..' 不是安全的 Slug")]),
    "a page file name without letters or digits": (
        {"pages/。.md": page()},
        [("pages/。.md", "Slug", "文件名里没有英文字母或数字，网址会是空的")],
    ),
    "Save_as on a page": (
        {"pages/home.md": page("Save_as: index.html")},
        [("pages/home.md", "Save_as", "Save_as 会改变页面写到哪里或用什么模板，内容模型不允许")],
    ),
    "Url on an item": (
        {"regulations/notice.md": item("Url: search/")},
        [("regulations/notice.md", "Url", "Url 会改变页面写到哪里或用什么模板，内容模型不允许")],
    ),
    "Template on an item": (
        {"regulations/notice.md": item("Template: missing-template")},
        [("regulations/notice.md", "Template", "Template 会改变页面写到哪里或用什么模板，内容模型不允许")],
    ),
    "Lang_save_as on a page": (
        {"pages/home.md": page("Lang_save_as: ../x.html")},
        [("pages/home.md", "Lang_save_as", "Lang_save_as 会改变页面写到哪里或用什么模板，内容模型不允许")],
    ),
    "an unsupported Lang on a page": (
        {"pages/french.md": page("Lang: fr")},
        [("pages/french.md", "Lang", "'fr' is not a supported language")],
    ),
    "a key hidden behind a control character": (
        {"regulations/notice.md": item("Sa\x02ve_as: ../index.html")},
        [("regulations/notice.md", "Save_as", "第 7 行含看不见的控制字符 U+0002")],
    ),
    "a key written twice": (
        {"regulations/notice.md": item("Title: 另一个标题")},
        [("regulations/notice.md", "Title", "第 7 行又写了一次这个键")],
    ),
    "a bidirectional override in a Title": (
        {"regulations/notice.md": item().replace("一条合格", "\u202e一条合格")},
        [("regulations/notice.md", "Title", "第 1 行含看不见的双向文本控制字符 U+202E")],
    ),
    "a NUL byte": (
        {"regulations/notice.md": item(body="正文\0。").encode()},
        [("regulations/notice.md", "", "第 8 行含 NUL 字节，这不是文本文件")],
    ),
    "a file in GBK": (
        {"regulations/notice.md": item().encode("gbk")},
        [("regulations/notice.md", "", "不是 UTF-8 编码的文本（第 1 行有无法解码的字节）")],
    ),
    "Modified: x": (
        {"regulations/notice.md": item("Modified: x")},
        [("regulations/notice.md", "Modified", "'x' 不是有效的日期")],
    ),
    "a list nested 300 deep": (
        {"regulations/notice.md": item(body=DEEP_LIST)},
        [("regulations/notice.md", "", "第 28 行的列表或引用嵌套了 21 层，Markdown 无法转换")],
    ),
    "a quote nested 30 deep": (
        {"regulations/notice.md": item(body="> " * 30 + "引文")},
        [("regulations/notice.md", "", "第 8 行的列表或引用嵌套了 30 层，Markdown 无法转换")],
    ),
    "a page slug that is the portal's search page": (
        {"pages/finder.md": page("Slug: search")},
        [("pages/finder.md", "Slug", "页面网址 /search/ 是网站自己的网址")],
    ),
    "a page file named after the search index": (
        {"pages/pagefind.md": page()},
        [("pages/pagefind.md", "Slug", "页面网址 /pagefind/ 是网站自己的网址")],
    ),
    "a page slug that is a catalog node": (
        {"pages/rules.md": page("Slug: normative")},
        [("pages/rules.md", "Slug", "'normative' is also a catalog node id")],
    ),
    "a page slug taken by another page": (
        {"pages/guide-copy.md": page("Slug: guide")},
        [
            ("pages/guide-copy.md", "Slug", "页面网址 /guide/ 也由 {content}/pages/guide.md 生成"),
            ("pages/guide.md", "Slug", "页面网址 /guide/ 也由 {content}/pages/guide-copy.md 生成"),
        ],
    ),
    # Links never publish what is not public.
    "a {filename} link to a withheld item": (
        {"regulations/notice.md": item(body=f"见[此]({{filename}}/{WITHHELD})。")},
        [("regulations/notice.md", "", f"链接 '{{filename}}/{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "a {static} link to a withheld item": (
        {"regulations/notice.md": item(body=f"见[此]({{static}}../{WITHHELD})。")},
        [("regulations/notice.md", "", f"链接 '{{static}}../{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "an {attach} link to a withheld item": (
        {"regulations/notice.md": item(body=f"见[此]({{attach}}/{WITHHELD})。")},
        [("regulations/notice.md", "", f"链接 '{{attach}}/{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "an {index} link to a withheld item": (
        {"regulations/notice.md": item(body=f"见[此]({{index}}/{WITHHELD})。")},
        [("regulations/notice.md", "", f"链接 '{{index}}/{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "an old |filename| link to a withheld item": (
        {"regulations/notice.md": item(body=f"见[此](|filename|/{WITHHELD})。")},
        [("regulations/notice.md", "", f"链接 '|filename|/{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "a {filename} link in raw HTML to a withheld item": (
        {"regulations/notice.md": item(body=f'<a href="{{filename}}../{WITHHELD}">此</a>')},
        [("regulations/notice.md", "", f"链接 '{{filename}}../{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "a relative Markdown link to a withheld item's source": (
        {"regulations/notice.md": item(body=f"见[此](../{WITHHELD})。")},
        [("regulations/notice.md", "", f"链接 '../{WITHHELD}' 指向未发布的 {WITHHELD}")],
    ),
    "a relative link to a withheld item's page": (
        {"regulations/notice.md": item(body="见[此](../../responses/canary-withheld-file/)。")},
        [("regulations/notice.md", "", f"链接 '../../responses/canary-withheld-file/' 指向未发布的 {WITHHELD}")],
    ),
    "a raw-HTML link to an embargoed item's page": (
        {"regulations/notice.md": item(body='<a href="/responses/canary-embargoed-file/">此</a>')},
        [
            (
                "regulations/notice.md",
                "",
                "链接 '/responses/canary-embargoed-file/' 指向未发布的 canaries/canary-embargoed-file.md",
            )
        ],
    ),
    "an image of a withheld item's attachment": (
        {"regulations/notice.md": item(body=f"![附件](/{WITHHELD_ATTACHMENT})")},
        [
            (
                "regulations/notice.md",
                "",
                f"链接 '/{WITHHELD_ATTACHMENT}' 指向未发布条目 {WITHHELD} 的附件 {WITHHELD_ATTACHMENT}",
            )
        ],
    ),
    "a reference link to a withheld item's attachment": (
        {"regulations/notice.md": item(body=f"见[附件][a]。\n\n[a]: {{static}}/{WITHHELD_ATTACHMENT}")},
        [
            (
                "regulations/notice.md",
                "",
                f"链接 '{{static}}/{WITHHELD_ATTACHMENT}' 指向未发布条目 {WITHHELD} 的附件 {WITHHELD_ATTACHMENT}",
            )
        ],
    ),
    "a page linking to a draft item": (
        {"pages/see-also.md": page(body="见[此]({filename}/canaries/canary-draft-file.md)。")},
        [
            (
                "pages/see-also.md",
                "",
                "链接 '{filename}/canaries/canary-draft-file.md' 指向未发布的 canaries/canary-draft-file.md",
            )
        ],
    ),
    "a {static} link to a published item's source": (
        {"regulations/notice.md": item(body="见[此]({static}/regulations/normative/policy-2019.md)。")},
        [
            (
                "regulations/notice.md",
                "",
                "链接 '{static}/regulations/normative/policy-2019.md' 会把 Markdown 源文件 "
                "regulations/normative/policy-2019.md 原样复制到网站",
            )
        ],
    ),
    "a {static} link to a file that does not exist": (
        {"regulations/notice.md": item(body="![图](/images/missing.png) ![图]({static}/images/missing.png)")},
        [("regulations/notice.md", "", "链接 '{static}/images/missing.png' 要复制的文件 images/missing.png 不存在")],
    ),
    # Nothing from outside the content folder.
    "a symbolic link attachment to /etc/passwd": (
        {"attachments/passwd.txt": Link("/etc/passwd")},
        [("attachments/passwd.txt", "", "是符号链接，指向 /etc/passwd")],
    ),
    "a symbolically linked item": (
        {"regulations/copy.md": Link("regulations/normative/policy-2019.md")},
        [("regulations/copy.md", "", "是符号链接，指向 {content}/regulations/normative/policy-2019.md")],
    ),
    "a symbolically linked folder": (
        {"regulations/mirror": Link("regulations/normative")},
        [("regulations/mirror", "", "是符号链接，指向 {content}/regulations/normative")],
    ),
    "a symbolically linked image": (
        {"images/logo.png": Link("/etc/hostname")},
        [("images/logo.png", "", "是符号链接，指向 /etc/hostname")],
    ),
    "an attachment '../../etc/passwd'": (
        {"regulations/notice.md": item("Attachments: ../../etc/passwd")},
        [("regulations/notice.md", "Attachments", "'../../etc/passwd' 用 '..' 或绝对路径指向附件文件夹以外")],
    ),
    "a {static} link that leaves the content folder": (
        {"regulations/notice.md": item(body="![密码]({static}../../../../etc/passwd)")},
        [("regulations/notice.md", "", "链接 '{static}../../../../etc/passwd' 指向内容文件夹以外")],
    ),
    "a {filename} link from the content root upwards": (
        {"regulations/notice.md": item(body="见[此]({filename}/../secret.md)。")},
        [("regulations/notice.md", "", "链接 '{filename}/../secret.md' 指向内容文件夹以外")],
    ),
    # Body HTML on an allow-list: what the sanitizer would remove is a problem of the check.
    "a <script> in a body": (
        {"regulations/notice.md": item(body="正文。\n\n<script>alert(1)</script>")},
        [("regulations/notice.md", "", "删除了 <script> 元素")],
    ),
    "an onload handler in a body": (
        {"regulations/notice.md": item(body='<p onclick="steal()">正文。</p>')},
        [("regulations/notice.md", "", "删除了属性 onclick（<p>）")],
    ),
    "an iframe of another site in a body": (
        {"regulations/notice.md": item(body='<iframe src="https://evil.example/"></iframe>')},
        [("regulations/notice.md", "", "删除了 <iframe> 元素")],
    ),
    "a meta refresh in a body": (
        {"regulations/notice.md": item(body='<meta http-equiv="refresh" content="0;url=https://evil.example/">')},
        [("regulations/notice.md", "", "删除了 <meta> 元素")],
    ),
    "a javascript: link in Markdown": (
        {"regulations/notice.md": item(body="[点击](javascript:alert(1))")},
        [("regulations/notice.md", "", "删除了不允许的链接 javascript:alert(1)（<a> 的 href）")],
    ),
    "an image of another site by reference": (
        {"regulations/notice.md": item(body="![图][a]\n\n[a]: https://evil.example/track.png")},
        [("regulations/notice.md", "", "删除了来自其他网站的图片 https://evil.example/track.png")],
    ),
}

#: Links and files that stay fine: published targets, attachments of published items, images.
FINE = {
    "a {filename} link to a published item": item(body="见[此]({filename}/regulations/normative/policy-2019.md)。"),
    "a relative link to a published item's page": item(body="见[此](../../normative/policy-2019/)。"),
    "an {attach} link to a published item's attachment": item(
        body="[附件]({attach}/attachments/published-attachment.csv)"
    ),
    "an image of the site": item(body="![2019年各季度抽检合格率柱状图](/images/quarterly-pass-rates.png)"),
    "a link to another site": item(body="见[国务院](https://www.gov.cn/zhengce/)。"),
    "a Slug of letters, digits and hyphens": item("Slug: food-safety-2019"),
    "a Modified date": item("Modified: 2019-05-07 09:30"),
    "an aligned table column": item(body="| 项目 | 数量 |\n| :-- | --: |\n| 抽检 | 12 |"),
    "raw HTML the allow-list keeps": item(body='<p lang="en">Notice <abbr title="State Council">SC</abbr></p>'),
}


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    return folder


def plant(content, files):
    for relative, value in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Link):
            target = value.target if os.path.isabs(value.target) else content / value.target
            path.symlink_to(target)
        elif isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")


def problems_of(content):
    settings = read_settings(str(SETTINGS), override={"PATH": str(content), "DISCLOSURE_NOW": FIXTURE_NOW})
    return [(os.path.relpath(problem.path, content), problem.key, problem.what) for problem in validate_site(settings)]


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_each_adversarial_input_is_one_named_problem(content, files, expected):
    plant(content, files)
    expected = [(file, key, what.replace("{content}", str(content))) for file, key, what in expected]
    assert problems_of(content) == expected


@pytest.mark.parametrize("text", FINE.values(), ids=FINE.keys())
def test_what_is_published_may_be_linked(content, text):
    plant(content, {"regulations/notice.md": text})
    assert problems_of(content) == []


@pytest.mark.parametrize(
    "header, published",
    [
        ("", True),
        ("Disclosure: 主动公开\nDate: 2019-05-06", True),
        ("Disclosure: 不予公开\nWithhold_basis: 条例第十四条", False),
        ("Status: hidden", False),
        ("Status: draft", False),
        ("Date: 2099-01-01", False),
    ],
)
def test_a_page_obeys_the_publishing_rule_of_items(content, header, published):
    settings = read_settings(str(SETTINGS), override={"PATH": str(content), "DISCLOSURE_NOW": FIXTURE_NOW})
    plant(content, {"pages/rule.md": page(header)})
    assert problems_of(content) == []
    metadata, _ = split_header(page(header))
    assert is_page_published(published_header(metadata), build_time(settings)) is published


def test_a_build_with_a_problem_fails_and_names_the_file(content, tmp_path):
    plant(
        content,
        {
            "regulations/notice.markdown": item(),
            "regulations/notice.md": item(body=f"见[此]({{static}}../{WITHHELD})。"),
        },
    )
    result = build_site(content, tmp_path / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "regulations/notice.markdown: 扩展名为 .markdown 的文件不会被读取" in log
    assert f"regulations/notice.md: 链接 '{{static}}../{WITHHELD}' 指向未发布的 {WITHHELD}" in log
    assert "Traceback" not in log and "Could not process" not in log
    assert not (tmp_path / "output").exists()


def test_unpublished_pages_reach_no_output_file(content, tmp_path):
    hidden = {
        "withheld": "Disclosure: 不予公开\nWithhold_basis: 条例第十四条",
        "hidden": "Status: hidden",
        "embargoed": "Date: 2099-01-01",
    }
    plant(
        content,
        {
            f"pages/canary-{name}-page.md": f"Title: PAGE-CANARY-{name}\n{header}\n\nPAGE-CANARY-BODY-{name}\n"
            for name, header in hidden.items()
        },
    )
    output = tmp_path / "output"
    result = build_site(content, output, DISCLOSURE_NOW=FIXTURE_NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "guide" / "index.html").is_file()
    assert len(list(output.rglob("*"))) > 100
    assert (
        scan(output, [f"PAGE-CANARY-{name}" for name in hidden] + [f"PAGE-CANARY-BODY-{name}" for name in hidden]) == []
    )
    assert [path for path in output.rglob("*") if "canary" in path.name] == []


def test_the_static_guard_never_copies_a_source_or_a_file_from_outside(content, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"OUTSIDE-THE-CONTENT")
    plant(
        content,
        {
            "regulations/notice.md": item(body=f"见[此]({{static}}../{WITHHELD})。"),
            "images/outside.png": Link(str(outside)),
        },
    )
    settings = read_settings(str(SETTINGS))
    unchecked = {
        key: [name for name in settings[key] if name != "pelican.plugins.content_validation"]
        for key in ("PLUGINS", "REQUIRED_PLUGINS")
    }
    output = tmp_path / "output"
    result = build_site(content, output, DISCLOSURE_NOW=FIXTURE_NOW, **unchecked)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{content / WITHHELD}: 是 Markdown 源文件，不能原样复制到网站" in log
    assert f"{content / 'images' / 'outside.png'}: 位于内容文件夹以外（{os.path.realpath(outside)}）" in log
    assert not list(output.rglob("*.md")) and not (output / "images" / "outside.png").exists()


def test_an_image_no_published_body_shows_any_more_leaves_the_output(content, tmp_path):
    output = tmp_path / "output"
    assert build_site(content, output, DISCLOSURE_NOW=FIXTURE_NOW).returncode == 0
    assert (output / "images" / "quarterly-pass-rates.png").is_file()
    rule = content / "regulations" / "rules" / "rule-2019.md"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace(
            "![2019年各季度抽检合格率柱状图](/images/quarterly-pass-rates.png)", ""
        ),
        encoding="utf-8",
    )
    # Several builds: Pelican fires static_generator_finalized's receivers in no fixed order.
    for _ in range(3):
        result = build_site(content, output, DISCLOSURE_NOW=FIXTURE_NOW)
        assert result.returncode == 0, result.stdout + result.stderr
        assert not (output / "images" / "quarterly-pass-rates.png").exists()
