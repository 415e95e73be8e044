"""Plotly figure builders.

Every builder takes a :class:`~dialoguelib.Dataset` (the whole data or a selection)
and options, aggregates first, and returns a ``plotly.graph_objects.Figure`` with a
title, axis labels and hover text. One colour per goal, the same everywhere
(Okabe-Ito, colour-blind safe): see :mod:`dialoguelib.render.styles`. Text from the data is
escaped (Plotly draws a subset of HTML in labels). A chart of a record that holds the team's
illustrative material says so under its title.
"""

import functools as _functools

from . import actors as _actors
from . import concrete as _concrete
from . import framework as _framework
from . import outcomes as _outcomes
from . import sources as _sources
from .figure import PLOTLY_MIME, Figure, flag_illustrative


def _flagged(builder):
    """The builder, whose figure says under its title when its data holds illustrative material."""

    @_functools.wraps(builder)
    def build(ds, *args, **kwargs):
        return flag_illustrative(builder(ds, *args, **kwargs), getattr(ds, "illustrative", ""))

    return build


actor_goal_heatmap = _flagged(_actors.actor_goal_heatmap)
actor_network = _flagged(_actors.actor_network)
partners = _flagged(_actors.partners)
top_actors = _flagged(_actors.top_actors)
area_breakdown = _flagged(_framework.area_breakdown)
area_coverage = _flagged(_framework.area_coverage)
by_document = _flagged(_framework.by_document)
document_coverage = _flagged(_framework.document_coverage)
framework_sunburst = _flagged(_framework.framework_sunburst)
instruments = _flagged(_framework.instruments)
modality_mix = _flagged(_framework.modality_mix)
status_by_goal = _flagged(_outcomes.status_by_goal)
status_over_time = _flagged(_outcomes.status_over_time)
timeline = _flagged(_outcomes.timeline)
commitment_map = _flagged(_sources.commitment_map)
specificity_profile = _flagged(_concrete.specificity_profile)
overdue_over_time = _flagged(_concrete.overdue_over_time)

__all__ = [
    "Figure",
    "PLOTLY_MIME",
    "document_coverage",
    "framework_sunburst",
    "by_document",
    "modality_mix",
    "top_actors",
    "instruments",
    "area_breakdown",
    "actor_goal_heatmap",
    "actor_network",
    "area_coverage",
    "commitment_map",
    "partners",
    "timeline",
    "status_by_goal",
    "status_over_time",
    "specificity_profile",
    "overdue_over_time",
]
