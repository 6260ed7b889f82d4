"""Recordings of every readable block of every page, and each page's map to them.

Adds, for every page the build writes (``P``, relative to the output):
- a recording of each distinct text a reader can point at on it (headings,
  paragraphs, list items, table cells, metadata, links, buttons, the
  navigation, footer and toolbar: :mod:`portal.speech.blocks`), split by
  script and read by each script's voice (``AUDIO_VOICES``), synthesized
  offline once and kept by a hash of what it says and how: every page that
  shows the same text shares one file, ``<SPEECH_PATH>/clips/<k>/<key>.mp3``;
- the page's map, ``<SPEECH_PATH>/pages/P.json``: ``{"clips": URL of the
  clips, "blocks": {text key: [[clip, start, end], …]}}``, which the page's
  ``<meta name="speech-map">`` names and theme/static/js/a11y-speech.js plays
  for 指读 and 连读.  Pages whose results are built in the browser (search,
  message filter) also map the blocks of the pages their results come from
  (``SPEECH_SHARED_BLOCKS``).

A missing engine or a failed recording is reported as a warning: a page then
maps fewer blocks, and the page's script falls back to the browser's voice,
then to a message.

Signals: ``initialized`` (a new build), ``content_written`` (a page is
written), ``finalized`` (every page is written).

Settings: ``SPEECH_ENABLED`` and ``AUDIO_ENABLED`` (either off: no recordings
and no maps), ``SPEECH_PATH``,
``SPEECH_SHARED_BLOCKS``, and item_audio's ``AUDIO_ENGINE``, ``AUDIO_WORKERS``,
``AUDIO_RATE``, ``AUDIO_BIT_RATE``, ``AUDIO_VOICES``, ``AUDIO_CACHE_PATH``.
"""

import os

from pelican import signals

from .maps import PageSpeech

_build = {}


def start(pelican):
    _build["speech"] = PageSpeech(pelican.settings, os.path.abspath(pelican.output_path))


def add_page(path, context):
    if path.endswith(".html"):
        _build["speech"].add(os.path.abspath(path))


def finish(pelican):
    _build.pop("speech").finish()


def register():
    signals.initialized.connect(start)
    signals.content_written.connect(add_page)
    signals.finalized.connect(finish)
