"""Adopting the tool in an existing repository: a baseline of today's findings, and reporting only
findings on lines changed since a git revision or in a patch."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from golint_delete import __version__
from golint_delete.findings import Finding


class AdoptError(Exception):
    pass


# Baselines ------------------------------------------------------------------------------------


def write_baseline(path: str, findings: list[Finding]) -> None:
    doc = {
        "tool": "golint-delete",
        "version": __version__,
        "note": "Findings recorded as accepted; --baseline reports only findings not in this file. "
                "Matching uses the rule and the fingerprint (the flagged code, not its line or file name).",
        "findings": [{"rule": f.rule, "fingerprint": f.fingerprint, "path": f.path, "line": f.start.line,
                      "column": f.start.column, "message": f.message} for f in findings],
    }
    try:
        Path(path).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as e:
        raise AdoptError(f"cannot write baseline {path}: {e.strerror or e}") from None


@dataclass
class BaselineSplit:
    new: list[Finding]
    unchanged: list[Finding]
    absent: list[dict]  # baseline entries no longer found


def apply_baseline(path: str, findings: list[Finding]) -> BaselineSplit:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = doc["findings"]
        keys = [(e["rule"], e["fingerprint"]) for e in entries]
    except OSError as e:
        raise AdoptError(f"cannot read baseline {path}: {e.strerror or e}") from None
    except (ValueError, KeyError, TypeError):
        raise AdoptError(f"{path}: not a golint-delete baseline (write one with --write-baseline)") from None
    # A multiset: two identical findings in the baseline excuse two now, not more.
    remaining = Counter(keys)
    new, unchanged = [], []
    for f in findings:
        key = (f.rule, f.fingerprint)
        if remaining[key] > 0:
            remaining[key] -= 1
            unchanged.append(f)
        else:
            new.append(f)
    absent = []
    for e in entries:
        key = (e["rule"], e["fingerprint"])
        if remaining[key] > 0:
            remaining[key] -= 1
            absent.append(e)
    return BaselineSplit(new, unchanged, absent)


# Changed lines ---------------------------------------------------------------------------------

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def changed_lines(diff: str, root: Path) -> dict[str, set[int]]:
    """Absolute path -> line numbers added or changed on the new side of a unified diff."""
    out: dict[str, set[int]] = {}
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].split("\t", 1)[0].strip()
            if name == "/dev/null":
                current = None
                continue
            if name.startswith(("b/", "a/")):
                name = name[2:]
            current = str((root / name).resolve())
            out.setdefault(current, set())
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
            out[current].update(range(start, start + count))
    return out


def _git(args: list[str], cwd: Path) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise AdoptError(f"git {' '.join(args)}: {e}") from None
    if out.returncode != 0:
        raise AdoptError(f"git {' '.join(args)}: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else 'failed'}")
    return out.stdout


def changed_since(rev: str) -> dict[str, set[int] | None]:
    """Lines changed since `rev` (committed or not); untracked files count as wholly new (None)."""
    cwd = Path.cwd()
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except AdoptError:
        raise AdoptError(f"--new-from-rev {rev}: {cwd} is not in a git repository") from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    except AdoptError:
        raise AdoptError(f"--new-from-rev {rev}: no such commit in {root} "
                         f"(a shallow clone may lack it: fetch with more depth)") from None
    changed: dict[str, set[int] | None] = dict(changed_lines(_git(["diff", "--unified=0", "--no-color",
                                                                    "--no-ext-diff", rev, "--"], root), root))
    for name in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        changed[str((root / name).resolve())] = None
    return changed


def changed_in_patch(patch: str) -> dict[str, set[int] | None]:
    try:
        text = Path(patch).read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise AdoptError(f"cannot read patch {patch}: {e.strerror or e}") from None
    return dict(changed_lines(text, Path.cwd()))


def only_changed(findings: list[Finding], changed: dict[str, set[int] | None]) -> list[Finding]:
    keep = []
    for f in findings:
        lines = changed.get(str(Path(f.path).resolve()), set())
        if lines is None or any(line in lines for line in range(f.start.line, f.end.line + 1)):
            keep.append(f)
    return keep


def statistics(findings: list[Finding], as_json: bool = False) -> str:
    counts = Counter((f.rule, f.name) for f in findings)
    fixable = Counter((f.rule, f.name) for f in findings if f.fix is not None)
    if as_json:
        import json

        return json.dumps([{"rule": rule, "name": name, "count": n, "fixable": fixable[(rule, name)]}
                           for (rule, name), n in sorted(counts.items())], indent=2) + "\n"
    rows = []
    for (rule, name), n in sorted(counts.items()):
        fix = f"  [*] fixable: {fixable[(rule, name)]}" if fixable[(rule, name)] else ""
        rows.append(f"{n:5d}  {rule}  {name:<28}{fix}".rstrip())
    return "\n".join(rows) + ("\n" if rows else "")
