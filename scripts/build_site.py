"""Build the site atomically: into a fresh folder next to the site, swapped in only on success.

Usage: python -m scripts.build_site [--site-dir site] [--config-file mkdocs.yml]

`mkdocs build` empties its site folder before building, so a failed build can leave
no site at all, or half of one. This runs `mkdocs build --strict` into a temporary
folder beside the site folder (same file system, so the swap is a rename), and
only when it succeeds puts the new folder in place of the old one. On failure
MkDocs' own output (with every data problem) has already been printed, the
temporary folder is removed, the previous site is left exactly as it was, and
the exit status is MkDocs' own (non-zero).

Interrupted (SIGTERM, SIGINT as from Ctrl-C, SIGHUP), it stops MkDocs (its own
process group, so nothing it started keeps writing), removes the temporary
folder, leaves the site folder as it was, and exits with 128 + the signal
number. MkDocs runs in its own session, so the signal reaches it only through
this script, which can then clean up after it; on Linux it is also told to stop
if this script dies without a chance to clean up. The swap itself (two renames)
is not interrupted: signals wait until it is done.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
STOP_GRACE_S = 10  # MkDocs gets this long to stop on SIGTERM before it is killed


class Interrupted(Exception):
    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _interrupt(signum, _frame):
    raise Interrupted(signum)


def _load_prctl():
    """Linux's prctl, looked up before any fork (nothing is imported in the child)."""
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()
_PR_SET_PDEATHSIG = 1


def _child_setup() -> None:
    """In the MkDocs child, before it starts: take signals again (they were held while it was started),
    and on Linux get SIGTERM if this script dies, even by SIGKILL."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGTERM))


def _stop(child: subprocess.Popen) -> None:
    """Stop MkDocs and anything it started (its process group), politely first."""
    for sig, wait in ((signal.SIGTERM, STOP_GRACE_S), (signal.SIGKILL, None)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def build(site_dir: Path, config_file: Path) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    previous = {sig: signal.signal(sig, _interrupt) for sig in SIGNALS}
    fresh: Path | None = None
    child: subprocess.Popen | None = None
    try:
        with _signals_held():  # (so the folder and the child are known here as soon as they exist)
            fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
            child = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                 "--config-file", str(config_file), "--site-dir", str(fresh)],
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                start_new_session=True,  # its own process group: signals reach it through us, and we clean up
                preexec_fn=_child_setup,  # noqa: PLW1509 (this script starts no threads)
            )
        returncode = child.wait()
        if returncode != 0:
            print(f"\nBuild failed: {site_dir} was left as it was.", file=sys.stderr)
            return returncode
        fresh.chmod(0o755)  # mkdtemp makes the folder private; a site is meant to be read
        with _signals_held():
            _swap_in(fresh, site_dir)
            for sig in SIGNALS:  # built and in place: a signal from now on changes nothing
                signal.signal(sig, signal.SIG_IGN)
        print(f"Site built: {site_dir}")
        return 0
    except Interrupted as exc:
        for sig in SIGNALS:  # a second Ctrl-C must not cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        print(f"\nBuild interrupted ({exc}): stopping MkDocs; {site_dir} was left as it was.", file=sys.stderr)
        return 128 + exc.signum
    finally:
        for sig in SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        if child is not None and child.poll() is None:
            _stop(child)
        if fresh is not None and fresh.exists():
            shutil.rmtree(fresh)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _signals_held():
    """Signals wait while the new site is swapped in: two renames must not be split."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def _swap_in(fresh: Path, site_dir: Path) -> None:
    """Put ``fresh`` where ``site_dir`` is: two renames, then delete the old site."""
    if not site_dir.exists():
        fresh.rename(site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
    old.rmdir()
    site_dir.rename(old)
    try:
        fresh.rename(site_dir)
    except OSError:
        old.rename(site_dir)  # put the previous site back
        raise
    shutil.rmtree(old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="default: site")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    args = parser.parse_args(argv)
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
