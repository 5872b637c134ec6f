"""Honest lesson timing: minutes per reading, exercise and quiz, a core path for one period and a full path.

Exercise minutes are written in the lesson file. Reading minutes are computed: the
page a reading links to is rendered with the same renderer as the site, its visible
words are counted (``visible_words``), and divided by a careful reading speed. A
reading that links to one claim counts only that claim's section, because that is
what the student is sent to read.

READING_WPM is 150 words a minute: careful, study-type reading by students aged
14-18 of news text with names and figures in it, with an eye on a task. Typical
silent reading of easy prose is faster (200-250 for adults); careful reading of
unfamiliar, dense text is slower. Minutes are rounded up, at least one.

The teacher's phases are the core path: each phase covers readings (``reading-N``),
exercises (by id) and the ``quiz``; a phase with nothing to cover (a starter, an
exit) states its minutes; a covering phase may state more minutes than what it
covers (for moving into pairs, say), never fewer. The core path is the sum of the
phases and must fit the lesson's period; the full path adds every activity marked
``core: false``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markupsafe import escape

from . import pages, reads
from .course_model import Lesson, Reading
from .listing_macros import LISTING_MACROS, MACRO_CALL
from .render import Renderer
from .visible_words import visible_words

READING_WPM = 150
QUIZ_MINUTES_PER_QUESTION = 1  # read a short quote and four options, choose, read the feedback
# The same Markdown extensions as mkdocs.yml, so a hand-written page shows the same text.
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "pymdownx.details", "tables", "toc"]
# Macros a reading page may use, and the Renderer method giving their HTML.
PAGE_MACROS = LISTING_MACROS
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def minutes_to_read(words: int) -> int:
    return max(1, math.ceil(words / READING_WPM))


class TimingError(ValueError):
    """A reading whose words cannot be counted (the message says why)."""


class ReadingClock:
    """Counts the visible words of the pages readings link to, rendering each page once.

    ``counter`` (src, anchor) -> words, when given, counts instead (the build passes one that keeps each
    count in the render cache until the data the page shows changes: see :func:`page_words`)."""

    def __init__(self, renderer: Renderer, docs_dir: Path | None,
                 counter: Callable[[str, str | None], int | None] | None = None):
        self.renderer = renderer
        self.docs_dir = docs_dir
        self.counter = counter
        self._html: dict[str, tuple[str, frozenset]] = {}  # src -> (HTML, what rendering it read)

    def words(self, reading: Reading) -> int:
        src, anchor = reading_target(reading)
        if self.counter is not None:
            count = self.counter(src, anchor)
        else:
            count = visible_words(self._page_html(src), anchor)
        if count is None:
            raise TimingError(f"the page {src} has no element id=\"{anchor}\" to time the reading by")
        return count

    @staticmethod
    def src_uri(reading: Reading) -> str:
        if reading.page:
            return reading.page
        return pages.src_uri(reading.kind, getattr(reading, reading.kind))

    def _page_html(self, src: str) -> str:
        found = self._html.get(src)
        if found is None:
            with reads.recording() as seen:
                html = self._render(src)
            found = self._html[src] = (html, frozenset(seen))
        else:
            reads.note_all(found[1])  # what rendering it read, for whoever counts it again
        return found[0]

    def _render(self, src: str) -> str:
        page_url = pages.page_url(src)
        for kind, (folder, method) in pages.SECTIONS.items():
            if src.startswith(folder + "/") and src.count("/") == 1 and not src.endswith("/index.md"):
                key = src[len(folder) + 1:-len(".md")]
                if kind != "report" or self.renderer.data.report(key):
                    return self.renderer.full_page(method, key, page_url)
        if self.docs_dir is not None:
            reads.note_file(self.docs_dir / src)  # a count kept in the render cache depends on the page's file
        if self.docs_dir is None or not (self.docs_dir / src).is_file():
            raise TimingError(f"cannot time the reading: docs/{src} is not there to count its words")
        return self._hand_written(src, page_url)

    def _hand_written(self, src: str, page_url: str) -> str:
        """A page under docs/: its Markdown as HTML, with each listing macro's HTML put in its place."""
        text = _FRONT_MATTER.sub("", (self.docs_dir / src).read_text(encoding="utf-8"))
        inserts: list[str] = []

        def expand(match: re.Match) -> str:
            name, argument = match.group(1), match.group(2) or match.group(3)
            if name == "term" and argument:
                return str(escape(argument.replace("-", " ")))
            if name not in PAGE_MACROS or argument:
                raise TimingError(f"cannot time the reading: docs/{src} uses {{{{ {name}(...) }}}}, which reading "
                                  "time does not know how to count")
            inserts.append(self.renderer.fill_slots(page_url, self.renderer.listing(PAGE_MACROS[name], page_url)))
            return f"\n\nCKINSERT{len(inserts) - 1}\n\n"

        html = markdown.markdown(MACRO_CALL.sub(expand, text), extensions=MARKDOWN_EXTENSIONS)
        for n, insert in enumerate(inserts):
            html = html.replace(f"<p>CKINSERT{n}</p>", insert)
        return html


def reading_target(reading: Reading) -> tuple[str, str | None]:
    """The page a reading links to (its source under docs/) and the element whose words count (None: the
    whole page): what the count of its words is keyed by."""
    return ReadingClock.src_uri(reading), (f"claim-{reading.claim}" if reading.claim else None)


def page_words(renderer: Renderer, docs_dir: Path | None, src: str, anchor: str | None) -> int | None:
    """The visible words of one page a reading links to (of one claim's section with ``anchor``)."""
    return visible_words(ReadingClock(renderer, docs_dir)._page_html(src), anchor)


# --- the lesson's clock ---------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """One thing students do, with its minutes: a reading, an exercise, or the quiz."""

    key: str  # 'reading-2', an exercise id, or 'quiz': what a phase's `covers` names
    kind: str  # reading, exercise or quiz
    number: int  # as numbered on the lesson page (the quiz: 0)
    minutes: int
    core: bool
    words: int | None = None  # readings: the visible words counted

    @property
    def label(self) -> str:
        return "Quiz" if self.kind == "quiz" else f"{self.kind.capitalize()} {self.number}"


@dataclass(frozen=True)
class PhaseTime:
    activity: str
    minutes: int
    covers: tuple[Activity, ...]


@dataclass(frozen=True)
class LessonTiming:
    period: int  # the lesson's minutes: one class
    activities: tuple[Activity, ...]
    phases: tuple[PhaseTime, ...]
    wpm: int = READING_WPM
    by_key: dict[str, Activity] = field(default_factory=dict, compare=False)

    @property
    def core_minutes(self) -> int:
        return sum(phase.minutes for phase in self.phases)

    @property
    def extras(self) -> list[Activity]:
        return [a for a in self.activities if not a.core]

    @property
    def full_minutes(self) -> int:
        return self.core_minutes + sum(a.minutes for a in self.extras)

    def reading(self, number: int) -> Activity:
        return self.by_key[f"reading-{number}"]

    def of(self, key: str) -> Activity:
        return self.by_key[key]


def lesson_timing(lesson: Lesson, clock: ReadingClock) -> tuple[LessonTiming | None, list[tuple[tuple, str]]]:
    """The lesson's timing, or None, and its problems as (field path, message)."""
    problems: list[tuple[tuple, str]] = []
    activities: list[Activity] = []
    for n, reading in enumerate(lesson.readings, start=1):
        try:
            words = clock.words(reading)
        except TimingError as exc:
            problems.append((("readings", n - 1), str(exc)))
            continue
        activities.append(Activity(f"reading-{n}", "reading", n, minutes_to_read(words), reading.core, words))
    for n, exercise in enumerate(lesson.exercises, start=1):
        activities.append(Activity(exercise.id, "exercise", n, exercise.minutes, exercise.core))
    activities.append(Activity("quiz", "quiz", 0, QUIZ_MINUTES_PER_QUESTION * len(lesson.quiz), True))
    if problems:
        return None, problems
    by_key = {a.key: a for a in activities}
    covered: dict[str, int] = {}
    phases: list[PhaseTime] = []
    for i, phase in enumerate(lesson.teacher.phases):
        at = ("teacher", "phases", i)
        covers = []
        for j, key in enumerate(phase.covers):
            activity = by_key.get(key)
            if activity is None:
                known = ", ".join(by_key)
                problems.append((at + ("covers", j), f"'{key}' is not an activity of this lesson (known: {known})"))
            elif key in covered:
                problems.append((at + ("covers", j), f"'{key}' is already covered by phase {covered[key] + 1}"))
            elif not activity.core:
                problems.append((at + ("covers", j), f"'{key}' is marked core: false, so it is not part of the "
                                                     "core path the phases plan; remove it here or make it core"))
            else:
                covered[key] = i
                covers.append(activity)
        needed = sum(a.minutes for a in covers)
        if phase.minutes is None and not phase.covers:
            problems.append((at, "a phase that covers no activity (a starter, an exit) must give its minutes"))
        elif phase.minutes is not None and phase.minutes < needed:
            what = ", ".join(f"{a.label.lower()} {a.minutes}" for a in covers)
            problems.append((at + ("minutes",), f"this phase gives {phase.minutes} minutes, but what it covers takes "
                                                f"{needed} ({what}): give at least {needed}, or cover less"))
        phases.append(PhaseTime(phase.activity, phase.minutes if phase.minutes is not None else needed,
                                tuple(covers)))
    for activity in activities:
        if activity.core and activity.key not in covered:
            where = ("quiz",) if activity.kind == "quiz" else (
                ("readings", activity.number - 1) if activity.kind == "reading" else ("exercises", activity.number - 1))
            problems.append((where, f"{activity.label.lower()} ({activity.minutes} min) is in the core path but no "
                                    f"teacher phase covers it: add '{activity.key}' to a phase's covers, or mark it "
                                    "core: false"))
    timing = LessonTiming(lesson.minutes, tuple(activities), tuple(phases), by_key=by_key)
    if not problems and timing.core_minutes > lesson.minutes:
        parts = "; ".join(f"{p.activity} {p.minutes}" for p in timing.phases)
        problems.append((("teacher", "phases"), f"the core path takes {timing.core_minutes} minutes ({parts}), more "
                                                f"than the lesson's {lesson.minutes} (minutes): move an activity out "
                                                "of the core path (core: false) or shorten a phase"))
    return (None if problems else timing), problems
