"""scripts/propose_report.py: a report proposal from the GitHub issue form becomes a skeleton report,
and a hostile issue body is refused or stays inert text (nothing from it is run or trusted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_scaffold import _yamllint
from testpaths import FIXTURES, PROJECT

from macros.claimkit import quality
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset
from macros.claimkit.yamlsource import read_yaml
from scripts import propose_report
from scripts.new_report import Refused
from scripts.propose_report import propose

FORMS = FIXTURES / "issue-forms"


def body(name: str) -> str:
    return (FORMS / name).read_text(encoding="utf-8")


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def refused(text: str, data: Path) -> str:
    before = files_under(data.parent)
    with pytest.raises(Refused) as info:
        propose(text, data, issue=7)
    assert files_under(data.parent) == before, "nothing written anywhere"
    return str(info.value)


# --- proposals that make a report --------------------------------------------------------------


def test_a_korean_proposal_gives_a_valid_report_with_its_values_and_todos(valid_data):
    path, report, known = propose(body("valid-korean.md"), valid_data, issue=12)
    assert known and path == (valid_data / "reports" / f"{report['id']}.yaml").resolve()
    assert report["id"] == "2024-05-06-example-gazette-bughangun-reosia-pabyeong-du-beonjjae-mulgyeol"
    data = load_dataset(valid_data)  # raises DataError if the file were invalid
    got = data.report(report["id"])
    assert got.outlet == "example-gazette" and got.published == "2024-05-06" and got.language == "ko"
    assert got.case == "example-case"  # the only case in the data
    assert got.headline == '북한군 러시아 파병: "두 번째 물결"'
    assert got.url == "https://news.example.org/article/123?lang=ko#top"
    assert got.archive_url == "https://web.archive.org/web/2024/https://news.example.org/article/123"
    assert [c.quote for c in got.claims] == ["국정원은 북한이 병력을 추가로 보낼 가능성이 있다고 밝혔다.",
                                             '"약 3000명"이 이미 도착했다고 소식통은 전했다.']
    assert got.claims[0].claim == "South Korea's intelligence service says North Korea may send more troops."
    flagged = sorted(f.field for f in quality.check(data)
                     if f.code == "placeholder" and f.file == f"reports/{report['id']}.yaml")
    assert flagged == ["claims.0.id", "claims.1.claim", "claims.1.id", "summary"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/report.schema.json\n")
    assert "(issue #12)" in text
    assert _yamllint(text) == []


def test_a_new_outlet_and_a_printout_are_left_for_a_maintainer(valid_data):
    _, report, known = propose(body("valid-new-outlet-printout.md"), valid_data, issue=3)
    assert not known
    assert report["outlet"] == "vecherniaia-gazeta" and report["published"] == "2023-09"
    assert report["id"] == "2023-09-vecherniaia-gazeta-severnaia-koreia-mozhet-otpravit-dobrovoltsev"
    assert report["language"] == "ru" and "url" not in report and report["access_note"].startswith("TODO")
    assert report["working_title"].startswith("TODO") and "headline" not in report
    assert report["no_headline"] == "none-printed"
    with pytest.raises(DataError) as error:  # the outlet is unknown until a maintainer adds it
        load_dataset(valid_data)
    assert "unknown source 'vecherniaia-gazeta'" in str(error.value)
    pr = propose_report.pull_request_body(report, known, 3)
    assert "  - id: vecherniaia-gazeta\n" in pr and "kind: TODO" in pr
    assert "Вечерняя" not in pr, "the description repeats no free text from the issue"


def test_with_several_cases_the_case_is_left_to_a_maintainer(valid_data):
    with (valid_data / "cases.yaml").open("a") as cases:
        cases.write("  - id: another-case\n    title: Another case\n    period: \"2025\"\n    summary: Another.\n")
    _, report, known = propose(body("valid-korean.md"), valid_data, issue=4)
    assert report["case"] == "todo-case"
    with pytest.raises(DataError) as error:
        load_dataset(valid_data)
    assert "todo-case" in str(error.value)
    assert "- [ ] sets `case:`" in propose_report.pull_request_body(report, known, 4)


def test_windows_line_endings_and_no_response_fields(valid_data):
    text = body("valid-korean.md").replace("\n", "\r\n")
    text = text.replace("https://web.archive.org/web/2024/https://news.example.org/article/123", "_No response_")
    _, report, _ = propose(text, valid_data)
    assert "archive_url" not in report and report["claims"][0]["quote"].endswith("밝혔다.")


# --- hostile proposals ---------------------------------------------------------------------------


def test_yaml_templates_markup_and_shell_stay_inert_text(valid_data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a `touch PWNED` that ran would leave a file here
    path, report, _ = propose(body("hostile-yaml-and-templates.md"), valid_data, issue=9)
    assert not list(tmp_path.glob("PWNED")) and not (valid_data / "PWNED").exists()
    assert path.parent == (valid_data / "reports").resolve()
    assert report["id"].startswith("2024-02-01-example-gazette-x-id-github-workflows-evil-7-7-include-mkdocs-yml")
    read = read_yaml(path).data
    assert read == report, "the strict reader gets back exactly the values given"
    assert read["headline"] == ("x\" id: ../../../.github/workflows/evil {{ 7*7 }} {% include 'mkdocs.yml' %} "
                                "$(touch PWNED) `touch PWNED`")
    assert [c["quote"] for c in read["claims"]] == [
        '!!python/object/apply:os.system ["touch PWNED"]',
        "&anchor key: *anchor --- claims: [] ...",
        "- id: injected status: asserted",
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) "
        "# not a comment: yes no ~ null",
    ]
    assert [c["claim"] for c in read["claims"]][:2] == ["'; DROP TABLE reports; --", "{{ config.site_name }}"]
    assert [c["id"] for c in read["claims"]] == [f"todo-claim-{n}" for n in range(1, 5)]
    assert yaml.safe_load(path.read_text()) == report  # plain YAML agrees: no tags, anchors or extra keys
    load_dataset(valid_data)  # and the loader accepts it as data
    assert "Anything else" not in path.read_text() and "@maintainers" not in path.read_text()


def test_paths_in_any_field_cannot_leave_data_reports(valid_data):
    reasons = refused(body("hostile-path.md"), valid_data)
    assert "'Publication date' must be a date written YYYY-MM-DD, YYYY-MM or YYYY" in reasons
    fixed = body("hostile-path.md").replace("2024-01-01/../../../../tmp/x", "2024-01-01")
    path, report, known = propose(fixed, valid_data)
    assert not known and report["outlet"] == "github-workflows"
    assert path.parent == (valid_data / "reports").resolve()
    assert path.name == "2024-01-01-github-workflows-etc-passwd.yaml"


def test_bad_addresses_dates_languages_and_counts_are_all_listed(valid_data):
    reasons = refused(body("hostile-urls-and-sizes.md"), valid_data).splitlines()
    assert reasons == [
        "'Publication date' is in the future",
        "'Language' must be a two-letter code such as en, ko or ru",
        "'Address of the report' must be one http:// or https:// address",
        "'Archive link' must be one http:// or https:// address",
        "there are more claims than quoted passages: give one claim per passage, in the same order",
    ]
    assert not any("javascript" in r or "file:" in r for r in reasons), "reasons quote nothing from the issue"


def test_what_only_the_model_refuses_is_reported_without_the_value(valid_data):
    text = body("valid-korean.md").replace("https://news.example.org/article/123?lang=ko#top", "https://.x")
    reasons = refused(text, valid_data)
    assert reasons.startswith("the values do not make a valid report: url: String should match pattern")
    assert "https://.x" not in reasons


def test_a_repeated_heading_is_refused(valid_data):
    assert "the heading '### Outlet' appears twice" in refused(body("hostile-duplicate-heading.md"), valid_data)


@pytest.mark.parametrize("inject, reason", [
    ("\x1b[31m", "control characters"),
    ("\x00", "control characters"),
    ("\u2028", "control characters"),
    ("\u202e", "invisible text-direction characters"),
    ("\u2066", "invisible text-direction characters"),
    ("\t", "tab characters"),
])
def test_control_and_direction_characters_are_refused(valid_data, inject, reason):
    text = body("valid-korean.md").replace("Example Gazette", f"Example{inject} Gazette")
    assert reason in refused(text, valid_data)


def test_sizes_are_limited(valid_data):
    assert "longer than 20,000 characters" in refused(body("valid-korean.md") + "x" * 20_000, valid_data)
    long_quote = body("valid-korean.md").replace("밝혔다.", "밝혔다." + " 말" * 400)
    assert "quoted passage 1 is longer than 600 characters" in refused(long_quote, valid_data)
    many = body("valid-korean.md").replace("### What each passage claims",
                                           "\n\n".join(f"Passage {n}." for n in range(7)) + "\n\n### What each passage claims")
    assert "give at most 6 quoted passages" in refused(many, valid_data)
    two_lines = body("valid-korean.md").replace("Example Gazette", "Example\nGazette")
    assert "'Outlet' must be one line" in refused(two_lines, valid_data)


def test_a_body_not_from_the_form_or_missing_fields_is_refused(valid_data):
    assert "does not start with the form's first heading" in refused("Hello\n" + body("valid-korean.md"), valid_data)
    no_passages = body("valid-korean.md").split("### Quoted passages")[0]
    reasons = refused(no_passages, valid_data)
    assert "'Quoted passages' is missing or empty" in reasons


def test_an_existing_report_is_never_replaced(valid_data):
    path, _, _ = propose(body("valid-korean.md"), valid_data)
    before = path.read_bytes()
    assert "already exists" in refused(body("valid-korean.md"), valid_data)
    assert path.read_bytes() == before


# --- the command and the form ----------------------------------------------------------------------


def test_command_writes_the_file_the_pr_text_and_the_outputs(valid_data, tmp_path):
    (tmp_path / "body.md").write_text(body("valid-korean.md"))
    done = subprocess.run(
        [sys.executable, "-m", "scripts.propose_report", "--body-file", str(tmp_path / "body.md"), "--issue", "5",
         "--data-dir", str(valid_data), "--pr-body", str(tmp_path / "pr.md"),
         "--github-output", str(tmp_path / "out")],
        cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    outputs = dict(line.split("=", 1) for line in (tmp_path / "out").read_text().splitlines())
    assert outputs["id"].startswith("2024-05-06-example-gazette-")
    assert Path(outputs["path"]).name == outputs["id"] + ".yaml" and Path(outputs["path"]).is_file()
    assert (tmp_path / "pr.md").read_text().startswith("Drafted from the report proposal in #5.")


def test_command_refuses_with_reasons_and_exit_status_1(valid_data, tmp_path):
    (tmp_path / "body.md").write_bytes(body("hostile-urls-and-sizes.md").encode() + b"\xff")
    done = subprocess.run(
        [sys.executable, "-m", "scripts.propose_report", "--body-file", str(tmp_path / "body.md"),
         "--data-dir", str(valid_data)],
        cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 1
    assert done.stderr == "Not written:\nthe proposal is not UTF-8 text\n"


def test_the_issue_form_and_the_script_agree_on_the_fields():
    form = yaml.safe_load((PROJECT / ".github" / "ISSUE_TEMPLATE" / "propose-report.yml").read_text())
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    assert labels == list(propose_report.FIELDS)
    required = {propose_report.FIELDS[item["attributes"]["label"]] for item in form["body"]
                if item.get("validations", {}).get("required") and item["type"] != "checkboxes"}
    assert required == set(propose_report.REQUIRED)
    assert all("render" not in item.get("attributes", {}) for item in form["body"]), \
        "a rendered textarea arrives wrapped in a code fence"
