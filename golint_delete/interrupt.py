"""Ctrl-C and SIGTERM stop a run at once, leaving no pool worker, temporary file or half-written file.

Unwinding with KeyboardInterrupt is not safe here: an interrupt while the process pool forks its
workers leaves its shutdown waiting forever, one raised inside an at-fork hook is printed and
dropped (the run goes on), and a plain SIGTERM kills the main process alone, orphaning the workers.
So the main process kills its workers (they only read) and exits with 128 + the signal's number; the
few places that own a temporary file hold the signals off until it is renamed or removed. On Linux
a forked worker also asks for SIGTERM when its parent dies, so that a worker forked in the very
moment of a signal, or left by a main process killed outright, does not wait for work forever.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1
_main_pid: int | None = None
_forker: int | None = None
_prctl = None


def _stop(signum, _frame) -> None:
    if os.getpid() != _main_pid:
        os._exit(128 + signum)  # a forked pool worker: the main process reports and exits
    # Loaded only by a run that starts a pool: without it there is no worker to stop.
    mp = sys.modules.get("multiprocessing")
    for child in mp.active_children() if mp is not None else ():
        try:
            child.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass
    word = "interrupted" if signum == signal.SIGINT else "terminated"
    try:
        clear = "\r\x1b[2K" if os.isatty(2) else ""  # the progress line, or the terminal's ^C
        os.write(2, f"{clear}golint-delete: {word}\n".encode())
    except OSError:
        pass
    os._exit(128 + signum)


def _before_fork() -> None:
    global _forker
    # The signal comes when the forking thread ends: ask for it only for forks by the main thread.
    _forker = os.getpid() if threading.current_thread() is threading.main_thread() else None


def _in_child() -> None:
    if _forker is None:
        return
    try:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except Exception:  # noqa: BLE001 - best effort
        return
    if os.getppid() != _forker:  # the parent died before the request took effect
        os._exit(128 + signal.SIGTERM)


def install() -> None:
    global _main_pid, _prctl
    if threading.current_thread() is not threading.main_thread():
        return
    _main_pid = os.getpid()
    for s in _SIGNALS:
        if signal.getsignal(s) is not signal.SIG_IGN:  # `nohup`, `cmd &`: the caller chose to ignore it
            signal.signal(s, _stop)
    if sys.platform == "linux" and _prctl is None:
        try:
            _prctl = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError):
            return
        os.register_at_fork(before=_before_fork, after_in_child=_in_child)


@contextlib.contextmanager
def deferred():
    """SIGINT and SIGTERM wait until the block ends (the block must be short)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class OverBudget(Exception):
    """A file's analysis ran past its time budget (--file-timeout)."""


# The per-file budget is a SIGALRM that raises where the analysis happens to be. Where that would
# leave shared state half-built (a query compiling its regular expressions, whose failure
# tree-sitter reports as an invalid query; a memo filled in place), the code holds it off with
# `critical()` and the alarm is raised as the block ends.
_critical = 0
_pending = False


def _on_alarm(_signum, _frame) -> None:
    global _pending
    if _critical:
        _pending = True
        return
    raise OverBudget()


@contextlib.contextmanager
def critical():
    """The time budget's alarm waits until the block ends (the block must be short)."""
    global _critical, _pending
    _critical += 1
    try:
        yield
    finally:
        _critical -= 1
        if not _critical and _pending:
            _pending = False
            raise OverBudget()


@contextlib.contextmanager
def budget(seconds: float):
    """Raise OverBudget in the block after `seconds` (SIGALRM: only the main thread of a process can
    take it, which the CLI and every pool worker are; elsewhere there is no limit)."""
    global _pending
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _pending = False  # an alarm held off by a block that then failed another way
