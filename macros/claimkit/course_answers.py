"""Answers computed from the case data: chains of sources, figure comparisons, claim facts, quiz options.

Exercises and questions in the course files only name claims, measures and
sources; what is right, and why, is worked out here, so a correction to a
report corrects every exercise and quiz built on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import analysis, labels
from .course_model import Question
from .dataset import ClaimRef, Dataset
from .lateral import LateralSet, first_choice
from .model import Quantity, Source, TranslationArtefact


def origin_shown(data: Dataset, ref: ClaimRef) -> bool:
    """Whether the claim's quote itself says where the claim starts (by the origin's attribution words,
    or its name), so that a question showing only the quote can be answered."""
    step = ref.claim.attribution[-1]
    return bool(step.words and step.words in ref.claim.quote) or data.sources[step.source].name in ref.claim.quote


def source_matches(source: Source, q: Question) -> bool:
    if q.match:
        return (not source.named) if q.match == "unnamed" else source.named
    return source.kind == q.kind


def figure_for(ref: ClaimRef, measure: str) -> Quantity | None:
    return next((q for q in ref.claim.quantities if q.measure == measure), None)


def figure_value(q: Quantity, pick: str | None = "highest") -> float:
    if q.value is not None:
        return q.value
    return q.max if pick == "highest" else q.min


@dataclass(frozen=True)
class ChainLink:
    """One source in a claim's chain, numbered from the origin (1) to the source the report cites."""

    position: int
    source: Source
    how: str
    words: str | None
    vague: bool  # unnamed, or cited only vaguely ("reports say")
    is_origin: bool


def chain(data: Dataset, ref: ClaimRef) -> list[ChainLink]:
    steps = list(reversed(ref.claim.attribution))
    return [
        ChainLink(n, data.sources[step.source], step.how, step.words,
                  not data.sources[step.source].named or step.how == "unspecified", n == 1)
        for n, step in enumerate(steps, start=1)
    ]


def who_says(data: Dataset, ref: ClaimRef) -> str:
    """Whom the report credits: 'Government of South Korea, citing National Intelligence Service (South
    Korea)', or 'the outlet's own words'. As the report tells it: a report may credit a source with
    words or figures that source never gave, so pages say "credited to", never "said by"."""
    if not ref.claim.attribution:
        return f"no one: {data.sources[ref.report.outlet].name}'s own words"
    return ", citing ".join(data.sources[step.source].name for step in ref.claim.attribution)


@dataclass(frozen=True)
class FigureRow:
    ref: ClaimRef
    quantity: Quantity
    measure_id: str
    value: float  # for comparing: the value, or the top of a range


@dataclass(frozen=True)
class FigureComparison:
    rows: list[FigureRow]  # date order, as on the trackers
    lowest: FigureRow
    highest: FigureRow
    ratio: float  # highest / lowest
    measures: list[str]
    uncertain: list[FigureRow]  # readings of low or medium confidence

    @property
    def ratio_text(self) -> str:
        """'20 times', or 'about 11 to 50 times' when the lowest figure is a range; '4 more than' when the
        lowest is zero (nothing is a number of times zero)."""
        q = self.lowest.quantity
        if figure_value(q, "lowest") == 0:
            return f"{analysis.format_number(self.highest.value)} more than"
        if q.value is not None or not q.max:
            return f"{format_ratio(self.ratio)} times"
        return f"about {format_ratio(self.highest.value / q.max)} to {format_ratio(self.ratio)} times"

    @property
    def ascending(self) -> list[FigureRow]:
        return sorted(self.rows, key=lambda r: (r.value, r.ref.report.date.sort_key))


def compare_figures(data: Dataset, measures: list[str]) -> FigureComparison:
    index = data.figures_index
    rows = [FigureRow(ref, q, m, figure_value(q, "highest")) for m in measures for ref, q in index.get(m, [])]
    rows.sort(key=lambda r: (r.ref.report.date.sort_key, r.ref.report.id))
    lowest = min(rows, key=lambda r: (figure_value(r.quantity, "lowest"), r.ref.report.date.sort_key))
    top = max(r.value for r in rows)
    highest = next(r for r in rows if r.value == top)  # the earliest of equal figures
    low_value = figure_value(lowest.quantity, "lowest")
    ratio = highest.value / low_value if low_value else float("inf")
    return FigureComparison(rows, lowest, highest, ratio, list(measures),
                            [r for r in rows if r.quantity.confidence != "high"])


@dataclass(frozen=True)
class ClaimFacts:
    """What a student can establish about a claim from its page, for comparing claims."""

    ref: ClaimRef
    origin: Source | None
    links: list[ChainLink]
    rests_on_unnamed: bool
    cues: dict[str, list[str]]  # kind -> the cue words of that kind, in quote order


def claim_facts(data: Dataset, key: str) -> ClaimFacts:
    ref = data.claim(key)
    by_kind: dict[str, list[str]] = {}
    for cue in sorted(ref.claim.cues, key=lambda cue: ref.claim.quote.find(cue.text)):
        by_kind.setdefault(data.cue_categories[cue.category].kind, []).append(cue.text)
    return ClaimFacts(ref, analysis.origin(ref.claim, data.sources), chain(data, ref),
                      analysis.rests_on_unnamed(ref.claim, data.sources), by_kind)


def artefact_of(data: Dataset, report_id: str, printed: str) -> tuple[TranslationArtefact, ClaimRef]:
    """The artefact and the first claim whose quote contains it."""
    report = data.report(report_id)
    artefact = next(a for a in report.artefacts if a.printed == printed)
    claim = next(c for c in report.claims if printed in c.quote)
    return artefact, ClaimRef(report, claim)


@dataclass(frozen=True)
class ResolvedOption:
    key: str  # a, b, c ...
    label: str
    correct: bool
    feedback: str
    rich: bool = False  # label and feedback are course rich text (else plain data text)
    quote: str | None = None  # for cue and figure options: the words to show in quotation marks


@dataclass(frozen=True)
class ResolvedQuestion:
    id: str
    prompt: str
    options: list[ResolvedOption]
    explanation: str | None
    material: ClaimRef | None = None  # a quote to show with the question
    material_mark: str | None = None  # words of the quote to mark
    search: LateralSet | None = None  # lateral-first: the search whose results are the options

    @property
    def multiple(self) -> bool:
        return sum(o.correct for o in self.options) > 1

    @property
    def correct_keys(self) -> list[str]:
        return [o.key for o in self.options if o.correct]


QUESTION_PROMPTS = {
    "claim-status": "How does the report present this claim?",
    "cue-kind": "What kind of cue are the marked words?",
    "claim-origin": "Where does this claim start, as far as the report tells?",
    "claim-verdict": "What do later reports in the data show about what this claim says happened?",
    "artefact-kind": "What did machine translation garble here?",
}
ARTEFACT_KINDS = {
    "number": "A number",
    "name": "A name, or who is speaking",
    "term": "A word or term",
    "date": "A date",
}


def _keys():
    return iter("abcdefghij")


def resolve_question(data: Dataset, q: Question, lateral: dict[str, LateralSet] | None = None) -> ResolvedQuestion:
    """Turn a question into options with correctness and feedback, computed from the data
    (and, for lateral-first, from the source's lateral-reading set)."""
    keys = _keys()
    ref = data.claim(q.claim) if q.claim else None
    prompt = q.prompt or QUESTION_PROMPTS.get(q.type, "")
    if q.type == "choice":
        options = [ResolvedOption(next(keys), o.text, o.correct, o.feedback, rich=True) for o in q.options]
        return ResolvedQuestion(q.id, prompt, options, q.explanation)
    if q.type == "pick-sources":
        options = []
        for sid in q.sources:
            s = data.sources[sid]
            fits = source_matches(s, q)
            what = f"{labels.SOURCE_KINDS[s.kind]}, {'named' if s.named else 'unnamed'}"
            options.append(ResolvedOption(next(keys), s.name, fits, f"{s.name}: {what}. {s.description}"))
        return ResolvedQuestion(q.id, prompt, options, q.explanation)
    if q.type == "claim-status":
        options = [
            ResolvedOption(next(keys), label, status == ref.claim.status,
                           f"{label}: {meaning}." + (" That is how this report presents it." if status ==
                                                     ref.claim.status else ""))
            for status, (label, meaning) in labels.STATUS.items()
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref)
    if q.type == "cue-kind":
        right = next(cue.category for cue in ref.claim.cues if cue.text == q.cue)
        offered = q.categories or _default_categories(data, right)
        cats = data.cue_categories
        options = [
            ResolvedOption(next(keys), _category_label(cats[cid]), cid == right,
                           f"{_category_label(cats[cid])}: {cats[cid].explanation}")
            for cid in offered
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref, material_mark=q.cue)
    if q.type == "claim-origin":
        links = {link.source.id: link for link in chain(data, ref)}
        options = []
        for sid in q.sources:
            s = data.sources[sid]
            link = links.get(sid)
            if link and link.is_origin:
                why = f"{s.name} ({labels.SOURCE_KINDS[s.kind]}) is the first source in the chain: the claim starts there."
            elif link:
                why = (f"{s.name} is in the chain, but it passes the claim on (step {link.position} of "
                       f"{len(links)}, counting from the origin).")
            elif sid == ref.report.outlet:
                why = f"{s.name} printed the claim: it is the last link, not where the claim starts."
            else:
                why = f"{s.name} is not in this claim's chain of sources."
            options.append(ResolvedOption(next(keys), s.name, bool(link and link.is_origin), why))
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref)
    if q.type == "pick-figure":
        refs = [data.claim(key) for key in q.claims]
        values = [figure_value(figure_for(r, q.measure), q.pick) for r in refs]
        best = max(values) if q.pick == "highest" else min(values)
        unit = data.measures[q.measure].unit
        options = []
        for r, value in zip(refs, values, strict=False):
            figure = figure_for(r, q.measure)
            said = f"{data.sources[r.report.outlet].name} ({r.report.date.iso()})"
            options.append(ResolvedOption(
                next(keys), f"“{figure.as_printed}”, {said}", value == best,
                f"{said} printed “{figure.as_printed}”, read as {analysis.describe_quantity(figure, unit)}."))
        prompt = q.prompt or f"Which figure for “{data.measures[q.measure].label}” is the {q.pick}?"
        return ResolvedQuestion(q.id, prompt, options, q.explanation)
    if q.type == "claim-verdict":
        verdict = ref.claim.verdict
        right = verdict.figure if q.part == "figure" else verdict.event
        if q.part == "figure" and not q.prompt:
            printed = ", ".join(f"“{quantity.as_printed}”" for quantity in ref.claim.quantities)
            prompt = f"What do later reports in the data show about this claim's figure ({printed})?"
        options = [
            ResolvedOption(next(keys), label, rating == right,
                           f"{label}: {meaning}." + (f" {verdict.explanation}" if rating == right else ""))
            for rating, (label, meaning) in labels.VERDICT.items()
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref)
    if q.type == "artefact-kind":
        artefact, aref = artefact_of(data, q.report, q.printed)
        options = [
            ResolvedOption(next(keys), label, kind == artefact.kind,
                           (f"Yes: the likely meaning is “{artefact.likely}”. {artefact.reasoning}"
                            if kind == artefact.kind else f"No: this is not a garbled {kind}."))
            for kind, label in ARTEFACT_KINDS.items()
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=aref, material_mark=q.printed)
    if q.type == "lateral-first":
        search = (lateral or {})[q.source]
        options = [ResolvedOption(next(keys), f"{r.quoted_title} ({r.site}, {r.when})", r.id in search.open_first,
                                  first_choice(search, r).text) for r in search.results]
        prompt = q.prompt or (f"You want to find out: {search.question} You searched for “{search.query}”. "
                              "Which result would you open first?")
        return ResolvedQuestion(q.id, prompt, options, q.explanation, search=search)
    raise ValueError(f"unknown question type {q.type}")  # pragma: no cover - the model forbids it


def _category_label(category) -> str:
    """'Possibility (hedge)'; 'Certainty marker' alone, where the label already names its kind."""
    kind = labels.CUE_KINDS_SINGULAR[category.kind]
    return category.label if category.label.lower() == kind.lower() else f"{category.label} ({kind})"


def _default_categories(data: Dataset, right: str) -> list[str]:
    """The right category and three others, in lexicon order (stable between builds)."""
    ids = list(data.cue_categories)
    others = [c for c in ids if c != right][:3]
    return sorted([right] + others, key=ids.index)


def format_ratio(ratio: float) -> str:
    if ratio == float("inf"):
        return "not comparable"
    return f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".rstrip("0").rstrip(".")
