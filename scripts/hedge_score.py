"""Print the cue detector's precision and recall per kind of cue: on the seed reports, and on the
development and test halves of the held-out set.

Usage: python -m scripts.hedge_score [DATA_DIR] [--heldout FILE] [--details]

The seeds are the reports in DATA_DIR (default data/): the lexicon was built from them, so their
figures are in-sample, and their `not_cues` silence the detector. The held-out set
(tests/cue-eval/heldout.yaml, see docs/contributing/cue-annotation.md) was annotated without the
detector; its not_cues silence nothing. `--details` lists the differences, text by text, for the
seeds and the development half only: the test half is for reporting, never for tuning, so its
differences are not printed. The same figures appear on the site's data-quality page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.claimkit.cue_eval import HELDOUT, SPLITS, load_cue_eval, split_scores
from macros.claimkit.cues import KINDS, Comparison, CueDetector, Score, compare, score
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset


def table(title: str, scores: dict[str | None, Score], note: str = "") -> None:
    print(f"\n{title}{note}")
    print(f"  {'kind':<12} {'precision':>9} {'recall':>7}  {'right/detected':>14}  {'found/annotated':>15}")
    for kind, result in scores.items():
        precision = f"{result.precision:.3f}" if result.detected else "-"  # nothing detected: nothing to be right about
        recall = f"{result.recall:.3f}" if result.annotated else "-"
        print(f"  {kind or 'all':<12} {precision:>9} {recall:>7}  "
              f"{result.true_positives:>6}/{result.detected:<7}  {result.found_annotations:>7}/{result.annotated:<7}")


def differences(where: str, diff: Comparison) -> None:
    for cue in diff.missed:
        print(f"  detected, not annotated: {where}: {cue.text!r} ({cue.kind}: {cue.category})")
    for note in diff.extra:
        print(f"  annotated, not detected: {where}: {note.text!r} ({note.kind}"
              f"{': ' + note.category if note.category else ''})")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    details = "--details" in args
    heldout = HELDOUT
    if "--heldout" in args:
        i = args.index("--heldout")
        heldout = Path(args[i + 1])
        del args[i:i + 2]
    paths = [a for a in args if not a.startswith("--")]
    try:
        data = load_dataset(Path(paths[0]) if paths else Path("data"), root=Path.cwd())
        evalset = load_cue_eval(heldout, root=Path.cwd())
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    detector = CueDetector(data.cue_categories)
    claims = [c for r in data.reports for c in r.claims]
    silenced = sum(len(compare(detector, c).silenced) for c in claims)
    table(f"seeds: {len(data.reports)} reports, {len(claims)} claims (in-sample)",
          {kind: score(detector, claims, kind) for kind in (None, *KINDS)},
          f"; {silenced} detections silenced by not_cues")
    by_split = split_scores(detector, evalset)
    for split in SPLITS:
        passages = evalset.passages(split)
        reports = len({p.report.id for p in passages})
        name = {"dev": "development half", "test": "test half (report only: never tune on it)"}[split]
        table(f"held-out {name}: {reports} reports, {len(passages)} passages", by_split[split])
    if details:
        print("\ndifferences, seeds:")
        for report in data.reports:
            for claim in report.claims:
                differences(f"{report.id}#{claim.id}", compare(detector, claim))
        print("\ndifferences, development half:")
        for ref in evalset.passages("dev"):
            differences(ref.key, compare(detector, ref.marked()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
