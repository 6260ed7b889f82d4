"""The generator that writes the search page and the Pagefind index."""

import concurrent.futures
import hashlib
import importlib.metadata
import math
import os
import pathlib
import pickle
import shutil
import subprocess
import sys
import tempfile

from pelican.generators import Generator

from portal.file_writing import copy_if_changed, write_atomically

from . import records as records_module
from .records import INDEX_LANGUAGE, item_record, page_record

#: Under CACHE_PATH: the indexes of the shards, and the indexed bodies of the items.
CACHE_FOLDER = "search"
BODIES_FILE = "search-bodies.pickle"

#: What the browser needs of Pagefind's bundle; its own search UIs are not used.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    pass


def index_key(records):
    """A hash of everything the index is made from: the records, Pagefind's version and language."""
    digest = hashlib.sha256(f"{importlib.metadata.version('pagefind')} {INDEX_LANGUAGE}".encode())
    for record in sorted(records, key=lambda record: record.url):
        digest.update(f"\0{record.url}\0{record.html}".encode())
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
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                site,
                "--output-path",
                folder,
                "--force-language",
                INDEX_LANGUAGE,
                "--silent",
            ],
            check=False,
            capture_output=True,
            text=True,
        )
    if result.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        raise SearchIndexError(f"Pagefind could not index the site: {result.stdout}{result.stderr}")
    for name in UNUSED_BUNDLE_FILES:
        os.remove(os.path.join(folder, name))


def shards(records, size):
    """*records* (``(sort key, record)``, oldest first) cut into runs of at most *size*."""
    return [[record for _, record in records[start : start + size]] for start in range(0, len(records), size)]


def shard_count(record_count, size):
    return max(1, math.ceil(record_count / size))


def write_indexes(dated_records, folder, cache_folder, size):
    """Write one Pagefind index per shard of *dated_records* into ``folder/<n>/``, each from the cache when its records did not change.

    Pagefind holds a whole index in memory while it writes it (about 0.4 MB a
    record), so a large portal is indexed in shards, oldest items first: an
    edit or a new item remakes only the shard it falls in.  Indexes no shard
    uses leave the cache.
    """
    os.makedirs(cache_folder, exist_ok=True)
    used = set()
    for number, records in enumerate(shards(sorted(dated_records, key=lambda pair: pair[0]), size)):
        key = index_key(records)
        used.add(key)
        cached = os.path.join(cache_folder, key)
        if not os.path.isdir(cached):
            making = f"{cached}.{os.getpid()}.making"
            run_pagefind(records, making)
            os.rename(making, cached)
        for directory, _, names in os.walk(cached):
            for name in names:
                source = os.path.join(directory, name)
                copy_if_changed(source, os.path.join(folder, str(number), os.path.relpath(source, cached)))
    for entry in os.scandir(cache_folder):
        if entry.name not in used:
            shutil.rmtree(entry.path, ignore_errors=True)


class IndexedBodies:
    """:func:`.records.indexed_body` of every body (an ItemBody), kept between builds in *path* by a hash of the
    body's HTML.

    The cache is dropped when records.py changes; it keeps the bodies of the last build only.
    """

    SOURCE = hashlib.sha256(pathlib.Path(records_module.__file__).read_bytes()).hexdigest()

    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as stream:
                source, self.known = pickle.load(stream)
            if source != self.SOURCE:
                self.known = {}
        except (OSError, pickle.PickleError, EOFError, ValueError):
            self.known = {}
        self.used = {}

    def __call__(self, body):
        key = hashlib.sha256(body.html.encode("utf-8")).digest()
        if key not in self.used:
            self.used[key] = self.known[key] if key in self.known else records_module.indexed_body(body)
        return self.used[key]

    def save(self):
        if self.used != self.known:
            write_atomically(self.path, pickle.dumps((self.SOURCE, self.used)), durable=False)


def start_indexing(generators):
    """Signal ``all_generators_finalized``: the items and their bodies are final (plugin item_bodies), no page is
    written yet."""
    for generator in generators:
        if isinstance(generator, SearchGenerator):
            generator.start_indexing()


class SearchGenerator(Generator):
    def generate_context(self):
        articles = self.context["articles"]
        self.context["search_years"] = sorted({item.date.year for item in articles}, reverse=True)
        count = shard_count(len(articles) + len(self.context["pages"]), self.settings["SEARCH_SHARD_SIZE"])
        # Newest shard first: the search page sorts by date by walking them in this order.
        self.context["search_index_urls"] = [
            f"{self.settings['SEARCH_INDEX_PATH']}/{number}/pagefind.js" for number in reversed(range(count))
        ]

    def start_indexing(self):
        """Make the records and start indexing them in a thread, while the pages are written.

        Pagefind runs in its own processes, so the index is made on another
        processor while this one renders the pages.
        """
        # Pages have no date: they go with the oldest items, whose shard changes least.
        bodies = IndexedBodies(os.path.join(self.settings["CACHE_PATH"], BODIES_FILE))
        dated = [((item.date.isoformat(), item.url), item_record(item, bodies)) for item in self.context["articles"]]
        dated += [(("", page.url), page_record(page, bodies)) for page in self.context["pages"]]
        bodies.save()
        arguments = (
            dated,
            os.path.join(self.output_path, self.settings["SEARCH_INDEX_PATH"]),
            os.path.join(self.settings["CACHE_PATH"], CACHE_FOLDER),
            self.settings["SEARCH_SHARD_SIZE"],
        )
        self.indexing = concurrent.futures.ThreadPoolExecutor(1)
        self.index_written = self.indexing.submit(write_indexes, *arguments)

    def generate_output(self, writer):
        try:
            self.index_written.result()
        finally:
            self.indexing.shutdown()
        writer.write_file(
            self.settings["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["SEARCH_URL"],
        )
