"""The annual report as a Markdown item that an editor completes and commits.

The item keeps the content contract (header keys, body headings from ``##``) and
the 2021 national format: six sections, of which 二, 三 and 四 hold the tables
filled in from :mod:`.statistics` and :mod:`.records`, and 一, 五 and 六 a
【待填写】 paragraph saying what to write.  ``Status: draft`` keeps the item
unpublished until the editor removes that line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from portal.content_model import fields
from portal.content_model.publishing import build_time
from portal.file_writing import write_atomically
from portal.item_drafting.placement import next_index_no
from portal.item_drafting.skeleton import EDITOR_NOTE, TO_WRITE

from . import records
from .statistics import FEE_KIND, ProactiveStatistics

if TYPE_CHECKING:
    from pelican.settings import Settings

CATEGORY = "annual-reports"

SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

OVERVIEW = (
    TO_WRITE + "概述本年度政府信息公开工作的总体情况，分主动公开、依申请公开、政府信息管理、"
    "政府信息公开平台建设、监督保障等方面写明主要做法和成效。"
)
PROBLEMS = TO_WRITE + "写明本年度政府信息公开工作存在的主要问题和改进措施，以及上一年度报告所列问题的改进情况。"
OTHER_MATTERS = (
    TO_WRITE + "写明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（发出收费通知的件数和总金额、"
    "实际收取的总金额），本年度人大代表建议和政协提案的办理情况，年度政务公开工作要点的落实情况，"
    "以及其他需要报告的事项；没有的，写明“无”。"
)
APPLICANTS = "表中“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”均为法人或其他组织申请人。"


def report_path(settings: Settings, year: int) -> str:
    return os.path.join(settings["PATH"], CATEGORY, f"{year}-annual-report.md")


def draft(
    settings: Settings,
    year: int,
    figures: ProactiveStatistics,
    year_records: records.Records,
    replacing: str | os.PathLike[str] | None = None,
) -> str:
    """The text of the report item on *year*, dated today (the settings' build time)."""
    today = build_time(settings).date()
    header = {
        "Title": f"{settings['SITENAME']}{year}年政府信息公开工作年度报告",
        "Date": today.isoformat(),
        "Category": CATEGORY,
        "Index_no": next_index_no(settings, today.year, replacing),
        "Publisher": settings["SITENAME"],
        "Disclosure": fields.PROACTIVE,
        "Genre": "报告",
        "Tags": f"政府信息公开,年度报告,{year}年",
        "Status": "draft",
    }
    blocks = [
        "\n".join(f"{key}: {value}" for key, value in header.items()),
        introduction(settings["SITENAME"], year),
        editor_note(settings["ANNUAL_REPORT_RECORDS"].format(year=year)),
        f"## {SECTIONS[0]}",
        OVERVIEW,
        f"## {SECTIONS[1]}",
        *proactive_tables(figures),
        proactive_note(year),
        f"## {SECTIONS[2]}",
        APPLICANTS,
        requests_table(year_records),
        f"## {SECTIONS[3]}",
        appeals_table(year_records),
        f"## {SECTIONS[4]}",
        PROBLEMS,
        f"## {SECTIONS[5]}",
        OTHER_MATTERS,
    ]
    return "\n\n".join(blocks) + "\n"


def introduction(sitename: str, year: int) -> str:
    return (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        f"要求，由{sitename}编制。报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分。"
        f"报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
    )


def editor_note(records_file: str) -> str:
    return (
        f"{EDITOR_NOTE}本稿由 invoke report 生成：第二部分的数字统计自本站已发布的条目，第三、四部分的数字取自"
        f"内容文件夹中的 {records_file}。请补写标有{TO_WRITE}的段落，核对全部数字，删除所有以“【编者注”开头的段落"
        "和文件头中“Status: draft”一行，然后提交发布。"
    )


def proactive_tables(figures: ProactiveStatistics) -> list[str]:
    """Table 2: a heading and a table for each item of Article 20 the format counts."""
    decisions = figures.decisions
    return [
        "### 第二十条第（一）项",
        pipe_table(
            ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            [(kind, counts.made, counts.repealed, counts.in_force) for kind, counts in figures.documents.items()],
        ),
        "### 第二十条第（五）项",
        pipe_table(("信息内容", "本年处理决定数量"), [("行政许可", decisions["行政许可"])]),
        "### 第二十条第（六）项",
        pipe_table(
            ("信息内容", "本年处理决定数量"), [("行政处罚", decisions["行政处罚"]), ("行政强制", decisions["行政强制"])]
        ),
        "### 第二十条第（八）项",
        pipe_table(("信息内容", "本年收费金额（单位：万元）"), [(FEE_KIND, figures.fees)]),
    ]


def proactive_note(year: int) -> str:
    return (
        f"{EDITOR_NOTE}以上数字统计自本站已发布的条目：第（一）项按统计类别（Stat_kind）为规章、行政规范性文件的条目计，"
        "制发件数按成文日期（没有的按发布日期）、废止件数按废止日期计；第（五）（六）（八）项是本年发布的相应条目的"
        "处理决定数量（Stat_count）和收费金额（Stat_amount）之和。内容模型不记录失效日期，有效性为“失效”的文件"
        f"一律不计入现行有效件数；如有文件在{year}年12月31日之后才失效，请将其计入。未在本站发布的文件和决定"
        "不在统计之内，请一并核对。"
    )


def requests_table(year_records: records.Records) -> str:
    """Table 3: a row-label column and the seven columns of applicants and total."""
    return pipe_table(
        ("项目", *records.REQUEST_COLUMNS),
        [(label, *year_records.requests[key]) for key, label in records.REQUEST_ROWS.items()],
    )


def appeals_table(year_records: records.Records) -> str:
    """Table 4, one row per kind of proceeding (the format's single row, turned for reading)."""
    return pipe_table(
        ("类别", *records.APPEAL_COLUMNS),
        [(label, *year_records.appeals[key]) for key, label in records.APPEAL_ROWS.items()],
    )


def pipe_table(header: Sequence[str], rows: Iterable[Iterable[object]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in line) + " |" for line in lines)


def write_report(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* whole or not at all, replacing a draft regenerated with ``--force``."""
    write_atomically(path, text, replace=True)
