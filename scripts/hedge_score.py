"""Print the cue detector's precision and recall against the annotations in the data, per kind of cue.

Usage: python -m scripts.hedge_score [DATA_DIR] [--details]
The same figures appear on the site's data-quality page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.claimkit.cues import KINDS, CueDetector, compare, score
from macros.claimkit.loader import load_dataset


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    details = "--details" in args
    paths = [a for a in args if not a.startswith("--")]
    data = load_dataset(Path(paths[0]) if paths else Path("data"), root=Path.cwd())
    detector = CueDetector(data.cue_categories)
    claims = [c for r in data.reports for c in r.claims]
    print(f"claims: {len(claims)}")
    print(f"{'kind':<12} {'precision':>9} {'recall':>7}  detected  annotated")
    for kind in (None, *KINDS):
        result = score(detector, claims, kind)
        print(f"{kind or 'all':<12} {result.precision:>9.3f} {result.recall:>7.3f}  "
              f"{result.true_positives:>3}/{result.detected:<4}  {result.found_annotations:>3}/{result.annotated}")
    if details:
        for report in data.reports:
            for claim in report.claims:
                diff = compare(detector, claim)
                for cue in diff.missed:
                    print(f"  detected, not annotated: {report.id}#{claim.id}: {cue.text!r} ({cue.kind}: {cue.category})")
                for note in diff.extra:
                    print(f"  annotated, not detected: {report.id}#{claim.id}: {note.text!r} ({note.kind}: {note.category})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
