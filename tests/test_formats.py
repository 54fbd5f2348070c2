"""The CI formats (GitLab Code Quality, JUnit XML, Checkstyle XML), from the real command, checked the
way their consumers read them: a JSON Schema of GitLab's documented fields, a JUnit XSD, and
ElementTree for Checkstyle."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import lxml.etree  # the XSD check needs it: a missing lxml fails the tests, it never skips them
import pytest
from conftest import run_cli

pytestmark = pytest.mark.slow  # runs the command in subprocesses

DATA = Path(__file__).resolve().parent / "data"
GO_MOD = "module x\n\ngo 1.22\n"
GOOD = """package x

func f(m map[string]int, other string) {
\tfor k := range m {
\t\tdelete(m, k)
\t}
\tfor k := range m {
\t\tdelete(m, other)
\t\t_ = k
\t}
}
"""
# Non-ASCII names reach messages: the XML must carry them whatever encoding stdout has.
UNICODE = """package x

func g(мапа map[int]bool) {
\tfor k := range мапа {
\t\tdelete(мапа, k)
\t}
}
"""
SYNTAX = "package x\n\nfunc h( {\n\tm := map[int]int{}\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n"
BINARY = b"package x\x00\x01\x02\xff\xfe"

# GitLab's Code Quality report format (docs: ci/testing/code_quality, "Code Quality report format"):
# the Code Climate issue fields GitLab reads, with the ones it requires.
CODE_QUALITY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "type": {"const": "issue"},
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "categories": {"type": "array", "items": {"type": "string"}},
            "engine_name": {"type": "string"},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1},
                                       "end": {"type": "integer", "minimum": 1}},
                    },
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "object", "required": ["line"],
                                                 "properties": {"line": {"type": "integer", "minimum": 1}}}},
                    },
                },
                "oneOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


def _module(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    (tmp_path / "go.mod").write_text(GO_MOD)
    for name, content in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return tmp_path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    """Findings only: a GD301 note and a GD202 warning in two folders, plus non-ASCII in a message."""
    return _module(tmp_path, {"a.go": GOOD, "sub/b.go": GOOD, "u.go": UNICODE})


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Findings, a file analysed around a syntax error, and a binary .go file (a fatal file error)."""
    return _module(tmp_path, {"a.go": GOOD, "bad.go": SYNTAX, "bin.go": BINARY})


def check(fmt: str, cwd: Path, *args: str):
    return run_cli("check", "--format", fmt, *args, ".", cwd=cwd)


def json_findings(cwd: Path) -> list[dict]:
    return json.loads(check("json", cwd).stdout)["findings"]


@pytest.mark.parametrize("fmt", ["text", "json", "gitlab", "junit", "checkstyle"])
def test_exit_codes_do_not_depend_on_format(fmt: str, clean: Path, tmp_path_factory) -> None:
    out = check(fmt, clean)
    assert out.returncode == 1, out.stderr  # the GD202 warning
    assert check(fmt, clean, "--fail-on", "error").returncode == 0
    broken = _module(tmp_path_factory.mktemp("broken"), {"a.go": GOOD, "bin.go": BINARY})
    assert check(fmt, broken).returncode == 2


# --- GitLab Code Quality ------------------------------------------------------------------------

def test_gitlab_matches_code_quality_schema(clean: Path) -> None:
    out = check("gitlab", clean)
    issues = json.loads(out.stdout)
    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    findings = json_findings(clean)
    assert len(issues) == len(findings) == 5
    for issue, f in zip(issues, findings):
        assert issue["check_name"] == f"{f['rule']} {f['name']}"
        assert issue["description"] == f["message"]
        assert issue["location"] == {"path": f["path"], "lines": {"begin": f["line"], "end": f["end_line"]}}
        assert issue["severity"] == {"error": "major", "warning": "minor", "note": "info"}[f["severity"]]
        assert issue["type"] == "issue" and issue["engine_name"] == "golint-delete"
        path = issue["location"]["path"]
        assert not Path(path).is_absolute() and "\\" not in path and not path.startswith("..")
    # a.go and sub/b.go hold the same code: equal finding fingerprints, distinct report fingerprints.
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["location"]["path"] for i in issues} == {"a.go", "sub/b.go", "u.go"}


def test_gitlab_fingerprints_are_stable(clean: Path) -> None:
    before = json.loads(check("gitlab", clean).stdout)
    assert json.loads(check("gitlab", clean).stdout) == before
    # GitLab compares base and head by fingerprint: moving code down must not make new issues.
    (clean / "a.go").write_text(GOOD.replace("package x\n", "package x\n\n// moved\n\n"))
    after = json.loads(check("gitlab", clean).stdout)
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] != [i["location"]["lines"]["begin"] for i in before]


def test_gitlab_leaves_out_file_errors(broken: Path) -> None:
    issues = json.loads(check("gitlab", broken).stdout)
    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    assert {i["location"]["path"] for i in issues} == {"a.go", "bad.go"}


def test_gitlab_empty_run_is_an_empty_array(tmp_path: Path) -> None:
    _module(tmp_path, {"ok.go": "package x\n"})
    out = check("gitlab", tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout) == []


# --- JUnit --------------------------------------------------------------------------------------

def junit_xsd() -> lxml.etree.XMLSchema:
    return lxml.etree.XMLSchema(lxml.etree.parse(str(DATA / "junit.xsd")))


def validate_junit(raw: bytes) -> ET.Element:
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    schema = junit_xsd()
    doc = lxml.etree.fromstring(raw)
    assert schema.validate(doc), schema.error_log
    return ET.fromstring(raw)


def test_junit_findings_and_errors(broken: Path) -> None:
    out = check("junit", broken)
    assert out.returncode == 2
    root = validate_junit(out.stdout)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "golint-delete"
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    errors = [c for c in cases if c.find("error") is not None]
    findings = json_findings(broken)
    assert len(failures) == len(findings) == 3 and len(errors) == 1
    for node in (root, suite):
        assert (node.get("tests"), node.get("failures"), node.get("errors")) == (str(len(cases)), "3", "1")
    for case, f in zip(failures, findings):
        assert case.get("classname") == f["path"]
        assert case.get("name") == f"{f['rule']} {f['name']} {f['line']}:{f['column']}"
        failure = case.find("failure")
        assert failure.get("type") == f["rule"] and failure.get("message") == f["message"]
        assert f["message"] in failure.text
    (err,) = errors
    assert err.get("classname") == "bin.go" and err.find("error").get("type") == "binary"
    # The syntax error is a warning, not a failed test: it shows in the suite's output.
    assert "bad.go:3:8" in suite.find("system-out").text


def test_junit_non_ascii_and_stable(clean: Path) -> None:
    first = check("junit", clean).stdout
    assert first == check("junit", clean).stdout
    first.decode("ascii")  # everything else is a character reference
    root = validate_junit(first)
    messages = [f.get("message") for f in root.iter("failure")]
    assert any("мапа" in m for m in messages)


def test_junit_clean_run_has_one_passing_case(tmp_path: Path) -> None:
    _module(tmp_path, {"ok.go": "package x\n"})
    out = check("junit", tmp_path)
    assert out.returncode == 0
    root = validate_junit(out.stdout)
    (case,) = root.iter("testcase")
    assert list(case) == []  # no failure, error or skipped child: a pass
    assert root.get("tests") == "1" and root.get("failures") == "0" and root.get("errors") == "0"


def test_junit_control_characters_in_path(tmp_path: Path) -> None:
    # XML 1.0 cannot hold U+001B even escaped; the report must stay parseable.
    _module(tmp_path, {"odd\x1bname.go": GOOD})
    out = check("junit", tmp_path)
    root = validate_junit(out.stdout)
    assert any("odd" in c.get("classname") for c in root.iter("testcase"))


# --- Checkstyle ---------------------------------------------------------------------------------

def test_checkstyle(broken: Path) -> None:
    out = check("checkstyle", broken)
    assert out.returncode == 2
    assert out.stdout.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert out.stdout == check("checkstyle", broken).stdout
    root = ET.fromstring(out.stdout)
    assert root.tag == "checkstyle" and root.get("version") == "4.3"
    files = root.findall("file")
    names = [f.get("name") for f in files]
    assert names == sorted(names) == ["a.go", "bad.go", "bin.go"]
    assert all(child.tag == "error" for f in files for child in f)
    for f in files:
        for e in f:
            assert e.get("severity") in ("error", "warning", "info")
            assert e.get("source", "").startswith("golint-delete.") and e.get("message")
    reported = [(f.get("name"), int(e.get("line")), int(e.get("column")), e.get("source"), e.get("severity"),
                 e.get("message"))
                for f in files for e in f if e.get("source").startswith("golint-delete.GD")]
    expected = [(f["path"], f["line"], f["column"], f"golint-delete.{f['rule']}",
                 {"error": "error", "warning": "warning", "note": "info"}[f["severity"]], f["message"])
                for f in json_findings(broken)]
    assert sorted(reported) == sorted(expected) and len(set(reported)) == len(reported)
    by_source = {e.get("source"): (f.get("name"), e.get("severity")) for f in files for e in f}
    assert by_source["golint-delete.binary"] == ("bin.go", "error")
    assert by_source["golint-delete.parse"] == ("bad.go", "warning")


def test_checkstyle_clean_run(tmp_path: Path) -> None:
    _module(tmp_path, {"ok.go": "package x\n"})
    out = check("checkstyle", tmp_path)
    assert out.returncode == 0
    root = ET.fromstring(out.stdout)
    assert root.tag == "checkstyle" and list(root) == []


def test_cli_offers_exactly_the_reporters() -> None:
    from golint_delete.cli import FORMAT_NAMES
    from golint_delete.report import FORMATS

    assert set(FORMAT_NAMES) == set(FORMATS)
