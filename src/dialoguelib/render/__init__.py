"""All HTML of the project, from the data: page fragments (fragments), a quote as shown (quotes), the reports'
interactive table (datatable), what became of a commitment (evidence), how concrete it is (specificity),
plain text for the command line
(plain), escaping and links (markup: the only way data text reaches HTML) and the one stylesheet (styles).

``render.headline(...)`` and the other fragments are importable from here.
"""

from .evidence import followthrough_section, history_html, lineage_html, status_badge, status_counts_table, timeline_table
from .fragments import (
    LANGUAGE_PHRASE,
    MAX_TABLE_ROWS,
    actors_table,
    blockquote,
    commitment_cards,
    commitments_frame,
    commitments_table_html,
    contents,
    count_boxes,
    frame_html,
    goal_legend_html,
    headline,
    illustrative_banner,
    provenance,
    roles_line,
    source_html,
    title,
)
from .markup import show
from .quotes import quote_html
from .specificity import criteria_badges, specificity_section

__all__ = [
    "LANGUAGE_PHRASE",
    "MAX_TABLE_ROWS",
    "actors_table",
    "blockquote",
    "commitment_cards",
    "commitments_frame",
    "commitments_table_html",
    "contents",
    "count_boxes",
    "criteria_badges",
    "followthrough_section",
    "goal_legend_html",
    "frame_html",
    "headline",
    "illustrative_banner",
    "history_html",
    "lineage_html",
    "provenance",
    "quote_html",
    "roles_line",
    "show",
    "source_html",
    "specificity_section",
    "status_badge",
    "status_counts_table",
    "timeline_table",
    "title",
]
