"""Every rule against its Go testdata: `// want` lines must be flagged, all other lines silent."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import TESTDATA
from wants import compare, wants_in

from golint_delete.engine import Options
from golint_delete.rules import BY_ID, REGISTRY
from golint_delete.runner import run, select_rules

RULE_DIR = re.compile(r"^gd\d{3}$")


def rule_dirs() -> list[Path]:
    return sorted(p for p in TESTDATA.rglob("gd*") if p.is_dir() and RULE_DIR.match(p.name))


@pytest.mark.parametrize("folder", rule_dirs(), ids=lambda p: str(p.relative_to(TESTDATA)))
def test_rule_testdata(folder: Path) -> None:
    rule_id = folder.name.upper()
    assert rule_id in BY_ID, f"testdata folder {folder.name} names no rule"
    # All default rules run, plus this folder's own: a look-alike must not trip a neighbour either.
    rules = select_rules(None, [rule_id], [])
    cwd = os.getcwd()
    os.chdir(TESTDATA)
    try:
        result = run([str(folder.relative_to(TESTDATA))], Options(rules=rules), jobs=1)
    finally:
        os.chdir(cwd)
    assert not result.errors, result.errors
    files = sorted([*folder.glob("*.go"), *folder.glob("*.s")])
    problems = compare(result.findings, files, lambda p: p.relative_to(TESTDATA).as_posix())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("folder", sorted(p for p in (TESTDATA / "run").iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_hazard_programs_are_flagged_where_they_say(folder: Path) -> None:
    """The programs that show each hazard at run time carry `want` lines too."""
    cwd = os.getcwd()
    os.chdir(TESTDATA)
    try:
        result = run([str(folder.relative_to(TESTDATA))], Options(rules=select_rules(None, [], [])), jobs=1)
    finally:
        os.chdir(cwd)
    problems = compare(result.findings, sorted(folder.glob("*.go")), lambda p: p.relative_to(TESTDATA).as_posix())
    assert not problems, "\n".join(problems)


def test_every_rule_has_flagging_testdata() -> None:
    dirs = {p.name.upper(): p for p in rule_dirs() if p.parent == TESTDATA}
    for rule in REGISTRY:
        assert rule.id in dirs, f"{rule.id} has no testdata/{rule.id.lower()}/"
        n = sum(len(wants_in(f)) for f in [*dirs[rule.id].glob("*.go"), *dirs[rule.id].glob("*.s")])
        assert n >= 3, f"{rule.id}: only {n} `want` lines in its testdata"


def test_idempotent_rekeying_is_a_note_and_other_inserts_stay_warnings() -> None:
    """GD201 reports re-keying to strings.ToLower(k) at note severity (a visit of the new key
    rewrites the same entry); a key that grows on every visit stays a warning."""
    cwd = os.getcwd()
    os.chdir(TESTDATA)
    try:
        result = run(["gd201/normalise.go"], Options(rules=select_rules(["GD201"], [], [])), jobs=1)
    finally:
        os.chdir(cwd)
    by_line = {f.start.line: f.severity.name.lower() for f in result.findings}
    src = (TESTDATA / "gd201" / "normalise.go").read_text().splitlines()
    expected = {i + 1: ("note" if "already normalised" in line else "warning")
                for i, line in enumerate(src) if "// want GD201" in line}
    assert by_line == expected
