"""Open data (数据开放): the catalog and every published item as data files.

Adds:
- ``catalog.json``: the portal, the catalog tree (every node with its columns,
  URL, feed and item count) and every published item with all its public
  metadata and URLs (page, plain-text version, audio, attachments); a
  consultation also gets its status as of the build and the URL of its
  feedback (意见采纳情况), which ``invoke monitor`` reads;
- ``catalog.csv``: the items, one row each, in UTF-8 with a byte-order mark so
  spreadsheet programs open it as Unicode; the header row gives the labels
  readers see on the portal;
- ``open-data/``: the 数据开放 page describing the files and every field.

Signals: ``get_generators`` (the generator; it runs after the catalog and feed
generators, whose node lists and feed URLs it exports).

Settings: ``PORTAL_URL`` (URLs in the files are absolute, on it),
``OPEN_DATA_URL`` / ``OPEN_DATA_SAVE_AS`` (the 数据开放 page).
"""

from pelican import signals

from .exports import OpenDataGenerator


def add_generator(pelican):
    return OpenDataGenerator


def register():
    signals.get_generators.connect(add_generator)
