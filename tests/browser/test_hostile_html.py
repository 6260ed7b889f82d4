"""Hostile HTML in a body runs nothing and loads nothing in real Chromium, served without any policy header:
the sanitizer removes it, and each page's own <meta> policy would stop what it might miss."""

import http.server
import shutil
import threading

import pytest
from chromium import serve
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from sites import FIXTURE_CONTENT, FIXTURE_NOW, SETTINGS, built

pytestmark = pytest.mark.browser

PORTAL_SETTINGS = read_settings(str(SETTINGS))
ITEM = "normative/hostile-2019/"
HEADER = """Title: 测试局关于恶意标记的通知
Date: 2019-05-06
Category: normative
Index_no: 11990000MB1A0827X6/2019-00960
Publisher: 测试局
Disclosure: 主动公开
Summary: 恶意标记。

"""
#: Everything but the refresh, which no policy can stop: only the sanitizer removes it.
HOSTILE_BODY = """## 正文

<script>window.hostile = "script"; alert("script")</script>

<img src="/images/sample-chart.png" alt="样例图表" onload="window.hostile = 'onload'; alert('onload')">

<audio controls src="missing.mp3" onerror="window.hostile = 'onerror'"></audio>

<iframe src="{elsewhere}frame"></iframe>

<p><a id="hostile-link" href="javascript:window.hostile = 'link'">链接</a></p>

<style>@import url("{elsewhere}style.css"); main {{ display: none }}</style>

<form action="{elsewhere}form" method="get"><input name="q" value="x"><button id="hostile-submit">提交</button></form>

<video controls src="{elsewhere}video.mp4"></video>

<object data="{elsewhere}object"></object>

<p style="background: url({elsewhere}background.png)">段落</p>

<p><img src="/images/sample-chart.png" srcset="{elsewhere}chart-2x.png 2x" alt="另一张图表"></p>
"""
REFRESH = '<meta http-equiv="refresh" content="0;url={elsewhere}refresh">\n'
#: An image of another site, which the sanitizer would leave without its src (and item_images then refuse).
ELSEWHERE_IMAGE = '\n<img src="{elsewhere}pixel.png" alt="外站图片" onerror="window.hostile = \'image\'">\n'
#: Without the content check, which would refuse the item: the sanitizer must hold on its own.
UNCHECKED = {
    name: [plugin for plugin in PORTAL_SETTINGS[name] if plugin != "pelican.plugins.content_validation"]
    for name in ("PLUGINS", "REQUIRED_PLUGINS")
}


class Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>elsewhere</p>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def elsewhere():
    """Another origin on this machine, 127.0.0.2: its URL and the paths it was asked for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Recorder)
    server.paths = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_port}/", server.paths
    server.shutdown()


@pytest.fixture(scope="module")
def hostile_url(elsewhere, tmp_path_factory):
    """The fixture site with the hostile item, built and served with no Content-Security-Policy header, and
    beside the item's page ``raw.html``: the page with the same body unsanitized (and an image of elsewhere)."""
    url, _ = elsewhere
    folder = tmp_path_factory.mktemp("hostile-browser")
    content = folder / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    body = HOSTILE_BODY.format(elsewhere=url)
    (content / "regulations" / "normative" / "hostile-2019.md").write_text(
        HEADER + REFRESH.format(elsewhere=url) + body, encoding="utf-8"
    )
    site = built(content, folder / "output", DISCLOSURE_NOW=FIXTURE_NOW, **UNCHECKED)
    (folder / "raw.md").write_text(HEADER + body + ELSEWHERE_IMAGE.format(elsewhere=url), encoding="utf-8")
    raw = MarkdownReader(PORTAL_SETTINGS).read(str(folder / "raw.md"))[0]
    page = (site / ITEM / "index.html").read_text(encoding="utf-8")
    main = '<main id="main" tabindex="-1">'
    (site / ITEM / "raw.html").write_text(page.replace(main, main + raw), encoding="utf-8")
    base, server = serve(site)
    yield base
    server.shutdown()


def visit(browser, url):
    """Load *url*, click the hostile link and button if they are there, wait; what happened: the requests
    made (a request the policy blocks is made, but gets no response), responses, dialogs, policy violations."""
    context = browser.new_context()
    context.add_init_script("""window.violations = [];
        document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));""")
    tab = context.new_page()
    seen = {"requests": [], "responses": [], "dialogs": []}
    tab.on("request", lambda request: seen["requests"].append(request.url))
    tab.on("response", lambda response: seen["responses"].append(response.url))
    tab.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    tab.goto(url)
    for selector in ("#hostile-link", "#hostile-submit"):
        if tab.locator(selector).count():
            tab.click(selector, no_wait_after=True)
    tab.wait_for_timeout(1000)
    seen.update(
        url=tab.url,
        hostile=tab.evaluate("window.hostile === undefined ? null : window.hostile"),
        violations=tab.evaluate("window.violations"),
        main_shown=tab.locator("main").is_visible(),
    )
    context.close()
    return seen


def test_the_sanitized_item_runs_nothing_loads_nothing_and_stays(browser, hostile_url, elsewhere):
    _, asked = elsewhere
    seen = visit(browser, hostile_url + ITEM)
    assert seen["url"] == hostile_url + ITEM
    assert (seen["hostile"], seen["dialogs"], seen["violations"]) == (None, [], [])
    assert [request for request in seen["requests"] if not request.startswith(hostile_url)] == []
    assert asked == [] and seen["main_shown"]


def test_the_pages_own_policy_stops_the_same_markup_unsanitized(browser, hostile_url, elsewhere):
    url, asked = elsewhere
    seen = visit(browser, hostile_url + ITEM + "raw.html")
    assert seen["url"] == hostile_url + ITEM + "raw.html"
    assert (seen["hostile"], seen["dialogs"]) == (None, [])
    assert {
        "script-src-elem",
        "script-src-attr",
        "style-src-elem",
        "style-src-attr",
        "img-src",
        "frame-src",
        "media-src",
        "object-src",
        "form-action",
    } <= set(seen["violations"]), seen["violations"]
    assert f"{url}pixel.png" in seen["requests"]  # the markup did ask
    assert [response for response in seen["responses"] if not response.startswith(hostile_url)] == []
    assert asked == [] and seen["main_shown"]
