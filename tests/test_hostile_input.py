"""Hostile input, round 2: each class of attack is refused by name, located, or bounded, never a traceback.

The corpus in tests/fixtures/hostile2/ holds the cases a text file can carry (control characters
written as YAML escapes, field names, numbers, dates, reserved ids); each file starts with the
problems it must produce, ``# expect: LINE[:COLUMN] PATH: MESSAGE``, and ``# replaces: FILE`` puts
it in place of a shared file. Links, pipes, file names and lists too long to keep as files are
made below. Timings are in scripts/bench_hostile.py, not here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from testpaths import FIXTURES, PROJECT

from macros.claimkit import analysis, limits, safetext, suggest
from macros.claimkit.errors import DataError, Problem
from macros.claimkit.loader import load_dataset
from macros.claimkit.render import Renderer

TODAY = dt.date(2026, 11, 24)
EXPECT = re.compile(r"^# expect: (\d+)(?::(\d+))? ([^:]*): (.+)$")
REPLACES = re.compile(r"^# replaces: (\S+)$", re.MULTILINE)
REPORT = """id: {id}
case: example-case
outlet: example-gazette
published: 2024-01-05
headline: A hostile report
language: en
access_note: Invented for tests.
summary: Generated for tests/test_hostile_input.py.
claims:
"""
CLAIM = """  - id: {id}
    quote: {quote}
    claim: Widgets were shipped.
    status: asserted
"""


@dataclass
class Case:
    name: str
    content: bytes
    expect: list[tuple[int, int | None, str, str]]  # line, column (or None), field path, message fragment
    target: str | None


def corpus_case(path: Path) -> Case:
    text = path.read_text()
    found = [EXPECT.match(line) for line in text.splitlines() if line.startswith("# expect")]
    assert found and all(found), f"{path.name} needs '# expect: LINE[:COL] PATH: MESSAGE' lines"
    target = REPLACES.search(text)
    expect = [(int(m[1]), int(m[2]) if m[2] else None, m[3], m[4]) for m in found]
    return Case(path.name, path.read_bytes(), expect, target and target[1])


CORPUS = [corpus_case(p) for p in sorted((FIXTURES / "hostile2").glob("*.yaml"))]


def load_problems(data: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_dataset(data, today=TODAY)
    return info.value.problems


def report_text(report_id: str, claims: list[str] | None = None) -> str:
    claims = claims or [CLAIM.format(id="one", quote="Widgets were shipped.")]
    return REPORT.format(id=report_id) + "".join(claims)


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_each_hostile_file_gets_a_located_problem(valid_data, case):
    destination = valid_data / (case.target or f"reports/{case.name}")
    destination.write_bytes(case.content)
    shown_as = f"data/{case.target or f'reports/{case.name}'}"
    found = [p for p in load_problems(valid_data) if p.file == shown_as]
    listed = "\n".join(map(str, found))
    for line, column, path, fragment in case.expect:
        assert any(p.line == line and (column is None or p.column == column) and p.path == path
                   and fragment in p.message for p in found), f"expected {line}:{column} {path}: {fragment!r}\n{listed}"
    for problem in found:
        assert safetext.for_terminal(str(problem)) == str(problem)  # nothing left to escape in the output
        assert len(problem.message) < 400


# --- 1. only regular files inside the data folder are read ----------------------------------


def test_link_to_dev_zero_is_refused_without_reading(valid_data):
    os.symlink("/dev/zero", valid_data / "reports" / "2024-zero.yaml")
    [problem] = load_problems(valid_data)
    assert problem.file == "data/reports/2024-zero.yaml" and "is a symbolic link" in problem.message


def test_link_to_a_secret_outside_is_refused_and_nothing_of_it_is_shown(valid_data, tmp_path):
    secret = tmp_path / "outside" / "token.yaml"
    secret.parent.mkdir()
    secret.write_text("id: TOKEN-8c1f2e\nheadline: TOKEN-8c1f2e\n")
    os.symlink(secret, valid_data / "reports" / "2024-secret.yaml")
    os.symlink(secret, valid_data / "measures.yaml.tmp")  # not a data file name: never looked at
    (valid_data / "measures.yaml").unlink()
    os.symlink(secret, valid_data / "measures.yaml")
    problems = load_problems(valid_data)
    text = DataError(problems).report()
    assert "TOKEN" not in text and "outside" not in text
    files = {p.file for p in problems if "is a symbolic link" in p.message}
    assert files == {"data/reports/2024-secret.yaml", "data/measures.yaml"}


def test_link_to_another_data_file_and_dangling_link_are_refused(valid_data):
    os.symlink(valid_data / "reports" / "2024-03-example-wire-denial.yaml", valid_data / "reports" / "2024-copy.yaml")
    (valid_data / "sources.yaml").rename(valid_data / "sources.txt")
    os.symlink(valid_data / "nowhere.yaml", valid_data / "sources.yaml")
    problems = {p.file: p.message for p in load_problems(valid_data)}
    assert "is a symbolic link" in problems["data/reports/2024-copy.yaml"]
    assert "is a symbolic link" in problems["data/sources.yaml"]  # not "missing": the link is named


def test_named_pipe_is_refused_without_blocking(valid_data):
    os.mkfifo(valid_data / "reports" / "2024-pipe.yaml")
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(load_problems(valid_data)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert outcome, "loading blocked on a named pipe"
    [problem] = outcome[0]
    assert problem.file == "data/reports/2024-pipe.yaml" and "named pipe (FIFO)" in problem.message


def test_folder_named_like_a_report_is_refused(valid_data):
    (valid_data / "reports" / "2024-folder.yaml").mkdir()
    [problem] = load_problems(valid_data)
    assert problem.file == "data/reports/2024-folder.yaml" and "is a folder, not a regular file" in problem.message


def test_reports_folder_that_is_a_link_is_not_listed(valid_data, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(valid_data / "reports", outside)
    (outside / "private-name-9f3.yaml").write_text("id: x\n")
    os.symlink(outside, valid_data / "reports")
    problems = load_problems(valid_data)
    assert [(p.file, "is a symbolic link" in p.message) for p in problems] == [("data/reports", True)]
    assert "private-name" not in DataError(problems).report()


def test_data_folder_that_is_a_link_is_refused(valid_data, tmp_path):
    link = tmp_path / "linked-data"
    os.symlink(valid_data, link)
    [problem] = load_problems(link)
    assert "is a symbolic link" in problem.message


def test_file_over_the_limit_is_refused_by_its_size(valid_data):
    big = valid_data / "reports" / "2024-big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 2**20)  # 50 MB of zeros, sparse: only the limit + 1 bytes are read
    [problem] = load_problems(valid_data)
    assert f"file is {50 * 2**20:,} bytes; the limit is {limits.MAX_FILE_BYTES:,}" in problem.message


# --- 2. control characters however written; a no-break space stays -------------------------


@pytest.mark.parametrize("char", ["\u202e", "\u2028", "\ufdd0", "\U0001fffe", "\x85"])
def test_typed_invisible_characters_are_refused_where_they_are(valid_data, char):
    text = report_text("2024-typed", [CLAIM.format(id="one", quote=f"Widgets{char} shipped.")])
    (valid_data / "reports" / "2024-typed.yaml").write_text(text)
    [problem] = load_problems(valid_data)
    assert (problem.line, problem.column) == (11, 19), problem
    assert f"U+{ord(char):04X}" in problem.message and "is not allowed in data files" in problem.message


def test_a_no_break_space_written_as_an_escape_is_kept(valid_data):
    quote = '"Widgets were\\u00A0shipped,\\u00A0reportedly."'
    claim = CLAIM.format(id="one", quote=quote) + "    cues:\n      - text: \"shipped,\\u00A0reportedly\"\n" \
                                                  "        category: hearsay\n"
    (valid_data / "reports" / "2024-nbsp.yaml").write_text(report_text("2024-nbsp", [claim]))
    data = load_dataset(valid_data, today=TODAY)
    claim = data.report("2024-nbsp").claims[0]
    assert claim.quote == "Widgets were\u00a0shipped,\u00a0reportedly."
    assert claim.cues[0].text == "shipped,\u00a0reportedly"


def test_line_breaks_in_values_are_folded_to_spaces(valid_data):
    claim = CLAIM.format(id="one", quote='"Widgets were\\nshipped."')
    (valid_data / "reports" / "2024-folded.yaml").write_text(report_text("2024-folded", [claim]))
    data = load_dataset(valid_data, today=TODAY)
    assert data.report("2024-folded").claims[0].quote == "Widgets were shipped."


# --- 3. every value that validates builds: numbers of any length -----------------------------


def test_an_integer_longer_than_python_converts_gets_a_located_problem(valid_data):
    claim = CLAIM.format(id="one", quote="Widgets were shipped.") + (
        "    quantities:\n      - measure: widgets-shipped\n        value: " + "7" * 5000 + "\n"
        "        as_printed: Widgets\n")
    (valid_data / "reports" / "2024-long-number.yaml").write_text(report_text("2024-long-number", [claim]))
    other = valid_data / "reports" / "2024-03-example-wire-denial.yaml"
    other.write_text(other.read_text().replace("status: denied", "status: rumoured"))
    problems = load_problems(valid_data)  # the rest of the list is kept (an OverflowError used to lose it)
    assert [(p.file, p.line, p.path) for p in problems] == [
        ("data/reports/2024-03-example-wire-denial.yaml", 16, "claims.0.status"),
        ("data/reports/2024-long-number.yaml", 16, "claims.0.quantities.0.value")]
    assert "got a number 5000 characters long" in problems[1].message


# --- 4. reserved ids: also the names of hand-written pages -------------------------------------


# a report's id names two pages: the report, and what happened next (next/<id>.md)
@pytest.mark.parametrize("folder, name", [("reports", "methods"), ("next", "steps")])
def test_report_id_of_a_hand_written_page_is_refused(valid_data, folder, name):
    (valid_data.parent / "docs" / folder).mkdir(parents=True)
    (valid_data.parent / "docs" / folder / f"{name}.md").write_text("# A hand-written page\n")
    (valid_data / "reports" / f"{name}.yaml").write_text(report_text(name))
    [problem] = load_problems(valid_data)
    assert (problem.file, problem.line, problem.path) == (f"data/reports/{name}.yaml", 1, "id")
    assert f"taken by the hand-written page docs/{folder}/{name}.md" in problem.message


def test_lesson_id_that_is_a_device_name_is_refused():
    from macros.claimkit import pathnames

    assert "device name on Windows" in pathnames.id_problem("com3", "lessons")
    assert pathnames.id_problem("lesson-3", "lessons") is None


# --- 5. bounded work and output ------------------------------------------------------------------


def test_too_many_claims_in_one_report_is_refused_with_the_limit(valid_data):
    limit = limits.MAX_ITEMS["report"][("claims",)]
    claims = [CLAIM.format(id=f"c{i}", quote="Widgets were shipped.") for i in range(limit + 1)]
    (valid_data / "reports" / "2024-many.yaml").write_text(report_text("2024-many", claims))
    # another report's stance on a claim of the refused report is not a second, cascading error
    other = (valid_data / "reports" / "2024-03-example-wire-denial.yaml")
    other.write_text(other.read_text().replace("2024-01-02-example-gazette-widgets#widgets", "2024-many#c1"))
    [problem] = load_problems(valid_data)
    assert (problem.file, problem.line, problem.path) == ("data/reports/2024-many.yaml", 10, "claims")
    assert f"holds {limit + 1} items; at most {limit} are allowed here in one report" in problem.message


def test_too_many_figures_in_one_claim_is_refused(valid_data):
    limit = limits.MAX_ITEMS["report"][("claims", "*", "quantities")]
    figures = "".join(f"      - measure: widgets-shipped\n        value: {i}\n        as_printed: Widgets\n"
                      for i in range(limit + 1))
    claim = CLAIM.format(id="one", quote="Widgets were shipped.") + "    quantities:\n" + figures
    (valid_data / "reports" / "2024-figures.yaml").write_text(report_text("2024-figures", [claim]))
    [problem] = load_problems(valid_data)
    assert problem.path == "claims.0.quantities" and f"at most {limit} are allowed" in problem.message


def headline_and_body(valid_data: Path, claims_each: int) -> int:
    """A report whose headline and body claims all give different figures; returns its size in bytes."""
    def claim(cid: str, where: str, base: int) -> dict:
        numbers = [base + i for i in range(20)]
        return {"id": cid, "where": where, "quote": " ".join(map(str, numbers)), "claim": "c", "status": "asserted",
                "quantities": [{"measure": "widgets-shipped", "value": n, "as_printed": str(n)} for n in numbers]}
    claims = [claim(f"h{i}", "headline", 1000 * i) for i in range(claims_each)]
    claims += [claim(f"b{i}", "body", 500_000 + 1000 * i) for i in range(claims_each)]
    report = {"id": "2024-01-05-amplifier", "case": "example-case", "outlet": "example-gazette", "published": "2024-01-05", "headline": "H",
              "language": "en", "access_note": "x", "summary": "s", "claims": claims}
    text = yaml.safe_dump(report, sort_keys=False)
    (valid_data / "reports" / "2024-01-05-amplifier.yaml").write_text(text)
    return len(text)


def test_headline_against_body_comparison_is_deduplicated_capped_and_linear(valid_data):
    sizes = []
    for claims_each in (10, 40):
        size = headline_and_body(valid_data, claims_each)
        data = load_dataset(valid_data, today=TODAY)
        report = data.report("2024-01-05-amplifier")
        changes = analysis.chain_changes(data, report, report.claims[0])
        assert len(changes) == limits.MAX_CHANGES_PER_CLAIM and len(set(changes)) == len(changes)
        page = Renderer(data).full_page("report_page", report.id, f"reports/{report.id}/")
        sizes.append((size, len(page)))
    (small_in, small_out), (large_in, large_out) = sizes
    # 4x the claims: 4x the input, at most ~4x the page (it was 16x: every pair of figures)
    assert large_out / small_out < 1.5 * large_in / small_in, sizes
    assert large_out < 10 * large_in, sizes


def test_did_you_mean_finds_near_misses_among_thousands_and_stays_quiet_otherwise():
    keys = [f"20{y:02d}-report-{n:05d}#claim-{c}" for y in range(20, 26) for n in range(300) for c in range(4)]
    suggester = suggest.Suggester(keys)
    assert suggester.closest("2023-report-00123#clam-2") == "2023-report-00123#claim-2"  # one letter missing
    assert suggester.closest("2023-repotr-00123#claim-2") == "2023-report-00123#claim-2"  # two swapped
    assert suggester.closest("2023-rapurt-00123#claim-2") == "2023-report-00123#claim-2"  # two letters wrong
    for word in ("2023-rep0rt-00l23#claim-2", "2021-report-0012#claim-3x"):  # as good as comparing with every key
        best = difflib.get_close_matches(word, keys, n=1)[0]
        ratio = difflib.SequenceMatcher(None, word, best).ratio()
        assert difflib.SequenceMatcher(None, word, suggester.closest(word)).ratio() == ratio
    assert suggester.closest("an entirely different thing") is None
    small = ["quote", "claim", "status", "quantities"]
    assert suggest.closest("qoute", small) == "quote" and suggest.closest("zzz", small) is None


# --- 6. nothing from data reaches a terminal unescaped ------------------------------------------


def test_problem_lines_and_reports_show_control_characters_escaped():
    problem = Problem("data/reports/a\x1b[2K.yaml", 3, 1, "claims.0.\x1b]0;x\x07",
                      "unknown field '\x1b[31mvalid\u202e'")
    line = str(problem)
    assert "\x1b" not in line and "\u202e" not in line and "\x07" not in line
    assert "a\\x1b[2K.yaml" in line and "\\u202e" in line
    assert "\x1b" not in DataError([problem]).report()


def test_validator_output_escapes_a_file_name_with_terminal_codes(valid_data):
    name = "2024-\x1b[2K\rvalid.yaml"
    (valid_data / "reports" / name).write_text(report_text("x"))
    for extra in ([], ["--github"]):
        done = subprocess.run([sys.executable, "-m", "scripts.validate", "data", *extra], cwd=valid_data.parent,
                              env={**os.environ, "PYTHONPATH": str(PROJECT)}, capture_output=True, timeout=120,
                              check=False)
        output = done.stdout + done.stderr
        assert done.returncode == 1
        assert b"\x1b" not in output and b"\r" not in output
        assert b"2024-\\x1b[2K\\rvalid.yaml" in output
