"""Benchmark the cue detector against the size of its lexicon.

Usage: python -m scripts.bench_cues [--sizes 1000,5000,20000] [--texts N]

A lexicon of N cues is the project's own (data/cues.yaml) plus made-up cues
(one to three words of 3-10 letters, a fixed random seed) in ten categories
of the four kinds. For each N it times building the detector and finding
cues in every seed quote and held-out passage, twice (a build reads each quote
once for the warnings and once for the data-quality page), or in --texts texts
taken from them in turn. It prints the times, the time per text, the growth
ratio against the smallest N and the ratio to the budget: the project's data
with a 20,000-cue lexicon must take under 5 s (issue "Hostile input, round 2").

Timings live here, not in the tests: a timed test fails on a busy machine.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from pathlib import Path

from macros.claimkit.cue_eval import HELDOUT, load_cue_eval
from macros.claimkit.cues import KINDS, CueDetector
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import CueCategory

BUDGET_S = 5.0
BUDGET_SIZE = 20_000


def made_up_lexicon(real: list[CueCategory], size: int, seed: int = 0) -> list[CueCategory]:
    rng = random.Random(seed)
    extra = max(0, size - sum(len(c.cues) for c in real))
    words: set[str] = set()
    while len(words) < extra:
        words.add(" ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 10)))
                           for _ in range(rng.choice((1, 1, 2, 3)))))
    made = sorted(words)
    categories = [CueCategory(id=f"made-{i}", kind=KINDS[i % len(KINDS)], label=f"Made {i}", explanation="x",
                              cues=made[i::10]) for i in range(10)]
    return list(real) + categories


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="lexicon sizes, comma-separated")
    parser.add_argument("--texts", type=int, default=0, help="how many texts to search (default: the project's, twice)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    count = args.texts
    data = load_dataset(Path("data"), root=Path.cwd())
    texts = [c.quote for r in data.reports for c in r.claims]
    texts += [ref.passage.text for ref in load_cue_eval(HELDOUT, root=Path.cwd()).passages()]
    count = count or 2 * len(texts)
    texts = (texts * (count // len(texts) + 1))[:count]
    chars = sum(len(t) for t in texts)
    print(f"texts: {len(texts)} ({chars:,} characters); budget: {BUDGET_SIZE:,} cues in {BUDGET_S:.0f} s")
    print(f"{'cues':>7} {'build s':>8} {'find s':>8} {'total s':>8} {'ms/text':>8} {'growth':>7} {'budget':>7} found")
    first = None
    for size in sizes:
        lexicon = made_up_lexicon(list(data.cue_categories.values()), size)
        start = time.perf_counter()
        detector = CueDetector(lexicon)
        detector.find("warm up: build the matcher")
        built = time.perf_counter() - start
        start = time.perf_counter()
        found = sum(len(detector.find(text)) for text in texts)
        finding = time.perf_counter() - start
        total = built + finding
        first = first or total
        budget = f"{total / BUDGET_S:.2f}" if size == BUDGET_SIZE else "-"
        print(f"{size:>7,} {built:>8.3f} {finding:>8.3f} {total:>8.3f} {1000 * finding / len(texts):>8.3f} "
              f"{total / first:>7.2f} {budget:>7} {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
