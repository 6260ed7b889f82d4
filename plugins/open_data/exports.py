"""The generator that writes catalog.json, catalog.csv and the 数据开放 page."""

import csv
import io
import json
import os
import urllib.parse

from pelican.generators import Generator

from portal.content_model import fields
from portal.content_model.catalog import COLUMNS
from portal.file_writing import write_if_changed

#: Fields of an item that are never public (only published items are exported,
#: so a withholding ground never applies).
PRIVATE_KEYS = {"withhold_basis"}
#: The exported metadata keys, in the order of the contract.
ITEM_KEYS = [key for key in fields.LABELS if key not in PRIVATE_KEYS]
LIST_KEYS = {"tags", "attachments"}
NUMBER_KEYS = {"stat_count", "stat_amount", "legal_days", "promised_days", "comment_count"}
#: Keys naming another item, and the attribute holding that item when it is published.
LINK_ATTRIBUTES = {"interprets": "interprets_item", "translation_of": "original_item", "decision": "decision_item"}
#: Fields the portal adds to the editors' metadata.
PORTAL_FIELDS = {
    "category_name": ("目录分类名称", "目录分类（Category）所指类目的名称"),
    "url": ("网址", "信息页面的网址"),
    "text_url": ("纯文本版网址", "信息页面纯文本版的网址"),
    "audio_url": ("音频网址", "语音版（MP3）的网址；没有语音版时为空"),
    "consultation_status": (
        "征求意见状态",
        "征求意见在生成本文件时的状态：未开始、征求意见中、已截止（未公布意见采纳情况）"
        "或已反馈；不是征求意见的信息为空",
    ),
    "feedback_url": ("意见采纳情况网址", "征求意见的意见采纳情况在信息页面上的网址；尚未公布时为空"),
}
FILES = ("catalog.json", "catalog.csv")
#: How a cell that a spreadsheet program runs as a formula starts (OWASP, "CSV Injection"), with
#: the full-width signs, which Chinese input methods type and spreadsheets may take for the others.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
#: Spaces that a spreadsheet's import may trim before it reads a cell.
TRIMMED_SPACES = " \u3000"


def day_or_moment(value):
    """A date the way the contract writes it: ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``."""
    return f"{value:%Y-%m-%d}" if (value.hour, value.minute) == (0, 0) else f"{value:%Y-%m-%d %H:%M}"


def number(text):
    return int(text) if text.isdigit() else float(text)


def item_record(item, portal):
    """Every public field of a published item, keyed as the contract spells it."""
    record = {}
    for key in ITEM_KEYS:
        if key == "date":
            value = day_or_moment(item.date)
        elif key == "category":
            value = item.node.id
        elif key == "summary":
            value = item.summary_text
        elif key == "tags":
            value = item.tag_names
        elif key == "attachments":
            value = [f"{portal}/{attachment.url}" for attachment in item.attachment_files]
        elif key == "disclosure":
            value = fields.PROACTIVE
        elif key in LINK_ATTRIBUTES:
            # Only a published item may be named: the raw value could be a withheld one's index number.
            linked = getattr(item, LINK_ATTRIBUTES[key], None)
            value = linked.index_no if linked else ""
        elif key in ("validity", "lang"):
            value = getattr(item, key)
        else:
            value = item.metadata.get(key, "")
            if key in NUMBER_KEYS and value:
                value = number(value)
        record[key] = value
    audio = getattr(item, "audio", None)
    consultation = getattr(item, "consultation", None)
    record.update(
        category_name=item.node.name,
        url=f"{portal}/{item.url}",
        text_url=f"{portal}/{item.settings['PLAIN_TEXT_PATH']}/{item.url}",
        audio_url=f"{portal}/{audio.url}" if audio else "",
        consultation_status=consultation.status if consultation else "",
        feedback_url=f"{portal}/{item.url}#{urllib.parse.quote(consultation.feedback_anchor)}"
        if consultation and consultation.feedback_anchor
        else "",
    )
    return record


def node_record(node, portal):
    return {
        "id": node.id,
        "name": node.name,
        "url": f"{portal}/{node.url}",
        "feed_url": f"{portal}/{node.feed_url}",
        "count": node.count,
        "art20": node.art20,
        "update_days": node.update_days,
        "columns": {key: node.columns.get(key, "") for key in COLUMNS},
        "children": [node_record(child, portal) for child in node.children],
    }


def field_list():
    """``(key, label, description)`` of every column of the exports."""
    described = [(key, label, "") for key, label in fields.LABELS.items() if key in ITEM_KEYS]
    return described + [(key, label, description) for key, (label, description) in PORTAL_FIELDS.items()]


def spreadsheet_cell(value):
    """*value* as a CSV cell that no spreadsheet runs: text that would start a formula gets an
    apostrophe before it (OWASP's advice), which spreadsheets take as the mark of text; numbers
    stay numbers.  catalog.json keeps the value as it is."""
    if isinstance(value, str) and value.lstrip(TRIMMED_SPACES).startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(records):
    keys = [key for key, _, _ in field_list()]
    labels = [label for _, label, _ in field_list()]
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(labels)
    for record in records:
        table.writerow([spreadsheet_cell(",".join(record[key]) if key in LIST_KEYS else record[key]) for key in keys])
    return buffer.getvalue()


class OpenDataGenerator(Generator):
    def generate_context(self):
        self.context["open_data_fields"] = field_list()
        self.context["open_data_files"] = FILES

    def generate_output(self, writer):
        portal = self.settings["PORTAL_URL"]
        items = sorted(self.context["articles"], key=lambda item: item.index_no)
        records = [item_record(item, portal) for item in items]
        data = {
            "site": {"name": self.settings["SITENAME"], "url": portal + "/", "org_code": self.settings["ORG_CODE"]},
            "fields": [{"key": key, "label": label} for key, label, _ in field_list()],
            "catalog": [node_record(node, portal) for node in self.context["catalog"].roots],
            "items": records,
        }
        self.write_text("catalog.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self.write_text("catalog.csv", csv_text(records), encoding="utf-8-sig")
        save_as = self.settings["OPEN_DATA_SAVE_AS"]
        writer.write_file(
            save_as,
            self.get_template("open_data"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["OPEN_DATA_URL"],
            item_count=len(records),
        )

    def write_text(self, name, text, encoding="utf-8"):
        write_if_changed(os.path.join(self.output_path, name), text.encode(encoding))
