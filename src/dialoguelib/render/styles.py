"""The house style, in one place: a colour per goal, the labels of commitment kinds, and the stylesheet.

Charts, HTML fragments, reports and the index page all take their colours and CSS from here.

>>> import dialoguelib
>>> goal_colours(dialoguelib.load().goals)["Protect our people"]
'#0072B2'
"""

from __future__ import annotations

__all__ = ["GOAL_COLOURS", "STATUS_COLOURS", "KIND_LABELS", "goal_colours", "COMPONENT_CSS", "PAGE_CSS"]

#: Colour of each goal id (Okabe-Ito palette, colour-blind safe); goals of extended data cycle through the rest.
GOAL_COLOURS = {
    "protect": "#0072B2",
    "prevent": "#E69F00",
    "pursue": "#009E73",
    "cross-cutting": "#999999",
}
SPARE_COLOURS = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
UNKNOWN_COLOUR = "#777777"

KIND_LABELS = {"action": "Concrete actions", "objective": "Objectives", "principle": "Principles"}


def goal_colours(goals, by: str = "name") -> dict:
    """Goal name (or id, with ``by="id"``) -> colour, in framework order.

    Parameters
    ----------
    goals : DataFrame
        The goals table (``Dataset.goals``), in framework order.
    by : {"name", "id"}
        What the keys are.

    Returns
    -------
    dict
        ``{goal name or id: "#RRGGBB"}``.
    """
    out = {}
    for i, row in enumerate(goals.itertuples(index=False)):
        colour = GOAL_COLOURS.get(str(row.goal_id), SPARE_COLOURS[i % len(SPARE_COLOURS)])
        out[row.name if by == "name" else str(row.goal_id)] = colour
    return out


#: One colour per status (Okabe-Ito where it has them), the same in charts, badges and tables;
#: "not assessed" is a pale grey, never the colour of a failure.
STATUS_COLOURS = {
    "not_assessed": "#DDDDDD",
    "not_started": "#D55E00",
    "in_progress": "#56B4E9",
    "partial": "#F0E442",
    "completed": "#009E73",
    "stalled": "#CC79A7",
    "dropped": "#000000",
    "superseded": "#999999",
}


#: Rules for the project's own HTML fragments (tables, headlines, quotes, counts); they go with the
#: fragments into notebooks and widgets, and into every report page.
COMPONENT_CSS = """
.dlx-table { border-collapse: collapse; font-size: 13px; width: 100%; }
/* in a report page, outweigh JupyterLab's right-aligned table cells */
table.dlx-table td, table.dlx-table th, .jp-RenderedHTMLCommon table.dlx-table td, .jp-RenderedHTMLCommon table.dlx-table th {
  border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
.dlx-table th { background: #f3f3f3; }
.dlx-description { border-left: 4px solid #ccc; margin: 8px 0; padding: 4px 12px; color: #333; }
.dlx-fail { color: #b00; }
.dlx-count-box { display: inline-block; min-width: 120px; margin: 0 12px 8px 0; padding: 8px 12px; border: 1px solid #ddd; border-radius: 6px; }
.dlx-count { font-size: 26px; font-weight: 600; }
.dlx-count-label, .dlx-meta { font-size: 12px; color: #555; }
.dlx-commitment { border-left: 4px solid #777; padding: 4px 10px; margin: 10px 0; }
blockquote.dlx-quote { margin: 4px 0; padding: 0; border-left: none; font-family: Georgia, serif; }
.dlx-actors { font-size: 12px; }
.dlx-footer, .dlx-provenance { color: #666; font-size: 12px; }
.dlx-footer { margin-top: 32px; }
.dlx-status { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid #999; white-space: nowrap; }
.dlx-followup { margin: 10px 0 14px; }
.dlx-followup li { margin: 4px 0; }
.dlx-unconfirmed { color: #8a4b00; font-style: italic; }
.dlx-nav { font-size: 13px; margin: 0 0 8px; }
.dlx-contents { font-size: 13px; margin: 6px 0 12px; line-height: 1.8; }
.dlx-live-note { font-size: 13px; color: #0b4f7c; margin-bottom: 4px; }
table.dlx-table td:first-child { white-space: nowrap; }
mark.dlx-hit { background: #ffd54a; color: inherit; padding: 0 1px; border-radius: 2px; }
""".strip()

#: The interactive commitments tables (render/tables.py), in report pages and in the explorers' table widget.
DATATABLE_CSS = """
/* interactive tables (render/tables.py): fit the page, scroll inside their own box when they cannot */
.dt-container { font-size: 13px; margin: 8px 0 16px; }
.dt-container .dt-layout-table { overflow-x: auto; }
table.dlx-datatable, .jp-RenderedHTMLCommon table.dlx-datatable { width: 100% !important; table-layout: auto; }
table.dlx-datatable td, table.dlx-datatable th { text-align: left !important; vertical-align: top; }
table.dlx-datatable td:nth-child(9) { width: 40%; min-width: 22em; font-family: Georgia, serif; }
table.dlx-datatable td:nth-child(2), table.dlx-datatable td:nth-child(3) { width: 3em; }
table.dlx-datatable td:first-child { white-space: nowrap; }
table.dlx-datatable tfoot input { width: 100%; min-width: 3.5em; box-sizing: border-box; font-size: 12px; }
mark.dlx-hit { background: #ffd54a; color: inherit; padding: 0 1px; border-radius: 2px; }
""".strip()

#: Page layout and typography of the report pages and the index page.
PAGE_CSS = (
    DATATABLE_CSS
    + """
body.jp-Notebook, body.dlx-page { max-width: 1100px; margin: 0 auto; padding: 24px 32px; }
.jp-RenderedHTMLCommon, body.dlx-page { font-family: -apple-system, "Segoe UI", Arial, sans-serif; font-size: 15px; line-height: 1.5; }
.jp-RenderedHTMLCommon h1, body.dlx-page h1 { font-size: 28px; margin-bottom: 4px; }
.jp-RenderedHTMLCommon blockquote { border-left: 4px solid #ccc; margin: 8px 0; padding: 4px 12px; color: #333; }
body.dlx-page td:not(:first-child), body.dlx-page th:not(:first-child) { text-align: right; width: 9em; }
.dlx-scroll { overflow-x: auto; max-width: 100%; }
/* a document's reader page: long words wrap on a phone; the commitment a link points to stands out */
.dlx-reader .dlx-source, .dlx-reader .dlx-footer { overflow-wrap: anywhere; }
.dlx-source mark:target { outline: 3px solid #d62728; outline-offset: 2px; scroll-margin-top: 30vh; }
@media (max-width: 600px) {
  body.jp-Notebook, body.dlx-page { padding: 12px 10px; }
  body.dlx-page td:not(:first-child), body.dlx-page th:not(:first-child) { width: auto; }
  .dlx-table { font-size: 12px; }
  table.dlx-datatable td:nth-child(9) { min-width: 16em; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  body.jp-Notebook, body.dlx-page { max-width: none; padding: 0; font-size: 11pt; }
  .modebar-container, .modebar, .dlx-nav, .dlx-contents, .dlx-missing-plotly { display: none !important; }
  /* the interactive table shows one page of rows; on paper the cards below list every commitment */
  .dlx-table-block { display: none !important; }
  .js-plotly-plot, .dlx-commitment, table.dlx-table tr, .dlx-count-box, blockquote { break-inside: avoid; }
  .jp-RenderedHTMLCommon h2, body.dlx-page h2 { break-before: page; break-after: avoid; }
  .jp-RenderedHTMLCommon h1 + * h2 { break-before: auto; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 8pt; color: #555; word-break: break-all; }
}
""".strip()
)


def style_tag(css: str = COMPONENT_CSS) -> str:
    """``css`` in a ``<style>`` element, for HTML fragments shown outside a report page."""
    return f"<style>{css}</style>"
