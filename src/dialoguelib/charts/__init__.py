"""Plotly figure builders.

Every builder takes a :class:`~dialoguelib.Dataset` (the whole data or a selection)
and options, aggregates first, and returns a ``plotly.graph_objects.Figure`` with a
title, axis labels and hover text. One colour per goal, the same everywhere
(Okabe-Ito, colour-blind safe): see :mod:`dialoguelib.render.styles`. Text from the data is
escaped (Plotly draws a subset of HTML in labels).
"""

from .actors import actor_goal_heatmap, actor_network, partners, top_actors
from .figure import PLOTLY_MIME, Figure
from .framework import (
    area_breakdown,
    area_coverage,
    by_document,
    document_coverage,
    framework_sunburst,
    instruments,
    modality_mix,
)
from .outcomes import status_by_goal, status_over_time, timeline
from .sources import commitment_map

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
]
