"""The claim data model: what one YAML file may say, as typed, frozen objects.

These pydantic models are the single schema: the loader validates every file
against them, and ``scripts/export_schema.py`` turns them into the JSON Schema
files that editors use for autocompletion. Cross-file rules (a source id must
exist, a hedge must occur in its quote) live in ``loader.py``, because they
need more than one file.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def _one_line(text: str) -> str:
    """Collapse runs of ASCII white space, so data text never starts a Markdown line on a page.

    Only ASCII: str.split() would also turn a no-break space (written "\\u00A0" in a quote, to
    quote verbatim) into a plain one.
    """
    return _ASCII_SPACE.sub(" ", text).strip(" ")


OneLine = AfterValidator(_one_line)


def _true_or_false(value):
    """Only `true` or `false`: YAML 1.1 also reads yes/no/on/off as booleans, which misleads."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValueError(f"expected true or false; got {value!r}")


YesNo = Annotated[bool, BeforeValidator(_true_or_false)]

# --- small value types ------------------------------------------------------

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Lower-case id: letters, digits and single hyphens, e.g. `new-york-post`."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), OneLine]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), OneLine]
Quote = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    OneLine,
    Field(description="Verbatim words from the report, copied exactly (short: one or two sentences)."),
]
WebUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$", max_length=2000),
    Field(description="An http or https address."),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2}$"),
    Field(description="Two-letter ISO 639-1 code, e.g. `en`, `ko`, `ru`."),
]
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
PartialDateText = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    Field(
        description=(
            "Publication date as `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the day or month "
            "is not known. Say how it was established in `published_note`."
        )
    ),
]
FullDateText = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), Field(description="`YYYY-MM-DD`.")
]


ClaimKey = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="`report-id#claim-id` of a claim in the data."),
]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY[-MM[-DD]]`; raise ValueError with a readable reason."""
        return _parse_date(cls, text)

    @classmethod
    def _parse_uncached(cls, text: str) -> PartialDate:
        if not re.fullmatch(DATE_PATTERN, text):
            raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in text.split("-")]
        year, month, day = (parts + [None, None])[:3]
        if year < 1:  # (the pattern allows 0000; no calendar, chart or datetime does)
            raise ValueError(f"{text!r}: year {year:04d} does not exist; the first year is 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} does not exist")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{text!r}: day {day} does not exist in {calendar.month_name[month]} {year}")
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["day", "month", "year"]:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Order in lists: a date known only to the month (or year) sorts after the known days of
        that month (or year). It may be any of them, so it never claims to come first."""
        return (self.year, self.month or 13, self.day or 32)

    def human(self) -> str:
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year} (day unknown)"
        return f"{self.year} (month and day unknown)"

    def iso(self) -> str:
        return "-".join(
            [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        )


@functools.lru_cache(maxsize=4096)
def _parse_date(cls, text: str) -> PartialDate:
    """Pages ask for report dates hundreds of thousands of times; the text is parsed once."""
    return cls._parse_uncached(text)


class Strict(BaseModel):
    """Base for every data object: unknown fields are errors, objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- shared data: sources, measures, hedge categories ----------------------

SourceKind = Literal[
    "state-media",
    "news-agency",
    "newspaper",
    "tabloid",
    "regional-outlet",
    "online-outlet",
    "magazine",
    "broadcaster",
    "think-tank",
    "government",
    "official",
    "intelligence-agency",
    "military",
    "pundit",
    "expert",
    "unknown",
]

class Grade(Strict):
    """Reliability of a source on the Admiralty (NATO) scale, with the reason for it."""

    reliability: Literal["A", "B", "C", "D", "E", "F"] = Field(
        description=(
            "A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, "
            "E unreliable, F reliability cannot be judged."
        )
    )
    reason: Text = Field(description="Why: record, independence, access to what it reports.")


class Source(Strict):
    """Anyone a claim can come from: an outlet, a person, an agency, a government.

    An unnamed source ("an unnamed officer") is a source too, with `named: false`
    and a description of how the report identifies it.
    """

    id: Slug
    name: ShortText = Field(description="Name as a reader would know it, or a description if unnamed.")
    short_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] | None = Field(
        None, description="A short name for running text, e.g. 'the NIS' or 'East Coast Daily' (optional)."
    )
    kind: SourceKind
    named: YesNo = Field(True, description="false for unnamed or vague sources ('sources familiar with').")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Two-letter country code (ISO 3166-1), if it has one."
    )
    description: Text = Field(description="One or two neutral sentences: who this is.")
    url: WebUrl | None = None
    grade: Grade | None = Field(None, description="Admiralty-code reliability grade and the reason.")

    @property
    def short(self) -> str:
        """The name for running text: the short name if there is one."""
        return self.short_name or self.name


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class Measure(Strict):
    """A quantity that reports give figures for, so figures can be compared across reports."""

    id: Slug
    label: ShortText = Field(description="What is counted, e.g. 'North Korean troops sent to Russia'.")
    unit: ShortText = Field(description="e.g. 'people', 'soldiers', 'percent'.")
    description: Text | None = None


class MeasuresFile(Strict):
    measures: list[Measure] = Field(min_length=1)


class Event(Strict):
    """Something that happened, for the timeline; it must rest on claims in the data."""

    id: Slug
    date: PartialDateText
    title: ShortText
    description: Text | None = None
    evidence: list[ClaimKey] = Field(min_length=1, description="Claims that report this event.")

    @field_validator("date")
    @classmethod
    def _real_date(cls, text: str) -> str:
        PartialDate.parse(text)
        return text

    @property
    def when(self) -> PartialDate:
        return PartialDate.parse(self.date)


class EventsFile(Strict):
    events: list[Event] = Field(default_factory=list)


class Case(Strict):
    """A story the site teaches from: the reports that follow one claim or event as it travels."""

    id: Slug
    title: ShortText = Field(description="e.g. 'North Korean troops for Russia's war'.")
    short_title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)] | None = Field(
        None, description="A short title for lists, tables and links, e.g. 'North Korean troops' (optional)."
    )
    summary: Text = Field(description="Two or three neutral sentences: what the story is and why it is taught.")
    period: ShortText = Field(description="The years the reports cover, e.g. '2022-2024'.")

    @property
    def short(self) -> str:
        """The title for tight places (a table cell, a jump list)."""
        return self.short_title or self.title


class CasesFile(Strict):
    cases: list[Case] = Field(min_length=1)


CueKind = Literal["hedge", "certainty", "attribution", "scare-quote"]
CUE_KIND_HELP = (
    "hedge: withholds full commitment (could, reportedly, about); certainty: a certainty marker or "
    "booster that closes down doubt (confirmed, inevitable, clearly); attribution: says who is speaking "
    "(according to, said, sources familiar with); scare-quote: quotation marks that distance the writer "
    "from a word ('volunteers')."
)


class CueCategory(Strict):
    """A category of cue words, of one kind (hedge, certainty, attribution, scare quote), explained for students."""

    id: Slug
    kind: CueKind = Field(description=CUE_KIND_HELP)
    label: ShortText
    tag: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)] | None = Field(
        None, description="One or two words for the label beside each marked cue (default: the label)."
    )
    explanation: Text = Field(description="What this kind of wording tells (or hides from) a reader.")
    cues: list[ShortText] = Field(
        default_factory=list, description="Typical words and phrases of this kind (lower case), most typical first."
    )
    references: list[Slug] = Field(default_factory=list, description=(
        "Ids of the published works (under `references:` in the same file) its words come from."
    ))

    @property
    def short(self) -> str:
        """The words beside each marked cue: the tag, else the label."""
        return self.tag or self.label


class Reference(Strict):
    """A published list or style guide the lexicon's words come from."""

    id: Slug
    title: ShortText
    author: ShortText | None = None
    year: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")] | None = None
    url: WebUrl | None = None
    note: ShortText | None = Field(None, description="What the lexicon takes from it.")


class CuesFile(Strict):
    references: list[Reference] = Field(default_factory=list)
    categories: list[CueCategory] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_exist(self) -> CuesFile:
        known = {r.id for r in self.references}
        wrong = [
            InitErrorDetails(type=PydanticCustomError("value_error", "unknown reference", {"error": (
                f"unknown reference '{ref}': list it under `references:` at the top of the file"
            )}), loc=("categories", i, "references", j), input=ref)
            for i, category in enumerate(self.categories)
            for j, ref in enumerate(category.references) if ref not in known
        ]
        if wrong:
            raise ValidationError.from_exception_data("CuesFile", wrong)
        return self


# --- a report and its claims ------------------------------------------------

ClaimStatus = Literal["asserted", "attributed", "denied", "speculated"]
CitedHow = Literal["quoted", "paraphrased", "according-to", "citing", "unspecified"]
Qualifier = Literal["exact", "about", "over", "under", "up-to", "at-least", "nearly"]
Relation = Literal["repeats", "echoes", "supports", "confirms", "disputes", "denies", "contradicts"]


class AttributionStep(Strict):
    """One link in the chain from this report back to where a claim started."""

    source: Slug = Field(description="Id of a source in data/sources.yaml.")
    how: CitedHow = Field(
        description=(
            "How the report cites this source: quoted (its own words in quotation marks), "
            "paraphrased, according-to, citing (relaying another outlet's report), "
            "or unspecified (vague: 'reports say')."
        )
    )
    words: Quote | None = Field(
        None, description="The exact attribution words in the quote, e.g. 'According to the New York Post'."
    )


Occurrence = Annotated[
    int,
    Field(ge=1, le=50, description=(
        "Which occurrence of the words in the quote is meant (1 = the first). Without it, annotations "
        "of the same words take the first, second, ... occurrence in order."
    )),
]


class Cue(Strict):
    """A cue in the quote: exact words and their category (a hedge, a certainty marker, an attribution, a scare quote)."""

    text: ShortText = Field(description=(
        "The cue exactly as it appears in the quote. For a scare quote, include the quotation marks "
        "(write the value in single quotes: '\"volunteers\"')."
    ))
    category: Slug = Field(description="Id of a category in data/cues.yaml.")
    occurrence: Occurrence | None = None


class NotCue(Strict):
    """Words the cue detector would flag that are not a cue here ("would" in reported speech, "can" as ability)."""

    text: ShortText = Field(description="The words exactly as they appear in the quote.")
    reason: ShortText = Field(description="Why they are not a cue here, e.g. 'reported speech', 'ability'.")
    occurrence: Occurrence | None = None


class IndependentChain(Strict):
    """Another, independent chain of sources for the same claim ("Both Ukraine and South Korea say ...")."""

    chain: list[AttributionStep] = Field(
        min_length=1, description="From the source this report cites back to the origin, like `attribution`."
    )


FigureKind = Literal["total", "increment", "target", "forecast"]


class Quantity(Strict):
    """A number in a claim: what is counted, the value or range, and how it was printed."""

    measure: Slug = Field(description="Id of a measure in data/measures.yaml.")
    kind: FigureKind = Field("total", description=(
        "total: the figure itself, a level or a count so far (trackers plot these); increment: an "
        "addition to an earlier figure ('1,500 more'); target: a goal ('10,000 by December'); forecast: "
        "a prediction. Only totals are plotted on trackers."
    ))
    by: PartialDateText | None = Field(None, description="target, forecast: the date the figure is for.")
    interpreted: YesNo = Field(False, description=(
        "true when the report prints no number and the value is the project's reading of words such as "
        "'thousands' (explain it in note). Interpreted figures are listed on trackers, never plotted."
    ))
    value: int | float | None = Field(None, description="The figure, or use min and max for a range.")
    min: int | float | None = None
    max: int | float | None = None
    qualifier: Qualifier = Field("exact", description="'over 100,000' is qualifier over, value 100000.")
    confidence: Literal["low", "medium", "high"] = Field(
        "high", description="How sure the reading of the printed figure is (low for garbled text)."
    )
    as_printed: Quote = Field(description="The figure exactly as printed in the quote, e.g. 'over 100,000'.")
    note: Text | None = Field(
        None, description="How the value was read, when it differs from what was printed."
    )

    @model_validator(mode="after")
    def _value_or_range(self) -> Quantity:
        has_range = self.min is not None or self.max is not None
        if self.value is None and not has_range:
            raise ValueError("give either value, or min and max for a range")
        if self.value is not None and has_range:
            raise ValueError("give either value, or min and max, not both")
        if has_range and (self.min is None or self.max is None):
            raise ValueError("a range needs both min and max")
        if has_range and self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        if self.interpreted and not self.note:
            raise ValueError("an interpreted figure needs a note saying how the words were read as a number")
        if self.by is not None and self.kind not in ("target", "forecast"):
            raise ValueError(f"by is for a target or forecast; this figure's kind is {self.kind}")
        if self.by is not None:
            PartialDate.parse(self.by)
        return self


RELATION_HELP = (
    "repeats: passes on the same claim (same source, same point); echoes: raises the same idea again with "
    "no new source or evidence; supports: adds evidence or a source in favour; confirms: establishes it "
    "(an authority or evidence that settles it); disputes: doubts it or gives a different account; "
    "denies: the party concerned says it is untrue; contradicts: evidence or a statement incompatible with it."
)


class Stance(Strict):
    """How this claim relates to another claim: in an earlier report, or in this one (headline vs body)."""

    claim: ClaimKey
    relation: Relation = Field(description=RELATION_HELP)
    note: Text | None = None


class TakenUpBy(Strict):
    """A later claim's stance on this one, recorded here so the later report's file need not change."""

    claim: ClaimKey = Field(description="The later claim, report-id#claim-id.")
    relation: Relation = Field(description="What the later claim does to this one. " + RELATION_HELP)
    note: Text | None = None


Rating = Literal["confirmed", "supported", "unproven", "disputed", "false"]
RATING_HELP = (
    "confirmed: later evidence in the data establishes it; supported: credible sources back it but it is "
    "not established; unproven: no evidence either way; disputed: credible sources contradict it; "
    "false: later evidence shows it is wrong."
)
RATING_ORDER = ("false", "disputed", "unproven", "supported", "confirmed")  # weakest first


class Verdict(Strict):
    """The project's own assessment of a claim, dated, resting on other reports in the data.

    Two questions, answered apart: did it happen (``event``), and is the number right (``figure``)?
    "Troops were sent" can be confirmed while "12,000 troops" is not.
    """

    event: Rating = Field(description="What happened, as the claim says. " + RATING_HELP)
    about: ShortText | None = Field(
        None, description="What happened, in a few words, e.g. 'troops were sent' (shown with the rating)."
    )
    figure: Rating | None = Field(None, description=(
        "The claim's figures: required when the claim has quantities, not allowed otherwise. " + RATING_HELP
    ))
    as_of: PartialDateText = Field(description="The date of the latest evidence the verdict rests on.")
    explanation: Text
    evidence: list[ClaimKey] = Field(default_factory=list, description="Claims in other reports it rests on.")
    against: Text | None = Field(None, description=(
        "Why the verdict stands although the claim's trail holds reports that point the other way "
        "(a confirmed claim that someone denies, a false one that someone repeats)."
    ))

    @field_validator("as_of")
    @classmethod
    def _real_date(cls, text: str) -> str:
        PartialDate.parse(text)
        return text

    @property
    def overall(self) -> str:
        """The weaker of the two ratings: a claim with a number holds only as far as its number does."""
        if self.figure is None:
            return self.event
        return min(self.event, self.figure, key=RATING_ORDER.index)


class Credibility(Strict):
    """Credibility of one claim on the Admiralty scale (1-6), with the reason."""

    rating: Literal["1", "2", "3", "4", "5", "6"] = Field(
        description=(
            "1 confirmed by other sources, 2 probably true, 3 possibly true, 4 doubtful, "
            "5 improbable, 6 truth cannot be judged."
        )
    )
    reason: Text


class Claim(Strict):
    id: Slug = Field(description="Short id, unique within the report.")
    where: Literal["headline", "subheading", "body", "caption"] = "body"
    quote: Quote
    claim: Text = Field(description="What is claimed, in plain, neutral words.")
    status: ClaimStatus = Field(
        description=(
            "As the report presents it: asserted (in its own voice), attributed (to a source), "
            "denied (the claim is denied), speculated (possibility, not fact)."
        )
    )
    sic: list[ShortText] = Field(default_factory=list, description=(
        "Words in the quote printed with an error and kept as printed (shown with [sic]), exactly as in the quote."
    ))
    quantities: list[Quantity] = Field(default_factory=list)
    attribution: list[AttributionStep] = Field(
        default_factory=list,
        description="From the source this report cites back to the origin. Empty: the outlet's own voice.",
    )
    also_attributed: list[IndependentChain] = Field(default_factory=list, description=(
        "Other, independent chains for the same claim ('Both Ukraine and South Korea say ...'); "
        "`attribution` holds the first."
    ))
    cues: list[Cue] = Field(default_factory=list, description=(
        "Hedges, certainty markers, attribution cues and scare quotes in the quote (categories in data/cues.yaml)."
    ))
    not_cues: list[NotCue] = Field(default_factory=list, description=(
        "Words the cue detector flags that are not cues here, with the reason (silences its warning)."
    ))
    stance: list[Stance] = Field(default_factory=list, description="This claim's stance on earlier claims.")
    taken_up_by: list[TakenUpBy] = Field(default_factory=list, description=(
        "Later claims that take a stance on this one, when their own files do not say so."
    ))
    verdict: Verdict | None = Field(None, description="Optional: what later evidence in the data shows.")
    credibility: Credibility | None = Field(None, description="Optional: Admiralty credibility of this claim.")

    @model_validator(mode="after")
    def _verdict_fits(self) -> Claim:
        if self.verdict and self.quantities and self.verdict.figure is None:
            raise ValueError("this claim has figures: its verdict needs `figure:` (is the number right?) "
                             "beside `event:` (did it happen?)")
        if self.verdict and not self.quantities and self.verdict.figure is not None:
            raise ValueError("verdict.figure rates the claim's figures, but this claim has none: remove it")
        return self

    @property
    def chains(self) -> list[list[AttributionStep]]:
        """Every chain of sources: the first (`attribution`) and any independent ones."""
        first = [self.attribution] if self.attribution else []
        return first + [c.chain for c in self.also_attributed]

    @property
    def all_steps(self) -> list[AttributionStep]:
        return [step for chain in self.chains for step in chain]


class TranslationArtefact(Strict):
    """A span that translation garbled: what was printed, and the likely original meaning."""

    printed: Quote = Field(description="Exactly as printed; must appear in one of the report's quotes.")
    likely: ShortText = Field(description="The likely intended meaning.")
    kind: Literal["number", "name", "term", "date"]
    confidence: Literal["low", "medium", "high"]
    reasoning: Text


class WireCredit(Strict):
    """A news agency whose copy the outlet published, as credited."""

    source: Slug = Field(description="Id of the agency in data/sources.yaml (kind news-agency).")
    credit: ShortText = Field(description="The credit as printed, e.g. 'Reuters', 'With AFP', '(APP)'.")


class Report(Strict):
    """One news report, as read, with the claims a lesson can use."""

    id: Slug = Field(description="Must equal the file name without `.yaml`.")
    case: Slug = Field(description="Id of the case study this report belongs to, in data/cases.yaml.")
    outlet: Slug = Field(description="Id of the publishing outlet in data/sources.yaml.")
    outlet_note: Text | None = Field(None, description="What is and is not known about the outlet.")
    published: PartialDateText
    published_note: Text | None = Field(None, description="How the date was established, if not printed.")
    byline: ShortText | None = None
    headline: ShortText | None = Field(None, description="As printed. Leave out if the text as read has none.")
    no_headline: Literal["none-printed", "not-captured"] | None = Field(None, description=(
        "Without a headline, say why: none-printed (the text was published without one) or not-captured "
        "(it had one, but the copy that was read does not show it)."
    ))
    working_title: ShortText | None = Field(
        None, description="A neutral descriptive title, required when there is no headline."
    )
    wire: list[WireCredit] = Field(default_factory=list, description=(
        "News agencies the outlet credits for the text (wire copy), e.g. Reuters, AFP, APP."
    ))
    language: LanguageCode = Field(description="Language of the text as read.")
    translation: Literal["none", "human", "machine"] = Field(
        "none", description="Whether the text as read is a translation, and of what kind."
    )
    original_language: LanguageCode | None = None
    url: WebUrl | None = None
    archive_url: WebUrl | None = None
    retrieved: FullDateText | None = Field(None, description="When the text was read.")
    access_note: Text | None = Field(None, description="Where the text was read, when there is no URL.")
    summary: Text = Field(description="Two or three neutral sentences: what the report says.")
    claims: list[Claim] = Field(min_length=1)
    artefacts: list[TranslationArtefact] = Field(
        default_factory=list, description="Spans garbled by translation."
    )

    @field_validator("published", "retrieved")
    @classmethod
    def _real_date(cls, text: str | None) -> str | None:
        if text is not None:
            PartialDate.parse(text)
        return text

    @model_validator(mode="after")
    def _consistent(self) -> Report:
        if not self.headline and not self.working_title:
            raise ValueError("give the headline, or a working_title when the text has no headline")
        if not self.headline and not self.no_headline:
            raise ValueError("without a headline, say why in no_headline: none-printed (published without one) "
                             "or not-captured (the copy read does not show it)")
        if self.headline and self.no_headline:
            raise ValueError("no_headline is for a report without a headline; this one has a headline")
        if self.translation != "none" and not self.original_language:
            raise ValueError("a translated report needs original_language")
        if not (self.url or self.access_note):
            raise ValueError("say where the report was read: url, or access_note when there is none")
        return self

    @property
    def title(self) -> str:
        """The headline, or the working title, saying why there is no headline."""
        if self.headline:
            return self.headline
        why = "headline not captured" if self.no_headline == "not-captured" else "printed without a headline"
        return f"{self.working_title} ({why})"

    @property
    def date(self) -> PartialDate:
        return PartialDate.parse(self.published)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)
