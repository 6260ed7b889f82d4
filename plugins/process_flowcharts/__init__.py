"""Process flowcharts (办事流程图) of service guides.

Adds, to every published service guide whose body has a ``## 办理流程``
ordered list, an inline ``<svg class="flowchart">`` drawn from the list at
build time: one box per step, top to bottom, numbered as the list is, with the
step's name and, when the step carries them, its responsible office (承办) and
time limit (时限) (see :mod:`.steps` for how an editor writes them).  The
heading, the list and the chart are wrapped in ``<div class="process-flow">``;
``theme/static/css/flowchart.css`` sets the chart beside the list where there
is room and below it elsewhere, and colours it with the page's custom
properties, so every colour scheme of the toolbar and forced colours apply.
The chart has ``aria-hidden="true"`` and ``focusable="false"``: the list stays
its text alternative, so nothing is read twice (the plain-text twin and the
search records drop hidden elements, the feeds hidden SVG; the audio version
is planned before the chart is added and reads no SVG).  Items get ``has_flowchart`` (base.html links the stylesheet
then).  A malformed 承办/时限 note is a problem of the content check
(``content_validation``, with :func:`.steps.step_problems`), so ``invoke check``
reports it and it stops the build before any item is read, as
``path: ## 办理流程, step N: what is wrong (expected)``.

Signals: ``all_generators_finalized`` (the charts: the summaries, the audio
plans and the publishing rule are done, no page is written yet).
"""

from pelican import signals


def register():
    # Imported here, not with the package: the validator imports .steps, and .build imports the validator.
    from .build import add_flowcharts

    signals.all_generators_finalized.connect(add_flowcharts)
