"""Print the hedge detector's precision and recall against the annotations in the data.

Usage: python -m scripts.hedge_score [DATA_DIR] [--details]
The same figures appear on the site's data-quality page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.claimkit.hedges import HedgeDetector, compare, score
from macros.claimkit.loader import load_dataset


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    details = "--details" in args
    paths = [a for a in args if not a.startswith("--")]
    data = load_dataset(Path(paths[0]) if paths else Path("data"), root=Path.cwd())
    detector = HedgeDetector(data.hedge_categories)
    claims = [c for r in data.reports for c in r.claims]
    result = score(detector, claims)
    print(f"claims: {len(claims)}  annotated cues: {result.annotated}  detected cues: {result.detected}")
    print(f"precision: {result.precision:.3f}  ({result.true_positives}/{result.detected} detected cues were annotated)")
    print(f"recall:    {result.recall:.3f}  ({result.found_annotations}/{result.annotated} annotated cues were detected)")
    if details:
        for report in data.reports:
            for claim in report.claims:
                diff = compare(detector, claim)
                for cue in diff.missed:
                    print(f"  detected, not annotated: {report.id}#{claim.id}: {cue.text!r} ({cue.category})")
                for _, _, text, category in diff.extra:
                    print(f"  annotated, not detected: {report.id}#{claim.id}: {text!r} ({category})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
