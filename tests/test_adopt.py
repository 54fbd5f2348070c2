"""Adopting the tool in a repository that already has findings: baseline, new code only, statistics."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

pytestmark = pytest.mark.slow  # runs the command (and git) in subprocesses

OLD = "package p\n\nfunc prune(m map[string]int, stale string) {\n\tfor k := range m {\n\t\tdelete(m, stale)\n\t\t_ = k\n\t}\n}\n"
NEW_BUG = "\nfunc grow(m map[string]int) {\n\tfor k, v := range m {\n\t\tm[k+\"x\"] = v\n\t}\n}\n"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def repo_with_old_bug(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "go.mod").write_text("module x\n\ngo 1.22\n")
    (repo / "pkg" / "old.go").write_text(OLD)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "--no-verify", "-m", "old")
    return repo


def findings(out) -> list[tuple[str, str]]:
    return [(f["path"], f["rule"]) for f in json.loads(out.stdout)["findings"]]


def test_baseline_survives_line_shifts_and_renames_and_catches_new_bugs(tmp_path: Path) -> None:
    repo = repo_with_old_bug(tmp_path)
    wrote = run_cli("check", "--write-baseline", "baseline.json", ".", cwd=repo)
    assert wrote.returncode == 0, wrote.stderr  # recording is the job, even with findings
    assert [e["rule"] for e in json.loads((repo / "baseline.json").read_text())["findings"]] == ["GD202"]
    # Unrelated edits shift the old bug down, and its file is renamed: it must not come back.
    (repo / "pkg" / "old.go").write_text(OLD.replace("package p\n", "package p\n\n// Pruning helpers.\n\n"))
    git(repo, "mv", "pkg/old.go", "pkg/renamed.go")
    out = run_cli("check", "--format", "json", "--baseline", "baseline.json", ".", cwd=repo)
    assert out.returncode == 0 and findings(out) == []
    # A new bug is reported, and only it.
    (repo / "pkg" / "renamed.go").write_text((repo / "pkg" / "renamed.go").read_text() + NEW_BUG)
    out = run_cli("check", "--format", "json", "--baseline", "baseline.json", ".", cwd=repo)
    assert out.returncode == 1 and findings(out) == [("pkg/renamed.go", "GD201")]
    # SARIF shows every state.
    sarif = json.loads(run_cli("check", "--format", "sarif", "--baseline", "baseline.json", ".", cwd=repo).stdout)
    states = sorted((r["ruleId"], r["baselineState"]) for r in sarif["runs"][0]["results"])
    assert states == [("GD201", "new"), ("GD202", "unchanged")]
    # A fixed finding is reported absent.
    (repo / "pkg" / "renamed.go").write_text(NEW_BUG.replace("\nfunc", "package p\n\nfunc", 1))
    sarif = json.loads(run_cli("check", "--format", "sarif", "--baseline", "baseline.json", ".", cwd=repo).stdout)
    assert sorted(r["baselineState"] for r in sarif["runs"][0]["results"]) == ["absent", "new"]


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_text(OLD)
    (tmp_path / "b.json").write_text("{}")
    out = run_cli("check", "--baseline", "b.json", ".", cwd=tmp_path)
    assert out.returncode == 2 and b"not a golint-delete baseline" in out.stderr
    assert run_cli("check", "--baseline", "missing.json", ".", cwd=tmp_path).returncode == 2


def test_new_from_rev_reports_only_changed_lines(tmp_path: Path) -> None:
    repo = repo_with_old_bug(tmp_path)
    with (repo / "pkg" / "old.go").open("a") as fh:
        fh.write(NEW_BUG)
    (repo / "pkg" / "untracked.go").write_text(NEW_BUG.replace("\nfunc grow", "package p\n\nfunc grow2"))
    out = run_cli("check", "--format", "json", "--new-from-rev", "HEAD", ".", cwd=repo)
    assert sorted(findings(out)) == [("pkg/old.go", "GD201"), ("pkg/untracked.go", "GD201")]
    assert run_cli("check", "--format", "json", "--new-from-rev", "no-such-rev", ".", cwd=repo).returncode == 2
    # The same through a patch file.
    (repo / "change.diff").write_text(git(repo, "diff", "--unified=0", "HEAD"))
    out = run_cli("check", "--format", "json", "--new-from-patch", "change.diff", ".", cwd=repo)
    assert findings(out) == [("pkg/old.go", "GD201")]


def test_statistics(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    (tmp_path / "a.go").write_text(OLD + NEW_BUG + "\nfunc c(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n")
    out = run_cli("check", "--statistics", ".", cwd=tmp_path)
    assert out.stdout.decode().splitlines() == [
        "    1  GD201  insert-during-range",
        "    1  GD202  delete-other-key-in-range",
        "    1  GD301  clear-loop                    [*] fixable: 1",
    ]
