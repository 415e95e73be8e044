"""dialoguelib: the commitments of the U.S.-Mexico High-Level Security Dialogue (8 October 2021).

>>> import dialoguelib
>>> ds = dialoguelib.load()
>>> len(ds.documents), len(ds.areas)
(2, 10)

``import dialoguelib`` brings the tables (pandas) only; Plotly and ipywidgets are imported
when a chart or a widget is first asked for. The public surface: :func:`load`, :class:`Dataset`
and :class:`Selection`, the error classes, :func:`check_parameters` (a notebook's parameters),
and the subpackages ``charts`` (Plotly figures), ``render`` (HTML fragments), ``widgets``
(ipywidgets explorers), ``reports`` (report sets), ``ingest`` (new statements), ``curate``
(status updates, links, versions compared) and ``exports``; ARCHITECTURE.md has the rest.
"""

import importlib

from ._version import __version__
from .config import default_data_dir
from .errors import (
    DataValidationError,
    DateParameterError,
    DialogueError,
    IngestError,
    OutputDirError,
    ReviewError,
    StoreError,
    UnknownParameterError,
    UnknownValueError,
)
from .query.dataset import Dataset, Passage, Selection, load
from .runs.notebooks import check_parameters

_LAZY = ("charts", "render", "widgets", "reports", "ingest", "curate", "exports")

__all__ = [
    "Dataset",
    "DataValidationError",
    "DateParameterError",
    "DialogueError",
    "IngestError",
    "OutputDirError",
    "Passage",
    "ReviewError",
    "Selection",
    "StoreError",
    "UnknownParameterError",
    "UnknownValueError",
    "__version__",
    "charts",
    "check_parameters",
    "curate",
    "default_data_dir",
    "exports",
    "ingest",
    "load",
    "render",
    "reports",
    "widgets",
]


def __getattr__(name: str):
    """``dialoguelib.charts`` and the like, imported on first use (they bring Plotly and ipywidgets)."""
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'dialoguelib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
