"""The composite GitHub Action (action.yml) and the example workflows in docs/workflows/.

The action's run step is executed here with bash the way a runner would: its `env:` mapping is
evaluated against the inputs, GITHUB_OUTPUT points at a file, and the script runs in a checkout
holding Go files.  actionlint checks the example workflows, the workflows with the action used
locally (`uses: ./`, so that their `with:` keys are checked against action.yml), and the action's
own steps wrapped in a reusable workflow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # runs the action's steps and actionlint

ROOT = Path(__file__).resolve().parent.parent
ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / "docs" / "workflows").glob("*.yml"))
PUBLISHED = "golint-delete/golint-delete@v0"

EXPECTED_DEFAULTS = {
    "paths": ".",
    "select": "",
    "ignore": "",
    "extend-select": "",
    "config": "",
    "go-version": "",
    "baseline": "",
    "new-from-rev": "",
    "args": "",
    "fail-on": "warning",
    "format": "sarif",
    "output": "golint-delete.sarif",
    "python-version": "3.12",
    "version": "",
}

GO_MOD = "module x\n\ngo 1.22\n"
GO_SRC = """package x

func f(m map[string]int, other string) {
\tfor k := range m { delete(m, other); _ = k }
}
"""

INPUT_EXPR = re.compile(r"^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$")


def load_action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(action: dict, step_id: str) -> dict:
    for s in action["runs"]["steps"]:
        if s.get("id") == step_id:
            return s
    raise AssertionError(f"action.yml has no step with id {step_id!r}")


# --------------------------------------------------------------------------- actionlint


@pytest.fixture(scope="module")
def actionlint() -> str:
    exe = shutil.which("actionlint")
    if exe is None:
        pytest.fail(
            "actionlint is not on PATH: install the test extras (`pip install -e .[test]`), "
            "which ship its binary in a wheel"
        )
    return exe


def run_actionlint(exe: str, *files: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [exe, "-no-color", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_example_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"code-scanning.yml", "annotations.yml"} <= names


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_example_workflow_passes_actionlint(actionlint, workflow, tmp_path):
    proc = run_actionlint(actionlint, workflow, cwd=tmp_path)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def local_project(tmp_path: Path, workflows: dict[str, str]) -> Path:
    """A repository whose root holds action.yml and whose workflows use it as `./`."""
    (tmp_path / ".git").mkdir()
    shutil.copy(ACTION, tmp_path / "action.yml")
    wf_dir = tmp_path / ".github" / "workflows"
    wf_dir.mkdir(parents=True)
    for name, text in workflows.items():
        (wf_dir / name).write_text(text, encoding="utf-8")
    return wf_dir


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_example_workflow_inputs_match_action(actionlint, workflow, tmp_path):
    text = workflow.read_text(encoding="utf-8")
    assert f"uses: {PUBLISHED}" in text
    wf_dir = local_project(tmp_path, {workflow.name: text.replace(PUBLISHED, "./")})
    proc = run_actionlint(actionlint, wf_dir / workflow.name, cwd=tmp_path)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_actionlint_reads_the_local_action(actionlint, tmp_path):
    # Guards the test above: an input action.yml does not declare must be reported.
    text = (ROOT / "docs" / "workflows" / "annotations.yml").read_text(encoding="utf-8")
    text = text.replace(PUBLISHED, "./").replace("format: github", "format: github\n          no-such-input: x")
    wf_dir = local_project(tmp_path, {"bad.yml": text})
    proc = run_actionlint(actionlint, wf_dir / "bad.yml", cwd=tmp_path)
    assert proc.returncode != 0
    assert "no-such-input" in proc.stdout


def test_action_steps_pass_actionlint(actionlint, tmp_path):
    """The composite steps, wrapped in a reusable workflow with the same inputs, lint clean
    (action versions, expressions, and shellcheck on the scripts when shellcheck is installed)."""
    action = load_action()
    workflow = {
        "name": "action-steps",
        "on": {
            "workflow_call": {
                "inputs": {
                    name: {"type": "string", "required": False, "default": spec.get("default", "")}
                    for name, spec in action["inputs"].items()
                }
            }
        },
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    wf_dir = local_project(tmp_path, {"action-steps.yml": yaml.safe_dump(workflow, sort_keys=False)})
    proc = run_actionlint(actionlint, wf_dir / "action-steps.yml", cwd=tmp_path)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


# --------------------------------------------------------------------------- metadata


def test_action_metadata():
    action = load_action()
    assert action["name"] and action["description"]
    inputs = action["inputs"]
    assert set(inputs) == set(EXPECTED_DEFAULTS)
    for name, default in EXPECTED_DEFAULTS.items():
        assert str(inputs[name].get("default", "")) == default, name
        assert inputs[name].get("description"), name
    assert action["runs"]["using"] == "composite"
    assert set(action["outputs"]) == {"sarif-file", "exit-code"}
    for name, out in action["outputs"].items():
        assert out["value"] == f"${{{{ steps.run.outputs.{name} }}}}"

    steps = action["runs"]["steps"]
    setup = [s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python@")]
    assert len(setup) == 1
    assert setup[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    for s in steps:
        if "run" in s:
            assert s.get("shell") == "bash", s.get("name")
            # Inputs go through `env:`; an expression in the script text is an injection.
            assert "${{" not in s["run"], s.get("name")
    assert steps.index(setup[0]) < steps.index(step(action, "install")) < steps.index(step(action, "run"))


# --------------------------------------------------------------------------- running the steps


def step_env(s: dict, inputs: dict[str, str], action: dict) -> dict[str, str]:
    """The step's `env:` mapping as a runner evaluates it for these inputs."""
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    env = {}
    for key, expr in (s.get("env") or {}).items():
        m = INPUT_EXPR.match(str(expr))
        assert m, f"{key}: {expr!r} is not a plain `${{{{ inputs.NAME }}}}`"
        assert m.group(1) in values, f"{key} names an undeclared input {m.group(1)!r}"
        env[key] = values[m.group(1)]
    return env


def run_step(step_id: str, inputs: dict[str, str], workspace: Path, path_dirs=()) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    action = load_action()
    s = step(action, step_id)
    script = workspace.parent / f"{workspace.name}-{step_id}.sh"
    script.write_text(s["run"], encoding="utf-8")
    github_output = workspace.parent / f"{workspace.name}-output.txt"
    github_output.write_text("", encoding="utf-8")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))
    }
    # The runner puts setup-python's bin dir first; here the running interpreter's stands in.
    env["PATH"] = os.pathsep.join([*map(str, path_dirs), str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(
        GITHUB_OUTPUT=str(github_output),
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_ACTIONS="true",
        CI="true",
    )
    env.update(step_env(s, inputs, action))
    # How a runner invokes `shell: bash`.
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = {}
    for line in github_output.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        assert sep, f"GITHUB_OUTPUT line without '=': {line!r}"
        outputs[key] = value
    return proc, outputs


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text(GO_MOD, encoding="utf-8")
    (ws / "a.go").write_text(GO_SRC, encoding="utf-8")
    return ws


def test_golint_delete_resolves_from_the_venv():
    exe = Path(sys.executable).parent / ("golint-delete.exe" if os.name == "nt" else "golint-delete")
    assert exe.exists(), f"{exe}: install the project (`pip install -e .`) in this interpreter's environment"


def test_run_sarif_defaults(workspace):
    proc, outputs = run_step("run", {}, workspace)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert outputs == {"exit-code": "1", "sarif-file": "golint-delete.sarif"}
    sarif = json.loads((workspace / "golint-delete.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert results
    assert any(r["ruleId"] == "GD202" for r in results)


def test_run_sarif_output_in_a_new_directory(workspace):
    proc, outputs = run_step("run", {"output": "reports/out dir/gd.sarif"}, workspace)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert outputs["sarif-file"] == "reports/out dir/gd.sarif"
    assert json.loads((workspace / "reports" / "out dir" / "gd.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


def test_run_fail_on_never(workspace):
    proc, outputs = run_step("run", {"fail-on": "never"}, workspace)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert outputs == {"exit-code": "0", "sarif-file": "golint-delete.sarif"}
    assert json.loads((workspace / "golint-delete.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


def test_run_ignore_clears_the_finding(workspace):
    proc, outputs = run_step("run", {"ignore": "GD202"}, workspace)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert outputs["exit-code"] == "0"
    assert json.loads((workspace / "golint-delete.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_run_select_other_rules(workspace):
    proc, outputs = run_step("run", {"select": "GD1,GD3", "format": "github"}, workspace)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "::warning" not in proc.stdout


def test_run_github_annotations(workspace):
    proc, outputs = run_step("run", {"format": "github"}, workspace)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert outputs == {"exit-code": "1"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("::warning file=")]
    assert lines, proc.stdout
    assert any("a.go" in ln and "GD202" in ln for ln in lines)
    assert not (workspace / "golint-delete.sarif").exists()


def test_run_paths_are_split_on_whitespace(workspace):
    clean = workspace / "clean"
    clean.mkdir()
    (clean / "b.go").write_text("package clean\n", encoding="utf-8")
    proc, outputs = run_step("run", {"paths": "clean\n", "format": "github"}, workspace)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc, outputs = run_step("run", {"paths": " clean\n a.go ", "format": "github"}, workspace)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "file=a.go" in proc.stdout


def test_run_inputs_are_not_evaluated_by_the_shell(workspace):
    pwned = workspace.parent / "pwned"
    inputs = {
        "select": f"GD2; touch {pwned}",
        "ignore": f"$(touch {pwned})",
        "paths": f"`touch {pwned}` *",
        "format": "github",
    }
    proc, outputs = run_step("run", inputs, workspace)
    assert not pwned.exists()
    assert proc.returncode != 0
    assert outputs["exit-code"] == str(proc.returncode)


def test_run_passes_config_go_version_extend_select_and_args(workspace):
    (workspace / "gd.toml").write_text('ignore = ["GD202"]\n', encoding="utf-8")
    proc, outputs = run_step("run", {"config": "gd.toml", "format": "github"}, workspace)
    assert proc.returncode == 0 and "GD202" not in proc.stdout, proc.stdout + proc.stderr
    proc, _ = run_step("run", {"go-version": "2.0", "format": "github"}, workspace)
    assert proc.returncode == 2 and "--go-version" in proc.stderr, proc.stderr
    proc, _ = run_step("run", {"select": "GD3", "extend-select": "GD202", "format": "github"}, workspace)
    assert proc.returncode == 1 and "GD202" in proc.stdout, proc.stdout + proc.stderr
    # Extra arguments are words, never shell: a glob stays literal, `;` is no command separator.
    proc, _ = run_step("run", {"args": "--exclude a.go", "format": "github"}, workspace)
    assert proc.returncode == 0 and "GD202" not in proc.stdout, proc.stdout + proc.stderr
    pwned = workspace.parent / "pwned"
    proc, _ = run_step("run", {"args": f"--exclude * ; touch {pwned}", "format": "github"}, workspace)
    assert not pwned.exists()


def test_run_baseline_and_new_from_rev(workspace):
    # Only new findings: a baseline of today's, then a new finding appears.
    assert subprocess.run([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--write-baseline",
                           "base.json", "."], cwd=workspace, capture_output=True).returncode == 0
    proc, _ = run_step("run", {"baseline": "base.json", "format": "github"}, workspace)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=workspace, check=True)
    subprocess.run([*git, "add", "."], cwd=workspace, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=workspace, check=True)
    proc, _ = run_step("run", {"new-from-rev": "HEAD", "format": "github"}, workspace)
    assert proc.returncode == 0 and "::warning" not in proc.stdout, proc.stdout + proc.stderr
    (workspace / "b.go").write_text(GO_SRC.replace("func f", "func g"), encoding="utf-8")
    proc, _ = run_step("run", {"new-from-rev": "HEAD", "format": "github"}, workspace)
    assert proc.returncode == 1 and "file=b.go" in proc.stdout and "file=a.go" not in proc.stdout, proc.stdout


def test_run_rejects_multiline_output(workspace):
    proc, outputs = run_step("run", {"output": "x.sarif\nexit-code=0"}, workspace)
    assert proc.returncode == 2
    assert outputs == {}


def fake_python(tmp_path: Path) -> tuple[Path, Path]:
    """A `python` that records its arguments instead of installing anything."""
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    log = tmp_path / "python-args.txt"
    exe = bin_dir / "python"
    exe.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{log}"\n', encoding="utf-8")
    exe.chmod(0o755)
    return bin_dir, log


@pytest.mark.skipif(os.name == "nt", reason="fake python is a shell script")
def test_install_step_uses_the_action_checkout(tmp_path, workspace):
    bin_dir, log = fake_python(tmp_path)
    proc, _ = run_step("install", {}, workspace, path_dirs=[bin_dir])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    assert args[-1] == str(ROOT)


@pytest.mark.skipif(os.name == "nt", reason="fake python is a shell script")
def test_install_step_pins_a_version(tmp_path, workspace):
    bin_dir, log = fake_python(tmp_path)
    proc, _ = run_step("install", {"version": "1.2.3"}, workspace, path_dirs=[bin_dir])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    assert args[-1] == "golint-delete==1.2.3"
