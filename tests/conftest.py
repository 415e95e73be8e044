import shutil
from pathlib import Path

import pandas as pd
import pytest

import dialoguelib
from dialoguelib.dataset import PACKAGE_DATA

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def ds():
    return dialoguelib.load()


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the shipped data folder."""
    dest = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA.resolve(), dest)
    for p in dest.rglob("*"):
        p.chmod(0o644 if p.is_file() else 0o755)
    return dest


def read_table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def write_table(folder: Path, name: str, df: pd.DataFrame) -> None:
    df.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
