"""The result cache: a warm run gives exactly the cold run's output, and anything a folder's results
depend on (its files, the options, the tool version) invalidates it; a broken cache is a miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

pytestmark = pytest.mark.slow  # runs the command in subprocesses

SRC = "package p\n\nfunc prune(m map[string]int, stale string) {\n\tfor k := range m {\n\t\tdelete(m, stale)\n\t\t_ = k\n\t}\n}\n"


def project(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    for i in range(3):
        (tmp_path / f"d{i}").mkdir()
        (tmp_path / f"d{i}" / "a.go").write_text(SRC)
    return tmp_path


def check(root: Path, *extra: str):
    return run_cli("check", "--format", "json", "--cache-dir", "cache", *extra, ".", cwd=root)


def entries(root: Path) -> list[Path]:
    return sorted((root / "cache").rglob("*.json"))


def test_warm_run_equals_cold_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    cold = check(root)
    assert len(entries(root)) == 3 and (root / "cache" / ".gitignore").read_text().strip().endswith("*")
    warm = check(root)
    assert warm.stdout == cold.stdout and warm.returncode == cold.returncode == 1
    assert warm.stdout == run_cli("check", "--format", "json", ".", cwd=root).stdout  # and the uncached run


def test_changed_file_config_and_version_invalidate(tmp_path: Path) -> None:
    root = project(tmp_path)
    check(root)
    (root / "d1" / "a.go").write_text(SRC.replace("delete(m, stale)", "delete(m, k)"))
    out = json.loads(check(root).stdout)
    assert sorted(f["path"] for f in out["findings"]) == ["d0/a.go", "d2/a.go"]
    # Other options, other results (and other entries).
    out = json.loads(check(root, "--select", "GD301").stdout)
    assert out["findings"] == []
    out = json.loads(check(root, "--fail-on", "never").stdout)  # exit policy is not part of the key
    assert len(out["findings"]) == 2


def test_tool_version_is_part_of_every_key(tmp_path: Path, monkeypatch) -> None:
    import golint_delete.cache as cache
    from golint_delete.engine import FileTask, Options

    tasks, contents, opts = [FileTask("a.go", "a.go", (1, 22))], [SRC.encode()], Options(rules=("GD202",))
    c = cache.Cache(tmp_path)
    now = c.key(opts, tasks, contents)
    monkeypatch.setattr(cache, "__version__", "999.0.0")
    assert c.key(opts, tasks, contents) != now
    assert c.key(Options(rules=("GD202", "GD301")), tasks, contents) != c.key(opts, tasks, contents)


def test_corrupt_or_unwritable_cache_is_harmless(tmp_path: Path) -> None:
    root = project(tmp_path)
    cold = check(root)
    for p in entries(root):
        p.write_text("{not json")
    assert check(root).stdout == cold.stdout
    for p in entries(root):
        p.write_text(json.dumps({"results": [{"path": 3}]}))
    assert check(root).stdout == cold.stdout
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    out = run_cli("check", "--format", "json", "--cache-dir", str(blocked), ".", cwd=root)
    assert out.stdout == cold.stdout and b"cache not written" in out.stderr and out.returncode == 1


def test_shared_cache_never_sends_fixes_to_another_checkout(tmp_path: Path) -> None:
    """Two checkouts of one tree share a cache (an absolute --cache-dir): an entry records where its
    files were read, so `--fix` in the second checkout must not write into the first."""
    clear = "package p\n\nfunc f(m map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"
    cache = str(tmp_path / "cache")
    trees = []
    for name in ("one", "two"):
        tree = tmp_path / name
        tree.mkdir()
        (tree / "go.mod").write_text("module x\n\ngo 1.22\n")
        (tree / "a.go").write_text(clear)
        trees.append(tree)
    assert run_cli("check", "--cache-dir", cache, str(trees[0]), cwd=trees[0]).returncode == 0
    out = run_cli("check", "--fix", "--cache-dir", cache, str(trees[1]), cwd=trees[1])
    assert b"fixed 1 finding in 1 file" in out.stderr, out.stderr
    assert (trees[0] / "a.go").read_text() == clear
    assert "clear(m)" in (trees[1] / "a.go").read_text()


def test_tool_sources_are_part_of_every_key(tmp_path: Path, monkeypatch) -> None:
    # An editable install changes rules without changing the version: the key must follow the
    # installed sources, or a developer's warm run would report the old rules' results.
    import golint_delete.cache as cache
    from golint_delete.engine import FileTask, Options

    tasks, contents, opts = [FileTask("a.go", "a.go", (1, 22))], [SRC.encode()], Options(rules=("GD202",))
    c = cache.Cache(tmp_path)
    now = c.key(opts, tasks, contents)
    assert cache._BUILD == cache._build()  # measured from the files, the same each time
    monkeypatch.setattr(cache, "_BUILD", "another build")
    assert c.key(opts, tasks, contents) != now
