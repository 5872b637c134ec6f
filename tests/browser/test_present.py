"""The projector view of every lesson, as a teacher uses it: keys, answers, type size, no JavaScript.

A projector commonly shows 1280x720. Every lesson's view is walked screen by screen with the keys
a teacher (or a presenter's remote) uses; what each screen shows is compared with the lesson's
data file. (From file://, in the offline bundle: tests/browser/test_offline.py.)
"""

from __future__ import annotations

import pytest
import yaml
from testpaths import PROJECT

PROJECTOR = {"width": 1280, "height": 720}
LESSONS = sorted(p.stem for p in (PROJECT / "data" / "lessons").glob("*.yaml"))
# Type on a 1280x720 projector: the task of a screen at least 20 px (about 1/36 of the screen's
# height), its title at least 30 px, nothing on a screen under 14 px.
TASK_PX, TITLE_PX, SMALLEST_PX = 20, 30, 14


def _lesson(lesson_id: str) -> dict:
    return yaml.safe_load((PROJECT / "data" / "lessons" / f"{lesson_id}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


_SCREEN = """() => {
  const shown = [...document.querySelectorAll('.ck-slide')].filter(s => s.checkVisibility());
  const s = shown[0];
  const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : 0;
  const answer = s.querySelector('details.ck-slide__answer');
  const sizes = [];
  const walker = document.createTreeWalker(s, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent.trim() && n.parentElement.checkVisibility()) sizes.push(px(n.parentElement));
  }
  const box = s.getBoundingClientRect();
  return {
    shown: shown.length, id: s.id, kind: [...s.classList].find(c => c.startsWith('ck-slide--')).slice(10),
    title: s.querySelector('.ck-slide__title').textContent.trim(),
    title_px: px(s.querySelector('.ck-slide__title')),
    task_px: px(s.querySelector('.ck-slide__task')),
    smallest_px: Math.min(...sizes),
    fills_window: box.width >= innerWidth * 0.95 && box.top < 5,
    fits: s.scrollHeight <= s.clientHeight + 1,
    answer: answer ? (answer.open && answer.querySelector(':scope > :not(summary)').checkVisibility()) : null,
    options: s.querySelectorAll('.ck-slide__options > li').length,
    hash: location.hash,
  };
}"""


@pytest.mark.parametrize("lesson_id", LESSONS)
def test_one_screen_per_exercise_and_question_with_large_type(projector, site_url, lesson_id):
    data = _lesson(lesson_id)
    page = projector
    page.goto(site_url + f"present/{lesson_id}/")
    screens = []
    for step in range(60):
        screen = page.evaluate(_SCREEN)
        assert screen["shown"] == 1, f"{screen['shown']} screens shown at once"
        if screens and screen["id"] == screens[-1]["id"]:
            break
        screens.append(screen)
        page.keyboard.press(["ArrowRight", " ", "PageDown"][step % 3])  # arrows, space, a remote's key
    exercises = [s for s in screens if s["kind"] == "exercise"]
    total = len(data["exercises"])
    assert [s["title"] for s in exercises] == [f"Exercise {i} of {total}: {ex['title']}"
                                               for i, ex in enumerate(data["exercises"], start=1)]
    questions = [s for s in screens if s["kind"] == "question"]
    assert len(questions) == len(data["quiz"])
    assert screens[0]["title"] == f"Lesson {data['number']}: {data['title']}"
    assert [s["hash"] for s in screens] == [f"#slide-{n}" for n in range(1, len(screens) + 1)]
    for s in screens:
        assert s["fills_window"], f"{s['title']}: not full screen"
        assert s["title_px"] >= TITLE_PX, f"{s['title']}: title {s['title_px']} px"
        assert s["smallest_px"] >= SMALLEST_PX, f"{s['title']}: text of {s['smallest_px']} px"
        if s["kind"] in ("exercise", "question"):
            assert s["task_px"] >= TASK_PX, f"{s['title']}: task {s['task_px']} px"
            assert s["answer"] is False, f"{s['title']}: the answer shows before it is asked for"
    for s in questions:
        assert s["fits"], f"{s['title']}: the question and its options do not fit one screen"
        assert s["options"] >= 2
    assert not page.errors, page.errors


def test_keys_move_back_and_reveal_the_answer(projector, site_url):
    page = projector
    page.goto(site_url + "present/lesson-2/")
    page.keyboard.press("End")
    last = page.evaluate(_SCREEN)
    assert last["kind"] == "key-points"
    page.keyboard.press("Home")
    assert page.evaluate(_SCREEN)["id"] == "slide-1"
    while page.evaluate(_SCREEN)["kind"] != "exercise":
        page.keyboard.press("ArrowRight")
    exercise = page.evaluate(_SCREEN)
    assert exercise["answer"] is False
    page.keyboard.press("a")
    assert page.evaluate(_SCREEN)["answer"] is True
    assert page.locator(".ck-slide.is-current details.ck-slide__answer li, .ck-slide.is-current details.ck-slide__answer p") \
        .first.is_visible()
    page.keyboard.press("A")
    assert page.evaluate(_SCREEN)["answer"] is False
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(_SCREEN)["id"] == exercise["id"]
    page.keyboard.press("Shift+Space")
    assert page.evaluate(_SCREEN)["id"] != exercise["id"]

    # the buttons do the same, and the screen's address survives a reload
    page.get_by_role("button", name="Next →").click()
    assert page.evaluate(_SCREEN)["id"] == exercise["id"]
    page.get_by_role("button", name="Show the answer").first.click()
    assert page.evaluate(_SCREEN)["answer"] is True
    page.reload()
    assert page.evaluate(_SCREEN)["id"] == exercise["id"]
    assert page.evaluate(_SCREEN)["answer"] is False

    # a question: once revealed, its right options are marked with a tick, not colour alone
    page.keyboard.press("End")
    while page.evaluate(_SCREEN)["kind"] != "question":
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("a")
    ticked = page.evaluate("""() => [...document.querySelectorAll('.ck-slide.is-current .ck-slide__options > li')]
        .map(li => [li.dataset.correct, getComputedStyle(li, '::after').content])""")
    assert ticked and all(('✓' in mark) == (correct == "true") for correct, mark in ticked)
    assert not page.errors, page.errors


def test_the_theme_keys_do_not_fire_while_presenting(projector, site_url):
    page = projector
    page.goto(site_url + "present/lesson-1/")
    page.keyboard.press("f")  # Material opens search on F (and S, /); here F is full screen
    assert not page.evaluate("document.querySelector('[data-md-toggle=search]').checked")
    assert page.url.endswith("#slide-1")


def test_without_javascript_one_long_page_with_folded_answers(browser, site_url):
    context = browser.new_context(viewport=PROJECTOR, java_script_enabled=False)
    page = context.new_page()
    data = _lesson("lesson-3")
    page.goto(site_url + "present/lesson-3/")
    state = page.evaluate("""() => ({
        slides: [...document.querySelectorAll('.ck-slide')].map(s => s.checkVisibility()),
        answers: [...document.querySelectorAll('details.ck-slide__answer')].map(d => d.open),
        answer_text_shown: [...document.querySelectorAll('details.ck-slide__answer > :not(summary)')]
            .some(e => e.checkVisibility()),
        controls: document.querySelectorAll('.ck-deck__controls').length,
        height: document.documentElement.scrollHeight})""")
    context.close()
    assert all(state["slides"]) and len(state["slides"]) >= len(data["exercises"]) + len(data["quiz"])
    assert state["answers"] == [False] * (len(data["exercises"]) + len(data["quiz"]))
    assert not state["answer_text_shown"]
    assert state["controls"] == 0
    assert state["height"] > 5 * PROJECTOR["height"], "one long page"


def test_a_screen_longer_than_the_window_says_there_is_more(projector, site_url):
    page = projector
    page.goto(site_url + "present/lesson-5/")
    more = page.locator(".ck-deck__more")
    long_screens = 0
    for _ in range(30):
        state = page.evaluate("""() => { const s = document.querySelector('.ck-slide.is-current');
            return {id: s.id, longer: s.scrollHeight > s.clientHeight + 1}; }""")
        assert more.is_visible() == state["longer"], state["id"]
        if state["longer"]:
            long_screens += 1
            page.locator(".ck-slide.is-current").evaluate("s => s.scrollTo(0, s.scrollHeight)")
            page.wait_for_function("() => document.querySelector('.ck-deck__more').hidden")
        page.keyboard.press("ArrowRight")
        if page.evaluate("document.querySelector('.ck-slide.is-current').id") == state["id"]:
            break
    assert long_screens >= 1, "lesson 5's translation exercises are longer than a 1280x720 screen"


def test_on_a_phone_the_keyboard_reaches_all_of_a_long_screen(browser, site_url):
    """A screen taller than a phone is a tab stop; the down keys scroll it to its end before moving on."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url + "present/lesson-1/")
        current = ".ck-slide.is-current"
        state = "s => ({id: s.id, top: s.scrollTop, end: s.scrollHeight - s.clientHeight, tab: s.getAttribute('tabindex')})"
        first = page.locator(current).evaluate(state)
        assert first["end"] > 1, "lesson 1's first screen is longer than a phone"
        assert first["tab"] == "0"
        steps = 0
        while page.locator(current).evaluate(state)["id"] == first["id"]:
            before = page.locator(current).evaluate(state)
            page.keyboard.press("ArrowDown")
            after = page.locator(current).evaluate(state)
            if after["id"] == first["id"]:
                assert after["top"] > before["top"], "each press scrolls the screen"
            else:
                assert before["top"] >= before["end"] - 1, "it moves on only from the end of the screen"
            steps += 1
            assert steps < 200
        assert steps > 1
        page.keyboard.press("ArrowUp")  # the next screen starts at its top: back to the first
        assert page.locator(current).evaluate(state)["id"] == first["id"]
    finally:
        context.close()


def test_printed_the_view_is_the_long_page_without_answers(projector, site_url, tmp_path):
    import subprocess

    from test_print import _tool

    pdftotext = _tool("pdftotext")
    page = projector
    page.goto(site_url + "present/lesson-1/")
    titles = page.eval_on_selector_all(".ck-slide__title", "ts => ts.map(t => t.textContent.trim())")
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / "view.pdf"), format="A4")
    text = " ".join(subprocess.run([pdftotext, str(tmp_path / "view.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert len(titles) >= 10
    for title in titles:
        assert title in text, f"{title!r} is not on paper"
    assert "Show the answer" not in text and "Keys:" not in text
