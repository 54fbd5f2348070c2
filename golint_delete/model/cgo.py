"""cgo: what hands a Go map to C. A map value is a pointer to a runtime structure full of Go
pointers, which the cgo pointer-passing rules forbid C to receive or keep."""

from __future__ import annotations

import re

from tree_sitter import Node

from golint_delete.model.knowledge import map_address, unsafe_pointer_arg
from golint_delete.model.types import CType, Pointer, deref, is_map
from golint_delete.syntax import unparen

_EXPORT = re.compile(rb"^//export\s+\S+")


def imports_c(file) -> bool:
    return any(file.import_path(obj) == b"C" for obj in file.imports().values())


def is_c_package(pkg, ident: Node, file) -> bool:
    """`C` in `C.f(...)` is the cgo pseudo-package (not a shadowing name)."""
    obj = pkg.object_of(ident, file)
    return obj is not None and file.import_path(obj) == b"C"


def go_map_handed(pkg, expr: Node, file) -> str | None:
    """How `expr` hands over a Go map (a map, a pointer to one, unsafe.Pointer to one), or None."""
    e = unparen(expr)
    t = pkg.type_of(e, file)
    if is_map(t):
        return "a Go map"
    if isinstance(t.underlying(), Pointer) and is_map(t.underlying().elem):
        return "a pointer to a Go map"
    if map_address(pkg, file, e) is not None:
        return "unsafe.Pointer to a Go map"
    inner = unsafe_pointer_arg(pkg, file, e)
    if inner is not None:
        it = pkg.type_of(inner, file).underlying()
        if isinstance(it, Pointer) and is_map(it.elem):
            return "unsafe.Pointer to a Go map"
    if e.type == "unary_expression" and e.child(0).type == "&" and pkg.is_map(e.child_by_field_name("operand"), file):
        return "a pointer to a Go map"
    return None


def is_c_memory(pkg, target: Node, file) -> bool:
    """Whether an assignment target lies in C memory: a field or element reached through a C type,
    or `*p` with p pointing to one."""
    t = unparen(target)
    while t.type in ("selector_expression", "index_expression"):
        operand = t.child_by_field_name("operand")
        if isinstance(deref(pkg.type_of(operand, file)), CType):
            return True
        t = unparen(operand)
    if t.type == "unary_expression" and t.child(0).type == "*":
        return isinstance(deref(pkg.type_of(t.child_by_field_name("operand"), file)), CType)
    return False


def exported_map_types(pkg, func: Node, file) -> list[Node]:
    """For a function marked `//export`: the map types in its signature (C callers would hold
    them); empty for any other function."""
    prev = func.prev_named_sibling
    if prev is None or prev.type != "comment" or not _EXPORT.match(prev.text):
        return []
    out = []
    for field in ("parameters", "result"):
        plist = func.child_by_field_name(field)
        if plist is None:
            continue
        decls = plist.named_children if plist.type == "parameter_list" else [plist]
        for decl in decls:
            tnode = decl.child_by_field_name("type") if decl.type.endswith("parameter_declaration") else decl
            if tnode is not None and is_map(pkg.type_of_node(tnode, file)):
                out.append(tnode)
    return out
