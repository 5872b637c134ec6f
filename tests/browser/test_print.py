"""Printing, checked on paper: the served site printed to PDF by Chromium, read back with poppler-utils.

A worksheet prints its exercises and its space to write, and nothing of the site's
navigation, header, footer or sidebars; the student's pages (worksheet and lesson) print no
answers, the teacher guide prints them all. The text comes from `pdftotext`, the lines to write
on are counted in the page images from `pdftoppm`. Copies of the PDFs and of their first pages
as PNG go to screenshots/ (not committed) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pagetypes import SCREENSHOTS

PAGES = {"worksheet": "worksheets/lesson-1/", "lesson": "lessons/lesson-1/", "teacher": "teachers/lesson-1/"}
SITE_CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
               ".md-search", ".md-top"]
# Words that only the site's header, navigation, table of contents and footer show.
NAVIGATION_TEXT = ["Reading war claims", "Claim trackers", "Contributors", "Checks and messages", "Skip to content",
                   "Table of contents", "Made with", "Material for MkDocs", "Back to top", "Previous", "Next"]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        message = f"{name} not found: install Debian's poppler-utils (`apt-get install poppler-utils`)"
        if os.environ.get("CI"):
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Printed:
    pdf: Path
    text: str  # the PDF's text, whitespace collapsed
    pages: int
    chrome: dict[str, str | None]  # selector -> computed display under print media (None: not in the page)
    dom: dict = field(default_factory=dict)


_DOM = """() => {
  const texts = sel => [...document.querySelectorAll(sel)].map(e => e.innerText.replace(/\\s+/g, ' ').trim());
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => getComputedStyle(e).display !== 'none').length;
  return {
    exercises: texts('.md-content .ck-ex__title'),
    prompts: texts('.md-content .ck-q__prompt'),
    // each answer block as its paragraphs and innermost list items (list numbers are not in innerText)
    answers: [...document.querySelectorAll('.md-content .ck-answer')].map(e =>
      [...e.querySelectorAll('p:not(.admonition-title), li:not(:has(li, p))')]
        .map(c => c.innerText.replace(/\\s+/g, ' ').trim()).filter(t => t.length >= 20)),
    correct_marks: texts('.md-content .ck-q__mark').filter(t => t.includes('correct')).length,
    lines: document.querySelectorAll('.md-content .ck-lines > span').length,
    chain_boxes: document.querySelectorAll('.md-content .ck-chainbox').length,
    line_height: Math.min(...[...document.querySelectorAll('.md-content .ck-lines > span')]
      .map(s => s.getBoundingClientRect().height)),
    exercises_shown: shown('.md-content .ck-ex'),
    answers_shown: shown('.md-content .ck-answer'),
    quiz_keys_shown: shown('.md-content .ck-q__key'),
    feedback_shown: shown('.md-content .ck-q__feedback, .md-content .ck-quiz__status'),
    content_display: getComputedStyle(document.querySelector('.md-content')).display,
  };
}"""


@pytest.fixture(scope="module")
def printed(browser, site_url, tmp_path_factory) -> dict[str, Printed]:
    """Each page of PAGES printed once, to A4 PDF, under print media."""
    pdftotext = _tool("pdftotext")
    pdftoppm = _tool("pdftoppm")
    out = tmp_path_factory.mktemp("print")
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    result = {}
    for kind, path in PAGES.items():
        page.goto(site_url + path, wait_until="networkidle")
        page.emulate_media(media="print")
        chrome = {sel: page.evaluate("s => { const e = document.querySelector(s); "
                                     "return e ? getComputedStyle(e).display : null; }", sel)
                  for sel in SITE_CHROME}
        dom = page.evaluate(_DOM)
        pdf = out / f"{kind}.pdf"
        page.pdf(path=str(pdf), format="A4")
        page.emulate_media(media="screen")
        text = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = text.count("\f")
        for old in SCREENSHOTS.glob(f"print-{kind}-*.png"):
            old.unlink()
        shutil.copy(pdf, SCREENSHOTS / f"print-{kind}.pdf")
        subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                        str(SCREENSHOTS / f"print-{kind}")], check=True)
        result[kind] = Printed(pdf, _flat(text), pages, chrome, dom)
    context.close()
    return result


def _ruled_lines(pdf: Path, dpi: int = 100) -> list[int]:
    """Per page, the horizontal rules that run across at least 60% of the page width (lines to write on)."""
    raw = subprocess.run([_tool("pdftoppm"), "-gray", "-r", str(dpi), str(pdf)], capture_output=True,
                         check=True).stdout
    dark = bytes(1 if value < 160 else 0 for value in range(256))
    counts, at = [], 0
    while at < len(raw):
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", raw[at:])
        width, height = int(header[1]), int(header[2])
        start = at + header.end()
        pixels = raw[start:start + width * height].translate(dark)
        at = start + width * height
        rules, previous = 0, False
        for y in range(height):
            longest = max(len(run) for run in pixels[y * width:(y + 1) * width].split(b"\0"))
            hit = longest >= 0.6 * width
            rules += hit and not previous
            previous = hit
        counts.append(rules)
    return counts


@pytest.mark.parametrize("kind", PAGES)
def test_print_leaves_out_the_site_navigation(printed, kind):
    doc = printed[kind]
    shown = {sel: display for sel, display in doc.chrome.items() if display not in (None, "none")}
    assert not shown, f"{kind}: printed with {shown}"
    assert doc.chrome[".md-header"] == "none" and doc.chrome[".md-sidebar--primary"] == "none"
    assert doc.dom["content_display"] != "none"
    on_paper = [words for words in NAVIGATION_TEXT if words in doc.text]
    assert not on_paper, f"{kind}: the PDF shows {on_paper}"


def test_worksheet_prints_every_exercise_and_space_to_write(printed, course):
    """(Two sheets at most, readings with addresses and QR codes, for every lesson: test_worksheet_print.py.)"""
    doc = printed["worksheet"]
    assert "Worksheet, lesson 1: Who is speaking?" in doc.text
    for field_name in ("Name:", "Class:", "Date:"):
        assert field_name in doc.text
    assert len(doc.dom["exercises"]) >= 4 and doc.dom["exercises_shown"] == len(doc.dom["exercises"])
    for title in doc.dom["exercises"]:
        assert title in doc.text, f"exercise {title!r} is not on paper"
    # The quiz marks itself on the lesson page; the sheet says where it is.
    assert not doc.dom["prompts"]
    assert "a quiz of 5 questions that marks itself" in doc.text and "lessons/lesson-1/" in doc.text
    assert "What I learned" in doc.text
    # Space to write: empty boxes for each chain of sources, and lines about 8 mm apart, every one printed.
    # (the sheet holds the lesson's core path; each chain has a box per step and one for the report)
    chains = [e for e in course.lesson("lesson-1").exercises if e.type == "chain-step" and e.core]
    assert chains and doc.dom["chain_boxes"] >= 4 * len(chains)
    assert doc.dom["line_height"] >= 30
    rules = _ruled_lines(doc.pdf)
    assert sum(rules) >= doc.dom["lines"] >= 5, f"{rules} ruled lines on paper for {doc.dom['lines']} in the page"


def test_teacher_guide_prints_the_answers(printed):
    doc = printed["teacher"]
    assert "Answer key: exercises" in doc.text and "Answer key: quiz" in doc.text
    assert len(doc.dom["answers"]) >= 4 and doc.dom["answers_shown"] == len(doc.dom["answers"])
    for answer in doc.dom["answers"]:
        assert answer, "an answer with no text"
        for part in answer:
            assert part[:80] in doc.text, f"the answer {part[:80]!r} is not on paper"
    assert doc.dom["correct_marks"] >= 5
    assert doc.text.count("✓ correct") == doc.dom["correct_marks"]
    assert "Answer: b, d." in doc.text  # the first quiz question's key


@pytest.mark.parametrize("kind", ["worksheet", "lesson"])
def test_student_pages_print_no_answers(printed, kind):
    doc = printed[kind]
    teacher = printed["teacher"]
    for answer in teacher.dom["answers"]:
        shown = [part[:80] for part in answer if part[:80] in doc.text]
        assert not shown, f"{kind}: the PDF shows the answer {shown}"
    for leak in ("✓", "✗", "Answer:", "Right:", "Wrong:", "Show the answer", "Answer key"):
        assert leak not in doc.text, f"{kind}: the PDF shows {leak!r}"
    assert doc.dom["answers_shown"] == 0 and doc.dom["quiz_keys_shown"] == 0 and doc.dom["feedback_shown"] == 0
    if kind == "lesson":  # the lesson page keeps its exercises on paper, only the folded answers go
        assert len(doc.dom["exercises"]) >= 4
        for title in doc.dom["exercises"]:
            assert title in doc.text
