"""Lateral reading, practised offline: a search and its results for one named source, as data.

Professional fact-checkers leave a page early and find out what others say about its
source (Civic Online Reasoning; SIFT's "investigate the source"). A lateral-reading set,
``data/lateral/<source-id>.yaml``, records one such search: the query, 3 to 6 results
as a search engine listed them (title, site, date, a snippet in the contributor's own
words, the real address) and what each tells a reader (useful; a trap, such as the
source's own "about" page or a partisan site; off-topic), the results a careful reader
opens first, and a model search path. Lessons use a set in a ``lateral-reading``
exercise; the pre/post check asks which result to open first. No network is needed:
the page shows the list; online classes can also open the real pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, field_validator, model_validator

from .dataset import Dataset
from .errors import Problem
from .loader import _did_you_mean, _parse, display_path
from .model import PartialDate, PartialDateText, ShortText, Slug, Strict, Text, WebUrl, YesNo
from .yamlsource import YamlDocument

LATERAL_DIR = "lateral"
TELLS = {
    "useful": ("Useful", "tells you who is behind the source, from someone independent"),
    "trap": ("Trap", "looks helpful but cannot tell you what you need: the source speaking for itself, a copy "
                     "or repeat of the claim, or a partisan site"),
    "off-topic": ("Off-topic", "matches the search words but is about something else"),
}
Tells = Literal["useful", "trap", "off-topic"]
MAX_QUOTED_WORDS = 12  # a snippet is the contributor's own words; it may quote a short phrase, no more
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))[\"“‘']([^\"”’]{3,}?)[\"”’'](?=[\s.,;:!?)]|$)")

Host = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", max_length=253),
    Field(description="The site the result is on, as its address shows it, e.g. www.bbc.com."),
]


class SearchResult(Strict):
    """One result of the search, as a reader sees it in the list, and what it tells them."""

    id: Slug = Field(description="A short id for this result, used by open_first, e.g. bbc-profile.")
    title: ShortText = Field(description="The page's title as the results list shows it.")
    title_is_description: YesNo = Field(False, description=(
        "true when the page's own title could not be seen: `title` then describes the page, and is shown "
        "in square brackets."))
    title_english: ShortText | None = Field(None, description=(
        "The title in English, in your own translation, when the page is in another language (required when "
        "the title is not in the Latin alphabet)."))
    site: Host
    date: PartialDateText
    date_estimated: YesNo = Field(False, description=(
        "true when the date is inferred (from the page's content or address), not printed on the page."))
    copy_of: ShortText | None = Field(None, description=(
        "For a mirror, repost or machine translation: whose work it copies, e.g. 'a Guardian report'."))
    url: WebUrl = Field(description="The real address (http or https), for classes that are online.")
    snippet: Text = Field(description=(
        "What the page says, in your own words (never copied; quote at most a short phrase)."))
    tells: Tells = Field(description="useful, trap or off-topic: what the result can tell a reader about the source.")
    why: Text = Field(description="Why: what this result tells a reader, or why it cannot.")

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        PartialDate.parse(value)  # raises ValueError naming the impossible month or day
        return value

    @model_validator(mode="after")
    def _consistent(self) -> SearchResult:
        host = (urlsplit(self.url).hostname or "").rstrip(".")
        if host != self.site:
            raise ValueError(f"site '{self.site}' is not the site of the address ({host}): give the address's site")
        for quoted in _QUOTED.findall(self.snippet):
            if len(quoted.split()) > MAX_QUOTED_WORDS:
                raise ValueError(f"the snippet quotes {len(quoted.split())} words ('{quoted[:40]}...'): write it in "
                                 f"your own words, quoting at most {MAX_QUOTED_WORDS}")
        if not re.search(r"[A-Za-z]", self.title) and not self.title_english:
            raise ValueError("the title is not in the Latin alphabet: give title_english, so that every student "
                             "can read what the result is")
        if self.title.startswith("[") and self.title.endswith("]"):
            raise ValueError("write the title without square brackets; set title_is_description: true when it "
                             "describes the page rather than copying its title")
        return self

    @property
    def when(self) -> str:
        """The date as shown in the list: '8 August 2022', or '2022 (estimated)'."""
        date = PartialDate.parse(self.date)
        shown = (f"{date.day} " if date.day else "") + (f"{_MONTHS[date.month - 1]} " if date.month else "")
        return f"{shown}{date.year}" + (" (date estimated)" if self.date_estimated else "")

    @property
    def shown_title(self) -> str:
        return f"[{self.title}]" if self.title_is_description else self.title

    @property
    def quoted_title(self) -> str:
        """The title in quotation marks (unless it is a description or already quoted); a title in another
        language is given in English first, the original after it."""
        title = self.shown_title
        quoted = title if title.startswith(("[", "“", '"')) else f"“{title}”"
        return f"“{self.title_english}” (original title: {quoted})" if self.title_english else quoted


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class LateralSet(Strict):
    """A search about one named source: the data for a lateral-reading exercise and check question."""

    source: Slug = Field(description="The source searched for; must equal the file name without .yaml.")
    query: ShortText = Field(description="The words typed into the search engine.")
    question: ShortText = Field(description="What the search is meant to find out about the source.")
    results: list[SearchResult] = Field(min_length=3, max_length=6, description="3 to 6 results, in listed order.")
    open_first: list[Slug] = Field(min_length=1, description=(
        "Ids of the results a careful reader opens first (each must be useful)."))
    model_path: Text = Field(description="A model search path: which results to open, skip, and why.")
    takeaway: Text = Field(description="What the search establishes about the source, in one or two sentences.")

    @model_validator(mode="after")
    def _results_make_an_exercise(self) -> LateralSet:
        ids = [r.id for r in self.results]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"result ids must differ: {', '.join(duplicates)} is used twice")
        kinds = {r.tells for r in self.results}
        if "useful" not in kinds:
            raise ValueError("at least one result must be useful: otherwise there is nothing to open first")
        if kinds == {"useful"}:
            raise ValueError("give at least one trap or off-topic result: click restraint needs something to skip")
        by_id = {r.id: r for r in self.results}
        for first in self.open_first:
            if first not in by_id:
                raise ValueError(f"open_first: no result '{first}'{_did_you_mean(first, ids)}")
            if by_id[first].tells != "useful":
                raise ValueError(f"open_first: result '{first}' is a {by_id[first].tells} result; open a useful one first")
        return self

    def result(self, result_id: str) -> SearchResult:
        return next(r for r in self.results if r.id == result_id)

    @property
    def first_results(self) -> list[SearchResult]:
        return [self.result(i) for i in self.open_first]


@dataclass(frozen=True)
class FirstChoice:
    """The feedback on choosing one result to open first, computed from the set."""

    result: SearchResult
    good: bool
    text: str


def first_choice(lateral: LateralSet, result: SearchResult) -> FirstChoice:
    label = TELLS[result.tells][0]
    better = " or ".join(f"{r.quoted_title} ({r.site})" for r in lateral.first_results)
    if result.id in lateral.open_first:
        return FirstChoice(result, True, f"Good first choice. {label}: {result.why}")
    if result.tells == "useful":
        return FirstChoice(result, False, f"{label}, but not the best place to start: {result.why} "
                                          f"A careful reader opens {better} first.")
    return FirstChoice(result, False, f"{label}: {result.why} A careful reader skips it and opens {better} first.")


def load_lateral(data_dir: Path, dataset: Dataset, root: Path, problems: list[Problem]) -> dict[str, LateralSet]:
    """Every lateral-reading set in data/lateral/, checked against the sources; problems are added to the list."""
    folder = Path(data_dir) / LATERAL_DIR
    sets: dict[str, LateralSet] = {}
    if not folder.is_dir():
        return sets
    for stray in sorted(folder.glob("*.yml")):
        problems.append(Problem(display_path(stray, root), 0, 0, "", "lateral-reading files must end in .yaml"))
    for path in sorted(folder.glob("*.yaml")):
        parsed = _parse(path, display_path(path, root), LateralSet, problems)
        if parsed:
            lateral, doc = parsed
            if _check(lateral, doc, path, dataset, problems):
                sets[lateral.source] = lateral
    return sets


def _check(lateral: LateralSet, doc: YamlDocument, path: Path, dataset: Dataset, problems: list[Problem]) -> bool:
    before = len(problems)
    if lateral.source not in dataset.sources:
        problems.append(doc.problem(("source",), f"unknown source '{lateral.source}'"
                                                 f"{_did_you_mean(lateral.source, list(dataset.sources))}"))
    elif not dataset.sources[lateral.source].named:
        problems.append(doc.problem(("source",), "an unnamed source cannot be searched for: pick a named one"))
    if lateral.source != path.stem:
        problems.append(doc.problem(("source",), f"source '{lateral.source}' must equal the file name '{path.stem}'"))
    return len(problems) == before
