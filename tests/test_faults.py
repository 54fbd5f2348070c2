"""Trustworthy on any input: odd file names, unreadable or vanishing files, FIFOs, symlink loops,
signals in the middle of --fix, concurrent runs, a broken or unwritable cache. Each case checks the
promise itself: a per-file error and the rest analysed, never a hang, a traceback, a temporary file
left behind, a half-written file or output that depends on the run.

Root reads and writes through permission bits, and CI runs as root: where a test needs a file or
folder that really cannot be read or written, the command runs without the capabilities that let
root ignore permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so the kernel
enforces them as it would for any user. The test checks that this took effect instead of trusting it.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote_to_bytes, urljoin, urlparse

import pytest
from conftest import TESTDATA

from golint_delete import runner
from golint_delete.cache import Cache
from golint_delete.engine import Options
from golint_delete.runner import run, select_rules

pytestmark = pytest.mark.slow  # subprocess runs under faults, signals and concurrency

GO_MOD = "module x\n\ngo 1.22\n"
BAD = ("package p\n\nfunc prune{n}(m map[string]int, stale string) {{\n"
       "\tfor k := range m {{\n\t\tdelete(m, stale)\n\t\t_ = k\n\t}}\n}}\n")
LOOP = "\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n"
CLEAR = "package p\n\nfunc reset{n}(m map[string]int) {{\n" + LOOP.replace("{", "{{").replace("}", "}}") + "}}\n"
TEMP_GLOBS = (".golint-delete-*", ".tmp-*")


def bad(n: int = 0) -> str:
    return BAD.format(n=n)


def clear(n: int = 0) -> str:
    return CLEAR.format(n=n)


def fixed(n: int = 0) -> str:
    """What --fix makes of clear(n), byte for byte."""
    return clear(n).replace(LOOP, "\tclear(m)\n")


def cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 60, preexec_fn=None):
    """The real command; `check` without the cache unless a test names one. A hang fails the test."""
    if args and args[0] == "check" and "--cache-dir" not in args:
        args = ("check", "--no-cache", *args[1:])
    return subprocess.run([sys.executable, "-m", "golint_delete", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, preexec_fn=preexec_fn)


def write(root: Path, files: dict) -> Path:
    for name, content in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def no_temp_files(root: Path) -> list[Path]:
    return [p for g in TEMP_GLOBS for p in root.rglob(g)]


def no_traceback(out) -> None:
    assert b"Traceback" not in out.stderr and b"internal error" not in out.stderr, out.stderr.decode(errors="replace")


# -- permissions that bind even for root --------------------------------------------------------

_PR_CAPBSET_DROP = 24
_DAC_CAPS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def _drop_dac_caps() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), f"prctl(PR_CAPBSET_DROP, {cap})")


def unprivileged():
    """preexec_fn under which permission bits bind: root loses the capabilities that bypass them
    (from the bounding set, so the exec'd command never has them); another user needs nothing."""
    return _drop_dac_caps if os.geteuid() == 0 else None


def assert_denied(path: Path) -> None:
    probe = "import os, sys; p = sys.argv[1]; os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read()"
    out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, preexec_fn=unprivileged())
    assert out.returncode != 0 and b"PermissionError" in out.stderr, \
        f"this test could not make {path} unreadable; it proves nothing as it stands"


# -- file names ----------------------------------------------------------------------------------

NON_UTF8_DIR = b"d\xe9j\xe0"  # latin-1 bytes, not UTF-8
NON_UTF8_FILE = b"caf\xe9.go"


def odd_names_tree(root: Path) -> set[bytes]:
    """Files under names that are not UTF-8, not ASCII, or full of URI and shell metacharacters, each
    with one GD202 finding. Returns their paths relative to root, as bytes."""
    write(root, {"go.mod": GO_MOD})
    rels = {
        NON_UTF8_DIR + b"/" + NON_UTF8_FILE: bad(1),
        "sp ace/a b.go".encode(): bad(2),
        "uni/日本語/ça€😀.go".encode(): bad(3),
        b"meta/h#a%20s?h:x&y+z=1;.go": bad(4),
        b"meta/c%C3%A9.go": bad(5),  # looks percent-encoded already: must be encoded again
    }
    base = os.fsencode(root)
    for rel, src in rels.items():
        full = os.path.join(base, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as fh:
            fh.write(src.encode())
    return set(rels)


@pytest.mark.parametrize("locale_env", [{}, {"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}],
                         ids=["default-locale", "strict-utf8-stdout"])
def test_odd_file_names_in_every_format(tmp_path: Path, locale_env: dict) -> None:
    """Names are reported byte for byte in text (as go vet does), as valid UTF-8 in JSON (a name that
    is not UTF-8 as \\udcXX escapes that os.fsencode turns back into the name), whatever stdout's
    encoding error handler, and the XML formats parse."""
    expected = odd_names_tree(tmp_path)
    names = {os.fsdecode(rel) for rel in expected}
    text = cli("check", ".", cwd=tmp_path, env=locale_env)
    no_traceback(text)
    assert text.returncode == 1
    printed = {line.split(b":5:3: ")[0] for line in text.stdout.splitlines()}
    assert printed == set(expected), printed
    for fmt in ("json", "gitlab"):
        out = cli("check", "--format", fmt, ".", cwd=tmp_path, env=locale_env)
        no_traceback(out)
        assert out.returncode == 1
        doc = json.loads(out.stdout.decode("utf-8"))  # strict: the document is valid UTF-8
        assert b'\\udce9' in out.stdout  # how the name's byte 0xE9 is written
        paths = [f["path"] for f in doc["findings"]] if fmt == "json" else [i["location"]["path"] for i in doc]
        assert set(paths) == names
        assert all((tmp_path / p).is_file() for p in paths)  # each name leads back to its file
    for fmt in ("junit", "checkstyle", "github") if not locale_env else ():
        out = cli("check", "--format", fmt, ".", cwd=tmp_path, env=locale_env)
        no_traceback(out)
        assert out.returncode == 1 and out.stdout
        if fmt != "github":
            ET.fromstring(out.stdout)
    # A report written to a file holds the same bytes as on stdout.
    out = cli("check", "--format", "json", "-o", "r.json", ".", cwd=tmp_path, env=locale_env)
    no_traceback(out)
    assert (tmp_path / "r.json").read_bytes() == cli("check", "--format", "json", ".", cwd=tmp_path).stdout


def test_odd_file_names_errors_diff_and_fix(tmp_path: Path) -> None:
    """A per-file error, --diff and --fix on a file whose name is not UTF-8."""
    d = os.path.join(os.fsencode(tmp_path), NON_UTF8_DIR)
    os.makedirs(d)
    write(tmp_path, {"go.mod": GO_MOD})
    fix_me = os.path.join(d, NON_UTF8_FILE)
    broken = os.path.join(d, b"br\xefken.go")
    with open(fix_me, "wb") as fh:
        fh.write(clear().encode())
    with open(broken, "wb") as fh:
        fh.write(b"package p\n\nfunc f( {\n")
    env = {"PYTHONIOENCODING": "utf-8:strict"}
    diff = cli("check", "--diff", ".", cwd=tmp_path, env=env)
    no_traceback(diff)
    assert diff.returncode == 1
    assert b"--- a/" + NON_UTF8_DIR + b"/" + NON_UTF8_FILE in diff.stdout
    out = cli("check", "--fix", ".", cwd=tmp_path, env=env)
    no_traceback(out)
    assert b"fixed 1 finding in 1 file" in out.stderr
    # stderr names the file byte for byte, as stdout does.
    assert NON_UTF8_DIR + b"/br\xefken.go:3:1: warning: syntax error" in out.stderr, out.stderr
    with open(fix_me, "rb") as fh:
        assert fh.read() == fixed().encode()


def test_sarif_uris_are_percent_encoded_and_resolve_to_the_files(tmp_path: Path) -> None:
    """Every artifact URI, resolved against %SRCROOT% (itself under a folder with a space, `#` and
    `%`), names exactly the file's bytes on disk; a file named outside the working directory gets an
    absolute file:// URI, not a relative one climbing out of %SRCROOT%."""
    root = tmp_path / "wd #1 %41 é"
    root.mkdir()
    expected = odd_names_tree(root)
    write(tmp_path, {"outside/o.go": bad(9)})
    out = cli("check", "--format", "sarif", ".", "../outside/o.go", cwd=root,
              env={"PYTHONIOENCODING": "utf-8:strict"})
    no_traceback(out)
    assert out.returncode == 1
    doc = json.loads(out.stdout.decode("utf-8"))
    run_ = doc["runs"][0]
    srcroot = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert srcroot.endswith("/") and unquote_to_bytes(urlparse(srcroot).path) == os.fsencode(root) + b"/"
    seen = set()
    for result in run_["results"]:
        locs = [result["locations"][0]["physicalLocation"]["artifactLocation"]]
        locs += [c["artifactLocation"] for fx in result.get("fixes", []) for c in fx["artifactChanges"]]
        for loc in locs:
            uri = loc["uri"]
            # Unreserved characters and %XX only (a relative reference with a `:` would read as a scheme).
            assert re.fullmatch(r"(file://)?(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})+", uri), uri
            if "uriBaseId" in loc:
                assert loc["uriBaseId"] == "%SRCROOT%" and not uri.startswith(("/", "../", "file:"))
                uri = urljoin(srcroot, uri)
            assert uri.startswith("file:///")
            on_disk = unquote_to_bytes(urlparse(uri).path)
            assert os.path.isfile(on_disk), on_disk
            seen.add(on_disk)
    base = os.fsencode(root) + b"/"
    assert seen == {base + rel for rel in expected} | {os.fsencode(tmp_path / "outside" / "o.go")}


# -- what the filesystem does to a run ------------------------------------------------------------

def test_fifo_and_device_named_go_do_not_hang(tmp_path: Path) -> None:
    """A FIFO met while walking a folder, and a link to a character device named on the command
    line: each a per-file error, never a blocked read; the rest is analysed (with the cache too)."""
    write(tmp_path, {"go.mod": GO_MOD, "p/a.go": bad(1), "q/b.go": bad(2)})
    os.mkfifo(tmp_path / "p" / "x.go")
    (tmp_path / "zero.go").symlink_to("/dev/zero")
    for cache in ((), ("--cache-dir", str(tmp_path / ".cache"))):
        out = cli("check", "--format", "json", *cache, ".", "zero.go", cwd=tmp_path, timeout=60)
        no_traceback(out)
        assert out.returncode == 2
        doc = json.loads(out.stdout)
        assert {e["path"]: (e["kind"], e["message"]) for e in doc["errors"]} == {
            "p/x.go": ("read", "not a regular file; skipped"), "zero.go": ("read", "not a regular file; skipped")}
        assert sorted(f["path"] for f in doc["findings"]) == ["p/a.go", "q/b.go"]


def test_unreadable_folder_and_file_are_errors_and_the_rest_is_analysed(tmp_path: Path) -> None:
    write(tmp_path, {"go.mod": GO_MOD, "ok/a.go": bad(1), "locked/b.go": bad(2), "mixed/c.go": bad(3),
                     "mixed/secret.go": bad(4)})
    os.chmod(tmp_path / "locked", 0)
    os.chmod(tmp_path / "mixed" / "secret.go", 0)
    try:
        assert_denied(tmp_path / "locked")
        assert_denied(tmp_path / "mixed" / "secret.go")
        out = cli("check", "--format", "json", ".", cwd=tmp_path, preexec_fn=unprivileged())
    finally:
        os.chmod(tmp_path / "locked", 0o755)
        os.chmod(tmp_path / "mixed" / "secret.go", 0o644)
    no_traceback(out)
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    assert {e["path"]: (e["kind"], e["message"]) for e in doc["errors"]} == {
        "locked": ("read", "cannot list directory: Permission denied"),
        "mixed/secret.go": ("read", "cannot read: Permission denied")}
    assert sorted(f["path"] for f in doc["findings"]) == ["mixed/c.go", "ok/a.go"]
    err = out.stderr.decode()
    assert "locked: error: cannot list directory: Permission denied" in err
    assert "mixed/secret.go: error: cannot read: Permission denied" in err


def test_file_gone_between_discovery_and_analysis(tmp_path: Path, monkeypatch) -> None:
    """Discovery named it, then it vanished (a file, a whole folder): a per-file error, the run goes
    on, and the cache keeps nothing from that moment, so the next run sees the file again."""
    write(tmp_path, {"go.mod": GO_MOD, "a/keep.go": bad(1), "a/gone.go": bad(2), "b/gone.go": bad(3),
                     "c/keep.go": bad(4)})
    monkeypatch.chdir(tmp_path)
    real_discover = runner.discover
    saved = {p: p.read_bytes() for p in tmp_path.rglob("gone.go")}

    def discover_then_delete(*args, **kwargs):
        found = real_discover(*args, **kwargs)
        (tmp_path / "a" / "gone.go").unlink()
        shutil.rmtree(tmp_path / "b")
        return found

    monkeypatch.setattr(runner, "discover", discover_then_delete)
    opts = Options(rules=select_rules(None, [], []))
    cache = Cache(tmp_path / ".cache")
    for jobs in (1, 2):
        result = run(["."], opts, jobs=jobs, cache=cache)
        assert {(e.path, e.kind, e.message) for e in result.errors} == {
            ("a/gone.go", "read", "cannot read: No such file or directory"),
            ("b/gone.go", "read", "cannot read: No such file or directory")}
        assert sorted(f.path for f in result.findings) == ["a/keep.go", "c/keep.go"]
        for p, data in saved.items():
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(data)
    monkeypatch.setattr(runner, "discover", real_discover)
    result = run(["."], opts, jobs=1, cache=cache)
    assert not result.errors
    assert sorted(f.path for f in result.findings) == ["a/gone.go", "a/keep.go", "b/gone.go", "c/keep.go"]


def test_symlink_loops_and_dangling_links_never_hang_and_are_errors(tmp_path: Path) -> None:
    """Beyond test_cli's link to an ancestor: two folders linking to each other, a link to itself, a
    chain of links ending in a loop, a link to nowhere. The walk finds each real file once; a *.go
    link that cannot be opened is a per-file error (the go tool fails on it too), named or walked;
    a looping link named on the command line is no internal error."""
    proj = write(tmp_path / "proj", {"go.mod": GO_MOD, "a/a.go": bad(1), "b/b.go": bad(2)})
    (proj / "a" / "to_b").symlink_to("../b", target_is_directory=True)
    (proj / "b" / "to_a").symlink_to("../a", target_is_directory=True)
    (proj / "self.go").symlink_to("self.go")
    (proj / "one.go").symlink_to("two.go")
    (proj / "two.go").symlink_to("one.go")
    (proj / "chain.go").symlink_to("one.go")
    (proj / "gone.go").symlink_to("nowhere.go")
    (proj / ".#lock.go").symlink_to("user@host.1234")  # an editor's lock link: a dot file, skipped
    (proj / "nodir").symlink_to("nowhere", target_is_directory=True)
    loop = "cannot read: Too many levels of symbolic links"
    out = cli("check", "--format", "json", ".", cwd=proj)
    no_traceback(out)
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    found = [f["path"] for f in doc["findings"]]
    # Each real file once, under the first spelling the walk meets (here through a/to_b).
    assert sorted(os.path.realpath(proj / p) for p in found) == [str(proj / "a/a.go"), str(proj / "b/b.go")]
    assert {e["path"]: e["message"] for e in doc["errors"]} == {
        "chain.go": loop, "one.go": loop, "self.go": loop, "two.go": loop,
        "gone.go": "cannot read: No such file or directory"}
    named = cli("check", "--format", "json", "self.go", "chain.go", "a/a.go", cwd=proj)
    no_traceback(named)
    assert named.returncode == 2
    doc = json.loads(named.stdout)
    assert {e["path"]: e["message"] for e in doc["errors"]} == {"self.go": loop, "chain.go": loop}
    assert [f["path"] for f in doc["findings"]] == ["a/a.go"]


def test_subdirectory_and_absolute_paths_give_the_same_findings(tmp_path: Path) -> None:
    """Paths are relative to the working directory, as go vet prints them: naming the tree as `.`,
    `./...` or by its absolute path gives the same bytes; from a subfolder the findings are the same
    files and places, with the subfolder's own files relative to it."""
    root = write(tmp_path / "proj", {"go.mod": GO_MOD, "a.go": bad(1), "sub/b.go": bad(2),
                                     "sub/deep/c.go": clear(3), "other/d.go": bad(4)})
    for fmt in ("text", "json", "sarif"):
        ref = cli("check", "--format", fmt, ".", cwd=root)
        assert ref.returncode == 1
        spellings = ("./...", str(root), str(root) + "/...", "sub/..", "./") if fmt == "json" else (str(root),)
        for spelling in spellings:
            assert cli("check", "--format", fmt, spelling, cwd=root).stdout == ref.stdout, (fmt, spelling)

    def places(out, cwd: Path) -> set:
        return {(os.path.normpath(cwd / f["path"]), f["line"], f["column"], f["rule"])
                for f in json.loads(out.stdout)["findings"]}

    everything = places(cli("check", "--format", "json", ".", cwd=root), root)
    assert len(everything) == 4
    sub = root / "sub"
    for spelling in ("..", str(root), "../...", "../sub/.."):
        out = cli("check", "--format", "json", spelling, cwd=sub)
        assert out.returncode == 1
        assert places(out, sub) == everything, spelling
        paths = {f["path"] for f in json.loads(out.stdout)["findings"]}
        assert {"b.go", "deep/c.go"} <= paths, paths
    below = cli("check", "--format", "json", ".", cwd=sub)
    assert places(below, sub) == {p for p in everything if p[0].startswith(str(sub) + os.sep)}


# -- deterministic output -------------------------------------------------------------------------

def varied_tree(root: Path) -> Path:
    """Enough files in enough folders for the process pool, with findings of several rules, related
    locations, fixes, a syntax error, a file that cannot be analysed and odd names."""
    write(root, {"go.mod": GO_MOD})
    for name in ("gd101", "gd203", "gd301", "gd401", "examples"):
        shutil.copytree(TESTDATA / name, root / name, ignore=shutil.ignore_patterns("go.mod", "*.golden"))
    n = max(60, runner._POOL_MIN_FILES + 12)
    for i in range(n):
        src = (bad if i % 2 else clear)(i)
        write(root, {f"gen/d{i % 8}/f{i:03}.go": src.replace("package p", f"package d{i % 8}")})
    write(root, {"gen/broken/s.go": clear() + "\nfunc broken( {\n", "gen/bin/x.go": b"\x7fELF\x00\x01garbage",
                 "gen/ü ñ/é #1.go": bad(99)})
    with open(os.path.join(os.fsencode(root), b"gen/d0/caf\xe9.go"), "wb") as fh:
        fh.write(bad(100).replace("package p", "package d0").encode())
    return root


def test_output_is_identical_across_runs_jobs_and_cache(tmp_path: Path) -> None:
    """Byte-identical stdout and stderr for text, JSON and SARIF: run twice, in one process or the
    pool, uncached, with a cold cache and with a warm one."""
    root = varied_tree(tmp_path / "t")
    assert sum(1 for _ in root.rglob("*.go")) >= runner._POOL_MIN_FILES
    for fmt in ("text", "json", "sarif"):
        cache = str(tmp_path / f"cache-{fmt}")
        runs = {
            "serial": cli("check", "--format", fmt, "--jobs", "1", ".", cwd=root),
            "pool": cli("check", "--format", fmt, "--jobs", "2", ".", cwd=root),
            "pool again": cli("check", "--format", fmt, "--jobs", "2", ".", cwd=root),
            "cold cache": cli("check", "--format", fmt, "--jobs", "2", "--cache-dir", cache, ".", cwd=root),
            "warm cache": cli("check", "--format", fmt, "--jobs", "2", "--cache-dir", cache, ".", cwd=root),
            "warm serial": cli("check", "--format", fmt, "--jobs", "1", "--cache-dir", cache, ".", cwd=root),
        }
        ref = runs["serial"]
        no_traceback(ref)
        assert ref.returncode == 2 and ref.stdout.count(b"GD202") >= 30
        for name, out in runs.items():
            assert (out.returncode, out.stdout, out.stderr) == (ref.returncode, ref.stdout, ref.stderr), (fmt, name)
        assert list(Path(cache).rglob("*.json")), "the cache was never written"


# -- --fix under faults ---------------------------------------------------------------------------

def test_fix_refuses_read_only_files_and_keeps_owner_mode_and_links(tmp_path: Path) -> None:
    """A file its owner made read-only is not replaced (the rename would succeed, even for root):
    a clear error, exit 2, the file and its mode untouched; other files are fixed, each keeping its
    mode and owner, and a symlink is fixed in its target and stays a symlink."""
    root = write(tmp_path, {"go.mod": GO_MOD, "ro.go": clear(1), "rw.go": clear(2), "exec.go": clear(3),
                            "real/target.go": clear(4)})
    (root / "link.go").symlink_to("real/target.go")  # met before real/: the name the file is found by
    os.chmod(root / "ro.go", 0o444)
    os.chmod(root / "exec.go", 0o750)
    owner = (12345, 23456) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(root / "rw.go", *owner)
    out = cli("check", "--fix", "--format", "json", ".", cwd=root)
    no_traceback(out)
    assert out.returncode == 2
    assert "ro.go: error: read-only; not written (make it writable to apply the fix)" in out.stderr.decode()
    assert (root / "ro.go").read_text() == clear(1) and (root / "ro.go").stat().st_mode & 0o777 == 0o444
    assert [f["path"] for f in json.loads(out.stdout)["findings"]] == ["ro.go"]  # still reported
    assert (root / "rw.go").read_text() == fixed(2)
    assert ((root / "rw.go").stat().st_uid, (root / "rw.go").stat().st_gid) == owner
    assert (root / "exec.go").read_text() == fixed(3) and (root / "exec.go").stat().st_mode & 0o777 == 0o750
    assert (root / "link.go").is_symlink() and (root / "real" / "target.go").read_text() == fixed(4)
    assert not no_temp_files(root)


SIGNAL_DRIVER = r"""
import os, signal, sys
from golint_delete import cli
n, sig = int(sys.argv[1]), getattr(signal, sys.argv[2])
real_fsync, calls = os.fsync, [0]
def fsync(fd):
    real_fsync(fd)
    calls[0] += 1
    if calls[0] == n:  # the fixed file is written to its temporary file, not yet renamed
        os.kill(os.getpid(), sig)
os.fsync = fsync
cli.main(sys.argv[3:])
"""


def clear_tree(root: Path, folders: int, per_folder: int) -> dict[Path, int]:
    write(root, {"go.mod": GO_MOD})
    files = {}
    for i in range(folders):
        for j in range(per_folder):
            n = i * per_folder + j
            p = root / f"d{i:02}" / f"f{j:03}.go"
            write(root, {str(p.relative_to(root)): clear(n)})
            files[p] = n
    return files


def fix_state(files: dict[Path, int]) -> tuple[list[Path], list[Path]]:
    """(fixed files, original files); anything else (half-written, doubly fixed) fails here."""
    done, untouched = [], []
    for p, n in sorted(files.items()):
        data = p.read_text()
        assert data in (clear(n), fixed(n)), f"{p} is neither original nor fixed:\n{data}"
        (done if data == fixed(n) else untouched).append(p)
    return done, untouched


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_signal_while_a_fix_is_being_written(tmp_path: Path, sig: str) -> None:
    """The signal arrives exactly when the 5th fixed file sits in its temporary file: that file is
    finished, no further file is touched, no temporary file is left, and the exit code is 128+N."""
    files = clear_tree(tmp_path, 2, 10)
    out = subprocess.run([sys.executable, "-c", SIGNAL_DRIVER, "5", sig, "check", "--no-cache", "--fix",
                          "--jobs", "1", "."], cwd=tmp_path, capture_output=True, timeout=60)
    signum = getattr(signal, sig)
    assert out.returncode == 128 + signum, out.stderr.decode()
    word = "interrupted" if signum == signal.SIGINT else "terminated"
    assert out.stderr.endswith(f"golint-delete: {word}\n".encode()) and b"Traceback" not in out.stderr
    done, _ = fix_state(files)
    assert done == sorted(files)[:5]
    assert not no_temp_files(tmp_path)


def live_processes_in_group(pgid: int) -> list[str]:
    """Processes of the group that are not zombies (reaping orphans is init's business)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(stat.parent.name)
    return out


@pytest.mark.parametrize("sig,to_group", [("SIGINT", True), ("SIGTERM", False)], ids=["ctrl-c", "kill"])
def test_real_signal_during_fix_of_many_files(tmp_path: Path, sig: str, to_group: bool) -> None:
    """A real `check --fix` over 300 files, signalled from outside as soon as its first file is
    written (Ctrl-C reaches the whole process group, `kill` the main process only): every file is
    either original or completely fixed, no temporary file remains, no worker process outlives it."""
    files = clear_tree(tmp_path, 10, 30)
    first = min(files)
    original = first.read_bytes()
    err = (tmp_path / "stderr").open("w+b")
    proc = subprocess.Popen([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--fix", "--jobs", "2", "."],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while first.read_bytes() == original and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        signum = getattr(signal, sig)
        (os.killpg if to_group else os.kill)(proc.pid, signum)
        rc = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    err.seek(0)
    stderr = err.read()
    assert rc == 128 + signum, (rc, stderr)  # stopped by the signal, not finished before it
    assert b"Traceback" not in stderr
    done, _ = fix_state(files)
    assert first in done
    assert not no_temp_files(tmp_path)
    deadline = time.monotonic() + 10
    while live_processes_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not live_processes_in_group(proc.pid), "a worker process outlived the run"


def test_signal_during_pooled_analysis_leaves_no_worker(tmp_path: Path) -> None:
    """SIGTERM to the main process alone while the pool's workers exist (as `timeout` or a CI runner
    sends it): exit 143 and no worker left waiting for work forever."""
    clear_tree(tmp_path, 10, 30)
    proc = subprocess.Popen([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--jobs", "2", "."],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        children: list[str] = []
        while not children and proc.poll() is None and time.monotonic() < deadline:
            try:
                children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            except OSError:
                pass
        assert children, "the run never started its pool"
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=60) == 128 + signal.SIGTERM
        deadline = time.monotonic() + 10
        while live_processes_in_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not live_processes_in_group(proc.pid), "a worker process outlived the run"
    finally:
        if live_processes_in_group(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)


def test_two_fix_runs_at_once_never_corrupt_a_file(tmp_path: Path) -> None:
    """Two `check --fix` on one tree at the same moment, three times: every file ends exactly as a
    single run fixes it; a run that lost a race says so (exit 2), it never writes over the other."""
    template = tmp_path / "template"
    files = clear_tree(template, 4, 30)
    single = tmp_path / "single"
    shutil.copytree(template, single)
    out = cli("check", "--fix", ".", cwd=single)
    assert out.returncode == 0 and b"fixed 120 findings in 120 files" in out.stderr, out.stderr
    for p, n in files.items():
        assert (single / p.relative_to(template)).read_text() == fixed(n)
    for attempt in range(3):
        tree = tmp_path / f"race{attempt}"
        shutil.copytree(template, tree)
        procs = [subprocess.Popen([sys.executable, "-m", "golint_delete", "check", "--no-cache", "--fix", "."],
                                  cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        outs = [(p.communicate(timeout=60), p.returncode) for p in procs]
        for (stdout, stderr), rc in outs:
            assert b"Traceback" not in stderr and rc in (0, 2), stderr
            for line in stderr.decode().splitlines()[:-1]:
                assert line.endswith(": error: changed since it was read; not written"), line
        for p in files:
            assert (tree / p.relative_to(template)).read_bytes() == (single / p.relative_to(template)).read_bytes()
        assert not no_temp_files(tree)


# -- the cache under faults -----------------------------------------------------------------------

def cache_tree(root: Path) -> Path:
    """Enough files and folders that a cold run uses the pool."""
    write(root, {"go.mod": GO_MOD})
    n = max(60, runner._POOL_MIN_FILES + 12)
    for i in range(n):
        write(root, {f"d{i % 6}/f{i:03}.go": (bad if i % 3 else clear)(i).replace("package p", f"package d{i % 6}")})
    return root


def cache_entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json") if not p.name.startswith(".tmp-"))


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    """Two runs started together on one --cache-dir, cold, warm, and after an edit (several times):
    each prints exactly what an uncached run prints, with no warning, and the cache holds only whole,
    valid entries."""
    root = cache_tree(tmp_path / "t")
    cache = tmp_path / "shared-cache"
    for attempt in range(3):
        if attempt == 2:
            (root / "d1" / "f001.go").write_text(clear(1).replace("package p", "package d1"))
        ref = cli("check", "--format", "json", ".", cwd=root)
        assert ref.returncode == 1
        for _ in range(2):
            procs = [subprocess.Popen([sys.executable, "-m", "golint_delete", "check", "--format", "json", "--jobs",
                                       "2", "--cache-dir", str(cache), "."], cwd=root, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE) for _ in range(2)]
            for p in procs:
                stdout, stderr = p.communicate(timeout=60)
                assert (p.returncode, stdout) == (ref.returncode, ref.stdout)
                assert stderr == ref.stderr, stderr  # no warning, no traceback
    assert not no_temp_files(cache)
    entries = cache_entries(cache)
    assert len(entries) >= 6
    for p in entries:
        assert json.loads(p.read_text())["results"]


@pytest.mark.parametrize("damage", ["truncated", "empty", "zeros", "binary", "wrong-shape", "misplaced", "folder"])
def test_damaged_cache_entries_are_misses(tmp_path: Path, damage: str) -> None:
    """Whatever happened to the entries (cut short by a full disk or a partial CI cache restore,
    zero-filled by a crash, overwritten, swapped with each other, a folder in their place), the run
    prints what an uncached run prints, with the same exit code and no traceback; entries that can be
    rewritten are, and one that cannot is a warning."""
    root = cache_tree(tmp_path / "t")
    cache = tmp_path / "cache"
    ref = cli("check", "--format", "json", ".", cwd=root)
    cold = cli("check", "--format", "json", "--cache-dir", str(cache), ".", cwd=root)
    assert (cold.returncode, cold.stdout) == (ref.returncode, ref.stdout)
    entries = cache_entries(cache)
    contents = [p.read_bytes() for p in entries]
    for i, p in enumerate(entries):
        data = contents[i]
        if damage == "folder":
            p.unlink()
            p.mkdir()
            continue
        p.write_bytes({
            "truncated": data[: len(data) // 2],
            "empty": b"",
            "zeros": b"\0" * len(data),
            "binary": bytes(range(256)) * 4,
            "wrong-shape": b'{"results": [{"path": 3}], "key": 1}',
            "misplaced": contents[(i + 1) % len(contents)],  # each folder's entry holds another's results
        }[damage])
    out = cli("check", "--format", "json", "--jobs", "2", "--cache-dir", str(cache), ".", cwd=root)
    no_traceback(out)
    assert (out.returncode, out.stdout) == (ref.returncode, ref.stdout)
    if damage == "folder":
        assert b"golint-delete: warning: cache not written" in out.stderr
    else:
        assert out.stderr == ref.stderr
        assert [p.read_bytes() for p in cache_entries(cache)] == contents  # rebuilt as they were
    again = cli("check", "--format", "json", "--cache-dir", str(cache), ".", cwd=root)
    assert (again.returncode, again.stdout) == (ref.returncode, ref.stdout)


@pytest.mark.parametrize("mode", [0o555, 0o000], ids=["read-only", "no-access"])
def test_unusable_cache_dir_warns_and_changes_nothing_else(tmp_path: Path, mode: int) -> None:
    """A cache folder that cannot be written (or not even read), with permission bits that bind for
    root too: the same report and exit code as without a cache, one warning line, no traceback; a
    read-only cache still serves the entries it has."""
    root = cache_tree(tmp_path / "t")
    cache = tmp_path / "cache"
    ref = cli("check", "--format", "json", ".", cwd=root)
    cli("check", "--format", "json", "--cache-dir", str(cache), "d0", "d1", cwd=root)  # a partial cache
    dirs = [cache, *(p for p in cache.rglob("*") if p.is_dir())]
    for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
        os.chmod(d, mode)
    try:
        if mode == 0:
            assert_denied(cache)
        out = cli("check", "--format", "json", "--cache-dir", str(cache), ".", cwd=root, preexec_fn=unprivileged())
        warm = cli("check", "--format", "json", "--cache-dir", str(cache), "d0", "d1", cwd=root,
                   preexec_fn=unprivileged())
    finally:
        for d in dirs:
            os.chmod(d, 0o755)
    no_traceback(out)
    assert (out.returncode, out.stdout) == (ref.returncode, ref.stdout)
    warnings = [line for line in out.stderr.decode().splitlines() if "warning:" in line]
    assert len(warnings) == 1 and warnings[0].startswith("golint-delete: warning: cache not written (") \
        and "Permission denied" in warnings[0], out.stderr
    # Folders d0 and d1 were cached before: a read-only cache serves them without complaint.
    assert (b"warning:" in warm.stderr) == (mode == 0), warm.stderr
    assert warm.stdout == cli("check", "--format", "json", "d0", "d1", cwd=root).stdout
