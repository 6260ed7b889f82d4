"""Atom feeds (订阅) for the whole portal and for each catalog node.

Adds:
- ``feeds/all.atom.xml``: the newest published items of the portal;
- ``feeds/<node id>.atom.xml``: the newest items of a node and its descendants;
- ``feed_url`` on every catalog node and ``site_feed_url`` in the context, for
  the pages' ``<link rel="alternate">`` and the listings' 订阅 links.

Entries carry the item's full body (its readable HTML, plugin item_bodies:
without what it hides from readers), its summary, publisher, node and dates,
and its audio version as an enclosure.
Links are absolute, on the portal's public address, so a feed read anywhere
points back to the portal, whatever ``SITEURL`` the build used.

Signals: ``get_generators`` (the feed generator; it runs after the catalog
generator, which fills the nodes' item lists).

Settings: ``PORTAL_URL`` (the public address), ``FEED_PATH`` (the folder under
the output), ``FEED_MAX_ITEMS`` (entries per feed).
"""

from pelican import signals

from .atom import FeedsGenerator


def add_generator(pelican):
    return FeedsGenerator


def register():
    signals.get_generators.connect(add_generator)
