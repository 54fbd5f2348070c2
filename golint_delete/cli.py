"""Command line: argument handling only. Exit codes: 0 clean, 1 findings at or above --fail-on,
2 usage, configuration, unreadable input or internal error (one line on stderr, never a traceback),
130 and 143 stopped by SIGINT and SIGTERM (see interrupt.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from golint_delete import __version__, docs, interrupt
from golint_delete.config import Config, ConfigError, find, load
from golint_delete.discovery import DiscoveryError, parse_go_version
from golint_delete.engine import Options
from golint_delete.findings import Severity
from golint_delete.rules import REGISTRY
from golint_delete.runner import SelectionError, match_selector, run, select_rules

FAIL_ON = ("error", "warning", "note", "never")
# Keep in step with golint_delete/report/__init__.py (imported lazily: reporters are not needed
# for `rules` or `explain`).
FORMAT_NAMES = ("text", "json", "sarif", "github", "gitlab", "junit", "checkstyle")


class UsageError(Exception):
    pass


def _split(values: tuple[str, ...]) -> list[str]:
    return [s for v in values for s in v.split(",") if s.strip()]


def version_text() -> str:
    """The tool's version, its parser's, and the newest Go the rules know (one line each)."""
    from importlib.metadata import PackageNotFoundError, version

    from golint_delete.discovery import LATEST_GO

    def of(dist: str) -> str:
        try:
            return version(dist)
        except PackageNotFoundError:
            return "unknown"

    return (f"golint-delete {__version__}\n"
            f"tree-sitter-go {of('tree-sitter-go')} (tree-sitter {of('tree-sitter')})\n"
            f"Go language: up to go{LATEST_GO[0]}.{LATEST_GO[1]}")


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", "-V", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Print the version, the tree-sitter-go version and the newest Go version the rules know.")
def cli() -> None:
    """Find Go map mutation bugs without building the code."""


@cli.command()
def version() -> None:
    """Print the version, the tree-sitter-go version and the newest Go version the rules know."""
    click.echo(version_text())


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(list(FORMAT_NAMES)), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("--select", multiple=True, help="Rules to run: ids, prefixes (GD3) or names; comma-separated.")
@click.option("--extend-select", multiple=True, help="Rules to add to the configured selection.")
@click.option("--ignore", multiple=True, help="Rules to skip: ids, prefixes or names; comma-separated.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--go-version", help="Go language version for every file (default: each go.mod's `go` line).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (.golint-delete.toml or pyproject.toml).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes [default: cores].")
@click.option("--stdin-filename", help="With `-`: the path the source on stdin has.")
@click.option("--show-source", is_flag=True, help="Text format: print the source line and a caret.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--include-generated", is_flag=True, default=None,
              help="Also analyse files marked `Code generated ... DO NOT EDIT.`")
@click.option("--force-exclude/--no-force-exclude", default=None,
              help="Skip named files the folder walk would skip (vendor/, testdata/, .gitignore) [default: on].")
@click.option("--file-timeout", type=click.FloatRange(min=0), default=60.0, show_default=True, metavar="SECONDS",
              help="Stop analysing a file after this long and report it as not analysed (0: no limit).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=4 * 1024 * 1024, show_default=True,
              help="Skip files larger than this many bytes, with an error.")
@click.option("--fix", "do_fix", is_flag=True,
              help="Apply safe fixes to the files, then report what remains (with `-`: print the fixed source).")
@click.option("--fix-only", is_flag=True, help="Apply safe fixes and report only what was fixed (exit 0).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply fixes marked unsafe.")
@click.option("--diff", "do_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in FILE (exit 0).")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not recorded in FILE.")
@click.option("--new-from-rev", help="Report only findings on lines changed since this git revision.")
@click.option("--new-from-patch", type=click.Path(dir_okay=False), help="Report only findings on lines a unified diff adds.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of the findings.")
@click.option("--cache-dir", envvar="GOLINT_DELETE_CACHE_DIR", show_envvar=True,
              help="Where results of unchanged folders are kept between runs "
                   "[default: .golint-delete-cache at the project root].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
@click.option("--show-settings", is_flag=True,
              help="Print the configuration file used, the effective settings and every file skipped and why; analyse nothing.")
def check(paths, fmt, output, select, extend_select, ignore, fail_on, go_version, config_path, no_config,
          exclude, jobs, stdin_filename, show_source, color, include_generated, force_exclude, file_timeout,
          max_file_size, do_fix, fix_only, unsafe_fixes, do_diff, write_baseline, baseline, new_from_rev,
          new_from_patch, statistics, cache_dir, no_cache, quiet, show_settings) -> None:
    """Analyse Go files and directories (default: .), like `go vet ./...`."""
    paths = list(paths) or ["."]
    stdin = None
    if "-" in paths:
        if len(paths) != 1:
            raise UsageError("`-` (stdin) cannot be combined with other paths")
        if not stdin_filename:
            raise UsageError("reading from `-` needs --stdin-filename")
        stdin = (stdin_filename, sys.stdin.buffer.read())
    if no_config:
        cfg = Config()
    elif config_path:
        cfg = load(Path(config_path))
    else:
        cfg = find(Path(stdin_filename if stdin else paths[0]))
    if select and not _split(select):
        raise UsageError("--select with no rule would run nothing; leave it out for the defaults, or use --ignore")
    try:
        selected = select_rules(
            _split(select) if select else cfg.select,
            cfg.extend_select + _split(extend_select),
            cfg.ignore + _split(ignore),
        )
        per_file = [(glob, frozenset(r.id for sel in sels for r in match_selector(sel)))
                    for glob, sels in cfg.per_file_ignores.items()]
        severity = {}
        for key, level in cfg.severity.items():
            Severity.parse(level)
            for rule in match_selector(key):
                severity[rule.id] = level
    except (SelectionError, ValueError) as e:
        where = f"{cfg.path}: " if cfg.path and not (select or ignore or extend_select) else ""
        raise UsageError(f"{where}{e}") from None
    wanted_go = go_version if go_version is not None else cfg.go_version
    try:
        version = parse_go_version(wanted_go) if wanted_go is not None else None
    except ValueError as e:
        where = f"{cfg.path}: go-version: " if go_version is None else "--go-version: "
        raise UsageError(f"{where}{e}") from None
    fail = fail_on or cfg.fail_on or "warning"
    if fail not in FAIL_ON:
        raise UsageError(f"{cfg.path}: fail-on must be one of {', '.join(FAIL_ON)}")
    excludes = [(cfg.base.absolute(), g) for g in cfg.exclude] + [(Path.cwd(), g) for g in exclude]
    include_generated = _first(include_generated, cfg.include_generated, False)
    force_exclude = _first(force_exclude, cfg.force_exclude, True)
    jobs = _first(jobs, cfg.jobs, 0)
    if baseline is None and cfg.baseline is not None:
        baseline = str(cfg.resolve(cfg.baseline))
    opts = Options(rules=selected, severity=tuple(sorted(severity.items())), max_file_size=max_file_size,
                   include_generated=include_generated, file_timeout=file_timeout)
    if fix_only:
        if do_fix or do_diff:
            raise UsageError("--fix-only cannot be combined with --fix or --diff")
        do_fix = True
    if do_fix and do_diff:
        raise UsageError("--fix and --diff cannot be combined")
    if do_diff and fmt != "text":
        raise UsageError(f"--diff prints a unified diff: --format {fmt} does not apply to it")
    if statistics and fmt not in ("text", "json"):
        raise UsageError(f"--statistics prints text or JSON counts: --format {fmt} does not apply to it")
    if new_from_rev and new_from_patch:
        raise UsageError("--new-from-rev and --new-from-patch cannot be combined")
    if do_fix and stdin is not None and output:
        raise UsageError("--fix with `-` prints the fixed source on stdout: -o does not apply")
    cache_root = _project_root(cfg, stdin_filename if stdin else paths[0])
    if cache_dir is None and cfg.cache_dir is not None:
        cache_dir = str(cfg.resolve(cfg.cache_dir))
    cache_path = Path(cache_dir) if cache_dir else cache_root / ".golint-delete-cache"
    if show_settings:
        from golint_delete.settings import show

        _stdout(show(cfg, paths, selected=selected, severity=severity, version=version, fail=fail,
                     excludes=excludes, per_file=cfg.per_file_ignores, jobs=jobs, include_generated=include_generated,
                     force_exclude=force_exclude, cache=None if no_cache else cache_path, baseline=baseline,
                     no_config=no_config, stdin=stdin_filename if stdin else None))
        return

    from golint_delete import progress
    from golint_delete.cache import Cache

    cache = None if no_cache else Cache(cache_path)

    def analyse(targets, source: bytes | None = None):
        given = stdin if source is None else (stdin[0], source)
        result = run(targets, opts, go_version=version, excludes=excludes, jobs=jobs, stdin=given, cache=cache,
                     progress=progress.wanted(quiet), force_exclude=force_exclude)
        if per_file:
            result.findings = [f for f in result.findings if not _ignored_here(f, per_file, cfg.base.absolute())]
        return result

    try:
        result = analyse(paths)
    except DiscoveryError as e:
        raise UsageError(str(e)) from None
    from golint_delete.report import text

    if do_diff:
        sys.exit(_print_diff(result, unsafe_fixes, stdin, output))
    if do_fix and stdin is not None:
        sys.exit(_fix_stdin(result, stdin, lambda data: analyse(paths, data), unsafe_fixes, fail, quiet, fix_only))
    fixed = 0
    if do_fix:
        from golint_delete.fix import fix_files

        result, fixed, written = fix_files(result, analyse, unsafe_fixes)
        if fix_only:
            for e in result.errors:
                if e.kind in ("fix", "fix-skipped") or e.fatal:
                    _print_error(e)
            if not quiet:
                click.echo(f"fixed {text.count(fixed, 'finding')} in {text.count(len(written), 'file')}", err=True)
            sys.exit(2 if any(e.fatal for e in result.errors) else 0)

    from golint_delete import adopt
    from golint_delete.report import FORMATS

    try:
        if new_from_rev or new_from_patch:
            changed = adopt.changed_since(new_from_rev) if new_from_rev else adopt.changed_in_patch(new_from_patch)
            before = len(result.findings)
            result.findings = adopt.only_changed(result.findings, changed)
            result.filtered.append((before - len(result.findings), f"on lines not changed since {new_from_rev}"
                                    if new_from_rev else f"on lines {new_from_patch} does not add"))
        if write_baseline:
            adopt.write_baseline(write_baseline, result.findings)
        if baseline:
            result.baseline = adopt.apply_baseline(baseline, result.findings)
            result.filtered.append((len(result.baseline.unchanged), f"in the baseline {baseline}"))
            result.findings = result.baseline.new
    except adopt.AdoptError as e:
        raise UsageError(str(e)) from None

    to_terminal = output is None and sys.stdout.isatty()
    colour = color == "always" or (color == "auto" and to_terminal and not os.environ.get("NO_COLOR"))
    if statistics:
        rendered = adopt.statistics(result.findings, as_json=fmt == "json")
    else:
        rendered = FORMATS[fmt](result, colour=colour, show_source=show_source)
    if output:
        _write_output(output, rendered)
    else:
        _stdout(rendered)
    if fmt != "github" or output:
        # Per-file problems go to stderr in every format; JSON and SARIF also carry them.
        for e in result.errors:
            _print_error(e)
    if cache is not None and cache.warning:
        click.echo(f"golint-delete: warning: {cache.warning}", err=True)
    if not quiet:
        click.echo(text.summary(result, (fixed, len(written)) if do_fix else None), err=True)
    if any(e.fatal for e in result.errors):
        sys.exit(2)
    if write_baseline:
        return  # recording today's findings is the job, not failing on them
    if _fails(result.findings, fail):
        sys.exit(1)


def _fails(findings, fail: str) -> bool:
    """Whether a finding is at or above --fail-on (never, for `never`)."""
    threshold = None if fail == "never" else Severity.parse(fail)
    return threshold is not None and any(f.severity >= threshold for f in findings)


def _print_error(e) -> None:
    """A per-file problem on stderr, as go vet prints one: `path:line:col: warning|error: message`."""
    where = f"{e.path}:{e.line}:{e.column}" if e.line else e.path
    _stderr(f"{where}: {'warning' if not e.fatal else 'error'}: {e.message}\n")


def _write_output(output: str, rendered: str) -> None:
    """-o FILE: the whole report or diff, or nothing (signals wait until it is written)."""
    try:
        with interrupt.deferred():
            Path(output).write_bytes(_encode(rendered))
    except OSError as e:
        raise UsageError(f"cannot write {output}: {e.strerror or e}") from None


def _first(*values):
    """The command line's value, else the configuration's, else the default."""
    return next(v for v in values if v is not None)


def _project_root(cfg: Config, target: str) -> Path:
    """Where the cache lives, as ruff keeps .ruff_cache: the configuration file's folder, else the
    git top level above the first target, else the working directory."""
    if cfg.path is not None:
        return cfg.path.parent
    from golint_delete.discovery import git_root, without_ellipsis

    start = Path(without_ellipsis(target)).absolute()
    top = git_root(start if start.is_dir() else start.parent)
    return top if top is not None else Path.cwd()


def _fix_stdin(result, stdin, analyse_source, unsafe: bool, fail: str, quiet: bool, fix_only: bool) -> int:
    """`--fix -`: the fixed source on stdout (the input unchanged when nothing applies), as gofmt
    and ruff do for editors; what remains goes to stderr in text format, at its place in the
    fixed source. A few rounds, as for files: one fix can uncover another."""
    from golint_delete.fix import plan
    from golint_delete.report import text

    name, source = stdin
    applied = 0
    for _ in range(5):
        fixable = [f for f in result.findings if f.fix is not None and (f.fix.safe or unsafe)]
        if not fixable:
            break
        p = plan(source, fixable, unsafe)
        for f, why in p.skipped:
            _stderr(f"{name}:{f.start.line}:{f.start.column}: warning: {f.rule} fix not applied: {why}\n")
        if not p.applied:
            break
        applied += len(p.applied)
        source = p.new
        result = analyse_source(source)
    sys.stdout.buffer.write(source)
    sys.stdout.flush()
    if not fix_only and result.findings:
        _stderr(text.render(result, colour=False, show_source=False))
    for e in result.errors:
        _print_error(e)
    if not quiet:
        left = len(result.findings)
        click.echo(f"fixed {text.count(applied, 'finding')}" + (
            "" if fix_only else f"; {text.count(left, 'finding')} remain{'s' if left == 1 else ''}"), err=True)
    if any(e.fatal for e in result.errors):
        return 2
    return 0 if fix_only else int(_fails(result.findings, fail))


def _encode(text: str) -> bytes:
    """UTF-8, but a file name that is not UTF-8 (held as surrogate escapes, as os.scandir gives it)
    is written back byte for byte, as go vet prints it, whatever the locale's error handler says."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def _write(stream, text: str) -> None:
    """Text naming files, their names byte for byte (see _encode), on stdout or stderr."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a replaced stream (tests, embedding)
        stream.write(text)
    else:
        stream.flush()
        buffer.write(_encode(text))
        buffer.flush()


def _stdout(text: str) -> None:
    _write(sys.stdout, text)


def _stderr(text: str) -> None:
    _write(sys.stderr, text)


def _ignored_here(finding, per_file, base: Path) -> bool:
    """A finding whose rule `per-file-ignores` turns off for its file (globs relative to the
    configuration's folder, or matching the file name)."""
    from golint_delete.discovery import _excluded

    path = Path(finding.path).absolute()
    return any(finding.rule in rules and _excluded(path, [(base, glob)]) for glob, rules in per_file)


def _print_diff(result, unsafe: bool, stdin, output: str | None = None) -> int:
    """--diff: what --fix would write, as a unified diff (on stdout, or in `output`). Exit 1 when
    there is something to fix."""
    from golint_delete.fix import plan, unified_diff

    diffs: list[str] = []

    by_path: dict = {}
    for f in result.findings:
        if f.fix is not None and (f.fix.safe or unsafe):
            by_path.setdefault(f.path, []).append(f)
    changed = 0
    for path in sorted(by_path):
        if stdin is not None:
            source = stdin[1]
        else:
            try:
                with open(result.sources[path][0], "rb") as fh:
                    source = fh.read()
            except OSError as e:
                _stderr(f"{path}: error: cannot read: {e.strerror or e}\n")
                continue
        p = plan(source, by_path[path], unsafe)
        for f, why in p.skipped:
            _stderr(f"{path}:{f.start.line}:{f.start.column}: warning: {f.rule} fix not applied: {why}\n")
        if p.applied:
            changed += 1
            diffs.append(unified_diff(path, source, p.new))
    if output:
        _write_output(output, "".join(diffs))
    else:
        for d in diffs:
            _stdout(d)
    click.echo(f"{changed} file{'s' if changed != 1 else ''} would be changed", err=True)
    return 1 if changed else 0


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(fmt: str) -> None:
    """List the rules."""
    rows = [
        {"id": r.id, "name": r.name, "severity": r.severity.label, "summary": docs.title(r.id),
         "fixable": r.fixable, "min_go": r.min_go_text, "default": r.default_enabled}
        for r in REGISTRY
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        flags = [] if row["default"] else ["off by default"]
        if row["fixable"]:
            flags.append("fix")
        if row["min_go"] != "1.0":
            flags.append(f"Go >= {row['min_go']}")
        extra = f"  [{', '.join(flags)}]" if flags else ""
        click.echo(f"{row['id']}  {row['name']:<28} {row['severity']:<8} {row['summary']}{extra}")


@cli.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation (by id or name)."""
    try:
        matches = match_selector(rule)
    except SelectionError as e:
        raise UsageError(str(e)) from None
    if len(matches) != 1:
        raise UsageError(f"{rule!r} names {len(matches)} rules; give one id or name")
    r = matches[0]
    page = docs.page(r.id)
    if not page:
        raise UsageError(f"no documentation found for {r.id} in {docs.docs_dir()}")
    lines = page.rstrip("\n").split("\n")
    meta = (f"Severity: {r.severity.label} · Fix: {'yes' if r.fixable else 'no'} · "
            f"Go: >= {r.min_go_text} · {'on' if r.default_enabled else 'off'} by default")
    click.echo("\n".join([lines[0], "", meta] + lines[1:]))


def main(argv: list[str] | None = None) -> None:
    debug = bool(os.environ.get("GOLINT_DELETE_DEBUG"))
    interrupt.install()
    try:
        cli.main(args=argv, prog_name="golint-delete", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("golint-delete: aborted", err=True)
        sys.exit(2)
    except click.ClickException as e:
        click.echo(f"golint-delete: error: {e.format_message()}", err=True)
        sys.exit(2)
    except (UsageError, ConfigError) as e:
        click.echo(f"golint-delete: error: {e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("golint-delete: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`| head`): nothing left to say, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - the promise is one line, never a traceback
        if debug:
            raise
        click.echo(f"golint-delete: internal error: {type(e).__name__}: {e} "
                   f"(set GOLINT_DELETE_DEBUG=1 for a traceback)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
