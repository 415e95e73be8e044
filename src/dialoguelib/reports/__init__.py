"""Reports: the report notebook run for each goal, area or actor, exported to HTML that opens offline.

- :mod:`~dialoguelib.reports.scope`: what one report covers and its sections (the
  ``06-report`` notebook calls it);
- :mod:`~dialoguelib.reports.pipeline`: plan, run in a pool of workers, write the index, top to bottom;
- :mod:`~dialoguelib.reports.pages`: the HTML pages (nbconvert export, the index, plotly.js).
"""

from .pages import PLOTLY_JS_NAME, check_output_dir, export_html
from .pipeline import ReportJob, ReportResult, build, plan
from .scope import Scope

__all__ = ["ReportJob", "ReportResult", "Scope", "build", "plan", "PLOTLY_JS_NAME", "check_output_dir", "export_html"]
