"""A whole run: discover files, group them by folder (a package and its external test package),
spread the folders over worker processes, gather plain results in a deterministic order."""

from __future__ import annotations

import os
import signal
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from golint_delete.discovery import NOT_SOURCE, SOURCES, GoVersions, discover, without_ellipsis
from golint_delete.engine import FileTask, Options, analyse
from golint_delete.findings import FileError, FileResult, Finding
from golint_delete.progress import Progress
from golint_delete.rule import Rule
from golint_delete.rules import BY_ID, BY_NAME, REGISTRY

# Below this many files a pool costs more to start than it saves.
_POOL_MIN_FILES = 48


class SelectionError(ValueError):
    pass


def match_selector(selector: str) -> list[Rule]:
    s = selector.strip()
    if not s:
        return []
    if s.upper() == "ALL":
        return list(REGISTRY)
    if s in BY_NAME:
        return [BY_NAME[s]]
    up = s.upper()
    hits = [r for r in REGISTRY if r.id == up or (up.startswith("GD") and r.id.startswith(up))]
    if not hits:
        raise SelectionError(f"unknown rule or prefix {selector!r} (see `golint-delete rules`)")
    return hits


def select_rules(select: list[str] | None, extend: list[str], ignore: list[str]) -> tuple[str, ...]:
    if select is None:
        chosen = {r.id for r in REGISTRY if r.default_enabled}
    else:
        chosen = set()
        for s in select:
            # Naming a rule (or its exact prefix) turns on even non-default ones; ALL means the defaults.
            rules = match_selector(s)
            chosen |= {r.id for r in rules if r.default_enabled or s.strip().upper() != "ALL"}
    for s in extend:
        chosen |= {r.id for r in match_selector(s)}
    for s in ignore:
        chosen -= {r.id for r in match_selector(s)}
    return tuple(sorted(chosen))


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files: int = 0
    generated_skipped: int = 0
    # display path -> (path read, sha256 of the bytes analysed), for --fix
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    baseline: object = None  # an adopt.BaselineSplit when --baseline is given (SARIF shows all three states)
    named_skipped: int = 0  # named files the walk's rules skip (vendor/, testdata/, .gitignore)
    # (count, why) of findings left out of the report: "in the baseline", "on lines not changed since X"
    filtered: list[tuple[int, str]] = field(default_factory=list)


def display_path(p: Path | str) -> str:
    """Relative to the working directory when below it (as go vet prints), else as given."""
    s = os.fspath(p)
    if not os.path.isabs(s) and not s.startswith(".."):
        # Already relative and inside: only normalise (`./a/../b.go` -> `b.go`), no syscalls.
        return os.path.normpath(s).replace(os.sep, "/")
    try:
        rel = os.path.relpath(s)
    except ValueError:
        return Path(s).as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else Path(s).as_posix()


def _add_context(folder: Path, batch: list[FileTask], versions: GoVersions) -> None:
    """Give a folder's named files their package siblings, so names declared there resolve."""
    have = {os.path.basename(t.path) for t in batch}  # a batch is one folder's files
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".go") and e.is_file())
    except OSError:
        return
    for name in names:
        p = folder / name
        if name not in have and not name.startswith((".", "_")):
            batch.append(FileTask(str(p), display_path(p), versions.for_file(p), report=False))


def _worker_init() -> None:
    # Ctrl-C reaches the whole process group: the main process alone answers it (it stops the
    # workers, see interrupt.py), whatever start method made the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(batch: list[FileTask], opts: Options) -> list[FileResult]:
    return analyse(batch, opts, BY_ID)


def _safe_work(batch: list[FileTask], opts: Options) -> list[FileResult]:
    """A bug in a rule must cost one folder's results, not the run: report it per file instead."""
    try:
        return _work(batch, opts)
    except RecursionError:
        msg = "internal error: nesting too deep to analyse"
    except Exception as e:  # noqa: BLE001 - turned into a per-file error, never a traceback
        msg = f"internal error: {type(e).__name__}: {e}"
    return [FileResult(t.display, errors=[FileError(t.display, "internal", msg)]) for t in batch]


def _read(task: FileTask, opts: Options) -> bytes | None:
    """A file's bytes for the cache key (and then for analysis), or None if it is not a readable
    regular file within the size limit (the worker then reports why)."""
    try:
        st = os.stat(task.path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > opts.max_file_size:
            return None
        with open(task.path, "rb") as fh:
            return fh.read(opts.max_file_size + 1)
    except OSError:
        return None


def run(targets: list[str], opts: Options, *, go_version: tuple[int, int] | None = None,
        excludes: list[tuple[Path, str]] = (), jobs: int = 0, stdin: tuple[str, bytes] | None = None,
        cache=None, progress: bool = False, force_exclude: bool = True) -> RunResult:
    result = RunResult()
    versions = GoVersions(go_version)
    batches: dict[str, list[FileTask]] = {}
    if stdin is not None:
        name, data = stdin
        p = Path(name)
        batches["-"] = [FileTask(str(p), display_path(p), versions.for_file(p), data)]
    else:
        found = discover(targets, excludes, suffixes=SOURCES, force_exclude=force_exclude)
        result.named_skipped = found.named_skipped
        for path, message in found.errors:
            result.errors.append(FileError(display_path(Path(path)), "read", message))
        files = []
        for p in found.files:
            if p.suffix not in SOURCES:  # named on the command line: say why nothing came of it
                result.errors.append(FileError(display_path(p), "not-go", f"{NOT_SOURCE}; skipped"))
            else:
                files.append(p)
        for d in map(without_ellipsis, targets):
            if os.path.isdir(d) and not found.errors:
                top = os.path.abspath(d)
                if not any(os.path.abspath(f).startswith(top + os.sep) for f in files):
                    result.errors.append(FileError(display_path(d), "no-go", "no Go files"))
        for p in files:
            s = str(p)
            key = os.path.dirname(os.path.abspath(s))
            batches.setdefault(key, []).append(FileTask(s, display_path(s), versions.for_file(s)))
        for key, batch in batches.items():
            _add_context(Path(key), batch, versions)
    work = [batches[k] for k in sorted(batches)]
    cached: list[FileResult] = []
    keys: dict[int, str] = {}
    if cache is not None and stdin is None:
        misses = []
        for batch in work:
            contents = [_read(t, opts) for t in batch]
            key = cache.key(opts, batch, contents)
            hit = cache.get(key)
            if hit is not None:
                cached.extend(hit)
                continue
            # Hand the bytes just read to the analysis: each file is read once.
            batch = [replace(t, source=c) if c is not None else t for t, c in zip(batch, contents)]
            keys[len(misses)] = key
            misses.append(batch)
        work = misses
    # Files to report: siblings read for their declarations are parsed only if the model needs
    # them, so they do not make a run worth a pool (pre-commit names a few files in big packages).
    reported = [sum(1 for t in b if t.report) for b in work]
    total = sum(reported)
    jobs = jobs or os.cpu_count() or 1
    bar = Progress(total) if progress else None
    outputs = []
    if jobs > 1 and total >= _POOL_MIN_FILES and len(work) > 1:
        import multiprocessing  # only a run big enough for a pool pays for loading it
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=ctx, initializer=_worker_init) as pool:
            for n, out in zip(reported, pool.map(_safe_work, work, [opts] * len(work), chunksize=1)):
                outputs.append(out)
                if bar is not None:
                    bar.advance(n)
    else:
        for n, batch in zip(reported, work):
            outputs.append(_safe_work(batch, opts))
            if bar is not None:
                bar.advance(n)
    if bar is not None:
        bar.close()
    gathered = list(cached)
    for i, out in enumerate(outputs):
        gathered.extend(out)
        # Keep only results that do not depend on the moment: no unreadable files, no crash.
        if i in keys and not any(e.fatal for r in out for e in r.errors):
            cache.put(keys[i], out)
    gathered.sort(key=lambda r: r.path)
    for r in gathered:
        if r.skipped_generated:
            result.generated_skipped += 1
            continue
        result.files += 1
        if r.digest:
            result.sources[r.path] = (r.open_path, r.digest)
        result.findings.extend(r.findings)
        result.errors.extend(r.errors)
    result.findings.sort(key=Finding.sort_key)
    result.errors.sort(key=lambda e: (e.path, e.line, e.kind, e.message))
    return result
