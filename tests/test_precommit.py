"""End-to-end check of the pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit.

Each case runs ``pre-commit try-repo <project snapshot> golint-delete --files ...`` inside a
throwaway git repository, exactly as a hook author tests a hook: pre-commit clones the
project, ``pip install``s it into a fresh virtualenv (tree-sitter, tree-sitter-go, click, ...
come from PyPI) and runs the hook on the given files.

Why a snapshot and not ``try-repo <project root>`` directly: try-repo takes the project's
HEAD plus *tracked* modified files only; untracked files (a new module, or this manifest
before it is committed) would be silently missing and the test would exercise code that is
not in the working tree.  The snapshot is a commit of every file git would not ignore
(``git ls-files --cached --others --exclude-standard``), i.e. what a user would get from a
clone once the working tree is committed -- including anything that is missing from git.

Caching: ``try-repo`` always installs into a temporary store of its own (``Store(tempdir)``
in pre_commit/commands/try_repo.py) and ignores PRE_COMMIT_HOME, so the hook environment
cannot be reused between runs whatever we do; speed on reruns comes only from pip's own
wheel/HTTP cache.  That is acceptable (~10 s per case) and guarantees correctness never
depends on a stale environment.  PRE_COMMIT_HOME is still pointed into tmp_path so that
pre-commit's error log (pre-commit.log) does not land in ~/.cache and can be attached to a
failure message.  Every pre-commit call gets a PRE_COMMIT_HOME under tmp_path: even
``pre-commit --version`` creates the default store (~/.cache/pre-commit) otherwise.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # pre-commit installs the hook into a fresh environment

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ".pre-commit-hooks.yaml"
HOOK_ID = "golint-delete"
TIMEOUT = 900  # seconds; a cold virtualenv install downloads wheels from PyPI

GO_MOD = "module example.com/hooktest\n\ngo 1.22\n"

# GD202 delete-other-key-in-range: deletes a key other than the loop's key.
BAD_GO = """\
package bad

func prune(m map[string]int, other string) {
	for k, v := range m {
		if v > 0 {
			delete(m, other)
		}
		_ = k
	}
}
"""

# Deleting the current key during range is legal and must not be reported.
GOOD_GO = """\
package good

func prune(m map[string]int) {
	for k, v := range m {
		if v <= 0 {
			delete(m, k)
		}
	}
}
"""


def _require_pre_commit(home: Path) -> None:
    """Fail (never skip): the hook is part of the product and pre-commit is a test extra."""
    hint = "install the test extras: pip install -e '.[test]'"
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail(f"pre-commit is not importable from {sys.executable}; {hint}", pytrace=False)
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "--version"],
        env=_isolated_git_env(home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"`{sys.executable} -m pre_commit --version` failed (exit {proc.returncode}); {hint}\n"
            f"{proc.stdout}{proc.stderr}",
            pytrace=False,
        )
    if shutil.which("git") is None:
        pytest.fail("git is not on PATH; pre-commit needs it", pytrace=False)


def _base_env() -> dict[str, str]:
    # Drop GIT_DIR, GIT_INDEX_FILE, ... leaking in when pytest itself runs from a git hook,
    # and SKIP (pre-commit's "skip these hook ids"), which would turn the failure case into
    # a silent skip.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "SKIP"}
    env.pop("PRE_COMMIT", None)
    return env


def _isolated_git_env(home: Path) -> dict[str, str]:
    """Environment for git in the throwaway repos: no global/system config, hence no global
    hooks (core.hooksPath, init.templateDir), no global identity, no commit signing."""
    env = _base_env()
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    if proc.returncode != 0:
        pytest.fail(
            f"git {' '.join(args)} failed in {cwd} (exit {proc.returncode}):\n"
            f"{proc.stdout}{proc.stderr}",
            pytrace=False,
        )
    return proc.stdout


def _init_repo(path: Path, env: dict[str, str]) -> None:
    """git init + commit everything, independent of any global git configuration."""
    hooks = path.parent / f"{path.name}-no-hooks"
    hooks.mkdir(exist_ok=True)
    _git(path, env, "init", "-q", "--template=")  # no template: no hooks copied in
    for key, value in {
        "user.name": "golint-delete tests",
        "user.email": "tests@golint-delete.invalid",
        "core.hooksPath": str(hooks),  # an empty directory
        "commit.gpgsign": "false",
        "core.autocrlf": "false",
    }.items():
        _git(path, env, "config", "--local", key, value)
    _git(path, env, "add", "-A")
    _git(path, env, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "snapshot")


def _project_files(root: Path) -> list[Path]:
    """Every file of the working tree that git would not ignore (tracked or untracked)."""
    env = _base_env()  # the user's normal git config (safe.directory, ...) applies here
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        env=env,
        capture_output=True,
        timeout=120,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"{root} is not a usable git checkout (git ls-files failed): "
            f"{proc.stderr.decode(errors='replace')}",
            pytrace=False,
        )
    names = [n for n in proc.stdout.decode().split("\0") if n]
    # --cached also lists files deleted from the working tree.
    return [Path(n) for n in names if (root / n).is_file()]


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the current working tree of the project as one commit."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    _require_pre_commit(home)
    if not (PROJECT_ROOT / MANIFEST).is_file():
        pytest.fail(f"{PROJECT_ROOT / MANIFEST} does not exist", pytrace=False)
    snap = tmp_path_factory.mktemp("project-snapshot")
    for rel in _project_files(PROJECT_ROOT):
        dest = snap / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / rel, dest)
    if not (snap / MANIFEST).is_file():
        pytest.fail(f"{MANIFEST} is ignored by git in {PROJECT_ROOT}", pytrace=False)
    _init_repo(snap, _isolated_git_env(home))
    return snap


@pytest.fixture
def go_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A committed git repo (one module) with a bad and a good package."""
    repo = tmp_path / "gorepo"
    repo.mkdir()
    (repo / "go.mod").write_text(GO_MOD)
    (repo / "bad").mkdir()
    (repo / "bad" / "bad.go").write_text(BAD_GO)
    (repo / "good").mkdir()
    (repo / "good" / "good.go").write_text(GOOD_GO)
    env = _isolated_git_env(tmp_path / "pre-commit-home")
    _init_repo(repo, env)
    return repo, env


def _try_repo(snapshot: Path, repo: Path, env: dict[str, str], *files: str, hook: str | None = HOOK_ID):
    """Run one hook of the manifest (every hook, in the manifest's order, with hook=None)."""
    proc = subprocess.run(
        [
            sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), *([hook] if hook else []),
            "--color=never", "--verbose", "--files", *files,
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    output = proc.stdout + proc.stderr
    log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
    if log.is_file():
        output += f"\n--- {log} ---\n{log.read_text(errors='replace')}"
    return proc.returncode, output


def test_manifest_is_valid(tmp_path: Path) -> None:
    _require_pre_commit(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(PROJECT_ROOT / MANIFEST)],
        env=_isolated_git_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(PROJECT_ROOT / MANIFEST))}
    hook = hooks[HOOK_ID]
    assert hook["entry"] == "golint-delete check"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["go", "asm"]
    assert hook["require_serial"] is True
    fixer = hooks["golint-delete-fix"]
    assert fixer["entry"] == "golint-delete check --fix-only"
    assert fixer["types_or"] == ["go", "asm"] and fixer["require_serial"] is True


def test_fix_hook_rewrites_a_clear_loop(project_snapshot: Path, go_repo) -> None:
    repo, env = go_repo
    loop = "package good\n\nfunc Reset(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"
    (repo / "good" / "reset.go").write_text(loop)
    _git(repo, env, "add", "good/reset.go")
    _git(repo, env, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "clear loop")
    code, out = _try_repo(project_snapshot, repo, env, "good/reset.go", hook="golint-delete-fix")
    # pre-commit fails a hook that modified files, so the author sees and stages the fix.
    assert code == 1 and "files were modified by this hook" in out, out
    assert "\tclear(m)\n" in (repo / "good" / "reset.go").read_text()


def test_hook_fails_on_gd202(project_snapshot: Path, go_repo) -> None:
    repo, env = go_repo
    code, out = _try_repo(project_snapshot, repo, env, "bad/bad.go")
    assert code == 1, f"expected the hook to fail (exit 1), got {code}:\n{out}"
    assert "golint-delete" in out and "Failed" in out, out
    assert "GD202" in out, out
    assert "removes another key" in out, out
    assert "bad/bad.go" in out, out


def test_hook_passes_on_clean_code(project_snapshot: Path, go_repo) -> None:
    repo, env = go_repo
    code, out = _try_repo(project_snapshot, repo, env, "good/good.go")
    assert code == 0, f"expected the hook to pass (exit 0), got {code}:\n{out}"
    # "Passed", not "(no files to check)Skipped": the hook really ran on the file.
    assert "Passed" in out, out
    assert "GD202" not in out, out


def test_both_hooks_print_each_finding_once(project_snapshot: Path, go_repo) -> None:
    repo, env = go_repo
    both = "package good\n\nfunc Reset(m map[string]int, other string) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n" \
           "\tfor k := range m {\n\t\tdelete(m, other)\n\t\t_ = k\n\t}\n}\n"
    (repo / "good" / "both.go").write_text(both)
    _git(repo, env, "add", "good/both.go")
    _git(repo, env, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "both")
    code, out = _try_repo(project_snapshot, repo, env, "good/both.go", hook=None)
    assert code == 1 and "files were modified by this hook" in out, out
    assert "fixed 1 finding in 1 file" in out, out
    # The fixer lists nothing; the checker lists the finding no fix covers, once.
    assert out.count("removes another key") == 1 and out.count("GD202") == 1, out


def test_hook_skips_vendor_and_testdata_files(project_snapshot: Path, go_repo) -> None:
    # pre-commit names every staged file; fixtures that are wrong on purpose must not fail a commit.
    repo, env = go_repo
    for folder in ("testdata", "vendor/example.com/dep"):
        (repo / folder).mkdir(parents=True)
        (repo / folder / "bad.go").write_text(BAD_GO.replace("package bad", "package dep"))
        _git(repo, env, "add", f"{folder}/bad.go")
    _git(repo, env, "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "fixtures")
    code, out = _try_repo(project_snapshot, repo, env, "testdata/bad.go", "vendor/example.com/dep/bad.go")
    assert code == 0 and "GD202" not in out, out
    assert "2 named files skipped" in out, out
