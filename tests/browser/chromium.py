"""Helpers of the browser tests: Debian's Chromium, axe-core, and a local server per built site."""

import functools
import http.server
import threading

from sites import ROOT, SEARCH_CSP, STRICT_CSP  # noqa: F401  (the browser tests take them from here)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, *args):
        pass


def serve(directory, csp=""):
    """Serve *directory* on a free local port (with a CSP header if given); return (base URL, server)."""
    handler = functools.partial(type("Handler", (QuietHandler,), {"csp": csp}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def add_axe(tab):
    """Load axe-core into the page, as the browser's tools do: the page's own policy forbids inline scripts."""
    tab.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))


def run_axe(tab):
    """axe-core's violations on the loaded page, as short readable lines."""
    add_axe(tab)
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


def horizontal_overflow(tab):
    """How many CSS px the page scrolls sideways (0 when it reflows)."""
    return tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def sideways_scrolling(tab, urls, check_page=None):
    """A line for each URL whose page scrolls sideways; *check_page(tab)* runs on each page too."""
    failures = []
    for url in urls:
        tab.goto(url)
        if check_page:
            check_page(tab)
        overflow = horizontal_overflow(tab)
        if overflow > 0:
            failures.append(f"{url} scrolls {overflow}px sideways")
    return failures


PREFERENCES_KEY = "a11y-preferences"

#: Lowest contrast of the main content's text that each colour scheme must keep.
SCHEME_RATIOS = {"default": 4.5, "black-on-white": 7, "yellow-on-black": 7, "white-on-black": 7, "blue-on-yellow": 7}

CONTRAST_SCRIPT = """(selector) => {
  const channel = (value) => { value /= 255; return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4; };
  const parse = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const parts = parse(getComputedStyle(node).backgroundColor);
      if (parts.length < 4 || parts[3] > 0) return parts;
    }
    return [255, 255, 255];
  };
  let worst = {ratio: 99, text: "", colour: "", background: ""};
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    if (!text || !element.getClientRects().length || element.closest("[aria-hidden=true], .visually-hidden")) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== "visible" || style.opacity === "0") continue;
    const fg = luminance(parse(style.color)), bg = luminance(background(element));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < worst.ratio) worst = {ratio, text: text.slice(0, 30), colour: style.color, background: background(element).join(",")};
  }
  return worst;
}"""


def set_preferences(tab, base, **preferences):
    """Store toolbar preferences for the site at *base*, as the toolbar itself would."""
    import json

    tab.goto(base + "catalog/")
    tab.evaluate("([key, value]) => localStorage.setItem(key, value)", [PREFERENCES_KEY, json.dumps(preferences)])


def lowest_contrast(tab, selector="main"):
    return tab.evaluate(CONTRAST_SCRIPT, selector)
