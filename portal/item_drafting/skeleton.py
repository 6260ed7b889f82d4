"""The text of a new item: its header, and a body that tells the editor what to write.

Pelican headers hold no comments, so the header carries only keys with valid
values and the guidance is in the body: 【待填写】 paragraphs to replace, and an
editor's note listing the optional keys.  ``Status: draft`` keeps the item
unpublished until the editor removes that line.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from portal.content_model import fields
from portal.content_model.problems import key_name

if TYPE_CHECKING:
    from .answers import NewItem

TO_WRITE = "【待填写】"
EDITOR_NOTE = "【编者注：发布前删除本段】"

#: Placeholders of the service-guide keys: valid, and plainly not the real values.
GUIDE_PLACEHOLDERS = {
    "item_code": TO_WRITE,
    "legal_days": "0",
    "promised_days": "0",
    "fee": TO_WRITE,
    "accepting_org": TO_WRITE,
    "online": "否",
}
GUIDE_KEY_HINTS = {
    "legal_days": "工作日数",
    "promised_days": "工作日数，不长于法定办结时限",
    "fee": "“不收费”或收费标准",
    "online": "网址或“否”",
}
#: Keys the editor may add: the optional ones of every item.
OPTIONAL_KEYS = [
    key
    for key in fields.LABELS
    if key not in fields.REQUIRED_KEYS
    and key != "withhold_basis"
    and key not in fields.GUIDE_KEYS
    and key not in fields.CONSULTATION_KEYS
]
#: A new consultation closes this many days after its Date, when it opens (the
#: usual minimum time for the public's comments on a draft decision).
CONSULTATION_DAYS = 30
CONSULTATION_KEY_HINTS = {
    "opens": "默认为发布日期",
    "closes": f"默认为开始日期后第{CONSULTATION_DAYS}天",
    "comment_email": "默认为本局互动交流邮箱",
}

GUIDE_SECTION_TEXT = {
    "设定依据": TO_WRITE + "列出设定本事项的法律、法规、规章及其条款，一项一行。",
    "申请条件": TO_WRITE + "列出申请人应当具备的条件。",
    "申请材料": "\n\n".join(
        [
            TO_WRITE + "每种材料一行，写明名称、份数、形式（原件、复印件、电子文件）和来源；下表第一行是示例。",
            "\n".join(
                [
                    "| " + " | ".join(fields.GUIDE_MATERIAL_COLUMNS) + " |",
                    "| " + " | ".join("---" for _ in fields.GUIDE_MATERIAL_COLUMNS) + " |",
                    "| 申请书（示例） | 1 | 原件 | 申请人自备 |",
                ]
            ),
        ]
    ),
    "办理流程": "\n\n".join(
        [
            TO_WRITE + "每步一行，写作“步骤名称：做什么（承办：负责的处室；时限：N个工作日）”；"
            "不计时限的步骤删去“；时限：…”，时限的写法见内容模型说明。下列各步生成办事流程图。",
            "\n".join(
                f"{number}. {step}：{TO_WRITE}（承办：{TO_WRITE}）"
                for number, step in enumerate(("申请", "受理", "审查", "决定", "送达"), 1)
            ),
        ]
    ),
    "办理地点和时间": f"- 办理地点：{TO_WRITE}\n- 办理时间：{TO_WRITE}",
    "咨询与投诉": f"- 咨询电话：{TO_WRITE}\n- 投诉电话：{TO_WRITE}",
}


def labelled(key: str, hints: Mapping[str, str] | None = None) -> str:
    hint = f"，{hints[key]}" if hints and key in hints else ""
    return f"{fields.LABELS[key]}（{key_name(key)}{hint}）"


def item_text(item: NewItem, index_no: str) -> str:
    """The Markdown file of the new *item* (an :class:`.answers.NewItem`) numbered *index_no*."""
    header = {
        "title": item.title,
        "date": item.date.isoformat(),
        "category": item.node.id,
        "index_no": index_no,
        "publisher": item.publisher,
        "disclosure": item.disclosure,
    }
    if item.withhold_basis:
        header["withhold_basis"] = item.withhold_basis
    header["status"] = "draft"
    node = item.node.id
    if node == fields.SERVICE_GUIDE_NODE:
        header.update(GUIDE_PLACEHOLDERS)
    elif node == fields.CONSULTATION_NODE:
        header.update(consultation_defaults(item))
    blocks = ["\n".join(f"{key_name(key)}: {value}" for key, value in header.items())]
    if node == fields.SERVICE_GUIDE_NODE:
        blocks += [TO_WRITE + "简述本事项的适用范围。", editor_note(node)]
        blocks += [f"## {name}\n\n{GUIDE_SECTION_TEXT[name]}" for name in fields.GUIDE_SECTIONS]
    elif node == fields.CONSULTATION_NODE:
        blocks += [
            TO_WRITE + "说明起草的目的、征求意见稿的主要内容和提出意见的方式，附上征求意见稿；"
            "正文中的小标题从“##”开始，逐级使用。",
            editor_note(node),
        ]
    else:
        blocks += [TO_WRITE + "在此写正文，替换本段。正文中的小标题从“##”开始，逐级使用。", editor_note(node)]
    return "\n\n".join(blocks) + "\n"


def consultation_defaults(item: NewItem) -> dict[str, str]:
    """Opens on the Date, closes CONSULTATION_DAYS days later, comments to the bureau's mailbox."""
    closes = item.date + datetime.timedelta(days=CONSULTATION_DAYS)
    return {"opens": item.date.isoformat(), "closes": closes.isoformat(), "comment_email": item.mailbox}


def node_keys_note(node: str) -> str:
    """What the note says of the header keys of a guide or a consultation."""
    if node == fields.SERVICE_GUIDE_NODE:
        return (
            "文件头中的"
            + "、".join(labelled(key, GUIDE_KEY_HINTS) for key in fields.GUIDE_KEYS)
            + "是占位值，请改为本事项的实际内容。"
        )
    if node == fields.CONSULTATION_NODE:
        given = ("opens", "closes", "comment_email")
        return (
            "文件头中的"
            + "、".join(labelled(key, CONSULTATION_KEY_HINTS) for key in given)
            + "是默认值，请按实际修改；还可以补充"
            + "、".join(labelled(key) for key in ("comment_post", "comment_url"))
            + f"。征求意见截止后，补充{labelled('comment_count')}和“## {fields.FEEDBACK_SECTION}”一节；"
            f"最终决定公布后，补充{labelled('decision', {'decision': '填写最终决定的索引号'})}。"
        )
    return ""


def editor_note(node: str) -> str:
    return (
        f"{EDITOR_NOTE}本条目由 invoke new 生成，文件头中“Status: draft”一行使它暂不发布。{node_keys_note(node)}"
        "文件头中可以补充以下项目，每项一行，写作“键: 值”，写法见内容模型说明（docs/CONTENT-MODEL.md）："
        + "、".join(labelled(key) for key in OPTIONAL_KEYS)
        + "。索引号的年份是发布日期的年份；补充的成文日期不在同一年的，索引号要改用成文日期那一年的下一个空号。"
        f"补写所有标有{TO_WRITE}的内容，删除本段和“Status: draft”一行，运行 invoke check 无误后提交发布。"
    )
