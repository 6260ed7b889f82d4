"""Keys, labels and allowed values of a disclosure item."""

import datetime
import re

#: Keys every item must carry, in the order problems are reported.
REQUIRED_KEYS = ("title", "date", "category", "index_no", "publisher", "disclosure")

#: Labels shown to readers, by (lower-case) key.
LABELS = {
    "title": "信息名称",
    "date": "发布日期",
    "category": "目录分类",
    "index_no": "索引号",
    "publisher": "发布机构",
    "disclosure": "公开属性",
    "withhold_basis": "不予公开依据",
    "doc_no": "文号",
    "written": "成文日期",
    "topic": "主题分类",
    "genre": "体裁分类",
    "tags": "主题词",
    "summary": "内容概述",
    "validity": "有效性",
    "effective": "生效日期",
    "repealed": "废止日期",
    "stat_kind": "统计类别",
    "stat_count": "处理决定数量",
    "stat_amount": "收费金额（万元）",
    "interprets": "解读对象",
    "lang": "语言",
    "translation_of": "译自",
    "attachments": "附件",
    "item_code": "事项编码",
    "legal_days": "法定办结时限",
    "promised_days": "承诺办结时限",
    "fee": "收费标准",
    "accepting_org": "受理机构",
    "online": "网上办理",
    "opens": "征求意见开始日期",
    "closes": "征求意见截止日期",
    "comment_email": "意见提交邮箱",
    "comment_post": "意见邮寄地址",
    "comment_url": "在线提交意见网址",
    "comment_count": "收到意见数",
    "decision": "最终决定",
}

PROACTIVE = "主动公开"
#: Disclosure values, with the English aliases editors may write.
DISCLOSURE_VALUES = {
    "主动公开": PROACTIVE,
    "proactive": PROACTIVE,
    "依申请公开": "依申请公开",
    "on-request": "依申请公开",
    "不予公开": "不予公开",
    "withheld": "不予公开",
}

#: 有效性 values and the ASCII slug of each, used in listing URLs.
VALIDITY_SLUGS = {"有效": "effective", "失效": "expired", "废止": "repealed"}
DEFAULT_VALIDITY = "有效"

#: The fifteen document types of the 党政机关公文处理工作条例, plus 其他.
GENRES = (
    "决议",
    "决定",
    "命令",
    "令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
    "其他",
)

STAT_KINDS = ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费")

#: Item languages; ``dir`` is what the page's ``dir`` attribute must say.
LANGUAGES = {
    "zh-CN": {"name": "中文", "dir": "ltr"},
    "ug": {"name": "ئۇيغۇرچە", "dir": "rtl"},
    "en": {"name": "English", "dir": "ltr"},
}
DEFAULT_LANG = "zh-CN"

STATUSES = ("published", "draft", "hidden")

SUMMARY_MAX_CHARS = 100

INDEX_NO_RE = re.compile(r"^(?P<org>[0-9A-Z]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$")
INDEX_NO_EXPECTED = "<18位机构代码>/<YYYY>-<NNNNN>，如 11650000MB1A0827X6/2019-00042"

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER_RE = re.compile(r"^\d+(\.\d+)?$")
WEB_URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

#: The service-guide node and what a guide must contain.
SERVICE_GUIDE_NODE = "service-guides"
GUIDE_SECTIONS = ("设定依据", "申请条件", "申请材料", "办理流程", "办理地点和时间", "咨询与投诉")
GUIDE_MATERIAL_COLUMNS = ("材料名称", "份数", "形式", "来源")
GUIDE_DAY_KEYS = ("legal_days", "promised_days")
#: The facts every service guide states (the contract's extra keys).
GUIDE_KEYS = ("item_code", "legal_days", "promised_days", "fee", "accepting_org", "online")

#: The consultation node (征求意见) and its keys: a draft decision open for comment
#: from Opens to Closes (both days included), the ways to comment, and after it
#: closes the feedback (Comment_count and the FEEDBACK_SECTION body section) and
#: the Index_no of the final Decision.
CONSULTATION_NODE = "consultations"
CONSULTATION_KEYS = ("opens", "closes", "comment_email", "comment_post", "comment_url", "comment_count", "decision")
COMMENT_CHANNEL_KEYS = ("comment_email", "comment_post", "comment_url")
FEEDBACK_SECTION = "意见采纳情况"


def parse_date(text: str) -> datetime.datetime | None:
    """Return the datetime of a ``YYYY-MM-DD[ HH:MM]`` value, or None if malformed."""
    text = text.strip()
    if not DATE_RE.match(text):
        return None
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M" if " " in text else "%Y-%m-%d")
    except ValueError:
        return None


def parse_day(text: str) -> datetime.date | None:
    """Return the date of a ``YYYY-MM-DD`` value, or None if malformed."""
    text = text.strip()
    if not DAY_RE.match(text):
        return None
    parsed = parse_date(text)
    return parsed.date() if parsed else None


def disclosure_value(text: str) -> str | None:
    """The Chinese Disclosure value of *text* (an English alias too), or None if it is unknown."""
    text = text.strip()
    return DISCLOSURE_VALUES.get(text.lower(), DISCLOSURE_VALUES.get(text))


def split_list(text: str) -> list[str]:
    """Split a comma-separated value (ASCII or full-width commas)."""
    return [part.strip() for part in re.split(r"[,，]", text) if part.strip()]
