"""``sitemap.xml`` and ``robots.txt`` for search engines.

Adds:
- ``sitemap.xml`` (sitemaps.org 0.9): every HTML page the build wrote, on the
  portal's public address, with ``lastmod`` for items and pages; the
  plain-text twins are left out, being the same pages in another form, and so
  is the page for a missing address (``404.html``);
- ``robots.txt``, allowing every crawler and naming the sitemap.

Signals: ``initialized`` (start a new list of pages), ``content_written``
(note each page Pelican's writer writes), ``finalized`` (write both files).

Settings: ``PORTAL_URL`` (the public address the URLs are given on).
"""

import os
from xml.sax.saxutils import escape

from pelican import signals

from portal.file_writing import write_if_changed
from portal.urls import url_path

written_pages = {}


def start_list(pelican):
    written_pages.clear()


def note_page(path, context):
    if path.endswith(".html") and context.get("page_name") != "404":
        content = context.get("article") or context.get("page")
        modified = getattr(content, "modified", None) or getattr(content, "date", None)
        written_pages[path] = modified


def page_url(portal, output_path, path):
    return f"{portal}/{url_path(os.path.relpath(path, output_path).replace(os.sep, '/'))}"


def sitemap_xml(entries):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified:%Y-%m-%d}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_files(pelican):
    portal = pelican.settings["PORTAL_URL"]
    entries = sorted(
        (page_url(portal, pelican.output_path, path), modified) for path, modified in written_pages.items()
    )
    write_if_changed(os.path.join(pelican.output_path, "sitemap.xml"), sitemap_xml(entries))
    write_if_changed(
        os.path.join(pelican.output_path, "robots.txt"), f"User-agent: *\nAllow: /\n\nSitemap: {portal}/sitemap.xml\n"
    )


def register():
    signals.initialized.connect(start_list)
    signals.content_written.connect(note_page)
    signals.finalized.connect(write_files)
