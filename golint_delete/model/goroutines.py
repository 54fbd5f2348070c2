"""Which code runs on another goroutine, and who else touches a map.

A function body runs concurrently with its caller when it is a function literal started with `go`
or given to `wg.Go` (sync.WaitGroup) or `g.Go` (errgroup.Group), a same-package function or method
started with `go f()`, or a callback the standard library runs on its own goroutine (time.AfterFunc). HTTP handlers (functions given to http.HandleFunc,
(*http.ServeMux).HandleFunc, http.HandlerFunc, and ServeHTTP methods) run concurrently with each
other: the server calls them from one goroutine per connection.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from golint_delete.model.queries import STARTS
from golint_delete.model.types import Foreign, Named, deref
from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen, walk, walk_outside_closures

_HANDLER_REGISTRARS = frozenset({b"HandleFunc", b"Handle"})


@dataclass(frozen=True)
class Start:
    kind: str  # "go", "go-func", "afterfunc", "handler"
    func: Node  # the function whose body runs on the other goroutine
    site: Node | None  # the go statement / registration call, if known
    spawner: Node | None  # the function holding the site
    in_loop: Node | None  # the loop around the go statement, if any


def _loop_around(node: Node, func: Node | None) -> Node | None:
    n = node.parent
    while n is not None and n != func:
        if n.type == "for_statement":
            return n
        n = n.parent
    return None


def _import_call(pkg, file, call: Node, path: bytes, names) -> bool:
    q = pkg.qualified(call.child_by_field_name("function"), file)
    return q is not None and q.path == path and q.name in names


def _is_handler_registration(pkg, file, call: Node) -> bool:
    """http.HandleFunc / http.Handle, or a HandleFunc/Handle method of an *http.ServeMux."""
    if _import_call(pkg, file, call, b"net/http", _HANDLER_REGISTRARS):
        return True
    fn = unparen(call.child_by_field_name("function"))
    if fn.type != "selector_expression" or fn.child_by_field_name("field").text not in _HANDLER_REGISTRARS:
        return False
    t = deref(pkg.type_of(fn.child_by_field_name("operand"), file))
    return isinstance(t, Named) and t.name == b"net/http.ServeMux"


_GROUPS = frozenset({b"sync.WaitGroup", b"golang.org/x/sync/errgroup.Group"})


def _group_go(pkg, file, call: Node) -> bool:
    """`wg.Go(f)` (sync.WaitGroup, Go 1.25+) or `g.Go(f)` (errgroup.Group): f runs on a new goroutine."""
    fn = unparen(call.child_by_field_name("function"))
    if fn.type != "selector_expression" or fn.child_by_field_name("field").text != b"Go":
        return False
    t = deref(pkg.type_of(fn.child_by_field_name("operand"), file))
    return isinstance(t, Named) and t.name in _GROUPS


def _is_handler_func_conversion(pkg, file, call: Node) -> bool:
    """`http.HandlerFunc(f)` whose value may reach a server; not one only ever called in place
    (`h := http.HandlerFunc(f); h.ServeHTTP(rec, req)` in a test runs f on the caller's goroutine)."""
    return _import_call(pkg, file, call, b"net/http", {b"HandlerFunc"}) and not _only_served_in_place(pkg, file, call)


def _called_as_serve_http(expr: Node) -> bool:
    sel = expr.parent
    return sel is not None and sel.type == "selector_expression" and sel.child_by_field_name("operand") == expr \
        and sel.child_by_field_name("field").text == b"ServeHTTP" \
        and sel.parent is not None and sel.parent.type == "call_expression"


def _only_served_in_place(pkg, file, value: Node, depth: int = 0) -> bool:
    """A handler value that only ever runs on its caller's goroutine: `ServeHTTP` is called on
    it, or on the handler a wrapper makes of it (`h := Middleware(inner); h.ServeHTTP(rec, req)`:
    middleware calls the handler it wraps from its own ServeHTTP), held in a local whose every
    use is one of those. A handler passed to anything else (http.Handle, httptest.NewServer, a
    server's field) may be served by a server's goroutines."""
    if depth > 3:
        return False
    if _called_as_serve_http(value):
        return True
    holder = value.parent
    if holder is not None and holder.type == "argument_list" and holder.parent is not None:
        return _result_served_in_place(pkg, file, holder.parent, depth + 1)  # wrapped
    return _result_served_in_place(pkg, file, value, depth)


def _result_served_in_place(pkg, file, expr: Node, depth: int) -> bool:
    """`h := expr` (or `h, err := wrapper(...)`), and every use of h serves it in place."""
    from golint_delete.model.uses import ARGUMENT

    if _called_as_serve_http(expr):
        return True
    holder = expr.parent
    if holder is None or holder.type != "expression_list" or holder.parent is None \
            or holder.parent.type != "short_var_declaration" or len(named_non_comment_children(holder)) != 1:
        return False
    names = named_non_comment_children(holder.parent.child_by_field_name("left"))
    func = enclosing_function(expr)
    obj = pkg.object_of(names[0], file) if names else None
    if obj is None or func is None:
        return False
    uses = pkg.uses(obj, file, func)
    return bool(uses) and all(_called_as_serve_http(u.node)
                              or (u.kind == ARGUMENT and _only_served_in_place(pkg, file, u.node, depth + 1))
                              for u in uses)


def start_of(pkg, file, func: Node) -> Start | None:
    """How the body of `func` comes to run on another goroutine, if it does."""
    if func.type == "func_literal":
        parent = func.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == func:
            if parent.parent is not None and parent.parent.type == "go_statement":
                spawner = enclosing_function(parent.parent)
                return Start("go", func, parent.parent, spawner, _loop_around(parent.parent, spawner))
            return None
        if parent is not None and parent.type == "argument_list":
            call = parent.parent
            spawner = enclosing_function(call)
            if _import_call(pkg, file, call, b"time", {b"AfterFunc"}):
                return Start("afterfunc", func, call, spawner, _loop_around(call, spawner))
            if _group_go(pkg, file, call):
                return Start("go", func, call, spawner, _loop_around(call, spawner))
            if _is_handler_registration(pkg, file, call) or _is_handler_func_conversion(pkg, file, call):
                return Start("handler", func, call, spawner, None)
        return None
    name = func.child_by_field_name("name")
    if name is None:
        return None
    if func.type == "method_declaration" and name.text == b"ServeHTTP":
        params = func.child_by_field_name("parameters")
        if params is not None and b"http.ResponseWriter" in params.text and b"http.Request" in params.text:
            return Start("handler", func, None, None, None)
    site = pkg.analysis(Starts).of.get(func)
    if site is not None:
        kind, node, f = site
        spawner = enclosing_function(node)
        return Start("go-func" if kind == "go" else kind, func, node, spawner, _loop_around(node, spawner))
    return None


class Starts:
    """The declared functions and methods the package starts with `go f(...)` / `go x.m(...)` or
    registers as HTTP handlers, each resolved by the call graph (by the receiver's type: `go
    b.loop()` starts (*B).loop, never (*A).loop)."""

    def __init__(self, pkg) -> None:
        self.of: dict[Node, tuple[str, Node, object]] = {}
        for f in pkg.files:
            for _, caps in f.index.matches(STARTS):
                if "call" in caps:
                    callee = pkg.callee(caps["call"][0], f)
                    if callee is not None and callee.decl.type != "func_literal":
                        self.of.setdefault(callee.decl, ("go", caps["call"][0].parent, f))
                elif "reg" in caps:
                    call = caps["reg"][0]
                    if not (_is_handler_registration(pkg, f, call) or _is_handler_func_conversion(pkg, f, call)):
                        continue
                    for a in named_non_comment_children(caps["args"][0]):
                        target = pkg.func_value(a, f)
                        if target is not None and target.decl.type != "func_literal":
                            self.of.setdefault(target.decl, ("handler", call, f))


def accesses_after(pkg, file, site: Node, obj, spawner: Node) -> bool:
    """Whether the spawning function uses `obj` after `site` and before joining its goroutines
    (a `.Wait()` call, a channel receive, or a select)."""
    for n in walk(spawner):
        if n.start_byte < site.end_byte:
            continue
        if _waits(n) or n.type == "select_statement":
            return False
        if n.type == "identifier" and n.text == obj.name and pkg.object_of(n, file) == obj:
            return True
    return False


def _waits(n: Node) -> bool:
    """A `.Wait()` call or a channel receive: where a spawner waits for its goroutines."""
    if n.type == "call_expression":
        fn = unparen(n.child_by_field_name("function"))
        return fn.type == "selector_expression" and fn.child_by_field_name("field").text == b"Wait"
    return n.type == "unary_expression" and n.child(0) is not None and n.child(0).type == "<-"


def _bookkeeping(call: Node) -> bool:
    """`wg.Add(n)` and the like: calls that cannot touch a map."""
    fn = unparen(call.child_by_field_name("function"))
    return fn.type == "selector_expression" and fn.child_by_field_name("field").text in (b"Add", b"Done")


def _outside_package(pkg, file, call: Node) -> bool:
    """A call of another package's function or of a method on a value of another package's type
    (`fmt.Println`, `r.Run()` with r from a library): it cannot reach this package's maps."""
    fn = unparen(call.child_by_field_name("function"))
    if pkg.qualified(fn, file) is not None:
        return True
    if fn.type != "selector_expression" or pkg.callee(call, file) is not None:
        return False
    t = deref(pkg.type_of(fn.child_by_field_name("operand"), file))
    return isinstance(t, Foreign) or isinstance(t, Named) and t.spec is None


def joined_before_use(pkg, file, start: Start, m: Node) -> bool:
    """Whether the spawner waits for this one goroutine before it uses the map again or returns:
    the statements after the `go` in its block reach a join (`wg.Wait()`, a receive) with no
    mention of the map and no way out before it. Then the goroutine's writes happen inside the
    spawner's call, as if it had made them itself, and other functions of the package are no
    more concurrent with them than with the spawner."""
    site = start.site
    if site is None or site.type != "go_statement" or start.spawner is None or start.in_loop is not None:
        return False
    # In a started method the map's root is the method's own receiver or parameter, named
    # differently in the spawner: there only its field names can show a use.
    names = {n.text for n in walk(m) if n.type == "field_identifier"
             or (n.type == "identifier" and start.func.type == "func_literal")}
    if not names:
        return False
    stmt = site.next_named_sibling
    while stmt is not None:
        if stmt.type != "comment":
            if any(_waits(x) for x in walk_outside_closures(stmt)):
                return not any(x.type in ("identifier", "field_identifier") and x.text in names
                               for x in walk(stmt))
            if pkg.leaves(stmt, file) is not None or any(
                    x.type in ("identifier", "field_identifier") and x.text in names
                    or x.type in ("return_statement", "func_literal")
                    or (x.type == "call_expression" and not _bookkeeping(x) and not _outside_package(pkg, file, x))
                    for x in walk_outside_closures(stmt)):
                return False  # a use of the map (a call of this package may use it too), or a way out
        stmt = stmt.next_named_sibling
    return False


@dataclass(frozen=True)
class ConcurrentMutation:
    node: Node  # the write or delete
    map: Node
    kind: str  # "write" | "delete"
    func: Node
    start: Start


def unlocked_concurrent_mutation(pkg, file, caps: dict) -> ConcurrentMutation | None:
    """A map write or delete in a function that runs on another goroutine, with no write lock
    held there: the common first question of GD401 and GD404."""
    from golint_delete.model.mutations import mutated_map

    found = mutated_map(pkg, file, caps)
    if found is None:
        return None
    node, m, kind = found
    func = enclosing_function(node)
    start = start_of(pkg, file, func) if func is not None else None
    if start is None:
        return None
    held = pkg.locks_at(node, file)
    # None: not reached, or a function the lock analysis cannot follow (goto): say nothing.
    if held is None or held.write_held():
        return None
    return ConcurrentMutation(node, m, kind, func, start)


_ANY = "any"  # a call cycle's placeholder: adds no goroutine of its own


def goroutine_origin(pkg, func: Node, file) -> Node | None:
    """The `go` statement whose goroutine is the only one a declared function runs on, for its
    receiver value: the function is unexported, every reference to it in the package's non-test
    code is a call (no method value, no interface), made by functions with that same origin, or
    is itself the one `go x.f()` a constructor makes for the value it just built (`l :=
    &lessor{...}; go l.runLoop()`), not in a loop. None otherwise: an exported function may be
    called by importers from any number of goroutines. Tests' calls are left out: they poke a
    value from the test's goroutine, which says nothing about how the program runs it."""
    got = _origin_or_any(pkg, func, file)
    return None if got is _ANY else got


def _origin_or_any(pkg, func: Node, file):
    """goroutine_origin, with _ANY for a function no non-test code calls, or the cycle being
    answered: either adds no goroutine to a caller's answer."""
    return pkg.memo("goroutine_origin", func, lambda: _goroutine_origin(pkg, func, file), cycle=_ANY)


def _goroutine_origin(pkg, func: Node, file):
    from golint_delete.model.calls import is_exported

    name = func.child_by_field_name("name")
    if func.type not in ("function_declaration", "method_declaration") or name is None or is_exported(name.text):
        return None
    in_test = pkg.file_of(func, file).path.endswith("_test.go")
    origin = _ANY
    for site in pkg.callers(func):
        if site.file.path.endswith("_test.go") and not in_test:
            continue
        caller = site.caller
        if site.kind not in ("call", "defer", "go") or caller is None or caller.type == "func_literal":
            return None
        if site.kind == "go":
            go = site.node.parent
            if _loop_around(go, caller) is not None or site.receiver is None:
                return None
            root = site.receiver
            obj = pkg.object_of(root, site.file) if root.type == "identifier" else None
            value = pkg.sole_value(obj, site.file) if obj is not None and obj.kind == "var" else None
            if value is None or not pkg.is_made(value, site.file):
                return None
            theirs = go
        else:
            theirs = _origin_or_any(pkg, caller, site.file)
            if theirs is None:
                return None
        if theirs is not _ANY:
            if origin is not _ANY and origin != theirs:
                return None  # two goroutines call it
            origin = theirs
    return None if origin is _ANY else origin
