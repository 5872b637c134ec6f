"""Benchmark the build at scale against the plain-MkDocs floor, in one run.

Usage: python -m scripts.bench [--sizes 1000,2000] [--keep DIR]

For each size N it makes a temporary copy of the project with N synthetic
reports (scripts/synthetic.py) and measures:
  floor  the same pages as plain Markdown of similar length, same navigation
         layout, built by MkDocs Material without macros, hooks or charts
  cold   the project's build with an empty chart cache
  warm   the project's build again, data unchanged, cache kept
  valid  validation alone (python -m scripts.validate)
  edit   time from touching one report file to its rebuilt page served by
         `mkdocs serve` (polled over HTTP on 127.0.0.1)
and the output: report page HTML size (median, max), total site size, search
index size, and peak memory (max RSS of the build process).
It prints each figure and the ratios to the floor, and checks the targets.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.synthetic import make_reports

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["mkdocs.yml", "docs", "macros", "overrides", "schema", "scripts"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
TARGETS = {"cold/floor": 2.0, "warm/floor": 1.3, "growth": 2.2, "valid_s": 2.0, "page_kb": 60, "rss_mb": 1024}


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    done = subprocess.run(cmd, check=False, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return elapsed, rss


def make_project(base: Path, count: int) -> Path:
    project = base / "project"
    project.mkdir(parents=True)
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / part)
    make_reports(count, project / "data", project_data=ROOT / "data")
    return project


def make_floor(base: Path, project_site: Path) -> Path:
    """Plain Markdown pages mirroring every page of the built project (same paths and text length)."""
    floor = base / "floor"
    docs = floor / "docs"
    for html in project_site.rglob("index.html"):
        rel = html.parent.relative_to(project_site)
        if str(rel).startswith(("assets", "search")):
            continue
        text = re.sub(r"<[^>]+>", " ", html.read_text())
        words = len(text.split())
        # same source paths as the project: folder indexes stay index.md, other pages are <name>.md
        if str(rel) == "." or (ROOT / "docs" / rel / "index.md").exists():
            target = docs / rel / "index.md"
        else:
            target = docs / f"{rel}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = " ".join(["lorem"] * max(words - 600, 50))  # minus the theme's own words
        target.write_text(f"# Page {rel}\n\n" + "\n\n".join(body[i:i + 600] for i in range(0, len(body), 600)))
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"\n  - macros:\n(      .*\n)+", "\n", config)
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = config.replace("  custom_dir: overrides\n", "")
    (floor / "mkdocs.yml").write_text(config)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    return floor


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_loop(project: Path, report: Path) -> float:
    """Seconds from touching one report to `mkdocs serve` serving its changed page."""
    port = free_port()
    # (not --no-livereload: in MkDocs 1.6 that also stops watching files, so nothing would rebuild)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/reports/{report.stem}/"
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        marker = "Edited-for-benchmark"
        text = report.read_text()
        start = time.perf_counter()
        report.write_text(text.replace("headline: ", f"headline: {marker} ", 1))
        while time.time() < deadline:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode():
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("mkdocs serve did not pick up the edit")
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(count: int, keep: Path | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"bench-{count}-", dir=keep))
    project = make_project(base, count)
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold, rss_cold = run(build + [str(base / "site-cold")], project)
    warm, rss_warm = run(build + [str(base / "site-warm")], project)
    site = base / "site-warm"
    floor = make_floor(base, site)
    floor_time, _ = run(build + [str(base / "site-floor")], floor)
    valid, _ = run([sys.executable, "-m", "scripts.validate", "data"], project)
    pages = [p.stat().st_size for p in (site / "reports").glob("*/index.html")]
    reports = sorted((project / "data" / "reports").glob("*.yaml"))
    edit = edit_loop(project, reports[len(reports) // 2])
    result = {
        "N": count, "floor": floor_time, "cold": cold, "warm": warm, "valid": valid, "edit": edit,
        "page_median_kb": statistics.median(pages) / 1024, "page_max_kb": max(pages) / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "search_mb": (site / "search" / "search_index.json").stat().st_size / 2**20,
        "rss_mb": max(rss_cold, rss_warm),
        "pages": sum(1 for _ in site.rglob("index.html")),
    }
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sizes = [int(n) for n in (args[args.index("--sizes") + 1] if "--sizes" in args else "1000,2000").split(",")]
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    results = []
    for n in sizes:
        print(f"-- measuring N={n} ...", flush=True)
        results.append(measure(n, keep))
    print()
    print("| N | pages | floor s | cold s | warm s | cold/floor | warm/floor | validate s | edit loop s "
          "| page KB median/max | site MB | search index MB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['N']} | {r['pages']} | {r['floor']:.1f} | {r['cold']:.1f} | {r['warm']:.1f} "
              f"| {r['cold'] / r['floor']:.2f} | {r['warm'] / r['floor']:.2f} | {r['valid']:.2f} | {r['edit']:.1f} "
              f"| {r['page_median_kb']:.0f}/{r['page_max_kb']:.0f} | {r['site_mb']:.0f} | {r['search_mb']:.1f} "
              f"| {r['rss_mb']} |")
    checks = []
    first = results[0]
    checks.append(("cold build <= 2.0x floor", first["cold"] / first["floor"] <= TARGETS["cold/floor"]))
    checks.append(("warm build <= 1.3x floor", first["warm"] / first["floor"] <= TARGETS["warm/floor"]))
    if len(results) > 1:
        growth = results[1]["warm"] / results[0]["warm"]
        scale = results[1]["N"] / results[0]["N"]
        print(f"\ngrowth: warm build at N={results[1]['N']} / N={results[0]['N']} = {growth:.2f} (x{scale:g} data)")
        checks.append((f"growth <= {TARGETS['growth']} for 2x data", growth <= TARGETS["growth"] * scale / 2))
    checks.append(("validation of 1,000 reports < 2 s", first["valid"] < TARGETS["valid_s"]))
    checks.append(("report page <= 60 KB (max)", first["page_max_kb"] <= TARGETS["page_kb"]))
    checks.append(("peak memory < 1 GiB", max(r["rss_mb"] for r in results) < TARGETS["rss_mb"]))
    print()
    for name, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
