"""`make new-report`: a fresh, commented skeleton that validates, with every TODO flagged."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from test_schema import schema_errors
from testpaths import PROJECT

from macros.claimkit import quality
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.model import Report
from scripts import new_report
from scripts.new_report import Refused, create, skeleton

REPORT_ID = "2024-05-06-example-gazette-second-wave"


def make(data: Path, **kw) -> Path:
    args = {"outlet": "example-gazette", "date": "2024-05-06", "slug": "Second wave!"} | kw
    return create(data, args.pop("outlet"), args.pop("date"), args.pop("slug"), **args)


def test_skeleton_validates_and_flags_each_placeholder(valid_data):
    path = make(valid_data)
    assert path == valid_data / "reports" / f"{REPORT_ID}.yaml"
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/report.schema.json"
    data = load_dataset(valid_data)  # raises DataError if the new file were invalid
    report = data.report(REPORT_ID)
    assert (report.outlet, report.published, report.language) == ("example-gazette", "2024-05-06", "en")
    mine = [f for f in quality.check(data) if f.file == f"reports/{REPORT_ID}.yaml"]
    assert {f.code for f in mine if f.level == "warning"} == {"placeholder"}
    assert sorted(f.field for f in mine if f.code == "placeholder") == [
        "claims.0.claim", "claims.0.id", "claims.0.quote", "headline", "summary", "url"]


def test_given_headline_and_url_replace_their_placeholders(valid_data):
    make(valid_data, headline='Widgets: "all gone"', url="https://example.org/w?id=1#x", language="ko")
    report = load_dataset(valid_data).report(REPORT_ID)
    assert (report.headline, report.url, report.language) == ('Widgets: "all gone"', "https://example.org/w?id=1#x",
                                                              "ko")


def test_skeleton_passes_the_editor_schema(valid_data):
    assert schema_errors(make(valid_data)) == []


def _yamllint(text: str) -> list:
    from yamllint import config, linter

    conf = config.YamlLintConfig(file=str(PROJECT / ".yamllint.yaml"))
    return [f"{p.line}:{p.column} {p.message}" for p in linter.run(text, conf)]


def test_skeleton_passes_yamllint():
    assert _yamllint(skeleton(REPORT_ID, "example-gazette", "2024-05-06")) == []


def test_project_data_passes_yamllint():
    """What pre-commit and CI run on data: e.g. `named: no` or `value: 017` would fail here."""
    for path in sorted((PROJECT / "data").rglob("*.yaml")):
        assert _yamllint(path.read_text()) == [], path
    assert _yamllint("named: no\nvalue: 017\n") == [
        "1:8 truthy value should be one of [false, true] (truthy)",
        '2:11 forbidden implicit octal value "017" (octal-values)']


def test_an_existing_id_is_refused_and_the_file_kept(valid_data):
    path = make(valid_data)
    path.write_text(path.read_text().replace("TODO: the headline exactly as printed", "Work in progress"))
    before = path.read_text()
    with pytest.raises(Refused, match="already exists: edit that file, or choose another --slug"):
        make(valid_data, slug="second-wave")  # same id after slugifying
    assert path.read_text() == before


def test_unknown_outlet_is_refused_with_a_suggestion_and_a_source_snippet(valid_data):
    with pytest.raises(Refused) as info:
        make(valid_data, outlet="example-gazete")
    message = str(info.value)
    assert "unknown outlet 'example-gazete' (did you mean 'example-gazette'?)" in message
    assert "  - id: example-gazete\n" in message
    assert list((valid_data / "reports").glob("*second-wave*")) == []


def test_the_suggested_source_guesses_nothing_and_the_validator_flags_what_is_left(valid_data):
    """No kind or country is proposed for an outlet the script knows nothing about: the pasted entry
    fails validation until a kind is chosen, then each TODO is a placeholder warning."""
    with pytest.raises(Refused) as info:
        make(valid_data, outlet="new-outlet")
    entry = str(info.value).split("e.g.\n", 1)[1]
    assert "newspaper\n" not in entry and "country: KR" not in entry and "    # country: XX\n" in entry
    sources = valid_data / "sources.yaml"
    sources.write_text(sources.read_text().rstrip("\n") + "\n" + entry + "\n")
    with pytest.raises(DataError) as error:
        load_dataset(valid_data)
    (problem,) = error.value.problems
    assert "sources.yaml:" in str(problem) and "kind: expected one of" in str(problem)
    sources.write_text(sources.read_text().replace("    kind: TODO\n", "    kind: online-outlet\n"))
    placeholders = [f.field for f in quality.check(load_dataset(valid_data))
                    if f.code == "placeholder" and f.file == "sources.yaml"]
    assert len(placeholders) == 3  # name, description, grade reason
    assert _yamllint(sources.read_text()) == []


@pytest.mark.parametrize("date, reason", [
    ("2024-13", "month 13 does not exist"),
    ("2023-02-29", "day 29 does not exist in February 2023"),
    ("24-05-06", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2999", "2999 is in the future"),
])
def test_bad_dates_are_refused(valid_data, date, reason):
    with pytest.raises(Refused, match=re.escape(reason)):
        make(valid_data, date=date)


@pytest.mark.parametrize("date", ["2024", "2024-05"])
def test_partial_dates_make_partial_ids(valid_data, date):
    path = make(valid_data, date=date)
    assert path.name == f"{date}-example-gazette-second-wave.yaml"
    assert load_dataset(valid_data).report(path.stem).date.precision == ("year" if date == "2024" else "month")


def test_slug_rules(valid_data):
    assert new_report.slugify("  Ünïcode — and  MORE!! ") == "unicode-and-more"
    with pytest.raises(Refused, match="give a few words with letters or digits"):
        make(valid_data, slug="🎉 — !!")
    with pytest.raises(Refused, match="longer than 80 characters"):
        make(valid_data, slug="word " * 20)


@pytest.mark.parametrize("words, slug", [
    ("북한군 러시아 파병", "bughangun-reosia-pabyeong"),
    ("Северная Корея отправит войска", "severnaia-koreia-otpravit-voiska"),
    ("朝鲜出兵", "zhao-xian-chu-bing"),
])
def test_non_latin_headlines_give_readable_ids(valid_data, words, slug):
    assert make(valid_data, slug=words).name == f"2024-05-06-example-gazette-{slug}.yaml"


def test_slugs_are_cut_at_a_word_boundary():
    assert new_report.slugify("second wave of troops", max_length=14) == "second-wave-of"


def test_values_that_would_not_validate_are_refused(valid_data):
    with pytest.raises(Refused, match="these values do not validate"):
        make(valid_data, url="javascript:alert(1)")
    assert list((valid_data / "reports").glob("*second-wave*")) == []


def _fields(model: type[BaseModel], seen: set) -> set[str]:
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        for inner in _models_in(field.annotation):
            if inner not in seen:
                seen.add(inner)
                names |= _fields(inner, seen)
    return names


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def test_every_field_of_the_model_is_explained():
    text = skeleton(REPORT_ID, "example-gazette", "2024-05-06")
    for name in _fields(Report, set()):
        assert re.search(rf"^\s*#?\s*(- )?{name}:", text, re.MULTILINE), f"the skeleton does not mention '{name}:'"


EXAMPLE_QUOTE = ("According to the New York Post, Russian state media revealed that North Korea has offered "
                 "to send over 100,000 volunteers, or 8,10 of them. Thousands could come, 10,000 by December; "
                 "the People's Democratic Republic of Korea said they would, when the war is over.")


def test_commented_examples_validate_once_uncommented(tmp_path):
    """Uncomment every example block: with a matching quote, the file still validates against the real data."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    text = skeleton(REPORT_ID.replace("example-gazette", "korea-daily"), "korea-daily", "2024-05-06",
                    case="north-korean-troops-for-russia")
    # The skeleton's convention: a comment that starts with `field:` or is indented under one is an example.
    example = re.compile(r"^(\s*)# (?=\w+:|  )")
    out = [example.sub(r"\1", line, count=1) for line in text.splitlines()]
    uncommented = "\n".join(out) + "\n"
    uncommented = uncommented.replace("TODO: copy one or two sentences from the report, exactly as printed.",
                                      EXAMPLE_QUOTE)
    # The examples offer both a headline and a working title with no_headline: keep the second, and
    # name a wire agency the project data has (the example's agency is not in data/sources.yaml).
    uncommented = re.sub(r"^headline: .*\n", "", uncommented, flags=re.MULTILINE)
    uncommented = uncommented.replace("source: reuters", "source: new-york-post")
    for block in ("attribution:", "also_attributed:", "cues:", "not_cues:", "sic:", "quantities:", "stance:",
                  "taken_up_by:", "verdict:", "credibility:", "artefacts:", "outlet_note:", "published_note:",
                  "access_note:", "working_title:", "no_headline:", "wire:"):
        assert re.search(rf"^\s*{block}", uncommented, re.MULTILINE), f"{block} was not uncommented"
    path = data / "reports" / f"{REPORT_ID.replace('example-gazette', 'korea-daily')}.yaml"
    path.write_text(uncommented)
    report = load_dataset(data).report(path.stem)
    claim = report.claims[0]
    assert [s.source for s in claim.attribution] == ["new-york-post", "channel-one-russia"]
    assert claim.quantities[0].value == 100000 and claim.verdict.event == "confirmed"
    assert claim.verdict.figure == "unproven" and "target" in [q.kind for q in claim.quantities]
    assert any(q.interpreted for q in claim.quantities)
    assert report.no_headline == "not-captured" and claim.sic and claim.not_cues and claim.also_attributed
    assert report.artefacts[0].printed == "8,10"


def test_without_a_terminal_missing_arguments_are_an_error_not_a_prompt(valid_data):
    done = subprocess.run([sys.executable, "-m", "scripts.new_report", "--data-dir", str(valid_data)],
                          cwd=PROJECT, stdin=subprocess.DEVNULL, check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "missing --outlet, --date, --slug (prompts are only shown in a terminal)" in done.stderr
    assert done.stdout == ""
    assert len(list((valid_data / "reports").glob("*.yaml"))) == 2


def test_in_a_terminal_it_asks_for_what_is_missing(valid_data):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "scripts.new_report", "--data-dir", str(valid_data)],
                               cwd=PROJECT, stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    output = b""
    try:
        for answer in (b"example-gazette\n", b"2024-05-06\n", b"Second wave!\n"):
            while not output.rstrip().endswith(b":"):
                ready, _, _ = select.select([controller], [], [], 30)
                assert ready, f"no prompt; output so far: {output!r}"
                output += os.read(controller, 4096)
            os.write(controller, answer)
            output = b""
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        os.close(controller)
    assert (valid_data / "reports" / f"{REPORT_ID}.yaml").exists()


def test_main_prints_the_path_and_next_steps(valid_data, capsys):
    assert new_report.main(["--outlet", "example-gazette", "--date", "2024-05-06", "--slug", "second wave",
                            "--data-dir", str(valid_data)]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {valid_data / 'reports' / REPORT_ID}.yaml" in out
    assert "replace every TODO" in out and "make validate" in out
    assert new_report.main(["--outlet", "example-gazette", "--date", "2024-05-06", "--slug", "second wave",
                            "--data-dir", str(valid_data)]) == 1
    assert "Not written:" in capsys.readouterr().err
