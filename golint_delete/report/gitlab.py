"""GitLab Code Quality: the subset of the Code Climate issue format that GitLab's merge request widget
reads (`artifacts: reports: codequality`). Paths are as printed, relative to the working directory,
so run from the repository root as GitLab expects.

Per-file errors (unreadable, binary files) are not code quality issues and are left out; they still
reach stderr and the exit code, which is what fails the job.
"""

from __future__ import annotations

import hashlib

from golint_delete.findings import Finding, Severity
from golint_delete.report.json_report import dumps
from golint_delete.runner import RunResult

# GitLab ranks info < minor < major < critical < blocker. An error is a likely bug but not a security
# or build break, so it stays at major and leaves critical/blocker to scanners that share the widget;
# warnings are minor, notes (style: `clear(m)` would do) are info.
_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def _fingerprint(f: Finding, seen: set[str]) -> str:
    # GitLab diffs base and head reports by fingerprint, so it must be stable across line shifts
    # (the finding's own fingerprint is) and unique in the report: the finding's fingerprint is only
    # unique within its file, hence the path. Without one (never expected), fall back to the location.
    key = f.fingerprint or f"{f.start.line}:{f.start.column}:{f.message}"
    digest = hashlib.sha256(f"{f.rule}\0{f.path}\0{key}".encode("utf-8", "surrogateescape")).hexdigest()
    n = 1
    out = digest[:32]
    while out in seen:  # a duplicate would hide one issue in the widget; keep both, deterministically
        n += 1
        out = hashlib.sha256(f"{digest}\0{n}".encode()).hexdigest()[:32]
    seen.add(out)
    return out


def render(result: RunResult, **_) -> str:
    seen: set[str] = set()
    issues = [
        {
            "type": "issue",
            "engine_name": "golint-delete",
            "check_name": f"{f.rule} {f.name}",
            "description": f.message,
            "categories": ["Bug Risk"],
            "severity": _SEVERITY[f.severity],
            "fingerprint": _fingerprint(f, seen),
            "location": {"path": f.path, "lines": {"begin": f.start.line, "end": f.end.line}},
        }
        for f in result.findings
    ]
    return dumps(issues) + "\n"
