"""Plain, picklable results: what workers send back and reporters read. No tree-sitter nodes here."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    NOTE = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or note)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Position:
    """1-based line; 1-based column in bytes (Go's convention) and in UTF-16 code units (SARIF's)."""

    line: int
    column: int
    column_utf16: int


@dataclass(frozen=True)
class Related:
    path: str
    start: Position
    end: Position
    message: str


@dataclass(frozen=True)
class Edit:
    start_byte: int
    end_byte: int
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass
class Finding:
    rule: str
    name: str
    severity: Severity
    path: str
    start: Position
    end: Position
    message: str
    source_line: str = ""
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    fingerprint: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.start.line, self.start.column, self.rule, self.message)


@dataclass(frozen=True)
class FileError:
    """A problem with one file. `kind` is "parse" for files analysed around syntax errors (a warning),
    anything else ("read", "binary", "internal", "encoding") for files that could not be analysed fully."""

    path: str
    kind: str
    message: str
    line: int = 0
    column: int = 0

    @property
    def fatal(self) -> bool:
        # A skipped fix leaves its finding reported; the run still did all it could.
        return self.kind not in ("parse", "encoding", "fix-skipped", "not-go", "no-go")


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    skipped_generated: bool = False
    open_path: str = ""  # where the file was read from (fixes write it back there)
    digest: str = ""  # sha256 of the bytes analysed: a fix is written only over those same bytes


def position(source: bytes, line_starts: list[int], offset: int) -> Position:
    """Position of a byte offset, using precomputed line start offsets."""
    import bisect

    row = bisect.bisect_right(line_starts, offset) - 1
    start = line_starts[row]
    prefix = source[start:offset]
    utf16 = len(prefix.decode("utf-8", errors="replace").encode("utf-16-le")) // 2
    return Position(row + 1, offset - start + 1, utf16 + 1)


def line_starts(source: bytes) -> list[int]:
    starts = [0]
    find = source.find
    i = find(b"\n")
    while i != -1:
        starts.append(i + 1)
        i = find(b"\n", i + 1)
    return starts


def fingerprint(rule: str, line_text: str, occurrence: int) -> str:
    """Stable across unrelated line shifts and file renames: the rule, the flagged line's code with
    white space folded, and which occurrence of that same (rule, code) pair in the file it is."""
    folded = " ".join(line_text.split())
    digest = hashlib.sha256(f"{rule}\0{folded}\0{occurrence}".encode()).hexdigest()
    return digest[:32]
