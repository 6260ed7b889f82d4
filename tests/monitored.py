"""A copy of the fixture site with every defect the site monitor looks for planted in it."""

import functools
import http.server
import shutil
import threading
from pathlib import Path

from sites import FIXTURE_CONTENT, FIXTURE_NOW, built

#: The day the planted site is judged on: a week after its newest item.
MONITOR_DAY = "2019-08-10"
EMPTY_NODES = ["empty-2", "empty-3", "empty-4", "empty-5"]

LATE_ITEM = """Title: 测试局关于迟发测试的通知
Date: 2019-07-31
Category: normative
Index_no: 11990000MB1A0827X6/2019-00801
Publisher: 测试局
Disclosure: 主动公开
Written: 2019-06-03

成文两个月后才公开的测试文件。
"""

CONTRADICTORY_ITEM = """Title: 测试局关于矛盾有效性测试的通知
Date: 2019-05-06
Category: normative
Index_no: 11990000MB1A0827X6/2019-00802
Publisher: 测试局
Disclosure: 主动公开
Validity: 有效
Repealed: 2019-07-15

已经废止却仍标为有效的测试文件。
"""


def empty_node(node_id):
    return f'\n[[node]]\nid = "{node_id}"\nname = "空类目{node_id[-1]}"\ncontent = "没有任何信息"\nbasis = "测试"\n'


def plant_content(content):
    shutil.copytree(FIXTURE_CONTENT, content)
    with open(content / "catalog.toml", "a", encoding="utf-8") as stream:
        stream.writelines(empty_node(node_id) for node_id in EMPTY_NODES)
    (content / "regulations" / "normative" / "late-2019.md").write_text(LATE_ITEM, encoding="utf-8")
    (content / "regulations" / "normative" / "contradiction-2019.md").write_text(CONTRADICTORY_ITEM, encoding="utf-8")
    guide = (content / "service-guides" / "test-license.md").read_text(encoding="utf-8")
    incomplete = "\n".join(line for line in guide.splitlines() if not line.startswith(("Accepting_org:", "Online:")))
    incomplete = incomplete.replace("Title: 测试许可办事指南", "Title: 不完整的测试办事指南").replace(
        "/2019-00007", "/2019-00803"
    )
    (content / "service-guides" / "incomplete-guide.md").write_text(incomplete + "\n", encoding="utf-8")
    shutil.copy(Path(__file__).parent.parent / "content" / "holidays.toml", content / "holidays.toml")


def plant_output(output, external_base):
    """Defects a build cannot make from content: the generator prevents them at the source."""
    page = output / "normative" / "policy-2019" / "index.html"
    html = page.read_text(encoding="utf-8")
    planted = (
        '<p><a href="/no-such-page/">坏链接</a> <a href="/catalog/#no-such-anchor">坏锚点</a> '
        '<img src="/images/sample-chart.png"> '
        f'<a href="{external_base}ok.html">可用外链</a> <a href="{external_base}missing.html">坏外链</a></p>'
    )
    page.write_text(html.replace("</main>", planted + "</main>"), encoding="utf-8")
    (output / "attachments" / "published-attachment.csv").unlink()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_external(folder):
    """A stand-in for another site: serves *folder* (holding ok.html) on a local port."""
    (folder / "ok.html").write_text("<!DOCTYPE html><title>ok</title>", encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def monitored_site(root):
    """Build the planted site under *root*; return (content, output, external server)."""
    external_base, server = serve_external(root / "elsewhere")
    content = root / "content"
    plant_content(content)
    output = built(content, root / "output", DISCLOSURE_NOW=FIXTURE_NOW)
    plant_output(output, external_base)
    return content, output, server
