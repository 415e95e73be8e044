"""environment.yml (for conda users) and pyproject.toml (for pip and CI) list the same packages: the dependencies and the export extra."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name_spec(req: str):
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_deps = dict(
        _name_spec(r)
        for r in project["dependencies"] + project["optional-dependencies"]["export"] + project["optional-dependencies"]["html"]
    )
    conda = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([^\s:]+)$", line)
        if in_deps and m:
            name, spec = _name_spec(m.group(1))
            if name not in ("python", "pip"):
                conda[name] = spec
    assert conda == pip_deps


def test_environment_yml_pins_python_and_installs_the_package():
    text = (ROOT / "environment.yml").read_text()
    assert "- python=3.11" in text and "- -e ." in text and "conda-forge" in text


def test_version_is_defined_once():
    from importlib.metadata import version

    import dialoguelib

    assert version("dialoguelib") == dialoguelib.__version__
    assert "version =" not in (ROOT / "pyproject.toml").read_text().split("[project]")[1].split("[")[0]
