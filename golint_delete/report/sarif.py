"""SARIF 2.1.0 for GitHub code scanning, built from sarif-om's object model.

Artifact URIs are relative to `%SRCROOT%` (the working directory, normally the repository root) and
percent-encoded; columns are UTF-16 code units, SARIF's default `columnKind`.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import attr
import sarif_om as so

from golint_delete import __version__, docs
from golint_delete.findings import FileError, Finding, Severity
from golint_delete.report.json_report import dumps
from golint_delete.rules import REGISTRY
from golint_delete.runner import RunResult

INFORMATION_URI = "https://github.com/golint-delete/golint-delete"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
# GitHub's security-severity scale drives the alert's severity badge for code quality rules too.
_PRECISION = "high"


def _to_json(obj):
    """sarif-om objects are attrs classes whose metadata names the SARIF property; drop unset ones."""
    if attr.has(type(obj)):
        out = {}
        for a in attr.fields(type(obj)):
            value = getattr(obj, a.name)
            if value is None or (a.default is not attr.NOTHING and value == a.default and a.name != "version"):
                continue
            out[a.metadata.get("schema_property_name", a.name)] = _to_json(value)
        return out
    if isinstance(obj, dict):
        return {k: _to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_to_json(v) for v in obj]
    return obj


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): paths below the working directory go under %SRCROOT%; others (absolute, or
    `../` when named so) become file:// URIs, as a relative URI must not climb out of its base."""
    p = Path(path)
    if not p.is_absolute() and Path(os.path.normpath(path)).parts[:1] == ("..",):
        p = Path(os.path.abspath(path))
    if p.is_absolute():
        return p.as_uri(), None
    # Bytes, so that a name that is not UTF-8 is percent-encoded as it is on disk.
    return quote(os.fsencode(p.as_posix()), safe="/"), "%SRCROOT%"


def _location(path: str, start, end, message: str | None = None, loc_id: int | None = None) -> so.Location:
    uri, base = artifact_uri(path)
    region = so.Region(start_line=start.line, start_column=start.column_utf16,
                       end_line=end.line, end_column=max(end.column_utf16, 1))
    if end.line == start.line and end.column_utf16 <= start.column_utf16:
        region.end_column = start.column_utf16 + 1
    return so.Location(
        id=loc_id,
        physical_location=so.PhysicalLocation(
            artifact_location=so.ArtifactLocation(uri=uri, uri_base_id=base), region=region),
        message=so.Message(text=message) if message else None,
    )


def _rule_descriptor(rule) -> so.ReportingDescriptor:
    title = docs.title(rule.id) or rule.name
    page = docs.page(rule.id)
    full = docs.section(rule.id, "What it finds") or title
    return so.ReportingDescriptor(
        id=rule.id,
        name=rule.name,
        short_description=so.MultiformatMessageString(text=title),
        full_description=so.MultiformatMessageString(text=" ".join(full.split())),
        help=so.MultiformatMessageString(text=page or title, markdown=page or title),
        help_uri=f"{INFORMATION_URI}/blob/main/rules/{rule.id}.md",
        default_configuration=so.ReportingConfiguration(level=_LEVEL[rule.severity]),
        properties={"tags": ["go", "maps", "correctness"], "precision": _PRECISION},
    )


def _result(f: Finding, index: dict[str, int]) -> so.Result:
    related = [
        _location(r.path, r.start, r.end, r.message, loc_id=i + 1) for i, r in enumerate(f.related)
    ] or None
    fixes = None
    if f.fix is not None:
        uri, base = artifact_uri(f.path)
        fixes = [so.Fix(
            description=so.Message(text=f.fix.title),
            artifact_changes=[so.ArtifactChange(
                artifact_location=so.ArtifactLocation(uri=uri, uri_base_id=base),
                replacements=[so.Replacement(
                    deleted_region=so.Region(byte_offset=e.start_byte, byte_length=e.end_byte - e.start_byte),
                    inserted_content=so.ArtifactContent(text=e.new_text)) for e in f.fix.edits],
            )],
        )]
    return so.Result(
        rule_id=f.rule,
        rule_index=index[f.rule],
        level=_LEVEL[f.severity],
        message=so.Message(text=f.message),
        locations=[_location(f.path, f.start, f.end)],
        related_locations=related,
        partial_fingerprints={"golintDelete/v1": f.fingerprint},
        fixes=fixes,
    )


def _results(result: RunResult, index: dict[str, int]) -> list[so.Result]:
    split = result.baseline
    if split is None:
        return [_result(f, index) for f in result.findings]
    out = []
    for f in split.new:
        r = _result(f, index)
        r.baseline_state = "new"
        out.append(r)
    for f in split.unchanged:
        r = _result(f, index)
        r.baseline_state = "unchanged"
        out.append(r)
    for e in split.absent:
        # Gone since the baseline: where it was, as the baseline recorded it.
        uri, base = artifact_uri(e["path"])
        rule = e["rule"] if e["rule"] in index else None
        if rule is None:
            continue
        out.append(so.Result(
            rule_id=rule, rule_index=index[rule], level="none", message=so.Message(text=e.get("message", rule)),
            locations=[so.Location(physical_location=so.PhysicalLocation(
                artifact_location=so.ArtifactLocation(uri=uri, uri_base_id=base),
                region=so.Region(start_line=max(int(e.get("line", 1)), 1))))],
            partial_fingerprints={"golintDelete/v1": e["fingerprint"]}, baseline_state="absent"))
    return out


def _notification(e: FileError) -> so.Notification:
    uri, base = artifact_uri(e.path)
    loc = so.PhysicalLocation(artifact_location=so.ArtifactLocation(uri=uri, uri_base_id=base))
    if e.line:
        loc.region = so.Region(start_line=e.line, start_column=max(e.column, 1))
    return so.Notification(
        message=so.Message(text=f"{e.path}: {e.message}"),
        level="warning" if not e.fatal else "error",
        locations=[so.Location(physical_location=loc)],
        descriptor=so.ReportingDescriptorReference(id=f"golint-delete/{e.kind}"),
    )


def build(result: RunResult) -> dict:
    index = {r.id: i for i, r in enumerate(REGISTRY)}
    srcroot = Path(os.getcwd()).as_uri().rstrip("/") + "/"
    run = so.Run(
        tool=so.Tool(driver=so.ToolComponent(
            name="golint-delete", version=__version__, semantic_version=__version__,
            information_uri=INFORMATION_URI, rules=[_rule_descriptor(r) for r in REGISTRY])),
        results=_results(result, index),
        invocations=[so.Invocation(
            execution_successful=not any(e.fatal for e in result.errors),
            tool_execution_notifications=[_notification(e) for e in result.errors] or None)],
        original_uri_base_ids={"%SRCROOT%": so.ArtifactLocation(uri=srcroot)},
        column_kind="utf16CodeUnits",
    )
    log = so.SarifLog(version="2.1.0", schema_uri=SCHEMA, runs=[run])
    return _to_json(log)


def render(result: RunResult, **_) -> str:
    return dumps(build(result)) + "\n"
