"""Benchmark hostile input (issue 18): how long refusing takes, and how output grows with input.

Usage: python -m scripts.bench_hostile [--reports 1000] [--unknown 2000]

Prints a table of times and ratios; nothing here is a pass/fail test (tests must not time
things), but each row says the target it is measured against:

  did-you-mean   a data set of N synthetic reports plus one report with U mistyped claim
                 references (one or two letters wrong), validated; "suggesting" is that time
                 less the time to validate the same data without the report; "difflib" is
                 the old way (compare with every key), estimated from a sample of 20
  amplification  a report whose headline and body claims give different figures, at three
                 sizes: page size over input size, and how both grow
  refusals       a link to /dev/zero and a 50 MB file: time and peak memory to refuse them
  valid          validation of the N synthetic reports with every check of this round in place
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

from macros.claimkit import limits
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.render import Renderer
from scripts.synthetic import make_reports

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid"
TODAY = dt.date(2026, 11, 24)
TARGETS = {"did-you-mean s": 5.0, "page/input": 10.0, "refuse s": 1.0, "refuse MB": 10.0}


def timed(function):
    """CPU seconds of this process (less disturbed than wall time on a machine shared with other work)."""
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


def refused(data_dir: Path) -> list:
    try:
        load_dataset(data_dir, today=TODAY)
    except DataError as exc:
        return exc.problems
    return []


def mistype(key: str, rng: random.Random) -> str:
    """One or two letters of the key changed (never the '#')."""
    for _ in range(rng.choice([1, 1, 2])):
        i = rng.choice([j for j, ch in enumerate(key) if ch.isalnum()])
        key = key[:i] + rng.choice("abcdefghkmxz0123456789") + key[i + 1:]
    return key


def did_you_mean(base: Path, reports: int, unknown: int) -> dict:
    data = base / "dym" / "data"
    make_reports(reports, data, project_data=ROOT / "data")
    dataset = load_dataset(data, today=TODAY)
    keys = sorted(f"{r.id}#{c.id}" for r in dataset.reports for c in r.claims)
    rng = random.Random(18)
    wrong = [k for k in (mistype(rng.choice(keys), rng) for _ in range(unknown * 2)) if k not in keys][:unknown]
    per_claim = limits.MAX_ITEMS["report"][("claims", "*", "stance")]
    claims = [{"id": f"c{n}", "quote": "Widgets were shipped.", "claim": "c", "status": "asserted",
               "stance": [{"claim": k, "relation": "repeats"} for k in wrong[n:n + per_claim]]}
              for n in range(0, len(wrong), per_claim)]
    report = {"id": "2026-01-01-mistyped", "case": dataset.reports[0].case, "outlet": dataset.reports[0].outlet, "published": "2026-01-01",
              "headline": "Mistyped references", "language": "en", "access_note": "bench",
              "summary": "A report whose stances name claims that do not exist.", "claims": claims}
    (data / "reports" / "2026-01-01-mistyped.yaml").write_text(yaml.safe_dump(report, sort_keys=False))
    seconds, problems = timed(lambda: refused(data))
    suggested = sum("did you mean" in p.message for p in problems)
    sample = wrong[:20]
    old, _ = timed(lambda: [difflib.get_close_matches(k, keys, n=1, cutoff=0.6) for k in sample])
    (data / "reports" / "2026-01-01-mistyped.yaml").unlink()
    valid, _ = timed(lambda: load_dataset(data, today=TODAY))
    return {"keys": len(keys), "unknown": len(wrong), "problems": len(problems), "suggested": suggested,
            "seconds": seconds, "difflib_estimate": old / len(sample) * len(wrong), "valid": valid,
            "reports": reports, "suggesting": max(seconds - valid, 0.0)}


def amplifier(data: Path, claims_each: int) -> int:
    def claim(cid: str, where: str, base: int) -> dict:
        numbers = [base + i for i in range(20)]
        return {"id": cid, "where": where, "quote": " ".join(map(str, numbers)), "claim": "c", "status": "asserted",
                "quantities": [{"measure": "widgets-shipped", "value": n, "as_printed": str(n)} for n in numbers]}
    claims = [claim(f"h{i}", "headline", 1000 * i) for i in range(claims_each)]
    claims += [claim(f"b{i}", "body", 500_000 + 1000 * i) for i in range(claims_each)]
    report = {"id": "2024-01-05-amplifier", "case": "example-case", "outlet": "example-gazette", "published": "2024-01-05", "headline": "H",
              "language": "en", "access_note": "bench", "summary": "s", "claims": claims}
    text = yaml.safe_dump(report, sort_keys=False)
    (data / "reports" / "2024-01-05-amplifier.yaml").write_text(text)
    return len(text)


def amplification(base: Path) -> list[dict]:
    rows = []
    for claims_each in (15, 35, 70):
        data = base / f"amp-{claims_each}" / "data"
        shutil.copytree(FIXTURE, data)
        size = amplifier(data, claims_each)
        validate_s, dataset = timed(lambda d=data: load_dataset(d, today=TODAY))
        renderer = Renderer(dataset)
        render_s, page = timed(lambda r=renderer: r.full_page("report_page", "2024-01-05-amplifier",
                                                              "reports/2024-01-05-amplifier/"))
        rows.append({"claims": 2 * claims_each, "input_kb": size / 1024, "page_kb": len(page) / 1024,
                     "validate": validate_s, "render": render_s})
    return rows


def refusals(base: Path) -> list[dict]:
    rows = []
    for name, make in (("link to /dev/zero", lambda p: os.symlink("/dev/zero", p)),
                       ("50 MB file", lambda p: p.open("wb").truncate(50 * 2**20))):
        data = base / f"refuse-{len(rows)}" / "data"
        shutil.copytree(FIXTURE, data)
        make(data / "reports" / "2024-refuse.yaml")
        tracemalloc.start()
        seconds, problems = timed(lambda d=data: refused(d))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append({"case": name, "seconds": seconds, "peak_mb": peak / 2**20,
                     "message": problems[0].message[:70] if problems else "NOT REFUSED"})
    return rows


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    reports = int(args[args.index("--reports") + 1]) if "--reports" in args else 1000
    unknown = int(args[args.index("--unknown") + 1]) if "--unknown" in args else 2000
    base = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    try:
        print(f"-- did-you-mean: {reports} reports, {unknown} mistyped references ...", flush=True)
        dym = did_you_mean(base, reports, unknown)
        print("-- amplification ...", flush=True)
        amp = amplification(base)
        print("-- refusals ...", flush=True)
        ref = refusals(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    print("\nCPU seconds of this process.")
    print("\n| did-you-mean | claim keys | unknown references | with a suggestion | validate s | of which suggesting "
          "| difflib s (est.) | speed-up |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| {dym['reports']} reports | {dym['keys']} | {dym['unknown']} | {dym['suggested']} | {dym['seconds']:.2f} "
          f"| {dym['suggesting']:.2f} | {dym['difflib_estimate']:.0f} "
          f"| {dym['difflib_estimate'] / max(dym['suggesting'], 0.01):.0f}x |")

    print("\n| amplification: claims | input KB | page KB | page/input | validate s | render s |")
    print("|---|---|---|---|---|---|")
    for row in amp:
        print(f"| {row['claims']} | {row['input_kb']:.0f} | {row['page_kb']:.0f} | {row['page_kb'] / row['input_kb']:.1f} "
              f"| {row['validate']:.2f} | {row['render']:.2f} |")
    growth_in = amp[-1]["input_kb"] / amp[0]["input_kb"]
    growth_out = amp[-1]["page_kb"] / amp[0]["page_kb"]
    print(f"\ninput x{growth_in:.1f} -> page x{growth_out:.1f} (linear: about the same)")

    print("\n| refused | seconds | peak MB | message |")
    print("|---|---|---|---|")
    for row in ref:
        print(f"| {row['case']} | {row['seconds']:.3f} | {row['peak_mb']:.1f} | {row['message']} |")
    print(f"\nvalidation of {dym['reports']} valid reports: {dym['valid']:.2f} s")

    checks = [
        (f"did-you-mean for {dym['unknown']} references < {TARGETS['did-you-mean s']:.0f} s",
         dym["suggesting"] < TARGETS["did-you-mean s"]),
        ("page grows linearly (page growth <= 1.5x input growth)", growth_out <= 1.5 * growth_in),
        (f"page <= {TARGETS['page/input']:.0f}x its input", all(r["page_kb"] / r["input_kb"] <= TARGETS["page/input"]
                                                               for r in amp)),
        (f"refusals < {TARGETS['refuse s']:.0f} s and < {TARGETS['refuse MB']:.0f} MB",
         all(r["seconds"] < TARGETS["refuse s"] and r["peak_mb"] < TARGETS["refuse MB"] for r in ref)),
    ]
    print()
    for name, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
