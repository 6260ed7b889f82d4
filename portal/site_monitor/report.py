"""The monitor's report: ``report.html`` (summary first) and ``report.json``."""

import collections
import dataclasses
import json
import os
import shutil
from collections.abc import Mapping
from typing import Any

import jinja2

from .checks import CHECKS, VETO

HERE = os.path.dirname(os.path.abspath(__file__))
SEVERITY_LABELS = {"veto": "单项否决", "error": "问题", "warning": "提示"}


def summary(result: Mapping[str, Any]) -> list[dict[str, str | int]]:
    counts = collections.Counter((finding.check, finding.severity) for finding in result["findings"])
    return [
        {"check": check, "title": title, **{severity: counts[(check, severity)] for severity in SEVERITY_LABELS}}
        for check, title in CHECKS.items()
    ]


def verdict(result: Mapping[str, Any]) -> str:
    return "veto" if any(finding.severity == VETO for finding in result["findings"]) else "pass"


def write_report(result: Mapping[str, Any], folder: str, site_name: str, output: str) -> str:
    """Write report.html, report.css and report.json into *folder*; return the HTML's path.

    The report links each finding's page in the built portal *output*, relative to *folder*."""
    os.makedirs(folder, exist_ok=True)
    data = {
        **result,
        "verdict": verdict(result),
        "summary": summary(result),
        "findings": [dataclasses.asdict(finding) for finding in result["findings"]],
    }
    with open(os.path.join(folder, "report.json"), "w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False, indent=1)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    by_check = collections.defaultdict(list)
    for finding in data["findings"]:
        by_check[finding["check"]].append(finding)
    html = environment.get_template("report.html").render(
        report=data,
        site_name=site_name,
        checks=CHECKS,
        by_check=by_check,
        severity_labels=SEVERITY_LABELS,
        page_base=os.path.relpath(output, folder).replace(os.sep, "/"),
    )
    path = os.path.join(folder, "report.html")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(html)
    shutil.copyfile(os.path.join(HERE, "templates", "report.css"), os.path.join(folder, "report.css"))
    return path
