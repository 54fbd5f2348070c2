"""Rules ask the model through one API module (golint_delete/api.py) and nothing else: no model
internals, no `syntax`, no other rule, no private name, no memo of their own in the model."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

RULES = sorted((Path(__file__).resolve().parents[1] / "golint_delete" / "rules").glob("gd*.py"))


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.stem)
def test_rule_imports_only_the_rule_api(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    answers = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and _is_model_answer(n.value, set())
               for t in n.targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if mod == "__future__":
                continue
            if mod != "golint_delete.api":
                problems.append(f"line {node.lineno}: from {mod} import ...")
            problems += [f"line {node.lineno}: imports private {a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            problems += [f"line {node.lineno}: import {a.name}" for a in node.names
                         if a.name.split(".")[0] not in sys.stdlib_module_names]
        elif isinstance(node, ast.Attribute):
            # ctx.model.__dict__, ctx.model.types, ctx.model._memo: the model's insides
            if node.attr.startswith("_") or (node.attr == "types" and isinstance(node.value, ast.Attribute)
                                            and node.value.attr == "model"):
                problems.append(f"line {node.lineno}: reaches into .{node.attr}")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, int) and _is_model_answer(node.value, answers):
            problems.append(f"line {node.lineno}: indexes a model answer by position; facts have names")
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def _is_model_answer(value: ast.AST, answers: set[str]) -> bool:
    """A call of the model (`ctx.model.field(...)`, `linkname.lookup(...)`, `layouts.match(...)`)
    or a name bound to one: its answer is a typed value, read by attribute."""
    if isinstance(value, ast.Name):
        return value.id in answers
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Attribute):
        return False
    base = value.func.value
    if isinstance(base, ast.Name) and base.id in ("linkname", "layouts"):
        return True
    return isinstance(base, ast.Attribute) and base.attr == "model"


def test_the_check_fails_on_a_rule_that_reaches_into_the_model(tmp_path: Path) -> None:
    bad = tmp_path / "gd999_bad.py"
    bad.write_text("from golint_delete.model.nilness import UNK\n\ndef check(ctx, caps):\n"
                   "    ctx.model.__dict__['x'] = caps['w'][0]\n    return ctx.model.field(1, 2)[2]\n")
    with pytest.raises(AssertionError) as got:
        test_rule_imports_only_the_rule_api(bad)
    text = str(got.value)
    assert "golint_delete.model.nilness" in text and "__dict__" in text and "indexes a model answer" in text
