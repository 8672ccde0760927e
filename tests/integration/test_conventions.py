"""The workspace's conventions hold: CI calls the Makefile and publishes the reports, the
pre-commit hooks are local, and they pass on the committed tree (and fail when it is broken).

The pre-commit runs use a `git clone` of the repository, so only committed files count
(uncommitted work in the checkout cannot make them pass or fail), with the running
environment linked in as the clone's .venv and a private PRE_COMMIT_HOME.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import clone_committed, without_git_variables

from helpers.core.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
HOOKS = ROOT / ".pre-commit-config.yaml"
NOTEBOOK = "notebooks/01-clean-figures.ipynb"
DIRECT_TOOLS = re.compile(r"\b(pytest|ruff|papermill|jupyter|pre-commit|helpers\.run)\b")


# --- the GitHub workflow --------------------------------------------------------------------


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict[str, Any]]:
    return [step for job in workflow()["jobs"].values() for step in job["steps"]]


def commands() -> list[str]:
    """Every shell line the workflow runs, in order."""
    lines = (line.strip() for step in steps() for line in step.get("run", "").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_workflow_runs_on_push_and_pull_request():
    spec = workflow()
    triggers = spec.get("on", spec.get(True))  # YAML 1.1 (PyYAML) reads the key `on` as True
    assert triggers is not None, "ci.yml has no `on:` trigger"
    assert {"push", "pull_request"} <= set(triggers)


def test_workflow_tests_python_3_11_3_12_and_3_13_on_ubuntu():
    (job,) = workflow()["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    setup = [s for s in steps() if s.get("uses", "").startswith("actions/setup-python@")]
    assert [s["with"]["python-version"] for s in setup] == ["${{ matrix.python-version }}"]
    assert job["env"]["PYTHON"] == "python${{ matrix.python-version }}"  # make uses this one


def test_workflow_installs_chromium_for_the_browser_test():
    assert any("apt-get install" in c and "chromium" in c for c in commands()), commands()


def test_workflow_calls_make_test_then_make_run_and_repeats_no_command():
    makes = [c for c in commands() if c.startswith("make ")]
    assert makes == ["make test", "make run"]
    direct = [c for c in commands() if DIRECT_TOOLS.search(c)]
    assert not direct, f"call the Makefile instead of: {direct}"


def test_workflow_uploads_the_reports_even_after_a_failure():
    uploads = [s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    (upload,) = uploads
    assert upload["with"]["path"].rstrip("/") == "reports"
    assert "always()" in upload.get("if", "")
    assert steps()[-1] == upload, "upload after make run"


# --- the pre-commit configuration -----------------------------------------------------------


def hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert all(repo["repo"] == "local" for repo in config["repos"]), "only local hooks"
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_config_is_valid():
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(HOOKS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_are_local_and_run_the_workspace_tools():
    entries = {hook["id"]: hook["entry"] for hook in hooks()}
    assert {hook["language"] for hook in hooks()} == {"system"}, "nothing to download"
    assert entries["ruff-check"].startswith(".venv/bin/ruff check")
    assert entries["ruff-format"].startswith(".venv/bin/ruff format --check")
    assert entries["notebooks-executed"] == ".venv/bin/python -m helpers.runner.notebook_check"


def test_make_lint_runs_the_pre_commit_hooks():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "no lint target"
    assert recipe[1].split() == ["$(BIN)/pre-commit", "run", "--all-files"]


def test_make_says_what_it_does_before_it_builds_the_environment():
    """`make run` on a fresh clone was silent for about a minute while it built .venv."""
    shown = subprocess.run(  # -W: as if the lock had changed; -n: nothing runs
        ["make", "-n", "-W", "requirements.lock", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'echo "make: creating .venv from requirements.lock' in shown
    assert 'echo "make: updating .venv' in shown
    assert shown.index('echo "make: creating') < shown.index("uv pip sync")
    assert shown.index("uv pip sync") < shown.index('echo "make: .venv is ready"')


def pytest_command(target: str, *assignments: str) -> str:
    """The line of `make -n <target>` that runs pytest."""
    shown = subprocess.run(
        ["make", "-n", target, *assignments], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    (line,) = [line for line in shown.splitlines() if "/pytest " in line]
    return line


def test_the_test_lanes_keep_their_scratch_folders_in_memory_where_there_is_room():
    shm = Path("/dev/shm")
    room = shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free >= 256 << 20
    for target in ("test", "test-fast"):
        assert pytest_command(target).startswith("TMPDIR=/dev/shm " if room else ".venv/bin/")
        assert pytest_command(target, "TEST_TMPDIR=/scratch").startswith("TMPDIR=/scratch ")
        assert "TMPDIR" not in pytest_command(target, "TEST_TMPDIR=")


# --- pre-commit on a clone of the committed tree --------------------------------------------


def git_env(tmp_path: Path, clone: Path) -> dict[str, str]:
    """The environment without GIT_* (set when run from a git hook), with a private
    PRE_COMMIT_HOME and the clone's sources first on the path."""
    return without_git_variables() | {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "PYTHONPATH": str(clone / "src"),
    }


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone of the committed tree, its .venv pointing at the running environment; only
    the hooks run there."""
    return clone_committed(tmp_path / "clone")


def pre_commit(clone: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=git_env(clone.parent, clone),
    )


def test_pre_commit_passes_on_the_committed_tree(clone):
    result = pre_commit(clone)
    assert result.returncode == 0, f"pre-commit failed:\n{result.stdout}{result.stderr}"
    assert result.stdout.count("Passed") == len(hooks()), result.stdout


def unexecute_a_cell(clone: Path) -> str:
    path = clone / NOTEBOOK
    notebook = json.loads(path.read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code")
    notebook["cells"][index]["execution_count"] = None
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return f"{NOTEBOOK}: cell {index}: not executed"


def add_an_unused_import(clone: Path) -> str:
    path = clone / "src" / "helpers" / "core" / "paths.py"
    path.write_text("import os\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return "F401"


@pytest.mark.parametrize("breakage", [unexecute_a_cell, add_an_unused_import])
def test_pre_commit_fails_on_a_broken_tree(clone, breakage):
    expected = breakage(clone)
    result = pre_commit(clone)
    assert result.returncode != 0, result.stdout
    assert expected in result.stdout


def test_make_test_runs_nbval_on_a_copy_of_the_notebooks_outside_the_checkout():
    """nbval executes the notebooks, which write to their scratch folder ../reports/lab/:
    run in notebooks/, `make test` replaced a researcher's own JupyterLab outputs there."""
    shown = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "--nbval notebooks" not in shown
    assert re.search(
        r'scratch=\$\(mktemp -d\).*cp notebooks/\*\.ipynb "\$scratch/notebooks/"', shown
    )
    assert '--nbval "$scratch/notebooks"' in shown and 'rm -rf "$scratch"' in shown
