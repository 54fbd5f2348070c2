"""Analyse one package: parse its files, build the model, run each rule's query, dispatch matches to
the rule, filter suppressed findings. Runs inside pool workers; returns plain FileResults only."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from tree_sitter import Node

from golint_delete import interrupt, newer, syntax
from golint_delete.findings import (FileError, FileResult, Finding, Fix, Related, Severity, fingerprint,
                                    line_starts, position)
from golint_delete.model.package import Package, SourceFile
from golint_delete.model.queries import INDEX
from golint_delete.model.scope import Obj
from golint_delete.rule import Rule
from golint_delete.suppress import DIRECTIVE_QUERY, Directive, parse_directives, parse_text_directives, suppressed

codecs.register_error("golint-delete-byte", lambda e: ("?", e.start + 1))
_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.MULTILINE)
_MAX_DEPTH = 1000
# Analysis memory follows the number of candidate matches, which follows the number of nodes: a file
# past this (a generated table, a flood of statements) is reported instead of analysed.
_MAX_NODES = 2_000_000
_DEPTH_CHECK_BRACKETS = 4000
_PACKAGE = re.compile(rb"^package[ \t]", re.MULTILINE)


@dataclass(frozen=True)
class FileTask:
    path: str  # path to open
    display: str  # path to show
    go_version: tuple[int, int]
    source: bytes | None = None  # given for stdin
    # False for a sibling read only so that package-level names resolve (pre-commit names single
    # files, but a package's declarations are spread over all of its files).
    report: bool = True


@dataclass(frozen=True)
class Options:
    rules: tuple[str, ...]  # enabled rule ids
    severity: tuple[tuple[str, str], ...] = ()  # per-rule overrides (id, severity)
    # A syntax tree takes about 120 bytes of memory per byte of dense source: 4 MiB bounds a file's
    # tree near 500 MB, above the largest Go file in the standard library (opGen.go, 3.9 MB).
    max_file_size: int = 4 * 1024 * 1024
    include_generated: bool = False
    file_timeout: float = 60.0  # seconds of rule time per file; 0: no limit


def is_generated(source: bytes) -> bool:
    """go/ast.IsGenerated: the marker comment must come before the package clause."""
    m = _PACKAGE.search(source)
    head = source if m is None else source[: m.start()]
    return _GENERATED.search(head) is not None


class Ctx:
    """What a rule sees: the file, the package model, and `report`."""

    def __init__(self, file: SourceFile, model: Package, sink: list[Finding], severity: dict[str, Severity]):
        self.file = file
        self.model = model
        self._sink = sink
        self._severity = severity
        self._line_starts: list[int] | None = None
        self.rule: Rule | None = None
        self._seen: dict[str, set] = {}

    def first_time(self, key) -> bool:
        """True the first time this rule asks about `key` in this file: for a rule whose matches
        lead to one piece of work (several RLock calls in one function), kept here, never in the
        model."""
        seen = self._seen.setdefault(self.rule.id if self.rule else "", set())
        if key in seen:
            return False
        seen.add(key)
        return True

    @property
    def _starts(self) -> list[int]:
        # Most files have no finding: compute line offsets only when one is reported.
        if self._line_starts is None:
            self._line_starts = line_starts(self.file.source)
        return self._line_starts

    def text(self, node: Node) -> str:
        return self.file.text(node).decode("utf-8", errors="replace")

    def object_of(self, ident: Node) -> Obj | None:
        return self.model.object_of(ident, self.file)

    @staticmethod
    def node_range(node: Node) -> tuple[int, int]:
        return node.start_byte, node.end_byte

    @staticmethod
    def header_range(stmt: Node) -> tuple[int, int]:
        """A statement without its body (`for k := range m`), as staticcheck's ShortRange."""
        body = stmt.child_by_field_name("body")
        if body is None:
            return stmt.start_byte, stmt.end_byte
        end = body.start_byte
        while end > stmt.start_byte and stmt.text[end - stmt.start_byte - 1:end - stmt.start_byte].isspace():
            end -= 1
        return stmt.start_byte, end

    def related(self, offset: int, message: str, end: int | None = None) -> Related:
        start = self.position(offset)
        return Related(self.file.path, start, self.position(end if end is not None else offset), message)

    def in_this_file(self, node: Node) -> bool:
        root = node
        while root.parent is not None:
            root = root.parent
        return root == self.file.root

    def has_comments(self, node: Node) -> bool:
        return any(n.type == "comment" for n in syntax.walk(node))

    def related_in(self, file: SourceFile, offset: int, message: str) -> Related:
        """A related location in another file of the package."""
        if file is self.file:
            return self.related(offset, message)
        pos = position(file.source, line_starts(file.source), offset)
        return Related(file.path, pos, pos, message)

    def line_of(self, offset: int) -> int:
        return self.position(offset).line

    @staticmethod
    def line_in(file: SourceFile, offset: int) -> int:
        """The line of an offset in another file of the package (rare: no table of line starts)."""
        return file.source.count(b"\n", 0, offset) + 1

    def position(self, offset: int):
        return position(self.file.source, self._starts, offset)

    def report(self, rng: tuple[int, int], message: str, *, related: tuple[Related, ...] = (),
               fix: Fix | None = None, severity: Severity | None = None) -> None:
        """Report a finding; `severity` raises or lowers the rule's default for this finding (the
        configuration's per-rule severity still wins)."""
        rule = self.rule
        assert rule is not None
        if self.file.sanitized:
            fix = None  # the bytes analysed are not the file's bytes
        start, end = self.position(rng[0]), self.position(rng[1])
        begin = self._starts[start.line - 1]
        stop = self.file.source.find(b"\n", begin)
        line = self.file.source[begin:stop if stop >= 0 else len(self.file.source)].rstrip(b"\r")
        self._sink.append(Finding(
            rule.id, rule.name, self._severity.get(rule.id, severity or rule.severity), self.file.path, start, end,
            message, line.decode("utf-8", errors="replace"), fix, related))


@dataclass
class _Loaded:
    task: FileTask
    file: SourceFile | None
    result: FileResult
    directives: list[Directive] = field(default_factory=list)
    asm: bytes | None = None


def _load(task: FileTask, opts: Options) -> _Loaded:
    result = FileResult(task.display, open_path=task.path)
    source = task.source
    if source is None:
        try:
            st = os.stat(task.path)
            if st.st_size > opts.max_file_size:
                result.errors.append(FileError(task.display, "size", f"file is {st.st_size} bytes, over "
                                               f"--max-file-size {opts.max_file_size}; skipped"))
                return _Loaded(task, None, result)
            import stat as _stat
            if not _stat.S_ISREG(st.st_mode):
                result.errors.append(FileError(task.display, "read", "not a regular file; skipped"))
                return _Loaded(task, None, result)
            with open(task.path, "rb") as fh:
                source = fh.read(opts.max_file_size + 1)
        except OSError as e:
            result.errors.append(FileError(task.display, "read", f"cannot read: {e.strerror or e}"))
            return _Loaded(task, None, result)
    if b"\0" in source[:8192]:
        result.errors.append(FileError(task.display, "binary", "binary content (NUL bytes), not Go source; skipped"))
        return _Loaded(task, None, result)
    if task.report and not opts.include_generated and is_generated(source):
        result.skipped_generated = True
        return _Loaded(task, None, result)
    if task.path.endswith(".s"):
        # Go assembly: no syntax tree; rules with a text_check read it as text.
        result.digest = hashlib.sha256(source).hexdigest()
        return _Loaded(task, None, result, asm=source)
    sanitized = False
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as e:
        at = position(source, line_starts(source), e.start)  # columns in bytes, as go vet counts
        result.errors.append(FileError(task.display, "encoding",
                                       f"invalid UTF-8 at {at.line}:{at.column} (Go requires UTF-8 source); "
                                       f"analysed anyway", at.line, at.column))
        # Analyse a copy with each invalid byte replaced by '?': offsets stay exact, and nothing
        # downstream (query predicates, messages) meets undecodable text. No fixes for such files.
        source = source.decode("utf-8", errors="golint-delete-byte").encode("utf-8")
        sanitized = True
    if not task.report:
        name = _package_name(source)
        if name is not None:
            return _Loaded(task, SourceFile(task.display, source, None, task.go_version, name, sanitized=sanitized,
                                            lazy=lambda: _context_tree(source, name)), result)
    result.digest = hashlib.sha256(source).hexdigest()
    tree, shim = newer.parse(source)
    root = tree.root_node
    if root.has_error:
        points = syntax.error_points(root)
        where = ", ".join(f"{r + 1}:{c + 1}" for r, c in points)
        line, column = (points[0][0] + 1, points[0][1] + 1) if points else (1, 1)
        if shim is not None and shim.unresolved:
            # Newer syntax the rewrite could not bring to the grammar: not the user's mistake.
            offset, kind = shim.unresolved[0]
            at = position(source, line_starts(source), offset)
            line, column = at.line, at.column
            message = (f"syntax newer than this parser (tree-sitter-go {newer.grammar_version()}) at {line}:{column} "
                       f"({kind}); analysed around it")
        else:
            message = f"syntax error at {where}; analysed around it"
        result.errors.append(FileError(task.display, "parse", message, line, column))
    nodes = root.descendant_count
    if nodes > _MAX_NODES:
        result.errors.append(FileError(task.display, "limit",
                                       f"{nodes:,} syntax nodes, over the limit of {_MAX_NODES:,}; not analysed"))
        return _Loaded(task, None, result)
    if _too_deep(source, root):  # generated or hostile: reported and skipped
        result.errors.append(FileError(task.display, "limit",
                                       f"nested more than {_MAX_DEPTH} levels deep; not analysed"))
        return _Loaded(task, None, result)
    pkg, clause = "", False
    for child in root.named_children:
        if child.type == "package_clause":
            name = child.named_children[0] if child.named_child_count else None
            pkg = name.text.decode(errors="replace") if name is not None else ""
            clause = True
            break
    if not clause and not root.has_error and task.path.endswith(".go"):
        result.errors.append(FileError(task.display, "parse",
                                       "no package clause (go vet: expected 'package'); analysed as it is", 1, 1))
    f = SourceFile(task.display, source, tree, task.go_version, pkg, sanitized=sanitized,
                   shim=shim if shim is not None and shim.rewrites else None)
    return _Loaded(task, f, result)


# What precedes a package clause: white space, comments, a byte order mark.
_LEAD = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)
_CLAUSE = re.compile(rb"package[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:;|//|\r?\n)")


def _package_name(source: bytes) -> str | None:
    """The package clause's name without parsing, or None when it is not a plain one (then the
    file is parsed to know)."""
    m = _CLAUSE.match(source, _LEAD.match(source).end())
    return m.group(1).decode() if m else None


def _context_tree(source: bytes, name: str):
    """A sibling's tree, parsed when the model first needs it; one nested too deep to walk
    contributes nothing (as if it declared nothing), like a reported file that is skipped."""
    tree, shim = newer.parse(source)
    if _too_deep(source, tree.root_node):
        return syntax.parse(f"package {name}\n".encode()), None
    return tree, shim if shim is not None and shim.rewrites else None


def _too_deep(source: bytes, root: Node) -> bool:
    # tree-sitter finds a node's parent by walking down from the root, so every upward walk costs
    # the depth: a file nested thousands of levels deep would take minutes. Counting brackets
    # first keeps the check free for every other file.
    return source.count(b"{") + source.count(b"(") > _DEPTH_CHECK_BRACKETS \
        and syntax.max_depth(root, _MAX_DEPTH) > _MAX_DEPTH


_COMMENTS = DIRECTIVE_QUERY


def analyse(tasks: list[FileTask], opts: Options, rules: dict[str, Rule]) -> list[FileResult]:
    """Analyse the files of one directory (one or two packages: `p` and an external `p_test`)."""
    loaded = [_load(t, opts) for t in tasks]
    groups: dict[str, list[_Loaded]] = {}
    for item in loaded:
        if item.file is not None:
            groups.setdefault(item.file.package_name, []).append(item)
    severity = {rid: Severity.parse(sev) for rid, sev in opts.severity}
    enabled = [rules[r] for r in opts.rules if r in rules and rules[r].query is not None and rules[r].check]
    for item in loaded:
        if item.file is not None:
            texts = tuple(dict.fromkeys((*INDEX, _COMMENTS,
                                         *(r.query for r in enabled if r.applies_to(item.file)))))
            item.file._index_texts = texts  # the index itself is built on first use
    for name, items in groups.items():
        _run_package(name, items, enabled, severity, opts, rules)
    text_rules = [rules[r] for r in opts.rules if r in rules and rules[r].text_check is not None]
    for item in loaded:
        if item.asm is not None and item.task.report:
            _run_text_rules(item, text_rules, severity)
    return [item.result for item in loaded if item.task.report]


def _run_package(name: str, items: list[_Loaded], enabled: list[Rule], severity: dict[str, Severity],
                 opts: Options, rules: dict[str, Rule]) -> None:
    """Run the rules on a package's reported files. A file that runs past its time budget leaves
    the package: keeping it would make each sibling pay for it again in package-wide facts, and the
    alarm may have come in the middle of one. The model starts afresh without it, and the files
    done before are done again, so that every other file's results are those of the package
    without it, whenever it timed out."""
    members = [i.file for i in items]
    model = Package(name, members)
    queue = [i for i in items if i.task.report]
    done: list[_Loaded] = []
    while queue:
        item = queue.pop(0)
        try:
            with interrupt.budget(opts.file_timeout):
                _run_rules(item, model, enabled, severity, opts, rules)
        except (interrupt.OverBudget, RecursionError) as e:
            # A chain nested past Python's recursion limit (`a.b.b.b...` 20,000 times: no bracket
            # to make the depth guard look) stops this file the same way, not its whole folder.
            if len(members) > 1:
                members.remove(item.file)
                model = Package(name, members)
                queue, done = done + queue, []
            item.result.findings = []
            item.result.errors.append(
                FileError(item.task.display, "timeout",
                          f"analysis took longer than {opts.file_timeout:g} s (--file-timeout); not analysed")
                if isinstance(e, interrupt.OverBudget) else
                FileError(item.task.display, "limit", "nested too deep to analyse; not analysed"))
            continue
        done.append(item)


def _run_text_rules(item: _Loaded, text_rules: list[Rule], severity: dict[str, Severity]) -> None:
    source = item.asm
    f = SourceFile(item.task.display, source, None, item.task.go_version)
    found: list[Finding] = []
    ctx = Ctx(f, None, found, severity)
    for rule in text_rules:
        ctx.rule = rule
        rule.text_check(ctx, source)
    if found:
        directives = parse_text_directives(source)
        found = [x for x in found if not suppressed(directives, x.rule, x.name, x.start.line)]
    _fingerprint(found)
    found.sort(key=Finding.sort_key)
    item.result.findings = found


def _run_rules(item: _Loaded, model: Package, enabled: list[Rule], severity: dict[str, Severity],
               opts: Options, rules: dict[str, Rule]) -> None:
    f = item.file
    assert f is not None
    found: list[Finding] = []
    ctx = Ctx(f, model, found, severity)
    root = f.root
    # Every rule's query and the model's indexes come from one shared pass over the tree (in C).
    for rule in enabled:
        if not rule.applies_to(f):
            continue  # its patterns were left out of the file's pass
        ctx.rule = rule
        for _, caps in f.index.matches(rule.query):
            if root.has_error:
                first = min((n for nodes in caps.values() for n in nodes), key=lambda n: n.start_byte)
                if syntax.in_error(first):
                    continue  # never guess inside a garbled region
            rule.check(ctx, caps)
    if f.shim is not None:
        for x in found:
            if x.fix is not None and f.shim.spoils(x.fix.edits):
                x.fix = None
                x.message += "; fix unavailable: it would rewrite syntax newer than this parser reads"
    want_unused = "GD001" in opts.rules
    if found or want_unused:
        comments = [caps["c"][0] for _, caps in f.index.matches(_COMMENTS)]
        directives = parse_directives(comments, f.source)
        found = [x for x in found if not suppressed(directives, x.rule, x.name, x.start.line)]
        if want_unused:
            found.extend(_unused(ctx, directives, opts, rules, severity))
    _fingerprint(found)
    found.sort(key=Finding.sort_key)
    item.result.findings = found


def _unused(ctx: Ctx, directives: list[Directive], opts: Options, rules: dict[str, Rule],
            severity: dict[str, Severity]) -> list[Finding]:
    rule = rules["GD001"]
    out: list[Finding] = []
    sink_ctx = Ctx(ctx.file, ctx.model, out, severity)
    sink_ctx.rule = rule
    enabled = set(opts.rules)
    for d in directives:
        if d.malformed:
            msg = f"malformed suppression: {d.malformed}; it is not applied"
        elif d.used or not d.names_us():
            continue
        elif not any(_names_enabled(code, enabled, rules) for code in d.codes):
            continue  # only for rules this run checks (staticcheck does the same)
        else:
            msg = f"suppression {d.text!s} matched no finding; remove it"
        offset = ctx._starts[d.line - 1] + d.column - 1
        sink_ctx.report((offset, offset + len(d.text.encode())), msg)
    return out


def _names_enabled(code: str, enabled: set[str], rules: dict[str, Rule]) -> bool:
    from golint_delete.suppress import TOOL_NAMES

    c = code.strip()
    if c.lower() in TOOL_NAMES:
        return True
    return any((c.upper() == rid or (c.upper().startswith("GD") and rid.startswith(c.upper()))
                or c == rules[rid].name) and rid != "GD001" for rid in enabled)


def _fingerprint(found: list[Finding]) -> None:
    seen: Counter = Counter()
    for x in sorted(found, key=Finding.sort_key):
        key = (x.rule, " ".join(x.source_line.split()))
        x.fingerprint = fingerprint(x.rule, x.source_line, seen[key])
        seen[key] += 1
