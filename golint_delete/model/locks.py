"""Which sync.Mutex / sync.RWMutex locks are held at each statement of a function.

A must-analysis over the structured statements: `X.Lock()` adds (X, "W"), `X.RLock()` adds
(X, "R"), `X.Unlock()`/`X.RUnlock()` remove them; a deferred unlock keeps the lock to the end.
Where paths meet, only the locks held on every path stay held. X is identified by its access path
(`s.mu`, `mu`, `(*s).mu` alike); `s.Lock()` on a struct embedding a mutex is `s.Mutex`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from tree_sitter import Node

from golint_delete.model.forward import ForwardAnalysis, Unanalysable
from golint_delete.model.types import Mutex, Named, Struct, Unknown, deref
from golint_delete.syntax import enclosing_function, named_non_comment_children, unparen

_OPS = {b"Lock": ("W", True), b"RLock": ("R", True), b"Unlock": ("W", False), b"RUnlock": ("R", False)}

Held = frozenset  # of (mutex access path, "W" | "R"): the analysis's own state


@dataclass(frozen=True)
class LockSet:
    """The locks held at a point: each a mutex's access path (model Package.path: `s.mu` is
    (s, b"mu")) with "W" (Lock) or "R" (RLock)."""

    held: frozenset

    def __iter__(self):
        return iter(self.held)

    def write_held(self) -> bool:
        return any(kind == "W" for _, kind in self.held)

    def read_only(self) -> tuple | None:
        """The path of a read-locked mutex when only read locks are held, else None."""
        if not self.held or self.write_held():
            return None
        return sorted(self.held, key=repr)[0][0]

    def mutex_fields_of(self, holder: tuple | None) -> set[bytes]:
        """Names of held mutex fields of the value at `holder` (`s.mu` for holder s)."""
        if holder is None:
            return set()
        n = len(holder)
        # `t.mu.Lock()` on a field whose type wraps a mutex (`struct{ sync.Mutex }`) holds
        # t.mu.Mutex: the wrapper field is t's mutex. An embedded sync mutex is named by its type.
        return {path[n] for path, _ in self.held if path[:n] == holder and isinstance(path[-1], bytes)
                and isinstance(path[n], bytes)
                and (len(path) == n + 1 or len(path) == n + 2 and path[-1] in (b"Mutex", b"RWMutex"))}


def held_at(pkg, node: Node, file, from_callers: bool) -> LockSet | None:
    """Locks held on every path to `node` in its function, plus (with `from_callers`) the locks
    held at every call of that function by every caller."""
    func = enclosing_function(node)
    if func is None:
        return None
    local = pkg.locks(func, file).held(node)
    if local is None:
        return None
    if from_callers:
        if _callback_of_a_locker(pkg, func, file):
            return None  # run by a function of the package that locks: maybe under its lock
        local = local | entry_locks(pkg, func, file)
    return LockSet(frozenset(local))


def _callback_of_a_locker(pkg, func: Node, file) -> bool:
    """A function literal handed to a function of this package that takes a lock itself
    (`withLock(dc, func() { ... })` in database/sql): which locks it runs under is the callee's
    business, and unknown here."""
    if func.type != "func_literal" or func.parent is None or func.parent.type != "argument_list":
        return False
    callee = pkg.callee(func.parent.parent, file)
    return callee is not None and callee.decl.type != "func_literal" \
        and pkg.locks(callee.decl, callee.file).takes_lock


def entry_locks(pkg, func: Node, file) -> frozenset:
    """Locks every caller holds at every call, in the callee's terms: a function whose callers
    in the package are all known (only ever called directly: no method value, go or defer) and
    each holds `s.mu` while calling `s.f()` has the receiver's `mu` held at entry. A caller's
    own entry locks count (a chain of helpers); recursion counts as holding nothing."""
    return pkg.memo("entry_locks", func, lambda: _declared_entry_locks(pkg, func, file) | _entry_locks(pkg, func, file)
                    | _closure_entry_locks(pkg, func, file), cycle=frozenset())


def _closure_entry_locks(pkg, func: Node, file) -> frozenset:
    """A function literal bound to a local (`snapshotAll := func() { ... }`) and only ever called
    in place, never handed on, deferred or started: it runs under the locks held at every call
    (the names it captures are the enclosing function's, so the locks need no translation)."""
    if func.type != "func_literal" or func.parent is None or func.parent.type != "expression_list":
        return frozenset()
    decl = func.parent.parent
    if decl is None or decl.type not in ("short_var_declaration", "assignment_statement", "var_spec"):
        return frozenset()
    left = named_non_comment_children(decl.child_by_field_name("left") or decl)
    right = named_non_comment_children(func.parent)
    names = [n for n in left if n.type == "identifier"]
    if len(names) != len(right) or func not in right:
        return frozenset()
    obj = pkg.object_of(names[right.index(func)], file)
    outer = enclosing_function(decl)
    if obj is None or outer is None or pkg.sole_value(obj, file) != func:
        return frozenset()
    common = None
    for use in pkg.uses(obj, file, outer):
        call = use.node.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != use.node \
                or (call.parent is not None and call.parent.type in ("go_statement", "defer_statement")):
            if use.node.parent is not None and use.node.parent.parent == decl:
                continue  # the binding itself
            return frozenset()  # handed on: run who knows where
        held = held_at(pkg, call, file, True)
        if held is None:
            continue  # an unreachable call
        common = held.held if common is None else common & held.held
        if not common:
            return frozenset()
    return common or frozenset()


# What Go code says to mean "the caller holds the lock": a name ending in Locked, or a doc comment
# ("Server lock is held on entry", "Lock should be held", "Call with mu.RLock held", "caller must
# hold s.mu").
_LOCKED_NAME = re.compile(rb"(?i)locked$")
_HELD = re.compile(rb"(?i)\b(held|holds?|holding|locked)\b")
_LOCK_WORD = re.compile(rb"(?i)(lock|mutex|\bmu\b|\bmtx\b)")
_NEGATED = re.compile(rb"(?i)\b(not|without|unlocked|releases?|acquires?|takes)\b")
_READ = re.compile(rb"(?i)(rlock|read[- ]lock)")
# A field whose type the model cannot see, named like a mutex: one of the conventions it stands for.
_MUTEX_NAME = re.compile(rb"(?i)mutex|lock|\bmu|mtx")


def declares_lock_held(func: Node) -> bool:
    """Whether a function's name (`...Locked`) or doc comment says its caller holds some lock
    (of its receiver, a parameter, or something the words alone name)."""
    name = func.child_by_field_name("name")
    if name is None:
        return False
    if _LOCKED_NAME.search(name.text):
        return True
    # Sentence by sentence: "checks expirations but not noWait. Lock should be held." states the
    # contract in its last sentence, whatever the "not" of another one says.
    return any(_HELD.search(s) and _LOCK_WORD.search(s) and not _NEGATED.search(s)
               for s in _sentences(_doc_comment(func)))


def _sentences(doc: bytes) -> list[bytes]:
    """A doc comment's sentences, without the comment markers."""
    text = re.sub(rb"(?m)^\s*(//|/\*|\*/?)", b" ", doc)
    return [s for s in re.split(rb"(?<=[.!?;])\s+|\n\s*\n", text) if s.strip()]


def _declared_entry_locks(pkg, func: Node, file) -> frozenset:
    """The receiver's mutexes a method declares held on entry, by its name or its doc comment:
    its author's word for a protocol its callers keep (some not in the package, or through
    function values)."""
    name = func.child_by_field_name("name") if func.type == "method_declaration" else None
    if name is None or not declares_lock_held(func):
        return frozenset()
    doc = _doc_comment(func)
    by_name = bool(_LOCKED_NAME.search(name.text))
    recv = receiver_obj(pkg, func, file)
    if recv is None:
        return frozenset()
    t = deref(pkg.type_of_obj(recv, pkg.types.file_of(func, file))).underlying()
    if not isinstance(t, Struct):
        return frozenset()
    fields = []
    for f in t.fields:
        ft = pkg.types.from_type_node(f.type_node, t.file).underlying()
        if isinstance(ft, Mutex) or isinstance(ft, Unknown) and _MUTEX_NAME.search(f.name):
            fields.append(f.name)
    named = [f for f in fields if re.search(rb"\b" + re.escape(f) + rb"\b", doc)]
    kind = "R" if _READ.search(doc) and not by_name else "W"
    return frozenset(((recv, f), kind) for f in (named or fields))


def _doc_comment(func: Node) -> bytes:
    """The comment lines directly above a declaration."""
    lines = []
    n = func.prev_named_sibling
    row = func.start_point[0]
    while n is not None and n.type == "comment" and n.end_point[0] == row - 1:
        lines.append(n.text)
        row = n.start_point[0]
        n = n.prev_named_sibling
    return b"\n".join(reversed(lines))


def _entry_locks(pkg, func: Node, file) -> frozenset:
    if not pkg.memo("takes_locks", None, lambda: any(b"Lock()" in f.source for f in pkg.files)):
        return frozenset()  # no function of the package locks anything
    # An exported function too (nsqd's GetMetadata, whose one caller PersistMetadata is called
    # under n.Lock() at each of its four calls): the package's own calls are the evidence of the
    # protocol, and callers elsewhere are not in view either way.
    sites = pkg.calls.only_called_directly(func, exported=True)
    if sites is None:
        return frozenset()
    recv = receiver_obj(pkg, func, file)
    params = param_objs(pkg, func, file)
    common: dict | None = None  # mutex path -> "W" when every caller write-locks it, else "R"
    in_test = pkg.file_of(func, file).path.endswith("_test.go")
    for site in sites:
        if site.file.path.endswith("_test.go") and not in_test:
            continue  # a test calls it from its own goroutine: no word on the program's locks
        held = held_at(pkg, site.node, site.file, True)
        if held is None:
            continue  # an unreachable call
        mine: dict = {}
        # What the caller passes, in the callee's names: the receiver and each parameter.
        bases = [(pkg.path(site.receiver, site.file), recv)] if site.receiver is not None else []
        args = site.node.child_by_field_name("arguments") if site.node.type == "call_expression" else None
        if args is not None and params is not None:
            values = named_non_comment_children(args)
            if len(values) == len(params):
                bases += [(pkg.path(v, site.file), p) for v, p in zip(values, params) if p is not None]
        for path, kind in held:
            for base, obj in bases:
                if base is not None and obj is not None and path[:len(base)] == base and len(path) > len(base):
                    path = (obj,) + path[len(base):]  # s.mu held -> r.mu at entry; m.mut -> mapping.mut
                    break
            else:
                if not (len(path) == 1 and pkg.shared_key_of_var(path[0]) is not None):
                    continue  # a lock of the caller's own values: nothing to the callee
            if mine.get(path) != "W":
                mine[path] = kind
        if common is None:
            common = mine
        else:
            common = {p: ("W" if k == "W" and mine[p] == "W" else "R") for p, k in common.items() if p in mine}
        if not common:
            return frozenset()
    return frozenset((common or {}).items())


def param_objs(pkg, func: Node, file) -> list | None:
    """The parameters' objects in order (None for a blank or unnamed one); None with a variadic."""
    params = func.child_by_field_name("parameters")
    if params is None:
        return None
    f = pkg.types.file_of(func, file)
    out = []
    for decl in named_non_comment_children(params):
        if decl.type != "parameter_declaration":
            return None
        names = [c for i, c in enumerate(decl.children) if decl.field_name_for_child(i) == "name"]
        if not names:
            out.append(None)
        out += [pkg.object_of(n, f) for n in names]
    return out


def receiver_obj(pkg, func: Node, file):
    recv = func.child_by_field_name("receiver")
    if recv is None:
        return None
    for decl in recv.named_children:
        name = decl.child_by_field_name("name")
        if name is not None:
            return pkg.object_of(name, pkg.types.file_of(func, file))
    return None


def meet(a: Held | None, b: Held | None) -> Held | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class LockEffect(NamedTuple):
    """What a call of a lock helper (`func (s *S) lock() { s.mu.Lock() }`) leaves behind, in the
    callee's terms: locks held at every exit, and locks it unlocks without having taken them.
    A mutex is (role, field path) with role "recv", a parameter's index, or a package var's Obj."""

    acquired: frozenset = frozenset()  # of ((role, steps), kind)
    released: frozenset = frozenset()  # of ((role, steps), kind)


_NO_EFFECT = LockEffect()


class FunctionLocks(ForwardAnalysis):
    def __init__(self, pkg, file, func: Node, helpers: bool = True) -> None:
        self.pkg = pkg
        self.file = file
        self.func = func
        self.at: dict[Node, Held] = {}
        self.takes_lock = False  # the function calls Lock() itself somewhere
        self.exit: Held | None = None  # held at every return and at the end of the body
        self.deferred: set = set()  # (mutex, kind) a `defer X.Unlock()` releases at exit
        self.released: set = set()  # (mutex, kind) unlocked while not held here
        # One level of lock helpers: a helper's own effect is computed without helpers.
        self.helpers = lock_helpers(pkg) if helpers else frozenset()
        super().__init__()
        body = func.child_by_field_name("body")
        self.ok = True
        # Most functions never lock: then nothing is held anywhere, without interpreting them.
        self.trivial = body is None or not (_calls_lock_ops(body.text) if not helpers else b"Lock()" in body.text
                                            or any(h + b"(" in body.text for h in self.helpers))
        try:
            if not self.trivial:
                end = self.block(body, frozenset())
                if end is not None:
                    self.returned(body, end)
        except (Unanalysable, RecursionError):
            self.ok = False
            self.at.clear()
            self.exit = None

    def returned(self, s: Node, held: Held) -> None:
        self.exit = held if self.exit is None else self.exit & held

    # Questions -------------------------------------------------------------------------------

    def held(self, node: Node) -> Held | None:
        """Locks held on every path to the statement holding `node` (None: not reached)."""
        if self.trivial:
            return frozenset()
        n = node
        while n is not None and n != self.func:
            got = self.at.get(n)
            if got is not None:
                return got
            n = n.parent
        return None

    def lock_op(self, stmt: Node) -> tuple[tuple, str, bool] | None:
        """(mutex key, kind, acquires) for `X.Lock()` and friends."""
        if stmt.type == "expression_statement" and stmt.named_child_count:
            stmt = stmt.named_children[0]
        call = unparen(stmt)
        if call.type != "call_expression":
            return None
        fn = unparen(call.child_by_field_name("function"))
        if fn.type != "selector_expression":
            return None
        name = fn.child_by_field_name("field").text
        if name not in _OPS:
            return None
        operand = fn.child_by_field_name("operand")
        key = self.mutex_key(operand)
        if key is None:
            return None
        kind, acquire = _OPS[name]
        return key, kind, acquire

    def mutex_key(self, operand: Node) -> tuple | None:
        """The lock `operand.Lock()` takes: a sync mutex; a type of the package with its own Lock
        method; or one from another package, whose type the model cannot see (`syncs.Mutex`,
        an alias of sync.Mutex): a Lock() there is sync.Locker's by convention."""
        t = self.pkg.type_of(operand, self.file)
        base = self.pkg.path(operand, self.file)
        if base is None:
            return None
        named, s = deref(t), deref(t).underlying()
        if isinstance(s, Mutex):
            return base
        if isinstance(named, Named) and named.spec is not None and (named.name, b"Lock") in self.pkg.methods():
            return base
        if isinstance(s, Struct):
            foreign = None
            for f in s.fields:
                if not f.embedded:
                    continue
                ft = self.pkg.types.from_type_node(f.type_node, s.file).underlying()
                if isinstance(ft, Mutex):
                    return base + (f.name,)
                if isinstance(ft, Unknown) and foreign is None and _MUTEX_NAME.search(f.name):
                    foreign = base + (f.name,)
            return foreign
        return base if isinstance(s, Unknown) else None

    # Transfer functions (the walk is ForwardAnalysis's) ---------------------------------------

    join = staticmethod(meet)  # a lock is held where paths meet only if held on each

    def visit(self, s: Node, held: Held) -> None:
        old = self.at.get(s)
        self.at[s] = held if old is None else old & held

    def simple(self, s: Node, held: Held) -> Held:
        if s.type == "expression_statement":
            op = self.lock_op(s)
            if op is not None:
                key, kind, acquire = op
                if acquire:
                    self.takes_lock = self.takes_lock or kind == "W"
                    return held | {(key, kind)}
                if (key, kind) not in held:
                    self.released.add((key, kind))
                return held - {(key, kind)}
            if self.helpers:
                return self._helper_call(s.named_children[0] if s.named_child_count else s, held)
        elif s.type == "defer_statement" and s.named_child_count:
            op = self.lock_op(s.named_children[0])
            if op is not None and not op[2]:
                self.deferred.add((op[0], op[1]))
        return held

    def _helper_call(self, call: Node, held: Held) -> Held:
        """`s.lock()`, `unlockAll(a, b)`: a call of a lock helper does to the caller's locks what
        the helper does to its receiver's, its arguments' or package vars' locks."""
        call = unparen(call)
        if call.type != "call_expression":
            return held
        fn = unparen(call.child_by_field_name("function"))
        name = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
        if name is None or name.text not in self.helpers:
            return held
        callee = self.pkg.callee(call, self.file)
        if callee is None or callee.decl.type == "func_literal" or callee.decl == self.func:
            return held
        effect = lock_effect(self.pkg, callee.decl, callee.file)
        args = named_non_comment_children(call.child_by_field_name("arguments"))

        def mine(mutex):
            role, steps = mutex
            if role == "recv":
                base = self.pkg.path(callee.receiver, self.file) if callee.receiver is not None else None
            elif isinstance(role, int):
                base = self.pkg.path(args[role], self.file) if role < len(args) else None
            else:
                base = (role,)
            return None if base is None else base + steps

        for mutex, kind in effect.released:
            p = mine(mutex)
            if p is not None:
                held = held - {(p, kind)}
        for mutex, kind in effect.acquired:
            p = mine(mutex)
            if p is not None:
                self.takes_lock = self.takes_lock or kind == "W"
                held = held | {(p, kind)}
        return held

    def no_target(self, s: Node) -> None:
        pass  # a stray break (broken code): the path just ends


def lock_effect(pkg, func: Node, file) -> LockEffect:
    """The LockEffect of a function or method (without looking through helpers of its own)."""
    return pkg.memo("lock_effect", func, lambda: _lock_effect(pkg, func, file), cycle=_NO_EFFECT)


def _lock_effect(pkg, func: Node, file) -> LockEffect:
    body = func.child_by_field_name("body")
    if body is None or not _calls_lock_ops(body.text):
        return _NO_EFFECT
    f = pkg.types.file_of(func, file)
    flow = FunctionLocks(pkg, f, func, helpers=False)
    if not flow.ok:
        return _NO_EFFECT
    roles = {}
    recv = receiver_obj(pkg, func, f)
    if recv is not None:
        roles[recv] = "recv"
    for i, obj in enumerate(param_objs(pkg, func, f) or ()):
        if obj is not None:
            roles[obj] = i

    def role_of(path):
        root = path[0]
        if root in roles and len(path) > 1:
            return roles[root], path[1:]
        if pkg.shared_key_of_var(root) is not None:
            return root, path[1:]
        return None  # a lock of the function's own values

    held = (flow.exit or frozenset()) - flow.deferred
    acquired = frozenset((r, k) for p, k in held if (r := role_of(p)) is not None)
    released = frozenset((r, k) for p, k in flow.released - flow.deferred if (r := role_of(p)) is not None)
    return LockEffect(acquired, released)


def _calls_lock_ops(text: bytes) -> bool:
    return b"Lock()" in text or b"Unlock()" in text  # RLock, RUnlock too


def lock_helpers(pkg) -> frozenset:
    """Names of the package's functions and methods with a LockEffect: the calls worth resolving.
    A candidate leaves its Locks and Unlocks unbalanced in its text (deferred ones included)."""
    def compute():
        names = set()
        for f in pkg.files:
            if not _calls_lock_ops(f.source):
                continue
            for top in f.root.named_children:
                body = top.child_by_field_name("body") if top.type in ("function_declaration",
                                                                       "method_declaration") else None
                if body is None or not _calls_lock_ops(body.text):
                    continue
                t = body.text
                if t.count(b".Lock()") + t.count(b".RLock()") == t.count(b".Unlock()") + t.count(b".RUnlock()"):
                    continue
                effect = lock_effect(pkg, top, f)
                if effect.acquired or effect.released:
                    names.add(top.child_by_field_name("name").text)
        return frozenset(names)

    return pkg.memo("lock_helpers", None, compute, cycle=frozenset())


def read_lock_sharers(pkg, key, mutex: bytes, exclude: tuple) -> list:
    """The accesses of the map `key` (a shared field or package var) made while the read lock of
    the mutex named `mutex` (a field of the same value, or a package var) is held and its write
    lock is not: other RLock holders, which can run beside a write under that RLock. (node,
    file) of each outside the functions `exclude`."""
    out = []
    for node, f in pkg.accesses(key):
        func = enclosing_function(node)
        if func in exclude:
            continue
        held = pkg.locks_at(node, f)
        if held is None or not held.held:
            continue
        if node.type == "selector_expression":
            base = pkg.path(node.child_by_field_name("operand"), f)
            want = None if base is None else base + (mutex,)
        else:
            want = None
        kinds = {kind for path, kind in held if path == want
                 or (want is None and len(path) == 1 and getattr(path[0], "name", None) == mutex)}
        if "R" in kinds and "W" not in kinds:
            out.append((node, f))
    return out


class Guard(NamedTuple):
    """The lock discipline learnt for a shared map field: the mutex field of the same struct value
    held at every write; how many writes show it; whether the mutex is a sync.RWMutex (None: its
    type is not known), so advice can say RLock only where there is one."""

    mutex: bytes
    writes: int
    rw: bool | None
    # Every mutex field held at all those writes (writers holding s.mtx and s.targetMtx): holding
    # any one of them keeps the writers out.
    mutexes: frozenset = frozenset()


def guarding_mutex(pkg, key) -> Guard | None:
    """The discipline of the map field `key` in the package's non-test code, from two writes or
    more: tests poke state on one goroutine, so their writes say nothing about the lock."""
    from golint_delete.model.mutations import mutated_map
    from golint_delete.model.queries import MUTATIONS

    common, count, last = None, 0, None
    for f in pkg.files:
        if f.path.endswith("_test.go"):
            continue
        for _, caps in f.index.matches(MUTATIONS):
            found = mutated_map(pkg, f, caps)
            if found is None or found.map.type != "selector_expression" or pkg.shared_key(found.map, f) != key:
                continue
            operand = found.map.child_by_field_name("operand")
            held = pkg.locks_at(found.node, f)  # its own and those every caller holds
            names = held.mutex_fields_of(pkg.path(operand, f)) if held is not None else set()
            common = names if common is None else common & names
            count += 1
            if not common:
                return None
            last = (operand, f)
    if not common or count < 2:
        return None
    mutex = sorted(common)[0]
    ref = pkg.field(deref(pkg.type_of(last[0], last[1])), mutex)
    u = deref(ref.type).underlying() if ref is not None else None  # a *sync.Mutex field too
    rw = u.rw if isinstance(u, Mutex) else None
    return Guard(mutex, count, rw, frozenset(common))


class Discipline(NamedTuple):
    """A map field most of whose writes hold one mutex of the same value: `guard` is that mutex
    (how many writes hold it), `total` the writes whose locks are known, `unguarded` the (node,
    file) of those holding no mutex of that value at all."""

    guard: Guard
    total: int
    unguarded: tuple


def _writes_by_key(pkg) -> dict:
    """Every write or delete of a map field of a package struct in non-test files, by the field's
    shared key: one pass over the package's mutations, however many fields are asked about."""
    from golint_delete.model.mutations import mutated_map
    from golint_delete.model.queries import MUTATIONS

    def compute():
        out: dict = {}
        for f in pkg.files:
            if f.path.endswith("_test.go"):
                continue
            for _, caps in f.index.matches(MUTATIONS):
                found = mutated_map(pkg, f, caps)
                if found is None or found.map.type != "selector_expression":
                    continue
                key = pkg.shared_key(found.map, f)
                if key is not None and key.owner is not None:
                    out.setdefault(key, []).append((found.node, f, found.map.child_by_field_name("operand")))
        return out
    return pkg.memo("writes_by_key", None, compute)


def write_discipline(pkg, key) -> Discipline | None:
    """The lock most writes of a map field hold, when at least three and three in four of the
    writes whose locks are known hold it (a field locked that consistently is shared), and the
    writes that hold no mutex of the value; None for a field with no such discipline."""
    writes = _writes_by_key(pkg).get(key, ())
    if len(writes) < 4:
        return None
    known = []
    for node, f, operand in writes:
        held = pkg.locks_at(node, f)
        if held is None:
            continue
        names = held.mutex_fields_of(pkg.path(operand, f))
        if not names and (_locks_if_asked(pkg, enclosing_function(node), f) or pkg.just_built(operand, operand, f)):
            continue  # `if doLock { s.Lock() }`, or a value no other goroutine has yet
        known.append((node, f, names))
    counts: dict = {}
    for _, _, names in known:
        for n in names:
            counts[n] = counts.get(n, 0) + 1
    if not counts:
        return None
    mutex, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    if n < 3 or n * 4 < len(known) * 3:
        return None
    unguarded = tuple((node, f) for node, f, names in known if not names)
    if not unguarded:
        return None
    operand, f = writes[0][2], writes[0][1]
    ref = pkg.field(deref(pkg.type_of(operand, f)), mutex)
    u = deref(ref.type).underlying() if ref is not None else None
    rw = u.rw if isinstance(u, Mutex) else None
    return Discipline(Guard(mutex, n, rw, frozenset({mutex})), len(known), unguarded)


def _locks_if_asked(pkg, func: Node | None, f) -> bool:
    """A function that takes a lock only when a parameter says so (`if doLock { s.Lock() }`,
    `if !hasLock { c.mu.Lock() }`): its callers that pass "no" hold the lock already, so an
    unlocked write there is their protocol, not a race."""
    if func is None or func.type == "func_literal":
        return False
    params = {o for o in (param_objs(pkg, func, f) or ()) if o is not None}
    body = func.child_by_field_name("body")
    if not params or body is None or b"Lock()" not in body.text:
        return False
    from golint_delete.syntax import walk

    for n in walk(body):
        if n.type != "if_statement" or b"Lock()" not in n.child_by_field_name("consequence").text:
            continue
        cond = n.child_by_field_name("condition")
        for c in walk(cond) if cond is not None else ():
            if c.type == "identifier" and pkg.object_of(c, f) in params:
                return True
    return False


class EscapedMap(NamedTuple):
    """A return that hands out a map field whose writes all hold `guard`, while the function holds
    it: the lock ends with the call, the map goes on. `result` is the returned `X.f` (result
    `index` of `count`) in the return statement `ret`."""

    ret: Node
    result: Node
    index: int
    count: int
    guard: Guard


def escaped_maps(pkg, func: Node, file) -> tuple:
    """The returns of a declared function that hand out a guarded map field (GD403's discipline:
    every write of the field holds one mutex of its value) while holding that very mutex, as
    EscapedMaps. The function's own locking shows it expects callers on other goroutines."""
    from golint_delete.model.types import is_map
    from golint_delete.syntax import walk_outside_closures

    if func.type == "func_literal" or file.path.endswith("_test.go") or b"Lock()" not in func.text:
        return ()
    out = []
    for ret in walk_outside_closures(func.child_by_field_name("body") or func):
        if ret.type != "return_statement":
            continue
        results = ret.named_children[0] if ret.named_children else None
        values = named_non_comment_children(results) if results is not None \
            and results.type == "expression_list" else ([results] if results is not None else [])
        for i, v in enumerate(values):
            e = unparen(v)
            if e.type != "selector_expression" or not is_map(pkg.type_of(e, file)):
                continue
            key = pkg.shared_key(e, file)
            guard = pkg.guarding_mutex(key) if key is not None and key.owner is not None else None
            held = pkg.locks_at(ret, file, from_callers=False) if guard is not None else None
            if held is not None and guard.mutexes & held.mutex_fields_of(pkg.path(e.child_by_field_name("operand"), file)):
                out.append(EscapedMap(ret, e, i, len(values), guard))
    return tuple(out)


class EscapedUse(NamedTuple):
    """Where a caller iterates or indexes a map a call returned, without the lock that guards it:
    `kind` is "range", "read", "write" or "delete"; `node` the map there (the call or the name)."""

    node: Node
    file: object
    caller: Node
    kind: str


def uses_of_escaped(pkg, func: Node, escaped: EscapedMap) -> list:
    """The uses, in the package's non-test code, of the map `escaped` hands out: the call's result
    ranged, indexed, written or deleted from, directly or through the local it is assigned to,
    at a point that holds none of the guard's mutexes of the call's receiver."""
    from golint_delete.model.mutations import map_use
    from golint_delete.model.uses import BUILTIN, INDEX, RANGE

    out = []
    for site in pkg.callers(func):
        if site.kind != "call" or site.caller is None or site.file.path.endswith("_test.go"):
            continue
        call, f = site.node, site.file
        fn = unparen(call.child_by_field_name("function"))
        holder = pkg.path(fn.child_by_field_name("operand"), f) if fn.type == "selector_expression" else ()
        nodes = []
        target = _result_target(call, escaped.index, escaped.count)
        if target is not None and target.type == "identifier":
            obj = pkg.object_of(target, f)
            if obj is None or obj.kind != "var":
                continue
            for u in pkg.uses(obj, f, site.caller):
                if u.kind in (RANGE, INDEX) or u.kind == BUILTIN and map_use(u.node) == "delete":
                    nodes.append(u.node)
        elif target is not None:
            nodes.append(target)
        for n in nodes:
            kind = map_use(n)
            if kind is None:
                continue
            held = pkg.locks_at(n, f)
            if held is not None and escaped.guard.mutexes & held.mutex_fields_of(holder):
                continue
            out.append(EscapedUse(n, f, site.caller, kind))
    return out


def _result_target(call: Node, index: int, count: int) -> Node | None:
    """The expression that uses result `index` of the call: the call itself when it is the only
    result and used in place, or the name it is assigned to (`m := s.Map()`, `m, ok := s.Get()`)."""
    node, parent = call, call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return None
    if parent.type == "expression_list" and parent.parent is not None \
            and parent.parent.type in ("assignment_statement", "short_var_declaration") \
            and parent == parent.parent.child_by_field_name("right") \
            and len(named_non_comment_children(parent)) == 1:
        if parent.parent.type == "assignment_statement" and parent.parent.child_by_field_name("operator") is not None \
                and parent.parent.child_by_field_name("operator").text != b"=":
            return None
        left = named_non_comment_children(parent.parent.child_by_field_name("left"))
        return left[index] if len(left) == count else None
    return node if count == 1 else None
