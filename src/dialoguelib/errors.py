"""Every failure a user can cause, under one base class.

Each message names where the fault is (file, row, field, or the parameter) and what was
expected there. The ``dialoguelib`` command catches :class:`DialogueError` in one place,
prints ``error: <message>`` and exits with status 2; no bad input gives a traceback.

>>> issubclass(DataValidationError, DialogueError) and issubclass(UnknownValueError, DialogueError)
True
>>> str(DataValidationError("commitments.csv", "'x' is not an integer", row=3, field="start", expected="an integer"))
"commitments.csv, row 3, field 'start': 'x' is not an integer; expected an integer"
"""

from __future__ import annotations

__all__ = [
    "DialogueError",
    "DataValidationError",
    "UnknownValueError",
    "UnknownParameterError",
    "IngestError",
    "ReviewError",
    "OutputDirError",
    "StoreError",
    "DateParameterError",
]


class DialogueError(Exception):
    """Base class of every error caused by input: data files, parameters, review files, paths."""


class DataValidationError(DialogueError, ValueError):
    """A data file does not match its schema or its source text.

    Attributes
    ----------
    path : str
        The file at fault.
    row : int or None
        1-based data row (the header is not counted), when one row is at fault.
    field : str or None
        The column at fault.
    expected : str
        What was expected there.
    """

    def __init__(self, path, message, *, row=None, field=None, expected="", key=None):
        self.path = str(path)
        self.row = row
        self.field = field
        self.expected = expected
        self.message = message
        self.key = key
        where = [self.path]
        if row is not None:
            where.append(f"row {row}" + (f" ({key})" if key else ""))
        if field is not None:
            where.append(f"field '{field}'")
        text = ", ".join(where) + ": " + message
        if expected:
            text += f"; expected {expected}"
        super().__init__(text)


class ReviewError(DataValidationError):
    """A review file (from ``ingest``) that cannot be merged: names the review file, its row and field."""


class UnknownValueError(DialogueError, ValueError):
    """A goal, area, actor or other name that the data does not know.

    The message lists the close matches, or the valid values when there are few.
    """

    def __init__(self, parameter, value, valid, suggestions=()):
        self.parameter = parameter
        self.value = value
        self.valid = list(valid)
        self.suggestions = list(suggestions)
        msg = f"unknown {parameter} {value!r}."
        if self.suggestions:
            msg += " Did you mean: " + ", ".join(repr(s) for s in self.suggestions) + "?"
        if len(self.valid) <= 30:
            msg += " Valid values: " + ", ".join(repr(v) for v in self.valid) + "."
        else:
            msg += f" There are {len(self.valid)} valid values; see Dataset.choices({parameter!r})."
        super().__init__(msg)


class UnknownParameterError(UnknownValueError):
    """A parameter name the notebook does not take (papermill itself only warns)."""


class IngestError(DialogueError, ValueError):
    """Bad input to ingestion: the statement file or its registration details."""


class OutputDirError(DialogueError, OSError):
    """An output folder or file that cannot be created or written."""


class StoreError(DialogueError):
    """The data folder cannot be changed safely (locked, read-only, or an interrupted change it cannot finish)."""


class DateParameterError(DialogueError, ValueError):
    """A date given as a parameter (``as_of``) that is malformed or outside the record."""

    def __init__(self, parameter, value, problem, expected):
        self.parameter = parameter
        self.value = value
        super().__init__(f"{parameter} {value!r}: {problem}; expected {expected}")
