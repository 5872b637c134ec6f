"""'Try it first' on report pages, as a student uses it: keyboard alone, touch, mouse, without JavaScript.

(tests/test_practice.py tests the scoring rule in Python; here practice.js's copy of it is run on the
same cases and on every claim of every report, and must agree. The offline bundle is tested in
tests/browser/test_offline.py.)
"""

from __future__ import annotations

import json
import random
from urllib.parse import urlparse

import pytest
from practice_cases import SYNTHETIC, key_of
from testpaths import PROJECT

from macros.claimkit import practice
from macros.claimkit.loader import load_dataset

REPORT_ID = "2022-08-dh-thousands-of-volunteers-offered"
REPORT = f"reports/{REPORT_ID}/"
STORE = f"ck-practice:v1:{REPORT_ID}"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


def _keys(page) -> list[dict]:
    return [json.loads(a) for a in page.eval_on_selector_all(
        ".ck-claim[data-practice]", "claims => claims.map(c => c.getAttribute('data-practice'))")]


def _python(key: practice.AnswerKey, marks: list[int]) -> dict:
    result = practice.check(key, marks)
    return {"found": list(result.found), "missed": list(result.missed),
            "extra": [{"words": list(e.words), "not_cue": e.not_cue} for e in result.extra]}


def _patterns(key: practice.AnswerKey, seed: int) -> list[list[int]]:
    """Marks to score: none, every word, each cue's own words, each cue's other words, random sets."""
    n = len(key.words)
    marks = [[], list(range(n))]
    for cue in key.cues:
        marks.append(list(cue.own))
        marks.append([w for w in cue.words if w not in cue.own])
        marks.append(sorted({max(0, cue.words[0] - 1), min(n - 1, cue.words[-1] + 1)}))  # just beside it
    rng = random.Random(seed)
    marks += [sorted(rng.sample(range(n), k=rng.randint(1, n))) for _ in range(6)] if n else []
    return marks


def test_practice_js_scores_like_python_on_every_case(page, site_url, dataset):
    """The one rule, twice: practice.js and claimkit/practice.py agree on the synthetic cases (repeated,
    nested, adjacent cues, not-cues) and on every claim of every report, for many sets of marks."""
    page.goto(site_url + REPORT)
    cases = []
    for n, (quote, cues, more) in enumerate(SYNTHETIC):
        key = key_of(quote, cues, **more)
        cases += [(key, marks) for marks in _patterns(key, n)]
    for report in dataset.reports:
        for claim in report.claims:
            key = practice.answer_key(claim, dataset.cue_categories)
            cases += [(key, marks) for marks in _patterns(key, len(cases))]
    assert len(cases) > 500
    js = page.evaluate("cases => cases.map(c => window.ckPractice.check(c.key, c.marks))",
                       [{"key": key.to_json(), "marks": marks} for key, marks in cases])
    disagree = [(key.quote, marks, mine, theirs) for (key, marks), theirs in zip(cases, js, strict=True)
                if (mine := _python(key, marks)) != theirs]
    assert not disagree, disagree[:3]
    assert any(e["not_cue"] is not None for r in js for e in r["extra"]), "a not-cue was marked in some case"


def test_practice_js_slices_words_beyond_the_basic_plane_as_python_does(page, site_url):
    """A flag, an emoji or a mathematical letter is two code units of a JavaScript string: the key's offsets
    count them so (practice.AnswerKey.to_json), and each word reaches the student whole."""
    page.goto(site_url + REPORT)
    key = key_of("🇺🇦 Officials say 𝐁akhmut fell, reportedly 👍 so.", [{"text": "reportedly", "category": "hearsay"}])
    shown = page.evaluate("k => k.words.map(w => k.quote.slice(w[0], w[1]))", key.to_json())
    assert shown == [key.quote[w.start:w.end] for w in key.words] == [
        "Officials", "say", "𝐁akhmut", "fell", "reportedly", "so"]


def test_every_report_page_carries_the_python_answer_key_and_shows_each_quote_whole(browser, site_url, dataset):
    context = browser.new_context()
    page = context.new_page()
    for report in dataset.reports:
        page.goto(site_url + f"reports/{report.id}/")
        expected = [practice.answer_key(c, dataset.cue_categories).to_json() for c in report.claims]
        assert _keys(page) == expected, report.id
        shown = page.eval_on_selector_all(".ck-mark-quote", "quotes => quotes.map(q => q.textContent)")
        for claim, text in zip(report.claims, shown, strict=True):
            expected_text = claim.quote
            for words in claim.sic:  # "[sic]" follows each word kept as printed
                end = claim.quote.find(words) + len(words)
                expected_text = expected_text.replace(claim.quote[:end], claim.quote[:end] + " [sic]", 1)
            assert text == f"“{expected_text}”", f"{report.id}#{claim.id}"
        unbreakable = page.eval_on_selector_all(".ck-w-run", "runs => runs.map(r => r.textContent)")
        assert not [r for r in unbreakable if " " in r.replace(" [sic]", "")], "a run that could break"
    context.close()


def _focus(page) -> dict | None:
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el) return null;
        const claim = el.closest('.ck-claim');
        const style = getComputedStyle(el);
        return {word: el.classList.contains('ck-w') ? Number(el.dataset.i) : null, text: el.textContent.trim(),
                claim: claim ? claim.id : null, pressed: el.getAttribute('aria-pressed'),
                group: el.closest('[role=group]') ? el.closest('[role=group]').getAttribute('aria-label') : null,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                filled: !['transparent', 'rgba(0, 0, 0, 0)'].includes(style.backgroundColor),
                score: el.classList.contains('ck-practice__score')};
    }""")


def test_keyboard_alone_marks_words_and_phrases_and_checks(page, site_url, dataset):
    page.goto(site_url + REPORT)
    keys = _keys(page)
    first, second = keys[0], keys[1]
    for _ in range(80):  # Tab from the top of the page to the first quote
        page.keyboard.press("Tab")
        focus = _focus(page)
        if focus and focus["word"] is not None:
            break
    assert focus["claim"] == f"claim-{first['id']}" and focus["word"] == 0
    assert focus["outline"], "focus is not visible on a word"
    assert focus["group"] == "Quote of claim 1: words to mark"
    assert focus["pressed"] == "false"

    page.keyboard.press("Space")  # mark "Thousands"
    assert _focus(page)["pressed"] == "true"
    summary = page.locator(f"#claim-{first['id']} .ck-mark-summary")
    assert summary.inner_text() == "You have marked: “Thousands”."
    assert summary.get_attribute("aria-live") == "polite"
    target = first["cues"][1]["words"]  # "Russian media reports": move there, Shift+arrow marks a phrase
    for _ in range(target[0] - 1):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    assert _focus(page)["word"] == target[1]
    assert summary.inner_text() == "You have marked: “Thousands”, “Ukraine; Russian media”."
    page.keyboard.press("Space")  # unmark "media"
    page.keyboard.press("End")
    assert _focus(page)["word"] == len(first["words"]) - 1
    page.keyboard.press("Home")
    assert _focus(page)["word"] == 0

    page.keyboard.press("Tab")  # one tab stop per quote: Tab goes to the next quote
    assert _focus(page)["claim"] == f"claim-{second['id']}"
    page.keyboard.press("Shift+Tab")
    assert _focus(page)["claim"] == f"claim-{first['id']}" and _focus(page)["word"] == 0

    marks = sorted(int(i) for i in page.eval_on_selector_all(
        f"#claim-{first['id']} .ck-w[aria-pressed=true]", "bs => bs.map(b => b.dataset.i)"))
    report = dataset.report(REPORT_ID)
    key = practice.answer_key(report.claims[0], dataset.cue_categories)
    assert practice.check(key, marks).found == (0, 1)  # "Thousands", and "Russian" finds the vague source
    assert [e.words for e in practice.check(key, marks).extra] == [(target[0] - 1,)]  # "Ukraine"
    total = sum(len(practice.answer_key(c, dataset.cue_categories).cues) for c in report.claims)

    for _ in range(len(keys) + 5):  # Tab past the other quotes to the Check button
        page.keyboard.press("Tab")
        if _focus(page)["text"] == "Check my marks":
            break
    page.wait_for_timeout(250)  # Material's buttons fade their focus colour in
    focus = _focus(page)
    assert focus["text"] == "Check my marks" and (focus["outline"] or focus["filled"]), "focus is not visible"
    page.keyboard.press("Enter")
    focus = _focus(page)
    assert focus["score"], "the score takes focus, so a screen reader reads it"
    score = page.locator(".ck-practice__score").inner_text()
    assert f"Your score: 2 of {total} cues found, 1 extra mark." in score
    result = page.locator(f"#claim-{first['id']} .ck-practice-result").inner_text()
    assert "Your marks: 2 of 2 cues found, 1 extra mark." in result
    assert "Extra: “Ukraine”: not a cue here." in result
    assert page.locator(f"#claim-{first['id']} .ck-cue--found").count() == 2
    assert page.locator(".ck-w").count() == 0, "the words to mark give way to the annotated quotes"


def test_touch_marks_and_unmarks_words_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + REPORT)
    claim = page.locator(".ck-claim").nth(1)  # “According to the New York Post, Russian state media revealed ...”
    key = _keys(page)[1]
    index = {key["quote"][start:end]: i for i, (start, end) in reversed(list(enumerate(key["words"])))}
    according, to, revealed = (claim.locator(f'.ck-w[data-i="{index[w]}"]') for w in ("According", "to", "revealed"))
    size = according.bounding_box()
    assert size["height"] >= 24, "a word is too small a target for a finger"
    for word in (according, to, revealed, revealed):  # the second tap on "revealed" unmarks it
        word.tap()
    assert [according.get_attribute("aria-pressed"), to.get_attribute("aria-pressed"),
            revealed.get_attribute("aria-pressed")] == ["true", "true", "false"]
    assert claim.locator(".ck-mark-summary").inner_text() == "You have marked: “According to”."
    assert page.locator(".ck-practice__count").inner_text() == "2 words marked in 1 quote."
    page.locator(".ck-practice-end [data-action=check]").tap()
    result = claim.locator(".ck-practice-result").inner_text()
    assert f"Your marks: 1 of {len(key['cues'])} cues found." in result
    assert "Found: “According to” (attribution cue)." in result
    assert "Missed: “revealed”, attribution cue (Who says it)." in result
    missed = claim.locator(".ck-cue--missed", has_text="revealed")
    assert missed.locator(".ck-cue__result").inner_text() == "✗ missed"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    context.close()


def test_practice_hides_the_answers_until_checked_or_skipped(page, site_url):
    page.goto(site_url + REPORT)
    assert page.locator(".ck-practice").is_visible()
    for spoiler in (".ck-claim__notes", ".ck-claim__badges", ".ck-legend", ".ck-questions", ".ck-folds",
                    ".ck-quote .ck-cue"):
        assert not page.locator(spoiler).first.is_visible(), f"{spoiler} shows while practising"
    assert page.locator(".ck-claim h3").first.is_visible() and page.locator(".ck-w").first.is_visible()
    page.locator(".ck-practice [data-action=skip]").click()
    assert page.locator(".ck-quote .ck-cue").first.is_visible() and page.locator(".ck-questions").is_visible()
    assert page.locator(".ck-w").count() == 0 and not page.locator(".ck-practice-end").is_visible()
    assert "You skipped the practice" in page.locator(".ck-practice").inner_text()
    page.get_by_role("button", name="Try it first").click()
    assert page.locator(".ck-w").first.is_visible() and not page.locator(".ck-questions").is_visible()


def test_without_javascript_the_page_is_the_annotated_view_with_no_dead_controls(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + REPORT)
    assert not page.locator(".ck-practice").is_visible() and not page.locator(".ck-practice-end").is_visible()
    buttons = page.locator(".md-content button")
    assert all(not buttons.nth(i).is_visible() for i in range(buttons.count())), "a button that does nothing"
    assert page.locator(".ck-quote .ck-cue").count() >= 10 and page.locator(".ck-quote .ck-cue").first.is_visible()
    assert page.locator(".ck-claim__notes").first.is_visible() and page.locator(".ck-questions").is_visible()
    assert page.locator(".ck-w").count() == 0
    context.close()


def test_marks_and_score_stay_in_this_browser(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    context.on("request", lambda r: requests.append((r.method, r.url)))
    page.goto(site_url + REPORT)
    claim = page.locator(".ck-claim").nth(1)
    claim.locator(".ck-w", has_text="According").first.click()
    page.reload()
    claim = page.locator(".ck-claim").nth(1)
    assert claim.locator(".ck-w", has_text="According").first.get_attribute("aria-pressed") == "true", \
        "marks survive a reload"
    page.locator(".ck-practice-end [data-action=check]").click()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert stored["mode"] == "checked"
    key = _keys(page)[1]
    assert stored["marks"] == {key["id"]: {"digest": key["digest"], "words": [0]}}
    page.reload()
    assert "Your score: 1 of" in page.locator(".ck-practice__score").inner_text(), "the check survives a reload"
    assert page.locator(".ck-w").count() == 0

    stranger = browser.new_context()  # another browser profile: nothing was sent anywhere
    elsewhere = stranger.new_page()
    elsewhere.goto(site_url + REPORT)
    assert elsewhere.locator(".ck-w").first.is_visible()
    assert elsewhere.locator(".ck-w[aria-pressed=true]").count() == 0
    stranger.close()

    page.get_by_role("button", name="Try again").click()
    assert page.locator(".ck-w[aria-pressed=true]").count() == 0
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE}')")) == {"mode": "practising", "marks": {}}
    local = urlparse(site_url).netloc
    sent = [(method, url) for method, url in requests if method != "GET" or urlparse(url).netloc != local]
    assert requests and not sent, sent
    context.close()


def test_marks_saved_for_an_older_quote_are_dropped(page, site_url):
    page.goto(site_url + REPORT)
    key = _keys(page)[0]
    page.evaluate(f"""localStorage.setItem('{STORE}', JSON.stringify({{mode: 'practising',
        marks: {{'{key['id']}': {{digest: 'not-this-one', words: [0, 1]}}}}}}))""")
    page.reload()
    assert page.locator(".ck-w[aria-pressed=true]").count() == 0


@pytest.mark.parametrize("state", ["practice", "checked"])
def test_no_serious_accessibility_violations_in_practice(browser, site_url, state):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(bypass_csp=True)  # axe is injected with page.evaluate
    page = context.new_page()
    page.goto(site_url + REPORT)
    page.locator(".ck-claim").nth(1).locator(".ck-w").first.click()
    if state == "checked":
        page.locator(".ck-practice-end [data-action=check]").click()
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]


def test_why_shows_the_verdict_on_the_page_of_what_happened_next(page, site_url):
    page.goto(site_url + REPORT)
    page.locator(".ck-practice [data-action=skip]").click()
    claim = page.locator("article.ck-claim", has=page.locator(".ck-verdict-line")).first
    claim_id = claim.get_attribute("id").removeprefix("claim-")
    claim.locator(".ck-verdict-line a", has_text="Why").click()
    page.wait_for_url(f"**/next/{REPORT_ID}/#next-{claim_id}")
    heading = page.locator(f"h3#next-{claim_id}")
    assert heading.is_visible() and 0 <= heading.bounding_box()["y"] < 900
    verdict = page.locator(f"section[aria-labelledby='next-{claim_id}'] .ck-verdict")
    assert verdict.is_visible() and "Verdict as of" in verdict.inner_text()
    page.locator(f"h3#next-{claim_id} a").click()  # and back to the claim
    page.wait_for_url(f"**/{REPORT}#claim-{claim_id}")


def test_a_link_into_a_folded_section_opens_it(page, site_url):
    page.goto(site_url + REPORT)
    fold = page.locator("details#more-sources")
    assert fold.get_attribute("open") is None
    page.goto(site_url + REPORT + "#more-sources")
    assert fold.get_attribute("open") is not None
