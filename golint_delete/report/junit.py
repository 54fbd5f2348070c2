"""JUnit XML as CI systems read it (GitLab `reports: junit`, Jenkins, Azure Pipelines): each finding is
a failed test case named after its rule and position, each fatal file error an errored one.

The document is pure ASCII (anything else as character references) under a UTF-8 declaration, so it
stays correct whatever encoding stdout has.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from golint_delete.runner import RunResult

SUITE = "golint-delete"
# Characters XML 1.0 cannot hold even escaped (control characters, lone surrogates from odd file
# names); ElementTree would write them and leave the document unparseable.
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(s: str) -> str:
    return _ILLEGAL.sub("\ufffd", s)


def to_xml(root: ET.Element) -> str:
    ET.indent(root)
    body = ET.tostring(root, encoding="us-ascii").decode("ascii")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_safe(str(v)) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def render(result: RunResult, **_) -> str:
    fatal = [e for e in result.errors if e.fatal]
    warnings = [e for e in result.errors if not e.fatal]
    tests = len(result.findings) + len(fatal) + (0 if result.findings else 1)
    counts = {"tests": str(tests), "failures": str(len(result.findings)), "errors": str(len(fatal))}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = _el(root, "testsuite", name=SUITE, skipped="0", **counts)
    for f in result.findings:
        case = _el(suite, "testcase", classname=f.path, name=f"{f.rule} {f.name} {f.start.line}:{f.start.column}")
        _el(case, "failure",
            f"{f.path}:{f.start.line}:{f.start.column}: {f.severity.label}: {f.message} [{f.rule} {f.name}]",
            message=f.message, type=f.rule)
    for e in fatal:
        where = f"{e.path}:{e.line}:{e.column}" if e.line else e.path
        case = _el(suite, "testcase", classname=e.path, name=f"{e.kind} error")
        _el(case, "error", f"{where}: error: {e.message}", message=e.message, type=e.kind)
    if not result.findings:
        # Consumers show an empty suite as "no tests", not as a pass.
        _el(suite, "testcase", classname=SUITE, name=f"no findings in {result.files} files")
    if warnings:
        # Files analysed around syntax errors are not failures, but should be visible in the log.
        lines = [f"{e.path}:{e.line}:{e.column}: warning: {e.message}" if e.line else f"{e.path}: warning: {e.message}"
                 for e in warnings]
        _el(suite, "system-out", "\n".join(lines))
    return to_xml(root)
