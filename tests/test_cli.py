"""`python -m scripts.validate`: output a contributor (and CI) can act on, and exit codes that gate merges."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testpaths import FIXTURES, PROJECT

from scripts import validate

PROBLEM_LINE = re.compile(r"^data/[\w./-]+\.yaml:\d+:\d+: [\w.]+: .+$")
WARNING_LINE = re.compile(r"^data/[\w./-]+\.yaml:\d+:\d+: warning: [\w.]+: .+ \[[a-z-]+\]$")
BROKEN = ["bad-status", "unknown-source", "misspelt-field"]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as a contributor types it, from the folder that holds data/."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run([sys.executable, "-m", "scripts.validate", *args], cwd=cwd, env=env,
                          check=False, capture_output=True, text=True, timeout=120)


def break_data(data: Path) -> None:
    for case in BROKEN:
        shutil.copy(FIXTURES / "invalid" / f"{case}.yaml", data / "reports")


def test_valid_data_exits_0_with_warnings_and_a_summary(valid_data):
    done = run(valid_data.parent, "data")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "data: 2 reports, 2 claims, 4 sources: valid, 4 warnings"
    warnings = lines[:-1]
    assert len(warnings) == 4 and all(WARNING_LINE.match(line) for line in warnings), warnings
    assert warnings[0].startswith("data/sources.yaml:2:5: warning: sources.0: source 'example-gazette'")
    assert done.stderr == ""


def test_broken_data_exits_1_listing_every_problem_in_one_run(valid_data):
    break_data(valid_data)
    done = run(valid_data.parent)  # DATA_DIR defaults to data
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    problems, summary = lines[:-1], lines[-1]
    assert all(PROBLEM_LINE.match(line) for line in problems), problems
    assert {Path(line.split(":")[0]).stem for line in problems} == set(BROKEN)
    assert "data/reports/bad-status.yaml:14:13: claims.0.status: expected one of: asserted, attributed, " \
           "denied, speculated; got 'confirmed'" in problems
    assert "data/reports/unknown-source.yaml:16:17: claims.0.attribution.0.source: unknown source " \
           "'exmaple-wire' (did you mean 'example-wire'?); add it to data/sources.yaml or fix the id" in problems
    assert any(line.startswith("data/reports/misspelt-field.yaml:13:5: claims.0.quotes: unknown field 'quotes' "
                               "(did you mean 'quote'?)") for line in problems)
    assert summary.startswith(f"{len(problems)} data problems found in data; fix them and run again")
    assert "warning" not in "\n".join(problems)  # warnings wait until the data is valid


def test_github_annotations(valid_data):
    break_data(valid_data)
    done = run(valid_data.parent, "--github")
    assert done.returncode == 1
    assert ("::error file=data/reports/bad-status.yaml,line=14,col=13,title=claims.0.status::"
            "claims.0.status: expected one of: asserted, attributed, denied, speculated; got 'confirmed'"
            in done.stdout.splitlines())
    *problems, summary = done.stdout.splitlines()
    assert all(line.startswith("::error file=data/reports/") for line in problems)
    assert summary.startswith(f"::error::{len(problems)} data problems found in data")


def test_github_warnings_and_notices(valid_data, capsys, monkeypatch):
    monkeypatch.chdir(valid_data.parent)
    assert validate.main(["--github", "-v"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("::warning file=data/sources.yaml,line=2,col=5,title=ungraded-source::sources.0: source "
                      "'example-gazette' has no grade: add grade: {reliability: A-F, reason: ...} [ungraded-source]")
    assert out[-1] == "data: 2 reports, 2 claims, 4 sources: valid, 4 warnings"


def test_data_text_cannot_inject_workflow_commands(valid_data, capsys, monkeypatch):
    """A field name from a pull request reaches the message; a newline in it must stay escaped."""
    path = valid_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    path.write_text(path.read_text() + '"x\\n::error file=evil::pwned 100%": 1\n')
    monkeypatch.chdir(valid_data.parent)
    assert validate.main(["--github"]) == 1
    out = capsys.readouterr().out
    assert "character U+000A (LINE FEED) written as '\\n' is not allowed in field names" in out
    assert not any(line.startswith("::error file=evil") for line in out.splitlines())

    path.write_text(path.read_text().replace("\\n::error", "::error"))  # no line break: the name is echoed
    assert validate.main(["--github"]) == 1
    out = capsys.readouterr().out
    assert "unknown field 'x::error file=evil::pwned 100%25'" in out
    assert not any(line.startswith("::error file=evil") for line in out.splitlines())


def test_strict_and_error_codes_make_warnings_fail(valid_data, capsys, monkeypatch):
    monkeypatch.chdir(valid_data.parent)
    assert validate.main(["--strict"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("valid, 4 warnings (4 counted as errors)")
    assert validate.main(["--error", "placeholder"]) == 0  # the fixture has no TODO
    capsys.readouterr()
    assert validate.main(["--error", "ungraded-source"]) == 1
    with pytest.raises(SystemExit) as info:
        validate.main(["--error", "no-such-code"])
    assert info.value.code == 2
    assert "invalid choice: 'no-such-code'" in capsys.readouterr().err


def test_quiet_prints_problems_only(valid_data, capsys, monkeypatch):
    monkeypatch.chdir(valid_data.parent)
    assert validate.main(["-q"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and all(WARNING_LINE.match(line) for line in out)
    grade = "    grade: {reliability: C, reason: Invented for tests.}\n"
    sources = valid_data / "sources.yaml"
    sources.write_text("".join(line + (grade if line.startswith("    description:") else "")
                               for line in sources.read_text().splitlines(keepends=True)))
    assert validate.main(["-q"]) == 0
    assert capsys.readouterr().out == ""


def test_info_notes_are_counted_or_listed(valid_data, capsys, monkeypatch):
    path = valid_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    path.write_text(path.read_text().replace("claims:\n", "claims:\n  - id: lonely\n    quote: Widgets exist.\n"
                                                          "    claim: Widgets exist.\n    status: asserted\n"))
    monkeypatch.chdir(valid_data.parent)
    assert validate.main([]) == 0
    out = capsys.readouterr().out
    assert "info: 1 of 3 claims: a claim is linked to no other claim (no stance, no follow-up) " \
           "(-v lists them) [unlinked-claim]" in out
    assert validate.main(["-v", "--strict"]) == 1  # info notes never fail; the 4 ungraded sources do
    out = capsys.readouterr().out
    assert ("data/reports/2024-01-02-example-gazette-widgets.yaml:10:5: info: claims.0: claim 'lonely' "
            "takes no stance on another claim and no claim takes one on it [unlinked-claim]") in out
    assert "(4 counted as errors)" in out


def test_missing_data_directory(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert validate.main(["nowhere"]) == 1
    out = capsys.readouterr().out
    assert "nowhere/sources.yaml: required data file is missing" in out


def test_project_data_is_valid_through_the_cli():
    done = run(PROJECT, "-q")
    assert done.returncode == 0, done.stdout
    assert all(WARNING_LINE.match(line) for line in done.stdout.splitlines()), done.stdout


def test_one_mistake_in_a_cited_report_gives_one_message_not_a_cascade(valid_data, capsys, monkeypatch):
    """The denial report points at widgets#widgets; breaking widgets must not also blame the denial."""
    path = valid_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    path.write_text(path.read_text().replace("    claim: More than", "    claim_text: More than"))
    monkeypatch.chdir(valid_data.parent)
    assert validate.main([]) == 1
    *problems, summary = capsys.readouterr().out.splitlines()
    assert [p.split(": ")[1] for p in problems] == ["claims.0.claim", "claims.0.claim_text"]
    assert all(p.startswith("data/reports/2024-01-02-example-gazette-widgets.yaml:") for p in problems)
    assert summary.startswith("2 data problems found in data;")
    assert summary.endswith("; 1 reference from other files to claims in data/reports/2024-01-02-example-gazette-"
                            "widgets.yaml was not checked, because that file could not be read: fix it first, "
                            "then run again")


def test_a_yaml_syntax_error_holds_back_references_instead_of_calling_them_unknown(valid_data, capsys, monkeypatch):
    path = valid_data / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    path.write_text(path.read_text().replace("    claim: More than", "    claim: More: than [", 1))
    monkeypatch.chdir(valid_data.parent)
    assert validate.main([]) == 1
    out = capsys.readouterr().out
    assert "unknown claim" not in out
    assert "2024-03-example-wire-denial.yaml" not in out.split("\n")[0]
    assert "1 reference from other files to claims in data/reports/2024-01-02-example-gazette-widgets.yaml" in out


def test_a_wrong_reference_to_a_loaded_report_is_still_reported(valid_data, capsys, monkeypatch):
    path = valid_data / "reports" / "2024-03-example-wire-denial.yaml"
    path.write_text(path.read_text().replace("widgets#widgets", "widgets#widget"))
    monkeypatch.chdir(valid_data.parent)
    assert validate.main([]) == 1
    out = capsys.readouterr().out
    assert ("claims.0.stance.0.claim: unknown claim '2024-01-02-example-gazette-widgets#widget' "
            "(did you mean '2024-01-02-example-gazette-widgets#widgets'?)") in out
    assert "2024-03-example-wire-denial.yaml" in out


def test_lessons_are_checked_too(tmp_path, capsys, monkeypatch):
    shutil.copytree(PROJECT / "data", tmp_path / "data")
    lesson = tmp_path / "data" / "lessons" / "lesson-1.yaml"
    lesson.write_text(lesson.read_text().replace("\nquiz:", "\nquizz:", 1))
    monkeypatch.chdir(tmp_path)
    assert validate.main([]) == 1
    out = capsys.readouterr().out
    assert re.search(r"data/lessons/lesson-1\.yaml:\d+:1: quizz: unknown field 'quizz' \(did you mean 'quiz'\?\)", out)
