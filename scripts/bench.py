"""Benchmark the build at scale against the plain-MkDocs floor, in one run.

Usage: python -m scripts.bench [--sizes 1000,2000] [--kinds real,synthetic] [--repeat 3]
                               [--source DIR] [--keep DIR] [--against DIR]

For each kind of data and each size N it makes a temporary copy of the project:
  real       the project's own data, its reports cloned under new ids up to N reports
             (scripts/synthetic.py clone_reports: same content, links kept inside each copy)
  synthetic  N shorter, generated reports (scripts/synthetic.py make_reports)
and measures, ``--repeat`` times, in this order within each round:
  cold   the project's build with no .cache/ (no charts, pages or data cached)
  warm   the project's build again, data unchanged, .cache/ kept
  floor  the same pages as plain Markdown of the same number of words, same navigation,
         built by MkDocs Material with search on, without macros, hooks or charts
  valid  validation alone (python -m scripts.validate)
  edit   for three reports in turn: time from writing a changed summary into the report's
         file to `make serve`'s command (the serve line of the project's Makefile) serving
         the page with the new summary (polled over HTTP on 127.0.0.1); and, as "catch-up",
         the time from the edit to the end of the whole build that follows a quick one
         (the next report is edited after it)
and, once, the report page HTML size (median, largest), the same for the reports' "what happened
next" pages, site and search index size.
Memory: the peak of the summed resident memory of the build and all its child processes
(sampled every 50 ms; shared pages count once per process, so this overstates), and the
largest single process (from the kernel).
The machine is shared, so every time is the median of the rounds, and each ratio is the
median of the per-round ratios (a build and the floor it is divided by ran side by side).
CPU seconds (user + system, the build and its children; for the edit loop, what the server used
from the edit to the changed page) are printed beside the wall times: they vary less with the load
other processes put on the machine. "load" is the median 1-minute load average during the runs.

``--source DIR`` benchmarks another checkout of the project (e.g. before a change) with this
benchmark, so before and after are measured the same way.

``--against DIR`` compares two checkouts instead (this one, or ``--source``, against DIR; make
one with `git worktree add /tmp/before <commit>`): for each kind and size, cold builds of the
two, one after the other, ``--repeat`` rounds, the order reversed every other round, so that
both meet the same load. A change of a few per cent is only seen this way on a shared machine
(the same cold build varies by about 10 % within an hour).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from scripts.synthetic import clone_reports, make_reports

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["Makefile", "mkdocs.yml", "docs", "macros", "overrides", "schema", "scripts"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
TARGETS = {"cold/floor": 2.0, "warm/floor": 1.5, "edit_s": 2.0, "page_kb": 60, "rss_mb": 1024, "growth": 2.2}
MARKER = "Edited-for-benchmark"
LIMIT = 3600  # seconds: the longest any one wait may take (a shared machine can be very slow)


# --- running one process ---------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Summed VmRSS of a process and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def run(cmd: list[str], cwd: Path) -> dict:
    """Wall time, CPU time (with children) and memory of one child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT, text=True)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(child.pid))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out.read()[-6000:]}")
    return {"wall": elapsed, "cpu": usage.ru_utime + usage.ru_stime,
            "tree_mb": peak[0] / 1024, "proc_mb": usage.ru_maxrss / 1024}


# --- the projects ------------------------------------------------------------------------


def make_project(base: Path, source: Path, kind: str, count: int) -> Path:
    project = base / "project"
    project.mkdir(parents=True)
    for part in PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif src.exists():
            shutil.copy(src, project / part)
    if kind == "real":
        clone_reports(count, project / "data", project_data=source / "data")
    else:
        make_reports(count, project / "data", project_data=source / "data")
    fit_lessons(project / "data" / "lessons")
    return project


def fit_lessons(lessons_dir: Path) -> None:
    """Let the lessons pass their class-period check at N reports.

    A lesson times each reading by the words of the page it links to, and must fit its core path into
    its minutes. At N reports a source page lists hundreds of reports, so reading it would take hours
    and the build stops on the lessons. In the benchmark's copy each reading is moved to the full path
    (``core: false``, dropped from the phases that covered it), a phase with activities left takes the
    minutes they need, and the lesson has the longest period allowed. Every page keeps its content.
    """
    import yaml

    for path in sorted(lessons_dir.glob("*.yaml")) if lessons_dir.is_dir() else []:
        lesson = yaml.safe_load(path.read_text(encoding="utf-8"))
        lesson["minutes"] = 180
        for reading in lesson.get("readings", []):
            reading["core"] = False
        for phase in lesson.get("teacher", {}).get("phases", []):
            if "covers" not in phase:
                continue
            phase["covers"] = [key for key in phase["covers"] if not key.startswith("reading-")]
            if phase["covers"]:
                phase.pop("minutes", None)
            else:
                del phase["covers"]
                phase.setdefault("minutes", 1)
        path.write_text(yaml.safe_dump(lesson, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def make_floor(base: Path, project_site: Path, source: Path) -> Path:
    """Plain Markdown pages mirroring every page of the built project (same paths and number of words)."""
    floor = base / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    docs = floor / "docs"
    for html in project_site.rglob("index.html"):
        rel = html.parent.relative_to(project_site)
        if str(rel).startswith(("assets", "search")):
            continue
        text = re.sub(r"<[^>]+>", " ", html.read_text())
        words = len(text.split())
        # same source paths as the project: folder indexes stay index.md, other pages are <name>.md
        if str(rel) == "." or (source / "docs" / rel / "index.md").exists():
            target = docs / rel / "index.md"
        else:
            target = docs / f"{rel}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = " ".join(["lorem"] * max(words - 600, 50))  # minus the theme's own words
        target.write_text(f"# Page {rel}\n\n" + "\n\n".join(body[i:i + 600] for i in range(0, len(body), 600)))
    config = (source / "mkdocs.yml").read_text()
    config = re.sub(r"\n  - macros:\n(      .*\n)+", "\n", config)
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = config.replace("  custom_dir: overrides\n", "")
    (floor / "mkdocs.yml").write_text(config)
    shutil.copytree(source / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    return floor


# --- the edit loop -----------------------------------------------------------------------


def serve_args(project: Path) -> list[str]:
    """The arguments `make serve` gives `mkdocs serve` in this project (its Makefile's serve line)."""
    makefile = (project / "Makefile").read_text()
    line = re.search(r"^serve:.*\n\t(.*)$", makefile, re.MULTILINE)
    words = line[1].split() if line else []
    args = words[words.index("serve") + 1:] if "serve" in words else []
    keep: list[str] = []
    skip = False
    for word in args:  # the bench picks its own address
        if skip:
            skip = False
        elif word == "--dev-addr":
            skip = True
        elif not word.startswith("--dev-addr="):
            keep.append(word)
    return keep


def mark_summary(text: str, marker: str) -> str:
    """The report's YAML with ``marker`` as its summary's first word (plain, quoted or folded); every report
    has a summary, shown at the top of its page (not every report has a headline)."""
    match = re.search(r"^summary:[ \t]*(.*)$", text, re.MULTILINE)
    if match is None:
        raise SystemExit("no summary line to edit")
    value = match[1]
    if value.startswith((">", "|")):  # folded or literal block: the value starts on the next line
        after = text.index("\n", match.end()) + 1
        indent = re.match(r"[ \t]*", text[after:])[0]
        return text[:after] + indent + marker + " " + text[after + len(indent):]
    at = match.start(1) + (1 if value[:1] in "\"'" else 0)
    return text[:at] + marker + " " + text[at:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        return urllib.request.urlopen(url, timeout=120).read().decode()
    except OSError:
        return None


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its reaped children used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(t) for t in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def edit_loop(project: Path, reports: list[Path]) -> list[tuple[float, float, float]]:
    """For each report in turn: seconds from writing it to the served page showing the change, the CPU
    seconds the server used meanwhile, and seconds from writing it to the end of the catch-up build
    (the whole build a quick one is followed by: see claimkit/sitebuild.py Session), after which the
    next report is edited. The reports are put back as they were at the end."""
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", *serve_args(project), "--dev-addr", f"127.0.0.1:{port}"]
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        server = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        times = []
        originals = {report: report.read_text() for report in reports}

        def whole_builds() -> int:  # whole builds logged so far (a quick build logs "quick build:")
            return Path(log.name).read_text(errors="replace").count("dirty build:")

        try:
            deadline = time.time() + LIMIT
            first = f"http://127.0.0.1:{port}/reports/{reports[0].stem}/"
            while _fetch(first) is None:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit(f"mkdocs serve did not start: {' '.join(cmd)}")
                time.sleep(0.5)
            for n, report in enumerate(reports):
                url = f"http://127.0.0.1:{port}/reports/{report.stem}/"
                marker = f"{MARKER}-{n}"
                _fetch(url)
                time.sleep(1.0)  # let the watcher settle
                builds = whole_builds()
                start, cpu = time.perf_counter(), _cpu_seconds(server.pid)
                report.write_text(mark_summary(originals[report], marker))
                deadline = time.time() + LIMIT
                while True:  # a page is served only once the rebuild it waits for is done
                    page = _fetch(url)
                    if page and marker in page:
                        served, used = time.perf_counter() - start, _cpu_seconds(server.pid) - cpu
                        break
                    if time.time() > deadline:
                        raise SystemExit("mkdocs serve did not pick up the edit")
                    time.sleep(0.05)
                while whole_builds() <= builds:  # the catch-up build (or the edit's own whole build)
                    if time.time() > deadline or server.poll() is not None:
                        raise SystemExit("mkdocs serve did not finish its catch-up build")
                    time.sleep(0.1)
                times.append((served, used, time.perf_counter() - start))
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=60)
            for report, text in originals.items():
                report.write_text(text)
    return times


# --- one kind and size ---------------------------------------------------------------------


def measure(kind: str, count: int, rounds: int, source: Path, keep: Path | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"bench-{kind}-{count}-", dir=keep))
    try:
        return _measure(base, kind, count, rounds, source)
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def _measure(base: Path, kind: str, count: int, rounds: int, source: Path) -> dict:
    project = make_project(base, source, kind, count)
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    runs: dict[str, list[dict]] = {"cold": [], "warm": [], "floor": [], "valid": []}
    edits: list[tuple[float, float, float]] = []
    load = [os.getloadavg()[0]]
    reports = sorted((project / "data" / "reports").glob("*.yaml"))
    for n in range(rounds):
        print(f"   round {n + 1}/{rounds}", flush=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        runs["cold"].append(run(build + [str(base / "site-cold")], project))
        runs["warm"].append(run(build + [str(base / "site-warm")], project))
        floor = make_floor(base, base / "site-warm", source)
        runs["floor"].append(run(build + [str(base / "site-floor")], floor))
        runs["valid"].append(run([sys.executable, "-m", "scripts.validate", "data"], project))
        picks = [reports[(len(reports) * k) // 4 + n] for k in (1, 2, 3)]
        edits += edit_loop(project, picks)
        load.append(os.getloadavg()[0])
    site = base / "site-warm"
    pages = [p.stat().st_size for p in (site / "reports").glob("*/index.html")]
    # each report's "what happened next" page (none in a checkout from before it had one)
    later = [p.stat().st_size for p in (site / "next").glob("*/index.html")] or [0]
    result = {
        "kind": kind, "N": count, "rounds": rounds,
        **{f"{name}": statistics.median(r["wall"] for r in rs) for name, rs in runs.items()},
        **{f"{name}_cpu": statistics.median(r["cpu"] for r in rs) for name, rs in runs.items()},
        "cold/floor": statistics.median(c["wall"] / f["wall"] for c, f in zip(runs["cold"], runs["floor"], strict=True)),
        "warm/floor": statistics.median(w["wall"] / f["wall"] for w, f in zip(runs["warm"], runs["floor"], strict=True)),
        "cold/floor cpu": statistics.median(c["cpu"] / f["cpu"] for c, f in zip(runs["cold"], runs["floor"], strict=True)),
        "warm/floor cpu": statistics.median(w["cpu"] / f["cpu"] for w, f in zip(runs["warm"], runs["floor"], strict=True)),
        "edit": statistics.median(e for e, _, _ in edits), "edit_max": max(e for e, _, _ in edits),
        "edit_cpu": statistics.median(c for _, c, _ in edits), "edits": len(edits),
        "catch_up": statistics.median(w for _, _, w in edits),
        "load": statistics.median(load),
        "page_median_kb": statistics.median(pages) / 1024, "page_max_kb": max(pages) / 1024,
        "next_median_kb": statistics.median(later) / 1024, "next_max_kb": max(later) / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "search_mb": (site / "search" / "search_index.json").stat().st_size / 2**20,
        "tree_mb": max(r["tree_mb"] for r in runs["cold"] + runs["warm"]),
        "proc_mb": max(r["proc_mb"] for r in runs["cold"] + runs["warm"]),
        "pages": sum(1 for _ in site.rglob("index.html")),
    }
    return result


def compare(kind: str, count: int, rounds: int, source: Path, against: Path, keep: Path | None) -> dict:
    """Cold builds of two checkouts, interleaved: {"this": [run, ...], "against": [run, ...]} in round
    order, and "order": which was built first in each round."""
    base = Path(tempfile.mkdtemp(prefix=f"bench-ab-{kind}-{count}-", dir=keep))
    try:
        projects = {"this": make_project(base / "this", source, kind, count),
                    "against": make_project(base / "against", against, kind, count)}
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
        runs: dict = {"this": [], "against": [], "order": []}
        for n in range(rounds):
            order = ["this", "against"] if n % 2 == 0 else ["against", "this"]
            runs["order"].append(order[0])
            for name in order:
                shutil.rmtree(projects[name] / ".cache", ignore_errors=True)
                runs[name].append(run(build + [str(base / f"site-{name}")], projects[name]))
            print(f"   round {n + 1}/{rounds}: " + ", ".join(
                f"{name} {runs[name][-1]['wall']:.1f} s" for name in order), flush=True)
        return runs
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def comparison(kind: str, count: int, runs: dict) -> str:
    """The medians of an interleaved comparison and the ratio of this checkout to the other."""
    wall = {name: statistics.median(r["wall"] for r in runs[name]) for name in ("this", "against")}
    cpu = {name: statistics.median(r["cpu"] for r in runs[name]) for name in ("this", "against")}
    ratios = [t["wall"] / a["wall"] for t, a in zip(runs["this"], runs["against"], strict=True)]
    return (f"{kind} N={count}, cold build, median of {len(ratios)}: this {wall['this']:.1f} s "
            f"({cpu['this']:.1f} CPU s), against {wall['against']:.1f} s ({cpu['against']:.1f} CPU s); "
            f"this / against {statistics.median(ratios):.2f} (each round: "
            + ", ".join(f"{r:.2f}" for r in ratios) + ")")


def table(results: list[dict]) -> str:
    lines = ["| data | N | pages | floor s | cold s | warm s | cold/floor | warm/floor | validate s | edit loop s "
             "| catch-up s "
             "| page KB median/max | next page KB median/max | site MB | search MB | peak memory MB (all processes / largest) "
             "| CPU s floor/cold/warm/edit | load |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['kind']} | {r['N']} | {r['pages']} | {r['floor']:.1f} | {r['cold']:.1f} | {r['warm']:.1f} "
            f"| {r['cold/floor']:.2f} | {r['warm/floor']:.2f} | {r['valid']:.2f} "
            f"| {r['edit']:.1f} (max {r['edit_max']:.1f}) | {r['catch_up']:.1f} "
            f"| {r['page_median_kb']:.0f}/{r['page_max_kb']:.0f} | {r['next_median_kb']:.0f}/{r['next_max_kb']:.0f} "
            f"| {r['site_mb']:.0f} | {r['search_mb']:.1f} "
            f"| {r['tree_mb']:.0f} / {r['proc_mb']:.0f} "
            f"| {r['floor_cpu']:.1f}/{r['cold_cpu']:.1f}/{r['warm_cpu']:.1f}/{r['edit_cpu']:.1f} | {r['load']:.0f} |")
    return "\n".join(lines)


def checks(results: list[dict]) -> list[tuple[str, str, bool]]:
    """Each target against the real-sized results (the synthetic ones are for comparison)."""
    real = sorted((r for r in results if r["kind"] == "real"), key=lambda r: r["N"]) or \
        sorted(results, key=lambda r: r["N"])
    first = real[0]
    found = [
        (f"cold build <= {TARGETS['cold/floor']}x floor",
         f"{first['cold/floor']:.2f}x (CPU seconds: {first['cold/floor cpu']:.2f}x)",
         first["cold/floor"] <= TARGETS["cold/floor"]),
        (f"warm build <= {TARGETS['warm/floor']}x floor",
         f"{first['warm/floor']:.2f}x (CPU seconds: {first['warm/floor cpu']:.2f}x)",
         first["warm/floor"] <= TARGETS["warm/floor"]),
        (f"edit loop <= {TARGETS['edit_s']:g} s", f"{first['edit']:.1f} s (median of {first['edits']})",
         first["edit"] <= TARGETS["edit_s"]),
        (f"median report page <= {TARGETS['page_kb']} KB", f"{first['page_median_kb']:.0f} KB",
         first["page_median_kb"] <= TARGETS["page_kb"]),
        (f"peak memory at N={first['N']} < 1 GiB",
         f"{first['tree_mb']:.0f} MB all processes, {first['proc_mb']:.0f} MB the largest",
         first["tree_mb"] < TARGETS["rss_mb"]),
    ]
    if len(real) > 1:
        last = real[-1]
        scale = last["N"] / first["N"]
        limit = TARGETS["growth"] * scale / 2
        for name in ("cold", "warm"):
            growth = last[name] / first[name]
            found.append((f"{name} build growth N={first['N']} -> {last['N']} <= {limit:.2f}x",
                          f"{growth:.2f}x", growth <= limit))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.split("\n\n")[0],
                                     epilog="The targets and what each measure means: the module docstring "
                                            "(scripts/bench.py) and docs/contributing/performance.md.")
    parser.add_argument("--sizes", default="1000,2000", help="numbers of reports, comma-separated (1000,2000)")
    parser.add_argument("--kinds", default="real,synthetic", help="real, synthetic or both (real,synthetic)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each measure; times are medians (3)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout to benchmark (this one)")
    parser.add_argument("--keep", type=Path, help="keep the temporary projects under this folder")
    parser.add_argument("--against", type=Path, help="another checkout: compare cold builds of the two, interleaved")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    source = args.source.resolve()
    if args.against is not None:
        against = args.against.resolve()
        print(f"comparing {source} against {against} ({args.repeat} rounds each, interleaved)", flush=True)
        lines = []
        for kind in kinds:
            for n in sizes:
                print(f"-- {kind} reports, N={n} ...", flush=True)
                lines.append(comparison(kind, n, compare(kind, n, args.repeat, source, against, args.keep)))
        print("\n" + "\n".join(lines))
        return 0
    print(f"benchmarking {source} ({args.repeat} rounds each; times are medians)", flush=True)
    results = []
    for kind in kinds:
        for n in sizes:
            print(f"-- {kind} reports, N={n} ...", flush=True)
            results.append(measure(kind, n, args.repeat, source, args.keep))
    print()
    print(table(results))
    print()
    for name, value, ok in checks(results):
        print(f"{'PASS' if ok else 'MISS'}  {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
