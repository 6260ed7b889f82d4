"""Reading the built pages: their ids, links and images, and where links lead."""

import os
from collections.abc import Collection
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from portal.urls import url_path

#: The attribute of each element that points at another file.
LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "iframe": "src",
}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}
#: The address pages are read at: their own links resolve against it.
LOCAL_ORIGIN = "https://portal.invalid"


class PageScan(HTMLParser):
    """One page: the ids it holds, the links it makes and its images without alt text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []
        self.images_without_alt = []
        self.headings = []
        self._heading = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        target = attributes.get(LINK_ATTRIBUTES.get(tag, ""))
        if target:
            self.links.append(target)
        if tag in ("img", "source") and attributes.get("srcset"):
            self.links += [part.split()[0] for part in attributes["srcset"].split(",") if part.strip()]
        if tag == "img" and attributes.get("alt") is None:
            self.images_without_alt.append(attributes.get("src", ""))
        if tag == "h2":
            self._heading = []

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None


def scan_pages(output: str | os.PathLike[str], skip: str | None = None) -> dict[str, PageScan]:
    """``{page URL path: PageScan}`` of every HTML file under *output*, except in the folder *skip*."""
    pages = {}
    for folder, subfolders, names in os.walk(output):
        subfolders[:] = [name for name in subfolders if os.path.join(folder, name) != skip]
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                scan = PageScan()
                with open(path, encoding="utf-8", errors="replace") as stream:
                    scan.feed(stream.read())
                pages[page_url(output, path)] = scan
    return pages


def page_url(output: str | os.PathLike[str], path: str) -> str:
    return "/" + url_path(os.path.relpath(path, output).replace(os.sep, "/"))


def resolve(page: str, href: str, portal_hosts: Collection[str]) -> tuple[str, str, str] | None:
    """Where *href* on *page* leads: ``("internal", path, fragment)`` for the
    portal (relative links, or absolute ones on an address in *portal_hosts*),
    ``("external", url, "")`` or None for links that lead to no page."""
    parts = urlsplit(urljoin(LOCAL_ORIGIN + page, href.strip()))
    if parts.scheme in SKIPPED_SCHEMES:
        return None
    origin = f"{parts.scheme}://{parts.netloc}"
    if parts.scheme in ("http", "https") and origin != LOCAL_ORIGIN and origin not in portal_hosts:
        return ("external", parts._replace(fragment="").geturl(), "")
    return ("internal", unquote(parts.path) or "/", unquote(parts.fragment))


def target_file(output: str | os.PathLike[str], path: str) -> str | None:
    """The file a site path is served from, or None if there is none."""
    local = os.path.join(output, path.lstrip("/"))
    if path.endswith("/") or os.path.isdir(local):
        local = os.path.join(local, "index.html")
    return local if os.path.isfile(local) else None
