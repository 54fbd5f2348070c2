"""Giant inputs are analysed in bounded time or skipped with a clear per-file error, never a hang,
a RecursionError or a traceback (10,000-deep nesting is in test_cli.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # giant inputs, seconds each


def _check(tmp_path: Path, *args: str, timeout: float = 300) -> tuple[subprocess.CompletedProcess, dict, float]:
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--format", "json",
                           "--fail-on", "never", *args], cwd=tmp_path, capture_output=True, timeout=timeout)
    elapsed = time.monotonic() - start
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done, json.loads(done.stdout), elapsed


def _statements(n: int) -> bytes:
    return b"package p\n\nfunc f() {\n\tvar m map[int]int\n" + b"\tm[1] = 1\n" * n + b"}\n"


def test_a_file_over_the_time_budget_is_reported_not_analysed(tmp_path: Path) -> None:
    (tmp_path / "big.go").write_bytes(_statements(100_000))
    (tmp_path / "small.go").write_bytes(b"package p\n\nfunc g() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n")
    done, doc, elapsed = _check(tmp_path, "--file-timeout", "1", ".")
    assert done.returncode == 2  # a file was not analysed: the run is incomplete
    [err] = doc["errors"]
    assert err["path"] == "big.go" and "--file-timeout" in err["message"]
    assert not [f for f in doc["findings"] if f["path"] == "big.go"]
    # The other file of the package is still analysed, with the package model intact.
    assert [f["rule"] for f in doc["findings"] if f["path"] == "small.go"] == ["GD101"]
    assert elapsed < 60


def test_many_statements_in_one_function_are_analysed_in_full(tmp_path: Path) -> None:
    (tmp_path / "big.go").write_bytes(_statements(20_000))
    done, doc, _ = _check(tmp_path, ".")
    assert done.returncode == 0 and not doc["errors"]
    assert len(doc["findings"]) == 20_000 and {f["rule"] for f in doc["findings"]} == {"GD101"}


def test_a_one_megabyte_line(tmp_path: Path) -> None:
    line = b"var xs = []int{" + b"1, " * 350_000 + b"}\n"
    (tmp_path / "wide.go").write_bytes(b"package p\n\n" + line + b"func f() {\n\tvar m map[int]int\n\tm[len(xs)] = 1\n}\n")
    done, doc, elapsed = _check(tmp_path, ".")
    assert done.returncode == 0 and not doc["errors"]
    assert [(f["rule"], f["line"]) for f in doc["findings"]] == [("GD101", 6)]
    assert elapsed < 60


def test_a_twenty_megabyte_file_is_skipped_with_a_size_error(tmp_path: Path) -> None:
    body = b"\tm[1] = 1\n" * (20 * 1024 * 1024 // 10)
    (tmp_path / "huge.go").write_bytes(b"package p\n\nfunc f() {\n\tvar m map[int]int\n" + body + b"}\n")
    (tmp_path / "ok.go").write_bytes(b"package p\n")
    done, doc, elapsed = _check(tmp_path, ".")
    assert done.returncode == 2
    [err] = doc["errors"]
    assert err["path"] == "huge.go" and "--max-file-size" in err["message"]
    assert elapsed < 30


def test_a_file_of_too_many_syntax_nodes_is_reported_not_analysed(tmp_path: Path) -> None:
    # 3 MB, under --max-file-size, but 2.7 million nodes: memory would follow the candidates.
    (tmp_path / "flood.go").write_bytes(_statements(300_000))
    (tmp_path / "ok.go").write_bytes(b"package p\n\nfunc g() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n")
    done, doc, elapsed = _check(tmp_path, ".")
    assert done.returncode == 2
    [err] = doc["errors"]
    assert err["path"] == "flood.go" and "syntax nodes, over the limit of 2,000,000" in err["message"]
    assert [f["path"] for f in doc["findings"]] == ["ok.go"]
    assert elapsed < 60


def _by_file(doc: dict) -> dict[str, list]:
    got: dict[str, list] = {}
    for f in doc["findings"]:
        # Messages name other files by path: compare them by file name, the folders differ.
        message = re.sub(r"[^\s(]*/([^/\s]+\.go)", r"\1", f["message"])
        got.setdefault(Path(f["path"]).name, []).append((f["rule"], f["line"], message))
    return got


def test_a_small_file_timeout_never_corrupts_other_files_results(tmp_path: Path) -> None:
    # The alarm used to fire inside a query's regex compile (read as "Invalid predicate", which
    # failed the whole folder) or in the middle of a package-wide fact, and a timed-out file left
    # the model only for the files after it. Whatever times out, every other file's findings must
    # be those of the package without the files that timed out.
    pkg = Path(__file__).resolve().parent.parent / "testdata" / "gd101"  # 12 files, package-wide facts
    _, full, _ = _check(tmp_path, "-j", "1", "--file-timeout", "0", str(pkg))
    assert full["findings"], "the package should have findings to compare"
    references = {frozenset(): _by_file(full)}
    for budget in ("0.002", "0.005", "0.01", "0.02", "0.05", "0.1"):
        _, doc, _ = _check(tmp_path, "-j", "1", "--file-timeout", budget, str(pkg))
        assert not [e for e in doc["errors"] if e["kind"] != "timeout"], (budget, doc["errors"])
        timed_out = frozenset(Path(e["path"]).name for e in doc["errors"])
        if timed_out not in references:
            copy = tmp_path / f"without{len(references)}"
            shutil.copytree(pkg, copy)
            for name in timed_out:
                (copy / name).unlink()
            _, without, _ = _check(tmp_path, "-j", "1", "--file-timeout", "0", str(copy))
            references[timed_out] = _by_file(without)
        assert _by_file(doc) == references[timed_out], (budget, sorted(timed_out))


def test_long_chains_without_brackets(tmp_path: Path) -> None:
    # No bracket makes the depth guard look at these. A 20,000-term sum is analysed (a query
    # pattern waiting for a child in every ancestor once made it cost 16 s); a 20,000-long selector
    # chain is past Python's recursion limit: that file is reported, its sibling still analysed.
    (tmp_path / "sum.go").write_text("package p\n\nfunc f() int {\n\tm := map[string]int{}\n\tx := "
                                     + " + ".join(["1"] * 20_000) + "\n\tm[\"a\"] = x\n\treturn x\n}\n")
    (tmp_path / "chain.go").write_text("package p\n\ntype T struct {\n\tb *T\n\tm map[string]int\n}\n\n"
                                       "func g(a *T) {\n\ta" + ".b" * 20_000 + ".m[\"k\"] = 1\n}\n")
    (tmp_path / "ok.go").write_text("package p\n\nfunc h() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n")
    done, doc, elapsed = _check(tmp_path, ".")
    assert [(e["path"], e["kind"]) for e in doc["errors"]] == [("chain.go", "limit")], doc["errors"]
    assert [f["path"] for f in doc["findings"]] == ["ok.go"]
    assert done.returncode == 2 and elapsed < 60
