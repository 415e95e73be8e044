"""dialoguelib: the commitments of the U.S.-Mexico High-Level Security Dialogue (8 October 2021).

>>> import dialoguelib
>>> ds = dialoguelib.load()
>>> len(ds.documents), len(ds.areas)
(2, 10)

Submodules: ``charts`` (Plotly figure builders), ``render`` (tables, headlines, the
annotated source), ``widgets`` (ipywidgets explorers), ``notebooks`` (parameter checks and
papermill runs), ``cli`` (the ``dialoguelib`` command).
"""

__version__ = "0.1.0"

from . import charts, render, widgets
from .config import default_data_dir
from .dataset import Dataset, Passage, load
from .errors import DataValidationError, DialogueError, UnknownValueError
from .notebooks import check_parameters

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
