"""The generator that writes the search page and the Pagefind index."""

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile

from pelican.generators import Generator

from file_writing import copy_if_changed

from .records import INDEX_LANGUAGE, item_record, page_record

CACHE_FOLDER = "search"

#: What the browser needs of Pagefind's bundle; its own search UIs are not used.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def index_key(records):
    """A hash of everything the index is made from: the records, Pagefind's version and language."""
    digest = hashlib.sha256(f"{importlib.metadata.version('pagefind')} {INDEX_LANGUAGE}".encode())
    for record in sorted(records, key=lambda record: record.url):
        digest.update(f"\0{record.url}\0{record.html}".encode("utf-8"))
    return digest.hexdigest()


def run_pagefind(records, folder):
    """Index *records* with Pagefind's command-line indexer into the new *folder*."""
    with tempfile.TemporaryDirectory(prefix="search-records-") as site:
        for record in records:
            path = os.path.join(site, record.url, "index.html")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(record.html)
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", site, "--output-path", folder,
             "--force-language", INDEX_LANGUAGE, "--silent"],
            capture_output=True, text=True)
    if result.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        raise SearchIndexError(f"Pagefind could not index the site: {result.stdout}{result.stderr}")
    for name in UNUSED_BUNDLE_FILES:
        os.remove(os.path.join(folder, name))


def write_index(records, folder, cache_folder):
    """Write the index of *records* into *folder*, from *cache_folder* when they have not changed.

    Pagefind runs only when a record changed; the index of the last records
    is kept in the cache, and only its files that changed are rewritten.
    """
    cached = os.path.join(cache_folder, index_key(records))
    if not os.path.isdir(cached):
        shutil.rmtree(cache_folder, ignore_errors=True)
        making = f"{cached}.{os.getpid()}.making"
        run_pagefind(records, making)
        os.rename(making, cached)
    for directory, _, names in os.walk(cached):
        for name in names:
            source = os.path.join(directory, name)
            copy_if_changed(source, os.path.join(folder, os.path.relpath(source, cached)))


class SearchGenerator(Generator):
    def generate_context(self):
        articles = self.context["articles"]
        self.context["search_years"] = sorted({item.date.year for item in articles}, reverse=True)

    def generate_output(self, writer):
        records = [item_record(item) for item in self.context["articles"]]
        records += [page_record(page) for page in self.context["pages"]]
        write_index(records, os.path.join(self.output_path, self.settings["SEARCH_INDEX_PATH"]),
                    os.path.join(self.settings["CACHE_PATH"], CACHE_FOLDER))
        writer.write_file(self.settings["SEARCH_SAVE_AS"], self.get_template("search"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["SEARCH_URL"])
