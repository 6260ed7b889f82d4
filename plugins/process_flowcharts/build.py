"""Put a flowchart beside each published service guide's 办理流程 list."""

import logging

from bs4 import BeautifulSoup, Comment
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from pelican.generators import ArticlesGenerator

from portal.content_model.problems import ContentValidationError, Problem

from .chart import flowchart_svg
from portal.content_model.guide_steps import StepFormatError, parse_step, step_key

logger = logging.getLogger(__name__)

PROCESS_SECTION = "办理流程"
#: The element that holds the section's heading, its list and the chart (flowchart.css lays it out).
WRAPPER_CLASS = "process-flow"
PLACEHOLDER = "process-flowchart"

# Characters stay themselves (only &, < and > are escaped); void elements as <br>.
FORMATTER = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml,
                          void_element_close_prefix="", empty_attributes_are_booleans=True)


def stop_on(problems):
    for problem in problems:
        logger.error("%s", problem)
    if problems:
        raise ContentValidationError(problems)


def process_list(body):
    """The section's heading and its ordered list in a rendered body, or (None, None)."""
    heading = body.find("h2", id=PROCESS_SECTION)
    if heading is None:
        return None, None
    for sibling in heading.find_next_siblings(True):
        if sibling.name == "ol":
            return heading, sibling
        if sibling.name == "h2":
            break
    return heading, None


def list_steps(listing, source_path):
    """The :class:`Step` of each item of the rendered list, numbered as the list numbers them."""
    number = int(listing.get("start") or 1)
    steps, problems = [], []
    for item in listing.find_all("li", recursive=False):
        number = int(item.get("value") or number)
        try:
            steps.append(parse_step(number, item.get_text()))
        except StepFormatError as error:
            problems.append(Problem(source_path, step_key(number), *error.args))
        number += 1
    return steps, problems


def with_flowchart(markup, source_path):
    """*markup* with the 办理流程 heading, list and chart in one wrapper; (markup or None, problems)."""
    body = BeautifulSoup(markup, "html.parser", multi_valued_attributes=None)
    heading, listing = process_list(body)
    if listing is None:
        return None, []
    steps, problems = list_steps(listing, source_path)
    if problems or not steps:
        return None, problems
    wrapper = body.new_tag("div", attrs={"class": WRAPPER_CLASS})
    heading.insert_before(wrapper)
    section = [heading]
    for sibling in heading.find_next_siblings(True):
        section.append(sibling)
        if sibling is listing:
            break
    for element in section:
        wrapper.append(element.extract())
    wrapper.append(Comment(PLACEHOLDER))
    return body.decode(formatter=FORMATTER).replace(f"<!--{PLACEHOLDER}-->", flowchart_svg(steps)), []


def add_flowcharts(generators):
    """Give every published service guide that has a 办理流程 list its flowchart (``has_flowchart``)."""
    articles = next(generator for generator in generators if isinstance(generator, ArticlesGenerator))
    problems = []
    for item in [*articles.articles, *articles.translations]:
        item.has_flowchart = False
        if not getattr(item, "is_service_guide", False) or PROCESS_SECTION not in (item._content or ""):
            continue
        markup, found = with_flowchart(item._content, item.source_path)
        problems += found
        if markup is not None:
            item._content, item.has_flowchart = markup, True
    stop_on(problems)
