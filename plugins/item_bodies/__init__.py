"""Each body parsed once: every plugin reads and changes an item's body through this stage.

Adds:
- ``body`` on every published item, each of its translations and every page:
  a :class:`portal.item_body.ItemBody`, the body parsed once, as soon as every
  item and page is read.  Whatever reads a body reads it there, at
  ``static_generator_finalized`` or later: the summaries (disclosure_items),
  the static files shown (static_guard), the feedback section
  (consultations), the audio (item_audio), the search records (site_search)
  and the feeds (node_feeds);
- the body changes, made on that tree by the plugins that register them
  (:func:`register_change`) under a name of ``CHANGE_ORDER``, and made in that
  order, whatever order Pelican loaded the plugins in or fires their receivers
  in: 1. ``flowchart``, a service guide's flowchart (process_flowcharts),
  2. ``images``, the sizes, narrower copies and loading of the body images
  (item_images), 3. ``language_of_parts``, ``lang`` and ``dir`` on the runs
  of another language (language_of_parts).  Then each body's HTML is written
  into its item, once: this is the only place that sets Pelican's ``_content``.

A change takes the list of items (each with its ``body``) and the static
generator (its settings, its context with the static files, its output path);
it changes the trees, stops the build on a problem, and returns the items whose
body it changed.  No change may alter the text readers are given (it adds
attributes, or drawings hidden from readers): the summaries are read from that
text at the same signal.

Signals: ``page_generator_finalized`` (the bodies are parsed: the articles'
generator ran before the pages', so every item and page is read and the
publishing rule has chosen them), ``static_generator_finalized`` (the changes
are made: the static files the images show are known; nothing is written yet).

Settings: none.
"""

from pelican import signals

from portal.item_body import ItemBody

#: The changes of a body, in the order they are made.
CHANGE_ORDER = ("flowchart", "images", "language_of_parts")
#: The change registered under each name of CHANGE_ORDER.
CHANGES = {}


def register_change(name, change):
    """Make *change* (``change(items, generator)`` -> the items it changed) the body change *name*, one of
    CHANGE_ORDER."""
    if name not in CHANGE_ORDER:
        raise ValueError(f"{name!r} is not a body change of item_bodies (one of {', '.join(CHANGE_ORDER)})")
    CHANGES[name] = change


def published_items(context):
    """Every published item, each of its translations and every page."""
    items = [*context["articles"], *context["pages"]]
    return items + [translation for item in items for translation in item.translations]


def parse_bodies(generator):
    """Give every published item, translation and page its ``body``."""
    for item in published_items(generator.context):
        item.body = ItemBody(item._content or "")


def make_changes(generator):
    """Make the registered changes in CHANGE_ORDER, then write each body into its item."""
    items = published_items(generator.context)
    for name in CHANGE_ORDER:
        if name in CHANGES:
            for item in CHANGES[name](items, generator):
                item.body.changed = True
    for item in items:
        item._content = item.body.html


def register():
    signals.page_generator_finalized.connect(parse_bodies)
    signals.static_generator_finalized.connect(make_changes)
