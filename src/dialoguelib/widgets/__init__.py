"""ipywidgets control panels that update Plotly figures and a commitments table in place.

Each explorer is an :class:`Explorer`: a row of controls, a headline, figure panels and a
table. Changing a control recomputes the selection with :meth:`Dataset.filter` and
replaces each panel's figure. Figures are Plotly figures shown in ``Output`` widgets as
Plotly's own MIME bundle (drawn by JupyterLab and Voila), so no ``FigureWidget`` is
needed: no extra package, and no multi-megabyte widget state saved in notebooks.
"""

from .explorer import Explorer, figure_bundle
from .explorers import actor_explorer, area_explorer, dashboard, goal_explorer, overview_explorer, source_reader

__all__ = [
    "Explorer",
    "goal_explorer",
    "actor_explorer",
    "area_explorer",
    "source_reader",
    "overview_explorer",
    "figure_bundle",
    "dashboard",
]
