"""Body HTML on an allow-list: nothing but the markup Markdown makes reaches a page.

Adds:
- readers of every format Pelican reads (Markdown, and HTML and
  reStructuredText where ``READERS`` does not switch them off as the portal
  does) that sanitize each body (``portal.html_sanitizer.sanitize``) the moment it
  is rendered, before Pelican's reader cache, any plugin, page, plain-text
  twin, feed, search record or export sees it. A body keeps the elements
  and attributes Python-Markdown makes with the portal's extensions;
  scripts, event handlers, styles, frames, objects, forms, ``<meta>``,
  ``<base>``, ``<link>``, comments, links other than http(s), mailto, tel
  and relative ones, and images, audio and video from other sites are
  removed. The readers are set in Pelican's ``READERS`` setting, so the
  worker processes of ``parallel_reading``, which get the settings but no
  plugin signals, read with them too;
- a warning naming the file, for every item or page whose body lost
  something, at every build (the reading keeps the list, under
  ``removed_markup``); ``portal.html_sanitizer.removed_markup`` says the same for the
  content check.

Signals: ``initialized`` (the readers, before the generators make their
``Readers`` and before ``stable_output`` keys the reader cache on
``READERS``), ``content_object_init`` (the warnings).

Settings: ``BODY_MEDIA_ORIGINS`` (origins, such as
``https://media.example.gov.cn``, whose images, audio and video bodies may
show besides the portal's own; the Content-Security-Policy must allow them
too) and Pelican's ``READERS`` (a format it switches off stays off).
"""

import logging
import os

from pelican import signals

from .readers import REMOVED_MARKUP, sanitized_readers

logger = logging.getLogger(__name__)


def install_readers(pelican):
    pelican.settings["READERS"] = sanitized_readers(pelican.settings["READERS"])


def warn_of_removed_markup(content):
    removed = content.metadata.get(REMOVED_MARKUP, ())
    if removed:
        path = os.path.relpath(content.source_path)
        path = content.source_path if path.startswith("..") else path
        for message in removed:
            logger.warning("%s: %s", path, message)


def register():
    signals.initialized.connect(install_readers)
    signals.content_object_init.connect(warn_of_removed_markup)
