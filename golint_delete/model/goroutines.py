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

from golint_delete import syntax
from golint_delete.syntax import named_non_comment_children, unparen, walk

_FUNCS = frozenset({"func_literal", "function_declaration", "method_declaration"})
_HANDLER_REGISTRARS = frozenset({b"HandleFunc", b"Handle"})


@dataclass(frozen=True)
class Start:
    kind: str  # "go", "go-func", "afterfunc", "handler"
    func: Node  # the function whose body runs on the other goroutine
    site: Node | None  # the go statement / registration call, if known
    spawner: Node | None  # the function holding the site
    in_loop: Node | None  # the loop around the go statement, if any


def enclosing_function(node: Node) -> Node | None:
    n = node.parent
    while n is not None and n.type not in _FUNCS:
        n = n.parent
    return n


def _loop_around(node: Node, func: Node | None) -> Node | None:
    n = node.parent
    while n is not None and n != func:
        if n.type == "for_statement":
            return n
        n = n.parent
    return None


def _import_call(pkg, file, call: Node, path: bytes, names) -> bool:
    fn = unparen(call.child_by_field_name("function"))
    if fn.type != "selector_expression":
        return False
    operand, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
    if name.text not in names or operand.type != "identifier":
        return False
    obj = pkg.object_of(operand, file)
    return obj is not None and obj.kind == "import" and file.import_path(obj) == path


def _is_handler_registration(pkg, file, call: Node) -> bool:
    """http.HandleFunc / http.Handle, or a HandleFunc/Handle method of an *http.ServeMux."""
    if _import_call(pkg, file, call, b"net/http", _HANDLER_REGISTRARS):
        return True
    fn = unparen(call.child_by_field_name("function"))
    if fn.type != "selector_expression" or fn.child_by_field_name("field").text not in _HANDLER_REGISTRARS:
        return False
    from golint_delete.model.types import Named, deref

    t = deref(pkg.type_of(fn.child_by_field_name("operand"), file))
    return isinstance(t, Named) and t.name == b"net/http.ServeMux"


# `go f(...)` calls, and calls of a method named like a handler registration (the query's predicate
# keeps the other calls, most of a package, from ever reaching Python).
_STARTS = syntax.shared("""
(go_statement (call_expression) @call)
(call_expression function: (selector_expression field: (field_identifier) @rf)
  arguments: (argument_list) @args (#any-of? @rf "HandleFunc" "Handle" "HandlerFunc")) @reg
""")

_GROUPS = frozenset({b"sync.WaitGroup", b"golang.org/x/sync/errgroup.Group"})


def _group_go(pkg, file, call: Node) -> bool:
    """`wg.Go(f)` (sync.WaitGroup, Go 1.25+) or `g.Go(f)` (errgroup.Group): f runs on a new goroutine."""
    fn = unparen(call.child_by_field_name("function"))
    if fn.type != "selector_expression" or fn.child_by_field_name("field").text != b"Go":
        return False
    from golint_delete.model.types import Named, deref

    t = deref(pkg.type_of(fn.child_by_field_name("operand"), file))
    return isinstance(t, Named) and t.name in _GROUPS


def _is_handler_func_conversion(pkg, file, call: Node) -> bool:
    return _import_call(pkg, file, call, b"net/http", {b"HandlerFunc"})


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
    site = pkg.goroutine_index().get(name.text)
    if site is not None:
        kind, node, f = site
        spawner = enclosing_function(node)
        return Start("go-func" if kind == "go" else kind, func, node, spawner, _loop_around(node, spawner))
    return None


def index_starts(pkg) -> dict[bytes, tuple[str, Node, object]]:
    """Function names started with `go f(...)` / `go x.f(...)` or registered as handlers by name."""
    out: dict[bytes, tuple[str, Node, object]] = {}
    for f in pkg.files:
        for _, caps in f.index.matches(_STARTS):
            if "call" in caps:
                fn = unparen(caps["call"][0].child_by_field_name("function"))
                if fn.type == "selector_expression":
                    fn = fn.child_by_field_name("field")
                if fn.type in ("identifier", "field_identifier"):
                    out.setdefault(fn.text, ("go", caps["call"][0].parent, f))
            elif "reg" in caps:
                call = caps["reg"][0]
                if not (_is_handler_registration(pkg, f, call) or _is_handler_func_conversion(pkg, f, call)):
                    continue
                for a in named_non_comment_children(caps["args"][0]):
                    a = unparen(a)
                    if a.type == "identifier" or a.type == "selector_expression":
                        name = a if a.type == "identifier" else a.child_by_field_name("field")
                        out.setdefault(name.text, ("handler", call, f))
    return out


def accesses_after(pkg, file, site: Node, obj, spawner: Node) -> bool:
    """Whether the spawning function uses `obj` after `site` and before joining its goroutines
    (a `.Wait()` call, a channel receive, or a select)."""
    for n in walk(spawner):
        if n.start_byte < site.end_byte:
            continue
        if n.type == "call_expression":
            fn = unparen(n.child_by_field_name("function"))
            if fn.type == "selector_expression" and fn.child_by_field_name("field").text == b"Wait":
                return False
        if (n.type == "unary_expression" and n.child(0) is not None and n.child(0).type == "<-") \
                or n.type == "select_statement":
            return False
        if n.type == "identifier" and n.text == obj.name and pkg.object_of(n, file) == obj:
            return True
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
    from golint_delete.model.mutations import holds_write_lock, mutated_map

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
    if held is None or holds_write_lock(held):
        return None
    return ConcurrentMutation(node, m, kind, func, start)
