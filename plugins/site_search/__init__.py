"""Full-text search (站内搜索) with Pagefind.

Adds:
- ``search/``: the search page (template ``search.html``, script
  ``theme/js/search.js``). Its form, with filters by catalog node and year,
  is plain HTML; the script runs the query in the browser against the index
  and shows title, node, date, index number and summary of each result. With
  scripts off, the page points to the catalog;
- ``pagefind/``: the Pagefind index of every published item and page. Each
  record is composed from the item (title, index number, document number,
  publisher, tags, summary, body text), never from rendered pages, so the
  plain-text twins are not indexed twice and no page chrome is. Pagefind's
  own Chinese segmentation misses some words of a title (抽检 in
  食品安全监督抽检结果), so each record also carries the words of its title and
  summary as jieba segments them in search mode, separated by spaces: every
  such word is then a token Pagefind finds as typed;
- filters ``node`` (the item's node and its ancestors, by id) and ``year``;
  metadata ``title``, ``node``, ``date``, ``index_no``, ``doc_no``,
  ``summary``, ``lang`` and ``dir``; sort key ``date``.

Signals: ``get_generators`` (the generator).

Settings: ``SEARCH_URL`` / ``SEARCH_SAVE_AS`` (the search page),
``SEARCH_INDEX_PATH`` (the index folder under the output).
"""

from pelican import signals

from .index import SearchGenerator


def add_generator(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(add_generator)
