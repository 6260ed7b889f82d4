"""Content validation: check every item against the content model before a build.

Adds: the content check (``portal.content_check``) before every build: every
Markdown item and page under ``PATH``, the steps of service guides' 办理流程
(``portal.content_model.guide_steps``) and the public messages' data file
(``portal.content_model.messages``) included, every other file and symbolic
link under ``PATH``, the links of published items and pages, and the HTML of
their bodies; every problem is logged at once as
``path: Key: what is wrong (what was expected)`` and the build stops with a
non-zero exit before anything is written.  ``invoke check`` runs the same check
alone.

Signals: ``article_generator_init`` (runs once per build, before any file is
read, so a malformed item can never be silently skipped by Pelican's reader).
"""

import logging

from pelican import signals

from portal.content_check import validate_site
from portal.content_model.problems import ContentValidationError

logger = logging.getLogger(__name__)


def check_before_reading(generator):
    problems = validate_site(generator.settings)
    for problem in problems:
        logger.error("%s", problem)
    if problems:
        raise ContentValidationError(problems)


def register():
    signals.article_generator_init.connect(check_before_reading)
