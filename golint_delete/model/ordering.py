"""Happens-before for the lock disciplines: whether every write of a map field has finished
before a point of the program runs, so that a range or read there needs no lock.

The lock disciplines (GD403, GD408) take the writers' mutex as evidence that the map is shared
between goroutines. A pipeline often ends in a phase with no writer left: the workers that
wrote under the lock were joined, and the callbacks a library made during a call are over when
it returns (rclone's sync: `DstOnly` writes `dstFiles` under the lock while `march.Run` calls it
back, `tryRename` while the renamer goroutines run; `deleteFiles` ranges the map after
`m.Run(ctx)` returned and `stopRenamers()` waited). Go's memory model orders those: everything a
goroutine does before `wg.Done()` happens before `wg.Wait()` returns, and a call's effects before
the statements after it. What this module proves, by the package's code alone:

- The point's anchor: the statement it runs after. In a declared function, the point itself, or
  each call of the function (all its non-test callers being plain calls from declared
  functions); in a goroutine literal, the `go` that starts it.
- A write is finished before the anchor when its function runs only on goroutines started (by a
  `go` or a group's `Go`) in the anchor's function or in functions it calls before the anchor,
  and joined by a `Wait` of that group in the anchor's function (directly, or in a function it
  calls) after the starts and before the anchor; or runs only inside such a goroutine's calls;
  or is a method with no caller in the package, of an unexported type whose values reach code
  out of view only at the anchor's function, before the anchor, as a synchronous call's
  argument or a literal's field consumed by such calls (a library calls its callbacks during
  the call that was given them: the convention GD406 also relies on).

Anything else (a value stored, a method value handed out, a `go` of the value, an exported
constructor, a loop around the anchor) is an answer of "not proven".
"""

from __future__ import annotations

from tree_sitter import Node

from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen, walk, \
    walk_outside_closures

_DEPTH = 3


def writes_finished_before(pkg, key, at: Node, file) -> bool:
    """Whether every non-test write of the map field `key` has finished before `at` runs."""
    from golint_delete.model.locks import _writes_by_key

    writes = _writes_by_key(pkg).get(key, ())
    if not writes:
        return False
    funcs = {enclosing_function(node): f for node, f, _ in writes}
    if None in funcs:
        return False
    for level in _anchors(pkg, at, file):
        if level and all(_finished(pkg, w, wf, p, c, pf, _DEPTH) for p, c, pf in level
                         for w, wf in funcs.items()):
            return True
    return False


def _anchors(pkg, at: Node, file) -> list[list[tuple]]:
    """The statements `at` runs after, as alternatives: [(function, anchor node, file)] in the
    point's own function, then one per call of that function."""
    from golint_delete.model.goroutines import start_of

    func, point = enclosing_function(at), at
    if func is None:
        return []
    if func.type == "func_literal":
        start = start_of(pkg, pkg.file_of(func, file), func)
        if start is None or start.kind != "go" or start.site is None or start.spawner is None \
                or start.spawner.type == "func_literal":
            return []
        func, point = start.spawner, start.site
    f = pkg.file_of(func, file)
    levels = [[(func, point, f)]]
    sites = [s for s in pkg.callers(func) if not s.file.path.endswith("_test.go")]
    if sites and all(s.kind == "call" and s.caller is not None and s.caller.type != "func_literal"
                     for s in sites):
        levels.append([(s.caller, s.node, s.file) for s in sites])
    return levels


def _finished(pkg, w: Node, wf, p: Node, c: Node, pf, depth: int) -> bool:
    """Whether every run of function `w` is over before the anchor `c` in `p`."""
    from golint_delete.model.goroutines import _loop_around, start_of

    if w == p or _loop_around(c, p) is not None:
        return False
    if w.type == "func_literal":
        start = start_of(pkg, wf, w)
        return start is not None and start.kind == "go" and start.site is not None \
            and start.spawner is not None and _joined(pkg, start.site, start.spawner, w, p, c, pf)
    sites = [s for s in pkg.callers(w) if not s.file.path.endswith("_test.go")]
    if not sites:
        return _called_back_during(pkg, w, p, c)
    for s in sites:
        if s.caller is None:
            return False
        if s.kind == "go":
            if not _joined(pkg, s.node.parent, s.caller, w, p, c, pf):
                return False
        elif s.kind != "call" or depth == 0 or not _finished(pkg, s.caller, s.file, p, c, pf, depth - 1):
            return False
    return True


def _joined(pkg, site: Node, spawner: Node, started: Node, p: Node, c: Node, pf) -> bool:
    """Whether the goroutines `site` starts in `spawner` are started in `p` before `c` (by `p`
    itself, or by calls of `spawner` from `p`) and waited for after that and before `c`, by a
    `Wait` on the group they report to."""
    group = _group_of(site, started)
    if not group:
        return False
    if spawner == p:
        starts = [site]
    else:
        callers = [s for s in pkg.callers(spawner) if not s.file.path.endswith("_test.go")]
        if not callers or any(s.kind != "call" or s.caller != p for s in callers):
            return False
        starts = [s.node for s in callers]
    last = max(s.end_byte for s in starts)
    if last > c.start_byte:
        return False
    for n in walk_outside_closures(p):
        if n.type != "call_expression" or not (last <= n.start_byte and n.end_byte <= c.start_byte):
            continue
        if _waits_on(n, group):
            return True
        callee = pkg.callee(n, pf)
        if callee is not None and callee.decl.type != "func_literal" and callee.decl != p:
            body = callee.decl.child_by_field_name("body")
            if body is not None and any(x.type == "call_expression" and _waits_on(x, group)
                                        for x in walk_outside_closures(body)):
                return True
    return False


def _group_of(site: Node, started: Node) -> set[bytes]:
    """The field names of the group the goroutines report to: `s.wg.Go(f)`'s wg; the group
    fields passed to `go f(..., &s.wg)`; the `x.wg.Done()` the started function calls."""
    out: set[bytes] = set()
    if site.type == "call_expression":
        fn = unparen(site.child_by_field_name("function"))
        if fn.type == "selector_expression":
            name = _last_field(fn.child_by_field_name("operand"))
            if name is not None:
                out.add(name)
        return out
    call = site.named_children[0] if site.named_children else None
    args = call.child_by_field_name("arguments") if call is not None and call.type == "call_expression" else None
    for a in named_non_comment_children(args) if args is not None else ():
        name = _last_field(unparen(a.named_children[0]) if a.type == "unary_expression" and a.named_children else a)
        if name is not None:
            out.add(name)
    body = started.child_by_field_name("body")
    for n in walk(body) if body is not None else ():
        if n.type == "call_expression":
            fn = unparen(n.child_by_field_name("function"))
            if fn.type == "selector_expression" and fn.child_by_field_name("field").text == b"Done":
                name = _last_field(fn.child_by_field_name("operand"))
                if name is not None:
                    out.add(name)
    return out


def _last_field(expr: Node | None) -> bytes | None:
    if expr is None:
        return None
    e = unparen(expr)
    if e.type == "selector_expression":
        return e.child_by_field_name("field").text
    return None


def _waits_on(call: Node, group: set[bytes]) -> bool:
    fn = unparen(call.child_by_field_name("function"))
    return fn.type == "selector_expression" and fn.child_by_field_name("field").text == b"Wait" \
        and _last_field(fn.child_by_field_name("operand")) in group


def _called_back_during(pkg, method: Node, p: Node, c: Node) -> bool:
    """Whether a method nothing in the package calls runs only during calls `p` makes before
    `c`: its type is unexported and its values leave the package's view only there."""
    from golint_delete.model.package import _receiver_base

    if method.type != "method_declaration":
        return False
    base = _receiver_base(method.child_by_field_name("receiver"))
    if base is None or not base[:1].islower():
        return False
    outs = pkg.memo("hand_outs", base, lambda: _hand_outs(pkg, base))
    if outs is None:
        return False
    return all(enclosing_function(n) == p and n.end_byte <= c.start_byte for n in outs)


def _hand_outs(pkg, base: bytes) -> list[Node] | None:
    """Where values of the package type `base` reach code out of the package's view: a call of
    another package taking one, or a literal of another package's type holding one that only
    such calls use (the node given is the call, or the last use of the literal). None when a
    value goes anywhere else that cannot be followed (stored, returned by an exported function,
    a method value, a goroutine, an interface the package holds)."""
    from golint_delete.model.types import Named, deref

    def of_base(t) -> bool:
        d = deref(t) if t is not None else None
        return isinstance(d, Named) and d.name == base and d.spec is not None

    out: list[Node] = []
    for f in pkg.files:
        if f.path.endswith("_test.go"):
            continue
        for n in walk(f.root):
            if n.type == "identifier":
                obj = pkg.object_of(n, f)
                if obj is None or obj.kind not in ("var", "param", "receiver") or not of_base(pkg.type_of_obj(obj, f)):
                    continue
                e = n
            elif n.type == "composite_literal" and _literal_base(n) == base:
                e = n.parent if n.parent is not None and n.parent.type == "unary_expression" else n
            else:
                continue
            verdict = _classify(pkg, e, f, base, of_base)
            if verdict is None:
                return None
            if verdict is not True:
                out.append(verdict)
    return out


def _literal_base(lit: Node) -> bytes | None:
    t = lit.child_by_field_name("type")
    if t is not None and t.type == "type_identifier":
        return t.text
    return None


def _classify(pkg, e: Node, f, base: bytes, of_base):
    """True for a use that keeps the value in view, a node for a hand-out to code out of view
    that ends there, None for one that cannot be followed."""
    while e.parent is not None and e.parent.type == "parenthesized_expression":
        e = e.parent
    p = e.parent
    if p is None:
        return None
    t = p.type
    if t in ("parameter_declaration", "variadic_parameter_declaration", "range_clause"):
        return True
    if t == "selector_expression" and p.child_by_field_name("operand") == e:
        field = p.child_by_field_name("field").text
        # A field, a method call, or a method value: the package's own code, whose calls of the
        # method asked about are its callers (a method value of it is one of them).
        return True
    if t == "binary_expression":
        return True
    if t == "expression_list" and p.parent is not None:
        stmt = p.parent
        if stmt.type in ("assignment_statement", "short_var_declaration", "var_spec"):
            if stmt.child_by_field_name("left") == p or stmt.child_by_field_name("name") == p:
                return True
            left = stmt.child_by_field_name("left") or stmt.child_by_field_name("name")
            names = named_non_comment_children(left) if left is not None else []
            values = named_non_comment_children(p)
            if len(names) != len(values):
                return None
            target = names[values.index(e)]
            if target.type == "identifier" and (target.text == b"_" or of_base(
                    pkg.type_of_obj(pkg.object_of(target, f), f))):
                return True
            return None
        if stmt.type == "return_statement":
            func = enclosing_function(stmt)
            name = func.child_by_field_name("name") if func is not None else None
            result = func.child_by_field_name("result") if func is not None else None
            if name is not None and name.text[:1].islower() and result is not None and base in result.text:
                return True
            return None
        return None
    if t == "argument_list":
        call = p.parent
        callee = pkg.callee(call, f)
        if callee is not None:
            if callee.decl.type == "func_literal":
                return None
            params = [d for d in named_non_comment_children(callee.decl.child_by_field_name("parameters"))
                      if d.type == "parameter_declaration"]
            i = named_non_comment_children(p).index(e)
            flat = [d for d in params for _ in (d.children_by_field_name("name") or [None])]
            if i < len(flat) and base in (flat[i].child_by_field_name("type").text or b""):
                return True
            return None
        from golint_delete.model.goroutines import _outside_package

        if call.parent is not None and call.parent.type in ("go_statement", "defer_statement"):
            return None  # runs later, out of view
        return call if _outside_package(pkg, f, call) else None
    if t in ("literal_element", "keyed_element"):
        q, held = p, e
        if q.type == "literal_element":
            q, held = q.parent, q
        if q is not None and q.type == "keyed_element":
            if named_non_comment_children(q)[:1] == [held]:
                return None  # a key
            q = q.parent
        if q is not None and q.type == "literal_value":
            return _literal_consumed(pkg, q.parent, f)
    return None


def _literal_consumed(pkg, lit: Node | None, f):
    """The last use of another package's composite literal, when it is only the argument of a
    synchronous call out of view, or a local's value that only such method calls use."""
    if lit is None or lit.type != "composite_literal":
        return None
    t = lit.child_by_field_name("type")
    if t is None or t.type != "qualified_type":
        return None
    e = lit.parent if lit.parent is not None and lit.parent.type == "unary_expression" else lit
    p = e.parent
    if p is not None and p.type == "argument_list":
        from golint_delete.model.goroutines import _outside_package

        call = p.parent
        if call.parent is not None and call.parent.type in ("go_statement", "defer_statement"):
            return None
        return call if _outside_package(pkg, f, call) else None
    if p is None or p.type != "expression_list" or p.parent is None or p.parent.type != "short_var_declaration":
        return None
    names = named_non_comment_children(p.parent.child_by_field_name("left"))
    if len(names) != 1:
        return None
    obj = pkg.object_of(names[0], f)
    func = enclosing_function(lit)
    if obj is None or func is None:
        return None
    last = None
    for n in walk(func):
        if n.type != "identifier" or n == names[0] or n.text != obj.name or pkg.object_of(n, f) != obj:
            continue
        call = _synchronous_use(pkg, n, f)
        if call is None or enclosing_function(call) != func:
            return None
        last = call if last is None or call.end_byte > last.end_byte else last
    return last


def _synchronous_use(pkg, n: Node, f) -> Node | None:
    """The call that uses `n` and is over when it returns: `n.Method(...)`, or a call of another
    package taking `n`; None for any other use (stored, deferred, started, passed in the package)."""
    from golint_delete.model.goroutines import _outside_package

    p = n.parent
    if p is not None and p.type == "selector_expression" and p.child_by_field_name("operand") == n:
        call = p.parent
        ok = call is not None and call.type == "call_expression" and call.child_by_field_name("function") == p
    elif p is not None and p.type == "argument_list":
        call = p.parent
        ok = _outside_package(pkg, f, call)
    else:
        return None
    if not ok or call.parent is None or call.parent.type in ("go_statement", "defer_statement"):
        return None
    return call
