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
from golint_delete.syntax import FUNCS, address_operand, enclosing_function, named_non_comment_children, unparen, walk, \
    walk_outside_closures

_HANDLER_REGISTRARS = frozenset({b"HandleFunc", b"Handle"})


@dataclass(frozen=True)
class Start:
    kind: str  # "go", "go-func", "afterfunc", "handler"
    func: Node  # the function whose body runs on the other goroutine
    site: Node | None  # the go statement / registration call, if known
    spawner: Node | None  # the function holding the site
    in_loop: Node | None  # the loop around the go statement, if any
    server: str = "HTTP"  # for a handler: the server that calls it concurrently (HTTP, gRPC)


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
    if isinstance(t, Named) and t.name == b"net/http.ServeMux":
        return True
    # A router of another package (gorilla/mux, chi, httprouter's Handler): HandleFunc(pattern,
    # handler) with a literal pattern, on a value whose type is not one of this package's.
    args = named_non_comment_children(call.child_by_field_name("arguments"))
    if isinstance(t, Named) and t.spec is not None or len(args) != 2 \
            or args[0].type not in ("interpreted_string_literal", "raw_string_literal"):
        return False
    # An event bus's Handle("topic", f) looks the same: the handler must be net/http's shape.
    target = unparen(args[1])
    if target.type != "func_literal":
        found = pkg.func_value(target, file)
        target = found.decl if found is not None else None
    params = target.child_by_field_name("parameters") if target is not None else None
    return params is not None and b"http.ResponseWriter" in params.text


def _grpc_method(pkg, func: Node) -> bool:
    """An RPC method of a gRPC service implementation: an exported method returning an error, of
    a struct embedding the generated `Unimplemented...Server`, taking a context first (unary) or
    a stream last (`stream pb.RouteGuide_RouteChatServer`). grpc-go serves every call on a
    goroutine of its own, so two calls run at once."""
    from golint_delete.model.package import _receiver_base

    name = func.child_by_field_name("name")
    result = func.child_by_field_name("result")
    if name is None or not name.text[:1].isupper() or name.text.startswith(b"mustEmbed") \
            or result is None or b"error" not in result.text:
        return False
    types = [d.child_by_field_name("type") for d in named_non_comment_children(func.child_by_field_name("parameters"))
             if d.type == "parameter_declaration"]
    types = [t.text for t in types if t is not None]
    if not types or not (types[0] == b"context.Context" or types[-1].endswith(b"Server")):
        return False
    obj = pkg.package_decls().get(_receiver_base(func.child_by_field_name("receiver")))
    spec = obj.spec if obj is not None and obj.kind == "type" else None
    struct = spec.child_by_field_name("type") if spec is not None and spec.type == "type_spec" else None
    if struct is None or struct.type != "struct_type":
        return False
    for fd in walk(struct):
        if fd.type == "field_declaration" and fd.child_by_field_name("name") is None:
            t = fd.child_by_field_name("type")
            last = t.text.lstrip(b"*").rsplit(b".", 1)[-1] if t is not None else b""
            if last.startswith(b"Unimplemented") and last.endswith(b"Server"):
                return True
    return False


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
    if func.type == "method_declaration" and _grpc_method(pkg, func):
        return Start("handler", func, None, None, None, "gRPC")
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
                    if caps["rf"][0].text == b"AfterFunc":
                        # time.AfterFunc(d, c.expire): the method runs on a timer goroutine.
                        args = named_non_comment_children(caps["args"][0])
                        if len(args) == 2 and _import_call(pkg, f, call, b"time", {b"AfterFunc"}):
                            target = pkg.func_value(args[1], f)
                            if target is not None and target.decl.type != "func_literal":
                                self.of.setdefault(target.decl, ("afterfunc", call, f))
                        continue
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
    """Whether every goroutine of this start is waited for before its spawner uses the map again:
    the statements after the `go` reach a join (`wg.Wait()`, a receive) with no mention of the map
    and no way out before it; or they only return, having passed the spawner's `*sync.WaitGroup`
    parameter to the goroutine, and every caller of the spawner waits on the group it passed
    (`var wg sync.WaitGroup; defer wg.Wait(); return load(&wg)`) before it goes on. Then the
    goroutine's writes happen inside the spawner's call, as if it had made them itself, and other
    functions of the package are no more concurrent with them than with the spawner. A declared
    function started by several `go` statements must be joined at each."""
    site = start.site
    if site is None or site.type != "go_statement" or start.spawner is None:
        return False
    # In a started method the map's root is the method's own receiver or parameter, named
    # differently in the spawner: there only its field names can show a use.
    names = {n.text for n in walk(m) if n.type == "field_identifier"
             or (n.type == "identifier" and start.func.type == "func_literal")}
    if not names:
        return False
    sites = [(site, file)]
    if start.kind == "go-func":
        sites = [(s.node.parent, s.file) for s in pkg.callers(start.func) if s.kind == "go"] or sites
    for go, f in sites:
        spawner = enclosing_function(go)
        if spawner is None or _loop_around(go, spawner) is not None:
            return False
        rest = _rest_of(pkg, f, go, names, spawner)
        if rest == _USED or rest == _RETURNS and not _joined_by_callers(pkg, f, go, spawner, names):
            return False
    return True


_JOINED, _USED, _RETURNS = "joined", "used", "returns"


def _rest_of(pkg, file, stmt: Node, names, func: Node, call: Node | None = None) -> str:
    """What the code after `stmt` does before `func` returns, for a goroutine started there:
    reaches a join with no use of the map on the way (_JOINED); returns, on some path, still
    without a use (_RETURNS: the goroutine may outlive the call); or uses the map, calls code of
    the package that may, or leaves some other way (_USED). `call`, in `return f(&wg)`, is the
    call whose goroutines are asked about: the rest of that return statement is checked."""
    from golint_delete.model.flow import enclosing_statement, leaves

    if stmt.type == "return_statement":
        return _RETURNS if _inert(pkg, file, stmt, names, call) else _USED
    body = func.child_by_field_name("body")
    returns = False
    while True:
        nxt = stmt.next_named_sibling
        while nxt is not None:
            if nxt.type != "comment":
                if any(_waits(x) for x in walk_outside_closures(nxt)):
                    if _mentions(nxt, names):
                        return _USED
                    return _RETURNS if returns else _JOINED
                if not _inert(pkg, file, nxt, names):
                    return _USED
                how = leaves(pkg, nxt, file)
                if how is not None:
                    return _RETURNS if how.kind == "return" else _USED
                returns = returns or any(x.type == "return_statement" for x in walk_outside_closures(nxt))
            nxt = nxt.next_named_sibling
        holder = stmt.parent.parent if stmt.parent is not None else None  # the block or case clause
        if holder is None or holder == body:
            return _RETURNS
        up = enclosing_statement(holder)
        if up is None or up.type == "for_statement" or not _inside(up, func):
            return _USED
        stmt = up


def _inside(node: Node, func: Node) -> bool:
    return func.start_byte <= node.start_byte and node.end_byte <= func.end_byte


def _mentions(stmt: Node, names) -> bool:
    return any(x.type in ("identifier", "field_identifier") and x.text in names for x in walk(stmt))


def _inert(pkg, file, stmt: Node, names, skip: Node | None = None) -> bool:
    """Code that cannot touch the map: no mention of it, no closure, no goto, and only calls of
    other packages, `wg.Add`-like bookkeeping, or other goroutines started on functions that
    never name it (siblings running beside this one, not after it)."""
    for x in walk_outside_closures(stmt):
        if x.type in ("identifier", "field_identifier") and x.text in names \
                or x.type in ("func_literal", "goto_statement"):
            return False
        if x.type == "call_expression" and x != skip and not _bookkeeping(x) and not _outside_package(pkg, file, x) \
                and not _sibling_start(pkg, file, x, names):
            return False
    return True


def _sibling_start(pkg, file, call: Node, names) -> bool:
    """`go f(...)` of a same-package function whose body never names the map (its arguments are
    checked like any other code)."""
    if call.parent is None or call.parent.type != "go_statement":
        return False
    callee = pkg.callee(call, file)
    body = callee.decl.child_by_field_name("body") if callee is not None else None
    return body is not None and not _mentions(body, names)


def _joined_by_callers(pkg, file, go: Node, spawner: Node, names) -> bool:
    """The spawner hands its `*sync.WaitGroup` parameter to the goroutine, and every call of it in
    the package passes `&wg` of a group the caller waits on before it goes on: `defer wg.Wait()`
    ahead of the call with only a return after it, or `wg.Wait()` after it with no use of the map
    between. An exported spawner may be called from other packages that never wait."""
    from golint_delete.model.calls import is_exported
    from golint_delete.model.flow import enclosing_statement
    from golint_delete.model.locks import param_objs

    name = spawner.child_by_field_name("name")
    if name is None or is_exported(name.text):
        return False
    params = param_objs(pkg, spawner, file)
    call = go.named_children[0] if go.named_children else None
    if not params or call is None or call.type != "call_expression":
        return False
    f = pkg.types.file_of(spawner, file)
    group = None
    for a in named_non_comment_children(call.child_by_field_name("arguments")):
        obj = pkg.object_of(a, f) if a.type == "identifier" else None
        if obj in params and _is_wait_group_pointer(pkg, obj, f):
            group = params.index(obj)
    sites = pkg.callers(spawner)
    if group is None or not sites:
        return False
    for site in sites:
        if site.kind != "call" or site.caller is None:
            return False
        args = named_non_comment_children(site.node.child_by_field_name("arguments"))
        if len(args) <= group:
            return False
        wg = _address_of_local(pkg, site.file, args[group])
        stmt = enclosing_statement(site.node)
        if wg is None or stmt is None:
            return False
        rest = _rest_of(pkg, site.file, stmt, names, site.caller, site.node)
        if not (rest == _JOINED or rest == _RETURNS and _deferred_wait_before(pkg, site.file, stmt, wg)):
            return False
    return True


def _is_wait_group_pointer(pkg, obj, file) -> bool:
    from golint_delete.model.types import Pointer

    t = pkg.types.type_of_obj(obj, file)
    return isinstance(t, Pointer) and isinstance(deref(t), Named) and deref(t).name == b"sync.WaitGroup"


def _address_of_local(pkg, file, arg: Node):
    """The local `sync.WaitGroup` variable in `&wg`, or None."""
    operand = address_operand(arg)
    obj = pkg.object_of(operand, file) if operand is not None and operand.type == "identifier" else None
    return obj if obj is not None and obj.kind == "var" else None


def _deferred_wait_before(pkg, file, stmt: Node, wg) -> bool:
    """A `defer wg.Wait()` on this group in the statement's block or a block around it, ahead of it."""
    from golint_delete.model.flow import enclosing_statement

    while stmt is not None:
        prev = stmt.prev_named_sibling
        while prev is not None:
            if prev.type == "defer_statement":
                call = prev.named_children[0] if prev.named_children else None
                fn = unparen(call.child_by_field_name("function")) if call is not None \
                    and call.type == "call_expression" else None
                if fn is not None and fn.type == "selector_expression" \
                        and fn.child_by_field_name("field").text == b"Wait":
                    operand = unparen(fn.child_by_field_name("operand"))
                    if operand.type == "identifier" and pkg.object_of(operand, file) == wg:
                        return True
            prev = prev.prev_named_sibling
        holder = stmt.parent.parent if stmt.parent is not None else None
        stmt = enclosing_statement(holder) if holder is not None and holder.type not in FUNCS else None
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
    func = enclosing_function(node, file.root)
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


def runs_started(pkg, func: Node, file, without: frozenset = frozenset(), rel: tuple | None = (),
                 depth: int = 4):
    """How a function comes to run on a goroutine of its own or serve requests: its own Start
    (start_of), or that of a function of the package that calls it (directly, or through up to
    `depth` calls in all) at calls holding none of the mutex fields `without` of the value at
    `rel` from the called method's receiver (`rel` () for the receiver itself, (b"cc",) for
    `recv.cc`; None when the value is not reached from the receiver, and then any held mutex of
    those names counts), as (Start, the calls from the started function down to `func`). None
    when no such chain reaches a start. Starts and calls in tests are left out: a test's
    goroutines say nothing about how the program runs."""
    return pkg.memo("runs_started", (func, without, rel, depth),
                    lambda: _runs_started(pkg, func, file, without, rel, depth))


def _runs_started(pkg, func: Node, file, without: frozenset, rel: tuple | None, depth: int):
    from golint_delete.model.locks import receiver_obj

    start = start_of(pkg, pkg.file_of(func, file), func)
    if start is not None:
        site = start.site
        if site is None or not pkg.file_of(site, file).path.endswith("_test.go"):
            return start, ()
    if depth == 0 or func.type == "func_literal":
        return None
    for site in pkg.callers(func):
        if site.kind not in ("call", "defer") or site.caller is None or site.file.path.endswith("_test.go"):
            continue
        fn = unparen(site.node.child_by_field_name("function"))
        recv = pkg.path(fn.child_by_field_name("operand"), site.file) \
            if rel is not None and fn.type == "selector_expression" else None
        if without:
            held = pkg.locks_at(site.node, site.file)
            if held is None:
                continue  # where the lock analysis cannot follow
            if recv is not None and _holds(pkg, held, recv + rel, without, site.file):
                continue  # called under the lock
            if recv is None and any(isinstance(path[-1], bytes) and path[-1] in without for path, _ in held):
                continue
        # The value in the caller's terms: a path from its own receiver, if it has one.
        up = None
        if recv is not None and site.caller.type != "func_literal":
            mine = receiver_obj(pkg, site.caller, site.file)
            if mine is not None and recv[0] == mine:
                up = recv[1:] + rel
        got = runs_started(pkg, site.caller, site.file, without, up, depth - 1)
        if got is not None:
            return got[0], got[1] + (site,)
    return None


def _holds(pkg, held, holder: tuple, names: frozenset, file) -> bool:
    """Whether a mutex field `names` of the value at `holder` is held, by that path or through a
    local whose only value is a path to it (`cc := rl.cc; cc.mu.Lock()`)."""
    for path, _ in held:
        if not isinstance(path[-1], bytes) or path[-1] not in names:
            continue
        owner = path[:-1]
        if owner == holder:
            return True
        root = owner[0] if owner else None
        if getattr(root, "kind", None) == "var":
            value = pkg.sole_value(root, file)
            base = pkg.path(value, file) if value is not None else None
            if base is not None and base + owner[1:] == holder:
                return True
    return False


def writes_ordered_by_spawner(pkg, start: Start, key) -> bool:
    """Whether every write of the map field `key` runs on the spawner's own goroutine, each time
    before the goroutine is started and with a join after the start before it runs again: a write
    in the spawner, or in a function only the spawner calls, ahead of the `go` in the same loop
    body (or function body) as a `.Wait()` or receive that follows the `go` (telegraf's Gather:
    prepare the tags, fan out, wg.Wait(), next round). Then no write overlaps the goroutines."""
    from golint_delete.model.locks import _writes_by_key

    go, spawner = start.site, start.spawner
    if go is None or spawner is None or go.type != "go_statement" and start.kind != "go":
        return False
    sites = []
    for node, f, _ in _writes_by_key(pkg).get(key, ()):
        func = enclosing_function(node)
        if func == spawner:
            sites.append(node)
            continue
        if func is None or func.type == "func_literal":
            return False
        callers = pkg.callers(func)
        if not callers or any(s.kind != "call" or s.caller != spawner for s in callers):
            return False
        sites.extend(s.node for s in callers)
    for w in sites:
        if w.start_byte >= go.start_byte:
            return False
        scope = _loop_around(w, spawner) or spawner
        if not (scope.start_byte <= go.start_byte and go.end_byte <= scope.end_byte):
            return False
        if not any(_waits(x) and x.start_byte >= go.end_byte for x in walk_outside_closures(scope)):
            return False
    return True


@dataclass(frozen=True)
class CallWrite:
    """A call on a started goroutine that writes a map argument through its callee: `w.fill(m)`
    in a `go func`, or `go f(m)` itself, where the callee (or a function it calls with that
    parameter) writes it without a lock (the summaries' param_writes)."""

    call: Node
    arg: Node  # the map as the goroutine's code names it
    write: object  # the callee's Mutation
    start: Start


def goroutine_call_writes(pkg, go: Node, file) -> list[CallWrite]:
    """The calls a `go` statement's goroutine makes (the started call itself, or the calls in the
    body of the literal it starts, not in closures within it) that write a map argument, holding
    no write lock."""
    from golint_delete.model.summaries import Summaries

    call = go.named_children[0] if go.named_children else None
    if call is None or call.type != "call_expression":
        return []
    fn = unparen(call.child_by_field_name("function"))
    summaries = pkg.analysis(Summaries)
    if fn.type == "func_literal":
        start = start_of(pkg, file, fn)
        body = fn.child_by_field_name("body")
        if start is None or body is None:
            return []
        calls = [n for n in walk_outside_closures(body) if n.type == "call_expression"
                 and (n.parent is None or n.parent.type != "go_statement")]
    else:
        callee = pkg.callee(call, file)
        if callee is None or callee.decl.type == "func_literal":
            return []
        spawner = enclosing_function(go)
        start = Start("go-func", callee.decl, go, spawner, _loop_around(go, spawner))
        calls = [call]
    out = []
    for c in calls:
        # The map arguments first: most calls pass none, and a summary costs more than a type.
        args = named_non_comment_children(c.child_by_field_name("arguments"))
        maps = {i for i, a in enumerate(args) if pkg.path(a, file) is not None and pkg.is_map(a, file)}
        if not maps:
            continue
        callee = pkg.callee(c, file)
        if callee is None or callee.decl.type == "func_literal":
            continue
        if c != call:  # a lock the spawner holds at the `go` does not cover the goroutine
            held = pkg.locks_at(c, file)
            if held is None or held.write_held():
                continue  # under a lock (telegraf's sqlserver: mutex.Lock(); gatherHealth(m, ...))
        for i, write in summaries.of(callee.decl, callee.file).param_writes:
            if i in maps:
                out.append(CallWrite(c, unparen(args[i]), write, start))
    return out


def callers_using_after(pkg, func: Node, file, param) -> list:
    """The non-test calls of `func` whose argument for the parameter object `param` is a variable
    (or a field path of one) the caller uses again after the call, as CallSites: the map a
    goroutine the function started may still be writing when the caller goes on."""
    from golint_delete.model.flow import enclosing_statement
    from golint_delete.model.locks import param_objs
    from golint_delete.model.mutations import root_ident

    params = param_objs(pkg, func, file)
    if not params or param not in params:
        return []
    i = params.index(param)
    out = []
    for site in pkg.callers(func):
        if site.kind != "call" or site.caller is None or site.file.path.endswith("_test.go"):
            continue
        args = named_non_comment_children(site.node.child_by_field_name("arguments"))
        if i >= len(args) or pkg.path(args[i], site.file) is None:
            continue
        root = root_ident(args[i])
        obj = pkg.object_of(root, site.file) if root is not None else None
        stmt = enclosing_statement(site.node) or site.node
        if obj is not None and pkg.used_after(obj, site.file, stmt, site.caller):
            out.append(site)
    return out
