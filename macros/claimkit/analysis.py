"""Pure functions over validated data: what a page needs to show, computed once."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import labels
from .dataset import ClaimRef, Dataset
from .limits import MAX_CHANGES_PER_CLAIM
from .model import Claim, CueCategory, Quantity, Report, Source
from .spans import Node, nest, place


def cue_tree(claim: Claim) -> list[Node]:
    """The quote as runs of plain text and annotated cues (nested where a cue sits inside another),
    each cue placed by the one rule in spans.py; words kept with [sic] are marked too."""
    spans, _ = place(claim.quote, claim.cues)
    return nest(claim.quote, spans)


def sic_positions(claim: Claim) -> list[int]:
    """Where to print [sic]: after each word the data says was printed with an error."""
    return sorted(claim.quote.find(words) + len(words) for words in claim.sic if words in claim.quote)


def format_number(value: int | float) -> str:
    """12000 -> '12,000'; 1300000 -> '1.3 million' (as a student would say it)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if abs(value) >= 1_000_000:
        millions = value / 1_000_000
        text = f"{millions:,.3f}".rstrip("0").rstrip(".")
        return f"{text} million"
    if isinstance(value, float):
        return f"{value:,}"
    return f"{value:,}"


_IRREGULAR_SINGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child"}


def unit_for(unit: str, value: float | None) -> str:
    """'1 person', not '1 people': a measure's unit is written in the plural, as most figures need."""
    if value != 1:
        return unit
    first, _, rest = unit.partition(" ")
    if first in _IRREGULAR_SINGULAR:
        first = _IRREGULAR_SINGULAR[first]
    elif first.endswith("ies"):
        first = first[:-3] + "y"
    elif first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return f"{first} {rest}" if rest else first


def describe_quantity(quantity: Quantity, unit: str) -> str:
    """'over 100,000 people', '15,000 to 86,000 soldiers per month', 'exactly 1 person'."""
    if quantity.value is not None:
        figure = format_number(quantity.value)
    else:
        figure = f"{format_number(quantity.min)} to {format_number(quantity.max)}"
    return f"{labels.QUALIFIER[quantity.qualifier]}{figure} {unit_for(unit, quantity.value)}"


# --- per-report measures (shown "at a glance" and in charts) -----------------

_WORD = re.compile(r"[\w’'-]+(?:[.,]\d+)*")  # '10,000' and '1.3' are one word


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def quoted_words(report: Report) -> int:
    return sum(word_count(c.quote) for c in report.claims)


def kind_counts(report: Report, categories: dict[str, CueCategory]) -> Counter[str]:
    """Annotated cues by kind (hedge, certainty, attribution, scare-quote)."""
    return Counter(categories[cue.category].kind for c in report.claims for cue in c.cues)


def hedge_density(report: Report, categories: dict[str, CueCategory]) -> float:
    """Hedges (not certainty markers or attributions) per 100 words of quoted text."""
    words = quoted_words(report)
    hedges = kind_counts(report, categories)["hedge"]
    return 100 * hedges / words if words else 0.0


def rests_on_unnamed(claim: Claim, sources: dict[str, Source]) -> bool:
    """True when any step of the claim's chain is unnamed or only vaguely cited."""
    return any(not sources[s.source].named or s.how == "unspecified" for s in claim.all_steps)


def unnamed_share(report: Report, sources: dict[str, Source]) -> float:
    """Share (0-1) of the report's claims that rest on an unnamed or vague source."""
    if not report.claims:
        return 0.0
    return sum(rests_on_unnamed(c, sources) for c in report.claims) / len(report.claims)


def cue_counts(report: Report) -> Counter[str]:
    """Annotated cues by category id."""
    return Counter(cue.category for c in report.claims for cue in c.cues)


def cited_source_kinds(report: Report, sources: dict[str, Source]) -> Counter[str]:
    """How often each kind of source is cited in the report's chains (each step counts once)."""
    return Counter(sources[s.source].kind for c in report.claims for s in c.all_steps)


def origin(claim: Claim, sources: dict[str, Source]) -> Source | None:
    """The last source in the chain: where the claim starts, as far as the report tells."""
    return sources[claim.attribution[-1].source] if claim.attribution else None


# --- how a claim changes as it travels ----------------------------------------

FORWARD_RELATIONS = {"repeats", "echoes", "supports", "confirms"}


@dataclass(frozen=True)
class Change:
    """One difference a student should notice: a number, a hedge, an origin, a headline."""

    kind: str  # "number" | "hedge-dropped" | "hedge-added" | "certainty-dropped" | ... | "origin" | "headline"
    text: str


def _figure(q: Quantity) -> str:
    return f"“{q.as_printed}”"


def chain_changes(data: Dataset, report: Report, claim: Claim) -> list[Change]:
    """What differs between this claim and the earlier claims it repeats or builds on,
    and between a headline and its own report's body."""
    changes: list[Change] = []
    for stance in data.stances(report, claim):
        ref = data.claim(stance.about)
        if ref is None:
            continue
        earlier, where = ref.claim, _describe(data, ref)
        if stance.relation in FORWARD_RELATIONS:
            changes += _compare_figures(earlier, claim, where)
        if stance.relation == "repeats":  # the same claim travelling: its cues and origin should hold
            changes += _compare_cues(data, earlier, claim, where)
            before, after = origin(earlier, data.sources), origin(claim, data.sources)
            if before and after and before.id != after.id:
                changes.append(Change("origin", f"{upper_first(where)} traced this to {before.short}; this report "
                                                f"traces it to {after.short}."))
    if claim.where == "headline":
        changes += _headline_changes(report, claim)
    # the same change found through two stances counts once; a page shows at most a few
    return list(dict.fromkeys(changes))[:MAX_CHANGES_PER_CLAIM]


MAX_FIGURES_NAMED = 5  # body figures named in one headline point; the rest are counted


def _headline_changes(report: Report, claim: Claim) -> list[Change]:
    """One point per headline figure that the body of the same report gives differently, however many body
    claims differ from it. Linear in the report's figures: body figures are indexed once (by measure, then
    by value or range, the first printed form kept) and a point names at most MAX_FIGURES_NAMED of them;
    comparing every headline figure with every body figure made a 260 KB report into an 827 MB page."""
    spans: dict[str, dict[tuple, str]] = {}  # measure -> span -> the first body figure printed with it
    for body in report.claims:
        if body.where == "body":
            for q in body.quantities:
                spans.setdefault(q.measure, {}).setdefault(_span(q), _figure(q))
    first = {measure: list(by_span.items())[:MAX_FIGURES_NAMED + 1] for measure, by_span in spans.items()}
    changes = []
    for q_head in claim.quantities:
        by_span = spans.get(q_head.measure, {})
        differing = len(by_span) - (_span(q_head) in by_span)
        if differing:  # one point per headline figure
            named = [text for span, text in first[q_head.measure] if span != _span(q_head)][:MAX_FIGURES_NAMED]
            if differing > len(named):
                others = differing - len(named)
                named.append(f"{others} other figure{'s' if others > 1 else ''}")
            changes.append(Change("headline", f"The headline says {_figure(q_head)}; the body of the same "
                                              f"report says {_join(named)}."))
    return changes


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def upper_first(text: str) -> str:
    """A short name ('the New York Post') at the start of a sentence."""
    return text[:1].upper() + text[1:]


def _describe(data: Dataset, ref: ClaimRef) -> str:
    return f"{data.sources[ref.report.outlet].short} ({ref.report.date.iso()})"


def _span(q: Quantity) -> tuple:
    return (q.value, q.value) if q.value is not None else (q.min, q.max)


def _compare_figures(earlier: Claim, claim: Claim, where: str) -> list[Change]:
    changes = []
    for q_new in claim.quantities:
        for q_old in earlier.quantities:
            if q_new.measure == q_old.measure and (_span(q_new), q_new.qualifier) != (_span(q_old), q_old.qualifier):
                changes.append(Change("number", f"{upper_first(where)} printed {_figure(q_old)}; this report prints "
                                                f"{_figure(q_new)}."))
    return changes


def _compare_cues(data: Dataset, earlier: Claim, claim: Claim, where: str) -> list[Change]:
    """Hedges and certainty markers dropped or added as a claim is repeated (attributions change
    with every relay, so they are the chain's business, not a change of wording)."""
    categories = data.cue_categories

    def by_category(c: Claim) -> dict[str, str]:
        found: dict[str, str] = {}
        for cue in c.cues:
            if categories[cue.category].kind in ("hedge", "certainty"):
                found.setdefault(cue.category, cue.text)
        return found

    before, after = by_category(earlier), by_category(claim)
    changes = []
    for category in before.keys() - after.keys():
        label = categories[category].label.lower()
        if categories[category].kind == "hedge":
            changes.append(Change("hedge-dropped", f"{upper_first(where)} hedged it ({label}: “{before[category]}”); "
                                                   "this report drops that hedge."))
        else:
            changes.append(Change("certainty-dropped", f"{upper_first(where)} signalled certainty ({label}: "
                                                       f"“{before[category]}”); this report does not."))
    for category in after.keys() - before.keys():
        label = categories[category].label.lower()
        if categories[category].kind == "hedge":
            changes.append(Change("hedge-added", f"This report adds a hedge that {where} did not use "
                                                 f"({label}: “{after[category]}”)."))
        else:
            changes.append(Change("certainty-added", f"This report signals more certainty than {where} "
                                                     f"({label}: “{after[category]}”)."))
    return sorted(changes, key=lambda c: c.text)


# --- what happened next ---------------------------------------------------------


@dataclass(frozen=True)
class TrailStep:
    ref: ClaimRef
    relation: str
    about: ClaimRef  # the claim this step takes a stance on
    depth: int  # 1: directly about this claim; 2+: about a claim further along


def trail(data: Dataset, report: Report, claim: Claim, limit: int = 40) -> list[TrailStep]:
    """Every claim that takes a stance on this one, directly or through others, in date order."""
    start = ClaimRef(report, claim)
    steps: list[TrailStep] = []
    seen = {start.key}
    frontier = [(start, 1)]
    while frontier and len(steps) < limit:
        about, depth = frontier.pop(0)
        for follow in data.follow_ups(about.report, about.claim):
            if follow.by.key in seen:
                continue
            seen.add(follow.by.key)
            steps.append(TrailStep(follow.by, follow.stance.relation, about, depth))
            frontier.append((follow.by, depth + 1))
    return sorted(steps, key=lambda s: (s.ref.report.date.sort_key, s.depth, s.ref.key))


# --- questions to ask (lateral reading) --------------------------------------


# Changes that the questions turn into a prompt: a page shows them there, once, not again beside the claim.
QUESTIONED_CHANGES = frozenset({"number", "headline", "hedge-dropped", "certainty-added"})


@dataclass(frozen=True)
class Question:
    """A prompt about one claim: ``before`` + ``subject`` + ``after``. Questions of the same ``key`` about
    different subjects (two unnamed sources) are one question on a page, naming each subject."""

    key: str
    before: str
    subject: str = ""  # "" for a question about no one thing
    after: str = ""

    @property
    def text(self) -> str:
        return f"{self.before}{self.subject}{self.after}"


def claim_questions(data: Dataset, report: Report, claim: Claim) -> list[Question]:
    """Prompts a student should work through, chosen by what the data shows about this claim."""
    sources = data.sources
    chain = [sources[s.source] for s in claim.attribution]
    asked: list[Question] = []
    if claim.also_attributed:
        others = _join([sources[c.chain[-1].source].short for c in claim.also_attributed])
        asked.append(Question("independent", "The report gives more than one source for a claim: ", f"{others} as well",
                              ". Are they really independent, or does one repeat the other?"))
    unnamed = [s for s in chain if not s.named]
    if chain and len(unnamed) == len(chain):
        asked.append(Question("only-unnamed", "The only source given is not named: ", unnamed[0].short,
                              ". Who could it be, how would they know, and why might they not be named? Can you "
                              "find the claim from a named source?"))
    elif unnamed:
        asked.append(Question("unnamed-step", "One step of the chain is not named: ", unnamed[0].short,
                              ". What do you lose when a source cannot be checked?"))
    first = origin(claim, sources)
    if first and first.kind == "pundit":
        asked.append(Question("pundit", "The claim starts with a commentator: ", first.short,
                              ". Search for the name: what is their record, and who do they speak for?"))
    elif first and first.kind in ("government", "official", "intelligence-agency", "military"):
        asked.append(Question("party", "The claim comes from a side with a stake in it: ", first.short,
                              ". What does that side gain if people believe it? Does a source on another side "
                              "say the same?"))
    # Trace it upstream, when the origin has a name to look up (a commentator has a question of its own).
    if len(chain) >= 2 and chain[-1].named and chain[-1].kind != "pundit":
        asked.append(Question("trace", "The claim passed through other hands before this report. Find where it "
                                       "starts: ", chain[-1].short,
                              ". Does that source say the same thing, with the same number and hedges?"))
    if not chain and claim.status == "asserted" and claim.quantities:
        asked.append(Question("own-figure", "The report states a figure in its own voice without a source. Where "
                                            "could it come from? Search for the figure."))
    for change in chain_changes(data, report, claim):
        if change.kind == "number":
            asked.append(Question("number", "The figure changed as the claim travelled: ", change.text.rstrip("."),
                                  ". Which is closer to the origin, and why might it have changed?"))
        elif change.kind == "headline":
            asked.append(Question(f"headline:{change.text}", f"{change.text} Which would a reader who only sees "
                                                             "the headline believe?"))
        elif change.kind in ("hedge-dropped", "certainty-added"):
            asked.append(Question(f"surer:{change.text}", f"{change.text} Does the claim sound more certain than "
                                                          "the evidence allows?"))
    if claim.status == "speculated":
        asked.append(Question("speculated", "The report presents this as a possibility. Is anything reported as "
                                            "having happened?"))
    if claim.status == "denied":
        asked.append(Question("denied", "Who denies it, and what would they lose if it were true? Did later "
                                        "reports bear out the denial?"))
    if report.translation == "machine" and claim.quantities:
        asked.append(Question("machine", "This text is a machine translation. Could a number have been garbled? "
                                         "Compare it with other reports of the same figure."))
    return asked


def questions(data: Dataset, report: Report, claim: Claim) -> list[str]:
    """The claim's questions as text."""
    return [q.text for q in claim_questions(data, report, claim)]


@dataclass
class PageQuestion:
    """A question asked once on a report page: about its subjects, each with the claims (1-based numbers)
    it concerns, or, with no subject, about the claims listed."""

    before: str
    after: str
    subjects: list[tuple[str, list[int]]]
    claims: list[int]


def page_questions(data: Dataset, report: Report) -> list[PageQuestion]:
    """Every question of the report's claims once, in order of first appearance."""
    asked: dict[str, PageQuestion] = {}
    for number, claim in enumerate(report.claims, start=1):
        for q in claim_questions(data, report, claim):
            page = asked.setdefault(q.key, PageQuestion(q.before, q.after, [], []))
            if number not in page.claims:
                page.claims.append(number)
            if q.subject:
                subject = next((s for s in page.subjects if s[0] == q.subject), None)
                if subject is None:
                    page.subjects.append((q.subject, [number]))
                elif number not in subject[1]:
                    subject[1].append(number)
    return list(asked.values())


# --- indexes across reports ---------------------------------------------------


def claims_by_source(data: Dataset) -> dict[str, list[tuple[ClaimRef, int]]]:
    """For each source id, every claim whose chain includes it (with its step number, 1-based)."""
    index: dict[str, list[tuple[ClaimRef, int]]] = {}
    for report in data.reports:
        for claim in report.claims:
            for chain in claim.chains:
                for position, step in enumerate(chain, start=1):
                    index.setdefault(step.source, []).append((ClaimRef(report, claim), position))
    return index


def reports_by_outlet(data: Dataset) -> dict[str, list[Report]]:
    index: dict[str, list[Report]] = {}
    for report in data.reports:
        index.setdefault(report.outlet, []).append(report)
    return index


def figures_by_measure(data: Dataset) -> dict[str, list[tuple[ClaimRef, Quantity]]]:
    """For each measure id, every figure given for it, in report date order."""
    index: dict[str, list[tuple[ClaimRef, Quantity]]] = {}
    for report in data.reports:
        for claim in report.claims:
            for quantity in claim.quantities:
                index.setdefault(quantity.measure, []).append((ClaimRef(report, claim), quantity))
    return index
