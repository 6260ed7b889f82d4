"""The checks of the content model, as a pure function of the content folder.

Every file Pelican reads as an item or page (:mod:`content_model.sources`)
is checked, and every other file under ``PATH`` too (:mod:`.intake`); items
and pages obey the same publishing rule, and the links of the published ones
are held to it (:mod:`.links`).
"""

from __future__ import annotations

import collections
import datetime
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup
from pelican.utils import slugify

from portal.content_model import fields
from portal.content_model.catalog import ID_RE, Catalog, CatalogError, load_catalog, reserved_segments
from portal.content_model.guide_steps import step_key, step_problems
from portal.content_model.header import SourceError, read_source, split_header
from portal.content_model.messages import MessagesFileError, load_messages, messages_path
from portal.content_model.problems import Problem, key_name
from portal.content_model.publishing import build_time, is_page_published, is_published
from portal.content_model.sources import is_linked, item_files, page_files

from .body_html import body_html_problems
from .intake import file_problems, text_problems, unfenced_lines
from .links import Document, LinkRules

if TYPE_CHECKING:
    from pelican.settings import Settings

PELICAN_KEYS = {"slug", "status", "modified"}
KNOWN_KEYS = set(fields.LABELS) | PELICAN_KEYS
#: The keys a standalone page may carry.
PAGE_KEYS = ("title", "slug", "date", "modified", "status", "disclosure", "withhold_basis", "lang")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
SLUG_EXPECTED = "只用小写英文字母、数字和连字符，例如 food-safety-2019"
#: A Markdown image with empty alt text: ``![](src)`` or ``![][label]``.
IMAGE_WITHOUT_ALT_RE = re.compile(r"!\[\s*\](?:\(\s*<?(?P<src>[^\s)>]*)|(?P<label>\[[^\]]*\]))")
IMAGE_ALT_EXPECTED = "alternative text: what the image shows, e.g. ![2019年各季度抽检合格率柱状图](/images/x.png)"

EXPECTED = {
    "title": "plain text",
    "date": "YYYY-MM-DD or YYYY-MM-DD HH:MM",
    "category": "the id of a catalog node",
    "index_no": fields.INDEX_NO_EXPECTED,
    "publisher": "the issuing body",
    "disclosure": "主动公开, 依申请公开 or 不予公开 (proactive, on-request, withheld)",
}


def read_sources(
    settings: Settings, relatives: Iterable[str]
) -> tuple[dict[str, tuple[dict[str, str], str]], list[Problem]]:
    """``({path: (metadata, body)}, problems)`` of the items or pages at *relatives*; a file
    behind a symbolic link is left out (the link is the problem), and so is one that is not text."""
    texts = {}
    problems = []
    for relative in relatives:
        if is_linked(settings, relative):
            continue
        path = os.path.join(settings["PATH"], relative)
        try:
            text = read_source(path)
        except SourceError as error:
            problems.append(Problem(path, "", error.what, error.expected))
            continue
        problems += [
            Problem(path, key_name(key) if key else "", what, expected) for key, what, expected in text_problems(text)
        ]
        texts[path] = split_header(text)
    return texts, problems


def validate_site(settings: Settings) -> list[Problem]:
    """Return every problem of the content folder named by ``settings['PATH']``."""
    content = settings["PATH"]
    catalog_path = os.path.join(content, settings["CATALOG_FILE"])
    try:
        catalog = load_catalog(catalog_path)
    except CatalogError as error:
        return [Problem(error.path, key, what, expected) for key, what, expected in error.problems]

    item_paths, page_paths = item_files(settings), page_files(settings)
    problems = [
        Problem(os.path.join(content, relative), "", what, expected)
        for relative, what, expected in file_problems(settings, {*item_paths, *page_paths})
    ]
    items, unreadable_items = read_sources(settings, item_paths)
    pages, unreadable_pages = read_sources(settings, page_paths)
    problems += unreadable_items + unreadable_pages

    index_owners = collections.defaultdict(list)
    url_owners = collections.defaultdict(list)
    for path, (metadata, _) in items.items():
        number = metadata.get("index_no", "").strip()
        if number:
            index_owners[number].append(path)
        url_owners[(metadata.get("category", "").strip(), item_slug(path, metadata, settings))].append(path)
    by_number = {metadata.get("index_no", "").strip(): metadata for metadata, _ in items.values()}
    now = build_time(settings)
    for path, (metadata, body) in items.items():
        problems += check_item(path, metadata, body, catalog, index_owners, settings)
        problems += [
            Problem(path, key_name(key) if key else "", what, expected)
            for key, what, expected in check_consultation(metadata, body, by_number, now)
        ]
    for (category, slug), paths in url_owners.items():
        if len(paths) > 1:
            problems += [
                Problem(
                    path,
                    "Slug",
                    f"the page /{category}/{slug}/ is also made from "
                    + ", ".join(other for other in paths if other != path),
                    "a file name (or Slug) unique within its Category",
                )
                for path in paths
            ]
    problems += check_pages(settings, catalog, pages)
    problems += check_links(settings, items, pages, now)
    problems += [
        Problem(path, "", what, expected) for path, what, expected in body_html_problems(settings, {**items, **pages})
    ]
    problems += check_messages(settings)
    return problems


def item_slug(path: str, metadata: Mapping[str, str], settings: Settings) -> str:
    """The slug Pelican will give the item or page: its ``Slug``, or its file name slugified."""
    if metadata.get("slug", "").strip():
        return metadata["slug"].strip()
    return slugify(
        os.path.splitext(os.path.basename(path))[0],
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def check_item(
    path: str,
    metadata: Mapping[str, str],
    body: str,
    catalog: Catalog,
    index_owners: Mapping[str, list[str]],
    settings: Settings,
) -> list[Problem]:
    problems = []

    def report(key, what, expected=""):
        problems.append(Problem(path, key_name(key) if key else "", what, expected))

    for key in fields.REQUIRED_KEYS:
        if not metadata.get(key, "").strip():
            report(key, "missing", EXPECTED[key])

    for key in sorted(set(metadata) - KNOWN_KEYS):
        if not is_location_key(key):
            report(
                key,
                "is not a key of the content model",
                "see docs/CONTENT-MODEL.md; a misspelt key is silently ignored by Pelican",
            )
    for key, what, expected in check_shared_keys(path, metadata, settings):
        report(key, what, expected)

    date = None
    if metadata.get("date"):
        date = fields.parse_date(metadata["date"])
        if date is None:
            report("date", f"{metadata['date']!r} is not a valid date", EXPECTED["date"])

    days = {}
    for key in ("written", "effective", "repealed"):
        if metadata.get(key):
            days[key] = fields.parse_day(metadata[key])
            if days[key] is None:
                report(key, f"{metadata[key]!r} is not a valid date", "YYYY-MM-DD")
    written = days.get("written")
    if written and date and written > date.date():
        report("written", f"{written} is after the publication Date {date.date()}", "a Written date on or before Date")
    if days.get("effective") and days.get("repealed") and days["repealed"] < days["effective"]:
        report(
            "repealed",
            f"{days['repealed']} is before Effective {days['effective']}",
            "a Repealed date on or after Effective",
        )

    category = metadata.get("category", "").strip()
    if category and category not in catalog:
        report(
            "category",
            f"{category!r} is not a node of the disclosure catalog",
            "one of " + ", ".join(node.id for node in catalog.walk()),
        )

    number = metadata.get("index_no", "").strip()
    if number:
        match = fields.INDEX_NO_RE.match(number)
        if not match:
            report("index_no", f"{number!r} is malformed", fields.INDEX_NO_EXPECTED)
        else:
            basis = written or (date.date() if date else None)
            if basis and int(match["year"]) != basis.year:
                source = "Written" if written else "Date"
                report(
                    "index_no",
                    f"year {match['year']} does not match the {source} year {basis.year}",
                    "YYYY is the year of Written, or of Date without it",
                )
        others = [other for other in index_owners.get(number, []) if other != path]
        if others:
            report("index_no", f"{number!r} is also used by {', '.join(others)}", "unique across the site")

    for key, what, expected in check_disclosure(metadata):
        report(key, what, expected)

    summary = metadata.get("summary", "").strip()
    if len(summary) > fields.SUMMARY_MAX_CHARS:
        report("summary", f"{len(summary)} characters long", f"at most {fields.SUMMARY_MAX_CHARS} characters")

    validity = metadata.get("validity", "").strip()
    if validity and validity not in fields.VALIDITY_SLUGS:
        report("validity", f"{validity!r} is unknown", "有效, 失效 or 废止")
    if validity == "废止" and not metadata.get("repealed", "").strip():
        report("repealed", "missing for a repealed (废止) item", "the date it was repealed, YYYY-MM-DD")

    genre = metadata.get("genre", "").strip()
    if genre and genre not in fields.GENRES:
        report("genre", f"{genre!r} is not an official document type", "、".join(fields.GENRES))

    stat_kind = metadata.get("stat_kind", "").strip()
    if stat_kind and stat_kind not in fields.STAT_KINDS:
        report("stat_kind", f"{stat_kind!r} is unknown", "、".join(fields.STAT_KINDS))
    for key in ("stat_count", "stat_amount"):
        value = metadata.get(key, "").strip()
        if value and not fields.NUMBER_RE.match(value):
            report(key, f"{value!r} is not a number", "digits, with a decimal point for amounts")
    if metadata.get("stat_count", "").strip() and "." in metadata["stat_count"]:
        report("stat_count", f"{metadata['stat_count']!r} is not a whole number", "a count of decisions")

    for key in ("interprets", "translation_of"):
        target = metadata.get(key, "").strip()
        if target and target not in index_owners:
            report(key, f"{target!r} is not the Index_no of any item", "the Index_no of an existing item")
        elif target and target == number:
            report(key, "refers to the item itself", "the Index_no of another item")

    attachments_root = os.path.join(settings["PATH"], settings["ATTACHMENTS_PATH"])
    for attachment in fields.split_list(metadata.get("attachments", "")):
        full = os.path.normpath(os.path.join(attachments_root, attachment))
        if not full.startswith(os.path.normpath(attachments_root) + os.sep):
            report(
                "attachments",
                f"{attachment!r} 用 '..' 或绝对路径指向附件文件夹以外",
                f"{attachments_root}/ 下的文件路径，例如 2019/notice.pdf",
            )
        elif not os.path.isfile(full):
            report("attachments", f"{attachment!r} does not exist", f"a file path under {attachments_root}/")

    problems += [Problem(path, "", what, expected) for what, expected in check_headings(body)]
    problems += [Problem(path, "", what, expected) for what, expected in check_images(body)]
    if category == fields.SERVICE_GUIDE_NODE:
        problems += [
            Problem(path, key_name(key) if key else "", what, expected)
            for key, what, expected in check_service_guide(metadata, body)
        ]
    return problems


def is_location_key(key: str) -> bool:
    """True for a key Pelican takes as where or how to write a page (``Save_as``, ``Url``,
    ``Template``, ``Lang_save_as`` …) and the contract does not own."""
    return key in ("save_as", "url", "template") or (key.endswith(("_save_as", "_url")) and key not in fields.LABELS)


def check_shared_keys(path: str, metadata: Mapping[str, str], settings: Settings) -> Iterator[tuple[str, str, str]]:
    """The keys items and pages share: those that would move a page, ``Slug``, ``Modified``, ``Lang``, ``Status``."""
    for key in sorted(metadata):
        if is_location_key(key):
            yield (
                key,
                f"{key_name(key)} 会改变页面写到哪里或用什么模板，内容模型不允许",
                "删除这一行：网址由 Category 和文件名（或 Slug）决定，模板由网站决定",
            )
    slug = metadata.get("slug", "").strip()
    if slug and not ID_RE.match(slug):
        yield ("slug", f"{slug!r} 不是安全的 Slug", SLUG_EXPECTED)
    elif not item_slug(path, metadata, settings):
        yield ("slug", "文件名里没有英文字母或数字，网址会是空的", f"给文件改名，或加 Slug，{SLUG_EXPECTED}")
    if "modified" in metadata and fields.parse_date(metadata["modified"]) is None:
        yield ("modified", f"{metadata['modified']!r} 不是有效的日期", "YYYY-MM-DD 或 YYYY-MM-DD HH:MM")
    lang = metadata.get("lang", "").strip()
    if lang and lang not in fields.LANGUAGES:
        yield ("lang", f"{lang!r} is not a supported language", ", ".join(fields.LANGUAGES))
    status = metadata.get("status", "").strip()
    if status and status not in fields.STATUSES:
        yield ("status", f"{status!r} is unknown", ", ".join(fields.STATUSES))


def check_disclosure(metadata: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    disclosure = metadata.get("disclosure", "").strip()
    if not disclosure:
        return
    value = fields.disclosure_value(disclosure)
    if value is None:
        yield ("disclosure", f"{disclosure!r} is unknown", EXPECTED["disclosure"])
    elif value != fields.PROACTIVE and not metadata.get("withhold_basis", "").strip():
        yield (
            "withhold_basis",
            f"missing for a {value} item",
            "the legal ground, e.g. 条例第十四条, 条例第十五条, 条例第十六条（过程性信息）",
        )


def body_lines(body: str) -> Iterator[str]:
    """Lines of a Markdown body outside fenced code blocks."""
    return (line for _, line in unfenced_lines(body))


def check_headings(body: str) -> Iterator[tuple[str, str]]:
    """The item's title is the page's only h1: body headings start at ##, skip no level."""
    previous = 1
    for line in body_lines(body):
        match = HEADING_RE.match(line)
        if not match:
            continue
        level, text = len(match.group(1)), match.group(2)
        if level == 1:
            yield (
                f"body heading {text!r} is a level-1 heading",
                "the title is the page's only h1; body headings start at ##",
            )
        elif level > previous + 1:
            yield (
                f"body heading {text!r} skips from level {previous} to {level}",
                "headings go down one level at a time",
            )
        previous = level


def check_images(body: str) -> Iterator[tuple[str, str]]:
    """Every body image says what it shows: items have no decorative images."""
    text = "\n".join(body_lines(body))
    sources = [match["src"] or match["label"] for match in IMAGE_WITHOUT_ALT_RE.finditer(text)]
    if "<img" in text.lower():
        sources += [
            image.get("src", "")
            for image in BeautifulSoup(text, "html.parser").find_all("img")
            if not (image.get("alt") or "").strip()
        ]
    for src in sources:
        yield (f"body image {src!r} has no alt text", IMAGE_ALT_EXPECTED)


def guide_sections(body: str) -> dict[str, str]:
    """The body of a service guide split by its ## headings: {heading: text}."""
    sections = {}
    current = None
    for line in body_lines(body):
        match = HEADING_RE.match(line)
        if match and len(match.group(1)) == 2:
            current = match.group(2).strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


def check_service_guide(metadata: Mapping[str, str], body: str) -> Iterator[tuple[str, str, str]]:
    sections = guide_sections(body)
    for name in fields.GUIDE_SECTIONS:
        if name not in sections:
            yield (
                "",
                f"service guide section '## {name}' is missing",
                "sections " + ", ".join(f"## {n}" for n in fields.GUIDE_SECTIONS),
            )
    materials = sections.get("申请材料")
    if materials is not None:
        header = next((line for line in materials.split("\n") if line.strip().startswith("|")), "")
        columns = [cell.strip() for cell in header.strip().strip("|").split("|")]
        if tuple(columns[:4]) != fields.GUIDE_MATERIAL_COLUMNS:
            yield (
                "",
                "section '## 申请材料' has no materials table",
                "a table with the columns " + " | ".join(fields.GUIDE_MATERIAL_COLUMNS),
            )
    process = sections.get("办理流程")
    if process is not None and not re.search(r"^\s*1\.\s", process, re.MULTILINE):
        yield ("", "section '## 办理流程' has no numbered steps", "an ordered list: 1. …, one step per line")
    for number, what, expected in step_problems(process or ""):
        yield (step_key(number), what, expected)
    days = {}
    for key in fields.GUIDE_DAY_KEYS:
        value = metadata.get(key, "").strip()
        if value and not value.isdigit():
            yield (key, f"{value!r} is not a number of working days", "a whole number, e.g. 20")
        elif value:
            days[key] = int(value)
    if len(days) == 2 and days["promised_days"] > days["legal_days"]:
        yield (
            "promised_days",
            f"{days['promised_days']} is longer than Legal_days {days['legal_days']}",
            "a promised time limit no longer than the legal one",
        )
    online = metadata.get("online", "").strip()
    if online and online != "否" and not re.match(r"^https?://\S+$", online):
        yield ("online", f"{online!r} is neither a URL nor 否", "https://… or 否")


def published_header(metadata: Mapping[str, str]) -> dict[str, str | datetime.datetime]:
    """The keys of a raw header that the publishing rule reads, as Pelican gives them (absent when not written)."""
    header = {
        "disclosure": metadata.get("disclosure", "").strip(),
        "date": fields.parse_date(metadata.get("date", "")),
        "status": metadata.get("status", "").strip(),
    }
    return {key: value for key, value in header.items() if value}


def unpublished_reason(metadata: Mapping[str, str], now: datetime.datetime) -> str:
    """Why an item with this raw header is not published as of *now*, or "" if it is."""
    if is_published(published_header(metadata), now):
        return ""
    disclosure = metadata.get("disclosure", "").strip()
    if fields.disclosure_value(disclosure) != fields.PROACTIVE:
        return f"its Disclosure is {disclosure or 'missing'}"
    status = metadata.get("status", "").strip() or "published"
    if status != "published":
        return f"its Status is {status}"
    if fields.parse_date(metadata.get("date", "")) is None:
        return "its Date is not a valid date"
    return f"it is embargoed until {metadata['date'].strip()}"


def check_consultation(
    metadata: Mapping[str, str], body: str, by_number: Mapping[str, Mapping[str, str]], now: datetime.datetime
) -> Iterator[tuple[str, str, str]]:
    """A consultation's dates, ways to comment, feedback and final decision (as of the build's *now*)."""
    category = metadata.get("category", "").strip()
    given = [key for key in fields.CONSULTATION_KEYS if metadata.get(key, "").strip()]
    if category != fields.CONSULTATION_NODE:
        for key in given:
            yield (key, "is a key of consultations only", f"an item with Category: {fields.CONSULTATION_NODE}")
        return
    days = {}
    for key in ("opens", "closes"):
        value = metadata.get(key, "").strip()
        if not value:
            yield (key, "missing", "YYYY-MM-DD; comments are taken from Opens to Closes, both days included")
        else:
            days[key] = fields.parse_day(value)
            if days[key] is None:
                yield (key, f"{value!r} is not a valid date", "YYYY-MM-DD")
    opens, closes = days.get("opens"), days.get("closes")
    if opens and closes and closes < opens:
        yield ("closes", f"{closes} is before Opens {opens}", "a Closes date on or after Opens")
    published = fields.parse_date(metadata.get("date", ""))
    if opens and published and opens < published.date():
        yield (
            "opens",
            f"{opens} is before the publication Date {published.date()}",
            "an Opens date on or after Date: comments open once the draft is public",
        )
    if not any(key in given for key in fields.COMMENT_CHANNEL_KEYS):
        yield (
            "",
            "no way to comment: Comment_email, Comment_post and Comment_url are all missing",
            "at least one of them",
        )
    email = metadata.get("comment_email", "").strip()
    if email and not fields.EMAIL_RE.match(email):
        yield ("comment_email", f"{email!r} is not an e-mail address", "e.g. zqyj@scjg.example.gov.cn")
    url = metadata.get("comment_url", "").strip()
    if url and not fields.WEB_URL_RE.match(url):
        yield ("comment_url", f"{url!r} is not a web address", "https://… of the online comment form")

    closed = closes is not None and now.date() > closes
    still_open = f"the consultation is open until {closes}"
    has_feedback = fields.FEEDBACK_SECTION in guide_sections(body)
    count = metadata.get("comment_count", "").strip()
    if count and not count.isdigit():
        yield ("comment_count", f"{count!r} is not a whole number", "the number of comments received, e.g. 12")
    if has_feedback and not count:
        yield (
            "comment_count",
            f"missing with the section '## {fields.FEEDBACK_SECTION}'",
            "the number of comments received, 0 or more",
        )
    if count and not has_feedback:
        yield (
            "",
            f"section '## {fields.FEEDBACK_SECTION}' is missing while Comment_count is given",
            "the feedback: what was adopted, and why the rest was not",
        )
    if has_feedback and closes and not closed:
        yield (
            "",
            f"section '## {fields.FEEDBACK_SECTION}' is written while {still_open}",
            "feedback once the consultation has closed",
        )

    decision = metadata.get("decision", "").strip()
    if not decision:
        return
    target = by_number.get(decision)
    if target is None:
        yield ("decision", f"{decision!r} is not the Index_no of any item", "the Index_no of the final decision")
    elif decision == metadata.get("index_no", "").strip():
        yield ("decision", "refers to the consultation itself", "the Index_no of the final decision")
    elif target.get("category", "").strip() == fields.CONSULTATION_NODE:
        yield ("decision", f"{decision!r} is another consultation", "the Index_no of the final decision")
    elif reason := unpublished_reason(target, now):
        yield (
            "decision",
            f"{decision!r} names an item that is not published: {reason}",
            "the Index_no of a published item",
        )
    if closes and not closed:
        yield ("decision", f"is given while {still_open}", "the final decision once the consultation has closed")


def check_pages(
    settings: Settings, catalog: Catalog, pages: Mapping[str, tuple[Mapping[str, str], str]]
) -> list[Problem]:
    """Pages: their keys, images and URLs.  A page's URL is a single segment, so
    it can only meet an item's (``/<catalog node id>/<slug>/``) at a node id."""
    problems = []
    owners = collections.defaultdict(list)
    for path, (metadata, _) in pages.items():
        owners[item_slug(path, metadata, settings)].append(path)
    reserved = reserved_segments(settings)
    for path, (metadata, body) in pages.items():
        problems += [
            Problem(path, key_name(key) if key else "", what, expected)
            for key, what, expected in check_page(path, metadata, settings)
        ]
        problems += [Problem(path, "", what, expected) for what, expected in check_images(body)]
        slug = item_slug(path, metadata, settings)
        if slug in catalog:
            problems.append(
                Problem(path, "Slug", f"{slug!r} is also a catalog node id", "a page slug that no catalog node uses")
            )
        elif slug in reserved:
            problems.append(
                Problem(
                    path,
                    "Slug",
                    f"页面网址 /{slug}/ 是网站自己的网址",
                    "不与这些重复的 Slug：" + ", ".join(sorted(reserved)),
                )
            )
        others = [other for other in owners[slug] if other != path]
        if others:
            problems.append(
                Problem(
                    path,
                    "Slug",
                    f"页面网址 /{slug}/ 也由 {', '.join(others)} 生成",
                    "每个页面的 Slug（或文件名）各不相同",
                )
            )
    return problems


def check_page(path: str, metadata: Mapping[str, str], settings: Settings) -> Iterator[tuple[str, str, str]]:
    """A page's header: the keys of items it may carry obey the same rules; Disclosure and Date are optional."""
    if not metadata.get("title", "").strip():
        yield ("title", "missing", "the page title")
    for key in sorted(set(metadata) - set(PAGE_KEYS)):
        if not is_location_key(key):
            yield (key, "不是页面的键", "页面只用这些键：" + "、".join(key_name(name) for name in PAGE_KEYS))
    yield from check_shared_keys(path, metadata, settings)
    if "date" in metadata and fields.parse_date(metadata["date"]) is None:
        yield ("date", f"{metadata['date']!r} is not a valid date", EXPECTED["date"])
    yield from check_disclosure(metadata)


def check_links(
    settings: Settings,
    items: Mapping[str, tuple[Mapping[str, str], str]],
    pages: Mapping[str, tuple[Mapping[str, str], str]],
    now: datetime.datetime,
) -> list[Problem]:
    """The links of every published item and page (see :mod:`.links`)."""
    documents = {}
    for path, (metadata, body) in items.items():
        url = "/" + settings["ARTICLE_URL"].format(
            category=metadata.get("category", "").strip(), slug=item_slug(path, metadata, settings)
        )
        documents[path] = document(settings, path, metadata, body, url, not unpublished_reason(metadata, now))
    for path, (metadata, body) in pages.items():
        url = "/" + settings["PAGE_URL"].format(slug=item_slug(path, metadata, settings))
        documents[path] = document(
            settings, path, metadata, body, url, is_page_published(published_header(metadata), now)
        )
    rules = LinkRules(settings["PATH"], documents.values())
    return [
        Problem(path, "", what, expected)
        for path, linking in documents.items()
        if linking.published
        for what, expected in rules.problems(linking)
    ]


def document(
    settings: Settings, path: str, metadata: Mapping[str, str], body: str, url: str, published: bool
) -> Document:
    attachments = tuple(
        os.path.normpath(os.path.join(settings["ATTACHMENTS_PATH"], attachment))
        for attachment in fields.split_list(metadata.get("attachments", ""))
    )
    return Document(
        os.path.relpath(path, settings["PATH"]), url, published, attachments, (*metadata.values(), *body_lines(body))
    )


def check_messages(settings: Settings) -> list[Problem]:
    """The problems of the public messages' data file (``MESSAGES_FILE``; none without the file)."""
    if not settings.get("MESSAGES_FILE"):
        return []
    try:
        load_messages(messages_path(settings))
    except MessagesFileError as error:
        return [Problem(error.path, where, what, expected) for where, what, expected in error.problems]
    return []
