"""Tables 3 and 4 of the annual report, read from the year's records file.

No item of the portal records the information requests of the year and how they
were handled (表三), or the administrative reviews and lawsuits about them (表四):
the editor keeps them in a TOML file (``ANNUAL_REPORT_RECORDS`` under ``PATH``,
e.g. ``content/records/2019.toml``).  Each row of a table is one key with an
array of numbers in the column order of the 2021 format; :func:`load_records`
checks the file and that its numbers add up the way the format requires.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from portal.content_model.problems import Problem

if TYPE_CHECKING:
    from pelican.settings import Settings

REQUESTS, APPEALS = "表三", "表四"

#: 表三's columns: the kinds of applicant, then the row's total.
REQUEST_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
#: 表四's columns: the results, then the row's total.
APPEAL_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

NEW, CARRIED_OVER, HANDLED, CARRIED_FORWARD = "本年新收", "上年结转", "总计", "结转下年"

#: 表三's rows: the key in the records file, and the row's label in the report.
REQUEST_ROWS = {
    NEW: "一、本年新收政府信息公开申请数量",
    CARRIED_OVER: "二、上年结转政府信息公开申请数量",
    "予以公开": "三、本年度办理结果：（一）予以公开",
    "部分公开": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "不予公开.国家秘密": "（三）不予公开：1.属于国家秘密",
    "不予公开.法律法规禁止": "（三）不予公开：2.其他法律行政法规禁止公开",
    "不予公开.三安全一稳定": "（三）不予公开：3.危及“三安全一稳定”",
    "不予公开.第三方权益": "（三）不予公开：4.保护第三方合法权益",
    "不予公开.内部事务": "（三）不予公开：5.属于三类内部事务信息",
    "不予公开.过程性信息": "（三）不予公开：6.属于四类过程性信息",
    "不予公开.执法案卷": "（三）不予公开：7.属于行政执法案卷",
    "不予公开.行政查询": "（三）不予公开：8.属于行政查询事项",
    "无法提供.不掌握": "（四）无法提供：1.本机关不掌握相关政府信息",
    "无法提供.需另行制作": "（四）无法提供：2.没有现成信息需要另行制作",
    "无法提供.补正后仍不明确": "（四）无法提供：3.补正后申请内容仍不明确",
    "不予处理.信访举报投诉": "（五）不予处理：1.信访举报投诉类申请",
    "不予处理.重复申请": "（五）不予处理：2.重复申请",
    "不予处理.公开出版物": "（五）不予处理：3.要求提供公开出版物",
    "不予处理.大量反复申请": "（五）不予处理：4.无正当理由大量反复申请",
    "不予处理.确认或重新出具": "（五）不予处理：5.要求行政机关确认或重新出具已获取信息",
    "其他处理.逾期不补正": "（六）其他处理：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "其他处理.逾期未缴费": "（六）其他处理：2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "其他处理.其他": "（六）其他处理：3.其他",
    HANDLED: "（七）总计",
    CARRIED_FORWARD: "四、结转下年度继续办理",
}
#: The rows （一） to （六）, whose sum is （七）总计.
RESULT_KEYS = tuple(key for key in REQUEST_ROWS if key not in (NEW, CARRIED_OVER, HANDLED, CARRIED_FORWARD))

#: 表四's rows: the key in the records file, and the row's label in the report.
APPEAL_ROWS = {
    "行政复议": "行政复议",
    "未经复议直接起诉": "行政诉讼：未经复议直接起诉",
    "复议后起诉": "行政诉讼：复议后起诉",
}

TABLES = {REQUESTS: (REQUEST_ROWS, REQUEST_COLUMNS), APPEALS: (APPEAL_ROWS, APPEAL_COLUMNS)}


class RecordsError(ValueError):
    """The records file is missing or wrong; ``problems`` lists every problem, one a line."""

    def __init__(self, path: str | os.PathLike[str], problems: Sequence[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclasses.dataclass(frozen=True)
class Records:
    requests: dict  # 表三: {row key: numbers in REQUEST_COLUMNS order}
    appeals: dict  # 表四: {row key: numbers in APPEAL_COLUMNS order}


def records_path(settings: Settings, year: int) -> str:
    return os.path.join(settings["PATH"], settings["ANNUAL_REPORT_RECORDS"].format(year=year))


def load_records(path: str | os.PathLike[str], year: int) -> Records:
    """The checked records of *year* in the file at *path*; raise :class:`RecordsError` on any problem."""
    path = str(path)
    try:
        with open(path, "rb") as stream:
            data = tomllib.load(stream)
    except FileNotFoundError:
        raise RecordsError(
            path,
            [
                Problem(
                    path,
                    "",
                    "the records file of the year is missing",
                    f'a TOML file here with year = {year}, the table ["表三"] of the information requests '
                    'and the table ["表四"] of the administrative reviews and lawsuits',
                )
            ],
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise RecordsError(
            path,
            [
                Problem(
                    path,
                    "",
                    f"not valid TOML: {error}",
                    'keys in double quotes, e.g. "本年新收" = [1, 0, 0, 0, 0, 0, 1]',
                )
            ],
        ) from None
    problems = check_records(path, data, year)
    if problems:
        raise RecordsError(path, problems)
    return Records(data[REQUESTS], data[APPEALS])


def check_records(path: str, data: Mapping[str, Any], year: int) -> list[Problem]:
    """Every problem of the records *data* read from *path*."""
    problems = []
    if data.get("year") != year:
        what = f"{data['year']!r} is not the year of the report" if "year" in data else "missing"
        problems.append(Problem(path, "year", what, f"year = {year}"))
    for key in sorted(set(data) - {"year", *TABLES}):
        problems.append(Problem(path, key, "is not a part of the records file", 'year, ["表三"] and ["表四"]'))
    for name, (rows, columns) in TABLES.items():
        table = data.get(name)
        if not isinstance(table, dict):
            problems.append(Problem(path, name, "missing", f'a table ["{name}"] with the rows ' + "、".join(rows)))
            continue
        problems += check_rows(path, name, table, rows, columns)
        whole = {key: values for key, values in table.items() if key in rows and is_row(values, columns)}
        problems += check_row_totals(path, name, whole, columns)
        if name == REQUESTS and set(whole) == set(rows):
            problems += check_request_balance(path, whole)
    return problems


def is_row(values: object, columns: Sequence[str]) -> bool:
    """True if *values* is an array of whole numbers, 0 or more, one per column."""
    return isinstance(values, list) and len(values) == len(columns) and all(is_count(value) for value in values)


def is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_rows(
    path: str, name: str, table: Mapping[str, Any], rows: Collection[str], columns: Sequence[str]
) -> Iterator[Problem]:
    """Unknown, missing and malformed rows of the table *name*."""
    expected = f"an array of {len(columns)} whole numbers: {', '.join(columns)}"
    for key in rows:
        if key not in table:
            yield Problem(path, f"{name}.{key}", "missing", expected)
    for key, values in table.items():
        where = f"{name}.{key}"
        if key not in rows:
            yield Problem(path, where, "is not a row of the table", "one of " + "、".join(rows))
        elif not isinstance(values, list):
            yield Problem(path, where, f"{values!r} is not an array", expected)
        elif len(values) != len(columns):
            yield Problem(path, where, f"has {len(values)} numbers", expected)
        else:
            for column, value in zip(columns, values):
                if not is_count(value):
                    yield Problem(path, f"{where}, {column}", f"{value!r} is not a count", "a whole number, 0 or more")


def check_row_totals(
    path: str, name: str, table: Mapping[str, Sequence[int]], columns: Sequence[str]
) -> Iterator[Problem]:
    """Each row's last column, 总计, is the sum of the columns before it."""
    parts = " + ".join(columns[:-1])
    for key, values in table.items():
        total, summed = values[-1], sum(values[:-1])
        if total != summed:
            yield Problem(path, f"{name}.{key}", f"总计 is {total} but {parts} add up to {summed}", f"总计 = {parts}")


def check_request_balance(path: str, table: Mapping[str, Sequence[int]]) -> Iterator[Problem]:
    """Per column: （七）总计 sums the results, and every request is handled or carried forward."""
    for index, column in enumerate(REQUEST_COLUMNS):
        handled = table[HANDLED][index]
        results = sum(table[key][index] for key in RESULT_KEYS)
        if handled != results:
            yield Problem(
                path,
                f"{REQUESTS}.{HANDLED}, {column}",
                f"is {handled} but the result rows {RESULT_KEYS[0]} … {RESULT_KEYS[-1]} add up to {results}",
                "（七）总计 = the sum of the rows （一） to （六）",
            )
        new, carried_over, carried_forward = (table[key][index] for key in (NEW, CARRIED_OVER, CARRIED_FORWARD))
        if new + carried_over != handled + carried_forward:
            yield Problem(
                path,
                f"{REQUESTS}.{NEW} + {CARRIED_OVER}, {column}",
                f"{new} + {carried_over} = {new + carried_over} but {HANDLED} + {CARRIED_FORWARD} "
                f"= {handled} + {carried_forward} = {handled + carried_forward}",
                f"{NEW} + {CARRIED_OVER} = {HANDLED} + {CARRIED_FORWARD}: every request is handled or carried forward",
            )
