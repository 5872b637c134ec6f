"""The pre/post check, class results and lateral reading in Chromium, as students and teachers use them.

(tests/browser/test_offline.py runs them from the offline bundle; tests/test_result_code.py and
tests/test_prepost.py cover the code format and the data.)
"""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urlparse

import pytest
from testpaths import PROJECT

from macros.claimkit import result_code
from macros.claimkit.course_loader import load_course
from macros.claimkit.loader import load_dataset
from macros.claimkit.prepost import SKILLS, score

SERIOUS = {"serious", "critical"}
RESULTCODE_JS = PROJECT / "docs" / "assets" / "resultcode.js"


@pytest.fixture(scope="module")
def course():
    data = load_dataset(PROJECT / "data")
    return load_course(PROJECT / "data", data, docs_dir=PROJECT / "docs")


@pytest.fixture(scope="module")
def keys(course):
    return {key.number: key for key in course.form_keys.values()}


def _random_answers(rng: random.Random, key) -> list[set[int]]:
    answers = []
    for q in key.questions:
        if rng.random() < 0.5:
            answers.append(set(q.correct))
        elif len(q.correct) > 1:
            answers.append({rng.randrange(q.options)})
        else:
            answers.append({rng.randrange(q.options)})
    return answers


# --- Python and JavaScript make and read the same codes -------------------------------------------------


def test_python_and_javascript_agree_on_every_code(browser, keys):
    page = browser.new_page()
    page.goto("about:blank")
    page.add_script_tag(path=str(RESULTCODE_JS))
    forms_json = {str(n): k.as_json() for n, k in keys.items()}
    rng = random.Random(2024)
    for n in range(60):
        key = keys[1 + n % 2]
        answers = _random_answers(rng, key)
        initials = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n % 4))
        python_code = result_code.encode(key, answers, initials)
        js_code = page.evaluate("([form, answers, initials]) => CkResultCode.encode(form, answers, initials)",
                                [key.as_json(), [sorted(a) for a in answers], initials])
        assert js_code == python_code
        decoded = page.evaluate("([code, forms]) => { const d = CkResultCode.decode(code, forms);"
                                " return [d.form.number, d.initials, d.answers]; }", [python_code, forms_json])
        assert decoded == [key.number, initials, [sorted(a) for a in answers]]
        assert page.evaluate("c => CkResultCode.group(c)", python_code) == result_code.group(python_code)
    # Bad codes: the same reason, word for word, in both languages.
    good = result_code.encode(keys[1], [set(q.correct) for q in keys[1].questions], "AB")
    bad = [good[:-3], good + "QQ", good[:9] + ("Q" if good[9] != "Q" else "P") + good[10:], good[:7] + "B" + good[8:],
           "HELLO", "RWC1QQ"]
    for code in bad:
        with pytest.raises(result_code.CodeError) as info:
            result_code.decode(code, keys)
        js_message = page.evaluate("([code, forms]) => { try { CkResultCode.decode(code, forms); return null; }"
                                   " catch (e) { return e.message; } }", [code, forms_json])
        assert js_message == str(info.value), code
    page.close()


# --- a student takes a form; a teacher pools 30 codes ----------------------------------------------------


def test_take_a_form_copy_the_code_and_pool_thirty_codes(browser, site_url, keys, course):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "check/before/")
    key = keys[1]
    form = course.forms["before"]
    # Answer: the right option for even questions, the first wrong one for odd questions.
    chosen = []
    for n, q in enumerate(key.questions):
        pick = set(q.correct) if n % 2 == 0 else {next(i for i in range(q.options) if i not in q.correct)}
        chosen.append(pick)
    finish = page.get_by_role("button", name="Finish and get my code")
    # Finishing early names the questions still empty.
    page.locator(f"#before-{form.questions[0].id} input").nth(min(chosen[0])).check()
    finish.click()
    total = len(form.questions)
    empty = ", ".join(str(i) for i in range(2, total + 1))
    assert f"Questions {empty} have no answer yet" in page.locator(".ck-check__message").inner_text()
    for n, q in enumerate(form.questions):
        for option in sorted(chosen[n]):
            page.locator(f"#before-{q.id} input").nth(option).check()
    page.locator("#initials-before").fill("kj")
    finish.click()
    result = page.locator(".ck-check__result")
    assert result.is_visible()
    rows = result.locator("tbody tr")
    expected = {SKILLS[s]: v for s, v in score(key, chosen).items()}
    shown = {rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").inner_text() for i in range(rows.count())}
    assert shown == {label: f"{right} of {asked}" for label, (right, asked) in expected.items()}
    right_count = (total + 1) // 2  # the even-numbered questions, counting from 0
    assert page.locator(".ck-check__total").inner_text() == f"In all: {right_count} of {total} right."
    assert page.locator(".ck-cq.is-right").count() == right_count
    assert page.locator(".ck-cq.is-wrong").count() == total - right_count
    assert page.locator(".ck-cq input:not([disabled])").count() == 0, "answers are locked once finished"
    page.get_by_role("button", name="Copy the code").click()
    page.wait_for_function("document.querySelector('.ck-check__result .ck-assign__copied').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    decoded = result_code.decode(copied, keys)
    assert decoded.answers == chosen and decoded.initials == "KJ"

    # 30 lines for the class page: the copied code, 28 more, and one tampered.
    rng = random.Random(30)
    students = [(key, chosen)]
    lines = [copied]
    for n in range(28):
        other = keys[1 + n % 2]
        answers = _random_answers(rng, other)
        students.append((other, answers))
        lines.append(result_code.encode(other, answers, "" if n % 3 else "ab"))
    tampered = lines[5][:-1] + ("Q" if lines[5][-1] != "Q" else "P")
    lines.insert(17, tampered)
    assert len(lines) == 30
    page.goto(site_url + "teachers/class-results/")
    page.locator("#class-codes").fill("\n".join(lines))
    page.get_by_role("button", name="Show class results").click()
    problems = page.locator(".ck-class__problems").inner_text()
    assert "1 line was left out:" in problems and "Line 18: the check characters at the end do not match" in problems
    summary = page.locator(".ck-class__summary").inner_text()
    before = sum(1 for k, _ in students if k.when == "before")
    assert summary.startswith(f"29 codes counted: {before} before the lessons, {29 - before} after.")
    table = page.locator(".ck-class__skills tbody tr")
    for i, (skill, label) in enumerate(SKILLS.items()):
        row = table.nth(i)
        assert row.locator("th").inner_text() == label
        cells = [row.locator("td").nth(j).inner_text() for j in range(3)]
        shares = []
        for j, when in enumerate(("before", "after")):
            right = sum(len([1 for q, a in zip(k.questions, ans, strict=True) if q.skill == skill and a == set(q.correct)])
                        for k, ans in students if k.when == when)
            asked = sum(len([q for q in k.questions if q.skill == skill]) for k, ans in students if k.when == when)
            share = round(100 * right / asked)
            shares.append(share)
            assert cells[j].split() == [f"{share}%", str(right), "of", str(asked)], (label, when, cells[j])
        change = shares[1] - shares[0]
        assert cells[2] == ("±0 points" if change == 0 else f"{'+' if change > 0 else '−'}{abs(change)} points")
    spread = page.locator(".ck-class__spread").inner_text()
    assert f"Before the lessons ({before} students, out of {total})" in spread
    counts = page.locator(".ck-class__dist").first.locator("tbody tr")
    totals = sorted(sum(a == set(q.correct) for q, a in zip(k.questions, ans, strict=True))
                    for k, ans in students if k.when == "before")
    for points in range(total + 1):
        assert counts.nth(points).locator(".ck-class__count").inner_text() == str(totals.count(points))
    assert f"KJ: {right_count} of {total} (before the lessons, line 1)" in page.locator(".ck-class__people").inner_text()
    local = urlparse(site_url).netloc
    assert all(urlparse(u).netloc == local for u in requests if urlparse(u).scheme in ("http", "https")), \
        "nothing is sent anywhere but the page's own server"
    assert all(not u.endswith(("/check/", "/class-results/")) or "?" not in u for u in requests)
    context.close()


@pytest.mark.parametrize("path", ["check/before/", "teachers/class-results/"])
def test_after_use_the_pages_still_have_no_serious_accessibility_violation(browser, site_url, keys, path):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + path)
    if path.startswith("check"):
        for i in range(page.locator(".ck-cq").count()):
            page.locator(".ck-cq").nth(i).locator("input").first.check()
        page.get_by_role("button", name="Finish and get my code").click()
    else:
        codes = [result_code.encode(keys[n], [set(q.correct) for q in keys[n].questions]) for n in (1, 2)]
        page.locator("#class-codes").fill("\n".join(codes + ["RWC1 NOT A CODE"]))
        page.get_by_role("button", name="Show class results").click()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    context.close()
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_without_javascript_the_check_says_so_and_the_class_page_keeps_its_paper_key(browser, site_url, course):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "check/before/")
    assert page.locator(".ck-check__nojs").is_visible()
    assert not page.locator("[data-check-finish]").is_visible()
    assert page.locator(".ck-cq").count() == len(course.forms["before"].questions)
    assert page.locator(".ck-cq input").first.is_visible()
    page.goto(site_url + "teachers/class-results/")
    assert page.locator(".ck-class__nojs").is_visible()
    page.locator(".ck-class__key summary").click()
    assert "Form 1: Before the lessons" in page.locator(".ck-class__key").inner_text()
    context.close()


# --- lateral reading: keyboard only, and without JavaScript -----------------------------------------------

EXERCISE = "#ex-korotchenko-search"


def test_lateral_reading_with_the_keyboard_alone(browser, site_url, course):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "lessons/lesson-1/")
    box = page.locator(EXERCISE)
    answer = box.locator("details.ck-answer")
    assert not answer.is_visible(), "the answer waits until a choice is made"
    box.locator("input[type=radio]").first.focus()
    for _ in range(3):  # arrow keys move between the results of one radio group
        page.keyboard.press("ArrowDown")
    lateral = course.lateral["igor-korotchenko"]
    chosen = lateral.results[3]
    assert page.evaluate("document.activeElement.value") == chosen.id
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused result is visibly focused"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check my choice"
    page.keyboard.press("Enter")
    feedback = box.locator(".ck-lateral__feedback")
    assert feedback.get_attribute("role") == "status"
    said = feedback.inner_text()
    assert said.startswith(f"✓ You chose “{chosen.title}”.") and "Good first choice." in said
    assert answer.is_visible() and answer.get_attribute("open") is not None
    assert box.locator(".ck-result.is-chosen").count() == 1
    # A trap, chosen next, is explained as one.
    box.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    box.get_by_role("button", name="Check another choice").press("Enter")
    assert feedback.inner_text().startswith(f"✗ You chose “{lateral.results[0].title}”. Trap:")
    context.close()


def test_lateral_reading_without_javascript_is_a_list_with_the_answer_folded(browser, site_url, course):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "lessons/lesson-1/")
    box = page.locator(EXERCISE)
    lateral = course.lateral["igor-korotchenko"]
    assert box.locator(".ck-result").count() == len(lateral.results)
    assert not box.locator("[data-lateral-check]").is_visible()
    assert box.locator(".ck-lateral__nojs").is_visible()
    answer = box.locator("details.ck-answer")
    assert answer.is_visible() and answer.get_attribute("open") is None
    answer.locator("summary").click()
    links = answer.locator("a.ck-result__link")
    assert links.count() == len(lateral.results)
    for i, result in enumerate(lateral.results):
        assert links.nth(i).get_attribute("href") == result.url
        assert links.nth(i).get_attribute("rel") == "external noopener noreferrer"
    assert "A model search path." in answer.inner_text()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name, path, selector", [
    ("check-form", "check/before/", None),
    ("class-results", "teachers/class-results/", None),
    ("lateral-exercise", "lessons/lesson-3/", "#ex-channel-one-search"),
])
def test_screenshots_in_use(browser, site_url, keys, name, path, selector, width):
    """Screenshots of the pages in use (screenshots/, not committed), and nothing wider than the screen."""
    from pagetypes import SCREENSHOTS

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    if name == "check-form":
        for i in range(page.locator(".ck-cq").count()):
            page.locator(".ck-cq").nth(i).locator("input").nth(i % 2).check()
        page.locator("#initials-before").fill("AB")
        page.get_by_role("button", name="Finish and get my code").click()
    elif name == "class-results":
        rng = random.Random(width)
        codes = [result_code.encode(keys[1 + n % 2], _random_answers(rng, keys[1 + n % 2]), "" if n % 4 else "cd")
                 for n in range(24)]
        page.locator("#class-codes").fill("\n".join(codes + [codes[3][:-4]]))
        page.get_by_role("button", name="Show class results").click()
    else:
        page.locator(f"{selector} input[type=radio]").nth(1).check()
        page.locator(f"{selector} [data-lateral-check]").click()
    SCREENSHOTS.mkdir(exist_ok=True)
    target = page.locator(selector) if selector else page
    target.screenshot(path=str(SCREENSHOTS / f"in-use-{name}-{width}.png"), **({} if selector else {"full_page": True}))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 1, f"{name} is {overflow}px wider than the {width}px screen"


def test_pages_are_registered_as_page_types():
    from pagetypes import PAGE_TYPES

    assert {"check": "check/before/", "class-results": "teachers/class-results/"}.items() <= PAGE_TYPES.items()
    assert Path(PROJECT / "docs" / "teachers" / "class-results.md").is_file()
