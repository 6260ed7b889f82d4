"""Public consultations (征求意见): draft decisions open for comment.

Adds, for the items of the ``consultations`` node (see ``CONTENT-MODEL.md``):
- ``consultation`` on each of them: its period, its status as of the build
  (未开始 before ``Opens``, 征求意见中 from ``Opens`` to ``Closes`` both
  included, 已截止 after ``Closes``, 已反馈 once the 意见采纳情况 section is
  written), the days left, the ways to comment and the anchor of the feedback
  section; and ``decision_item``, the final decision (``Decision``), when that
  item is published;
- ``source_consultations`` on every item: the consultations whose final
  decision it is, so a decision links back to its draft;
- in the context, for the home page: ``open_consultations`` (open at the
  build, closing soonest first), ``consultations_node``, ``consultation_today``
  and ``open_consultations_feed_url``;
- ``feeds/consultations-open.atom.xml``: the consultations open at the build.

The status is computed when the portal is built, from the build's "now"
(``DISCLOSURE_NOW``, else the clock): a portal must be rebuilt daily for the
statuses, the home list and the open feed to follow the calendar.

Signals: ``all_generators_finalized`` (every published item is read and its
body parsed: the feedback section is found among its sections, plugin
item_bodies; no page is written yet), ``get_generators`` (the feed).

Settings: ``CONSULTATIONS_OPEN_FEED`` (the open feed's name under ``FEED_PATH``).
"""

from pelican import signals

from .feed import OpenConsultationsFeedGenerator
from .status import attach_consultations


def add_generator(pelican):
    return OpenConsultationsFeedGenerator


def register():
    signals.all_generators_finalized.connect(attach_consultations)
    signals.get_generators.connect(add_generator)
