"""Fuzzing of the analyzer, each input analysed with every rule. Any exception is a bug: the input
is saved under --out (with its traceback) and the run goes on.

Modes (--mode):
  mutate    real Go files with random byte flips, truncations, deleted or duplicated lines and
            swapped tokens; checks that analysis never raises and positions stay in the file
  generate  Go programs around map operations from the hypothesis strategies of
            tests/test_fuzz_generated.py: intact, damaged by a few byte edits, and spread over
            the files of one package (saved as .txtar archives)
  bytes     raw bytes: hypothesis binary()/text() and a soup of Go tokens
  all       the three in turn
generate and bytes check every invariant of tests/test_fuzz_generated.py (positions, JSON and SARIF
reports, a second run giving the same answer), SARIF against the official schema when the test
tools are installed (tests/node/node_modules). They need the test extras (hypothesis).

    python bench/fuzz.py --minutes 5 [--mode mutate|generate|bytes|all] [--seed N] [--out fuzz-crashes]
                         [--regressions] [roots...]

--regressions also saves one input per distinct crash (exception type and the innermost frame
in golint_delete) as tests/fuzz_regressions/<mode>_<seed>_<n>.fuzz, which tests/test_fuzz.py
replays (a package of several files: .txtar, replayed by tests/test_fuzz_generated.py); give it a
descriptive name before committing it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
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


ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
MODES = ("mutate", "generate", "bytes")


def crash_signature(exc: BaseException) -> tuple[str, str]:
    """An exception's type and its innermost frame inside golint_delete (else the innermost frame):
    inputs with the same signature are taken to be the same bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "golint_delete" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return type(exc).__name__, where


class Crashes:
    """Saves each crashing input under --out (as crash[-mode]-SEED-N.go plus .txt with the traceback)
    and, with --regressions, the first input of each signature as a regression case."""

    def __init__(self, out: Path, seed: int, regressions: bool) -> None:
        self.out, self.seed, self.regressions = out, seed, regressions
        self.count = 0
        self.signatures: dict[tuple[str, str], int] = {}

    def save(self, mode: str, n: int, src: bytes | dict[str, bytes], exc: BaseException) -> None:
        """`src` is one file's bytes, or a package's files by name (saved as a txtar archive)."""
        self.count += 1
        stem = f"crash-{self.seed}-{n}" if mode == "mutate" else f"crash-{mode}-{self.seed}-{n}"
        ext, data = ".go", src
        if isinstance(src, dict):
            from test_fuzz_generated import txtar  # noqa: PLC0415 - tests/ is on sys.path in this mode

            ext, data = ".txtar", txtar(src, f"bench/fuzz.py --mode {mode} --seed {self.seed}: input {n}")
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / f"{stem}{ext}").write_bytes(data)
        (self.out / f"{stem}.txt").write_text("".join(traceback.format_exception(exc)))
        sig = crash_signature(exc)
        self.signatures[sig] = self.signatures.get(sig, 0) + 1
        if self.regressions and self.signatures[sig] == 1:
            REGRESSIONS.mkdir(parents=True, exist_ok=True)
            (REGRESSIONS / f"{mode}_{self.seed}_{n}{'.fuzz' if ext == '.go' else ext}").write_bytes(data)


def _hypothesis_checker():
    """The strategies and the full invariant check of tests/test_fuzz_generated.py (imported from
    there, so that the test and this script fuzz the same way)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import sarif_tools  # noqa: PLC0415 - test helpers, needed only by these modes
    import test_fuzz_generated as tfg  # noqa: PLC0415

    schema = sarif_tools.schema_path().is_file()

    def check(src: bytes | dict[str, bytes]) -> None:
        if isinstance(src, dict):
            tfg.check_package_invariants(src, sarif_schema=schema)
        else:
            tfg.check_invariants(src, sarif_schema=schema)

    return tfg, check, schema


def run_hypothesis(strategy, seed: int, examples: int, on_input) -> None:
    """`examples` inputs drawn from `strategy` with a given seed; `on_input` must not raise (so that
    hypothesis goes on generating instead of shrinking)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    @with_seed(seed)
    @settings(database=None, deadline=None, max_examples=examples, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=False)
    @given(strategy)
    def batch(src: bytes) -> None:
        on_input(src)

    batch()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    ap.add_argument("--mode", choices=(*MODES, "all"), default="mutate")
    ap.add_argument("--regressions", action="store_true",
                    help=f"also save one input per distinct crash under {REGRESSIONS.relative_to(ROOT)}/")
    ap.add_argument("roots", nargs="*", type=Path, help="mutate mode: where to take Go files from")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    modes = MODES if args.mode == "all" else (args.mode,)
    crashes = Crashes(args.out, seed, args.regressions)
    counts = dict.fromkeys(modes, 0)
    if "mutate" in modes:
        roots = args.roots or [ROOT / "testdata"]
        seeds = corpus(roots, 400, rng)
    strategies = {}
    if "generate" in modes or "bytes" in modes:
        tfg, check, schema = _hypothesis_checker()
        strategies = {"generate": [tfg.go_programs(), tfg.damaged_programs(), tfg.go_packages()],
                      "bytes": [tfg.raw_bytes, tfg.token_soup()]}
        if not schema:
            print("SARIF schema not installed (npm ci --prefix tests/node): SARIF is checked as JSON only")
    deadline = time.monotonic() + args.minutes * 60
    # With several modes, each runs in turn for a slice of the time (at most 20 s at once).
    slice_seconds = max(1.0, min(20.0, args.minutes * 60 / len(modes)))
    n = turn = batches = 0

    def one(mode: str, src, check_fn) -> None:
        nonlocal n
        n += 1
        counts[mode] += 1
        try:
            check_fn(src)
        except Exception as e:  # noqa: BLE001 - every crash is saved and counted
            crashes.save(mode, n, src, e)

    while time.monotonic() < deadline:
        mode = modes[turn % len(modes)]
        turn += 1
        stop = min(deadline, time.monotonic() + slice_seconds)
        while time.monotonic() < stop:
            if mode == "mutate":
                one(mode, mutate(rng, rng.choice(seeds)), check_one)
                continue
            batches += 1  # the mode's strategies in turn, 50 inputs at a time
            mine = strategies[mode]
            run_hypothesis(mine[batches % len(mine)], rng.randrange(1 << 32), 50,
                           lambda src, mode=mode: one(mode, src, check))
    per_mode = ", ".join(f"{counts[m]} {m}" for m in modes) if len(modes) > 1 else ""
    print(f"seed {seed}: {n} inputs{f' ({per_mode})' if per_mode else ''}, {crashes.count} crashes"
          + (f" (saved in {args.out}/)" if crashes.count else ""))
    for (kind, where), times in sorted(crashes.signatures.items()):
        print(f"  {times:6d} x {kind} at {where}")


if __name__ == "__main__":
    main()
