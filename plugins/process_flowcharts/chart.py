"""A top-to-bottom SVG flowchart of a service guide's steps.

The layout is computed here, in the chart's own units, where 16 units are the
chart's em: the chart is ``WIDTH`` units wide and flowchart.css sizes it in em,
so its text is as large as the page's and grows with the reader's text size.
``WIDTH`` is 8.5 em, narrow enough for a phone's column at twice the text size
(320 CSS px at 200 %), so that there too the chart's text is the page's size:
each box has the step's number and name on top, its details below across the
whole box.
Lines are wrapped by estimated width (a Han character or full-width mark is
one em, anything else at most ``NARROW_EM``), never before closing punctuation
nor after opening punctuation or a number, and never inside a run of Latin
letters or digits.  Colours are left to classes: the markup only carries geometry and,
for readers that drop the stylesheet (feed readers), ``currentColor``.
"""

import html
import re
import unicodedata

WIDTH = 136
BOX_X, BOX_WIDTH, BOX_RADIUS = 1, 134, 6
PADDING = 8
BADGE_X, BADGE_RADIUS = 20, 11
#: The step's name, right of its number.
TEXT_X = 36
TEXT_WIDTH = WIDTH - TEXT_X - PADDING - BOX_X
#: The step's 承办 and 时限, below its name and number.
DETAIL_X = BOX_X + PADDING
DETAIL_WIDTH = WIDTH - 2 * DETAIL_X
NAME_SIZE, NAME_LINE = 16, 22
DETAIL_SIZE, DETAIL_LINE = 14, 20
NUMBER_SIZE = 14
#: Space between the step's name and its details, and between two boxes (the arrow's length).
DETAIL_GAP, ARROW_GAP = 4, 28
NARROW_EM = 0.62

NO_BREAK_BEFORE = set("，。、；：！？）」』》〉】〕”’…·%,.;:!?)]}")
NO_BREAK_AFTER = set("（「『《〈【〔“‘([{")
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)*|.", re.DOTALL)


def char_width(character):
    """Width of *character* in em: 1 for Han and full-width characters."""
    return 1.0 if unicodedata.east_asian_width(character) in "WFA" else NARROW_EM


def text_width(text, size):
    return sum(map(char_width, text)) * size


def tokens(text):
    """Pieces of *text* that a line may not be broken inside."""
    pieces = []
    glue_next = False
    for piece in WORD_RE.findall(text):
        if pieces and (glue_next or piece[0] in NO_BREAK_BEFORE):
            pieces[-1] += piece
        else:
            pieces.append(piece)
        glue_next = piece[-1] in NO_BREAK_AFTER or piece[-1].isdigit()  # 45个, not 45 / 个
    return pieces


def wrap(text, width, size):
    """*text* cut into lines of at most *width* units at *size*, the last line not a lone character."""
    lines = [[]]  # the pieces of each line
    for piece in tokens(text):
        if text_width("".join(lines[-1]) + piece, size) <= width:
            lines[-1].append(piece)
            continue
        if lines[-1]:
            lines.append([])
        for character in piece:  # a piece wider than a line is cut where it must
            if lines[-1] and text_width("".join(lines[-1]) + character, size) > width:
                lines.append([])
            lines[-1].append(character)
    lines = [line for line in lines if line]
    if len(lines) > 1 and len(lines[-2]) > 1 and len("".join(lines[-1])) == 1:
        moved = lines[-2][-1] + lines[-1][0]
        if text_width(moved, size) <= width:
            lines[-2:] = [lines[-2][:-1], [moved]]
    return ["".join(line) for line in lines]


def text_line(css_class, x, baseline, size, content):
    return f'<text class="{css_class}" x="{x}" y="{baseline}" font-size="{size}">{content}</text>'


def detail_lines(label, value, top):
    """A 承办 or 时限 line, wrapped with a hanging indent after its label; (markup, height)."""
    prefix = f"{label}："
    indent = round(text_width(prefix, DETAIL_SIZE))
    markup = []
    for index, line in enumerate(wrap(value, DETAIL_WIDTH - indent, DETAIL_SIZE)):
        baseline = top + index * DETAIL_LINE + 15
        content = html.escape(line, quote=False)
        if index == 0:
            markup.append(
                text_line(
                    "flowchart__detail",
                    DETAIL_X,
                    baseline,
                    DETAIL_SIZE,
                    f'<tspan class="flowchart__label">{prefix}</tspan>{content}',
                )
            )
        else:
            markup.append(text_line("flowchart__detail", DETAIL_X + indent, baseline, DETAIL_SIZE, content))
    return markup, len(markup) * DETAIL_LINE


def step_node(step, top):
    """The box of one step, its number and text, from *top*; (markup, height)."""
    inner = []
    y = top + PADDING
    for line in wrap(step.name, TEXT_WIDTH, NAME_SIZE):
        inner.append(text_line("flowchart__name", TEXT_X, y + 17, NAME_SIZE, html.escape(line, quote=False)))
        y += NAME_LINE
    details = [(label, value) for label, value in (("承办", step.office), ("时限", step.time_limit)) if value]
    if details:
        y = max(y, top + PADDING + 2 * BADGE_RADIUS) + DETAIL_GAP  # below the number too
    for label, value in details:
        markup, height = detail_lines(label, value, y)
        inner += markup
        y += height
    height = max(y + PADDING - top, 2 * (PADDING + BADGE_RADIUS))
    badge_y = top + PADDING + BADGE_RADIUS
    return "".join(
        [
            '<g class="flowchart__step">',
            f'<rect class="flowchart__box" x="{BOX_X}" y="{top}" width="{BOX_WIDTH}" height="{height}" '
            f'rx="{BOX_RADIUS}" fill="none" stroke="currentColor" stroke-width="2"/>',
            f'<circle class="flowchart__badge" cx="{BADGE_X}" cy="{badge_y}" r="{BADGE_RADIUS}" '
            'fill="none" stroke="currentColor" stroke-width="2"/>',
            f'<text class="flowchart__number" x="{BADGE_X}" y="{badge_y + 5}" font-size="{NUMBER_SIZE}" '
            f'text-anchor="middle">{step.number}</text>',
            *inner,
            "</g>",
        ]
    ), height


def arrow(top):
    """An arrow down the middle from *top* to the next box, ARROW_GAP below."""
    x, end = WIDTH // 2, top + ARROW_GAP - 2
    return (
        f'<path class="flowchart__arrow" d="M{x} {top + 2}V{end - 6}M{x - 5} {end - 8}L{x} {end}L{x + 5} {end - 8}Z" '
        'stroke="currentColor" stroke-width="2"/>'
    )


def flowchart_svg(steps):
    """The inline <svg> of *steps*, hidden from assistive technology: the list beside it says the same."""
    parts = []
    top = BOX_X
    for index, step in enumerate(steps):
        if index:
            parts.append(arrow(top))
            top += ARROW_GAP
        markup, height = step_node(step, top)
        parts.append(markup)
        top += height
    height = top + BOX_X
    return (
        f'<svg class="flowchart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" fill="currentColor" aria-hidden="true" focusable="false">'
        + "".join(parts)
        + "</svg>"
    )
