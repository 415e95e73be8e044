"""dialoguelib: the commitments of the U.S.-Mexico High-Level Security Dialogue (8 October 2021).

>>> import dialoguelib
>>> ds = dialoguelib.load()
>>> len(ds.documents), len(ds.areas)
(2, 10)
"""

from .dataset import Dataset, Passage, UnknownValueError, default_data_dir, load
from .validation import DataValidationError

__version__ = "0.1.0"

__all__ = ["Dataset", "DataValidationError", "Passage", "UnknownValueError", "__version__", "default_data_dir", "load"]
