"""Audio versions of every published item, synthesized offline at build time.

Adds ``audio`` to every published item: an :class:`.build.ItemAudio` (URL, duration,
size) of an MP3 under ``AUDIO_PATH``, or None when the feature is off or the
item's synthesis failed; the item template shows a player only then.  The
spoken text is the item's title, key metadata and body (see :mod:`portal.speech.spoken`),
in the voice of each script (``AUDIO_VOICES``); it is synthesized through
pyttsx3 or espeak-ng (:mod:`portal.speech.engines`) in parallel worker processes, each a
fresh fork of a clean server process that never touched the engine, checked
(not empty, not silent, of a plausible length), encoded as mono MP3 and cached
by a hash of what it says and how (:mod:`portal.speech.cache`).  A missing engine or a
failed item is reported and the rest of the portal builds, unless
``AUDIO_STRICT`` is set.

Signals: ``all_generators_finalized`` (the publishing rule chose the items,
their bodies are parsed and final (plugin item_bodies); no page is written yet).

Settings: ``AUDIO_ENABLED``, ``AUDIO_ENGINE``, ``AUDIO_WORKERS``, ``AUDIO_RATE``,
``AUDIO_BIT_RATE``, ``AUDIO_VOICES``, ``AUDIO_PATH``, ``AUDIO_CACHE_PATH``,
``AUDIO_STRICT``.
"""

from pelican import signals

from portal.speech.synthesis import WORKER_MODULES
from portal.worker_processes import declare_preload

from .build import add_audio


def register():
    # Before any pool of the build starts the fork server (parallel reading's may come first).
    declare_preload(WORKER_MODULES)
    signals.all_generators_finalized.connect(add_audio)
