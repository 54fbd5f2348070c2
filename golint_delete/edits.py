"""Building blocks for fixes: text edits computed from the tree, which keep comments and
indentation and leave a gofmt-clean file."""

from __future__ import annotations

from tree_sitter import Node

from golint_delete.findings import Edit
from golint_delete.model.package import Package, SourceFile
from golint_delete.syntax import walk


def replace(node: Node, text: str) -> Edit:
    return Edit(node.start_byte, node.end_byte, text)


def whole_statement(stmt: Node) -> Node | None:
    """The statement to replace: with its label when it has one that nothing else uses (a label
    left on a new statement that no branch names is a compile error); None when a goto or branch
    elsewhere names the label."""
    parent = stmt.parent
    if parent is None or parent.type != "labeled_statement":
        return stmt
    label = parent.child_by_field_name("label")
    func = parent
    while func.parent is not None and func.type not in ("function_declaration", "method_declaration",
                                                         "func_literal"):
        func = func.parent
    uses = [n for n in walk(func) if n.type == "label_name" and n.text == label.text
            and not (stmt.start_byte <= n.start_byte < stmt.end_byte)]
    return parent if len(uses) == 1 else None


def indentation(file: SourceFile, node: Node) -> str:
    start = file.source.rfind(b"\n", 0, node.start_byte) + 1
    prefix = file.source[start:node.start_byte]
    return prefix[: len(prefix) - len(prefix.lstrip(b" \t"))].decode()


def import_name(pkg: Package, file: SourceFile, path: bytes, at: Node) -> tuple[str, Edit | None] | None:
    """The name under which `path` is usable at `at`, and the edit that imports it if needed;
    None when that name is taken (another import, a package-level or local declaration)."""
    for name, obj in file.imports().items():
        if file.import_path(obj) == path:
            return name.decode(), None
    base = path.rsplit(b"/", 1)[-1]
    ident = next((n for n in walk(at) if n.type == "identifier"), None)
    taken = base in file.imports() or base in pkg.package_decls()
    if ident is not None:
        # Resolve the would-be name where it will be used: a local `maps` shadows the import.
        obj = pkg.resolver.resolve_name(base, ident, file)
        taken = taken or (obj is not None and obj.kind != "builtin")
    if taken:
        return None
    edit = _add_import(file, path)
    return None if edit is None else (base.decode(), edit)


def shadowing(pkg: Package, file: SourceFile, name: bytes, at: Node):
    """What declares `name` where `at` is, when that is not the builtin of that name (a local,
    a parameter, a package-level declaration in any file of the package): a fix writing
    `clear(m)` there would call it, and not compile. None when the builtin is what it means."""
    ident = next((n for n in walk(at) if n.type == "identifier"), None)
    obj = pkg.resolver.resolve_name(name, ident, file) if ident is not None else None
    if obj is None:
        obj = pkg.package_decls().get(name)
    return obj if obj is not None and obj.kind != "builtin" else None


def line_ending(file: SourceFile) -> str:
    """The file's own line ending, for the lines a fix adds: CRLF if it has any, else LF."""
    return "\r\n" if b"\r\n" in file.source else "\n"


def fits_one_line_func(header: str, body: str) -> bool:
    """Whether gofmt keeps a function literal `header { body }` on one line: go/printer's
    funcBody does when the header's width plus the body's is at most 100 (its maxSize)."""
    return len(header) + len(body) <= 100


def _add_import(file: SourceFile, path: bytes) -> Edit | None:
    """The edit that imports `path` as goimports would: into the import group of standard
    packages (sorted), a group of its own first when the file imports only other packages; a
    single `import "x"` becomes a parenthesised list; the file's own line ending throughout."""
    root = file.root
    nl = line_ending(file)
    decls = [c for c in root.named_children if c.type == "import_declaration"]
    quoted = b'"' + path + b'"'
    std = _is_std(path)
    for decl in decls:
        lst = next((c for c in decl.named_children if c.type == "import_spec_list"), None)
        if lst is None:
            continue
        specs = [c for c in lst.named_children if c.type == "import_spec"]
        if not specs:
            continue
        # gofmt sorts each run of consecutive import lines: join the run of our kind, in order.
        groups = [[specs[0]]]
        for spec in specs[1:]:
            if spec.start_point.row != groups[-1][-1].end_point.row + 1:
                groups.append([])
            groups[-1].append(spec)
        indent = indentation(file, specs[0]).encode()
        group = next((g for g in groups if all(_is_std(_spec_path(x)) == std for x in g)), None)
        if group is None:
            if std:  # a group of its own, first
                first = specs[0]
                return Edit(first.start_byte, first.start_byte, quoted.decode() + nl + nl + indent.decode())
            last = specs[-1]  # another package's path: a group of its own, last
            return Edit(last.end_byte, last.end_byte, nl + nl + (indent + quoted).decode())
        for spec in group:
            p = spec.child_by_field_name("path")
            if p is not None and p.text > quoted:
                return Edit(spec.start_byte - len(indent), spec.start_byte - len(indent),
                            (indent + quoted).decode() + nl)
        last = group[-1]
        return Edit(last.end_byte, last.end_byte, nl + (indent + quoted).decode())
    single = [d for d in decls if d.named_child_count and d.named_children[0].type == "import_spec"]
    if len(decls) == 1 and len(single) == 1 and not any(c.type == "comment" for c in decls[0].children):
        # `import "fmt"` alone: one parenthesised declaration, as goimports writes it.
        spec = single[0].named_children[0]
        old = spec.text.decode()
        other = _spec_path(spec)
        if _is_std(other) == std:
            lines = sorted([old, quoted.decode()], key=lambda t: t.split('"')[1] if '"' in t else t)
            body = nl.join("\t" + x for x in lines)
        else:
            first, second = (quoted.decode(), old) if std else (old, quoted.decode())
            body = "\t" + first + nl + nl + "\t" + second
        return Edit(decls[0].start_byte, decls[0].end_byte, "import (" + nl + body + nl + ")")
    if decls:
        return Edit(decls[-1].end_byte, decls[-1].end_byte, nl + nl + f"import {quoted.decode()}")
    clause = next((c for c in root.named_children if c.type == "package_clause"), None)
    if clause is None:
        return None  # no package clause to put it after: no fix
    return Edit(clause.end_byte, clause.end_byte, nl + nl + f"import {quoted.decode()}")


def _spec_path(spec: Node) -> bytes:
    p = spec.child_by_field_name("path")
    return p.text.strip(b'"`') if p is not None else b""


def _is_std(path: bytes) -> bool:
    """A standard library path: its first element has no dot (goimports' rule)."""
    return b"." not in path.split(b"/", 1)[0]


def type_text(pkg: Package, file: SourceFile, node: Node | None, where: SourceFile) -> str | None:
    """The source text of a type written in `where`, if it means the same type in `file`: only
    predeclared and package-level names, and qualified names imported the same way."""
    if node is None:
        return None
    for n in walk(node):
        if n.type == "type_identifier" and n.parent is not None and n.parent.type == "qualified_type":
            continue  # `time.Time`'s Time: the package's import decides, below
        if n.type == "type_identifier":
            obj = pkg.object_of(n, where)
            if obj is None or obj.kind not in ("builtin", "type") or \
                    (obj.kind == "type" and pkg.package_decls().get(obj.name) != obj):
                return None
        elif n.type == "qualified_type":
            q = n.child_by_field_name("package")
            mine, theirs = file.imports().get(q.text), where.imports().get(q.text)
            if mine is None or theirs is None or file.import_path(mine) != where.import_path(theirs):
                return None
        elif n.type in ("ERROR", "interface_type", "struct_type", "function_type"):
            return None
    return node.text.decode()
