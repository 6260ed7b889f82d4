"""Per-item fields and the links between items."""

import dataclasses
import html
import os
import re

from portal.content_model import fields

TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")


@dataclasses.dataclass(frozen=True)
class MetadataRow:
    label: str
    value: str
    url: str = ""


@dataclasses.dataclass(frozen=True)
class AttachmentFile:
    name: str
    url: str
    kind: str
    size: str


def plain_text(markup):
    """The text of a ``Summary`` as written (tags taken out, all on one line)."""
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", markup))).strip()


def derived_summary(text):
    """The summary of an item that gives none: the start of its body's *text*, all on one line."""
    text = " ".join(text.split())
    limit = fields.SUMMARY_MAX_CHARS
    return text if len(text) <= limit else text[: limit - 1] + "…"


def human_size(size):
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def enrich_item(item):
    item.validity = getattr(item, "validity", fields.DEFAULT_VALIDITY) or fields.DEFAULT_VALIDITY
    item.validity_slug = fields.VALIDITY_SLUGS.get(item.validity, "")
    # Pelican lower-cases the default language; lang attributes keep BCP 47's usual case.
    item.lang = next((code for code in fields.LANGUAGES if code.lower() == item.lang.lower()), item.lang)
    language = fields.LANGUAGES.get(item.lang, fields.LANGUAGES[fields.DEFAULT_LANG])
    item.text_dir = language["dir"]
    item.language_name = language["name"]
    item.tag_names = [tag.name for tag in getattr(item, "tags", [])]
    node = getattr(item, "node", None)
    item.is_service_guide = node is not None and node.id == fields.SERVICE_GUIDE_NODE
    item.guide_sections = fields.GUIDE_SECTIONS if item.is_service_guide else ()


def metadata_rows(item):
    """The 信息索引 block: every public metadata value the item has."""
    node = getattr(item, "node", None)
    rows = [
        MetadataRow("索引号", item.index_no),
        MetadataRow("主题分类", getattr(item, "topic", "")),
        MetadataRow("目录分类", node.name if node else "", node.url if node else ""),
        MetadataRow("发布机构", item.publisher),
        MetadataRow("成文日期", getattr(item, "written", "")),
        MetadataRow("发布日期", item.date.strftime("%Y-%m-%d")),
        MetadataRow("文号", getattr(item, "doc_no", "")),
        MetadataRow("体裁分类", getattr(item, "genre", "")),
        MetadataRow("主题词", "，".join(item.tag_names)),
        MetadataRow("有效性", item.validity),
        MetadataRow("生效日期", getattr(item, "effective", "")),
        MetadataRow("废止日期", getattr(item, "repealed", "")),
        MetadataRow("信息名称", item.title),
        MetadataRow("内容概述", item.summary_text),
    ]
    return [row for row in rows if row.value]


def link_items(generator):
    """Links between published items, and their attachments."""
    items = generator.articles
    by_index = {item.index_no: item for item in items}
    for item in items:
        item.interpretations = []
        item.translated_items = []
    for item in items:
        item.interprets_item = by_index.get(getattr(item, "interprets", ""))
        if item.interprets_item:
            item.interprets_item.interpretations.append(item)
        item.original_item = by_index.get(getattr(item, "translation_of", ""))
        if item.original_item:
            item.original_item.translated_items.append(item)
        item.attachment_files = attachments(generator, item)


def add_summaries(items):
    """Give each item its plain-text ``summary_text`` (its ``Summary``, else the start of its body's text),
    then its metadata rows, which show it."""
    for item in items:
        if "summary" not in item.metadata:
            item.metadata["summary"] = derived_summary(item.body.text)
        item.summary_text = plain_text(item.metadata["summary"])
        item.metadata_rows = metadata_rows(item)


def attachments(generator, item):
    folder = generator.settings["ATTACHMENTS_PATH"]
    found = []
    for relative in fields.split_list(getattr(item, "attachments", "")):
        source = f"{folder}/{relative}"
        generator.context["static_links"].add(source)
        full = os.path.join(generator.path, source)
        size = os.path.getsize(full) if os.path.isfile(full) else 0
        extension = os.path.splitext(relative)[1].lstrip(".").upper() or "文件"
        found.append(AttachmentFile(os.path.basename(relative), source, extension, human_size(size)))
    return found
