"""Full-text search (站内搜索) with Pagefind.

Adds:
- ``search/``: the search page (template ``search.html``, script
  ``theme/js/search.js``). Its form, with filters by catalog node and year,
  is plain HTML; the script runs the query in the browser against the index
  and shows title, node, date, index number and summary of each result. With
  scripts off, the page points to the catalog;
- ``pagefind/<n>/``: the Pagefind index of every published item and page, in
  shards of ``SEARCH_SHARD_SIZE`` records by date (0 the oldest), which the
  search page searches together. Each record is composed from the item
  (title, index number, document number, publisher, tags, summary, and the
  text blocks of its body, plugin item_bodies), never from rendered pages, so
  the plain-text twins are not indexed twice and no page chrome is. Chinese
  is indexed as overlapping character pairs (:func:`.records.index_text`),
  which the script cuts a query into as well, so any run of two or more
  characters finds its item in any browser.
  A shard's index is cached under ``CACHE_PATH`` by a hash of its records:
  Pagefind runs only for a shard whose records changed;
- filters ``node`` (the item's node and its ancestors, by id) and ``year``;
  metadata ``title``, ``node``, ``date``, ``index_no``, ``doc_no``,
  ``summary``, ``lang`` and ``dir``; sort key ``date``.

Signals: ``get_generators`` (the generator), ``all_generators_finalized``
(the records are made, from the final bodies and summaries, and indexed in a
thread while the pages are written).

Settings: ``SEARCH_URL`` / ``SEARCH_SAVE_AS`` (the search page),
``SEARCH_INDEX_PATH`` (the index folder under the output),
``SEARCH_SHARD_SIZE`` (records per shard) and Pelican's ``CACHE_PATH``.
"""

from pelican import signals

from .index import SearchGenerator, start_indexing


def add_generator(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(start_indexing)
