"""The house as ARCHITECTURE.md draws it: layers in folders with contracts import-linter checks, functions
of a size ruff's complexity rules accept, no formatter bypass, and `import dialoguelib` without Plotly or ipywidgets.

The rules themselves live in pyproject.toml ([tool.importlinter], [tool.ruff.lint]) and run in `make lint`;
these tests hold the repository to them from pytest too, and check what no tool checks."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "dialoguelib"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(parts), path


MODULES = dict(_modules())


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed beside {sys.executable} (the test extra installs it)"
    return found


def test_the_layer_contracts_hold():
    """import-linter: each package imports only the packages below it, and no module cycle (lazy imports included)."""
    out = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "2 kept, 0 broken" in out.stdout


def test_every_top_level_package_is_on_a_layer():
    contract = next(c for c in PYPROJECT["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    assert contract.get("exhaustive") is True  # a new package must be given a layer
    named = {m.strip() for layer in contract["layers"] for m in layer.split("|")}
    children = {p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    children |= {p.stem for p in PKG.glob("*.py") if p.stem != "__init__"}
    assert children == named


def test_at_most_a_dozen_modules_sit_at_the_top():
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= 12, top


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_has_a_place_in_the_architecture(name):
    leaf = name.split(".")[-1]
    assert leaf == "__init__" or re.search(rf"\b{leaf}\b", ARCHITECTURE), f"{name}: give it a line in ARCHITECTURE.md"


def test_no_two_modules_share_a_name():
    leaves = [name.split(".")[-1] for name in MODULES if name != "__init__"]
    twice = sorted({n for n in leaves if leaves.count(n) > 1})
    assert twice == [], f"modules named alike in different folders: {twice}"


def test_functions_stay_within_the_complexity_rules():
    rules = PYPROJECT["tool"]["ruff"]["lint"]
    assert {"C901", "PLR0912", "PLR0915"} <= set(rules["select"]) | set(rules.get("extend-select", []))
    out = subprocess.run(
        [_tool("ruff"), "check", "--select", "C901,PLR0912,PLR0915", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-3000:]


def _tracked_python() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / p for p in listed.split()] or sorted(ROOT.glob("**/*.py"))


def test_no_code_is_squeezed_past_the_formatter():
    mark = re.compile(r"#\s*fmt:\s*(?:skip|off)\b")
    squeezed = [str(p.relative_to(ROOT)) for p in _tracked_python() if p.exists() and mark.search(p.read_text("utf-8"))]
    assert squeezed == []


def test_every_noqa_in_the_library_says_why():
    unexplained = []
    for path in PKG.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "# noqa" in line and not re.search(
                r"[a-z]", re.sub(r"^:?\s*[A-Z]+\d+(?:,\s*[A-Z]+\d+)*", "", line.split("# noqa", 1)[1])
            ):
                unexplained.append(f"{path.relative_to(ROOT)}:{n}")
    assert unexplained == [], "a noqa needs its reason after it: `# noqa: C901  (why)`"


def test_notebooks_use_only_the_public_surface():
    """A notebook imports dialoguelib and its public subpackages (those in dialoguelib.__all__), never a module inside them."""
    import dialoguelib

    public = {name for name in dialoguelib.__all__ if not name[0].isupper() and name.islower()}
    found = set()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for m in re.finditer(r"(?:from|import)\s+(dialoguelib(?:\.\w+)*)", nb.read_text(encoding="utf-8")):
            found.add((nb.name, m.group(1)))
    deep = sorted(
        (nb, mod) for nb, mod in found if mod.count(".") > 1 or (mod.count(".") == 1 and mod.split(".")[1] not in public)
    )
    assert found and deep == []


def test_the_public_names_keep_working():
    import dialoguelib

    for name in dialoguelib.__all__:
        assert getattr(dialoguelib, name) is not None, name
    assert {"load", "Dataset", "Selection", "DialogueError", "charts", "widgets", "reports", "ingest"} <= set(dialoguelib.__all__)


def test_import_dialoguelib_brings_neither_plotly_nor_ipywidgets():
    code = "import sys, dialoguelib; dialoguelib.load(); print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_proposing_imports_no_scikit_learn():
    """One TF-IDF for ingest, in numpy: scikit-learn's import was half of ingest's start-up."""
    code = (
        "import sys, dialoguelib; from dialoguelib.ingest import propose, ingest_document; ds = dialoguelib.load(); "
        "propose(ds, 'Both governments will create a joint lab.', 'x', existing=ds); print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def _public_functions():
    for name, path in sorted(MODULES.items()):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        todo = [(node, "") for node in tree.body]
        while todo:
            node, prefix = todo.pop(0)
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                todo += [(child, f"{prefix}{node.name}.") for child in node.body]
            elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield f"{name}:{prefix}{node.name}", node


PUBLIC = dict(_public_functions())


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_functions_say_what_they_take_and_give(name):
    node = PUBLIC[name]
    doc = ast.get_docstring(node)
    assert doc and doc.strip().splitlines()[0], f"{name}: no one-line summary"
    params = [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg not in ("self", "cls")]
    if len(params) >= 2:
        assert "Parameters\n---" in doc, f"{name}: {len(params)} parameters and no Parameters section"
        returns = node.returns is not None and not (isinstance(node.returns, ast.Constant) and node.returns.value is None)
        if returns:
            assert "Returns\n---" in doc or "Yields\n---" in doc, f"{name}: no Returns section"
