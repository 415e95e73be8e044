"""papermill runs every notebook (defaults, and the explorers for every goal, every area and
several actors) and the outputs agree with the library; bad parameters fail clearly; the
committed notebooks follow the project's rule."""

import ast
import re

import nbformat
import pytest

import dialoguelib
from dialoguelib.runs import notebooks

pytestmark = pytest.mark.notebooks

NB_DIR = notebooks.notebook_dir()
NOTEBOOKS = sorted(p.name for p in NB_DIR.glob("[0-9][0-9]-*.ipynb"))
PLOTLY = "application/vnd.plotly.v1+json"
_ds = dialoguelib.load()

JOBS = {f"{name}[defaults]": (name, {}) for name in NOTEBOOKS}
JOBS.update({f"02-by-goal.ipynb[{g}]": ("02-by-goal.ipynb", {"goal": g}) for g in _ds.choices("goal")})
JOBS.update({f"04-by-area.ipynb[{a}]": ("04-by-area.ipynb", {"area": a}) for a in _ds.choices("area")})
JOBS.update(
    {
        f"03-by-actor.ipynb[{a}]": ("03-by-actor.ipynb", {"actor": a})
        for a in ["OFAC", "Mexico", "SAMHSA", "UNODC", "Mexico’s Financial Intelligence Unit", "TCOs"]
    }
)
JOBS.update(
    {
        "02-by-goal.ipynb[JS pledges]": ("02-by-goal.ipynb", {"goal": "prevent", "document": ["JS"], "modality": ["pledge"]}),
        "05-source-reader.ipynb[FS]": ("05-source-reader.ipynb", {"document": "FS", "goal": ["pursue"]}),
        "06-report.ipynb[actor]": ("06-report.ipynb", {"actor": "CJNG"}),
        "06-report.ipynb[area]": ("06-report.ipynb", {"area": "extraditions"}),
    }
)
# Run without the runner's own checks, so the notebook's validation cell is what fails.
BAD = {
    "unknown goal": ("02-by-goal.ipynb", {"goal": "peace"}, ["unknown goal 'peace'", "Valid values: 'protect'"]),
    "unknown area": (
        "04-by-area.ipynb",
        {"area": "extradition"},
        ["unknown area 'extradition'", "Increase Cooperation on Extraditions"],
    ),
    "unknown actor": ("03-by-actor.ipynb", {"actor": "SAMSHA"}, ["unknown actor 'SAMSHA'", "(SAMHSA)"]),
    "unknown name": ("02-by-goal.ipynb", {"gaol": "protect"}, ["unknown parameter 'gaol'", "Did you mean: 'goal'"]),
}


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("executed")
    jobs = []
    for key, (name, params) in JOBS.items():
        jobs.append(
            {"key": key, "notebook": str(NB_DIR / name), "output": str(out / f"{len(jobs):02d}-{name}"), "parameters": params}
        )
    for key, (name, params, _) in BAD.items():
        jobs.append(
            {
                "key": key,
                "notebook": str(NB_DIR / name),
                "output": str(out / f"{len(jobs):02d}-{name}"),
                "parameters": params,
                "check": False,
            }
        )
    return {r["key"]: r for r in notebooks.run_batch(jobs)}


def _outputs(path):
    nb = nbformat.read(path, as_version=4)
    return nb, [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _expected(name, params):
    defaults = {k: ast.literal_eval(v) for k, v in notebooks.notebook_parameters(NB_DIR / name).items()}
    merged = {**defaults, **params}
    keys = {"goal", "area", "actor", "document", "modality"}
    return _ds.filter(**{k: v for k, v in merged.items() if k in keys and v})


@pytest.mark.parametrize("key", list(JOBS))
def test_notebook_runs_and_agrees_with_the_library(executed, key):
    result = executed[key]
    assert result["error"] is None, result["error"]
    name, params = JOBS[key]
    nb, outputs = _outputs(result["output"])
    assert not [o for o in outputs if o.get("output_type") == "error"]
    figures = [o for o in outputs if PLOTLY in o.get("data", {})]
    assert len(figures) >= 1, "no Plotly figure in the executed notebook"
    for fig in figures:
        assert fig["data"][PLOTLY]["layout"]["title"]["text"], "a figure without a title"
    headlines = [
        o["data"]["text/html"]
        for o in outputs
        if "text/html" in o.get("data", {})
        and re.search(r'<p class="dlx-headline"><b>\d+ commitments?</b>', o["data"]["text/html"])
    ]
    assert headlines, "no headline with the number of commitments"
    n = int(re.search(r"<b>(\d+) commitment", headlines[0]).group(1))
    if name == "07-ingest.ipynb":  # the headline counts the merged rows of the new statement
        merged = [o for o in outputs if "text/plain" in o.get("data", {}) and "'added'" in o["data"]["text/plain"]]
        assert merged and f"'added': {n}" in merged[0]["data"]["text/plain"]
    else:
        assert n == len(_expected(name, params))


@pytest.mark.parametrize("key", list(BAD))
def test_bad_parameter_fails_with_a_clear_message(executed, key):
    error = executed[key]["error"]
    assert error is not None and "PapermillExecutionError" in error
    for text in BAD[key][2]:
        assert text in error


def test_runner_refuses_unknown_names_and_values_before_any_kernel_starts(tmp_path):
    with pytest.raises(notebooks.UnknownParameterError, match="unknown parameter 'aktor'.*'actor'"):
        notebooks.execute(NB_DIR / "03-by-actor.ipynb", tmp_path / "x.ipynb", {"aktor": "DEA"})
    with pytest.raises(dialoguelib.UnknownValueError, match="parameter actor: unknown actor 'Treasury Dept'"):
        notebooks.execute(NB_DIR / "03-by-actor.ipynb", tmp_path / "x.ipynb", {"actor": "Treasury Dept"})
    assert not (tmp_path / "x.ipynb").exists()


# ---------------------------------------------------------------- the committed notebooks
LITERAL_NODES = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.UnaryOp)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_follows_the_rule(name):
    path = NB_DIR / name
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size < 40_000
    assert "plotly.js" not in text and "<script" not in text
    nb = nbformat.read(path, as_version=4)
    assert "widgets" not in nb.metadata and "papermill" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        if "nbval-check-output" not in tags:
            assert cell.outputs == [], f"untagged cell with outputs: {cell.source[:60]!r}"
        for out in cell.outputs:
            assert set(out.get("data", {})) <= {"text/plain", "text/markdown", "text/html"}
            assert len(str(out)) < 8_000


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_shape(name):
    nb = nbformat.read(NB_DIR / name, as_version=4)
    cells = nb.cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    params = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    tree = ast.parse(cells[params[0]].source)
    for stmt in tree.body:
        assert isinstance(stmt, ast.Assign) and isinstance(stmt.value, LITERAL_NODES), ast.dump(stmt)
        ast.literal_eval(stmt.value)
    declared = {t.id for stmt in tree.body for t in stmt.targets}
    check = cells[params[0] + 1].source
    assert "check_parameters(ds, globals()" in check
    for name_ in declared:
        assert f"{name_}={name_}" in check, f"{name_} is not validated"
    if name != "06-report.ipynb":
        assert cells[-1].cell_type == "markdown" and cells[-1].source.startswith("## Summary")


def test_inspect_finds_the_declared_parameters():
    assert notebooks.notebook_parameters(NB_DIR / "03-by-actor.ipynb") == {
        "actor": '"DEA"',
        "document": "[]",
        "modality": "[]",
        "as_of": '""',
        "data_dir": '""',
    }


# ---------------------------------------------------------------- follow-through on the illustrative record
@pytest.fixture(scope="module")
def illustrative(tmp_path_factory):
    from dialoguelib.curate.illustrative import illustrative_record

    return illustrative_record(tmp_path_factory.mktemp("ill") / "data")


def test_follow_through_notebook_runs_for_several_days_and_agrees_with_the_library(illustrative, tmp_path):
    ill = dialoguelib.load(illustrative)
    cases = [("", "", "JS-35"), ("2021-12-31", "", "JS-35"), ("2022-12-31", "protect", "JS-35"), ("2023-12-31", "", "js-32")]
    jobs = [
        {
            "key": str(i),
            "notebook": str(NB_DIR / "08-follow-through.ipynb"),
            "output": str(tmp_path / f"{i}.ipynb"),
            "parameters": {"as_of": d, "goal": g, "commitment": c, "data_dir": str(illustrative)},
        }
        for i, (d, g, c) in enumerate(cases)
    ]
    results = {r["key"]: r for r in notebooks.run_batch(jobs)}
    for i, (day, goal, cid) in enumerate(cases):
        assert results[str(i)]["error"] is None, results[str(i)]["error"]
        _, outputs = _outputs(results[str(i)]["output"])
        html = "\n".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
        record = ill.as_of(day) if day else ill
        sel = record.filter(goal=goal) if goal else record
        assert f"<b>{len(sel)} commitments</b>" in html
        history = ill.status_history(cid) if not day else record.status_history(cid)
        for uid in ill.status_history(cid)["update_id"]:
            assert (uid in html) == (uid in set(history["update_id"])), (day, uid)
        figures = [o for o in outputs if PLOTLY in o.get("data", {})]
        assert len(figures) == 4  # timeline, status by goal, status over time, overdue and stale over time
    _, outputs = _outputs(results["1"]["output"])
    text = "\n".join(str(o.get("data", "")) for o in outputs)
    assert "ILLFU" not in text and "illustrative-follow-up" not in text  # published after 2021-12-31
    # overdue and stale follow the day: JS-46 ("by 2022") is neither on 2021-12-31, overdue on 2023-12-31
    row = "<td>JS-46</td><td>2022-12-31</td><td>by 2022</td><td>In progress</td><td>2022-10-20</td><td>Overdue</td>"
    for key, overdue in (("1", False), ("3", True)):
        _, outputs = _outputs(results[key]["output"])
        html = "\n".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
        assert (row in html) == overdue, key


def test_bad_follow_through_parameters_fail_clearly(tmp_path):
    with pytest.raises(dialoguelib.errors.DateParameterError, match="parameter as_of '2021-13-01': no such day"):
        notebooks.execute(NB_DIR / "08-follow-through.ipynb", tmp_path / "x.ipynb", {"as_of": "2021-13-01"})
    with pytest.raises(dialoguelib.UnknownValueError, match="unknown commitment 'JS-350'"):
        notebooks.execute(NB_DIR / "08-follow-through.ipynb", tmp_path / "x.ipynb", {"commitment": "JS-350"})


def test_a_report_built_as_of_an_earlier_day_omits_later_documents_and_statuses(illustrative, tmp_path):
    from dialoguelib import cli

    assert (
        cli.main(
            [
                "--data-dir",
                str(illustrative),
                "report",
                "--goal",
                "protect",
                "--out",
                str(tmp_path / "then"),
                "--as-of",
                "2022-06-30",
                "--quiet",
            ]
        )
        == 0
    )
    assert (
        cli.main(["--data-dir", str(illustrative), "report", "--goal", "protect", "--out", str(tmp_path / "now"), "--quiet"]) == 0
    )
    then = (tmp_path / "then" / "goal-protect.html").read_text(encoding="utf-8")
    now = (tmp_path / "now" / "goal-protect.html").read_text(encoding="utf-8")
    assert "What became of it" in then and "What became of it" in now
    assert "ILLFU-01" in now and "ILLFU-01" not in then and "Illustrative follow-up statement" not in then
    assert 'data-status="stalled"' in now and 'data-status="stalled"' not in then and 'data-status="in_progress"' in then
    assert "the record as of <b>30 June 2022</b>" in then
    index = (tmp_path / "then" / "index.html").read_text(encoding="utf-8")
    assert "as of 30 June 2022" in index and "1 of 27 assessed: In progress 1" in index
    assert "2 of 28 assessed" in (tmp_path / "now" / "index.html").read_text(encoding="utf-8")


def test_explorers_take_an_as_of_day(illustrative, tmp_path):
    jobs = [
        {
            "key": day or "now",
            "notebook": str(NB_DIR / "02-by-goal.ipynb"),
            "output": str(tmp_path / f"{i}.ipynb"),
            "parameters": {"goal": "protect", "as_of": day, "data_dir": str(illustrative)},
        }
        for i, day in enumerate(["", "2021-12-31"])
    ]
    results = {r["key"]: r for r in notebooks.run_batch(jobs)}
    for key, n in (("now", 28), ("2021-12-31", 27)):
        assert results[key]["error"] is None, results[key]["error"]
        _, outputs = _outputs(results[key]["output"])
        html = "\n".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
        assert f"<b>{n} commitments</b>" in html
