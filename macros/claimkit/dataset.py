"""All validated data of one build, with the look-ups pages need."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Case, Claim, CueCategory, Event, Measure, Relation, Report, Source


@dataclass(frozen=True)
class ClaimRef:
    """A claim together with the report it appears in."""

    report: Report
    claim: Claim

    @property
    def key(self) -> str:
        return f"{self.report.id}#{self.claim.id}"


@dataclass(frozen=True)
class Link:
    """One claim's stance on another, wherever it was recorded (the later claim's ``stance``, or the
    earlier claim's ``taken_up_by``)."""

    by: ClaimRef  # the claim that takes the stance
    about: str  # the key of the claim it is about
    relation: Relation
    note: str | None = None


@dataclass(frozen=True)
class FollowUp:
    """A later (or other) claim that takes a stance on an earlier one."""

    by: ClaimRef
    stance: Link


@dataclass
class Dataset:
    reports: list[Report]  # sorted by date, then id
    sources: dict[str, Source]
    measures: dict[str, Measure]
    cue_categories: dict[str, CueCategory]
    events: list[Event] = field(default_factory=list)
    cases: dict[str, Case] = field(default_factory=dict)
    _reports_by_id: dict[str, Report] = field(init=False, repr=False)
    _follow_ups: dict[str, list[FollowUp]] = field(init=False, repr=False)
    _stances: dict[str, list[Link]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.reports = sorted(self.reports, key=lambda r: (r.date.sort_key, r.id))
        self.events = sorted(self.events, key=lambda e: (e.when.sort_key, e.id))
        self._reports_by_id = {r.id: r for r in self.reports}
        self._follow_ups = {}
        self._stances = {}
        links: list[Link] = []
        for report in self.reports:
            for claim in report.claims:
                here = ClaimRef(report, claim)
                links += [Link(here, s.claim, s.relation, s.note) for s in claim.stance]
                for later in claim.taken_up_by:
                    by = self.claim(later.claim)
                    if by is not None:
                        links.append(Link(by, here.key, later.relation, later.note))
        for link in links:
            self._follow_ups.setdefault(link.about, []).append(FollowUp(link.by, link))
            self._stances.setdefault(link.by.key, []).append(link)
        for follow_ups in self._follow_ups.values():
            follow_ups.sort(key=lambda f: (f.by.report.date.sort_key, f.by.report.id))

    def reports_of(self, case_id: str) -> list[Report]:
        """The reports of one case, in date order."""
        return [r for r in self.reports if r.case == case_id]

    def case_of_claim(self, key: str) -> str | None:
        report = self._reports_by_id.get(key.partition("#")[0])
        return report.case if report else None

    def report(self, report_id: str) -> Report:
        return self._reports_by_id[report_id]

    def claim(self, key: str) -> ClaimRef | None:
        report_id, _, claim_id = key.partition("#")
        report = self._reports_by_id.get(report_id)
        claim = report.claim(claim_id) if report else None
        return ClaimRef(report, claim) if claim else None

    def follow_ups(self, report: Report, claim: Claim) -> list[FollowUp]:
        """Claims elsewhere that repeat, confirm, deny... this one, in date order."""
        return self._follow_ups.get(f"{report.id}#{claim.id}", [])

    def stances(self, report: Report, claim: Claim) -> list[Link]:
        """This claim's stances on other claims, however they were recorded."""
        return self._stances.get(f"{report.id}#{claim.id}", [])
