"""The house style, in one place: a colour per goal, the labels of commitment kinds, and the stylesheet.

Charts, HTML fragments, reports and the index page all take their colours and CSS from here.

>>> import dialoguelib
>>> goal_colours(dialoguelib.load().goals)["Protect our people"]
'#0072B2'
"""

from __future__ import annotations

__all__ = [
    "GOAL_COLOURS",
    "STATUS_COLOURS",
    "STATE_COLOURS",
    "CRITERION_COLOURS",
    "KIND_LABELS",
    "goal_colours",
    "COMPONENT_CSS",
    "DATATABLE_CSS",
    "PAGE_CSS",
    "FONT",
    "QUOTE_FONT",
    "TAB_CSS",
]

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


#: Where a commitment stands on a day (overdue, stale, ...: dialoguelib.query.profile.STATES), in charts and tables;
#: "not assessed" the same pale grey as in the status charts.
STATE_COLOURS = {
    "Overdue": "#D55E00",
    "Stale": "#E69F00",
    "Not assessed": STATUS_COLOURS["not_assessed"],
    "Up to date": "#56B4E9",
    "Completed": STATUS_COLOURS["completed"],
    "Dropped or superseded": STATUS_COLOURS["superseded"],
}

#: One colour per criterion of the specificity profile (Okabe-Ito); the verifiable output, "concrete", the strongest.
CRITERION_COLOURS = {
    "who": "#CC79A7",
    "instrument": "#56B4E9",
    "target": "#E69F00",
    "deadline": "#009E73",
    "output": "#0072B2",
}

#: The typefaces: one for everything, a serif for the sources' own words.
FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
QUOTE_FONT = 'Georgia, "Times New Roman", serif'

#: The specificity badges (render/specificity.py): on cards and in the commitments tables of pages and explorers.
CRITERIA_CSS = """
.dlx-criteria { display: inline; }
.dlx-criterion { display: inline-block; padding: 0 5px; margin: 1px 3px 1px 0; border-radius: 3px; font-size: 12px;
  border: 1px solid #0072B2; background: #0072B21f; color: #0b3d66; white-space: nowrap; }
.dlx-profile .dlx-criterion { white-space: normal; overflow-wrap: break-word; }
.dlx-criterion.dlx-missing { border: 1px dashed #bbb; background: none; color: #888; }
.dlx-criterion-none { font-size: 12px; color: #777; }
.dlx-sep { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.dlx-profile { font-size: 12px; margin-top: 2px; }
""".strip()

#: Rules for the project's own HTML fragments (tables, headlines, quotes, counts); they go with the
#: fragments into notebooks and widgets, and into every page. Tables own their layout here: text
#: wraps inside its cell, never into the next one.
COMPONENT_CSS = (
    """
.dlx-table { border-collapse: collapse; font-size: 13px; width: 100%; table-layout: auto; }
table.dlx-table td, table.dlx-table th { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left;
  vertical-align: top; white-space: normal; overflow-wrap: break-word; }
table.dlx-table td.dlx-num, table.dlx-table th.dlx-num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
.dlx-table th { background: #f3f3f3; font-weight: 600; overflow-wrap: normal; }
.dlx-description { border-left: 4px solid #ccc; margin: 8px 0; padding: 4px 12px; color: #333; }
.dlx-fail { color: #b00; }
.dlx-counts { display: flex; flex-wrap: wrap; gap: 8px 12px; margin: 8px 0 12px; }
.dlx-count-box { min-width: 7.5em; padding: 8px 12px; border: 1px solid #ddd; border-radius: 6px; }
.dlx-count { font-size: 26px; font-weight: 600; line-height: 1.2; }
.dlx-count-label, .dlx-meta { font-size: 12px; color: #555; }
.dlx-commitment { border-left: 4px solid #777; padding: 4px 10px; margin: 10px 0; overflow-wrap: break-word; }
blockquote.dlx-quote { margin: 4px 0; padding: 0; border-left: none; font-family: QUOTE_FONT; }
.dlx-actors { font-size: 12px; }
.dlx-footer, .dlx-provenance { color: #666; font-size: 12px; overflow-wrap: break-word; }
.dlx-footer { margin-top: 32px; }
.dlx-status { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; border: 1px solid #999; white-space: nowrap; }
.dlx-followup { margin: 10px 0 14px; }
.dlx-followup li { margin: 4px 0; }
.dlx-unconfirmed { color: #8a4b00; font-style: italic; }
.dlx-nav { font-size: 13px; margin: 0 0 8px; }
.dlx-contents { font-size: 13px; margin: 6px 0 12px; line-height: 1.8; }
.dlx-live-note { font-size: 13px; color: #0b4f7c; margin-bottom: 4px; }
.dlx-banner { border: 2px solid #b35900; background: #fff4e5; color: #5a2d00; padding: 8px 12px; border-radius: 4px; margin: 8px 0 12px; }

mark.dlx-hit { background: #ffd54a; color: inherit; padding: 0 1px; border-radius: 2px; }
CRITERIA_CSS
""".replace("QUOTE_FONT", QUOTE_FONT)
    .replace("CRITERIA_CSS", CRITERIA_CSS)
    .strip()
)

#: The interactive commitments tables (render/datatable.py), in report pages and in the explorers' table widget.
#: On a phone each row becomes a card: every cell on its own line, labelled, the quote in full.
DATATABLE_CSS = (
    """
.dt-container { font-size: 13px; margin: 8px 0 16px; }
table.dlx-datatable { width: 100% !important; table-layout: auto; }
table.dlx-datatable td, table.dlx-datatable th { text-align: left !important; vertical-align: top; white-space: normal;
  overflow-wrap: break-word; }
table.dlx-datatable td:last-child { width: 40%; font-family: QUOTE_FONT; }
table.dlx-datatable td:nth-child(2), table.dlx-datatable td:nth-child(3) { width: 3em; }
table.dlx-datatable td:first-child { white-space: nowrap; overflow-wrap: normal; }
table.dlx-datatable th { overflow-wrap: normal; }
table.dlx-datatable tfoot input { width: 100%; min-width: 3em; box-sizing: border-box; font-size: 12px; }
mark.dlx-hit { background: #ffd54a; color: inherit; padding: 0 1px; border-radius: 2px; }
CRITERIA_CSS
@media (max-width: 600px) {
  table.dlx-datatable thead, table.dlx-datatable tfoot { display: none; }
  table.dlx-datatable, table.dlx-datatable tbody, table.dlx-datatable tr, table.dlx-datatable td { display: block; width: auto !important; }
  table.dlx-datatable tr { border-bottom: 1px solid #ccc; padding: 6px 0; }
  table.dlx-datatable td { border: none !important; padding: 1px 4px !important; }
  table.dlx-datatable td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; font-family: FONT; }
  table.dlx-datatable td:last-child { font-size: 14px; }
  .dt-container .dt-layout-row { display: block; }
  .dt-container .dt-buttons, .dt-container .dt-search, .dt-container .dt-info, .dt-container .dt-paging { margin: 4px 0; }
}
""".replace("QUOTE_FONT", QUOTE_FONT)
    .replace("CRITERIA_CSS", CRITERIA_CSS)
    .replace("FONT;", FONT + ";")
    .strip()
)

#: Page layout and typography of every page: the reports, the index and the sources' reader pages.
PAGE_CSS = (
    DATATABLE_CSS
    + """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body.dlx-report, body.dlx-page { max-width: 1100px; margin: 0 auto; padding: 24px 32px; font-family: FONT;
  font-size: 15px; line-height: 1.5; color: #1d1d1d; background: #fff; }
body.dlx-report h1, body.dlx-page h1 { font-size: 28px; line-height: 1.2; margin: 12px 0 4px; }
body.dlx-report h2, body.dlx-page h2 { font-size: 22px; line-height: 1.25; margin: 28px 0 8px; }
body.dlx-report h3, body.dlx-page h3 { font-size: 17px; margin: 18px 0 6px; }
a { color: #0b5cad; }
blockquote { border-left: 4px solid #ccc; margin: 8px 0; padding: 4px 12px; color: #333; }
.dlx-output { margin: 6px 0; max-width: 100%; }
.js-plotly-plot, .plotly-graph-div { max-width: 100%; }
.dlx-scroll { overflow-x: auto; max-width: 100%; }
.dlx-index-table td:not(:first-child), .dlx-index-table th:not(:first-child) { text-align: right; white-space: nowrap;
  overflow-wrap: normal; }
/* a document's reader page: the text reflows to the screen; the commitment a link points to stands out */
.dlx-reader .dlx-source, .dlx-reader .dlx-footer { overflow-wrap: break-word; }
.dlx-source mark:target { outline: 3px solid #d62728; outline-offset: 2px; scroll-margin-top: 30vh; }
a.anchor-link { display: none; }
/* Plotly's toolbar: not on a touch screen or a phone (it covers the title), nor on paper */
@media (hover: none), (max-width: 600px) { .modebar-container, .modebar { display: none !important; } }
@media (max-width: 600px) {
  body.dlx-report, body.dlx-page { padding: 12px 10px; font-size: 15px; }
  body.dlx-report h1, body.dlx-page h1 { font-size: 24px; }
  .dlx-table { font-size: 12px; }
  /* on a phone the index lists each report with its number of commitments; the report itself has the rest */
  .dlx-index-table th:nth-child(n+3), .dlx-index-table td:nth-child(n+3) { display: none; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  body.dlx-report, body.dlx-page { max-width: none; padding: 0; font-size: 11pt; }
  .modebar-container, .modebar, .dlx-nav, .dlx-contents, .dlx-missing-plotly { display: none !important; }
  /* the interactive table shows one page of rows; on paper the cards below list every commitment */
  .dlx-table-block { display: none !important; }
  .js-plotly-plot, .dlx-commitment, table.dlx-table tr, .dlx-count-box, blockquote { break-inside: avoid; }
  h2 { break-after: avoid; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 8pt; color: #555; word-break: break-all; }
}
""".replace("FONT;", FONT + ";").strip()
)


#: The dashboard's tabs: every title whole, the row of tabs wrapping on a phone instead of cutting the titles.
TAB_CSS = """
.dlx-tabs .lm-TabBar-content { flex-wrap: wrap; }
.dlx-tabs .lm-TabBar-tab { flex: 0 1 auto !important; min-width: 0 !important; max-width: none !important; }
.dlx-tabs .lm-TabBar-tabLabel { overflow: visible; text-overflow: clip; white-space: nowrap; }
""".strip()


def style_tag(css: str = COMPONENT_CSS) -> str:
    """``css`` in a ``<style>`` element, for HTML fragments shown outside a report page."""
    return f"<style>{css}</style>"
