"""The site's page types for browser tests, and how Chromium is started."""

from __future__ import annotations

import re
from pathlib import Path

from testpaths import CHROMIUM, LAUNCH_ARGS, PROJECT  # noqa: F401 (re-exported for the browser tests)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
# The first case study in the data (whichever it is: the tests name no case).
FIRST_CASE = re.search(r"^  - id: (\S+)$", (PROJECT / "data" / "cases.yaml").read_text(), re.MULTILINE)[1]

# Every page type of the site, with one example page. Add a line when a page type lands.
PAGE_TYPES = {
    "home": "",
    "cases-index": "cases/",
    "case": f"cases/{FIRST_CASE}/",
    "reports-index": "reports/",
    "report": "reports/2022-08-dh-thousands-of-volunteers-offered/",
    "report-translated": "reports/2023-korean-column-volunteer-army/",
    "source": "sources/igor-korotchenko/",
    "sources-index": "sources/",
    "tracker": "trackers/nk-troops-sent/",
    "trackers-index": "trackers/",
    "timeline": "timeline/",
    "translation": "translation/",
    "hedging-guide": "guide/hedging/",
    "grading-guide": "guide/source-grading/",
    "data-quality": "quality/",
    "charts": "charts/",
    "lessons-index": "lessons/",
    "lesson": "lessons/lesson-1/",
    "teacher-guide": "teachers/lesson-1/",
    "worksheet": "worksheets/lesson-1/",
    "projector": "present/lesson-1/",
    "answer-worksheet": "worksheets/answers/lesson-1/",
    "check": "check/before/",
    "class-results": "teachers/class-results/",
    "glossary": "glossary/",
    "contributing": "contributing/how-this-site-works/",
}
