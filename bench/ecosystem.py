"""The ecosystem check: the tool over real Go repositories, judged against a committed verdict file.

The standard library, which the tests pin, is a kind benchmark: few shapes of real application code.
This script runs the tool over the repositories in bench/ecosystem-corpus.toml and compares every
finding with bench/ecosystem-verdicts.toml, where each warning and error has been judged by reading
the code: TP (a real hazard), FP (wrong about Go or about this code) or debatable (true but
harmless, or a matter of style), with one line of reason. Verdicts are keyed by repository, path,
rule and fingerprint (the flagged line's text and occurrence), so they survive line shifts.

    python bench/ecosystem.py unpack [--mirrors /work/.mirror] [--corpus /work/corpus]
    python bench/ecosystem.py check  [--corpus DIR] [--tool CHECKOUT] [--save RUN.json]
                                     [--pending FILE] [--repo NAME ...] [--jobs N]
    python bench/ecosystem.py compare BEFORE.json AFTER.json

`unpack` extracts each pinned commit from the mirrors `fetch github:owner/name` leaves (never into
this repository). `check` prints findings per repository and per rule, the precision TP/(TP+FP) per
rule and per severity, the findings no verdict covers yet ("new") and the verdicts whose finding is
gone; `--pending` writes stubs for the new ones to judge; `--tool` runs another checkout's package
(e.g. `git worktree add /tmp/old REV`) for a before/after pair, and `compare` prints that pair side
by side. CI cannot fetch, so this is a bench, not a test: each false-positive class it finds gets a
silent testdata case that CI runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_LIST = HERE / "ecosystem-corpus.toml"
VERDICTS = HERE / "ecosystem-verdicts.toml"
JUDGED = ("TP", "FP", "debatable")
SEVERITIES = ("error", "warning", "note")


def load_corpus() -> list[dict]:
    with open(CORPUS_LIST, "rb") as fh:
        return tomllib.load(fh)["repo"]


def repo_dir(corpus: Path, name: str) -> Path:
    return corpus / name.replace("/", "+")


def unpack(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    missing = 0
    for repo in load_corpus():
        git_dir = Path(args.mirrors) / repo["name"].replace("/", "+") / "repo"
        dest = repo_dir(corpus, repo["name"])
        stamp = dest / ".ecosystem-commit"
        if stamp.is_file() and stamp.read_text().strip() == repo["commit"]:
            continue
        if not git_dir.is_dir():
            print(f"not fetched: {repo['name']} (run the search tool's fetch github:{repo['name']})", file=sys.stderr)
            missing += 1
            continue
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        written, absent = extract(git_dir, repo["commit"], dest)
        stamp.write_text(repo["commit"] + "\n")
        print(f"unpacked {repo['name']}: {written} files into {dest}"
              + (f" ({absent} absent from the mirror)" if absent else ""), file=sys.stderr)
    return 1 if missing else 0


def extract(git_dir: Path, commit: str, dest: Path) -> tuple[int, int]:
    """Write the commit's Go sources, assembly and go.mod files (all the tool reads) under `dest`.
    A mirror may lack its largest blobs; those are counted, not fatal."""
    git = ["git", "--git-dir", str(git_dir)]
    listing = subprocess.run([*git, "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    wanted = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = meta.split()
        if kind == b"blob" and mode != b"120000" and name.endswith((b".go", b".s", b"go.mod")):
            wanted.append((sha, name.decode()))
    batch = subprocess.run([*git, "cat-file", "--batch"], input=b"".join(s + b"\n" for s, _ in wanted),
                           capture_output=True, check=True).stdout
    written = absent = pos = 0
    for _, name in wanted:
        header_end = batch.index(b"\n", pos)
        header = batch[pos:header_end].split()
        pos = header_end + 1
        if header[-1] == b"missing":
            absent += 1
            continue
        size = int(header[2])
        target = dest / name
        if ".." in Path(name).parts:
            raise SystemExit(f"refusing path {name!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(batch[pos:pos + size])
        pos += size + 1
        written += 1
    return written, absent




def load_verdicts() -> dict[tuple[str, str, str, str], dict]:
    if not VERDICTS.is_file():
        return {}
    with open(VERDICTS, "rb") as fh:
        doc = tomllib.load(fh)
    out = {}
    for v in doc.get("verdict", []):
        key = (v["repo"], v["path"], v["rule"], v["fingerprint"])
        if key in out:
            raise SystemExit(f"duplicate verdict for {key}")
        if v["verdict"] not in JUDGED:
            raise SystemExit(f"verdict must be one of {JUDGED}: {key} has {v['verdict']!r}")
        out[key] = v
    return out


def run_tool(tool: Path | None, root: Path, jobs: int) -> tuple[dict, float]:
    env = dict(os.environ)
    if tool is not None:
        env["PYTHONPATH"] = str(tool) + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, "-m", "golint_delete", "check", "--format", "json", "--fail-on", "never",
           "--no-cache", "--no-config", "-q", "-j", str(jobs), "."]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if out.returncode not in (0, 1):
        raise SystemExit(f"the tool failed on {root} (exit {out.returncode}):\n{out.stderr[-2000:]}")
    return json.loads(out.stdout), seconds


def check(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    repos = [r for r in load_corpus() if not args.repo or r["name"] in args.repo]
    tool = Path(args.tool).resolve() if args.tool else None
    run: dict = {"tool": str(tool or HERE.parent), "repos": {}}
    for repo in repos:
        root = repo_dir(corpus, repo["name"])
        if not (root / ".ecosystem-commit").is_file():
            raise SystemExit(f"{repo['name']} is not unpacked in {corpus}: run `python bench/ecosystem.py unpack`")
        doc, seconds = run_tool(tool, root, args.jobs)
        files = sum(1 for _ in root.rglob("*.go"))
        run["repos"][repo["name"]] = {"seconds": round(seconds, 2), "files": files,
                                      "findings": doc["findings"], "errors": doc["errors"]}
        print(f"  {repo['name']}: {len(doc['findings'])} findings, {seconds:.1f} s", file=sys.stderr)
    if args.save:
        Path(args.save).write_text(json.dumps(run, indent=1) + "\n")
    report(run, load_verdicts(), args.pending)
    return 0


def judged(run: dict, verdicts: dict) -> tuple[list[tuple[str, dict, str | None]], list[dict]]:
    """Each finding with its verdict (None when unjudged), and the verdicts no finding matched."""
    rows, seen = [], set()
    for name, r in run["repos"].items():
        for f in r["findings"]:
            key = (name, f["path"].removeprefix("./"), f["rule"], f["fingerprint"])
            v = verdicts.get(key)
            if v is not None:
                seen.add(key)
            rows.append((name, f, v["verdict"] if v else None))
    checked = set(run["repos"])
    gone = [v for k, v in verdicts.items() if k[0] in checked and k not in seen]
    return rows, gone


def precision(c: Counter) -> str:
    n = c["TP"] + c["FP"]
    return f"{100 * c['TP'] / n:.0f} %" if n else "-"


def table(rows: list[tuple[str, dict, str | None]]) -> dict[str, Counter]:
    by: dict[str, Counter] = defaultdict(Counter)
    for _, f, v in rows:
        for key in (f["rule"], f["severity"], "all"):
            by[key]["findings"] += 1
            by[key][v or "unjudged"] += 1
    return by


def report(run: dict, verdicts: dict, pending: str | None) -> None:
    rows, gone = judged(run, verdicts)
    print("| repository | Go files | seconds | errors | warnings | notes | syntax warnings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in run["repos"].items():
        sev = Counter(f["severity"] for f in r["findings"])
        parse = sum(1 for e in r["errors"] if e.get("kind") == "parse")
        print(f"| {name} | {r['files']} | {r['seconds']} | {sev['error']} | {sev['warning']} | {sev['note']} | {parse} |")
    by = table(rows)
    print()
    print("| rule / severity | findings | TP | FP | debatable | unjudged | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    keys = sorted(k for k in by if k.startswith("GD")) + [s for s in SEVERITIES if s in by] + ["all"]
    for k in keys:
        c = by.get(k, Counter())
        print(f"| {k} | {c['findings']} | {c['TP']} | {c['FP']} | {c['debatable']} | {c['unjudged']} | {precision(c)} |")
    new = [(n, f) for n, f, v in rows if v is None and f["severity"] != "note"]
    print(f"\nnew (unjudged) warnings and errors: {len(new)}")
    for n, f in new[:50]:
        print(f"  {n} {f['path']}:{f['line']}:{f['column']}: {f['message']} ({f['rule']})")
    print(f"verdicts whose finding is gone: {len(gone)}")
    for v in gone[:50]:
        print(f"  {v['repo']} {v['path']} {v['rule']} [{v['verdict']}] {v['reason']}")
    if pending:
        write_pending(Path(pending), rows, run)


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write_pending(path: Path, rows: list[tuple[str, dict, str | None]], run: dict) -> None:
    """Stubs for the unjudged findings (notes included), in the verdict file's format, with the
    message as a comment: fill in `verdict` and `reason`, then move them into the verdict file."""
    out = []
    for name, f, v in rows:
        if v is not None:
            continue
        out.append(f"# {f['path']}:{f['line']}:{f['column']}: {f['message']}\n"
                   f"[[verdict]]\nrepo = {_toml_str(name)}\npath = {_toml_str(f['path'].removeprefix('./'))}\n"
                   f"rule = {_toml_str(f['rule'])}\nfingerprint = {_toml_str(f['fingerprint'])}\n"
                   f"line = {f['line']}\nverdict = \"\"\nreason = \"\"\n")
    path.write_text("\n".join(out))
    print(f"wrote {len(out)} stubs to {path}", file=sys.stderr)


def compare(args: argparse.Namespace) -> int:
    verdicts = load_verdicts()
    before, after = (json.loads(Path(p).read_text()) for p in (args.before, args.after))
    tb, ta = (table(judged(r, verdicts)[0]) for r in (before, after))
    print("| rule / severity | findings before | after | TP before | after | FP before | after | precision before | after |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    keys = sorted({k for k in (*tb, *ta) if k.startswith("GD")}) + [s for s in SEVERITIES if s in tb or s in ta] + ["all"]
    for k in keys:
        b, a = tb.get(k, Counter()), ta.get(k, Counter())
        print(f"| {k} | {b['findings']} | {a['findings']} | {b['TP']} | {a['TP']} | {b['FP']} | {a['FP']} "
              f"| {precision(b)} | {precision(a)} |")
    sb = sum(r["seconds"] for r in before["repos"].values())
    sa = sum(r["seconds"] for r in after["repos"].values())
    print(f"\nwall time over the corpus: {sb:.1f} s before, {sa:.1f} s after ({sa / sb:.2f}x)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    u = sub.add_parser("unpack")
    u.add_argument("--mirrors", default="/work/.mirror")
    u.add_argument("--corpus", default="/work/corpus")
    c = sub.add_parser("check")
    c.add_argument("--corpus", default="/work/corpus")
    c.add_argument("--tool", help="a checkout whose golint_delete package to run (default: this one)")
    c.add_argument("--save", help="write the run (every finding) as JSON, for `compare`")
    c.add_argument("--pending", help="write verdict stubs for the unjudged findings")
    c.add_argument("--repo", action="append", help="only this repository (repeatable)")
    c.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    k = sub.add_parser("compare")
    k.add_argument("before")
    k.add_argument("after")
    args = ap.parse_args()
    return {"unpack": unpack, "check": check, "compare": compare}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
