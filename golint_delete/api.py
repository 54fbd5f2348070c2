"""The rule API: everything a rule may use, and nothing else (tests/test_rule_api.py checks that
every rule imports only this module, the standard library and `__future__`).

A rule is a Rule value and a check function of guard clauses that asks the model (`ctx.model`,
a Package: one answer per question, listed in docs/architecture.md) and reports with `ctx.report`.
"""

from golint_delete import edits
from golint_delete.engine import Ctx
from golint_delete.findings import Fix, Severity
from golint_delete.model import cgo, layouts, linkname
from golint_delete.model.calls import Callee, CallSite, Qualified
from golint_delete.model.flow import Leave
from golint_delete.model.goroutines import ConcurrentMutation, Start, joined_before_use, start_of, \
    unlocked_concurrent_mutation
from golint_delete.model.knowledge import can_hold_nan, is_nan, owns_runtime_map_symbols, map_address
from golint_delete.model.locks import LockSet
from golint_delete.model.mutations import Mutation, inside, map_use, mutated_map, root_ident, written_nodes
from golint_delete.model.nilness import UNK, NilOrigin, all_nil, is_nil_fact
from golint_delete.model.package import Index, MapWrite, RangeLoop, SharedKey, single_statement
from golint_delete.model.queries import MUTATIONS, WRITER_CALLS, WRITES
from golint_delete.model.uses import CAPTURED, HANDS_ON, Use
from golint_delete.model.types import Array, Basic, Map, Named, Pointer, Struct, TypeParam, Unknown, deref, \
    is_map
from golint_delete.rule import Rule
from golint_delete.syntax import enclosing_function, named_non_comment_children, statements, unparen, walk, \
    walk_outside_closures



def every(n: int, noun: str) -> str:
    """"both writes", "all 3 writes": how a message counts what all of a field's writes share."""
    return f"both {noun}s" if n == 2 else f"all {n} {noun}s"


def take_lock(lock: str, rw: bool | None) -> str:
    """What to take around a read: RLock only where the mutex is known to be a sync.RWMutex (a
    mutex of another package's type, or of one not resolved, may have no RLock; Lock works on both)."""
    return f"{lock}.RLock (or Lock)" if rw is True else f"{lock}.Lock"


__all__ = [
    "all_nil", "every", "take_lock", "Array", "Basic", "Callee", "CallSite", "can_hold_nan", "CAPTURED", "cgo",
    "ConcurrentMutation", "Ctx", "deref", "edits", "enclosing_function", "Fix", "HANDS_ON", "Index", "inside",
    "is_map", "is_nan", "is_nil_fact", "joined_before_use", "layouts", "Leave", "linkname", "LockSet", "Map",
    "map_address", "map_use", "MapWrite", "mutated_map", "Mutation", "MUTATIONS", "Named", "named_non_comment_children",
    "NilOrigin", "owns_runtime_map_symbols", "Pointer", "Qualified", "RangeLoop", "root_ident", "Rule",
    "Severity", "SharedKey", "single_statement", "Start", "start_of", "statements", "Struct", "TypeParam",
    "UNK", "Unknown", "unlocked_concurrent_mutation", "unparen", "Use", "walk", "walk_outside_closures",
    "WRITER_CALLS", "WRITES", "written_nodes",
]
