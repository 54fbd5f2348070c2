"""Mutation fuzzing of the analyzer: real Go files with random byte flips, truncations, deleted or
duplicated lines and swapped tokens, each analysed with every rule. Any exception is a bug: the
input is saved under --out and the run goes on.

    python bench/fuzz.py --minutes 5 [--seed N] [--out fuzz-crashes]
"""

from __future__ import annotations

import argparse
import random
import re
import time
import traceback
from pathlib import Path

from golint_delete.engine import FileTask, Options, analyse
from golint_delete.rules import BY_ID, REGISTRY

_TOKEN = re.compile(rb"[A-Za-z_][A-Za-z_0-9]*|[{}()\[\];,.:=<>!&|+\-*/]+")


def mutate(rng: random.Random, src: bytes) -> bytes:
    data = bytearray(src)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if op == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1 and data:  # truncate
            del data[rng.randrange(len(data)):]
        elif op in (2, 3):  # delete or duplicate a line
            lines = bytes(data).split(b"\n")
            if len(lines) > 1:
                i = rng.randrange(len(lines))
                if op == 2:
                    del lines[i]
                else:
                    lines.insert(i, lines[rng.randrange(len(lines))])
                data = bytearray(b"\n".join(lines))
        elif op == 4:  # swap two tokens
            toks = list(_TOKEN.finditer(bytes(data)))
            if len(toks) > 2:
                a, b = sorted(rng.sample(toks, 2), key=lambda m: m.start())
                if a.end() <= b.start():
                    data = bytearray(bytes(data[:a.start()]) + b.group() + bytes(data[a.end():b.start()]) +
                                     a.group() + bytes(data[b.end():]))
        else:  # splice a chunk of another part of the file
            if data:
                i, j = sorted(rng.randrange(len(data)) for _ in range(2))
                k = rng.randrange(len(data))
                data[k:k] = data[i:j]
    return bytes(data)


def check_one(src: bytes, name: str = "fuzz.go") -> None:
    opts = Options(rules=tuple(r.id for r in REGISTRY))
    [result] = analyse([FileTask(name, name, (1, 27), source=src)], opts, BY_ID)
    lines = src.count(b"\n") + 1
    for f in result.findings:
        assert 1 <= f.start.line <= lines and 1 <= f.end.line <= lines, f
        assert f.start.column >= 1 and f.end.column >= 1, f


def corpus(roots: list[Path], limit: int, rng: random.Random) -> list[bytes]:
    files = sorted(p for r in roots for p in r.rglob("*.go"))
    rng.shuffle(files)
    return [p.read_bytes() for p in files[:limit]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    ap.add_argument("roots", nargs="*", type=Path)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    roots = args.roots or [Path(__file__).resolve().parents[1] / "testdata"]
    seeds = corpus(roots, 400, rng)
    deadline = time.monotonic() + args.minutes * 60
    n = crashes = 0
    while time.monotonic() < deadline:
        src = mutate(rng, rng.choice(seeds))
        n += 1
        try:
            check_one(src)
        except Exception:  # noqa: BLE001 - every crash is saved and counted
            crashes += 1
            args.out.mkdir(exist_ok=True)
            (args.out / f"crash-{seed}-{n}.go").write_bytes(src)
            (args.out / f"crash-{seed}-{n}.txt").write_text(traceback.format_exc())
    print(f"seed {seed}: {n} inputs, {crashes} crashes" + (f" (saved in {args.out}/)" if crashes else ""))


if __name__ == "__main__":
    main()
