"""Rule documentation lives in rules/GDnnn.md (the repo) and ships in the wheel as golint_delete/_docs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def docs_dir() -> Path:
    packaged = _HERE / "_docs"
    if packaged.is_dir():
        return packaged
    return _HERE.parent / "rules"  # a source checkout or an editable install


@lru_cache(maxsize=None)
def page(rule_id: str) -> str:
    try:
        return (docs_dir() / f"{rule_id}.md").read_text(encoding="utf-8")
    except OSError:
        return ""


def title(rule_id: str) -> str:
    """The text after `# GDnnn name:` on the page's first line."""
    first = page(rule_id).split("\n", 1)[0]
    head, sep, rest = first.partition(":")
    return rest.strip() if sep else ""


def section(rule_id: str, heading: str) -> str:
    text = page(rule_id)
    marker = f"\n## {heading}\n"
    i = text.find(marker)
    if i < 0:
        return ""
    body = text[i + len(marker):]
    j = body.find("\n## ")
    return (body if j < 0 else body[:j]).strip()
