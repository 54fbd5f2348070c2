"""Go's own convention: `path:line:col: message (GD301 clear-loop)`, columns in bytes."""

from __future__ import annotations

from golint_delete.findings import Severity
from golint_delete.runner import RunResult

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.NOTE: "\x1b[36m"}
_RESET, _BOLD, _DIM = "\x1b[0m", "\x1b[1m", "\x1b[2m"


def render(result: RunResult, *, colour: bool = False, show_source: bool = False, **_) -> str:
    lines = []
    for f in result.findings:
        where = f"{f.path}:{f.start.line}:{f.start.column}:"
        tag = f"({f.rule} {f.name})"
        if colour:
            where = f"{_BOLD}{where}{_RESET}"
            tag = f"{_COLOURS[f.severity]}{tag}{_RESET}"
        lines.append(f"{where} {f.message} {tag}")
        if show_source and f.source_line:
            src = f.source_line.expandtabs(4)
            # The caret sits under the column counted in characters, after tab expansion.
            prefix = f.source_line.encode()[: f.start.column - 1].decode("utf-8", "replace").expandtabs(4)
            width = max(1, (f.end.column - f.start.column) if f.end.line == f.start.line else len(src) - len(prefix))
            caret = " " * len(prefix) + "^" + "~" * (min(width, max(1, len(src) - len(prefix))) - 1)
            lines.append(f"    {src}")
            lines.append(f"    {_DIM if colour else ''}{caret}{_RESET if colour else ''}")
    return "\n".join(lines) + ("\n" if lines else "")


def count(n: int, noun: str) -> str:
    """`1 finding`, `2 findings`: every count the summaries give."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def summary(result: RunResult, fixed: tuple[int, int] | None = None) -> str:
    """The line on stderr: what was found (after --fix: what was fixed, and what remains), then what
    was not looked at or not shown, and why."""
    counts = {s: 0 for s in Severity}
    for f in result.findings:
        counts[f.severity] += 1
    n = len(result.findings)
    parts = [count(counts[s], s.label) for s in reversed(Severity) if counts[s]]
    detail = f" ({', '.join(parts)})" if parts else ""
    if fixed is None:
        text = f"{count(n, 'finding')}{detail}"
    else:
        applied, files = fixed
        text = f"fixed {count(applied, 'finding')} in {count(files, 'file')}; " \
               f"{count(n, 'finding')} remain{'s' if n == 1 else ''}{detail}"
    text += f" in {count(result.files, 'file')}"
    parse = sum(1 for e in result.errors if e.kind == "parse")
    unfixed = len({e.path for e in result.errors if e.kind == "fix"})
    fatal = len({e.path for e in result.errors if e.fatal and e.kind != "fix"})
    if parse:
        text += f"; {parse} with syntax errors (analysed around them)"
    if fatal:
        text += f"; {fatal} could not be analysed"
    if unfixed:
        text += f"; {unfixed} could not be fixed"
    if result.generated_skipped:
        text += f"; {count(result.generated_skipped, 'generated file')} skipped"
    if result.named_skipped:
        text += f"; {count(result.named_skipped, 'named file')} skipped as the walk skips " \
                f"{'it' if result.named_skipped == 1 else 'them'} (--show-settings says why)"
    for hidden, why in result.filtered:
        if hidden:
            text += f"; {hidden} {why} not shown"
    return text
