"""Offline speech: what the portal's recordings say, how they are made, and where they are kept.

Shared by the item recordings (plugin item_audio) and the recordings of every
readable block of every page (plugin page_speech):

- :mod:`.spoken`    text prepared for listening: numbers written out, runs by
  script, each read by its voice, in chunks the synthesizer handles well;
- :mod:`.engines`   pyttsx3 or espeak-ng, one (voice, text) segment to a WAV file;
- :mod:`.sound`     segments joined, checked (not empty, not silent, of a
  plausible length) and encoded as MP3;
- :mod:`.cache`     MP3 files named by a hash of what they say and how, kept
  between builds;
- :mod:`.synthesis` the missing recordings made in worker processes;
- :mod:`.blocks`    the readable blocks of a rendered page and the key of a text
  that the page's script computes the same way.
"""
