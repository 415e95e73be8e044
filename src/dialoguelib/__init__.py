"""dialoguelib: the commitments of the U.S.-Mexico High-Level Security Dialogue (8 October 2021).

>>> import dialoguelib
>>> ds = dialoguelib.load()
>>> len(ds.documents), len(ds.areas)
(2, 10)

``import dialoguelib`` brings the tables (pandas) only; Plotly and ipywidgets are imported
when a chart or a widget is first asked for. Submodules: ``charts`` (Plotly figure
builders), ``render`` (HTML fragments), ``widgets`` (ipywidgets explorers), ``notebooks``
(parameter checks and papermill runs), ``cli`` (the ``dialoguelib`` command); see
ARCHITECTURE.md for the rest.
"""

import importlib

__version__ = "0.1.0"

from .config import default_data_dir  # noqa: E402
from .dataset import Dataset, Passage, load  # noqa: E402
from .errors import DataValidationError, DialogueError, UnknownValueError  # noqa: E402
from .notebooks import check_parameters  # noqa: E402

_LAZY = ("charts", "render", "widgets")

__all__ = [
    "Dataset",
    "DataValidationError",
    "DialogueError",
    "Passage",
    "UnknownValueError",
    "__version__",
    "charts",
    "check_parameters",
    "default_data_dir",
    "load",
    "render",
    "widgets",
]


def __getattr__(name: str):
    """``dialoguelib.charts`` and the like, imported on first use (they bring Plotly and ipywidgets)."""
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'dialoguelib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
