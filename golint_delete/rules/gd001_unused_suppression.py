from golint_delete.api import Rule, Severity
"""GD001 unused-suppression: reported by the engine's suppression pass (golint_delete/suppress.py),
which alone knows which directives matched a finding; hence no query of its own."""


RULE = Rule("GD001", "unused-suppression", Severity.NOTE, query=None, check=None, default_enabled=False)
