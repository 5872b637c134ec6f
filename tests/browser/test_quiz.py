"""The self-check quizzes on the served site (http), as a student uses them: mouse, reload, keyboard.

(tests/test_quiz_render.py covers the markup, the quiz from file:// and without JavaScript.)
"""

from __future__ import annotations

import json

SCORE = ".ck-quiz__score"


def _score(page, lesson: str) -> str:
    return page.locator(f"#quiz-{lesson} {SCORE}").inner_text()


def _why(page, question: str, key: str) -> str:
    """The explanation of one option, which the page holds (hidden) before any answer."""
    text = page.locator(f'[data-question="{question}"] .ck-q__why li[data-option="{key}"]').text_content()
    return " ".join(text.split())


def _option(page, question: str, key: str):
    return page.locator(f'[data-question="{question}"] li[data-option="{key}"] > .ck-q__option')


def test_an_answer_shows_why_and_updates_the_score(page, site_url):
    page.goto(site_url + "lessons/lesson-2/")
    assert "no questions answered yet (6 to go)" in _score(page, "lesson-2")
    question = page.locator('[data-question="perhaps"]')
    feedback = question.locator(".ck-q__feedback")
    assert not feedback.is_visible()
    why_wrong, why_right = _why(page, "perhaps", "a"), _why(page, "perhaps", "d")
    assert why_wrong.startswith("a. Wrong:") and why_right.startswith("d. Right:")

    _option(page, "perhaps", "a").click()  # "Vague or unnamed source": wrong
    assert feedback.is_visible() and feedback.get_attribute("role") == "status"
    said = " ".join(feedback.inner_text().split())
    assert said.startswith("Not quite. The right answer is marked ✓.")
    assert why_wrong in said and why_right in said, "the feedback explains the chosen and the right answer"
    assert "is-wrong" in feedback.get_attribute("class")
    assert _option(page, "perhaps", "a").locator(".ck-q__verdict").inner_text() == "✗ your answer: wrong"
    assert _option(page, "perhaps", "d").locator(".ck-q__verdict").inner_text() == "✓ right answer"
    assert "0 right out of 1 answered, of 6 questions" in _score(page, "lesson-2")
    _option(page, "perhaps", "d").click(force=True)  # answered (aria-disabled): a second click changes nothing
    assert "0 right out of 1 answered" in _score(page, "lesson-2")

    question.get_by_role("button", name="Try again").click()
    assert not feedback.is_visible()
    assert "no questions answered yet" in _score(page, "lesson-2")
    _option(page, "perhaps", "d").click()
    said = " ".join(feedback.inner_text().split())
    assert said.startswith("Right.") and why_right in said and why_wrong not in said
    assert "is-right" in feedback.get_attribute("class")
    assert "1 right out of 1 answered, of 6 questions" in _score(page, "lesson-2")


def test_the_score_survives_a_reload_and_stays_in_this_browser(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    url = site_url + "lessons/lesson-3/"
    page.goto(url)
    questions = page.locator("#quiz-lesson-3 .ck-q")
    first, second = (questions.nth(i).get_attribute("data-question") for i in (0, 1))
    right = page.locator(f'[data-question="{first}"] li[data-correct="true"] > .ck-q__option').first
    wrong = page.locator(f'[data-question="{second}"] li[data-correct="false"] > .ck-q__option').first
    right.click()
    wrong.click()
    assert "1 right out of 2 answered" in _score(page, "lesson-3")
    stored = json.loads(page.evaluate("localStorage.getItem('ck-quiz:v1:lesson-3')"))
    assert stored[first]["right"] is True and stored[second]["right"] is False

    page.reload()
    assert "1 right out of 2 answered" in _score(page, "lesson-3")
    assert page.locator(f'[data-question="{first}"] .ck-q__feedback').inner_text().startswith("Right.")
    assert page.locator(f'[data-question="{second}"] .ck-q__feedback').inner_text().startswith("Not quite.")
    assert page.locator(f'[data-question="{second}"] li[data-correct="false"] > .ck-q__option').first \
        .get_attribute("aria-pressed") == "true", "the chosen answer is shown again"

    other_tab = context.new_page()  # same browser: same score
    other_tab.goto(url)
    assert "1 right out of 2 answered" in _score(other_tab, "lesson-3")
    other_tab.close()
    stranger = browser.new_context()  # another browser profile: nothing was sent anywhere
    elsewhere = stranger.new_page()
    elsewhere.goto(url)
    assert "no questions answered yet" in _score(elsewhere, "lesson-3")
    stranger.close()

    page.get_by_role("button", name="Start the quiz again").click()
    assert "no questions answered yet" in _score(page, "lesson-3")
    page.reload()
    assert "no questions answered yet" in _score(page, "lesson-3")
    context.close()


def test_answer_blocks_open_on_click_and_from_the_keyboard(page, site_url):
    page.goto(site_url + "lessons/lesson-1/")
    blocks = page.locator("details.ck-answer")
    assert blocks.count() >= 4
    block = blocks.first
    body = block.locator(":scope > :not(summary)").first
    assert block.get_attribute("open") is None and not body.is_visible()
    block.locator("summary").click()
    assert block.get_attribute("open") is not None and body.is_visible()
    assert "Korotchenko" in block.inner_text()
    block.locator("summary").click()
    assert block.get_attribute("open") is None and not body.is_visible()

    second = blocks.nth(1)
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    assert second.get_attribute("open") is not None and second.locator(":scope > :not(summary)").first.is_visible()
    # With the quiz working, its "Show the answer" blocks give way to the feedback buttons.
    assert not page.locator("#quiz-lesson-1 details.ck-q__key").first.is_visible()


def test_keyboard_alone_reaches_and_answers_every_question(page, site_url):
    """Tab from the top of the page: every option takes visible focus; Space and Enter answer."""
    page.goto(site_url + "lessons/lesson-1/")
    options = page.locator("#quiz-lesson-1 .ck-q__option")
    total = options.count()
    assert total >= 15
    reached, unseen_focus, pressed = set(), [], []
    for _ in range(600):
        page.keyboard.press("Tab")
        focus = page.evaluate("""async () => {
            const el = document.activeElement;
            const q = el && el.tagName === 'BUTTON' && el.closest('.ck-q');
            if (!q) return null;
            if (el.classList.contains('md-button')) await new Promise(done => setTimeout(done, 250));  // colour transition
            // visible focus: an outline (the options), or a filled background (Material's buttons)
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            const filled = !['transparent', 'rgba(0, 0, 0, 0)'].includes(style.backgroundColor);
            return {question: q.dataset.question, option: el.parentElement.dataset.option || null,
                    correct: el.parentElement.dataset.correct === 'true', text: el.innerText.trim(),
                    visible: outline || filled};
        }""")
        if not focus:
            if len(reached) == total and focus is None and pressed:
                break
            continue
        if not focus["visible"]:
            unseen_focus.append(focus["text"])
        if focus["option"]:
            reached.add((focus["question"], focus["option"]))
            if focus["question"] == "which-unnamed" and focus["correct"]:
                page.keyboard.press("Space")  # several answers: Space chooses one
                pressed.append(focus["option"])
            elif focus["question"] == "where-it-starts" and focus["correct"]:
                page.keyboard.press("Enter")  # one answer: Enter answers
        elif focus["text"] == "Check my answer" and focus["question"] == "which-unnamed":
            page.keyboard.press("Enter")
    assert len(reached) == total, f"keyboard reached {len(reached)} of {total} quiz options"
    assert not unseen_focus, f"focus is not visible on {unseen_focus}"
    assert pressed == ["b", "d"]
    for name in ("which-unnamed", "where-it-starts"):
        assert page.locator(f'[data-question="{name}"] .ck-q__feedback').inner_text().startswith("Right."), name
    assert "2 right out of 2 answered" in _score(page, "lesson-1")
