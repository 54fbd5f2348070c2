"""GitHub Actions workflow commands: annotations on the pull request's diff."""

from __future__ import annotations

from golint_delete.findings import Severity
from golint_delete.runner import RunResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, **_) -> str:
    out = []
    for f in result.findings:
        props = (f"file={_prop(f.path)},line={f.start.line},col={f.start.column},"
                 f"endLine={f.end.line},endColumn={f.end.column},title={_prop(f.rule + ' ' + f.name)}")
        out.append(f"::{_LEVEL[f.severity]} {props}::{_data(f.message)}")
    for e in result.errors:
        level = "warning" if not e.fatal else "error"
        loc = f"file={_prop(e.path)}" + (f",line={e.line}" if e.line else "")
        out.append(f"::{level} {loc},title=golint-delete::{_data(e.message)}")
    return "\n".join(out) + ("\n" if out else "")
