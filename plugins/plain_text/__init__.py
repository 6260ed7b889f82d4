"""Plain-text twins (纯文本版): a text-only copy of every built page.

Adds: for every HTML page at output path ``P`` (relative to ``OUTPUT_PATH``) a
twin at ``<PLAIN_TEXT_PATH>/P``, made from the rendered page (see
:mod:`.twins`): the whole body in reading order with only its semantic
elements and their meaningful attributes; images as their text alternative,
audio and video as links to their files; nothing hidden, no scripts of the
page, one small stylesheet and the theme's ``a11y-preferences.js``, which
applies the reader's colour scheme, text size and zoom chosen in the toolbar
before first paint (and loads no toolbar); links to other pages of the site
pointing to their twins, and the page's ``纯文本版`` link turned into
``返回标准版``, back to the page.
Twins are made only from the pages of this build, as they are written (in
worker processes on a large site), so the publishing rule holds for them too.
A page whose bytes did not change gets its twin from the cache
(``<CACHE_PATH>/plain-text``), and a twin is only rewritten when its bytes
change, so unchanged twins keep their timestamps.

Signals: ``initialized`` (a new build), ``content_written`` (a page is
written), ``finalized`` (every generator has written its pages).

Settings: ``PLAIN_TEXT_PATH`` (the output folder of the twins, also their URL
prefix), ``PLAIN_TEXT_STYLESHEET`` (the twins' stylesheet, a URL path under
``SITEURL``), ``PLAIN_TEXT_WORKERS`` (worker processes; default one per
processor) and Pelican's ``CACHE_PATH`` and ``THEME_STATIC_DIR`` (where the
preferences script is).
"""

import logging
import os

from pelican import signals

from .twins import TwinWriter

logger = logging.getLogger(__name__)
CACHE_FOLDER = "plain-text"

_build = {}


def start_twins(pelican):
    cache_folder = os.path.join(pelican.settings["CACHE_PATH"], CACHE_FOLDER)
    _build["twins"] = TwinWriter(os.path.abspath(pelican.output_path), pelican.settings, cache_folder)


def add_page(path, context):
    if path.endswith(".html"):
        _build["twins"].add(os.path.abspath(path))


def finish_twins(pelican):
    written, unchanged = _build.pop("twins").finish()
    logger.info("Plain-text twins: %d written, %d unchanged", written, unchanged)


def register():
    signals.initialized.connect(start_twins)
    signals.content_written.connect(add_page)
    signals.finalized.connect(finish_twins)
