"""`check --show-settings`: what a run would do, and why — the configuration file chosen, the
effective settings after flags and file, and every path the walk passes over with its reason."""

from __future__ import annotations

import os
from pathlib import Path

from golint_delete.config import Config
from golint_delete.discovery import LATEST_GO, NOT_SOURCE, SOURCES, discover
from golint_delete.engine import is_generated
from golint_delete.rules import REGISTRY

# A generated file's marker comes before its package clause: the head of the file says.
_HEAD = 64 * 1024


def _generated(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return is_generated(fh.read(_HEAD))
    except OSError:
        return False  # reported as unreadable by a real run


def show(cfg: Config, paths: list[str], *, selected, severity, version, fail, excludes, per_file, jobs,
         include_generated, force_exclude, cache, baseline, no_config, stdin) -> str:
    rows: list[tuple[str, str]] = []
    if no_config:
        rows.append(("configuration", "none (--no-config)"))
    elif cfg.path is None:
        rows.append(("configuration", cfg.why or "none"))
    else:
        rows.append(("configuration", f"{cfg.path} ({cfg.why})" if cfg.why else f"{cfg.path} (--config)"))
    off = [r.id for r in REGISTRY if r.id not in selected]
    rows.append(("rules", f"{' '.join(selected)} ({len(selected)} of {len(REGISTRY)}"
                          + (f"; off: {' '.join(off)})" if off else ")")))
    rows.append(("severity", ", ".join(f"{k} = {v}" for k, v in sorted(severity.items())) or "each rule's own"))
    rows.append(("fail-on", fail))
    rows.append(("go-version", f"{version[0]}.{version[1]} for every file" if version else
                 f"each file's nearest go.mod `go` line ({LATEST_GO[0]}.{LATEST_GO[1]} where there is none)"))
    rows.append(("exclude", ", ".join(f"{glob} (from {base})" for base, glob in excludes) or "none"))
    rows.append(("per-file-ignores", ", ".join(f"{glob} = {' '.join(rules)}" for glob, rules in per_file.items())
                 or "none"))
    rows.append(("jobs", f"{jobs or os.cpu_count() or 1}" + (" (one per core)" if not jobs else "")))
    rows.append(("include-generated", "yes" if include_generated else "no"))
    rows.append(("force-exclude", "yes: named files are skipped where the walk skips them" if force_exclude
                 else "no: named files are always analysed"))
    rows.append(("cache", str(cache) if cache is not None else "off (--no-cache)"))
    rows.append(("baseline", baseline or "none"))
    width = max(len(k) for k, _ in rows) + 2
    out = [f"{k + ':':<{width}}{v}" for k, v in rows]
    if stdin is not None:
        out.append(f"{'files:':<{width}}standard input, as {stdin}")
        return "\n".join(out) + "\n"
    found = discover(paths, excludes, suffixes=SOURCES, force_exclude=force_exclude)
    skipped = list(found.skipped)
    analysed = 0
    for p in found.files:
        if p.suffix == ".go" and not include_generated and _generated(p):
            skipped.append((str(p), "generated (`// Code generated ... DO NOT EDIT.` before the package clause)"))
        elif p.suffix in SOURCES:
            analysed += 1
        else:
            skipped.append((str(p), NOT_SOURCE))
    out.append(f"{'files:':<{width}}{analysed} to analyse, {len(skipped)} skipped")
    for path, why in sorted(skipped):
        out.append(f"  {os.path.normpath(path)}{os.sep if path.endswith(os.sep) else ''}: {why}")
    for path, message in found.errors:
        out.append(f"  {path}: {message}")
    return "\n".join(out) + "\n"
