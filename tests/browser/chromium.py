"""Helpers of the browser tests: Debian's Chromium, axe-core, and a local server per built site."""

import functools
import http.server
import threading

from sites import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """Serve *directory* on a free local port; return (base URL, server)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def run_axe(tab):
    """axe-core's violations on the loaded page, as short readable lines."""
    tab.add_script_tag(path=str(AXE_SCRIPT))
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            for violation in result["violations"]]


def horizontal_overflow(tab):
    """How many CSS px the page scrolls sideways (0 when it reflows)."""
    return tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
