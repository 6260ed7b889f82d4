"""Stable output: a build changes the output whole or not at all, and only what changed.

Adds, through the Pelican class :class:`StableOutputPelican` (setting
``PELICAN_CLASS``):
- the build in a staging folder, ``<output>.building``, which starts as a
  hard-linked copy of the output and is swapped in for it in one atomic
  exchange only once the build succeeded (``portal.file_writing.folders``); a
  build that logged any error fails, naming the errors, and leaves the output
  exactly as it was, and so does a crash or a kill at any moment;
- the lock ``<output>.lock``: a second build or publish of the same output
  waits for the first;
- the refusal of an output folder that is neither empty nor a portal output
  (the marker ``.portal-output``);
- a sweep after each build: every file of the output that the build did not
  make or keep is removed, so the output is exactly what a build from nothing
  would make (the page, twin and audio of an item withdrawn since go) while
  ``DELETE_OUTPUT_DIRECTORY`` stays off;
- the theme's static files copied when they change (Pelican's own copy
  rewrites them every build, so ``THEME_STATIC_PATHS`` is empty and
  ``STABLE_THEME_STATIC`` names them), and content static files copied when
  their bytes differ;
- a key of what reading depends on, checked when a build starts, after every
  plugin's ``initialized`` receiver (``body_sanitizer`` sets the readers
  there): Pelican's reader cache (``CACHE_CONTENT``) notices a changed source
  file but not changed Markdown settings, extensions, readers or versions;
  when the key changes, the cached readings are dropped.

Signals: ``get_writer`` (a writer that replaces a page only when its bytes
change, whole: an unchanged page keeps its timestamp, so rsync, browsers and
the live preview see only what changed).  The content's static files are noted
as made by the build as they are copied (``StableStaticGenerator``), so a file
that ``static_guard`` drops is never noted, and the sweep removes its old copy.

Every file a plugin writes into the output goes through
``portal.file_writing.write_if_changed`` (or ``note_built``), which notes it as
made by the build.
"""

from pelican import signals

from .sweep import StableOutputPelican  # noqa: F401  (named by PELICAN_CLASS)
from .writer import StableWriter


def stable_writer(pelican):
    return StableWriter


def register():
    signals.get_writer.connect(stable_writer)
