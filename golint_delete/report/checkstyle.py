"""Checkstyle XML, read by reviewdog, Jenkins warnings-ng, SonarQube and most code review bots.
Files are sorted by path and errors by position, so equal runs give byte-equal reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from golint_delete.findings import Severity
from golint_delete.report.junit import to_xml, xml_safe
from golint_delete.runner import RunResult

_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "info"}


def render(result: RunResult, **_) -> str:
    by_file: dict[str, list[tuple[tuple, dict[str, str]]]] = {}
    for f in result.findings:
        attrs = {"line": str(f.start.line), "column": str(f.start.column), "severity": _SEVERITY[f.severity],
                 "message": f.message, "source": f"golint-delete.{f.rule}"}
        by_file.setdefault(f.path, []).append(((f.start.line, f.start.column, f.rule, f.message), attrs))
    for e in result.errors:
        # Checkstyle reports a file it could not parse as an error in that file; do the same, with
        # the problem's kind as source so filters can tell these from rule findings.
        attrs = {"line": str(e.line), "column": str(e.column)} if e.line else {}
        attrs.update(severity="error" if e.fatal else "warning", message=e.message,
                     source=f"golint-delete.{e.kind}")
        by_file.setdefault(e.path, []).append(((e.line, e.column, "~" + e.kind, e.message), attrs))
    root = ET.Element("checkstyle", version="4.3")
    for path in sorted(by_file):
        file_el = ET.SubElement(root, "file", name=xml_safe(path))
        for _, attrs in sorted(by_file[path], key=lambda item: item[0]):
            ET.SubElement(file_el, "error", {k: xml_safe(v) for k, v in attrs.items()})
    return to_xml(root)
