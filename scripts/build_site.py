"""Build the site atomically: into a fresh folder next to the site, swapped in only on success.

Usage: python -m scripts.build_site [--site-dir site] [--config-file mkdocs.yml]

`mkdocs build` empties its site folder before building, so a failed build can leave
no site at all, or half of one. This runs `mkdocs build --strict` into a temporary
folder beside the site folder (same file system, so the swap is a rename), and
only when it succeeds puts the new folder in place of the old one. On failure
MkDocs' own output (with every data problem) has already been printed, the
temporary folder is removed, the previous site is left exactly as it was, and
the exit status is MkDocs' own (non-zero).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(site_dir: Path, config_file: Path) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
             "--config-file", str(config_file), "--site-dir", str(fresh)],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        if done.returncode != 0:
            print(f"\nBuild failed: {site_dir} was left as it was.", file=sys.stderr)
            return done.returncode
        fresh.chmod(0o755)  # mkdtemp makes the folder private; a site is meant to be read
        _swap_in(fresh, site_dir)
        print(f"Site built: {site_dir}")
        return 0
    finally:
        if fresh.exists():
            shutil.rmtree(fresh)


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
