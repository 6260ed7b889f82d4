"""The generator that writes the 互动交流 page, the list of answered messages and their data file."""

import dataclasses
import functools
import json
import logging
import math
import os

from pelican.generators import Generator

from portal.content_model.messages import Message, MessagesFileError, load_messages, messages_path, paragraphs
from portal.content_model.publishing import build_time
from portal.file_writing import write_if_changed
from portal.generated_pages import write_page
from portal.workdays import HolidayFileError, WorkCalendar

logger = logging.getLogger(__name__)

#: The fields of messages.json, with the labels readers see on the list.
DATA_FIELDS = {
    "id": "留言编号",
    "topic": "类别",
    "subject": "标题",
    "received": "留言日期",
    "question": "留言内容",
    "answered": "答复日期",
    "answered_by": "答复单位",
    "answer": "答复内容",
    "response_working_days": "答复用时（工作日）",
    "url": "网址",
}


class MessagesFileMalformed(SystemExit):
    """Stops the build without a traceback; the problems are logged one a line before."""


@dataclasses.dataclass(frozen=True)
class PublishedMessage:
    """An answered message as the list shows it."""

    message: Message
    working_days: int
    page_url: str

    @property
    def question_paragraphs(self):
        return paragraphs(self.message.question)

    @property
    def answer_paragraphs(self):
        return paragraphs(self.message.answer)

    @property
    def url(self):
        return f"{self.page_url}#{self.message.anchor}"


def list_page_url(settings, number):
    base = settings["MESSAGES_URL"]
    return base if number == 1 else f"{base}page/{number}/"


def record(entry, settings):
    """The open-data record of a published message."""
    message = entry.message
    return {
        "id": message.id,
        "topic": message.topic,
        "subject": message.subject,
        "received": message.received.isoformat(),
        "question": "\n\n".join(entry.question_paragraphs),
        "answered": message.answered.isoformat(),
        "answered_by": message.answered_by or settings["SITENAME"],
        "answer": "\n\n".join(entry.answer_paragraphs),
        "response_working_days": entry.working_days,
        "url": f"{settings['PORTAL_URL']}/{entry.url}",
    }


class PublicMessagesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read before any page is written: a malformed file keeps the last build.
        try:
            answered, calendar = self.read_answered()
        except (MessagesFileError, HolidayFileError) as error:
            for line in str(error).splitlines():
                logger.error("%s", line)
            raise MessagesFileMalformed("The messages could not be read (see above); nothing was published.") from None
        self.pages = self.paginate(answered, calendar)
        self.entries = [entry for page in self.pages for entry in page]

    def read_answered(self):
        """The messages answered by the build day, newest received first, and the working-day calendar."""
        today = build_time(self.settings).date()
        answered = [
            message for message in load_messages(messages_path(self.settings)) if message.answered_by_day(today)
        ]
        answered.sort(key=lambda message: (message.received, message.id), reverse=True)
        if not answered:
            return [], None
        holidays = os.path.join(self.settings["PATH"], self.settings["MONITOR_HOLIDAYS_FILE"])
        return answered, WorkCalendar.from_file(holidays)

    def paginate(self, answered, calendar):
        size = self.settings["MESSAGES_PAGE_SIZE"]
        pages = [[] for _ in range(max(1, math.ceil(len(answered) / size)))]
        years_missing = set()
        for position, message in enumerate(answered):
            number = position // size + 1
            years_missing.update(calendar.missing_years(message.received, message.answered))
            pages[number - 1].append(
                PublishedMessage(
                    message,
                    calendar.working_days_between(message.received, message.answered),
                    list_page_url(self.settings, number),
                )
            )
        for year in sorted(years_missing):
            logger.warning(
                "%s has no public holidays of %d: response times in %d count weekends only",
                self.settings["MONITOR_HOLIDAYS_FILE"],
                year,
                year,
            )
        return pages

    def generate_context(self):
        self.context["message_count"] = len(self.entries)
        self.context["message_topics"] = sorted({entry.message.topic for entry in self.entries})

    def generate_output(self, writer):
        write = functools.partial(write_page, self, writer)
        entries = self.entries
        average = sum(entry.working_days for entry in entries) / len(entries) if entries else None
        write(self.settings["INTERACTION_SAVE_AS"], "contact", average_working_days=average)
        page_urls = [list_page_url(self.settings, number) for number in range(1, len(self.pages) + 1)]
        for number, page in enumerate(self.pages, start=1):
            write(
                page_urls[number - 1] + "index.html",
                "messages",
                messages=page,
                page_number=number,
                page_count=len(self.pages),
                page_urls=page_urls,
                previous_url=page_urls[number - 2] if number > 1 else None,
                next_url=page_urls[number] if number < len(self.pages) else None,
            )
        data = {
            "site": {"name": self.settings["SITENAME"], "url": self.settings["PORTAL_URL"] + "/"},
            "fields": [{"key": key, "label": label} for key, label in DATA_FIELDS.items()],
            "messages": [record(entry, self.settings) for entry in entries],
        }
        write_if_changed(
            os.path.join(self.output_path, self.settings["MESSAGES_DATA"]),
            json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        )
