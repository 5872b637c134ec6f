"""Build the offline classroom bundle: a zip of the whole site that works opened from disk.

Usage: python -m scripts.offline_bundle [--config-file mkdocs.offline.yml]
                                        [--output dist/reading-war-claims-offline.zip]

For a classroom without a network: unzip anywhere, open reading-war-claims/index.html
in a browser. Pages link to each other as files (.../page.html), search and the quizzes
work from file://, and nothing is fetched from anywhere (mkdocs.offline.yml says how).

The site is built with scripts/build_site.py (mkdocs build --strict into a temporary
folder), then zipped into a temporary file beside the output, which is renamed into
place only when complete: a failed build or zip leaves the previous bundle as it was.
Entries are sorted and dated 1980-01-01, so the same site gives the same zip.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from scripts.build_site import build

FOLDER = "reading-war-claims"  # the folder a teacher gets when unzipping
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
LEFT_OUT = (".map",)  # source maps: read only by a browser's developer tools, over 1 MB

README = """Reading war claims: offline classroom copy
==========================================

Open index.html (in this folder) in a web browser: double-click it, or drag it onto
a browser window. No network is needed: the pages, the search box, the charts and
the quizzes all work from these files. Quiz scores are kept only in the browser.

Worksheets and teacher guides print without menus: open one and use Print.
Keep the folder together; the pages link to each other by their place in it.

Licence: the site's own text and data are under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/), the code under the MIT licence.
Quoted news excerpts belong to their publishers and are quoted for criticism and
teaching; they are not covered by the licence. Details: licence.html.
"""


def write_zip(site: Path, output: Path) -> None:
    """Zip ``site`` into ``output`` under FOLDER/, atomically."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{output.name}-", suffix=".part", dir=output.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
            _add(bundle, f"{FOLDER}/README.txt", README.encode("utf-8"))
            for path in sorted(p for p in site.rglob("*") if p.is_file() and not p.name.endswith(LEFT_OUT)):
                _add(bundle, f"{FOLDER}/{path.relative_to(site).as_posix()}", path.read_bytes())
        os.chmod(partial, 0o644)  # mkstemp makes the file private; the bundle is meant to be shared
        os.replace(partial, output)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _add(bundle: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    bundle.writestr(info, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.offline.yml"),
                        help="default: mkdocs.offline.yml")
    parser.add_argument("--output", type=Path, default=Path("dist/reading-war-claims-offline.zip"),
                        help="default: dist/reading-war-claims-offline.zip")
    args = parser.parse_args(argv)
    args.output.resolve().parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=args.output.resolve().parent) as work:
        site = Path(work) / "site"
        status = build(site, args.config_file)
        if status != 0:
            print(f"Offline bundle not written: {args.output} was left as it was.", file=sys.stderr)
            return status
        write_zip(site, args.output)
    size = args.output.stat().st_size / 1e6
    print(f"Offline bundle written: {args.output} ({size:.1f} MB). Unzip it and open {FOLDER}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
