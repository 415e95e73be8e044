"""The house as ARCHITECTURE.md draws it: every module on a layer, imports only downwards, modules
and classes of a readable size, and `import dialoguelib` without Plotly or ipywidgets."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "dialoguelib"

# The layers of ARCHITECTURE.md (a module may import its own layer and those below).
LAYERS = {
    "cli": 7,
    "reports": 6, "reports.scope": 6, "reports.pipeline": 6, "reports.pages": 6, "reports.pdf": 6,
    "ingest": 6, "recording": 6, "examples": 6, "ingest.lexicon": 6, "ingest.segment": 6, "ingest.suggest": 6, "ingest.propose": 6,
    "ingest.review": 6, "ingest.merge": 6, "ingest.source": 6, "ingest.followup": 6, "ingest.topics": 6, "ingest.tfidf": 6, "ingest.actors": 6, "ingest.matching": 6, "ingest.bodies": 6, "ingest.repeats": 6, "ingest.parallel": 6, "notebooks": 6, "dashboard": 6,
    "widgets": 5, "widgets.explorer": 5, "widgets.controls": 5, "widgets.explorers": 5,
    "charts": 4, "charts.figure": 4, "charts.framework": 4, "charts.actors": 4, "charts.sources": 4, "charts.followthrough": 4, "render": 4, "render.followthrough": 4, "render.quotes": 4, "render.tables": 4,
    "dataset": 3, "queries": 3, "summaries": 3, "names": 3, "codes": 3, "tables": 3, "citation": 3, "changelog": 3,
    "diff": 3, "asof": 3, "followthrough": 3, "exports": 3, "exports.frames": 3, "exports.files": 3, "exports.excel": 3, "exports.sqlite": 3,
    "validation": 2, "schema": 2, "ledger": 2, "store": 2, "search": 1,
    "errors": 1, "config": 1, "text": 1, "markup": 1, "styles": 1, "batch": 1,
    "__init__": 8,
}  # fmt: skip


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(parts), path


def _imports(name: str, path: Path):
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = ".".join(base + ([node.module] if node.module else []))
            names = [target] if node.module else [".".join(base + [a.name]) for a in node.names]
            for t in names:
                yield t.lstrip("."), node.lineno


def _layer(module: str) -> int:
    if module.endswith("__version__"):  # the version string, defined once in __init__.py
        return 1
    while module and module not in LAYERS:
        module = module.rpartition(".")[0]
    return LAYERS.get(module or "__init__", 8)


MODULES = dict(_modules())


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_has_a_layer_and_a_place_in_the_architecture(name):
    assert name in LAYERS, f"{name}: give it a layer here and a line in ARCHITECTURE.md"
    doc = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    leaf = name.split(".")[-1]
    assert leaf == "__init__" or f"{leaf}.py" in doc or f"{leaf}/" in doc or leaf in doc, name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_downwards(name):
    own = LAYERS.get(name, 8)
    for target, line in _imports(name, MODULES[name]):
        assert _layer(target) <= own, f"{name} (layer {own}) imports {target} (layer {_layer(target)}) at line {line}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_classes_stay_readable(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert text.count("\n") <= 420, f"{name}: {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno <= 300, f"{name}.{node.name}"


def test_import_dialoguelib_brings_neither_plotly_nor_ipywidgets():
    code = "import sys, dialoguelib; dialoguelib.load(); print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


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
