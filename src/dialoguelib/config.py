"""Where things are: the data folder, the notebooks, and the environment variables that move them.

The working directory never decides a path.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "DATA_ENV_VAR",
    "NOTEBOOKS_ENV_VAR",
    "PACKAGE_DATA",
    "default_data_dir",
    "notebook_dir",
    "examples_dir",
    "resolve_data_dir",
]

DATA_ENV_VAR = "DIALOGUELIB_DATA"
NOTEBOOKS_ENV_VAR = "DIALOGUELIB_NOTEBOOKS"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def default_data_dir() -> Path:
    """The data folder used when none is given.

    The environment variable ``DIALOGUELIB_DATA`` wins; otherwise the data that
    ships with the package.
    """
    env = os.environ.get(DATA_ENV_VAR)
    return Path(env).expanduser() if env else PACKAGE_DATA


def resolve_data_dir(data_dir=None) -> Path:
    """``data_dir`` as an absolute path (``~`` expanded), or :func:`default_data_dir` when it is None or empty.

    The path is absolute so that it means the same folder in every process the project
    starts (report kernels run in the notebooks' folder).
    """
    if data_dir is None or str(data_dir) == "":
        data_dir = default_data_dir()
    return Path(os.path.abspath(Path(data_dir).expanduser()))


def notebook_dir() -> Path:
    """The folder holding the notebooks (``notebooks/`` beside ``src/``, or ``$DIALOGUELIB_NOTEBOOKS``)."""
    env = os.environ.get(NOTEBOOKS_ENV_VAR)
    return Path(env) if env else Path(__file__).resolve().parents[2] / "notebooks"


def examples_dir() -> Path:
    """The folder of the team's illustrative statements (``examples/`` beside ``src/``)."""
    return Path(__file__).resolve().parents[2] / "examples"
