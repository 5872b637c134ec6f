"""Check every data file; print each problem as path:line:column: field: message.

Usage: python -m scripts.validate [DATA_DIR]
Exit status 0 when all data is valid, 1 when there is any problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    try:
        dataset = load_dataset(data_dir, root=Path.cwd())
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    claims = sum(len(r.claims) for r in dataset.reports)
    print(f"{data_dir}: {len(dataset.reports)} reports, {claims} claims, {len(dataset.sources)} sources: all valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
