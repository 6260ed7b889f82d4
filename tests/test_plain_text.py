"""Plain-text twins (纯文本版): every page has a text-only twin with the same headings and links."""

import shutil
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.plain_text.twins import PARALLEL_FROM, Site, TwinWriter, twin_href, twin_of
from sites import FIXTURE_CONTENT, FIXTURE_NOW, STRICT_CSP, TWINS, built, html_pages, twin_pages

SITES = ["sample_site", "fixture_site"]
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
SITE_META = [
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnDescription",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Description",
    "description",
    "Url",
]
SITEURL = "https://scjg.example.gov.cn"
#: The fewest pages a whole build of each site writes: the sample has about 180, the fixture about 70.
MINIMUM_PAGES = {"sample_site": 150, "fixture_site": 50}


def parse(file):
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def url_path(site, file):
    """The URL path of a built page: ``catalog/index.html`` -> ``catalog/``."""
    relative = file.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if file.name == "index.html" else relative


def twin_file(site, file):
    return site / TWINS / file.relative_to(site)


def text(element):
    return " ".join(element.get_text().split())


def presented(element):
    """False for what no reader of the page is given: inert templates, noscript, hidden parts."""
    return not any(
        each.name in ("template", "noscript") or each.has_attr("hidden") or each.get("aria-hidden") == "true"
        for each in [element, *element.parents]
    )


def headings(soup):
    return [(heading.name, text(heading)) for heading in soup.body.find_all(HEADINGS) if presented(heading)]


def links(soup):
    return [link for link in soup.body.find_all("a", href=True) if presented(link)]


def expected_twin_link(link, page_url):
    """(text, href) that a link of the page at *page_url* has in the page's twin."""
    if "plain-text-link" in link.get("class", []):
        return "返回标准版", page_url
    href = link["href"]
    if href.startswith(("#", "//")) or ":" in href:  # an anchor in the page, another site
        return text(link), href
    target = urljoin(page_url, href)
    path = target.split("#")[0].split("?")[0]
    if path.endswith(("/", ".html")) and not path.startswith(f"/{TWINS}/"):
        return text(link), f"/{TWINS}{target}"
    return text(link), target


def language_marks(soup):
    return [(each.name, each["lang"], each.get("dir")) for each in soup.body.find_all(lang=True) if presented(each)]


def page_and_twin(site, path):
    file = site / path / "index.html"
    return parse(file), parse(twin_file(site, file))


@pytest.mark.parametrize("site_name", SITES)
def test_every_page_has_a_twin_and_every_twin_a_page(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = {file.relative_to(site) for file in html_pages(site)}
    twins = {file.relative_to(site / TWINS) for file in twin_pages(site)}
    assert len(pages) >= MINIMUM_PAGES[site_name]
    assert twins == pages


@pytest.mark.parametrize("site_name", SITES)
def test_a_twin_keeps_every_heading_and_every_link_in_order(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = html_pages(site)
    assert len(pages) >= MINIMUM_PAGES[site_name]
    compared = {"headings": 0, "links": 0}
    for file in pages:
        page, twin = parse(file), parse(twin_file(site, file))
        page_url = "/" + url_path(site, file)
        assert headings(twin) == headings(page), file
        assert [(text(link), link["href"]) for link in links(twin)] == [
            expected_twin_link(link, page_url) for link in links(page)
        ], file
        compared["headings"] += len(headings(page))
        compared["links"] += len(links(page))
    assert compared["headings"] >= len(pages) and compared["links"] >= 10 * len(pages), compared


@pytest.mark.parametrize("site_name", SITES)
def test_every_link_to_a_twin_finds_it(request, site_name):
    site = request.getfixturevalue(site_name)
    twins = twin_pages(site)
    assert len(twins) >= MINIMUM_PAGES[site_name]
    followed = 0
    for file in twins:
        for link in links(parse(file)):
            href = link["href"].split("#")[0]
            if href.startswith(f"/{TWINS}/"):
                assert (site / href.lstrip("/") / "index.html").is_file(), (file, href)
                followed += 1
    assert followed >= 5 * len(twins), "the twins' navigation links to twins: each was followed"


@pytest.mark.parametrize("site_name", SITES)
def test_a_twin_has_no_images_scripts_styles_or_presentation(request, site_name):
    site = request.getfixturevalue(site_name)
    twins = twin_pages(site)
    assert len(twins) >= MINIMUM_PAGES[site_name]
    for file in twins:
        twin = parse(file)
        # The one script: the reader's preferences, applied before first paint (no toolbar).
        assert [(script.parent.name, script.attrs) for script in twin.find_all("script")] == [
            ("head", {"src": "/theme/js/a11y-preferences.js"})
        ], file
        assert not twin.find_all(
            [
                "img",
                "svg",
                "noscript",
                "style",
                "template",
                "iframe",
                "canvas",
                "object",
                "embed",
                "form",
                "button",
                "input",
            ]
        ), file
        assert [link["rel"] for link in twin.find_all("link")] == [["canonical"], ["stylesheet"]], file
        for element in twin.find_all(True):
            unwanted = [
                name for name in element.attrs if name in ("class", "style", "role") or name.startswith(("data-", "on"))
            ]
            assert not unwanted, (file, element.name, unwanted)
        focusable = [(element.name, element.get("id"), element["tabindex"]) for element in twin.find_all(tabindex=True)]
        assert focusable == [("main", "main", "-1")], file


@pytest.mark.parametrize("site_name", SITES)
def test_a_page_and_its_twin_link_to_each_other_and_share_title_and_metadata(request, site_name):
    site = request.getfixturevalue(site_name)
    pages = html_pages(site)
    assert len(pages) >= MINIMUM_PAGES[site_name]
    for file in pages:
        page, twin = parse(file), parse(twin_file(site, file))
        path = url_path(site, file)
        assert [link["href"] for link in page.select("a.plain-text-link")] == [f"/{TWINS}/{path}"], file
        twin_links = {text(link): link["href"] for link in twin.find_all("a")}
        assert twin_links["返回标准版"] == "/" + path, file
        assert "纯文本版" not in twin_links, file
        assert twin.title.get_text() == page.title.get_text() + " - 纯文本版", file
        assert twin.find("meta", charset=True)["charset"] == "utf-8"
        assert twin.find("meta", attrs={"name": "viewport"})["content"] == "width=device-width, initial-scale=1"
        assert twin.find("link", rel="canonical")["href"] == "/" + path
        meta = [(tag["name"], tag["content"]) for tag in page.find_all("meta", attrs={"name": SITE_META})]
        assert (
            meta
            and [
                (tag["name"], tag["content"])
                for tag in twin.find_all("meta", attrs={"name": True})
                if tag["name"] not in ("viewport", "referrer")
            ]
            == meta
        ), file
        for policy in (page, twin):
            assert policy.find("meta", attrs={"name": "referrer"})["content"] == "same-origin", file
        assert twin.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == STRICT_CSP, file
        assert twin.find("link", rel="stylesheet")["href"] == "/theme/css/text.css"
        assert (twin.html.get("lang"), twin.html.get("dir")) == (page.html.get("lang"), page.html.get("dir"))
    assert (site / "theme" / "css" / "text.css").is_file()


def test_a_twin_opens_with_the_skip_link_and_keeps_anchors_and_landmarks(fixture_site):
    _, twin = page_and_twin(fixture_site, "service-guides/test-license")
    first = twin.body.find(True)
    assert (first.name, first["href"], text(first)) == ("a", "#main", "跳到主要内容")
    assert twin.find("main", id="main")["tabindex"] == "-1"
    for anchor in ["设定依据", "申请材料", "办理流程", "咨询与投诉"]:
        assert twin.find("a", href=f"#{anchor}") and twin.find(id=anchor), anchor
    assert [nav["aria-label"] for nav in twin.find_all("nav")] == ["主导航", "当前位置", "办事指南目录"]
    assert twin.find("section", attrs={"aria-labelledby": "metadata-heading"}).find(id="metadata-heading")


def test_an_image_becomes_its_alt_text(fixture_site):
    page, twin = page_and_twin(fixture_site, "rules/rule-2019")
    assert [image["alt"] for image in page.find_all("img")] == ["示意图：测试统计图", "2019年各季度抽检合格率柱状图"]
    assert (fixture_site / "images" / "sample-chart.png").is_file()
    assert twin.main.get_text().count("［图片：") == 2
    assert "［图片：示意图：测试统计图］" in twin.main.get_text()


def test_links_to_pages_point_to_twins_and_other_links_stay(fixture_site):
    _, rule = page_and_twin(fixture_site, "rules/rule-2019")
    assert rule.find("a", string="测试规范性文件")["href"] == f"/{TWINS}/normative/policy-2019/"
    assert rule.find("a", string="附件样例")["href"] == "/attachments/published-attachment.csv"
    _, policy = page_and_twin(fixture_site, "normative/policy-2019")
    assert policy.find("a", string="published-attachment.csv")["href"] == "/attachments/published-attachment.csv"
    _, guide = page_and_twin(fixture_site, "service-guides/test-license")
    online = "https://zwfw.example.gov.cn/test"
    assert guide.find("a", string=online)["href"] == online
    assert guide.find("a", string="办事指南")["href"] == f"/{TWINS}/catalog/service-guides/"


@pytest.mark.parametrize(
    "path", ["catalog", "catalog/normative", "normative/policy-2019", "service-guides/test-license"]
)
def test_tables_stay_tables_with_their_header_cells(fixture_site, path):
    page, twin = page_and_twin(fixture_site, path)

    def table_structure(soup):
        return [
            (
                table.caption and text(table.caption),
                [(text(th), th.get("scope")) for th in table.find_all("th")],
                [len(row.find_all(["th", "td"])) for row in table.find_all("tr")],
            )
            for table in soup.find_all("table")
        ]

    assert table_structure(page) and table_structure(twin) == table_structure(page)


def test_listing_header_cells_keep_their_scope(fixture_site):
    _, twin = page_and_twin(fixture_site, "catalog/normative")
    assert [th.get("scope") for th in twin.thead.find_all("th")] == ["col"] * 5


def test_a_uyghur_items_twin_keeps_its_language_and_direction(fixture_site):
    page, twin = page_and_twin(fixture_site, "responses/ug-translation")
    assert (twin.html["lang"], twin.html["dir"]) == ("ug", "rtl")
    assert (twin.header["lang"], twin.header["dir"]) == ("zh-CN", "ltr")
    assert ("dd", "ug", "rtl") in language_marks(twin)
    assert language_marks(twin) == language_marks(page)


def test_a_rebuild_rewrites_only_the_twin_that_changed(tmp_path):
    output = built(FIXTURE_CONTENT, tmp_path / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    twins = twin_pages(output)
    assert len(twins) == len(html_pages(output)) >= 20
    stale = output / TWINS / "catalog" / "index.html"
    stale.write_text("stale", encoding="utf-8")
    before = {file: file.stat().st_mtime_ns for file in [*twins, *html_pages(output)]}
    built(FIXTURE_CONTENT, output, DISCLOSURE_NOW=FIXTURE_NOW)
    assert twin_pages(output) == twins
    changed = [file for file in before if file.stat().st_mtime_ns != before[file]]
    assert changed == [stale]
    assert stale.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_with_an_absolute_siteurl_links_point_to_absolute_twins(tmp_path):
    output = built(FIXTURE_CONTENT, tmp_path / "output", SITEURL=SITEURL, DISCLOSURE_NOW=FIXTURE_NOW)
    page, twin = page_and_twin(output, "rules/rule-2019")
    assert page.select_one("a.plain-text-link")["href"] == f"{SITEURL}/{TWINS}/rules/rule-2019/"
    assert twin.find("a", string="返回标准版")["href"] == f"{SITEURL}/rules/rule-2019/"
    assert twin.find("link", rel="canonical")["href"] == f"{SITEURL}/rules/rule-2019/"
    assert twin.find("link", rel="stylesheet")["href"] == f"{SITEURL}/theme/css/text.css"
    assert twin.find("script")["src"] == f"{SITEURL}/theme/js/a11y-preferences.js"
    assert twin.find("nav").find("a", string="信息公开目录")["href"] == f"{SITEURL}/{TWINS}/catalog/"
    assert twin.find("a", string="测试规范性文件")["href"] == f"{SITEURL}/{TWINS}/normative/policy-2019/"
    assert twin.find("a", string="附件样例")["href"] == f"{SITEURL}/attachments/published-attachment.csv"


POLICY = "default-src 'self'"
LOCAL = Site("/", TWINS, "/theme/css/text.css", POLICY, "same-origin")
ABSOLUTE = Site(f"{SITEURL}/", TWINS, f"{SITEURL}/theme/css/text.css", POLICY, "same-origin")


@pytest.mark.parametrize(
    "site, href, expected",
    [
        (LOCAL, "/catalog/", "/text/catalog/"),
        (LOCAL, "/", "/text/"),
        (LOCAL, "/catalog/normative/?year=2019#list", "/text/catalog/normative/?year=2019#list"),
        (LOCAL, "/old/page.html", "/text/old/page.html"),
        (LOCAL, "../../normative/policy-2019/", "/text/normative/policy-2019/"),
        (LOCAL, "report.csv", "/rules/rule-2019/report.csv"),
        (LOCAL, "/attachments/report.pdf", "/attachments/report.pdf"),
        (LOCAL, "/audio/notice.mp3", "/audio/notice.mp3"),
        (LOCAL, "/feeds/all.atom.xml", "/feeds/all.atom.xml"),
        (LOCAL, "/text/catalog/", "/text/catalog/"),
        (LOCAL, "#办理流程", "#办理流程"),
        (LOCAL, "https://zwfw.example.gov.cn/test/", "https://zwfw.example.gov.cn/test/"),
        (LOCAL, "//cdn.example.com/page/", "//cdn.example.com/page/"),
        (LOCAL, "mailto:xinxi@example.gov.cn", "mailto:xinxi@example.gov.cn"),
        (ABSOLUTE, f"{SITEURL}/catalog/", f"{SITEURL}/text/catalog/"),
        (ABSOLUTE, "/catalog/", f"{SITEURL}/text/catalog/"),
        (ABSOLUTE, f"{SITEURL}/feeds/all.json", f"{SITEURL}/feeds/all.json"),
        (ABSOLUTE, "https://www.example.gov.cn/catalog/", "https://www.example.gov.cn/catalog/"),
    ],
)
def test_which_links_point_to_twins(site, href, expected):
    assert twin_href(href, site.root + "rules/rule-2019/", site) == expected


def test_what_a_twin_keeps_of_markup_the_theme_does_not_write_yet():
    markup = """<!DOCTYPE html><html lang="zh-CN" dir="ltr"><head><title>T</title>
      <script src="/x.js"></script><style>p {}</style></head>
      <body class="b" onload="go()"><!-- note --><noscript><p>请开启脚本</p></noscript>
      <div class="wrap" data-x="1" role="region" aria-label="区域">
        <p style="color: red">正文<span class="tip">提示</span>
          <span lang="ug" dir="rtl">تېكىست</span></p>
        <div id="anchor" title="t">锚点</div></div>
      <p hidden>隐藏</p>
      <svg aria-hidden="true"><path d="M0"/></svg><svg role="img"><title>图标说明</title></svg>
      <img src="/a.png" alt="  统计图 "><p><img src="/b.png" alt=""></p>
      <iframe src="/f"></iframe><canvas></canvas>
      <audio controls src="notice.mp3">不支持</audio>
      <video controls><source src="/media/clip.mp4"></video>
      <template><a href="/x/">模板</a></template><button onclick="go()">按钮</button>
      <p><abbr title="市场监督管理局" class="a">市监局</abbr><a href="/x/" title="t" tabindex="0">链接</a></p>
      </body></html>"""
    twin = BeautifulSoup(twin_of(markup, "rules/rule-2019/index.html", LOCAL), "html.parser")
    body = str(twin.body)
    assert not twin.find_all(
        ["script", "style", "noscript", "svg", "img", "iframe", "canvas", "audio", "video", "template", "button"]
    )
    assert "note" not in body and "隐藏" not in body and "请开启脚本" not in body and "模板" not in body
    assert twin.body.attrs == {}
    paragraph, *others = twin.find_all("p")
    assert paragraph.attrs == {} and text(paragraph) == "正文提示 تېكىست"
    assert [text(each) for each in others] == ["市监局链接"]
    assert [(span.attrs, span.get_text()) for span in paragraph.find_all("span")] == [
        ({"lang": "ug", "dir": "rtl"}, "تېكىست")
    ]
    assert twin.find(id="anchor").attrs == {"id": "anchor"} and twin.find(id="anchor").name == "div"
    assert not twin.body.find_all(attrs={"aria-label": True})
    assert "图标说明" in body and "［图片：统计图］" in body and body.count("［图片") == 1
    assert [(link.get_text(), link["href"]) for link in twin.find_all("a")] == [
        ("音频文件", "/rules/rule-2019/notice.mp3"),
        ("视频文件", "/media/clip.mp4"),
        ("链接", "/text/x/"),
    ]
    assert twin.find("abbr").attrs == {"title": "市场监督管理局"}
    assert twin.find("a", string="链接").attrs == {"href": "/text/x/"}
    assert twin.title.get_text() == "T - 纯文本版"


def test_a_twin_collapses_blank_text_outside_pre_and_escapes_only_what_it_must():
    markup = """<html><body>
      <p title="x" id='say "hi"' lang="it's &amp; <b>">a &lt; b<br></p>
    <pre>  keep
      this  </pre>  <details open=""><summary>s</summary></details></body></html>"""
    body = twin_of(markup, "index.html", LOCAL).partition("<body>")[2]
    assert body == (
        """\n<p id='say "hi"' lang="it's &amp; &lt;b&gt;">a &lt; b<br></p>\n"""
        "<pre>  keep\n      this  </pre> <details open><summary>s</summary></details></body>\n</html>\n"
    )


def make_all_twins(site, settings, cache):
    """Give every page of the built *site* to a TwinWriter, as a build does; return (written, unchanged)."""
    writer = TwinWriter(str(site), settings, str(cache))
    pages = html_pages(site)
    assert len(pages) >= MINIMUM_PAGES["sample_site"]
    for page in pages:
        writer.add(str(page))
    return writer.finish()


#: What the twins are made from, as a build's settings give it.
TWIN_SETTINGS = {
    "SITEURL": "",
    "PLAIN_TEXT_PATH": TWINS,
    "PLAIN_TEXT_STYLESHEET": "theme/css/text.css",
    "CONTENT_SECURITY_POLICY": STRICT_CSP,
    "REFERRER_POLICY": "same-origin",
}


def test_twins_made_in_worker_processes_are_the_twins_made_in_one(sample_site, tmp_path):
    settings = TWIN_SETTINGS
    made = {}
    for workers in (1, 2):
        site = shutil.copytree(sample_site, tmp_path / str(workers), ignore=shutil.ignore_patterns(TWINS, "audio"))
        written, _ = make_all_twins(site, {**settings, "PLAIN_TEXT_WORKERS": workers}, tmp_path / f"cache{workers}")
        assert written >= PARALLEL_FROM
        made[workers] = {path.relative_to(site): path.read_bytes() for path in (site / TWINS).rglob("*.html")}
        assert len(made[workers]) == written
    assert made[1] == made[2]
    assert made[2] == {
        path.relative_to(sample_site): path.read_bytes() for path in (sample_site / TWINS).rglob("*.html")
    }


def test_a_twin_comes_from_the_cache_until_its_page_changes(sample_site, tmp_path):
    settings = {**TWIN_SETTINGS, "PLAIN_TEXT_WORKERS": 1}
    site = shutil.copytree(sample_site, tmp_path / "site", ignore=shutil.ignore_patterns(TWINS, "audio"))
    pages = len(html_pages(site))
    assert make_all_twins(site, settings, tmp_path / "cache") == (pages, 0)
    cached = len(list((tmp_path / "cache").iterdir()))
    assert cached == pages
    stamps = {path: path.stat().st_mtime_ns for path in (site / TWINS).rglob("*.html")}
    assert make_all_twins(site, settings, tmp_path / "cache") == (0, pages)
    assert {path: path.stat().st_mtime_ns for path in (site / TWINS).rglob("*.html")} == stamps
    page = site / "guide" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>新增的一段</p></main>"), encoding="utf-8")
    assert make_all_twins(site, settings, tmp_path / "cache") == (1, pages - 1)
    assert "新增的一段" in (site / TWINS / "guide" / "index.html").read_text(encoding="utf-8")
    # The cache keeps what this build used: the old twin of the changed page is gone.
    assert len(list((tmp_path / "cache").iterdir())) == cached
