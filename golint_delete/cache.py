"""A persistent cache of results per folder (one package and its external tests), so a re-run over
an unchanged tree does no parsing at all.

The key covers everything a folder's results depend on: the tool version and its installed sources, the options (rules,
severities, limits), and every file of the folder that was read, by display path, path opened, role
(reported or context), Go version and content hash. Rules only use knowledge from the folder
itself, so a changed file elsewhere cannot change these results. Entries are plain JSON (no
pickle) that name their key, written through a temporary file and an atomic rename, so runs
sharing a cache never see half an entry; an unreadable, corrupt or misplaced entry is a miss and is
rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from golint_delete import __version__, interrupt
from golint_delete.findings import Edit, FileError, FileResult, Finding, Fix, Position, Related, Severity

FORMAT = 1


def _build() -> str:
    """The installed tool's own sources, by name, size and mtime: an editable install (a developer,
    a fork pinned to a commit in pre-commit) changes rules without changing the version, and a
    cache keyed by the version alone would then keep serving the old rules' results."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


_BUILD: str | None = None


class Cache:
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.warning: str | None = None
        self._ready = False

    def key(self, opts, tasks, contents: list[bytes | None]) -> str:
        global _BUILD
        if _BUILD is None:
            _BUILD = _build()
        h = hashlib.sha256()
        h.update(json.dumps([FORMAT, __version__, _BUILD, list(opts.rules), list(opts.severity), opts.max_file_size,
                             opts.include_generated]).encode())
        for t, data in zip(tasks, contents):
            digest = hashlib.sha256(data).hexdigest() if data is not None else "unreadable"
            # The path opened is in the key because an entry records it and --fix writes there: a
            # cache shared by two checkouts must never send one's fixes to the other's files.
            h.update(json.dumps([t.display, t.path, t.report, list(t.go_version), digest]).encode())
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[FileResult] | None:
        try:
            doc = json.loads(self._path(key).read_text(encoding="utf-8"))
            if doc["key"] != key:  # an entry copied or restored under another name is not this one
                return None
            return [_result_from(d) for d in doc["results"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, results: list[FileResult]) -> None:
        if self.warning is not None:
            return
        path = self._path(key)
        try:
            if not self._ready:
                self.dir.mkdir(parents=True, exist_ok=True)
                ignore = self.dir / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# Created by golint-delete: the cache is not for version control.\n*\n")
                self._ready = True
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"key": key, "results": [_result_to(r) for r in results]}, separators=(",", ":"))
            with interrupt.deferred():  # no temporary file is left behind by Ctrl-C
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as out:
                        out.write(text)
                    os.replace(tmp, path)
                except BaseException:
                    try:
                        os.unlink(tmp)
                    except OSError:
                        pass
                    raise
        except OSError as e:
            self.warning = f"cache not written ({self.dir}: {e.strerror or e}); results are correct, just not kept"


def _pos(d: dict) -> Position:
    return Position(d["line"], d["column"], d["column_utf16"])


def _result_to(r: FileResult) -> dict:
    d = asdict(r)
    for f in d["findings"]:
        f["severity"] = int(f["severity"])
    return d


def _result_from(d: dict) -> FileResult:
    findings = []
    for f in d["findings"]:
        fix = None
        if f.get("fix"):
            fx = f["fix"]
            fix = Fix(fx["title"], tuple(Edit(e["start_byte"], e["end_byte"], e["new_text"]) for e in fx["edits"]),
                      fx["safe"])
        related = tuple(Related(r["path"], _pos(r["start"]), _pos(r["end"]), r["message"]) for r in f["related"])
        findings.append(Finding(f["rule"], f["name"], Severity(f["severity"]), f["path"], _pos(f["start"]),
                                _pos(f["end"]), f["message"], f["source_line"], fix, related, f["fingerprint"]))
    errors = [FileError(e["path"], e["kind"], e["message"], e["line"], e["column"]) for e in d["errors"]]
    return FileResult(d["path"], findings, errors, d["skipped_generated"], d["open_path"], d["digest"])
