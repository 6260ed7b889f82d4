"""Parallel reading: the items Pelican has not read before are read in worker processes first.

Adds: before the article generator reads its files, the source files whose
reading Pelican's reader cache does not hold (all of them on a first build,
the changed ones after) are read by ``READING_WORKERS`` worker processes
(default: one per processor), once there are ``PARALLEL_FROM`` of them, and
their readings (body HTML and metadata, exactly what Pelican's reader returns)
are put into the reader cache. The generator then finds every reading there
and goes on as after any cached build: each item's plugins and signals still
run in the build's process, in order. A file a worker cannot read is left to
Pelican, which reports it as usual. Without ``CACHE_CONTENT`` (and its
``reader`` layer) it does nothing.

Signals: ``article_generator_init``.

Settings: ``READING_WORKERS``.
"""

from pelican import signals

from .workers import read_in_workers


def register():
    signals.article_generator_init.connect(read_in_workers)
