"""Lesson, worksheet, teacher-guide, quiz and glossary HTML, from the validated course and case data.

Same rules as ``render.py``: one Jinja environment with autoescape on; data
(including the course files) is passed *into* templates and never rendered as
one. Templates emit Markdown headings of fixed text between raw HTML blocks
(each one element with no blank line inside), so the table of contents works
and Markdown never reads data text.

Rich text (``[[kind:target|label]]``, see ``course_text.py``) is turned into HTML
here, from escaped parts. Glossary tooltips that land in Markdown paragraphs
(the ``term()`` macro) also encode Markdown's punctuation as character
references, because Markdown parses text between inline HTML tags.
"""

from __future__ import annotations

import re
from functools import cached_property

import jinja2
from markupsafe import Markup, escape

from . import analysis, course_answers as answers, labels, lateral, pages, prepost, quote_lang, quote_markup
from .course_model import Course, Exercise, Lesson, terms_of
from .course_text import RichPart, default_label, parse_rich, plain_text
from .dataset import Dataset
from .render import template_environment

AUDIENCE = "Students aged 14-18 and first-year university students"

# Markdown and attr_list syntax characters: written as character references in tooltips that sit in
# Markdown paragraphs, so `__x__`, `*x*`, `[x](y)` or `{: .x}` in data stay text.
_MD_ACTIVE = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+-.!|~:"}


_TAG_OR_ENTITY = re.compile(r"<[^>]*>|&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def markdown_inert(html: str) -> str:
    """Encode Markdown punctuation in the text of already-escaped HTML; tags and entities are kept."""
    out, position = [], 0
    for match in _TAG_OR_ENTITY.finditer(html):
        out.append("".join(_MD_ACTIVE.get(ch, ch) for ch in html[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append("".join(_MD_ACTIVE.get(ch, ch) for ch in html[position:]))
    return "".join(out)


def tidy(text: str) -> str:
    """Drop empty lines (an empty line would end a raw HTML block), then set Markdown headings apart."""
    out: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            out += ["", line, ""]
        else:
            out.append(line)
    return "\n".join(out).strip() + "\n"


# exercise type -> ruled lines to leave for the answer on a worksheet
WORKSHEET_LINES = {"mark-cues": 5, "chain-step": 5, "what-changed": 5, "compare-figures": 7, "trust-which": 8,
                   "status-timeline": 0, "translation": 0,  # tables and translation items carry their own space
                   "lateral-reading": 0}  # boxes to tick and a box for the verdict


class CourseRenderer:
    """Renders lesson pages for one dataset and course. Create once per build."""

    def __init__(self, data: Dataset, course: Course, *, directory_urls: bool = True, site_url: str | None = None):
        self.data = data
        self.course = course
        self.directory_urls = directory_urls
        self.site_url = (site_url or "").rstrip("/") + "/" if site_url else None
        self._tips: dict[str, int] = {}
        self._tip_page: str | None = None

    @cached_property
    def env(self) -> jinja2.Environment:
        env = template_environment()
        env.globals.update(describe=analysis.describe_quantity, TELLS=lateral.TELLS,
                           ratio=answers.format_ratio, AUDIENCE=AUDIENCE, ARTEFACT_KINDS=answers.ARTEFACT_KINDS)
        # computed option labels and feedback quote reports ("“1,400 …”, printed by ..."): mark their language
        foreign = quote_lang.foreign_quotes(self.data.reports)
        env.filters["quoted"] = lambda text: quote_lang.mark_quotes(text, foreign)
        return env

    @cached_property
    def _cue_slots(self) -> dict[str, int]:
        """The same style slot per cue category as on report pages."""
        return labels.cue_slots(self.data.cue_categories)

    # --- URLs -----------------------------------------------------------------------

    def url(self, src_uri: str) -> str:
        """Site-relative URL of a Markdown page (e.g. 'lessons/lesson-1/')."""
        return pages.page_url(src_uri, self.directory_urls)

    def href(self, page_url: str, src_uri: str, anchor: str | None = None) -> str:
        href = pages.relative_link(page_url, self.url(src_uri))
        return f"{href}#{anchor}" if anchor else href

    def stable_url(self, src_uri: str) -> str:
        """The address to give students: absolute when site_url is set, else the path from the home page."""
        return f"{self.site_url}{self.url(src_uri)}" if self.site_url else self.url(src_uri)

    def target(self, kind: str, key: str) -> tuple[str, str | None]:
        """(src_uri, anchor) of a reference."""
        if kind == "claim":
            report_id, _, claim_id = key.partition("#")
            return pages.src_uri("report", report_id), f"claim-{claim_id}"
        if kind in ("report", "source", "tracker"):
            return pages.src_uri(kind, key), None
        if kind == "lesson":
            return f"lessons/{key}.md", None
        if kind == "page":
            return key, None
        if kind == "term":
            return "glossary.md", f"term-{key}"
        raise KeyError(kind)

    # --- glossary tooltips ----------------------------------------------------------

    def _tip_id(self, page_url: str, term_id: str) -> str:
        if page_url != self._tip_page:
            self._tip_page, self._tips = page_url, {}
        self._tips[term_id] = self._tips.get(term_id, 0) + 1
        return f"tip-{term_id}-{self._tips[term_id]}"

    def term_html(self, term_id: str, page_url: str, shown: str | None = None) -> Markup:
        term = self.course.glossary[term_id]
        tip = self._tip_id(page_url, term_id)
        example = Markup(" <em>Example:</em> {}").format(term.example) if term.example else ""
        return Markup(
            '<span class="ck-term" tabindex="0" aria-describedby="{tip}">{shown}'
            '<span class="ck-tip" role="tooltip" id="{tip}"><strong>{term}</strong>: {definition}{example}</span></span>'
        ).format(tip=tip, shown=shown or term.term, term=term.term, definition=term.definition, example=example)

    def term(self, term_id: str, page_url: str, shown: str | None = None) -> str:
        """Inline tooltip for a glossary term, safe inside a Markdown paragraph."""
        if not self.course.available:
            return markdown_inert(str(escape(shown or term_id.replace("-", " "))))
        if term_id not in self.course.glossary:
            known = ", ".join(sorted(self.course.glossary))
            raise KeyError(f"term('{term_id}'): no such id in data/glossary.yaml (known: {known})")
        return markdown_inert(str(self.term_html(term_id, page_url, shown)))

    # --- rich text ------------------------------------------------------------------------

    def rich(self, text: str, page_url: str, *, tips: bool = True, links: bool = True) -> Markup:
        out = []
        for part in parse_rich(text):
            if part.kind is None:
                out.append(escape(part.text))
            elif part.kind == "count":
                words = default_label(part, self.course, self.data)
                before = "".join(str(o) for o in out).rstrip()
                sentence_start = not before or before.endswith((".", "!", "?"))
                out.append(escape(words[:1].upper() + words[1:] if sentence_start else words))
            elif part.kind == "term" and tips:
                out.append(self.term_html(part.target, page_url, part.text or None))
            else:
                out.append(self._link(part, page_url, links))
        return Markup("").join(out)

    def _link(self, part: RichPart, page_url: str, links: bool) -> Markup:
        label = part.text or default_label(part, self.course, self.data)
        if not links:
            return escape(label)
        src, anchor = self.target(part.kind, part.target)
        return Markup('<a href="{}">{}</a>').format(self.href(page_url, src, anchor), label)

    # --- rendering ------------------------------------------------------------------------

    def _render(self, template: str, page_url: str, **context) -> str:
        def link(kind: str, key: str) -> str:
            src, anchor = self.target(kind, key)
            return self.href(page_url, src, anchor)

        def doc(src_uri: str, anchor: str | None = None) -> str:
            return self.href(page_url, src_uri, anchor)

        def rich(text: str, tips: bool = True, links: bool = True) -> Markup:
            return self.rich(text, page_url, tips=tips, links=links)

        def plain(text: str) -> str:
            return plain_text(text, self.course, self.data)

        def claim_link(ref) -> str:
            return link("claim", f"{ref.report.id}#{ref.claim.id}")

        def who_says(ref) -> str:
            return answers.who_says(self.data, ref)

        def claim_number(ref) -> int:
            return ref.report.claims.index(ref.claim) + 1

        html = self.env.get_template(template).render(
            link=link, doc=doc, rich=rich, plain=plain, claim_link=claim_link, claim_number=claim_number, who_says=who_says,
            sources=self.data.sources, measures=self.data.measures, categories=self.data.cue_categories,
            slot=self._cue_slots, quote_html=self._quote_html, stable_url=self.stable_url,
            site_url=self.site_url, page_url=page_url, course=self.course, data=self.data, **context,
        )
        return tidy(html)

    def _quote_html(self, claim, **options):
        return quote_markup.quote_html(claim, self.data.cue_categories, self._cue_slots, **options)

    def unavailable(self, what: str) -> str:
        return (f'<p class="ck-note ck-course-missing">{escape(what)} is built from the course data '
                "(data/lessons/ and data/glossary.yaml), which this copy of the site does not include.</p>\n")

    def _lesson_context(self, lesson: Lesson) -> dict:
        timing = self.course.timings.get(lesson.id)
        return {
            "lesson": lesson,
            "timing": timing,
            "reading_times": [timing.reading(n) if timing else None for n in range(1, len(lesson.readings) + 1)],
            "activity_title": lambda activity: self._activity_title(lesson, activity),
            "exercises": [self._exercise_view(ex, timing) for ex in lesson.exercises],
            "questions": [answers.resolve_question(self.data, q, self.course.lateral) for q in lesson.quiz],
            "terms": [self.course.glossary[t] for t in terms_of(lesson)],
            "lesson_src": f"lessons/{lesson.id}.md",
            "teacher_src": f"teachers/{lesson.id}.md",
            "worksheet_src": f"worksheets/{lesson.id}.md",
            "answers_src": f"worksheets/answers/{lesson.id}.md",
        }

    def _activity_title(self, lesson: Lesson, activity) -> str:
        if activity.kind == "exercise":
            return lesson.exercises[activity.number - 1].title
        if activity.kind == "reading":
            reading = lesson.readings[activity.number - 1]
            if reading.label:
                return reading.label
            if reading.report:
                return self.data.report(reading.report).title
            if reading.source:
                return self.data.sources[reading.source].name
            return self.data.measures[reading.tracker].label
        return "Self-check quiz"

    def _exercise_view(self, ex: Exercise, timing=None) -> dict:
        view: dict = {"ex": ex, "lines": WORKSHEET_LINES[ex.type], "time": timing.of(ex.id) if timing else None}
        if ex.claim:
            ref = self.data.claim(ex.claim)
            view["ref"] = ref
            view["cues"] = sorted(ref.claim.cues, key=lambda cue: (ref.claim.quote.find(cue.text), cue.text))
            view["links"] = answers.chain(self.data, ref)
            if ex.type == "what-changed":
                view["changes"] = analysis.chain_changes(self.data, ref.report, ref.claim)
                view["earlier"] = [(self.data.claim(s.about), s) for s in self.data.stances(ref.report, ref.claim)]
        if ex.claims:
            facts = [answers.claim_facts(self.data, key) for key in ex.claims]
            if ex.type == "status-timeline":
                facts.sort(key=lambda f: f.ref.report.date.sort_key)
            view["facts"] = facts
        if ex.measures:
            view["comparison"] = answers.compare_figures(self.data, ex.measures)
        if ex.source:
            lateral_set = self.course.lateral[ex.source]
            view["lateral"] = lateral_set
            view["choices"] = [lateral.first_choice(lateral_set, result) for result in lateral_set.results]
        if ex.printed:
            view["artefacts"] = [answers.artefact_of(self.data, ex.report, printed) for printed in ex.printed]
        return view

    def _lesson_section(self, template: str, lesson_id: str, page_url: str, **options) -> str:
        if not self.course.available:
            return self.unavailable("This lesson")
        lesson = self.course.lesson(lesson_id)
        return self._render(template, page_url, **self._lesson_context(lesson), **options)

    def overview(self, lesson_id: str, page_url: str) -> str:
        """Summary, time, audience, objectives and readings."""
        return self._lesson_section("course_overview.html", lesson_id, page_url)

    def case(self, lesson_id: str, page_url: str) -> str:
        return self._lesson_section("course_case.html", lesson_id, page_url)

    def exercises(self, lesson_id: str, page_url: str, mode: str = "student") -> str:
        return self._lesson_section("course_exercises.html", lesson_id, page_url, mode=mode, heading="Exercises")

    def quiz(self, lesson_id: str, page_url: str, mode: str = "student") -> str:
        return self._lesson_section("course_quiz.html", lesson_id, page_url, mode=mode, heading="Check yourself")

    def key_points(self, lesson_id: str, page_url: str) -> str:
        return self._lesson_section("course_key_points.html", lesson_id, page_url)

    def terms(self, lesson_id: str, page_url: str) -> str:
        return self._lesson_section("course_terms.html", lesson_id, page_url)

    def teacher_guide(self, lesson_id: str, page_url: str) -> str:
        if not self.course.available:
            return self.unavailable("This teacher guide")
        lesson = self.course.lesson(lesson_id)
        return self._render("course_teacher.html", page_url, **self._lesson_context(lesson))

    def worksheet(self, lesson_id: str, page_url: str, answers: bool = False) -> str:
        from .course_worksheet import worksheet  # the printed sheet's own helpers (addresses, QR codes)

        return worksheet(self, lesson_id, page_url, answers=answers)

    def worksheet_answers(self, lesson_id: str, page_url: str) -> str:
        """The worksheet as the teacher marks it: answers and rubrics in place of the space to write."""
        return self.worksheet(lesson_id, page_url, answers=True)

    def glossary_page(self, page_url: str) -> str:
        if not self.course.available:
            return self.unavailable("The glossary")
        terms = sorted(self.course.glossary.values(), key=lambda t: t.term.lower())
        return self._render("course_glossary.html", page_url, terms=terms)

    # --- the pre/post check and class results ------------------------------------------------

    def _form_view(self, form_id: str) -> dict:
        form = self.course.forms[form_id]
        return {"form": form, "key": self.course.form_keys[form_id],
                "questions": [answers.resolve_question(self.data, q, self.course.lateral) for q in form.questions]}

    def check_form(self, form_id: str, page_url: str) -> str:
        """One form of the pre/post check, scored in the browser (check.js) into a result code."""
        if not self.course.available or not self.course.forms:
            return self.unavailable("The check")
        if form_id not in self.course.forms:
            raise KeyError(f"check_form('{form_id}'): no such form in data/checks/ "
                           f"(known: {', '.join(self.course.forms)})")
        view = self._form_view(form_id)
        return self._render("course_check.html", page_url, **view, skills=prepost.SKILLS,
                            key_json={"skills": list(prepost.SKILLS.items()), "form": view["key"].as_json()})

    def class_results(self, page_url: str) -> str:
        """The teachers' page that pools result codes in the browser (class-results.js); nothing is sent."""
        if not self.course.available or not self.course.forms:
            return self.unavailable("The class results page")
        forms = [self._form_view(form_id) for form_id in self.course.forms]
        key_json = {"skills": list(prepost.SKILLS.items()), "forms": [view["key"].as_json() for view in forms]}
        return self._render("course_class.html", page_url, forms=forms, skills=prepost.SKILLS, key_json=key_json)

    def lessons_index(self, page_url: str, audience: str = "students") -> str:
        if not self.course.available:
            return self.unavailable("The list of lessons")
        return self._render("course_index.html", page_url, lessons=self.course.lessons, audience=audience)
