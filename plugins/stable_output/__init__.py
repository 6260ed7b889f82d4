"""Stable output: a build rewrites only the files whose bytes change, and leaves nothing stale.

Adds:
- a writer (signal ``get_writer``) that renders pages as Pelican's does but
  replaces a file only when its bytes change, whole (never half-written): an
  unchanged page keeps its timestamp, so rsync, browsers and the live preview
  see only what changed;
- the theme's static files copied the same way (Pelican's own copy rewrites
  them every build, so ``THEME_STATIC_PATHS`` is empty and ``STABLE_THEME_STATIC``
  names them);
- a sweep after each build, by the Pelican class :class:`StableOutputPelican`
  (setting ``PELICAN_CLASS``): every file of the output that the build did not
  make or keep is removed, so the output is exactly what a build from nothing
  would make (the page, twin and audio of an item withdrawn since go) while
  ``DELETE_OUTPUT_DIRECTORY`` stays off;
- a key of what reading depends on, checked by :class:`StableOutputPelican`
  when a build starts, after every plugin's ``initialized`` receiver (one of
  them, ``body_sanitizer``, sets the readers): Pelican's reader cache
  (``CACHE_CONTENT``) notices a changed source file but not changed Markdown
  settings, extensions, readers or versions; when the key changes, the cached
  readings are dropped.

Every file a plugin writes into the output goes through
``file_writing.write_if_changed`` (or ``file_writing.note_built``), which notes
it as made by the build.
"""

from pelican import signals

from .sweep import StableOutputPelican  # noqa: F401  (named by PELICAN_CLASS)
from .writer import StableWriter, keep_static_files


def stable_writer(pelican):
    return StableWriter


def register():
    signals.get_writer.connect(stable_writer)
    signals.static_generator_finalized.connect(keep_static_files)
