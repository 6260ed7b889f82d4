"""Process flowcharts (办事流程图) of service guides.

Adds, to every published service guide whose body has a ``## 办理流程``
ordered list, an inline ``<svg class="flowchart">`` drawn from the list at
build time: one box per step, top to bottom, numbered as the list is, with the
step's name and, when the step carries them, its responsible office (承办) and
time limit (时限) (see :mod:`portal.content_model.guide_steps` for how an
editor writes them).  The heading, the list and the chart are wrapped in
``<div class="process-flow">``; ``theme/static/css/flowchart.css`` sets the
chart beside the list where there is room and below it elsewhere, and colours
it with the page's custom properties, so every colour scheme of the toolbar and
forced colours apply.  The chart has ``aria-hidden="true"`` and
``focusable="false"``: the list stays its text alternative, so nothing is read
twice (the plain-text twin, the audio, the search records and the feeds leave
out what is hidden, :func:`portal.item_body.is_hidden`).  Items get
``has_flowchart`` (base.html links the stylesheet then).  The chart is the body
change ``flowchart`` of plugin item_bodies, made on the body's parsed tree from
its 办理流程 section (``item.body.sections``), before the images' change.  A
malformed 承办/时限 note is a problem of the content check
(``content_validation``, with :func:`portal.content_model.guide_steps.step_problems`),
so ``invoke check`` reports it and it stops the build before any item is read,
as ``path: ## 办理流程, step N: what is wrong (expected)``; the build stops on
it too, naming the file.

Signals: none of its own: ``static_generator_finalized``, through item_bodies
(the bodies are parsed, the publishing rule is done, no page is written yet).
"""

from pelican.plugins.item_bodies import register_change

from .build import add_flowcharts


def register():
    register_change("flowchart", add_flowcharts)
