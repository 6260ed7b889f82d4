"""Plain-text twins (纯文本版): a text-only copy of every built page.

Adds: for every HTML page at output path ``P`` (relative to ``OUTPUT_PATH``) a
twin at ``<PLAIN_TEXT_PATH>/P``, made from the rendered page (see
:mod:`.twins`): the whole body in reading order with only its semantic
elements and their meaningful attributes; images as their text alternative,
audio and video as links to their files; nothing hidden, no scripts, one small
stylesheet; links to other pages of the site pointing to their twins, and the
page's ``纯文本版`` link turned into ``返回标准版``, back to the page.
Twins are made only from the pages of this build, after they are written, so
the publishing rule holds for them too; a twin is only rewritten when its
bytes change, so unchanged twins keep their timestamps.

Signals: ``finalized`` (every generator has written its pages).

Settings: ``PLAIN_TEXT_PATH`` (the output folder of the twins, also their URL
prefix) and ``PLAIN_TEXT_STYLESHEET`` (the twins' stylesheet, a URL path under
``SITEURL``).
"""

import logging

from pelican import signals

from .twins import write_twins

logger = logging.getLogger(__name__)


def write_twins_of_built_pages(pelican):
    written, unchanged = write_twins(pelican.output_path, pelican.settings)
    logger.info("Plain-text twins: %d written, %d unchanged", written, unchanged)


def register():
    signals.finalized.connect(write_twins_of_built_pages)
