"""The checks, each returning findings, and the run that makes the report's data."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime
import json
import os
import urllib.error
import urllib.request
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from portal.content_model import fields
from portal.content_model.messages import MessagesFileError, load_messages, messages_path
from portal.workdays import WorkCalendar

from .pages import PageScan, page_url, resolve, scan_pages, target_file

if TYPE_CHECKING:
    from pelican.settings import Settings

VETO, ERROR, WARNING = "veto", "error", "warning"
#: The checks in report order, with their headings.
CHECKS = {
    "home": "首页更新",
    "nodes": "栏目更新",
    "empty": "空白栏目",
    "links": "链接可用性",
    "anchors": "页内锚点",
    "attachments": "附件",
    "images": "图片替代文字",
    "validity": "有效性与废止日期",
    "timeliness": "公开时限（成文后20个工作日内）",
    "guides": "办事指南要素",
    "consultations": "征求意见反馈",
    "messages": "留言办理（3个月内答复）",
    "external": "外部链接",
    "calendar": "节假日数据",
}
#: Pages listed per finding at most (a broken link in the header is on every page).
PAGES_SHOWN = 5


@dataclasses.dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    location: str
    message: str


def newest(items: Iterable[Mapping[str, Any]]) -> datetime.date | None:
    return max((fields.parse_date(item["date"]).date() for item in items), default=None)


def walk(nodes: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for node in nodes:
        yield node
        yield from walk(node["children"])


def node_items(node: Mapping[str, Any], items: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    ids = {each["id"] for each in walk([node])}
    return [item for item in items if item["category"] in ids]


def check_home(items: Iterable[Mapping[str, Any]], now: datetime.date, settings: Settings) -> list[Finding]:
    latest = newest(items)
    limit = settings["MONITOR_HOME_DAYS"]
    if latest is None or (now - latest).days > limit:
        since = f"最近一条信息发布于 {latest}，已 {(now - latest).days} 天" if latest else "首页没有任何信息"
        return [Finding("home", VETO, "/", f"首页超过 {limit} 天未更新：{since}。")]
    return []


def node_path(node: Mapping[str, Any], portal: str) -> str:
    return node["url"].removeprefix(portal)


def check_nodes(
    catalog: Iterable[Mapping[str, Any]],
    items: Collection[Mapping[str, Any]],
    now: datetime.date,
    settings: Settings,
    portal: str,
) -> list[Finding]:
    findings = []
    for node in walk(catalog):
        latest = newest(node_items(node, items))
        if latest is None:
            continue
        idle = (now - latest).days
        if idle > node["update_days"]:
            severity = VETO if node["update_days"] <= settings["MONITOR_NEWS_DAYS"] else ERROR
            findings.append(
                Finding(
                    "nodes",
                    severity,
                    node_path(node, portal),
                    (
                        f"栏目“{node['name']}”{idle} 天未更新（最近一条发布于 {latest}），"
                        f"超过其更新周期 {node['update_days']} 天。"
                    ),
                )
            )
    return findings


def check_empty(catalog: Iterable[Mapping[str, Any]], settings: Settings, portal: str) -> list[Finding]:
    empty = [node for node in walk(catalog) if node["count"] == 0]
    findings = [
        Finding("empty", ERROR, node_path(node, portal), f"栏目“{node['name']}”没有任何信息。") for node in empty
    ]
    if len(empty) >= settings["MONITOR_EMPTY_NODES_VETO"]:
        findings.insert(
            0,
            Finding(
                "empty",
                VETO,
                "/catalog/",
                (f"空白栏目 {len(empty)} 个，达到单项否决的 {settings['MONITOR_EMPTY_NODES_VETO']} 个。"),
            ),
        )
    return findings


def check_links(
    output: str | os.PathLike[str], pages: Mapping[str, PageScan], portal_hosts: Collection[str]
) -> tuple[list[Finding], list[str]]:
    """Broken internal links, missing anchors and missing attachments, and the external URLs seen."""
    broken, external = {}, set()
    for page, scan in pages.items():
        for href in scan.links:
            where = resolve(page, href, portal_hosts)
            if where is None:
                continue
            kind, path, fragment = where
            if kind == "external":
                external.add(path)
                continue
            file = target_file(output, path)
            if file is None:
                check = "attachments" if path.startswith("/attachments/") else "links"
                broken.setdefault((check, path, ""), []).append(page)
            elif fragment and file.endswith(".html"):
                target = pages.get(page_url(output, file))
                if target is not None and fragment not in target.ids:
                    broken.setdefault(("anchors", path, fragment), []).append(page)
    findings = []
    for (check, path, fragment), sources in sorted(broken.items()):
        pages_linking = sorted(set(sources))
        shown = "、".join(pages_linking[:PAGES_SHOWN])
        more = f" 等 {len(pages_linking)} 个页面" if len(pages_linking) > PAGES_SHOWN else ""
        what = {
            "links": f"链接指向的 {path} 不存在",
            "attachments": f"附件 {path} 不存在",
            "anchors": f"链接指向的 {path}#{fragment} 没有这个锚点",
        }[check]
        findings.append(Finding(check, ERROR, pages_linking[0], f"{what}（出现在 {shown}{more}）。"))
    return findings, sorted(external)


def check_images(pages: Mapping[str, PageScan]) -> list[Finding]:
    return [
        Finding("images", ERROR, page, f"图片 {src or '（无地址）'} 没有替代文字（alt）。")
        for page, scan in sorted(pages.items())
        for src in scan.images_without_alt
    ]


def item_path(item: Mapping[str, Any], portal: str) -> str:
    return item["url"].removeprefix(portal) or "/"


def check_validity(items: Iterable[Mapping[str, Any]], now: datetime.date, portal: str) -> list[Finding]:
    findings = []
    for item in items:
        repealed = fields.parse_day(item["repealed"]) if item["repealed"] else None
        repealed_by_now = repealed is not None and repealed <= now
        if item["validity"] == "废止" and not repealed_by_now:
            why = "没有废止日期" if repealed is None else f"废止日期 {repealed} 还未到"
            message = f"《{item['title']}》标为“废止”，但{why}。"
        elif repealed_by_now and item["validity"] != "废止":
            message = f"《{item['title']}》已于 {repealed} 废止，有效性却标为“{item['validity']}”。"
        else:
            continue
        findings.append(Finding("validity", ERROR, item_path(item, portal), message))
    return findings


def check_timeliness(
    items: Iterable[Mapping[str, Any]], calendar: WorkCalendar, settings: Settings, portal: str
) -> list[Finding]:
    limit = settings["MONITOR_PUBLISH_WORKING_DAYS"]
    findings, years_missing = [], set()
    for item in items:
        if not item["written"]:
            continue
        written = fields.parse_day(item["written"])
        published = fields.parse_date(item["date"]).date()
        years_missing.update(calendar.missing_years(written, published))
        taken = calendar.working_days_between(written, published)
        if taken > limit:
            findings.append(
                Finding(
                    "timeliness",
                    ERROR,
                    item_path(item, portal),
                    (
                        f"《{item['title']}》成文于 {written}，{published} 才公开，"
                        f"用了 {taken} 个工作日，超过 {limit} 个工作日。"
                    ),
                )
            )
    findings += [
        Finding(
            "calendar",
            WARNING,
            settings["MONITOR_HOLIDAYS_FILE"],
            (f"节假日文件没有 {year} 年的放假安排，该年只按周末计算工作日。"),
        )
        for year in sorted(years_missing)
    ]
    return findings


def check_guides(items: Iterable[Mapping[str, Any]], pages: Mapping[str, PageScan], portal: str) -> list[Finding]:
    findings = []
    for item in items:
        if item["category"] != fields.SERVICE_GUIDE_NODE:
            continue
        path = item_path(item, portal)
        missing = [fields.LABELS[key] for key in fields.GUIDE_KEYS if not str(item.get(key, "")).strip()]
        scan = pages.get(path)
        headings = scan.headings if scan else []
        missing += [section for section in fields.GUIDE_SECTIONS if section not in headings]
        if missing:
            findings.append(Finding("guides", ERROR, path, f"办事指南《{item['title']}》缺少：{'、'.join(missing)}。"))
    return findings


def check_messages(settings: Settings, now: datetime.date) -> list[Finding]:
    """A veto for each message still unanswered MONITOR_MESSAGE_REPLY_MONTHS months after
    it came in, read from the data file (unanswered messages are not published)."""
    months, name = settings["MONITOR_MESSAGE_REPLY_MONTHS"], settings["MESSAGES_FILE"]
    try:
        messages = load_messages(messages_path(settings))
    except MessagesFileError as error:
        return [Finding("messages", ERROR, name, f"留言数据文件无法读取：{error}")]
    findings = []
    for message in messages:
        due = message.reply_due(months)
        if now > due and not message.answered_by_day(now):
            findings.append(
                Finding(
                    "messages",
                    VETO,
                    f"{name}#{message.id}",
                    (
                        f"留言 {message.id}“{message.subject}”收到于 {message.received}，"
                        f"超过 {months} 个月的答复期限（{due}）仍未答复。"
                    ),
                )
            )
    return findings


def check_consultations(
    items: Iterable[Mapping[str, Any]], now: datetime.date, settings: Settings, portal: str
) -> list[Finding]:
    """Consultations closed more than MONITOR_CONSULTATION_FEEDBACK_DAYS ago without their feedback."""
    limit = settings["MONITOR_CONSULTATION_FEEDBACK_DAYS"]
    findings = []
    for item in items:
        if item["category"] != fields.CONSULTATION_NODE or item.get("feedback_url"):
            continue
        closes = fields.parse_day(item.get("closes") or "")
        if closes is not None and (now - closes).days > limit:
            findings.append(
                Finding(
                    "consultations",
                    ERROR,
                    item_path(item, portal),
                    (
                        f"征求意见“{item['title']}”已于 {closes} 截止 {(now - closes).days} 天，"
                        f"仍未公布{fields.FEEDBACK_SECTION}（应在截止后 {limit} 天内公布）。"
                    ),
                )
            )
    return findings


def check_external(urls: Sequence[str], settings: Settings) -> list[Finding]:
    """Request each external URL (HEAD, then GET if refused), a bounded number, in parallel."""
    limit, timeout = settings["MONITOR_EXTERNAL_LIMIT"], settings["MONITOR_EXTERNAL_TIMEOUT"]

    def failure(url):
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": "site-monitor"})
            try:
                with urllib.request.urlopen(request, timeout=timeout):
                    return None
            except urllib.error.HTTPError as error:
                if method == "HEAD" and error.code in (403, 405, 501):
                    continue
                return f"HTTP {error.code}"
            except (urllib.error.URLError, OSError) as error:
                return str(getattr(error, "reason", error))
        return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(failure, urls[:limit]))
    findings = [
        Finding("external", ERROR, url, f"外部链接无法访问：{problem}。")
        for url, problem in zip(urls, results)
        if problem
    ]
    if len(urls) > limit:
        findings.append(Finding("external", WARNING, "", f"外部链接共 {len(urls)} 个，只检查了前 {limit} 个。"))
    return findings


def monitor_portal(
    output: str | os.PathLike[str],
    settings: Settings,
    now: datetime.date,
    external: bool = False,
    skip: str | None = None,
) -> dict[str, Any]:
    """Every finding on the portal built in *output*, judged as of the day *now*
    (the folder *skip*, where reports are written, is not part of the portal)."""
    with open(os.path.join(output, "catalog.json"), encoding="utf-8") as stream:
        data = json.load(stream)
    portal = data["site"]["url"].rstrip("/")
    items, catalog = data["items"], data["catalog"]
    calendar = WorkCalendar.from_file(os.path.join(settings["PATH"], settings["MONITOR_HOLIDAYS_FILE"]))
    pages = scan_pages(output, skip)
    link_findings, external_urls = check_links(output, pages, {portal})
    findings = (
        check_home(items, now, settings)
        + check_nodes(catalog, items, now, settings, portal)
        + check_empty(catalog, settings, portal)
        + link_findings
        + check_images(pages)
        + check_validity(items, now, portal)
        + check_timeliness(items, calendar, settings, portal)
        + check_guides(items, pages, portal)
        + check_messages(settings, now)
        + check_consultations(items, now, settings, portal)
    )
    if external:
        findings += check_external(external_urls, settings)
    return {
        "now": now.isoformat(),
        "portal": portal,
        "pages": len(pages),
        "items": len(items),
        "external_links": len(external_urls),
        "findings": findings,
    }
