"""GD403 range-without-writers-lock: ranging over a map field whose writes elsewhere in the package
all hold one mutex, without holding it.

"concurrent map iteration and map write" is fatal too. The guarding mutex is learnt from the
package: a mutex field of the same struct value held (Lock) at every write or delete of the field,
at two writes or more. Functions named ...Locked (the caller holds the lock, by Go convention) and
unexported functions whose every call site holds the mutex are not reported, nor are _test.go files
(tests inspect state after the fact, on one goroutine).
"""

from __future__ import annotations

import re

from golint_delete import syntax
from golint_delete.engine import Ctx
from golint_delete.findings import Severity
from golint_delete.model import goroutines
from golint_delete.model.mutations import QUERY as MUTATIONS, mutated_map
from golint_delete.rule import Rule
from golint_delete.syntax import unparen

_LOCKED_NAME = re.compile(r"(?i)locked$")


def _mutex_fields(ctx: Ctx, held, holder_key) -> set[bytes]:
    """Names of mutex fields of the same struct value (`s.mu` for `s.items`) among held locks."""
    out = set()
    for key, _kind in held or ():
        if isinstance(key, tuple) and key[0] == "sel" and key[1] == holder_key:
            out.add(key[2])
    return out


def guarding_mutex(ctx: Ctx, access_key) -> tuple[bytes, int] | None:
    """The mutex field held at every write of the field `access_key`, and how many writes."""
    memo = ctx.model.__dict__.setdefault("_guards", {})
    if access_key in memo:
        return memo[access_key]
    common, count = None, 0
    for f in ctx.model.files:
        for _, caps in f.index.matches(MUTATIONS):
            found = mutated_map(ctx.model, f, caps)
            if found is None or ctx.model.access_key(found[1], f) != access_key:
                continue
            m = found[1]
            if m.type != "selector_expression":
                continue
            holder = ctx.model.path_key(m.child_by_field_name("operand"), f)
            names = _mutex_fields(ctx, ctx.model.locks_at(found[0], f), holder)
            common = names if common is None else common & names
            count += 1
    result = (sorted(common)[0], count) if common and count >= 2 else None
    memo[access_key] = result
    return result


def _callers_hold(ctx: Ctx, func, mutex: bytes) -> bool:
    name = func.child_by_field_name("name")
    if name is None or not name.text[:1].islower():
        return False
    sites = []
    for f in ctx.model.files:
        for n in syntax.walk(f.root):
            if n.type != "call_expression":
                continue
            fn = unparen(n.child_by_field_name("function"))
            callee = fn.child_by_field_name("field") if fn.type == "selector_expression" else fn
            if callee is not None and callee.text == name.text:
                sites.append((n, f))
    return all(any(isinstance(k, tuple) and k[0] == "sel" and k[2] == mutex
                   for k, _ in (ctx.model.locks_at(n, f) or ())) for n, f in sites)


def check(ctx: Ctx, caps: dict) -> None:
    if ctx.file.path.endswith("_test.go"):
        return  # tests inspect state after the fact, on one goroutine
    clause = caps["clause"][0]
    m = unparen(clause.child_by_field_name("right"))
    if m.type != "selector_expression" or not ctx.model.is_map(m, ctx.file):
        return
    key = ctx.model.access_key(m, ctx.file)
    if key is None or key[0] is None:
        return
    guard = guarding_mutex(ctx, key)
    if guard is None:
        return
    mutex, writes = guard
    func = goroutines.enclosing_function(clause)
    name = func.child_by_field_name("name") if func is not None else None
    if name is not None and _LOCKED_NAME.search(name.text.decode()):
        return
    holder = ctx.model.path_key(m.child_by_field_name("operand"), ctx.file)
    if mutex in _mutex_fields(ctx, ctx.model.locks_at(clause, ctx.file), holder):
        return
    if func is not None and func.type != "func_literal" and _callers_hold(ctx, func, mutex):
        return
    owner = ctx.text(m.child_by_field_name("operand"))
    ctx.report(ctx.header_range(clause.parent),
               f"range over {ctx.text(m)} without {owner}.{mutex.decode()}, which all {writes} writes to it "
               f"hold: iterating while another goroutine writes is a fatal runtime error; take "
               f"{owner}.{mutex.decode()}.RLock (or Lock) around the loop")


RULE = Rule("GD403", "range-without-writers-lock", Severity.WARNING,
            query="(for_statement (range_clause) @clause)", check=check)
