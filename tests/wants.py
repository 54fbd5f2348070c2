"""The golang.org/x/tools analysistest convention, with the rule named: a trailing
`// want GD301 "regexp"` marks a line that must be flagged by that rule with a message the regexp
matches (a backquoted regexp too, several expectations per line: `// want GD201 "a" GD202 "b"`);
every other line must stay silent. A `want` that does not name a rule before each regexp is an
error, so that an expectation can never be met by a message of another rule."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

_STR = r'"(?:[^"\\]|\\.)*"|`[^`]*`'
_ID = r"GD\d{3}"
_ONE = re.compile(rf"({_ID})\s+({_STR})")
# `// want` followed by whitespace starts an expectation list; prose such as "a `// want` comment"
# (a backquote right after the word) does not.
_DIRECTIVE = re.compile(r"//\s*want\s+(.*)$")
_LIST = re.compile(rf"(?:{_ID}\s+(?:{_STR}))(?:\s+{_ID}\s+(?:{_STR}))*\s*")


class Want(NamedTuple):
    rule: str
    pattern: str


class WantSyntaxError(ValueError):
    pass


def parse_want(text: str, where: str = "") -> list[Want] | None:
    """The expectations of one line, or None when it holds no `want`; WantSyntaxError when its
    `want` is not a list of rule ids each followed by one regexp string."""
    m = _DIRECTIVE.search(text)
    if not m:
        return None
    body = m.group(1)
    if not _LIST.fullmatch(body):
        raise WantSyntaxError(
            f"{where}: malformed `want` {('// want ' + body).strip()!r}: each expectation is a rule id "
            f'followed by one regexp string, as in `// want GD301 "regexp"` or '
            f'`// want GD201 "a" GD202 "b"` (the rule id is required)')
    return [Want(rule, s[1:-1] if s.startswith("`") else json.loads(s)) for rule, s in _ONE.findall(body)]


def wants_in(path: Path) -> dict[int, list[Want]]:
    out: dict[int, list[Want]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        wants = parse_want(line, f"{path}:{i}")
        if wants is not None:
            out[i] = wants
    return out


def _match(findings: list, wants: list[Want]) -> dict[int, int]:
    """A largest pairing finding index -> want index in which the rule ids are equal and the
    regexp matches the message (augmenting paths: a greedy pick could steal another's want)."""
    fits = [[j for j, w in enumerate(wants) if f.rule == w.rule and re.search(w.pattern, f.message)]
            for f in findings]
    owner: dict[int, int] = {}  # want index -> finding index

    def augment(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(findings)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def compare(findings, files: list[Path], display) -> list[str]:
    """Problems as readable lines; empty when findings and wants agree exactly."""
    from golint_delete.rules import BY_ID

    problems = []
    by_line: dict[tuple[str, int], list] = {}
    for f in findings:
        by_line.setdefault((f.path, f.start.line), []).append(f)
    expected = {(display(p), line): wants for p in files for line, wants in wants_in(p).items()}
    for (path, line), wants in sorted(expected.items()):
        for w in wants:
            if w.rule not in BY_ID:
                problems.append(f"{path}:{line}: want names no rule: {w.rule}")
    for key in sorted(set(by_line) | set(expected)):
        got = by_line.get(key, [])
        wants = expected.get(key, [])
        pairs = _match(got, wants)
        for i, f in enumerate(got):
            if i not in pairs:
                problems.append(f"{key[0]}:{key[1]}: unexpected finding: {f.rule}: {f.message}")
        met = set(pairs.values())
        for j, w in enumerate(wants):
            if j not in met:
                others = "; ".join(f"{f.rule}: {f.message}" for f in got) or "none"
                problems.append(f"{key[0]}:{key[1]}: no {w.rule} finding matched want {w.pattern!r}"
                                f" (findings on the line: {others})")
    return problems
