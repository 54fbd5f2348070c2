"""The registry: every rule, in id order, discovered from this package's modules.

A rule is a module named `gd<NNN>_<name>.py` that defines `RULE`; adding one needs no edit here.
Discovery checks what a hand-written list used to leave to review: the module's id is the rule's id,
and ids and names are unique. tests/test_docs.py checks the registry against rules/*.md and testdata/.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from golint_delete.rule import Rule

_MODULE = re.compile(r"gd(\d{3})_[a-z0-9_]+")


def discover(path: list[str], package: str) -> tuple[Rule, ...]:
    """The RULE of every `gd<NNN>_<name>` module of `package` (found on `path`), checked and in id order."""
    rules: list[Rule] = []
    for info in pkgutil.iter_modules(path):
        m = _MODULE.fullmatch(info.name)
        if m is None:
            continue
        rule = importlib.import_module(f"{package}.{info.name}").RULE
        if not isinstance(rule, Rule):
            raise TypeError(f"{info.name}.RULE is not a Rule")
        if rule.id != f"GD{m.group(1)}":
            raise ValueError(f"{info.name} defines {rule.id}: the module name and the rule id disagree")
        rules.append(rule)
    rules.sort(key=lambda r: r.id)
    for attr in ("id", "name"):
        seen = [getattr(r, attr) for r in rules]
        dupes = sorted({v for v in seen if seen.count(v) > 1})
        if dupes:
            raise ValueError(f"rules share a {attr}: {', '.join(dupes)}")
    return tuple(rules)


REGISTRY: tuple[Rule, ...] = discover(__path__, __name__)
BY_ID = {r.id: r for r in REGISTRY}
BY_NAME = {r.name: r for r in REGISTRY}
