"""Print one version's section of CHANGELOG.md, for a release's notes.

Usage: python -m scripts.changelog_section v1.2.0 [--changelog CHANGELOG.md]

The tag's version (without the leading v) must have its own `## [X.Y.Z]` section, and
pyproject.toml and CITATION.cff must give the same version: a release whose notes or
version were not written fails here, before anything is published. Exit status 1 then.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def section(changelog: str, version: str) -> str | None:
    """The text under `## [version]` up to the next `## ` heading, or None."""
    match = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## |\Z)", changelog, re.MULTILINE | re.DOTALL)
    return match[1].strip() + "\n" if match else None


def declared_versions(root: Path) -> dict[str, str]:
    """The version each metadata file gives."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    return {"pyproject.toml": str(pyproject["project"]["version"]), "CITATION.cff": str(citation["version"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.changelog_section", description=__doc__.splitlines()[0])
    parser.add_argument("tag", help="the release tag, e.g. v1.2.0")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    version = args.tag.removeprefix("v")
    problems = [f"{name} says version {found}, the tag says {version}"
                for name, found in declared_versions(args.root).items() if found != version]
    notes = section((args.root / "CHANGELOG.md").read_text(encoding="utf-8"), version)
    if notes is None:
        problems.append(f"CHANGELOG.md has no '## [{version}]' section: move the Unreleased notes there")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    sys.stdout.write(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
