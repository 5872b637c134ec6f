"""The site on a phone (390 px wide), measured: bar charts, text size, quiz options, wide charts.

Each test measures what a student sees on a small screen, in the laid-out page: the width a bar
has to be drawn in, the size of every piece of text in the page's content, the room a quiz
answer's words get once the answer is marked, and whether a chart or table wider than the
screen tells the reader to scroll sideways (phones hide scroll bars until one scrolls).
"""

from __future__ import annotations

import pytest
from pagetypes import PAGE_TYPES

PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT_PX = 12
EXTRA_PAGES = {"lesson-4": "lessons/lesson-4/", "teacher-guide-6": "teachers/lesson-6/"}


def _path(kind: str) -> str:
    return PAGE_TYPES[kind] if kind in PAGE_TYPES else EXTRA_PAGES[kind]


def _show_everything(page) -> None:
    """What a student sees after skipping a report's practice and opening every folded section."""
    skip = page.locator('[data-action="skip"]')
    if skip.count() and skip.first.is_visible():
        skip.first.click()
    page.evaluate("document.querySelectorAll('.md-content details').forEach(d => { d.open = true; })")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_bar_charts_keep_room_for_their_bars(phone, site_url):
    phone.goto(site_url + PAGE_TYPES["report"])
    _show_everything(phone)
    rows = phone.evaluate("""() => [...document.querySelectorAll('.ck-bars__rows > li')].map(li => ({
        row: li.getBoundingClientRect().width,
        track: li.querySelector('.ck-bars__track').getBoundingClientRect().width,
        label: li.querySelector('.ck-bars__label').textContent,
        longest: Math.max(0, ...[...li.querySelectorAll('.ck-bars__seg')].map(s => s.getBoundingClientRect().width)),
    }))""")
    assert len(rows) >= 5
    assert min(r["row"] for r in rows) >= 300, "the charts are laid out on the page (not folded away)"
    for row in rows:
        assert row["track"] >= 0.5 * row["row"], f"{row['label']!r}: bars drawn in {row['track']:.0f} of {row['row']:.0f} px"
    # the longest bar of each chart fills its track, so it is at least as wide as half the row
    assert max(r["longest"] for r in rows) >= 0.5 * rows[0]["row"]


_SMALL_TEXT = """() => {
  const content = document.querySelector('.md-content');
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  const small = [];
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // text for screen readers only
    seen += 1;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < MIN - 0.05) small.push(`${size.toFixed(1)}px ${el.tagName.toLowerCase()}.${el.className}: ${text.slice(0, 40)}`);
  }
  return {seen, small: [...new Set(small)]};
}"""


@pytest.mark.parametrize("kind", list(PAGE_TYPES) + list(EXTRA_PAGES))
def test_no_content_text_is_smaller_than_12px(phone, site_url, kind):
    phone.goto(site_url + _path(kind))
    _show_everything(phone)
    found = phone.evaluate(_SMALL_TEXT.replace("MIN", str(SMALLEST_TEXT_PX)))
    assert found["seen"] >= 5, "the walk found the page's text"
    assert not found["small"], "\n".join(found["small"][:15])


def _answer_every_question(page) -> int:
    """Pick the first option of every question (and check it, where several answers may fit)."""
    questions = page.locator(".ck-q")
    for i in range(questions.count()):
        question = questions.nth(i)
        question.locator(".ck-q__option").first.click()
        check = question.get_by_role("button", name="Check my answer")
        if check.count() and check.is_visible():
            check.click()
    return questions.count()


_OPTION_ROOM = """() => [...document.querySelectorAll('.ck-q__option')].map(option => {
  const label = option.querySelector('.ck-q__label');
  const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
  // the width the words are laid out in (the label's own box is only as wide as its longest line)
  return {text: label.textContent, option: option.getBoundingClientRect().width,
          label: label.parentElement.getBoundingClientRect().width,
          lines: Math.round(label.getBoundingClientRect().height / lineHeight),
          verdict: option.querySelector('.ck-q__verdict').textContent};
})"""


@pytest.mark.parametrize("lesson", ["lesson-1", "lesson-2"])
def test_quiz_answers_keep_their_width_once_marked(phone, site_url, lesson):
    phone.goto(site_url + f"lessons/{lesson}/")
    assert _answer_every_question(phone) >= 4
    options = phone.evaluate(_OPTION_ROOM)
    assert sum(bool(o["verdict"]) for o in options) >= 4, "no answer was marked"
    squeezed = [o for o in options if o["lines"] > 1 and o["label"] < 0.6 * o["option"]]
    assert not squeezed, "\n".join(f"{o['text']!r}: {o['lines']} lines in {o['label']:.0f} of {o['option']:.0f} px"
                                   for o in squeezed)


_CLIPPED = """() => {
  for (const d of document.querySelectorAll('.md-content details')) d.open = true;
  const cue = box => {
    // a sentence that says so, next to or inside the box, or scroll shadows (backgrounds that move with the content)
    const around = box.closest('figure, .ck-tablewrap, .md-typeset__scrollwrap') || box;
    const said = [...around.querySelectorAll('.ck-scroll-hint'), ...(around.parentElement ? around.parentElement.querySelectorAll(':scope > .ck-scroll-hint') : [])]
      .some(h => h.checkVisibility() && /scroll/i.test(h.textContent) && h.getBoundingClientRect().height > 0);
    const shadows = getComputedStyle(box).backgroundAttachment.includes('local') && getComputedStyle(box).backgroundImage !== 'none';
    // a chart is an opaque image, over any shadow: it needs the sentence
    return box.querySelector('img') ? said : said || shadows;
  };
  return [...document.querySelectorAll('.md-content *')]
    .filter(el => !el.closest('pre, code') && el.checkVisibility() && el.clientWidth > 1
                  && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
    .map(el => ({box: `${el.tagName.toLowerCase()}.${el.className}`, wide: el.scrollWidth, shown: el.clientWidth,
                 chart: !!el.querySelector('img'), cue: cue(el)}));
}"""


@pytest.mark.parametrize("kind", ["tracker", "timeline", "charts", "lesson", "teacher-guide", "lessons-index",
                                  "lesson-4", "teacher-guide-6"])
def test_nothing_is_cut_off_without_a_visible_way_to_scroll(phone, site_url, kind):
    phone.goto(site_url + _path(kind), wait_until="networkidle")
    clipped = phone.evaluate(_CLIPPED)
    hidden = [c for c in clipped if not c["cue"]]
    assert not hidden, "\n".join(f"{c['box']}: {c['wide']} px wide, {c['shown']} px shown, nothing says so"
                                 for c in hidden)
    if kind in ("tracker", "charts"):
        assert any(c["chart"] for c in clipped), "the chart is expected to scroll (drawn wider than a phone)"
