"""Language of parts: each run of another language in a body carries its ``lang`` and ``dir``.

Adds the body change ``language_of_parts`` of plugin item_bodies, the last of
its ``CHANGE_ORDER``: in the body of every published item, translation and
page, each run of text in another language than the text around it (a Uyghur
word in a Chinese paragraph, a Chinese name in an English item, an English
title in a Chinese one) goes into ``<span lang="…" dir="…">``, so that screen
readers and the portal's speech read it in its own voice and browsers lay it
out in its own direction.  :mod:`portal.language_runs` says what counts as a
run.  The language around a text is the nearest ``lang`` an editor gave, else
the item's ``Lang``; the text of code (``<code>``, ``<pre>`` …), attribute
values and what is hidden from readers are left alone.  Only markup is added:
the text readers are given does not change.  The theme marks the portal's own
text with the same library (the Jinja filter ``mark_languages``).

Signals: none of its own: ``static_generator_finalized``, through item_bodies
(after the flowchart and the images, so the tree it marks is the final one).

Settings: none.
"""

from pelican.plugins.item_bodies import register_change

from portal.language_runs import mark_runs_in_tree


def mark_language_runs(items, generator):
    """Mark the runs of another language in each item's body; the items whose body changed."""
    return [item for item in items if mark_runs_in_tree(item.body.root, item.lang)]


def register():
    register_change("language_of_parts", mark_language_runs)
