"""Which files to analyse, as the go tool would see them, and each file's Go language version."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec

# What the go tool skips when it expands `./...`.
_SKIP_DIRS = ("vendor", "testdata")
_GO_DIRECTIVE = re.compile(rb"^go[ \t]+(\d+)\.(\d+)", re.MULTILINE)
# The newest language version this release knows; used where no go.mod says otherwise (GOPATH mode
# and loose files build with the toolchain's own version).
LATEST_GO = (1, 27)


class DiscoveryError(Exception):
    """A path named on the command line does not exist or cannot be listed."""


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message) for unreadable dirs


def _git_root(start: Path) -> Path | None:
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


class _Ignores:
    """.gitignore files from the repository root down, each applying to paths below its folder."""

    def __init__(self) -> None:
        self._specs: dict[Path, GitIgnoreSpec | None] = {}

    def _spec(self, folder: Path) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".gitignore"]
            if (folder / ".git").is_dir():
                sources.insert(0, folder / ".git" / "info" / "exclude")
            for src in sources:
                try:
                    lines += src.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    pass
            self._specs[folder] = GitIgnoreSpec.from_lines(lines) if lines else None
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool, top: Path | None) -> bool:
        if top is None:
            return False
        try:
            rel_parts = path.relative_to(top).parts
        except ValueError:
            return False
        folder = top
        for i in range(len(rel_parts)):
            spec = self._spec(folder)
            if spec is not None:
                rel = "/".join(rel_parts[i:]) + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            folder = folder / rel_parts[i]
        return False


def _excluded(path: Path, excludes: list[tuple[Path, str]]) -> bool:
    for base, pattern in excludes:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            rel = path.as_posix()
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path.name, pattern) \
                or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
            return True
    return False


def discover(targets: list[str], excludes: list[tuple[Path, str]] = (), suffixes: tuple[str, ...] = (".go",)) -> Discovered:
    """Files to analyse below `targets`. Named files are always taken (pre-commit names them);
    directories are walked skipping vendor/, testdata/, dot and underscore folders, .gitignore'd
    paths and exclude globs, following no symlink that leaves the named tree."""
    out = Discovered()
    ignores = _Ignores()
    seen: set[Path] = set()
    for target in targets:
        # `./...` is how Go users name "this folder and below", which is what a folder means here.
        if target == "..." or target.endswith(("/...", os.sep + "...")):
            target = target[:-3].rstrip("/" + os.sep) or "."
        p = Path(target)
        if not os.path.lexists(p):
            raise DiscoveryError(f"{target}: no such file or directory")
        if p.is_file() or (not p.is_dir() and p.suffix in suffixes):
            resolved = p.resolve()
            if resolved not in seen and not _excluded(p.absolute(), excludes):
                seen.add(resolved)
                out.files.append(p)
            continue
        if not p.is_dir():
            raise DiscoveryError(f"{target}: not a file or directory")
        root_real = p.resolve()
        top = _git_root(p.absolute())
        if top is not None and top != p.absolute() and ignores.ignored(p.absolute(), True, top):
            # The folder was named explicitly: .gitignore files above it do not veto it, though
            # those inside it still apply to what lies below.
            top = p.absolute()
        stack = [p]
        visited: set[Path] = set()
        while stack:
            d = stack.pop()
            real = d.resolve()
            if real in visited:
                continue
            visited.add(real)
            try:
                entries = sorted(os.scandir(d), key=lambda e: e.name)
            except OSError as e:
                out.errors.append((str(d), f"cannot list directory: {e.strerror or e}"))
                continue
            subdirs = []
            for e in entries:
                path = Path(d, e.name)
                try:
                    is_link = e.is_symlink()
                    is_dir = e.is_dir()
                except OSError:
                    continue
                if is_link:
                    try:
                        target_real = path.resolve(strict=True)
                    except (OSError, RuntimeError):
                        continue  # dangling or looping link
                    if not target_real.is_relative_to(root_real):
                        continue  # never follow a link out of the tree
                if is_dir:
                    if e.name.startswith((".", "_")) or e.name in _SKIP_DIRS:
                        continue
                    if ignores.ignored(path.absolute(), True, top) or _excluded(path.absolute(), excludes):
                        continue
                    subdirs.append(path)
                elif e.name.endswith(suffixes) and not e.name.startswith((".", "_")):
                    if ignores.ignored(path.absolute(), False, top) or _excluded(path.absolute(), excludes):
                        continue
                    resolved = path.resolve()
                    if resolved in seen:
                        continue
                    seen.add(resolved)
                    out.files.append(path)
            stack.extend(reversed(subdirs))
    return out


class GoVersions:
    """The `go` directive of the nearest go.mod above each folder, memoised per folder."""

    def __init__(self, override: tuple[int, int] | None = None) -> None:
        self.override = override
        self._memo: dict[Path, tuple[int, int]] = {}

    def for_file(self, path: Path) -> tuple[int, int]:
        if self.override is not None:
            return self.override
        return self._for_dir(path.absolute().parent)

    def _for_dir(self, d: Path) -> tuple[int, int]:
        if d in self._memo:
            return self._memo[d]
        version = None
        mod = d / "go.mod"
        try:
            m = _GO_DIRECTIVE.search(mod.read_bytes())
            version = (int(m.group(1)), int(m.group(2))) if m else (1, 16)  # go.mod without `go`: 1.16
        except OSError:
            pass
        if version is None:
            version = LATEST_GO if d.parent == d else self._for_dir(d.parent)
        self._memo[d] = version
        return version


def parse_go_version(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(?:go)?(\d+)\.(\d+)(?:\.\d+|rc\d+)?", text.strip())
    if not m:
        raise ValueError(f"invalid Go version {text!r} (expected e.g. 1.22)")
    return int(m.group(1)), int(m.group(2))
