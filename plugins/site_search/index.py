"""The generator that writes the search page and the Pagefind index."""

import os
import shutil
import subprocess
import sys
import tempfile

from pelican.generators import Generator

from .records import INDEX_LANGUAGE, item_record, page_record

#: What the browser needs of Pagefind's bundle; its own search UIs are not used.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def write_index(records, folder):
    """Index *records* with Pagefind's command-line indexer into *folder* (replaced)."""
    with tempfile.TemporaryDirectory(prefix="search-records-") as site:
        for record in records:
            path = os.path.join(site, record.url, "index.html")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(record.html)
        shutil.rmtree(folder, ignore_errors=True)
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", site, "--output-path", folder,
             "--force-language", INDEX_LANGUAGE, "--silent"],
            capture_output=True, text=True)
    if result.returncode:
        raise SearchIndexError(f"Pagefind could not index the site: {result.stdout}{result.stderr}")
    for name in UNUSED_BUNDLE_FILES:
        os.remove(os.path.join(folder, name))


class SearchGenerator(Generator):
    def generate_context(self):
        articles = self.context["articles"]
        self.context["search_years"] = sorted({item.date.year for item in articles}, reverse=True)

    def generate_output(self, writer):
        records = [item_record(item) for item in self.context["articles"]]
        records += [page_record(page) for page in self.context["pages"]]
        write_index(records, os.path.join(self.output_path, self.settings["SEARCH_INDEX_PATH"]))
        writer.write_file(self.settings["SEARCH_SAVE_AS"], self.get_template("search"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["SEARCH_URL"])
