"""Site monitoring (网站监测): the library behind ``invoke monitor``.

Checks a built portal the way the national inspection of government websites
does, from what the portal publishes (its pages and ``catalog.json``):

- freshness: the home page's newest item (veto after ``MONITOR_HOME_DAYS``), and
  every catalog node against its ``update_days`` (a stale node whose
  ``update_days`` is at most ``MONITOR_NEWS_DAYS`` is a veto: news-like
  columns must change every two weeks);
- empty nodes (``MONITOR_EMPTY_NODES_VETO`` or more is a veto);
- broken internal links, missing anchors and missing attachments, on every
  page and plain-text twin; images without alt text;
- items whose 有效性 contradicts their 废止日期;
- items published more than ``MONITOR_PUBLISH_WORKING_DAYS`` working days
  after they were written (Article 26), counted with the holiday file
  ``MONITOR_HOLIDAYS_FILE`` under ``PATH``;
- service guides missing a required element;
- messages of ``MESSAGES_FILE`` (under ``PATH``: unanswered ones are not
  published) still unanswered ``MONITOR_MESSAGE_REPLY_MONTHS`` months after
  they were received: a veto each;
- consultations (征求意见) closed more than
  ``MONITOR_CONSULTATION_FEEDBACK_DAYS`` days without their feedback
  (意见采纳情况);
- with ``external=True``: links to other sites, at most
  ``MONITOR_EXTERNAL_LIMIT`` of them, each with ``MONITOR_EXTERNAL_TIMEOUT``.

Not a Pelican plugin: it reads a finished build.
"""

from .checks import Finding, monitor_portal  # noqa: F401
