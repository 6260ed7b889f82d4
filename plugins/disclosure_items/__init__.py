"""What an item page shows beyond its body.

Adds to every published item:
- ``validity`` (default 有效), ``text_dir`` (``rtl`` for Uyghur), ``summary``
  as plain text (derived from the body, at most 100 characters, when the
  editor gave none), ``is_service_guide`` and ``guide_sections`` (anchors of
  the six sections of a service guide);
- ``metadata_rows``: the item's metadata block, label and value, in the order
  of the standard 信息索引 table;
- links between items: ``interprets_item`` / ``interpretations`` for a policy
  and its interpretation (``Interprets``), ``original_item`` /
  ``translated_items`` for translations (``Translation_of``); a link is only
  made to a published item;
- ``attachment_files``: name, URL, type and size of each attachment; only the
  attachments of published items are copied into the output.

Signals: ``content_object_init`` (per-item fields), ``article_generator_finalized``
(links between items, attachments), ``static_generator_finalized`` (the
summaries and metadata rows: every body is parsed (plugin item_bodies), and
its changes never alter its text; the search records read the summaries at
``all_generators_finalized``).

Settings: ``ATTACHMENTS_PATH`` (the folder under ``PATH`` attachments live in).
"""

from pelican import signals
from pelican.contents import Article
from pelican.plugins.item_bodies import published_items

from .enrich import add_summaries, enrich_item, link_items


def on_content_init(content):
    if isinstance(content, Article):
        enrich_item(content)


def summarize_items(generator):
    add_summaries(item for item in published_items(generator.context) if isinstance(item, Article))


def register():
    signals.content_object_init.connect(on_content_init)
    signals.article_generator_finalized.connect(link_items)
    signals.static_generator_finalized.connect(summarize_items)
