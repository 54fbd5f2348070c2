"""The registry: every rule, in id order. tests/test_docs.py checks it against rules/*.md and testdata/."""

from golint_delete.rule import Rule
from golint_delete.rules import (
    gd001_unused_suppression,
    gd101_nil_map_write,
    gd102_nil_map_field_write,
    gd103_nil_reset_then_write,
    gd202_delete_other_key_in_range,
    gd301_clear_loop,
)

REGISTRY: tuple[Rule, ...] = (
    gd001_unused_suppression.RULE,
    gd101_nil_map_write.RULE,
    gd102_nil_map_field_write.RULE,
    gd103_nil_reset_then_write.RULE,
    gd202_delete_other_key_in_range.RULE,
    gd301_clear_loop.RULE,
)

BY_ID = {r.id: r for r in REGISTRY}
BY_NAME = {r.name: r for r in REGISTRY}
