"""SARIF output against the official 2.1.0 schema and Microsoft's validator with GitHub's ingestion
rules (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`): zero errors from both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sarif_tools
from conftest import TESTDATA, run_cli

from golint_delete import docs
from golint_delete.rules import REGISTRY

pytestmark = pytest.mark.slow  # validates with Node and Microsoft's SARIF multitool


def _project(tmp_path: Path) -> Path:
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.22\n")
    d = tmp_path / "dir with space" / "é"
    d.mkdir(parents=True)
    for name in ("cache.go", "reservations.go", "inventory.go"):
        (d / name).write_text((TESTDATA / "examples" / name).read_text())
    (d / "broken.go").write_text("package examples\n\nfunc broken( {\n")
    # A non-ASCII line before the finding checks UTF-16 columns.
    (tmp_path / "u.go").write_text('package x\n\nfunc f(m map[string]int, o string) {\n\tfor k := range m { _ = "é"; delete(m, o); _ = k }\n}\n')
    return tmp_path


def _sarif(tmp_path: Path) -> tuple[dict, Path]:
    out = run_cli("check", "--format", "sarif", "--output", "out.sarif", "--extend-select", "GD001", ".",
                  cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    path = tmp_path / "out.sarif"
    return json.loads(path.read_text()), path


def test_sarif_is_valid_for_schema_and_github(sarif_validators, tmp_path: Path) -> None:
    doc, path = _sarif(_project(tmp_path))
    assert sarif_tools.validate_schema(doc) == []
    rule_ids = {r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    # Neither validator checks that results name a declared rule.
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} <= rule_ids
    # strict: also GitHub's GH1001-GH1007 ingestion rules, which the tool leaves off by default.
    errors, _warnings = sarif_tools.validate_multitool(path, strict=True)
    assert errors == []


def test_sarif_content(tmp_path: Path) -> None:
    doc, _ = _sarif(_project(tmp_path))
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "golint-delete" and driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.id for r in REGISTRY]
    gd301 = driver["rules"][[r.id for r in REGISTRY].index("GD301")]
    assert gd301["help"]["markdown"] == docs.page("GD301")
    assert gd301["shortDescription"]["text"] == docs.title("GD301")
    assert gd301["defaultConfiguration"]["level"] == "note"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "dir%20with%20space/%C3%A9/cache.go" in uris
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["partialFingerprints"]["golintDelete/v1"]
    [u] = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "u.go"]
    # "é" is 2 bytes but 1 UTF-16 code unit: the SARIF column is one less than Go's byte column.
    line = (tmp_path / "u.go").read_text().splitlines()[3]
    assert u["locations"][0]["physicalLocation"]["region"]["startColumn"] == line.index("delete") + 1
    assert len(line.encode()[: line.encode().index(b"delete")]) == line.index("delete") + 1
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("broken.go" in n["message"]["text"] for n in notes)


def test_fingerprints_survive_line_shifts_and_renames(tmp_path: Path) -> None:
    proj = _project(tmp_path)
    before, _ = _sarif(proj)
    f = proj / "dir with space" / "é" / "reservations.go"
    text = f.read_text()
    head, rest = text.split("\n", 1)
    f.write_text(head + "\n\n// An unrelated comment.\n\n" + rest)
    f.rename(f.with_name("renamed.go"))
    after, _ = _sarif(proj)

    def prints(doc):
        return sorted(r["partialFingerprints"]["golintDelete/v1"] for r in doc["runs"][0]["results"])

    lines = lambda doc: sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"]  # noqa: E731
                               for r in doc["runs"][0]["results"])
    assert lines(before) != lines(after)
    assert prints(before) == prints(after)


def test_sarif_with_baseline_states_is_valid(sarif_validators, tmp_path: Path) -> None:
    proj = _project(tmp_path)
    assert run_cli("check", "--write-baseline", "base.json", ".", cwd=proj).returncode == 0
    (proj / "u.go").unlink()  # one baseline finding becomes absent
    (proj / "v.go").write_text("package x\n\nfunc g(m map[string]int) {\n\tfor k, v := range m {\n\t\tm[k+\"!\"] = v\n\t}\n}\n")
    out = run_cli("check", "--format", "sarif", "--output", "b.sarif", "--baseline", "base.json", ".", cwd=proj)
    assert out.returncode == 1, out.stderr
    doc = json.loads((proj / "b.sarif").read_text())
    assert {r["baselineState"] for r in doc["runs"][0]["results"]} == {"new", "unchanged", "absent"}
    assert sarif_tools.validate_schema(doc) == []
    errors, _ = sarif_tools.validate_multitool(proj / "b.sarif", strict=True)
    assert errors == []
