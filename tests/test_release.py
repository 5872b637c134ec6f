"""Release metadata and the GitHub workflows: pinned actions, no untrusted code with secrets,
CI through .ci/run, release notes from CHANGELOG.md."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from testpaths import PROJECT

from scripts import changelog_section

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))


def _workflow(path):
    # PyYAML reads the key `on` as True (YAML 1.1)
    return yaml.safe_load(path.read_text())


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml", "release.yml", "propose-report.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_the_tag_in_a_comment(path):
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", path.read_text(), re.MULTILINE)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action}: pin a full commit SHA"
        assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), f"{action}: give the tag as '# vX.Y.Z'"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_untrusted_text_in_scripts_and_no_pull_request_target(path):
    text = path.read_text()
    workflow = _workflow(path)
    assert "pull_request_target" not in workflow[True]
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            # ${{ }} in a run: script is pasted into the shell before it runs; pass values through env
            assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name') or step['run'][:40]}"
    assert "github.event.issue.title" not in text and "github.head_ref" not in text


def test_ci_calls_the_projects_own_script():
    ci = _workflow(PROJECT / ".github" / "workflows" / "ci.yml")
    runs = [step.get("run", "") for job in ci["jobs"].values() for step in job["steps"]]
    assert "bash .ci/run" in runs
    run_script = (PROJECT / ".ci" / "run").read_text()
    assert "make lint" in run_script and "make test" in run_script and "browser-deps" in run_script
    assert 'make validate VALIDATE_ARGS="--error placeholder' in run_script, "a TODO fails CI"


def test_permissions_are_read_only_unless_a_job_needs_more():
    for path in WORKFLOWS:
        workflow = _workflow(path)
        assert workflow.get("permissions") in ({"contents": "read"}, {}), path.name


def test_the_release_attaches_the_bundle_and_the_export():
    release = (PROJECT / ".github" / "workflows" / "release.yml").read_text()
    for asset in ["dist/reading-war-claims-offline.zip", "claims.json", "claims.csv", "claims.csv-metadata.json"]:
        assert asset in release


def test_versions_agree_and_citation_is_complete():
    versions = changelog_section.declared_versions(PROJECT)
    assert len(set(versions.values())) == 1, versions
    citation = yaml.safe_load((PROJECT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "version", "license"} <= set(citation)
    assert citation["license"] == ["MIT", "CC-BY-4.0"]


def test_release_notes_come_from_the_changelog_and_a_missing_section_stops_the_release(tmp_path, capsys):
    for name in ["pyproject.toml", "CITATION.cff"]:
        shutil.copy(PROJECT / name, tmp_path / name)
    version = changelog_section.declared_versions(PROJECT)["pyproject.toml"]
    (tmp_path / "CHANGELOG.md").write_text(
        f"# Changelog\n\n## [Unreleased]\n\n- next\n\n## [{version}] - 2026-12-01\n\n### Added\n\n- this\n\n"
        "## [0.0.1] - 2026-01-01\n\n- old\n")
    assert changelog_section.main([f"v{version}", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "### Added\n\n- this\n"
    assert changelog_section.main(["v9.9.9", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "pyproject.toml says version" in err and "CHANGELOG.md has no '## [9.9.9]' section" in err
