"""Configuration: `[tool.golint-delete]` in pyproject.toml or a `.golint-delete.toml`, found upward
from the first target; command-line flags win over it."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

KEYS = {"select", "ignore", "severity", "exclude", "go-version", "fail-on", "extend-select", "per-file-ignores"}


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

    @property
    def base(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()


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
    return cfg


def load(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("golint-delete")
        if table is None:
            return Config()
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
        if own.is_file():
            return load(own)
        py = folder / "pyproject.toml"
        if py.is_file():
            cfg = load(py)
            if cfg.path is not None:
                return cfg
    return Config()
