"""The disclosure catalog (主动公开基本目录) and its listing pages.

Adds:
- ``catalog`` (a :class:`content_model.catalog.Catalog`) to the shared context,
  so every template can draw the tree; each published item gets ``node``, the
  catalog node its ``Category`` names;
- per node: ``url``, ``crumbs`` (breadcrumb trail: label and URL pairs),
  ``items`` (published items of the node and its descendants, newest
  first) and ``count``;
- ``catalog/index.html``: the whole tree with counts and the catalog columns;
- ``catalog/<id>/``: one listing per node, paginated, with static filter pages
  per year (``<year>/``), per validity (``effective/``, ``expired/``,
  ``repealed/``) and both (``<year>/<validity>/``), so filters work without
  JavaScript; only non-empty combinations are written;
- ``notices`` (latest 通知 and 公告) and ``latest_items`` for the home page.

Signals: ``article_generator_init`` (load the catalog), ``content_object_init``
(attach the node), ``get_generators`` (the listing generator).

Refuses to build when a plugin of ``REQUIRED_PLUGINS`` failed to load.

Settings: ``CATALOG_FILE`` (the TOML file under ``PATH``),
``CATALOG_PAGE_SIZE`` (rows per listing page), ``HOME_LATEST_COUNT``,
``HOME_NOTICE_COUNT`` and ``NOTICE_GENRES``.
"""

import os

from pelican import signals
from pelican.contents import Article

from portal.content_model.catalog import CatalogError, load_catalog

from .listings import CatalogPagesGenerator, listing_url


def load_into_context(generator):
    path = os.path.join(generator.settings["PATH"], generator.settings["CATALOG_FILE"])
    try:
        catalog = load_catalog(path)
    except CatalogError:
        catalog = None  # content_validation reports it
    else:
        for node in catalog.walk():
            node.url = listing_url(node)
        for node in catalog.walk():
            node.crumbs = [("信息公开目录", "catalog/")] + [(each.name, each.url) for each in [*node.ancestors, node]]
    generator.context["catalog"] = catalog


def attach_node(content):
    if not isinstance(content, Article):
        return
    catalog = content._context.get("catalog") if content._context else None
    category = getattr(content, "category", None)
    if catalog is not None and category is not None and category.name in catalog:
        content.node = catalog[category.name]


def add_generator(pelican):
    return CatalogPagesGenerator


def register():
    signals.article_generator_init.connect(load_into_context)
    signals.content_object_init.connect(attach_node)
    signals.get_generators.connect(add_generator)
