"""The project where its users keep it: the CI and report-site workflows, the pre-commit hooks,
a main install without the test tools, a quiet first run, and a README in step with the code.

Commands are read from this environment's own ``bin`` folder (the one ``make venv-test`` fills),
never fetched."""

import functools
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
README = (ROOT / "README.md").read_text(encoding="utf-8")
# A note from this machine's pip configuration (an index folder that does not exist), not from the project.
MACHINE_PIP_NOTE = re.compile(r"^WARNING: Location '[^']*' is ignored: it is neither a file nor a directory\.$")


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed in {BIN}: `pip install -e '.[test]'` (make venv-test) installs it"
    return str(path)


def _env(**extra) -> dict:
    """This environment's commands first on PATH, as in an activated virtual environment."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def _make(*args) -> str:
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _make_targets() -> set[str]:
    return set(re.findall(r"^\s+make (\S+)", _make("help"), re.M))


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"\s*([A-Za-z0-9_.\-]+)", requirement).group(1)).lower()


# ---------------------------------------------------------------- workflows
def _workflow(name: str) -> dict:
    wf = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    wf["on"] = wf.pop(True, wf.get("on"))  # YAML 1.1 reads the key `on` as true
    return wf


def _uses(steps: list, action: str) -> list[dict]:
    return [s for s in steps if s.get("uses", "").split("@")[0] == action]


def _runs(steps: list) -> str:
    return "\n".join(s.get("run", "") for s in steps)


def test_the_workflows_pass_actionlint_which_make_lint_runs():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert {f.name for f in files} == {"ci.yml", "pages.yml"}
    result = subprocess.run([_tool("actionlint"), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\S*actionlint \.github/workflows/\*\.yml$", _make("-n", "lint"), re.M)


def test_ci_tests_every_push_and_pull_request_and_weekly_and_keeps_notebooks_and_reports():
    wf = _workflow("ci.yml")
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} <= set(wf["on"])
    minute, hour, day, month, weekday = wf["on"]["schedule"][0]["cron"].split()
    assert day == month == "*" and weekday.isdigit(), "once a week"
    (job,) = wf["jobs"].values()
    steps = job["steps"]
    assert job["container"]["image"] == "python:3.11-bookworm", "Python 3.11 on Debian 12, as the project's machines"
    assert re.search(r"apt-get install .*\bchromium\b", _runs(steps)), "Debian's chromium for the browser tests"
    (cache,) = _uses(steps, "actions/cache")
    assert cache["with"]["path"] == job["env"]["PIP_CACHE_DIR"] and "pyproject.toml" in cache["with"]["key"]
    made = re.findall(r"^make (\S+)$", _runs(steps), re.M)
    assert made == ["test", "executed", "report"] and set(made) <= _make_targets()
    assert {s["with"]["path"] for s in _uses(steps, "actions/upload-artifact")} == {"build/notebooks/", "reports/"}
    assert "--out reports" in _make("-n", "report") and "mkdir -p build/notebooks" in _make("-n", "executed")
    # executed copies stay out of pytest's paths, or nbval would run them as tests too
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    assert not [t for t in testpaths if Path("build/notebooks").is_relative_to(t)]


def test_pages_builds_the_report_set_on_main_with_the_runtime_install_and_publishes_it():
    wf = _workflow("pages.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"]["cancel-in-progress"] is False, "a deployment under way is not cancelled"
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    setup = _uses(build["steps"], "actions/setup-python")[0]["with"]
    assert str(setup["python-version"]) == "3.11" and setup["cache"] == "pip"
    assert re.findall(r"^make (\S+)$", _runs(build["steps"]), re.M) == ["report"]
    assert _uses(build["steps"], "actions/upload-pages-artifact")[0]["with"]["path"] == "reports/"
    assert deploy["needs"] == "build" and _uses(deploy["steps"], "actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["environment"]["name"] == "github-pages"
    assert wf["permissions"] == {"contents": "read"}


# ---------------------------------------------------------------- pre-commit
def _hooks() -> tuple[dict, list[dict]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return config, [h for repo in config["repos"] for h in repo["hooks"]]


def test_the_pre_commit_hooks_are_local_and_call_the_projects_own_tools():
    config, hooks = _hooks()
    assert {r["repo"] for r in config["repos"]} == {"local"}, "no hook repository to fetch"
    assert {"ruff", "ruff-format", "notebook-outputs", "data", "actionlint"} <= {h["id"] for h in hooks}
    for hook in hooks:
        assert hook["language"] in ("system", "unsupported") and not hook.get("additional_dependencies"), hook["id"]
        command = shlex.split(hook["entry"])[0]
        assert (BIN / command).exists(), f"{hook['id']}: {command} is not a command of this environment"


def test_the_pre_commit_hooks_pass_on_the_repository_offline(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone: pre-commit checks the files git tracks")
    offline = {k: "http://127.0.0.1:9" for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")}
    result = subprocess.run(
        [_tool("pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=ROOT,
        env=_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit"), PIP_NO_INDEX="1", **offline),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in _hooks()[1]:
        assert re.search(rf"^{re.escape(hook['name'])}\.+Passed$", result.stdout, re.M), result.stdout


# ---------------------------------------------------------------- a light main install
def test_make_report_installs_the_runtime_dependencies_only_and_make_test_the_test_extra(tmp_path):
    venv = tmp_path / "venv"  # not there: make prints how it would make and fill it

    def installs(target):
        return re.findall(r"pip install --quiet (.+)$", _make("-n", target, f"VENV={venv}"), re.M)

    assert installs("report") == ["--upgrade pip", "-e ."]
    assert installs("test") == ["--upgrade pip", "-e '.[test]'"]


def test_pip_install_of_the_package_brings_no_test_only_distribution_and_builds_without_a_warning(tmp_path):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    report = tmp_path / "install.json"
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    result = subprocess.run(
        [*pip, "--dry-run", "--ignore-installed", "--report", str(report), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    installed = {_name(item["metadata"]["name"]) for item in json.loads(report.read_text())["install"]}
    assert {_name(r) for r in project["dependencies"]} <= installed
    optional = {_name(r) for extra in project["optional-dependencies"].values() for r in extra} - {"dialoguelib"}
    assert sorted(optional & installed) == [] and "pytest" not in installed, "a test or optional package in the main install"
    said = [line for line in (result.stdout + result.stderr).splitlines() if not MACHINE_PIP_NOTE.match(line)]
    assert [line for line in said if re.search(r"(?i)warn|deprecat", line)] == [], "\n".join(said)


# ---------------------------------------------------------------- a quiet first run
def test_make_help_shows_the_real_ports():
    text = _make("help")
    assert "$(" not in text and "http://127.0.0.1:8001" in text and "http://127.0.0.1:8866" in text
    text = _make("help", "DATASETTE_PORT=9101", "DASHBOARD_PORT=9102")
    assert "http://127.0.0.1:9101" in text and "http://127.0.0.1:9102" in text


def test_kernels_are_asked_to_shut_down_without_an_interrupt_first(tmp_path, monkeypatch):
    """jupyter_client interrupts a kernel before it asks it to shut down; when papermill's last request is
    still in the kernel's handler, the interrupt lands there and the kernel logs "KeyboardInterrupt caught
    in kernel" after a run that succeeded (now and then, more often on a busy machine)."""
    import nbformat
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    from dialoguelib.runs import notebooks

    sent = []
    send_signal = LocalProvisioner.send_signal

    async def spy(self, signum):
        sent.append(signum)
        return await send_signal(self, signum)

    monkeypatch.setattr(LocalProvisioner, "send_signal", spy)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "small.ipynb")
    executed = notebooks.execute(tmp_path / "small.ipynb", tmp_path / "out.ipynb")
    assert executed.cells[0].outputs[0]["data"]["text/plain"] == "2"
    assert signal.SIGINT not in sent


def test_a_report_build_shows_a_progress_bar_and_one_summary_line_and_nothing_alarming(tmp_path):
    out = tmp_path / "r"
    result = subprocess.run(
        [_tool("dialoguelib"), "report", "--framework", "--goal", "protect", "--jobs", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    lines = [line.strip().replace(str(out), "OUT") for line in re.split(r"[\r\n]+", result.stderr) if line.strip()]
    assert [line for line in lines if re.search(r"(?i)error|traceback|warn|deprecat|exception", line)] == []
    assert lines[0].startswith("Building 2 report(s) into OUT") and lines[1:]
    assert all(re.match(r"\d+%\|.*\| [0-2]/2 \[", line) for line in lines[1:]), lines  # the progress bar, redrawn
    assert re.fullmatch(
        r"2 of 2 report\(s\) built in [\d.]+ s; 0 failed\.\nOpen OUT/index\.html\n", result.stdout.replace(str(out), "OUT")
    )


# ---------------------------------------------------------------- the README in step with the code
def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_notebook_table_gives_each_notebook_its_parameters():
    import papermill

    rows = dict(re.findall(r"^\| `([\w-]+)` \|.*\| ([^|]*) \|$", _section("Notebooks"), re.M))
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(rows) == sorted(p.stem for p in notebooks)
    for path in notebooks:
        declared = set(papermill.inspect_notebook(str(path)))
        # every notebook takes data_dir, which the README explains once below the table
        assert set(re.findall(r"`(\w+)`", rows[path.stem])) | {"data_dir"} == declared, path.stem
    assert "Every notebook also takes `data_dir`" in README


@functools.cache
def _subcommands() -> tuple[str, ...]:
    usage = subprocess.run([_tool("dialoguelib"), "--help"], capture_output=True, text=True, check=True).stdout
    return tuple(re.search(r"\{([a-z,-]+)\}", usage).group(1).split(","))


@functools.cache
def _options(*command) -> set[str]:
    text = subprocess.run([_tool("dialoguelib"), *command, "--help"], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", text))


def test_the_readme_names_every_command_and_only_options_the_commands_take():
    commands = _subcommands()
    layout = _section("Layout")
    (cli_line,) = [line for line in layout.splitlines() if re.search(r"\bcli\.py\b", line)]
    assert [c for c in commands if not re.search(rf"`(dialoguelib )?{c}`", cli_line)] == [], cli_line
    text = re.sub(r"\\\n\s*", " ", README)  # a command continued on the next line
    seen = set()
    for sub, rest in re.findall(r"(?<![\w.])dialoguelib(?:\s+--data-dir\s+\S+)?\s+([a-z]+)\b([^`\n]*)", text):
        if sub not in commands:
            continue
        seen.add(sub)
        unknown = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", rest)) - _options(sub) - _options()
        assert unknown == set(), f"dialoguelib {sub}{rest}"
    assert seen >= {"summary", "report", "ingest", "merge", "record", "status"}


def test_the_readme_names_every_make_target_and_only_real_ones():
    targets = _make_targets()
    named = set(re.findall(r"`make ([a-z][a-z-]*)`", README)) | set(re.findall(r"^make ([a-z][a-z-]*)", README, re.M))
    assert named - targets == set(), "the README names a target the Makefile does not have"
    assert targets - named == set(), "a target of `make help` the README does not name"


def _layout_entries() -> list[tuple[str, list[str]]]:
    """The README's layout block: each top-level entry, with the names indented by two spaces below it."""
    block = re.search(r"```\n(.*?)```", _section("Layout"), re.S).group(1)
    entries = []
    for line in block.splitlines():
        if re.match(r"\S", line):
            entries.append((line.split()[0], []))
        elif re.match(r"  \S", line):
            entries[-1][1].append(line.split()[0].rstrip("/"))
    return entries


def test_the_readme_layout_names_what_is_there_and_everything_there():
    entries = _layout_entries()
    for top, children in entries:
        assert os.path.lexists(ROOT / top), f"the layout names {top}, which does not exist"
        folder = ROOT / top
        for child in children:
            assert os.path.lexists(folder / child), f"the layout names {top}{child}, which does not exist"
        if children:  # a folder whose parts the layout lists: all of them
            parts = {
                p.name
                for p in folder.iterdir()
                if p.name not in ("__init__.py", "__pycache__")
                and (p.suffix == ".py" or p.is_dir())
                and not p.name.endswith(".egg-info")
            }
            assert sorted(parts - set(children)) == [], f"{top} holds parts the layout does not name"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    folders = {path.split("/")[0] for path in tracked if "/" in path and not path.startswith(".")}
    named = {top.split("/")[0] for top, _ in entries}
    assert sorted(folders - named) == [], "a top-level folder the layout does not name"
