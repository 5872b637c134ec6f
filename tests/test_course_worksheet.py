"""The printable worksheet's helpers and markup (macros/claimkit/course_worksheet.py), without MkDocs.

Pages on paper are measured in tests/browser/test_worksheet_print.py.
"""

from __future__ import annotations

import re

import pytest
from testpaths import PROJECT

from macros.claimkit.course_loader import load_course
from macros.claimkit.course_render import CourseRenderer
from macros.claimkit.course_worksheet import chain_boxes, excerpt
from macros.claimkit.loader import load_dataset

DATA = PROJECT / "data"
QUOTE = ("In August last year, Russian defense expert Igor Koroshenko said in an appearance on Russian state TV "
         "that North Korea had offered to send 8,10 volunteer forces to help Russia.")


def test_an_excerpt_keeps_the_words_around_what_it_asks_about():
    cut = excerpt(QUOTE, "8,10", context=3)
    assert str(cut) == "… offered to send <strong>8,10</strong> volunteer forces to …"
    assert str(excerpt(QUOTE, "In August", context=2)) == "<strong>In August</strong> last year, …"
    assert str(excerpt(QUOTE, "help Russia.", context=2)) == "… forces to <strong>help Russia.</strong>"


def test_an_excerpt_of_a_short_quote_is_the_whole_quote():
    assert str(excerpt("He said so.", "said", context=6)) == "He <strong>said</strong> so."


def test_an_excerpt_is_escaped_and_verbatim():
    hostile = 'a b c <script>alert("x")</script> d e f g h i j'
    cut = str(excerpt(hostile, "<script>", context=1))
    assert "<script>" not in cut and "&lt;script&gt;" in cut
    words = re.sub(r"<[^>]+>|…", "", str(excerpt(QUOTE, "volunteer forces", context=4))).strip()
    assert words in QUOTE, "the words kept are the quote's own, in order"


def test_words_not_in_the_quote_leave_it_whole():
    assert str(excerpt(QUOTE, "missing words")) == QUOTE


def test_chain_boxes_never_give_away_a_short_chain():
    assert chain_boxes([1]) == chain_boxes([1, 2]) == chain_boxes([1, 2, 3]) == 3
    assert chain_boxes([1, 2, 3, 4, 5]) == 5


@pytest.fixture(scope="module")
def renderer_for():
    dataset = load_dataset(DATA)
    course = load_course(DATA, dataset, docs_dir=PROJECT / "docs")
    return lambda site_url: CourseRenderer(dataset, course, site_url=site_url)


def test_readings_have_full_addresses_and_qr_codes_only_when_the_site_has_an_address(renderer_for):
    published = renderer_for("https://example.org/claims/").worksheet("lesson-1", "worksheets/lesson-1/")
    readings = published.split('class="ck-sheet-readings"', 1)[1].split("</ol>", 1)[0]
    addresses = re.findall(r'<span class="ck-address">([^<]+)</span>', readings)
    assert len(addresses) == 6 == readings.count('class="ck-qr"')
    assert all(a.startswith("https://example.org/claims/") for a in addresses)
    assert "https://example.org/claims/reports/2022-08-dh-thousands-of-volunteers-offered/#claim-nyp-over-100000" \
        in addresses
    local = renderer_for(None).worksheet("lesson-1", "worksheets/lesson-1/")
    assert 'class="ck-qr"' not in local, "no QR code of a path that opens nothing on a phone"
    assert "reports/2022-08-dh-thousands-of-volunteers-offered/#claim-nyp-over-100000" in local


def test_the_worksheet_carries_no_answers(renderer_for):
    html = renderer_for(None).worksheet("lesson-1", "worksheets/lesson-1/")
    assert "ck-answer" not in html and "data-correct" not in html and "✓" not in html
