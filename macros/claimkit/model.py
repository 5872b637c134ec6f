"""The claim data model: what one YAML file may say, as typed, frozen objects.

These pydantic models are the single schema: the loader validates every file
against them, and ``scripts/export_schema.py`` turns them into the JSON Schema
files that editors use for autocompletion. Cross-file rules (a source id must
exist, a hedge must occur in its quote) live in ``loader.py``, because they
need more than one file.

This module holds a report and its claims; value types are in ``model_values.py`` and the
shared files (sources, measures, events, cases, cues) in ``model_shared.py``, both re-exported
here so that code imports every model from one place.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from .model_shared import (
    CUE_KIND_HELP as CUE_KIND_HELP,
    Case as Case,
    CasesFile as CasesFile,
    CueCategory as CueCategory,
    CueKind as CueKind,
    CuesFile as CuesFile,
    Event as Event,
    EventsFile as EventsFile,
    Grade as Grade,
    Measure as Measure,
    MeasuresFile as MeasuresFile,
    Reference as Reference,
    Source as Source,
    SourceKind as SourceKind,
    SourcesFile as SourcesFile,
)
from .model_values import (
    DATE_PATTERN as DATE_PATTERN,
    ClaimKey as ClaimKey,
    FullDateText as FullDateText,
    LanguageCode as LanguageCode,
    OneLine as OneLine,
    PartialDate as PartialDate,
    PartialDateText as PartialDateText,
    Quote as Quote,
    ShortText as ShortText,
    Slug as Slug,
    Strict as Strict,
    Text as Text,
    WebUrl as WebUrl,
    YesNo as YesNo,
)

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
