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


def _runtime_distributions() -> set:
    """The distributions a plain ``pip install dialoguelib`` brings: its dependencies and theirs, without extras."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    seen = set()
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or (req.marker is not None and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            todo += [Requirement(r) for r in requires(req.name) or []]
        except PackageNotFoundError:
            pass
    return seen


def _module_level_imports(path: Path) -> set:
    """The top-level names a module imports when it is itself imported (not those imported inside a function)."""
    import ast

    names = set()
    body = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while body:
        node = body.pop()
        if isinstance(node, ast.Try):
            body += node.body
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_every_module_level_import_is_a_dependency_without_extras():
    """What the library imports when it is imported comes with a plain install (pyarrow was once only in extras,
    and ``import dialoguelib`` failed after ``pip install dialoguelib``)."""
    import sys
    from importlib.metadata import packages_distributions

    from packaging.utils import canonicalize_name

    runtime = _runtime_distributions()
    providers = packages_distributions()
    missing = {}
    for path in sorted((ROOT / "src" / "dialoguelib").rglob("*.py")):
        for name in _module_level_imports(path):
            if name in sys.stdlib_module_names or name in ("dialoguelib", "__future__"):
                continue
            dists = {canonicalize_name(d) for d in providers.get(name, [name])}
            if not dists & runtime:
                missing.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert not missing, f"imported at module level but not a dependency (pyproject.toml [project] dependencies): {missing}"
