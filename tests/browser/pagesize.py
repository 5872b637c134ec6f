"""How long a report page is on a phone, measured as a student sees it: one helper for the test and for notes.

A page is measured in Chromium at 390 x 844 px (a common phone) with every folded section (<details>)
closed: *screens* is the document's scroll height divided by 844, *visible words* the words of the
content area that are rendered (Chromium's innerText leaves out closed <details> and hidden elements;
a word is counted as claimkit.analysis.word_count counts one).

A report page has several states; all but ``checked`` must fit the limits (test_report_size.py):

- ``practice``: as it opens, with JavaScript (the plain quotes to mark, the answers waiting);
- ``checked``: after "Check my marks" with nothing marked (the longest results: every cue missed;
  printed, not limited, as its length depends on the student's marks);
- ``answers``: after "Skip: show the answers" (the annotated page);
- ``no-js``: with JavaScript off (the annotated page, no practice controls).

Run it to print the numbers of every report page of a built site:

    .venv/bin/python tests/browser/pagesize.py SITE_DIR
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

PHONE = {"width": 390, "height": 844}
_WORD = re.compile(r"[\w’'-]+(?:[.,]\d+)*")  # the same word as claimkit.analysis.word_count

# The limits of issue 14 for every report page, in every state.
MAX_SCREENS = 10
MAX_WORDS = 1500
STATES = ("practice", "checked", "answers", "no-js")


@dataclass(frozen=True)
class Size:
    screens: float
    words: int

    def __str__(self) -> str:
        return f"{self.screens:5.1f} screens {self.words:5d} words"


def measure(page) -> Size:
    """The size of the page loaded in ``page`` (a Playwright page with a 390 x 844 viewport)."""
    page.evaluate("document.querySelectorAll('details[open]').forEach(d => d.open = false)")
    height, text = page.evaluate("""() => [document.documentElement.scrollHeight,
                                           document.querySelector('.md-content').innerText]""")
    return Size(round(height / PHONE["height"], 1), len(_WORD.findall(text)))


def measure_states(browser, url: str) -> dict[str, Size]:
    """The page at ``url`` in each of STATES, each in a fresh browser profile (nothing remembered)."""
    sizes = {}
    for state in STATES:
        context = browser.new_context(viewport=PHONE, java_script_enabled=state != "no-js")
        page = context.new_page()
        page.goto(url)
        if state == "checked":
            page.locator(".ck-practice-end [data-action=check]").click()
        elif state == "answers":
            page.locator(".ck-practice [data-action=skip]").click()
        sizes[state] = measure(page)
        context.close()
    return sizes


def report_urls(site: Path) -> list[str]:
    """The site-relative address of every report page in a built site (directory URLs)."""
    return sorted(f"reports/{p.parent.name}/" for p in (site / "reports").glob("*/index.html")
                  if p.parent.name != "index")


def main(site: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from playwright.sync_api import sync_playwright
    from sitebuild import serve_directory
    from testpaths import CHROMIUM, LAUNCH_ARGS

    with serve_directory(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        print(" | ".join(f"{state:^24}" for state in STATES), "| page")
        for url in report_urls(site):
            sizes = measure_states(browser, server.url + url)
            print(" | ".join(f"{sizes[state]!s:>24}" for state in STATES), "|", url)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
