"""Every worksheet on paper: at most two sheets of A4 and of US Letter, usable without a device.

The site is built with a SITE_URL, as the deploy workflow builds it, so every reading prints with
its full address and a QR code (the largest a sheet gets). Each lesson's worksheet is printed by
Chromium to A4 and to Letter; `pdfinfo` counts the pages, `pdftotext` reads what is on them.
A sheet holds one class's work, the lesson's core path; it names the full path's exercises, which
students do on the lesson page. (The teacher's answer version, with every exercise, its answer and
its rubric, takes 4 to 8 pages: its page count is not limited here.)
Copies of the PDFs go to screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from pagetypes import SCREENSHOTS
from sitebuild import build, copy_project, serve_directory
from test_print import _tool
from testpaths import PROJECT

SITE = "https://example.org/reading-war-claims/"
LESSONS = sorted(p.stem for p in (PROJECT / "data" / "lessons").glob("*.yaml"))
MAX_PAGES = 2
QR_MM = 14  # a QR code printed smaller than this is hard for a phone to read


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """The project built as it is published: with an absolute address."""
    result = build(copy_project(tmp_path_factory.mktemp("published")), site_url=SITE)
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as server:
        yield server.url


_SHEET = """() => {
  const mm = px => px * 25.4 / 96;
  return {
    addresses: [...document.querySelectorAll('.ck-sheet-readings .ck-address')].map(a => a.textContent.trim()),
    qr_mm: [...document.querySelectorAll('.ck-sheet-readings .ck-qr')]
      .filter(q => q.checkVisibility()).map(q => mm(q.getBoundingClientRect().width)),
    head_qr: document.querySelectorAll('.ck-worksheet-head .ck-qr').length,
    titles: [...document.querySelectorAll('.ck-ex__title')].map(t => t.innerText.replace(/\\s+/g, ' ').trim()),
    chains: [...document.querySelectorAll('.ck-ex--chain-step')].map(e => e.querySelectorAll('.ck-chainbox').length),
    lines: [...document.querySelectorAll('.ck-sheet-exercises .ck-ex')].map(e =>
      e.querySelectorAll('.ck-lines > span, .ck-chainbox, td.ck-blank, .ck-verdict__box, .ck-box').length),
    extras: (document.querySelector('.ck-sheet-extras') || {innerText: ''}).innerText,
  };
}"""


def _pdf_text(pdf) -> str:
    return subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pages(pdf) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])


@pytest.fixture(scope="module")
def sheets(browser, published_site, tmp_path_factory):
    """Each worksheet printed to A4 and Letter: {(lesson, paper): (pages, text, dom)}."""
    _tool("pdfinfo")
    out = tmp_path_factory.mktemp("sheets")
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    result = {}
    for lesson in LESSONS:
        page.goto(published_site + f"worksheets/{lesson}/", wait_until="networkidle")
        page.emulate_media(media="print")
        dom = page.evaluate(_SHEET)
        for paper in ("A4", "Letter"):
            pdf = out / f"worksheet-{lesson}-{paper}.pdf"
            page.pdf(path=str(pdf), format=paper)
            shutil.copy(pdf, SCREENSHOTS / pdf.name)
            result[lesson, paper] = (_pages(pdf), _pdf_text(pdf), dom)
        page.emulate_media(media="screen")
    context.close()
    return result


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_a_worksheet_prints_on_two_sheets_at_most(sheets, lesson, paper):
    pages, _, _ = sheets[lesson, paper]
    assert 1 <= pages <= MAX_PAGES, f"{lesson} prints on {pages} {paper} pages"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_reading_prints_its_full_address_and_a_qr_code(sheets, lesson):
    _, text, dom = sheets[lesson, "A4"]
    readings = yaml.safe_load((PROJECT / "data" / "lessons" / f"{lesson}.yaml").read_text(encoding="utf-8"))["readings"]
    assert len(dom["addresses"]) == len(readings)
    on_paper = _flat(text)  # an address wraps at the end of its column
    # where it wraps after a hyphen ("#claim-" | "plant-..."), pdftotext joins the two lines and drops the hyphen
    unhyphenated = on_paper.replace("-", "")
    for address in dom["addresses"]:
        assert address.startswith(SITE), f"{address} is not a full address"
        assert _flat(address) in on_paper or _flat(address).replace("-", "") in unhyphenated, \
            f"{address} is not on paper"
    assert len(dom["qr_mm"]) == len(readings), "a QR code for every reading"
    assert min(dom["qr_mm"]) >= QR_MM, f"QR codes printed {min(dom['qr_mm']):.1f} mm wide"
    assert dom["head_qr"] == 1, "the lesson page (with the quiz) has a QR code too"
    assert _flat(SITE + f"lessons/{lesson}/") in on_paper


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_prints_its_excerpts_and_space_to_write(sheets, lesson):
    _, text, dom = sheets[lesson, "A4"]
    data = yaml.safe_load((PROJECT / "data" / "lessons" / f"{lesson}.yaml").read_text(encoding="utf-8"))
    on_paper = _flat(text)
    # one class's work (the core path); the full path's exercises are named, for the lesson page
    core = [e for e in data["exercises"] if e.get("core", True)]
    assert len(dom["titles"]) == len(core)
    for title, exercise in zip(dom["titles"], core, strict=True):
        assert exercise["title"] in title and _flat(title) in on_paper
    for exercise in data["exercises"]:
        if not exercise.get("core", True):
            assert exercise["title"] in dom["extras"] and _flat(exercise["title"]) in on_paper
    for exercise in core:
        for printed in exercise.get("printed") or []:  # translation items: the garbled words, on paper
            assert _flat(printed) in on_paper
    assert all(n >= 4 for n in dom["chains"]), "empty boxes for every step of a chain, and the report"
    assert all(n >= 1 for n in dom["lines"]), f"an exercise with no space to write: {dom['lines']}"
    for leak in ("✓", "Answer:", "Right:", "Answer key"):
        assert leak not in text
