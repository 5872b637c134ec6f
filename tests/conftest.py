from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from testpaths import CHROMIUM, ENABLE_BROWSER_TESTS, FIXTURES, LAUNCH_ARGS, PROJECT


@pytest.fixture(scope="session")
def dataset():
    """The project's own data, validated (test files about other data define their own)."""
    from macros.claimkit.loader import load_dataset

    return load_dataset(PROJECT / "data")


@pytest.fixture(scope="session")
def course(dataset):
    """The project's course (lessons, lateral sets, checks) on its own data."""
    from macros.claimkit.course_loader import load_course

    return load_course(PROJECT / "data", dataset, docs_dir=PROJECT / "docs")


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the course files and glossary (the case data is read from the project)."""
    data = PROJECT / "data"
    target = tmp_path / "data"
    for folder in ("lessons", "lateral", "checks"):
        if (data / folder).is_dir():
            shutil.copytree(data / folder, target / folder)
    shutil.copy(data / "glossary.yaml", target / "glossary.yaml")
    return target


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A writable copy of the small synthetic dataset in tests/fixtures/valid."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


@pytest.fixture
def rich_data(valid_data: Path) -> Path:
    """The valid dataset plus a relay report, an event and a graded source (tests/fixtures/explainer)."""
    extra = FIXTURES / "explainer"
    shutil.copy(extra / "2024-04-example-courier-relay.yaml", valid_data / "reports")
    shutil.copy(extra / "events.yaml", valid_data / "events.yaml")
    with (valid_data / "sources.yaml").open("a") as sources:
        sources.write((extra / "extra-sources.yaml").read_text())
    return valid_data


@pytest.fixture
def two_cases(valid_data: Path) -> Path:
    """The valid dataset (one case) plus a second invented case (tests/fixtures/second-case): its own
    reports, sources, measure and event, a Hebrew report, a source cited in both cases and a measure
    both cases give figures for."""
    extra = FIXTURES / "second-case"
    for name in ("cases.yaml", "events.yaml"):
        shutil.copy(extra / name, valid_data / name)
    for report in (extra / "reports").glob("*.yaml"):
        shutil.copy(report, valid_data / "reports")
    for extra_file, target in (("extra-sources.yaml", "sources.yaml"), ("extra-measures.yaml", "measures.yaml")):
        with (valid_data / target).open("a") as out:
            out.write((extra / extra_file).read_text())
    return valid_data


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real project (docs/ and data/), built once per session in a throwaway copy."""
    from sitebuild import build, copy_project

    result = build(copy_project(tmp_path_factory.mktemp("real-project")))
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def bundle_zip(tmp_path_factory) -> Path:
    """The offline bundle (`make offline`), built once by the real command from a copy of the project."""
    from sitebuild import copy_project, offline_bundle

    project = copy_project(tmp_path_factory.mktemp("offline-project"))
    shutil.copy(PROJECT / "mkdocs.offline.yml", project / "mkdocs.offline.yml")
    output = tmp_path_factory.mktemp("offline-dist") / "reading-war-claims-offline.zip"
    done = offline_bundle(project, output)
    assert done.returncode == 0, done.stdout + done.stderr
    return output


def _browser_available() -> bool:
    return Path(CHROMIUM).exists()


@pytest.fixture(scope="session")
def browser():
    if not _browser_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium package")
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `{ENABLE_BROWSER_TESTS}` to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


# --- one closing line when browser tests were skipped ----------------------------------------------
# Outside CI a machine without Chromium, Java, the HTML checker or poppler-utils skips the browser tests (tests/browser/);
# pytest's own summary lists each reason above its last line, where it is easy to miss. The count
# and the command that enables them come last, after pytest's summary line. (With pytest-xdist the
# reports arrive here, in the controller, from every worker.)
_browser_skips: set[str] = set()


def pytest_runtest_logreport(report):
    if report.skipped and report.nodeid.startswith("tests/browser/"):
        _browser_skips.add(report.nodeid)


def pytest_unconfigure(config):
    if not _browser_skips or hasattr(config, "workerinput"):  # a worker's count is the controller's too
        return
    count = len(_browser_skips)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    line = (f"{count} browser test{'s' if count != 1 else ''} skipped (Chromium, Java, the HTML checker or poppler-utils missing); "
            f"to run them: {ENABLE_BROWSER_TESTS}")
    if reporter is not None:
        reporter.write_line(line, yellow=True, bold=True)
    else:
        print(line)
