"""All validated data of one build, with the look-ups pages need."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Claim, Event, HedgeCategory, Measure, Report, Source, Stance


@dataclass(frozen=True)
class ClaimRef:
    """A claim together with the report it appears in."""

    report: Report
    claim: Claim

    @property
    def key(self) -> str:
        return f"{self.report.id}#{self.claim.id}"


@dataclass(frozen=True)
class FollowUp:
    """A later (or other) claim that takes a stance on an earlier one."""

    by: ClaimRef
    stance: Stance


@dataclass
class Dataset:
    reports: list[Report]  # sorted by date, then id
    sources: dict[str, Source]
    measures: dict[str, Measure]
    hedge_categories: dict[str, HedgeCategory]
    events: list[Event] = field(default_factory=list)
    _reports_by_id: dict[str, Report] = field(init=False, repr=False)
    _follow_ups: dict[str, list[FollowUp]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.reports = sorted(self.reports, key=lambda r: (r.date.sort_key, r.id))
        self.events = sorted(self.events, key=lambda e: (e.when.sort_key, e.id))
        self._reports_by_id = {r.id: r for r in self.reports}
        self._follow_ups = {}
        for report in self.reports:
            for claim in report.claims:
                for stance in claim.stance:
                    self._follow_ups.setdefault(stance.claim, []).append(
                        FollowUp(ClaimRef(report, claim), stance)
                    )

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
