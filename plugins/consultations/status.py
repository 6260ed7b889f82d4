"""A consultation's state as of the build, and the links to and from its final decision."""

import dataclasses
import datetime

from pelican.generators import ArticlesGenerator
from pelican.plugins.node_feeds.atom import feed_path

from portal.content_model import fields
from portal.content_model.publishing import build_time

UPCOMING, OPEN, CLOSED, ANSWERED = "未开始", "征求意见中", "已截止", "已反馈"
#: ASCII names of the statuses, for CSS classes.
STATUS_SLUGS = {UPCOMING: "upcoming", OPEN: "open", CLOSED: "closed", ANSWERED: "answered"}


def consultation_status(opens, closes, answered, today):
    """The status on *today*: comments are taken from *opens* to *closes*, both days included."""
    if today < opens:
        return UPCOMING
    if today <= closes:
        return OPEN
    return ANSWERED if answered else CLOSED


@dataclasses.dataclass(frozen=True)
class CommentChannel:
    label: str
    value: str
    url: str = ""


@dataclasses.dataclass(frozen=True)
class Consultation:
    opens: datetime.date
    closes: datetime.date
    today: datetime.date
    channels: tuple
    feedback_anchor: str = ""
    comment_count: int | None = None

    @property
    def status(self):
        return consultation_status(self.opens, self.closes, bool(self.feedback_anchor), self.today)

    @property
    def status_slug(self):
        return STATUS_SLUGS[self.status]

    @property
    def is_open(self):
        return self.status == OPEN

    @property
    def days_left(self):
        """Whole days from the build's day to Closes (0: it closes today)."""
        return (self.closes - self.today).days

    @property
    def days_to_open(self):
        return (self.opens - self.today).days


def comment_channels(item):
    channels = []
    if getattr(item, "comment_email", ""):
        channels.append(CommentChannel("电子邮件", item.comment_email, f"mailto:{item.comment_email}"))
    if getattr(item, "comment_post", ""):
        channels.append(CommentChannel("信函", item.comment_post))
    if getattr(item, "comment_url", ""):
        channels.append(CommentChannel("在线提交", item.comment_url, item.comment_url))
    return tuple(channels)


def read_consultation(item, today):
    """The consultation of a published item of the consultations node (validated before the build)."""
    feedback = item.body.sections.get(fields.FEEDBACK_SECTION)
    count = getattr(item, "comment_count", "")
    return Consultation(
        opens=fields.parse_day(item.opens),
        closes=fields.parse_day(item.closes),
        today=today,
        channels=comment_channels(item),
        feedback_anchor=feedback.anchor if feedback else "",
        comment_count=int(count) if count else None,
    )


def attach_consultations(generators):
    """Give each consultation its state, each decision its consultations, and the home page its list."""
    generator = next(generator for generator in generators if isinstance(generator, ArticlesGenerator))
    today = build_time(generator.settings).date()
    items = generator.articles
    by_index = {item.index_no: item for item in items}
    for item in items:
        item.source_consultations = []
    consultations = []
    for item in items:
        node = getattr(item, "node", None)
        if node is None or node.id != fields.CONSULTATION_NODE:
            continue
        item.consultation = read_consultation(item, today)
        item.decision_item = by_index.get(getattr(item, "decision", ""))
        consultations.append(item)
        if item.decision_item is not None:
            item.decision_item.source_consultations.append(item)
    catalog = generator.context.get("catalog")
    generator.context.update(
        consultations_node=catalog[fields.CONSULTATION_NODE]
        if catalog is not None and fields.CONSULTATION_NODE in catalog
        else None,
        consultation_today=today,
        open_consultations=sorted(
            (item for item in consultations if item.consultation.is_open),
            key=lambda item: (item.consultation.closes, item.index_no),
        ),
        open_consultations_feed_url=feed_path(generator.settings, generator.settings["CONSULTATIONS_OPEN_FEED"]),
    )
