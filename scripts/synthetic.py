"""Generate schema-valid synthetic reports for benchmarks and scale tests.

The reports reuse the project's shared data (sources, measures, cue
categories), so they exercise every part of a page: varied numbers of
claims, cues, attribution chains, figures, partial dates and stances on
earlier reports. Deterministic for a given seed.

``clone_reports`` makes real-sized reports instead: copies of the project's own
reports under new ids, same content, each copy's links pointing inside its copy.
Synthetic reports are shorter than real ones (a real report page holds about
twice the HTML), so the benchmark measures both.

Usage: python -m scripts.synthetic N OUT_DATA_DIR [--seed S] [--clones]
(OUT_DATA_DIR gets a copy of data/ without the real reports, plus N reports;
with --clones, a copy of data/ with the real reports, cloned up to N reports.)
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import yaml

from macros.claimkit.loader import load_dataset

FILLER = ["people", "in", "the", "region", "said", "the", "situation", "remained", "tense", "as", "talks", "continued", "between", "the", "two", "governments", "while", "observers", "watched", "the", "border", "for", "signs", "of", "new", "movements"]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(words))


def make_reports(count: int, out_dir: Path, *, seed: int = 1, project_data: Path = Path("data")) -> list[Path]:
    """Write ``count`` reports into ``out_dir`` (a data folder with shared files); return their paths."""
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    if out_dir.resolve() != Path(project_data).resolve():
        out_dir.mkdir(parents=True, exist_ok=True)
        for shared in ("sources.yaml", "measures.yaml", "cues.yaml", "cases.yaml"):
            shutil.copy(Path(project_data) / shared, out_dir / shared)
    (out_dir / "reports").mkdir(exist_ok=True)
    shared = load_dataset(Path(project_data))
    sources = sorted(shared.sources)
    cases = sorted(shared.cases)
    measures = sorted(shared.measures)
    cues = [(cue, c.id) for c in shared.cue_categories.values() for cue in c.cues if " " not in cue]
    written: list[Path] = []
    claims_so_far: list[str] = []
    for i in range(count):
        year = 2020 + (i * 6) // max(count, 1)
        month = rng.randint(1, 12)
        precision = rng.random()
        published = f"{year}" if precision < 0.1 else f"{year}-{month:02d}" if precision < 0.3 else (
            f"{year}-{month:02d}-{rng.randint(1, 28):02d}")
        report_id = f"{year}-synthetic-report-{i:05d}"
        claims = []
        for j in range(rng.randint(2, 9)):
            hedge_words = rng.sample(cues, k=rng.randint(0, 4))
            figure = rng.choice([1500, 3000, 12000, 100000, 1200000])
            quote_words = [_sentence(rng, rng.randint(6, 14))]
            for cue, _ in hedge_words:
                quote_words.append(f"{cue} {_sentence(rng, rng.randint(2, 6))}")
            quote = " ".join(quote_words) + f" with {figure:,} people."
            chain = [{"source": s, "how": rng.choice(["quoted", "paraphrased", "according-to", "citing"])}
                     for s in rng.sample(sources, k=rng.randint(0, 3))]
            claim = {
                "id": f"claim-{j}",
                "quote": quote,
                "claim": _sentence(rng, rng.randint(8, 16)).capitalize() + ".",
                "status": rng.choice(["asserted", "attributed", "attributed", "denied", "speculated"]),
                "quantities": [{"measure": rng.choice(measures), "value": figure, "as_printed": f"{figure:,}"}],
                "attribution": chain,
                "cues": [{"text": cue, "category": category} for cue, category in hedge_words],
            }
            if claims_so_far and rng.random() < 0.3:
                claim["stance"] = [{"claim": rng.choice(claims_so_far[-200:]),
                                    "relation": rng.choice(["repeats", "supports", "denies", "confirms"])}]
            claims.append(claim)
        report = {
            "id": report_id,
            "case": cases[0],
            "outlet": rng.choice(sources),
            "published": published,
            "headline": _sentence(rng, rng.randint(6, 12)).capitalize(),
            "language": "en",
            "access_note": "Synthetic report generated for benchmarks.",
            "summary": _sentence(rng, 40).capitalize() + ".",
            "claims": claims,
        }
        path = out_dir / "reports" / f"{report_id}.yaml"
        path.write_text("# yaml-language-server: $schema=../../schema/report.schema.json\n"
                        + yaml.safe_dump(report, sort_keys=False, allow_unicode=True, width=100))
        written.append(path)
        claims_so_far += [f"{report_id}#{c['id']}" for c in claims]
    return written


def clone_reports(count: int, out_dir: Path, *, project_data: Path = Path("data")) -> list[Path]:
    """Copy the project's whole data folder into ``out_dir``, then add clones of its reports until there are
    ``count`` reports: clone k of report R is ``R-copy-k`` with R's content, and every link between real
    reports (stances, verdict evidence) points to the same copy k, so each copy is a whole case again."""
    out_dir, project_data = Path(out_dir), Path(project_data)
    if out_dir.resolve() != project_data.resolve():
        shutil.copytree(project_data, out_dir, dirs_exist_ok=True)
    originals = sorted((project_data / "reports").glob("*.yaml"))
    ids = [p.stem for p in originals]
    # a report id where a claim key starts (quoted or not), never inside a longer id
    link = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")(?=#)")
    texts = [p.read_text(encoding="utf-8") for p in originals]
    written: list[Path] = []
    copy = 0
    while len(originals) + len(written) < count:
        copy += 1
        suffix = f"-copy-{copy:04d}"
        # the last copy may be partial: its links to reports it lacks keep pointing at the real ones
        members = set(ids[: count - len(originals) - len(written)])
        for report_id, text in zip(ids, texts, strict=True):
            if report_id not in members:
                break
            cloned = link.sub(lambda m, s=suffix, keep=members: m[1] + s if m[1] in keep else m[1], text)
            cloned = re.sub(rf"^id: {re.escape(report_id)}$", f"id: {report_id}{suffix}", cloned, count=1,
                            flags=re.MULTILINE)
            path = out_dir / "reports" / f"{report_id}{suffix}.yaml"
            path.write_text(cloned, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    count, out = int(args[0]), Path(args[1])
    if "--clones" in args:
        written = clone_reports(count, out)
        print(f"wrote {len(written)} clones of the project's reports into {out}/reports")
        return 0
    make_reports(count, out, seed=seed)
    print(f"wrote {count} synthetic reports into {out}/reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
