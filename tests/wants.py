"""The golang.org/x/tools analysistest convention: a trailing `// want "regexp"` (or a backquoted
several per line) marks each line that must be flagged; every other line must stay silent."""

from __future__ import annotations

import json
import re
from pathlib import Path

_STR = r'"(?:[^"\\]|\\.)*"|`[^`]*`'
_WANT = re.compile(rf"//\s*want\s+((?:{_STR})(?:\s+(?:{_STR}))*)\s*$")


def wants_in(path: Path) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = _WANT.search(line)
        if not m:
            continue
        pats = []
        for s in re.findall(_STR, m.group(1)):
            pats.append(s[1:-1] if s.startswith("`") else json.loads(s))
        out[i] = pats
    return out


def compare(findings, files: list[Path], display) -> list[str]:
    """Problems as readable lines; empty when findings and wants agree exactly."""
    problems = []
    by_line: dict[tuple[str, int], list] = {}
    for f in findings:
        by_line.setdefault((f.path, f.start.line), []).append(f)
    expected = {(display(p), line): pats for p in files for line, pats in wants_in(p).items()}
    for key in sorted(set(by_line) | set(expected)):
        got = by_line.get(key, [])
        pats = list(expected.get(key, []))
        unmatched = []
        for f in got:
            text = f"{f.rule} {f.name}: {f.message}"
            hit = next((p for p in pats if re.search(p, text)), None)
            if hit is None:
                unmatched.append(f)
            else:
                pats.remove(hit)
        for f in unmatched:
            problems.append(f"{key[0]}:{key[1]}: unexpected finding: {f.rule}: {f.message}")
        for p in pats:
            problems.append(f"{key[0]}:{key[1]}: no finding matched want {p!r}")
    return problems
