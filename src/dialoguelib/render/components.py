"""The page components as Jinja macros (``templates/render/components.html.j2``, autoescape on): tables,
status badges, quotes, commitment cards, count boxes, titles, the illustrative banner, the specificity badges
and the "How concrete" section. The render
functions gather the values and call a macro; escaping happens in the template, once.

>>> print(component("badge", "completed", "Completed", "#009E73"))
<span class="dlx-status" data-status="completed" style="background:#009E7333;border-color:#009E73">Completed</span>
>>> print(component("table", ["Actor", "n"], [["<b>DEA</b>", 3]], numeric=(1,)))  # doctest: +NORMALIZE_WHITESPACE
<div class="dlx-scroll"><table class="dlx-table "><thead><tr><th>Actor</th><th class="dlx-num">n</th></tr></thead><tbody><tr><td>&lt;b&gt;DEA&lt;/b&gt;</td><td
class="dlx-num">3</td></tr></tbody></table></div>
"""

from __future__ import annotations

import functools
from pathlib import Path

from markupsafe import Markup

__all__ = ["component", "safe"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "render"


@functools.cache
def _macros():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return env.get_template("components.html.j2").module


def component(name: str, *args, **kwargs) -> str:
    """The HTML of the macro ``name`` of the components template, called with these arguments (data escaped).

    Parameters
    ----------
    name : str
        The macro: table, badge, quote, card, count_boxes, title, banner, criteria (a specificity badge set) or
        how_concrete (a report's section).
    *args, **kwargs
        Its arguments (see the template).

    Returns
    -------
    str
        HTML.
    """
    return str(getattr(_macros(), name)(*args, **kwargs))


def safe(html: str) -> Markup:
    """HTML the render package built (escaped already), marked so that a component does not escape it again."""
    return Markup(html)
