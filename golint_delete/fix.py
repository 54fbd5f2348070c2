"""Applying fixes: exact byte edits from the tree, never a half-written or unparsable file.

A fix is a set of edits in one file computed on the bytes that were analysed. Fixes are taken in
order; one that overlaps an edit already taken is skipped (identical edits, such as two fixes adding
the same import, are shared). The edited file is re-parsed: a fix whose result has syntax errors
the original did not have is dropped. The file (a symlink's target) is written through a temporary
file and an atomic rename, keeping its mode and owner, only if its bytes are still those that were
analysed and it is not read-only; SIGINT and SIGTERM wait until the temporary file is gone.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field

from golint_delete import interrupt, newer, syntax
from golint_delete.findings import Edit, Finding


@dataclass
class Plan:
    source: bytes
    new: bytes
    applied: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a == b:
        return False
    if a.start_byte == a.end_byte == b.start_byte == b.end_byte:
        return True  # two different insertions at one point: their order would be a guess
    return a.start_byte < b.end_byte and b.start_byte < a.end_byte or \
        (a.start_byte == a.end_byte and b.start_byte < a.start_byte < b.end_byte) or \
        (b.start_byte == b.end_byte and a.start_byte < b.start_byte < a.end_byte)


def apply_edits(source: bytes, edits: set[Edit] | list[Edit]) -> bytes:
    out = source
    for e in sorted(set(edits), key=lambda e: (e.start_byte, e.end_byte), reverse=True):
        out = out[:e.start_byte] + e.new_text.encode() + out[e.end_byte:]
    return out


def _errors(source: bytes) -> int:
    root = newer.parse(source)[0].root_node  # a file with Go 1.26+ syntax parses clean through it
    return len(syntax.error_points(root, limit=1000)) if root.has_error else 0


def plan(source: bytes, findings: list[Finding], unsafe: bool) -> Plan:
    result = Plan(source, source)
    candidates = [f for f in findings if f.fix is not None and f.fix.edits]
    candidates.sort(key=lambda f: (min(e.start_byte for e in f.fix.edits), f.rule))
    taken: list[Edit] = []
    chosen: list[Finding] = []
    for f in candidates:
        if not f.fix.safe and not unsafe:
            continue
        if any(e.end_byte > len(source) or e.start_byte > e.end_byte for e in f.fix.edits):
            result.skipped.append((f, "its edits lie outside the file"))
            continue
        if any(_overlaps(e, t) for e in f.fix.edits for t in taken):
            result.skipped.append((f, "it overlaps another fix (run --fix again)"))
            continue
        taken.extend(f.fix.edits)
        chosen.append(f)
    if not chosen:
        return result
    before = _errors(source)
    new = apply_edits(source, taken)
    if _errors(new) > before:
        # Find the culprits one at a time; keep the rest.
        kept, edits = [], []
        for f in chosen:
            if _errors(apply_edits(source, f.fix.edits)) > before:
                result.skipped.append((f, "the edited file would not parse"))
            else:
                kept.append(f)
                edits.extend(f.fix.edits)
        new = apply_edits(source, edits)
        if _errors(new) > before:
            result.skipped.extend((f, "the edited file would not parse") for f in kept)
            return result
        chosen = kept
    result.new = new
    result.applied = chosen
    return result


class WriteError(Exception):
    pass


def write_if_unchanged(path: str, digest: str, new: bytes) -> None:
    """Replace the file's content atomically, unless it changed since it was analysed."""
    # Through a symlink to its target, as gofmt -w writes: renaming over the link would turn it
    # into a fixed copy and leave the file it names unfixed.
    path = os.path.realpath(path)
    try:
        with open(path, "rb") as fh:
            current = fh.read()
        st = os.stat(path)
    except OSError as e:
        raise WriteError(f"cannot read it again: {e.strerror or e}") from None
    if hashlib.sha256(current).hexdigest() != digest:
        raise WriteError("changed since it was read; not written")
    # The rename below needs only a writable folder, so it would replace a file its owner made
    # read-only (the module cache, a Perforce checkout, generated code), even as root; gofmt -w
    # refuses those, and so do we.
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise WriteError("read-only; not written (make it writable to apply the fix)")
    directory = os.path.dirname(path)
    fd, tmp = None, None
    with interrupt.deferred():  # a signal stops the run only once the temporary file is gone
        try:
            fd, tmp = tempfile.mkstemp(prefix=".golint-delete-", suffix=".tmp", dir=directory)
            with os.fdopen(fd, "wb") as out:
                fd = None
                out.write(new)
                out.flush()
                os.fsync(out.fileno())
            made = os.stat(tmp)
            if (made.st_uid, made.st_gid) != (st.st_uid, st.st_gid):
                # The replacement must keep the owner (root fixing a user's tree in a container).
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    raise WriteError("owned by another user; not written") from None
            os.chmod(tmp, st.st_mode & 0o7777)
            with open(path, "rb") as fh:  # a last look, as close to the rename as we can
                if hashlib.sha256(fh.read()).hexdigest() != digest:
                    raise WriteError("changed since it was read; not written")
            os.replace(tmp, path)
            tmp = None
        except OSError as e:
            raise WriteError(f"cannot write: {e.strerror or e}") from None
        finally:
            if fd is not None:
                os.close(fd)
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    a = old.decode("utf-8", errors="replace").splitlines(keepends=True)
    b = new.decode("utf-8", errors="replace").splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"))


def fix_files(result, rerun, unsafe: bool, rounds: int = 5):
    """Apply fixes and re-analyse the changed files until nothing more applies (a few rounds:
    one fix can uncover another). Returns (final result, number of fixes applied, files written)."""
    from golint_delete.findings import FileError

    total, written = 0, set()
    for _ in range(rounds):
        by_path: dict[str, list[Finding]] = {}
        for f in result.findings:
            if f.fix is not None and (f.fix.safe or unsafe):
                by_path.setdefault(f.path, []).append(f)
        wrote, notes = [], []
        for path in sorted(by_path):
            open_path, digest = result.sources[path]
            try:
                with open(open_path, "rb") as fh:
                    source = fh.read()
            except OSError as e:
                notes.append(FileError(path, "fix", f"cannot read it to fix: {e.strerror or e}"))
                continue
            if hashlib.sha256(source).hexdigest() != digest:
                notes.append(FileError(path, "fix", "changed since it was read; not written"))
                continue
            p = plan(source, by_path[path], unsafe)
            for f, why in p.skipped:
                notes.append(FileError(path, "fix-skipped", f"{f.rule} fix at line {f.start.line} not applied: {why}",
                                       f.start.line, f.start.column))
            if not p.applied:
                continue
            try:
                write_if_unchanged(open_path, digest, p.new)
            except WriteError as e:
                notes.append(FileError(path, "fix", str(e)))
                continue
            total += len(p.applied)
            wrote.append(path)
            written.add(path)
        if not wrote:
            result.errors.extend(notes)
            break
        again = rerun([result.sources[p][0] for p in wrote])
        changed = set(wrote)
        result.findings = [f for f in result.findings if f.path not in changed] + again.findings
        result.errors = [e for e in result.errors if e.path not in changed] + again.errors + \
            [n for n in notes if n.path not in changed or n.kind == "fix-skipped"]
        result.sources.update(again.sources)
    result.findings.sort(key=Finding.sort_key)
    result.errors.sort(key=lambda e: (e.path, e.line, e.kind, e.message))
    return result, total, written
