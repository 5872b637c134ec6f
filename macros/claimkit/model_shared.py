"""The shared data files' models: sources, measures, events, case studies and the cue lexicon.

Part of the data model (see model.py, which re-exports every name here).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .model_values import (
    ClaimKey,
    PartialDate,
    PartialDateText,
    ShortText,
    Slug,
    Strict,
    Text,
    WebUrl,
    YesNo,
)

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
