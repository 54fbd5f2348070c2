"""The rule API: everything a rule may use, and nothing else (tests/test_rule_api.py checks that
every rule imports only this module, the standard library and `__future__`).

A rule is a Rule value and a check function of guard clauses that asks the model (`ctx.model`,
a Package: one answer per question, listed in docs/architecture.md) and reports with `ctx.report`.
"""

from golint_delete import edits
from golint_delete.engine import Ctx
from golint_delete.findings import Fix, Severity
from golint_delete.model import layouts, linkname
from golint_delete.model.calls import Callee, CallSite, Qualified
from golint_delete.model.flow import Leave
from golint_delete.model.goroutines import ConcurrentMutation, Start, joined_before_use, start_of, \
    unlocked_concurrent_mutation
from golint_delete.model.knowledge import can_hold_nan, is_nan, owns_runtime_map_symbols, unsafe_pointer_arg, \
    map_address
from golint_delete.model.locks import LockSet
from golint_delete.model.mutations import Mutation, inside, mutated_map, root_ident
from golint_delete.model.nilness import UNK, NilOrigin, all_nil, is_nil_fact
from golint_delete.model.package import Index, MapWrite, RangeLoop, SharedKey, single_statement
from golint_delete.model.queries import MUTATIONS, WRITES
from golint_delete.model.types import Array, Basic, CType, Map, Named, Pointer, Struct, TypeParam, Unknown, deref, \
    is_map
from golint_delete.rule import Rule
from golint_delete.syntax import enclosing_function, named_non_comment_children, statements, unparen, walk, \
    walk_outside_closures

__all__ = [
    "Array", "Basic", "CType", "CallSite", "Callee", "ConcurrentMutation", "Ctx", "Fix", "Index", "Leave",
    "LockSet", "MUTATIONS", "Map", "MapWrite", "Mutation", "Named", "NilOrigin", "Pointer", "Qualified",
    "RangeLoop", "Rule", "Severity", "SharedKey", "Start", "Struct", "TypeParam", "UNK", "Unknown", "WRITES",
    "all_nil", "can_hold_nan", "deref", "edits", "enclosing_function", "inside", "is_map", "is_nan",
    "is_nil_fact", "joined_before_use", "layouts", "linkname", "map_address", "mutated_map",
    "named_non_comment_children", "owns_runtime_map_symbols", "root_ident", "single_statement", "start_of",
    "statements", "unlocked_concurrent_mutation", "unparen", "unsafe_pointer_arg", "walk",
    "walk_outside_closures",
]
