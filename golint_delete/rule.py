"""What a rule is: metadata next to its check function (go/analysis's Analyzer value, not a subclass)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from golint_delete.findings import Severity

if TYPE_CHECKING:
    from tree_sitter import Node

    from golint_delete.engine import Ctx

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    # A tree-sitter query whose matches are the rule's candidates; `check` gets each match's captures.
    # Both None for a rule the engine itself reports (GD001, from the suppression pass).
    query: str | None
    check: Callable[["Ctx", dict[str, list["Node"]]], None] | None
    # For files tree-sitter-go does not parse (Go assembly, `.s`): called with the Ctx and the bytes.
    text_check: Callable[["Ctx", bytes], None] | None = None
    min_go: tuple[int, int] = (1, 0)
    # Bytes every file the rule can report in contains (`"C"` for cgo): other files skip the rule's
    # patterns in their query pass, whose cost is per match.
    trigger: bytes | None = None
    fixable: bool = False
    # Off unless selected by id, prefix or name (like staticcheck's NonDefault).
    default_enabled: bool = True

    def applies_to(self, file) -> bool:
        """Whether the rule's query runs on this file: its Go version and its trigger allow it."""
        return file.go_version >= self.min_go and (self.trigger is None or self.trigger in file.source)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"GD\d{3}", self.id) or not _NAME.match(self.name):
            raise ValueError(f"bad rule id or name: {self.id} {self.name}")

    @property
    def min_go_text(self) -> str:
        return f"{self.min_go[0]}.{self.min_go[1]}"
