"""Which maps a function inserts into, in its callers' terms: a call in the body of a range over
a map that writes that same map (through the receiver, `s.add(x)` writing `s.m[x]`, or a map
parameter, `fill(m, x)`) is an insert during the range as much as `m[x] = v` in the body is.

A function's inserts are the writes `root.f.g[k] = v` it makes outside function literals, whose
root is its receiver or a parameter, and those of the functions it calls, carried over to its
own receiver and parameters through the arguments it passes. A callee first asked about in a
cycle of calls sees its own unfinished answer as "none".
"""

from __future__ import annotations

from typing import NamedTuple

from tree_sitter import Node

from golint_delete.model.locks import receiver_obj, param_objs
from golint_delete.model.queries import MUTATIONS
from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen, walk_outside_closures, \
    without_address

RECEIVER = "receiver"


class Insert(NamedTuple):
    root: object  # RECEIVER, or the index of the parameter the map is reached from
    steps: tuple  # field names from the root to the map (empty: the root is the map)
    node: Node  # the write, in the callee or a function it calls
    file: object  # the write's file
    key_param: int | None  # the parameter the key is, when it is one of them


class CallInsert(NamedTuple):
    path: tuple  # the map written, as the caller's access path
    key: Node | None  # the caller's argument the callee uses as the key, if one is
    insert: Insert


def inserts_of(pkg, func: Node, file) -> tuple:
    return pkg.memo("inserts", func, lambda: _inserts(pkg, func, pkg.types.file_of(func, file)), cycle=())


def _inserts(pkg, func: Node, f) -> tuple:
    if func.type not in ("function_declaration", "method_declaration"):
        return ()
    roots = {}
    recv = receiver_obj(pkg, func, f)
    if recv is not None:
        roots[recv] = RECEIVER
    params = param_objs(pkg, func, f) or []
    for i, p in enumerate(params):
        if p is not None:
            roots[p] = i
    if not roots:
        return ()
    out = []
    for _, caps in f.index.matches(MUTATIONS, within=func):
        for w in caps.get("w", ()):
            if enclosing_function(w) != func:
                continue
            m = w.child_by_field_name("operand")
            path = pkg.path(m, f) if m is not None else None
            if path is None or path[0] not in roots or not all(isinstance(s, bytes) for s in path[1:]) \
                    or not pkg.is_map(m, f):
                continue
            key = unparen(w.child_by_field_name("index"))
            key_obj = pkg.object_of(key, f) if key.type == "identifier" else None
            out.append(Insert(roots[path[0]], path[1:], w, f, roots.get(key_obj) if key_obj in params else None))
    body = func.child_by_field_name("body")
    for n in walk_outside_closures(body) if body is not None else ():
        if n.type != "call_expression" or n.parent is not None and n.parent.type in ("go_statement", "defer_statement"):
            continue
        for ci in call_inserts(pkg, n, f):
            if ci.path[0] in roots and all(isinstance(s, bytes) for s in ci.path[1:]):
                key_obj = pkg.object_of(unparen(ci.key), f) if ci.key is not None and unparen(ci.key).type == "identifier" else None
                out.append(Insert(roots[ci.path[0]], ci.path[1:], ci.insert.node, ci.insert.file,
                                  roots.get(key_obj) if key_obj in params else None))
    return tuple(out)


def call_inserts(pkg, call: Node, f) -> list:
    """The maps a call inserts into, by its callee's inserts, in the caller's terms."""
    callee = pkg.callee(call, f)
    if callee is None or callee.decl.type not in ("function_declaration", "method_declaration") \
            or enclosing_function(call) == callee.decl:
        return []
    inserts = inserts_of(pkg, callee.decl, callee.file)
    if not inserts:
        return []
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    out = []
    for ins in inserts:
        if ins.root == RECEIVER:
            base = callee.receiver
        else:
            base = args[ins.root] if ins.root < len(args) else None
        # fill(&cfg) with cfg.m written through the pointer
        base = without_address(base) if base is not None else None
        path = pkg.path(base, f) if base is not None else None
        if path is None:
            continue
        key = args[ins.key_param] if ins.key_param is not None and ins.key_param < len(args) else None
        out.append(CallInsert(path + ins.steps, key, ins))
    return out
