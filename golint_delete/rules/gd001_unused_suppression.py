"""GD001 unused-suppression: reported by the engine's suppression pass (golint_delete/suppress.py),
which alone knows which directives matched a finding; hence no query of its own."""

from golint_delete.findings import Severity
from golint_delete.rule import Rule

RULE = Rule("GD001", "unused-suppression", Severity.NOTE, query=None, check=None, default_enabled=False)
