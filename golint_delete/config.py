"""Configuration: `[tool.golint-delete]` in pyproject.toml or a `.golint-delete.toml`, found upward
from the first target; command-line flags win over it.

Which file: the nearest folder holding either wins; in one folder `.golint-delete.toml` wins over
pyproject.toml (as ruff's own file wins over pyproject.toml), and a pyproject.toml without the
table is passed over."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

KEYS = {"select", "ignore", "severity", "exclude", "go-version", "fail-on", "extend-select", "per-file-ignores",
        "jobs", "include-generated", "baseline", "force-exclude", "cache-dir"}
# The table's name in pyproject.toml, and the spelling TOML users reach for when a key has a dash.
TABLES = ("golint-delete", "golint_delete")


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    go_version: str | None = None
    fail_on: str | None = None
    # glob -> rule selectors not reported in the files it matches (`"*_test.go" = ["GD4"]`).
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    jobs: int | None = None
    include_generated: bool | None = None
    force_exclude: bool | None = None
    baseline: str | None = None  # relative to the file's folder
    cache_dir: str | None = None  # relative to the file's folder
    why: str = ""  # how this file was chosen (--show-settings)

    @property
    def base(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def resolve(self, relative: str | None) -> Path | None:
        """A path the file gives, taken from the file's folder (as its globs are)."""
        return None if relative is None else self.base / relative


def _strings(value, key: str, where: Path) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a string or a list of strings")
    return list(value)


def _from_table(table: dict, where: Path) -> Config:
    unknown = set(table) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(KEYS))})")
    cfg = Config(path=where)
    if "select" in table:
        cfg.select = _strings(table["select"], "select", where)
        if not [x for x in cfg.select if x.strip()]:
            raise ConfigError(f"{where}: select = [] would run no rule; leave 'select' out for the defaults, "
                              f"or turn rules off with 'ignore'")
    cfg.extend_select = _strings(table.get("extend-select", []), "extend-select", where)
    cfg.ignore = _strings(table.get("ignore", []), "ignore", where)
    cfg.exclude = _strings(table.get("exclude", []), "exclude", where)
    sev = table.get("severity", {})
    if not isinstance(sev, dict) or not all(isinstance(v, str) for v in sev.values()):
        raise ConfigError(f"{where}: 'severity' must be a table of rule = \"error\"|\"warning\"|\"note\"")
    cfg.severity = dict(sev)
    for key in ("go-version", "fail-on"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"{where}: '{key}' must be a string")
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [rules]")
    cfg.per_file_ignores = {glob: _strings(v, f"per-file-ignores.{glob}", where) for glob, v in pfi.items()}
    cfg.go_version = table.get("go-version")
    cfg.fail_on = table.get("fail-on")
    if "jobs" in table:
        jobs = table["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
            raise ConfigError(f"{where}: 'jobs' must be a whole number >= 0 (0: one per core)")
        cfg.jobs = jobs
    for key in ("include-generated", "force-exclude"):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{where}: '{key}' must be true or false")
            setattr(cfg, key.replace("-", "_"), table[key])
    for key in ("baseline", "cache-dir"):
        if key in table:
            if not isinstance(table[key], str) or not table[key]:
                raise ConfigError(f"{where}: '{key}' must be a path (relative to {where.name}'s folder)")
            setattr(cfg, key.replace("-", "_"), table[key])
    return cfg


def load(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        found = [t for t in TABLES if t in tool] if isinstance(tool, dict) else []
        if len(found) > 1:
            raise ConfigError(f"{path}: both [tool.golint-delete] and [tool.golint_delete]; keep one")
        if not found:
            return Config()
        table = tool[found[0]]
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: configuration must be a table")
    return _from_table(table, path)


def find(start: Path) -> Config:
    """The nearest `.golint-delete.toml`, or pyproject.toml with a [tool.golint-delete] table."""
    start = start.absolute()
    d = start if start.is_dir() else start.parent
    for folder in (d, *d.parents):
        own = folder / ".golint-delete.toml"
        py = folder / "pyproject.toml"
        if own.is_file():
            cfg = load(own)
            cfg.why = f"the nearest to {start}" + (
                " (it wins over the pyproject.toml beside it)" if py.is_file() and load(py).path is not None else "")
            return cfg
        if py.is_file():
            cfg = load(py)
            if cfg.path is not None:
                cfg.why = f"the nearest to {start}"
                return cfg
    return Config(why=f"none found in the folders from {d} up")
