"""The registry: every rule, in id order. tests/test_docs.py checks it against rules/*.md and testdata/."""

from golint_delete.rule import Rule
from golint_delete.rules import (
    gd001_unused_suppression,
    gd101_nil_map_write,
    gd102_nil_map_field_write,
    gd103_nil_reset_then_write,
    gd201_insert_during_range,
    gd202_delete_other_key_in_range,
    gd203_delete_filter_loop,
    gd301_clear_loop,
    gd302_ineffective_map_reset,
    gd303_nan_key,
    gd401_goroutine_map_write,
    gd402_write_under_rlock,
    gd403_range_without_writers_lock,
    gd404_handler_map_write,
    gd501_linkname_runtime_map,
    gd502_runtime_map_layout_mirror,
    gd503_cgo_map_pass,
    gd504_asm_runtime_map_call,
)

REGISTRY: tuple[Rule, ...] = (
    gd001_unused_suppression.RULE,
    gd101_nil_map_write.RULE,
    gd102_nil_map_field_write.RULE,
    gd103_nil_reset_then_write.RULE,
    gd201_insert_during_range.RULE,
    gd202_delete_other_key_in_range.RULE,
    gd203_delete_filter_loop.RULE,
    gd301_clear_loop.RULE,
    gd302_ineffective_map_reset.RULE,
    gd303_nan_key.RULE,
    gd401_goroutine_map_write.RULE,
    gd402_write_under_rlock.RULE,
    gd403_range_without_writers_lock.RULE,
    gd404_handler_map_write.RULE,
    gd501_linkname_runtime_map.RULE,
    gd502_runtime_map_layout_mirror.RULE,
    gd503_cgo_map_pass.RULE,
    gd504_asm_runtime_map_call.RULE,
)

BY_ID = {r.id: r for r in REGISTRY}
BY_NAME = {r.name: r for r in REGISTRY}
