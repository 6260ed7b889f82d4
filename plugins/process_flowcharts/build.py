"""Put a flowchart beside each published service guide's 办理流程 list: a body change of item_bodies."""

import logging

import lxml.html

from portal.content_model.guide_steps import StepFormatError, parse_step, step_key
from portal.content_model.problems import ContentValidationError, Problem
from portal.item_body import numbered_items

from .chart import flowchart_svg

logger = logging.getLogger(__name__)

PROCESS_SECTION = "办理流程"
#: The element that holds the section's heading, its list and the chart (flowchart.css lays it out).
WRAPPER_CLASS = "process-flow"


def stop_on(problems):
    for problem in problems:
        logger.error("%s", problem)
    if problems:
        raise ContentValidationError(problems)


def list_steps(listing, source_path):
    """The :class:`Step` of each item of the rendered list, numbered as the list numbers them."""
    steps, problems = [], []
    for number, item in numbered_items(listing):
        try:
            steps.append(parse_step(number, item.text_content()))
        except StepFormatError as error:
            problems.append(Problem(source_path, step_key(number), *error.args))
    return steps, problems


def wrap(elements, wrapper):
    """Put *elements*, siblings in order, into *wrapper* where the first of them was; the text between them
    follows the wrapper."""
    elements[0].addprevious(wrapper)
    between = []
    for element in elements:
        between.append(element.tail or "")
        element.tail = None
        wrapper.append(element)
    wrapper.tail = "".join(between)


def add_flowchart(item):
    """Wrap the 办理流程 heading and list of *item*'s body together with their chart (``has_flowchart``);
    return the steps' problems."""
    section = item.body.sections.get(PROCESS_SECTION)
    listing = section.first("ol") if section else None
    if listing is None:
        return []
    steps, problems = list_steps(listing, item.source_path)
    if problems or not steps:
        return problems
    wrapper = lxml.html.Element("div", {"class": WRAPPER_CLASS})
    wrap([section.heading, *section.elements[: section.elements.index(listing) + 1]], wrapper)
    wrapper.append(item.body.drawing(flowchart_svg(steps)))
    item.has_flowchart = True
    return []


def add_flowcharts(items, generator):
    """The body change ``flowchart``: every published service guide that has a 办理流程 list gets its
    flowchart; return the guides charted."""
    problems = []
    for item in items:
        item.has_flowchart = False
        if getattr(item, "is_service_guide", False):
            problems += add_flowchart(item)
    stop_on(problems)
    return [item for item in items if item.has_flowchart]
