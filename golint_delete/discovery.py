"""Which files to analyse, as the go tool would see them, and each file's Go language version."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


# What the go tool skips when it expands `./...`.
_SKIP_DIRS = ("vendor", "testdata")
# What a run analyses: Go sources, and Go assembly for the rules that read it as text. A named file
# of another kind is said so, in these words.
SOURCES = (".go", ".s")
NOT_SOURCE = "not a Go file (.go) or Go assembly (.s)"
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
    # (path, why) for what the walk passed over, and for named files the same rules skip
    # (--show-settings lists them; a folder skipped stands for everything below it).
    skipped: list[tuple[str, str]] = field(default_factory=list)
    named_skipped: int = 0


def git_root(start: Path) -> Path | None:
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


class _Ignores:
    """.gitignore files from the repository root down, each applying to paths below its folder."""

    def __init__(self) -> None:
        self._specs: dict[str, GitIgnoreSpec | None] = {}

    def _spec(self, folder: str) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            sources = [os.path.join(folder, ".gitignore")]
            if os.path.isdir(os.path.join(folder, ".git")):
                sources.insert(0, os.path.join(folder, ".git", "info", "exclude"))
            for src in sources:
                try:
                    with open(src, encoding="utf-8", errors="replace") as fh:
                        lines += fh.read().splitlines()
                except OSError:
                    pass
            if lines:
                # Imported on the first .gitignore: pathspec pulls in asyncio, a quarter of the
                # start-up of a run that names one file.
                from pathspec import GitIgnoreSpec

                self._specs[folder] = GitIgnoreSpec.from_lines(lines)
            else:
                self._specs[folder] = None
        return self._specs[folder]

    def ignored(self, path: Path | str, is_dir: bool, top: Path | str | None) -> bool:
        # Plain strings: this runs for every file of the tree, and pathlib costs more than the rest.
        if top is None:
            return False
        path, top = os.fspath(path), os.fspath(top)
        if not path.startswith(top.rstrip(os.sep) + os.sep):
            return False
        rel_parts = path[len(top.rstrip(os.sep)) + 1:].split(os.sep)
        folder = top
        for i in range(len(rel_parts)):
            spec = self._spec(folder)
            if spec is not None:
                rel = "/".join(rel_parts[i:]) + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            folder = os.path.join(folder, rel_parts[i])
        return False


def _excluded(path: Path | str, excludes: list[tuple[Path, str]]) -> bool:
    if not excludes:
        return False
    path = Path(path)
    for base, pattern in excludes:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            rel = path.as_posix()
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(path.name, pattern) \
                or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
            return True
    return False


def _hidden(name: str, what: str) -> str | None:
    """Why the go tool passes over a file or folder whose name starts with '.' or '_', or None."""
    return f"{what} name starts with {name[0]!r}" if name.startswith((".", "_")) else None


def _skipped_folder(name: str) -> str | None:
    """Why the go tool's `./...` passes over a folder of this name, or None."""
    return f"{name} folder" if name in _SKIP_DIRS else _hidden(name, "folder")


def _walk_skips(name: str, abs_path: str, is_dir: bool, ignores: "_Ignores", top, excludes) -> str | None:
    """Why the walk passes over this entry of a folder, or None."""
    return (_skipped_folder(name) if is_dir else _hidden(name, "file")) \
        or ("gitignored" if ignores.ignored(abs_path, is_dir, top) else None) \
        or ("excluded" if _excluded(abs_path, excludes) else None)


def named_file_skip(p: Path, ignores: "_Ignores | None" = None) -> str | None:
    """Why the walk would pass over this named file (pre-commit names vendored and testdata
    files too), or None: a folder on its path below the working directory (or, outside it, below
    the git top level) that `./...` skips, a name starting with '.' or '_', or a .gitignore."""
    absolute = os.path.abspath(p)
    hidden = _hidden(os.path.basename(absolute), "file")
    if hidden is not None:
        return hidden
    cwd = os.getcwd()
    top = git_root(Path(absolute).parent)
    base = cwd if absolute.startswith(cwd.rstrip(os.sep) + os.sep) else (str(top) if top is not None else None)
    if base is not None:
        for part in absolute[len(base.rstrip(os.sep)) + 1:].split(os.sep)[:-1]:
            why = _skipped_folder(part)
            if why is not None:
                return f"in a {why}" if part in _SKIP_DIRS else f"in {part}/, whose {why}"
    if top is not None and (ignores or _Ignores()).ignored(absolute, False, top):
        return "gitignored"
    return None


def without_ellipsis(target: str) -> str:
    """`./...` is how Go users name "this folder and below", which is what a folder means here."""
    if target == "..." or target.endswith(("/...", os.sep + "...")):
        return target[:-3].rstrip("/" + os.sep) or "."
    return target


def discover(targets: list[str], excludes: list[tuple[Path, str]] = (), suffixes: tuple[str, ...] = (".go",),
             force_exclude: bool = True) -> Discovered:
    """Files to analyse below `targets`. Directories are walked skipping vendor/, testdata/, dot and
    underscore folders, .gitignore'd paths and exclude globs, following no symlink that leaves the
    named tree; a named folder is walked wherever it is. Named files (pre-commit names them) are
    skipped by the same rules unless `force_exclude` is off, and always taken for other suffixes,
    so that the caller can say why nothing came of them. A source file behind a dangling or
    looping link is taken, so that it is reported unreadable as the go tool would."""
    out = Discovered()
    ignores = _Ignores()
    seen: set[str] = set()
    for target in targets:
        target = without_ellipsis(target)
        p = Path(target)
        if not os.path.lexists(p):
            raise DiscoveryError(f"{target}: no such file or directory")
        if p.is_file() or (not p.is_dir() and p.suffix in suffixes):
            try:
                resolved = str(p.resolve())
            except (OSError, RuntimeError):  # a symlink loop: taken, so that reading it reports why
                resolved = os.path.abspath(p)
            if resolved in seen:
                continue
            why = "excluded" if _excluded(p.absolute(), excludes) else \
                named_file_skip(p, ignores) if force_exclude and p.suffix in suffixes else None
            if why is not None:
                out.skipped.append((str(p), why))
                out.named_skipped += 1
                continue
            seen.add(resolved)
            out.files.append(p)
            continue
        if not p.is_dir():
            raise DiscoveryError(f"{target}: not a file or directory")
        root_real = p.resolve()
        top = git_root(p.absolute())
        if top is not None and top != p.absolute() and ignores.ignored(p.absolute(), True, top):
            # The folder was named explicitly: .gitignore files above it do not veto it, though
            # those inside it still apply to what lies below.
            top = p.absolute()
        # The walk uses strings (display path, absolute path, real path per folder): pathlib and
        # a resolve() per file cost more than reading the tree's cached results.
        root_str = str(root_real)
        stack = [(str(p), os.path.abspath(p))]
        visited: set[str] = set()
        while stack:
            d, abs_d = stack.pop()
            real = os.path.realpath(abs_d)
            if real in visited:
                continue
            visited.add(real)
            try:
                entries = sorted(os.scandir(d), key=lambda e: e.name)
            except OSError as e:
                out.errors.append((d, f"cannot list directory: {e.strerror or e}"))
                continue
            subdirs = []
            for e in entries:
                name = e.name
                path, abs_path = os.path.join(d, name), os.path.join(abs_d, name)
                try:
                    is_link = e.is_symlink()
                except OSError:
                    continue
                try:
                    is_dir = e.is_dir()
                except OSError:
                    is_dir = False  # a looping link: taken below like a dangling one
                if is_link:
                    try:
                        target_real = str(Path(abs_path).resolve(strict=True))
                    except (OSError, RuntimeError):
                        # Dangling or looping: never walked into, but a source file that the go
                        # tool would fail to open is taken, so that reading it reports why.
                        if not is_dir and name.endswith(suffixes) and not name.startswith((".", "_")) \
                                and abs_path not in seen and not ignores.ignored(abs_path, False, top) \
                                and not _excluded(abs_path, excludes):
                            seen.add(abs_path)
                            out.files.append(Path(path))
                        continue
                    if target_real != root_str and not target_real.startswith(root_str.rstrip(os.sep) + os.sep):
                        out.skipped.append((path, "symbolic link out of the named tree"))
                        continue  # never follow a link out of the tree
                if is_dir:
                    why = _walk_skips(name, abs_path, True, ignores, top, excludes)
                    if why is not None:
                        out.skipped.append((path + os.sep, why))
                        continue
                    subdirs.append((path, abs_path))
                elif name.endswith(suffixes):
                    why = _walk_skips(name, abs_path, False, ignores, top, excludes)
                    if why is not None:
                        out.skipped.append((path, why))
                        continue
                    resolved = target_real if is_link else os.path.join(real, name)
                    if resolved in seen:
                        continue
                    seen.add(resolved)
                    out.files.append(Path(path))
            stack.extend(reversed(subdirs))
    return out


class GoVersions:
    """The `go` directive of the nearest go.mod above each folder, memoised per folder."""

    def __init__(self, override: tuple[int, int] | None = None) -> None:
        self.override = override
        self._memo: dict[str, tuple[int, int]] = {}

    def for_file(self, path: Path | str) -> tuple[int, int]:
        if self.override is not None:
            return self.override
        return self._for_dir(os.path.dirname(os.path.abspath(path)))

    def _for_dir(self, d: str) -> tuple[int, int]:
        if d in self._memo:
            return self._memo[d]
        version = None
        try:
            with open(os.path.join(d, "go.mod"), "rb") as fh:
                m = _GO_DIRECTIVE.search(fh.read())
            version = (int(m.group(1)), int(m.group(2))) if m else (1, 16)  # go.mod without `go`: 1.16
        except OSError:
            pass
        if version is None:
            parent = os.path.dirname(d)
            version = LATEST_GO if parent == d else self._for_dir(parent)
        self._memo[d] = version
        return version


def parse_go_version(text: str) -> tuple[int, int]:
    """A Go language version as --go-version and the configuration give it: 1.0 up to the newest
    this release knows (a later one would be analysed as if the rules knew it)."""
    m = re.fullmatch(r"(?:go)?(\d+)\.(\d+)(?:\.\d+|rc\d+)?", text.strip())
    newest = f"{LATEST_GO[0]}.{LATEST_GO[1]}"
    if not m:
        raise ValueError(f"invalid Go version {text!r} (expected e.g. 1.22)")
    version = int(m.group(1)), int(m.group(2))
    if version[0] != 1:
        raise ValueError(f"invalid Go version {text!r}: Go versions are 1.0 to {newest}")
    if version > LATEST_GO:
        raise ValueError(f"Go version {text!r} is newer than the newest this release knows ({newest})")
    return version
