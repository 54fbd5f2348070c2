"""The JSON schema scripts depend on; keep it stable (add keys, never rename or remove)."""

from __future__ import annotations

import json
import re

from golint_delete import __version__
from golint_delete.findings import Finding
from golint_delete.runner import RunResult


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(doc) -> str:
    """JSON text that is valid UTF-8: a file name that is not UTF-8 (surrogate escapes) is written as
    `\\udcXX` escapes, which Python's json and os.fsencode turn back into the name's bytes."""
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fix_json(f: Finding) -> dict | None:
    if f.fix is None:
        return None
    return {
        "title": f.fix.title,
        "safe": f.fix.safe,
        "edits": [{"start_byte": e.start_byte, "end_byte": e.end_byte, "new_text": e.new_text}
                  for e in f.fix.edits],
    }


def render(result: RunResult, **_) -> str:
    doc = {
        "version": __version__,
        "findings": [
            {
                "rule": f.rule,
                "name": f.name,
                "severity": f.severity.label,
                "path": f.path,
                "line": f.start.line,
                "column": f.start.column,
                "end_line": f.end.line,
                "end_column": f.end.column,
                "message": f.message,
                "fix": fix_json(f),
                "related": [{"path": r.path, "line": r.start.line, "column": r.start.column,
                             "message": r.message} for r in f.related],
                "fingerprint": f.fingerprint,
            }
            for f in result.findings
        ],
        "errors": [
            {"path": e.path, "message": e.message, "kind": e.kind, "line": e.line or None}
            for e in result.errors
        ],
    }
    return dumps(doc) + "\n"
