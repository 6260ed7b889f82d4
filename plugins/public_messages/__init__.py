"""Interaction (互动交流): the bureau's channels and its answers to public messages.

Adds:
- ``interaction/``: the 互动交流 page, with the channels (the 12315 hotline,
  the mailbox, the external message platform, the address) that every page's
  footer also shows, and a link to the answered messages;
- ``interaction/messages/`` (then ``page/2/`` …): the answered messages of the
  data file, newest first, each with its subject, category, question, answer,
  the days it was received and answered, and the response time in working
  days (the holiday file of the site monitor); each has an anchor
  ``#message-<id>``.  Messages not yet answered are never published (the site
  monitor reads them from the data file);
- ``interaction/messages.json``: the published messages as open data; the
  list's filter (``theme/static/js/messages.js``) searches it in the browser.

A malformed data file stops the build before the output folder is emptied,
with every problem logged as ``path: message N (id): key: what (expected)``.

Signals: ``get_generators`` (the generator).

Settings: ``INTERACTION_HOTLINE``, ``INTERACTION_MAILBOX``,
``INTERACTION_PLATFORM_URL`` (the channels), ``INTERACTION_URL`` /
``INTERACTION_SAVE_AS``, ``MESSAGES_URL``, ``MESSAGES_DATA``,
``MESSAGES_FILE`` (the TOML file under ``PATH``), ``MESSAGES_PAGE_SIZE``,
and ``MONITOR_HOLIDAYS_FILE`` (working days).
"""

from pelican import signals

from .pages import PublicMessagesGenerator


def add_generator(pelican):
    return PublicMessagesGenerator


def register():
    signals.get_generators.connect(add_generator)
