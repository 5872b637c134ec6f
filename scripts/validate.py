"""Check every data file; print each problem as path:line:column: field: message.

Usage: python -m scripts.validate [DATA_DIR] [--github] [--strict] [--error CODE]... [-q] [-v]

Errors (the data is wrong: a build would fail) are printed as

    data/reports/x.yaml:13:13: claims.0.status: expected one of: ...

and every one is listed in a single run. Once the data is valid, data-quality
warnings follow (see macros/claimkit/quality.py), which do not fail:

    data/reports/x.yaml:84:12: warning: claims.3.quote: possible cue ... [unannotated-cue]

Exit status: 0 when the data is valid (warnings allowed), 1 on any error, or on
a warning when --strict is given or its code is named with --error; 2 on a
usage mistake.

Options:
  --github        print GitHub Actions annotations (::error / ::warning / ::notice)
  --strict        fail on any warning
  --error CODE    fail on warnings with this code (repeatable), e.g. --error placeholder
  -q, --quiet     print problems only: no summary, no info notes
  -v, --verbose   list info notes one by one instead of a count
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections import Counter
from pathlib import Path

from macros.claimkit import quality
from macros.claimkit.course_loader import load_course
from macros.claimkit.errors import DataError, Problem
from macros.claimkit.loader import load_dataset
from macros.claimkit.safetext import for_terminal


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.validate",
        description="Check every data file and report each problem as path:line:column: field: message.",
    )
    parser.add_argument("data_dir", nargs="?", default="data", type=Path, help="data directory (default: data)")
    parser.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.add_argument("--error", action="append", default=[], metavar="CODE",
                        choices=sorted(set(quality.CODES) - quality.INFO_CODES),
                        help="fail on warnings with this code (repeatable)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list info notes one by one")
    return parser


def _display_root(data_dir: Path) -> Path:
    """Show paths relative to the working directory when the data is inside it, else to its parent."""
    cwd = Path.cwd().resolve()
    resolved = data_dir.resolve()
    return cwd if resolved == cwd or cwd in resolved.parents else resolved.parent


# --- GitHub Actions workflow commands -----------------------------------------
# Data text reaches these messages, so escape as the runner expects: a newline in
# a message can then never start a second command. Control characters (an ESC
# starting a colour or cursor sequence in the log) are shown escaped first.


def _escape_data(text: str) -> str:
    return for_terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(kind: str, message: str, file: str = "", line: int = 0, column: int = 0,
                title: str = "") -> str:
    props = []
    if file:
        props.append(f"file={_escape_property(file)}")
        if line:
            props += [f"line={line}", f"col={column}"]
    if title:
        props.append(f"title={_escape_property(title)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{_escape_data(message)}"


def _problem_line(problem: Problem, github: bool) -> str:
    if github:
        message = f"{problem.path}: {problem.message}" if problem.path else problem.message
        return _annotation("error", message, problem.file, problem.line, problem.column,
                           title=problem.path or "data error")
    return str(problem)  # (Problem escapes control characters itself)


def _finding_line(finding: quality.Finding, github: bool) -> str:
    if github:
        kind = "warning" if finding.level == "warning" else "notice"
        message = f"{finding.field}: {finding.message}" if finding.path else finding.message
        return _annotation(kind, f"{message} [{finding.code}]", finding.display, finding.line,
                           finding.column, title=finding.code)
    return for_terminal(str(finding))  # a cue from the lexicon, a field name: text from data


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    # Loading builds many small objects that stay alive until the end; the cyclic garbage
    # collector would scan them again and again (half the run time for 1,000 reports).
    # A short-lived command can afford to collect rarely.
    gc.freeze()
    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        return _run(args)
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _run(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    root = _display_root(data_dir)
    out = sys.stdout

    def say(text: str) -> None:
        if not args.quiet:
            print(for_terminal(text), file=out)

    try:
        dataset = load_dataset(data_dir, root=root)
        # lessons, quizzes and glossary rest on the reports: checked once those are valid
        docs = data_dir.resolve().parent / "docs"
        load_course(data_dir, dataset, docs_dir=docs if docs.is_dir() else None, root=root)
    except DataError as exc:
        # (a report that fails on its own does not also make every reference to it an error:
        # the loader knows the claim ids of failed reports)
        problems = exc.problems
        for problem in problems:
            print(_problem_line(problem, args.github), file=out)
        count = len(problems)
        summary = f"{count} data {'problem' if count == 1 else 'problems'} found in {data_dir}"
        summary += "; fix them and run again (data-quality warnings are checked once the data is valid)"
        if exc.held_back:
            summary += f"; {exc.held_back_summary()}"
        say(_annotation("error", summary) if args.github else summary)
        return 1

    findings = quality.check(dataset)
    warnings = [f for f in findings if f.level == "warning"]
    notes = [f for f in findings if f.level == "info"]
    shown = warnings + (notes if args.verbose and not args.quiet else [])
    # `documents`: the loader's parsed files, if it keeps them (saves reading them again).
    for finding in quality.locate(shown, data_dir, root, documents=getattr(dataset, "documents", None)):
        print(_finding_line(finding, args.github), file=out)
    if notes and not args.verbose:
        claims = sum(len(r.claims) for r in dataset.reports)
        for code, count in sorted(Counter(f.code for f in notes).items()):
            text = f"info: {count} of {claims} claims: {quality.CODES[code]} (-v lists them) [{code}]"
            say(_annotation("notice", text) if args.github else text)

    failing = [f for f in warnings if args.strict or f.code in args.error]
    claims = sum(len(r.claims) for r in dataset.reports)
    summary = (f"{data_dir}: {len(dataset.reports)} reports, {claims} claims, "
               f"{len(dataset.sources)} sources: valid")
    if warnings:
        summary += f", {len(warnings)} {'warning' if len(warnings) == 1 else 'warnings'}"
    if failing:
        summary += f" ({len(failing)} counted as errors)"
    say(summary)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
