"""Body HTML on an allow-list: what the sanitizer removes and keeps, what it says, and that every body is read through it."""

import gzip
import pickle
import shutil
import types
from pathlib import Path

import pytest
from pelican.plugins.body_sanitizer import install_readers
from pelican.plugins.body_sanitizer.readers import (
    REMOVED_MARKUP,
    SanitizedHTMLReader,
    SanitizedMarkdownReader,
    sanitized_readers,
)
from pelican.readers import MarkdownReader, Readers
from pelican.settings import read_settings
from sites import FIXTURE_CONTENT, FIXTURE_NOW, SAMPLE_CONTENT, SETTINGS, TWINS, build_site, read_page

from portal.html_sanitizer import removed_markup, sanitize

PORTAL_SETTINGS = read_settings(str(SETTINGS))

#: (what, body, a message removed_markup gives, what must not be left)
REMOVED = [
    ("script", "<p>正文</p><script>window.hostile = 1</script>", "删除了 <script> 元素", "hostile"),
    (
        "event handler",
        '<img src="/images/a.png" alt="图" onload="window.hostile = 1">',
        "删除了属性 onload（<img>）",
        "hostile",
    ),
    ("onerror", '<img src=x onerror=alert(1) alt="图">', "删除了属性 onerror（<img>）", "alert"),
    (
        "javascript: link",
        '<a href="javascript:alert(1)">链接</a>',
        "删除了不允许的链接 javascript:alert(1)（<a> 的 href）",
        "javascript",
    ),
    (
        "javascript: hidden by case, tab and space",
        '<a href=" JaVa&#9;ScRipt:alert(1)">链接</a>',
        "删除了不允许的链接",
        "alert",
    ),
    ("vbscript: link", '<a href="vbscript:msgbox(1)">链接</a>', "删除了不允许的链接 vbscript:msgbox(1)", "vbscript"),
    (
        "data: link",
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">链接</a>',
        "删除了不允许的链接 data:text/html",
        "data:",
    ),
    (
        "data: image",
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="图">',
        "删除了不允许的图片地址 data:image/png;base64,iVBORw0KGgo=（<img> 的 src）",
        "data:",
    ),
    (
        "iframe",
        '<iframe src="https://evil.example/"><img src=x onerror=alert(1)></iframe>',
        "删除了 <iframe> 元素",
        "evil",
    ),
    ("frameset", '<frameset><frame src="https://evil.example/"></frameset>', "删除了 <frame> 元素", "evil"),
    (
        "object",
        '<object data="https://evil.example/x.swf"><param name="a" value="b"></object>',
        "删除了 <object> 元素",
        "evil",
    ),
    ("embed", '<embed src="https://evil.example/x.swf">', "删除了 <embed> 元素", "evil"),
    (
        "form and inputs",
        '<form action="https://evil.example/"><input name="id"><button>提交</button></form>',
        "删除了 <form> 元素",
        "evil",
    ),
    ("input", '<input type="text" name="id" autofocus onfocus="alert(1)">', "删除了 <input> 元素", "alert"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "删除了 <meta> 元素", "evil"),
    ("base", '<base href="https://evil.example/">', "删除了 <base> 元素", "evil"),
    ("style element", "<style>@import url(https://evil.example/x.css);</style>", "删除了 <style> 元素", "evil"),
    (
        "style attribute",
        '<p style="background: url(https://evil.example/x.png)">正文</p>',
        "删除了属性 style（<p>）",
        "evil",
    ),
    ("link", '<link rel="stylesheet" href="https://evil.example/x.css">', "删除了 <link> 元素", "evil"),
    ("svg with a script", '<svg onload="alert(1)"><script>alert(2)</script></svg>', "删除了 <svg> 元素", "alert"),
    ("math", "<math><mtext><img src=x onerror=alert(1)></mtext></math>", "删除了 <math> 元素", "alert"),
    ("template", "<template><script>alert(1)</script></template>", "删除了 <template> 元素", "alert"),
    ("noscript", "<noscript><img src=x onerror=alert(1)></noscript>", "删除了 <noscript> 元素", "alert"),
    (
        "details toggle",
        '<details open ontoggle="alert(1)"><summary>标题</summary></details>',
        "删除了 <details> 元素",
        "ontoggle",
    ),
    (
        "image of another site",
        '<img src="https://evil.example/x.png" alt="图">',
        "删除了来自其他网站的图片 https://evil.example/x.png",
        "evil",
    ),
    (
        "image of another site, protocol-relative",
        '<img src="//evil.example/x.png" alt="图">',
        "删除了来自其他网站的图片 //evil.example/x.png",
        "evil",
    ),
    (
        "image of another site, behind backslashes",
        '<img src="\\\\evil.example\\x.png" alt="图">',
        "删除了来自其他网站的图片",
        "evil",
    ),
    (
        "image of another site, behind a slash and a backslash",
        '<img src="/\\evil.example/x.png" alt="图">',
        "删除了来自其他网站的图片",
        "evil",
    ),
    (
        "image of another site behind a placeholder",
        '<img src="{static}https://evil.example/x.png" alt="图">',
        "删除了不允许的图片地址 {static}https://evil.example/x.png",
        "evil",
    ),
    (
        "srcset",
        '<img src="/images/a.png" srcset="https://evil.example/x.png 2x" alt="图">',
        "删除了属性 srcset（<img>）",
        "evil",
    ),
    (
        "video of another site",
        '<video src="https://evil.example/v.mp4" controls></video>',
        "删除了来自其他网站的视频 https://evil.example/v.mp4",
        "evil",
    ),
    (
        "audio source of another site",
        '<audio controls><source src="https://evil.example/a.mp3"></audio>',
        "删除了来自其他网站的媒体文件 https://evil.example/a.mp3",
        "evil",
    ),
    (
        "link pinging another site",
        '<a href="https://example.org/" ping="https://evil.example/">链接</a>',
        "删除了属性 ping（<a>）",
        "evil",
    ),
    ("heading level 1", "<h1>第二个标题</h1>", "删除了 <h1> 元素", "<h1"),
]


@pytest.mark.parametrize("body, message, left", [case[1:] for case in REMOVED], ids=[case[0] for case in REMOVED])
def test_sanitizing_removes_it_and_says_so(body, message, left):
    assert left not in sanitize(body)
    assert any(removed.startswith(message) for removed in removed_markup(body)), removed_markup(body)


def test_comments_are_removed_without_a_word():
    body = "<p>正文</p><!-- 内部意见：暂不公开 -->"
    assert sanitize(body) == "<p>正文</p>"
    assert removed_markup(body) == []


def test_each_removal_is_said_once_in_the_order_met():
    body = '<p style="a">一</p><p style="b">二</p><script>1</script><img src="/a.png" alt="图" onload="x">'
    assert removed_markup(body) == ["删除了属性 style（<p>）", "删除了 <script> 元素", "删除了属性 onload（<img>）"]


EVERYTHING_MARKDOWN_MAKES = """[TOC]

## 一、总体要求 {: #general .lead lang="en" dir="ltr" title="总体" }

正文有*强调*、**重点**、`代码`、脚注[^1]、H<sub>2</sub>O、x<sup>2</sup>、<del>删除</del>和<ins>插入</ins>，
<span lang="ug" dir="rtl">ئۇيغۇرچە</span>，以及 ABC。  
换行之后，[外部链接](https://www.gov.cn/ "中国政府网")、[旧站](http://example.org/)、
[热线](tel:12315)、[信箱](mailto:hudong@scjg.example.gov.cn)、[本站页面](/catalog/)、[相对链接](../policy/)、[锚点](#general)和[另一条]({filename}/regulations/x.md)。

*[ABC]: 一个缩写

### 三级标题

#### 四级标题

##### 五级标题

###### 六级标题

术语
:   释义

| 材料名称 | 份数 |
| --- | --- |
| 申请书 | 1 |

```
if a < b:
    print("&")
```

> 引用

---

![柱状图](/images/chart.png "图表") ![饼图]({static}/images/pie.png)

1. 第一步
2. 第二步

- 一项
- 另一项

<div markdown="1" class="note">
*块内强调*
</div>

[^1]: 脚注内容。
"""


def test_everything_markdown_makes_is_kept(tmp_path):
    source = tmp_path / "item.md"
    source.write_text(f"Title: 测试\n\n{EVERYTHING_MARKDOWN_MAKES}", encoding="utf-8")
    body, _ = MarkdownReader(PORTAL_SETTINGS).read(str(source))
    for made in (
        'class="toc"',
        'id="general"',
        "<abbr",
        "<dl>",
        'data-label="材料名称"',
        'scope="col"',
        'class="footnote"',
        'href="mailto:',
        "{filename}",
        "{static}",
        "<pre><code>",
        'class="note"',
    ):
        assert made in body
    assert removed_markup(body) == []
    # Character references become the characters (the code's quotes, the footnote's arrow), but for a
    # no-break space, written &nbsp;.
    references = {"&quot;": '"', "&#160;": "&nbsp;", "&#8617;": "\u21a9"}
    for reference, character in references.items():
        body = body.replace(reference, character)
    assert sanitize(body) == body


def test_every_body_of_the_sample_portal_is_kept_byte_for_byte():
    reader = MarkdownReader(PORTAL_SETTINGS)
    bodies = [reader.read(str(path))[0] for path in sorted(SAMPLE_CONTENT.rglob("*.md"))]
    assert len(bodies) > 50
    for body in bodies:
        assert sanitize(body) == body and removed_markup(body) == []


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="{static}/images/chart.png" alt="图">',
        '<img src="|static|/images/chart.png" alt="图">',
        '<img src="{attach}chart.png" alt="图">',
        '<img src="{static}../images/chart.png" alt="图">',
        '<a href="{filename}/regulations/normative/policy-2019.md">政策</a>',
        '<a href="|filename|policy.md#part">政策</a>',
        '<a href="{index}">首页</a>',
        '<a href="{attach}../attachments/form.docx">附件</a>',
    ],
)
def test_pelicans_placeholders_survive(markup):
    assert sanitize(markup) == markup and removed_markup(markup) == []


def test_media_of_a_listed_origin_are_kept():
    origins = ["https://media.example.gov.cn/"]
    kept = (
        '<img src="https://media.example.gov.cn/2019/chart.png" alt="图">'
        '<video controls src="https://MEDIA.example.gov.cn/v.mp4"></video>'
    )
    assert sanitize(kept, origins) == kept.replace("controls", 'controls=""')
    assert removed_markup(kept, origins) == []
    for elsewhere in (
        "http://media.example.gov.cn/x.png",
        "https://media.example.gov.cn.evil.example/x.png",
        "https://media.example.gov.cn@evil.example/x.png",
        "https://media.example.gov.cn:8443/x.png",
        "//media.example.gov.cn/x.png",
    ):
        image = f'<img src="{elsewhere}" alt="图">'
        assert "src" not in sanitize(image, origins), elsewhere
        assert removed_markup(image, origins) == [f"删除了来自其他网站的图片 {elsewhere}"]
    assert "src" not in sanitize('<img src="https://media.example.gov.cn/x.png" alt="图">')


def test_audio_and_video_of_the_portal_are_kept():
    media = (
        '<audio controls="" src="/audio/notices/item.mp3"></audio><video controls="" width="320" height="240">'
        '<source src="/video/v.mp4" type="video/mp4"></video>'
    )
    assert sanitize(media) == media and removed_markup(media) == []


def test_links_may_lead_anywhere_on_the_web():
    links = (
        '<a href="https://example.org/a?b=1&amp;c=2">一</a><a href="//example.org/">二</a>'
        '<a href="mailto:a@example.org">三</a><a href="tel:+86-999-1234567">四</a><a href="#fn:1">五</a>'
    )
    assert sanitize(links) == links and removed_markup(links) == []


HOSTILE_MARKDOWN = """## 正文

<script>window.hostile = "HOSTILE-SCRIPT"</script>

<p onclick="HOSTILE-HANDLER">段落</p>

[链接](javascript:HOSTILE-LINK)
"""


def worker_settings():
    """The settings as parallel_reading's worker processes get them: pickled, with the readers the plugin set."""
    settings = read_settings(str(SETTINGS))
    install_readers(types.SimpleNamespace(settings=settings))
    return pickle.loads(pickle.dumps(settings))


def test_every_format_pelican_reads_is_read_sanitized_but_those_switched_off():
    readers = sanitized_readers({"html": None, "txt": MarkdownReader})
    assert {extension: readers[extension] for extension in ("md", "markdown", "mkd", "mdown")} == dict.fromkeys(
        ("md", "markdown", "mkd", "mdown"), SanitizedMarkdownReader
    )
    assert readers["htm"] is SanitizedHTMLReader and readers["html"] is None and readers["txt"] is MarkdownReader


def test_worker_processes_read_sanitized_without_any_plugin_signal(tmp_path):
    """Pelican's Readers made from the settings alone, as in a worker, which runs no plugin."""
    source = tmp_path / "hostile.md"
    source.write_text(f"Title: 测试\n\n{HOSTILE_MARKDOWN}", encoding="utf-8")
    reader = Readers(worker_settings()).readers["md"]
    assert type(reader) is SanitizedMarkdownReader
    body, metadata = reader.read(str(source))
    assert "HOSTILE" not in body and "<p>段落</p>" in body
    assert metadata[REMOVED_MARKUP] == [
        "删除了 <script> 元素",
        "删除了属性 onclick（<p>）",
        "删除了不允许的链接 javascript:HOSTILE-LINK（<a> 的 href）",
    ]


ITEM_HEADER = """Title: 测试局关于{title}的通知
Date: 2019-05-06
Category: normative
Index_no: 11990000MB1A0827X6/2019-{number}
Publisher: 测试局
Disclosure: 主动公开
Summary: {title}。

"""
PLACEHOLDER_BODY = """## 图表

![样例图表]({static}/images/sample-chart.png)

见[测试通知]({filename}policy-2019.md)。
"""
#: Without the content check, which would stop the build: the sanitizer must hold on its own.
UNCHECKED = {
    name: [plugin for plugin in PORTAL_SETTINGS[name] if plugin != "pelican.plugins.content_validation"]
    for name in ("PLUGINS", "REQUIRED_PLUGINS")
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The fixture site with a hostile item and page and an item of placeholders, built (without the content check)
    twice: from nothing, then from the reader cache.  (content, output, first build, second build)"""
    folder = tmp_path_factory.mktemp("hostile")
    content, output = folder / "content", folder / "output"
    shutil.copytree(FIXTURE_CONTENT, content)
    normative = content / "regulations" / "normative"
    (normative / "hostile-2019.md").write_text(
        ITEM_HEADER.format(title="恶意标记", number="00950") + HOSTILE_MARKDOWN, encoding="utf-8"
    )
    (normative / "placeholders-2019.md").write_text(
        ITEM_HEADER.format(title="占位符", number="00951") + PLACEHOLDER_BODY, encoding="utf-8"
    )
    (content / "pages" / "hostile-page.md").write_text(
        f"Title: 恶意页面\nSlug: hostile-page\n\n{HOSTILE_MARKDOWN}", encoding="utf-8"
    )
    builds = [build_site(content, output, DISCLOSURE_NOW=FIXTURE_NOW, **UNCHECKED) for _ in range(2)]
    for build in builds:
        assert build.returncode == 0, build.stdout + build.stderr
    return content, output, *builds


def test_a_build_warns_of_each_file_whose_body_lost_markup_at_every_build(hostile_build):
    _content, _, *builds = hostile_build
    for build in builds:
        log = build.stdout + build.stderr
        for name in ("hostile-2019.md", "hostile-page.md"):
            assert f"{name}: 删除了 <script> 元素" in log
            assert f"{name}: 删除了属性 onclick（<p>）" in log
        assert "placeholders-2019.md: 删除了" not in log


def readable(path):
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_nothing_of_the_removed_markup_reaches_the_output_or_the_reader_cache(hostile_build):
    _, output, *_ = hostile_build
    assert read_page(output, "normative/hostile-2019/").select_one(".item-body p").get_text() == "段落"
    assert read_page(output, "hostile-page/").find("p", string="段落") is not None
    assert (output / TWINS / "normative" / "hostile-2019" / "index.html").is_file()
    for path in output.rglob("*"):  # pages, twins, feeds, exports, the search index (gzipped)
        assert path.is_dir() or b"HOSTILE" not in readable(path), path
    readings = {}
    for cache in (output.parent / "output-cache").glob("*-Readers"):
        readings.update(pickle.loads(readable(cache)))
    bodies = {path: body for path, (_, (body, _)) in readings.items() if Path(path).name.startswith("hostile-")}
    assert len(bodies) == 2 and not any("HOSTILE" in body for body in bodies.values())


def test_placeholders_become_the_portals_urls_after_sanitizing(hostile_build):
    _, output, *_ = hostile_build
    body = read_page(output, "normative/placeholders-2019/").select_one(".item-body")
    image = body.find("img")
    assert (image["src"], image["width"], image["height"]) == ("/images/sample-chart.png", "24", "16")
    assert body.find("a", string="测试通知")["href"] == "/normative/policy-2019/"
