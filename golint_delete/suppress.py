"""Suppression directives Go teams already write.

- golangci-lint: `//nolint`, `//nolint:GD301,golint-delete` (no space after `//`), optionally followed
  by `// reason`. Trailing a line of code: that line. On a line of its own: the whole statement or
  declaration that follows (golangci-lint attaches it to the next node).
- staticcheck: `//lint:ignore GD301[,GD202] reason` with the same placement rules, and
  `//lint:file-ignore GD301 reason` for the file. A directive without a reason is malformed and not
  applied (as staticcheck does).
Codes may be rule ids, id prefixes (`GD3`), rule names, `golint-delete`, or `all` (nolint only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

_NOLINT = re.compile(rb"^//\s?nolint(?::([\w\-,. ]*?))?(?:\s*//.*)?\s*$", re.IGNORECASE)
_LINT = re.compile(rb"^//lint:(ignore|file-ignore)(?:\s+(\S+))?(?:\s+(.*))?$")
# The comments worth parsing, found by the engine's query pass: a prefilter of the two above (in
# Python `re` syntax; a query string needs `\\s` for `\s`). Most comments are prose and stay in C.
DIRECTIVE_QUERY = r'((comment) @c (#match? @c "^//(\\s?(?i:nolint)|lint:)"))'
TOOL_NAMES = frozenset({"golint-delete", "golint_delete", "golintdelete"})


@dataclass
class Directive:
    line: int  # 1-based line of the comment
    column: int
    first: int  # 1-based line range it covers
    last: int
    codes: tuple[str, ...]  # empty: every rule
    kind: str  # nolint, ignore, file-ignore
    text: str  # the directive as written, without a trailing `// reason` or an ignore's reason
    malformed: str = ""
    used: bool = field(default=False)

    def names_us(self) -> bool:
        return any(c.lower() in TOOL_NAMES or c.upper().startswith("GD") for c in self.codes)


def _covered_lines(comment: Node, source: bytes) -> tuple[int, int]:
    row = comment.start_point.row
    line_start = source.rfind(b"\n", 0, comment.start_byte) + 1
    if source[line_start:comment.start_byte].strip():
        return row + 1, row + 1  # trailing a line of code: that line
    nxt, last_row = comment.next_named_sibling, comment.end_point.row
    while nxt is not None and nxt.type == "comment":  # a run of comments stays attached
        last_row, nxt = nxt.end_point.row, nxt.next_named_sibling
    if nxt is not None and nxt.type == "statement_list" and nxt.named_child_count:
        nxt = nxt.named_children[0]  # a comment before a block's first statement sits beside the list
    if nxt is not None and nxt.start_point.row <= last_row + 1:
        return nxt.start_point.row + 1, nxt.end_point.row + 1
    return row + 2, row + 2


def _directive(text: bytes, line: int, column: int, first: int, last: int) -> Directive | None:
    m = _NOLINT.match(text)
    if m:
        codes = tuple(x.strip() for x in (m.group(1) or b"").decode().split(",") if x.strip())
        if m.group(1) is not None and not codes:
            return None  # `//nolint:` with nothing after it names no linter
        end = m.end(1) if m.group(1) is not None else len(b"//nolint") + (text[2:3] == b" ")
        return Directive(line, column, first, last, codes, "nolint", text[:end].rstrip().decode(errors="replace"))
    m = _LINT.match(text)
    if m:
        kind = m.group(1).decode()
        codes = tuple(x.strip() for x in (m.group(2) or b"").decode().split(",") if x.strip())
        end = m.end(2) if m.group(2) is not None else m.end(1)
        d = Directive(line, column, first, last, codes, kind, text[:end].decode(errors="replace"))
        if not codes:
            d.malformed = f"//lint:{kind} needs the rules to ignore and a reason"
        elif not (m.group(3) or b"").strip():
            d.malformed = f"//lint:{kind} needs a reason after the rules"
        return d
    return None


def parse_directives(comments: list[Node], source: bytes) -> list[Directive]:
    out: list[Directive] = []
    for c in comments:
        text = c.text.rstrip()
        if not text.startswith(b"//"):
            continue
        first, last = _covered_lines(c, source)
        d = _directive(text, c.start_point.row + 1, c.start_point.column + 1, first, last)
        if d is not None:
            out.append(d)
    return out


def parse_text_directives(source: bytes) -> list[Directive]:
    """The same directives in a file tree-sitter does not parse (Go assembly): a `//` comment
    trailing code covers its line, one on a line of its own the next line."""
    out: list[Directive] = []
    for row, line in enumerate(source.split(b"\n")):
        i = line.find(b"//")
        if i < 0:
            continue
        own = not line[:i].strip()
        d = _directive(line[i:].rstrip(), row + 1, i + 1, row + 2 if own else row + 1, row + 2 if own else row + 1)
        if d is not None:
            out.append(d)
    return out


def _code_matches(code: str, rule_id: str, rule_name: str, kind: str) -> bool:
    c = code.strip()
    if c.lower() in TOOL_NAMES or (kind == "nolint" and c.lower() == "all"):
        return True
    up = c.upper()
    return up == rule_id or (up.startswith("GD") and rule_id.startswith(up)) or c == rule_name


def suppressed(directives: list[Directive], rule_id: str, rule_name: str, line: int) -> bool:
    hit = False
    for d in directives:
        if d.malformed:
            continue
        if d.kind != "file-ignore" and not (d.first <= line <= d.last):
            continue
        if d.codes and not any(_code_matches(code, rule_id, rule_name, d.kind) for code in d.codes):
            continue
        if not d.codes and d.kind != "nolint":
            continue
        d.used = True
        hit = True
    return hit
