"""All validated data of one build, with the look-ups pages need.

Every read of the data goes through a noted read (see reads.py): the collections are recorded
collections, and the look-ups note what they look up. That is what lets a rendered page be reused
until the data it showed changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import reads
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


def _shared(name: str, table: dict) -> reads.RecordedDict:
    """``table`` as a recorded dict; one already recorded under this name is kept as it is (a case's
    dataset shares the sources, measures and lexicon of the whole)."""
    if isinstance(table, reads.RecordedDict) and table.name == name:
        return table
    return reads.RecordedDict(name, table)


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
    # a cache of report hashes, not data: left out of a Dataset's own fingerprint (reads.Fingerprints)
    _fingerprints: dict[str, str] = field(init=False, repr=False, metadata={"fingerprint": False})

    # table name -> the collection that holds it (see lookup)
    TABLES: ClassVar[dict[str, str]] = {"reports": "reports", "sources": "sources", "measures": "measures", "lexicon": "cue_categories",
              "events": "events", "cases": "cases"}

    def __post_init__(self) -> None:
        with reads.paused():
            self._index()

    def _index(self) -> None:
        self.reports = reads.RecordedList("reports", sorted(self.reports, key=lambda r: (r.date.sort_key, r.id)))
        self.events = reads.RecordedList("events", sorted(self.events, key=lambda e: (e.when.sort_key, e.id)))
        self.sources = _shared("sources", self.sources)
        self.measures = _shared("measures", self.measures)
        self.cue_categories = _shared("lexicon", self.cue_categories)
        self.cases = _shared("cases", self.cases)
        self._fingerprints = {}
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

    @reads.derived
    def figures_index(self) -> dict:
        """analysis.figures_by_measure of the whole data, computed once: the course compares figures on
        many pages (each use notes what it was computed from)."""
        from .analysis import figures_by_measure  # (analysis reads datasets)

        return figures_by_measure(self)

    def reports_of(self, case_id: str) -> list[Report]:
        """The reports of one case, in date order."""
        return [r for r in self.reports if r.case == case_id]

    def case_of_claim(self, key: str) -> str | None:
        report_id = key.partition("#")[0]
        reads.note("reports", report_id)
        report = self._reports_by_id.get(report_id)
        return report.case if report else None

    def report(self, report_id: str) -> Report:
        reads.note("reports", report_id)
        return self._reports_by_id[report_id]

    def claim(self, key: str) -> ClaimRef | None:
        report_id, _, claim_id = key.partition("#")
        reads.note("reports", report_id)
        report = self._reports_by_id.get(report_id)
        claim = report.claim(claim_id) if report else None
        return ClaimRef(report, claim) if claim else None

    def follow_ups(self, report: Report, claim: Claim) -> list[FollowUp]:
        """Claims elsewhere that repeat, confirm, deny... this one, in date order."""
        key = f"{report.id}#{claim.id}"
        reads.note("follow_ups", key)
        return self._follow_ups.get(key, [])

    def stances(self, report: Report, claim: Claim) -> list[Link]:
        """This claim's stances on other claims, however they were recorded."""
        key = f"{report.id}#{claim.id}"
        reads.note("stances", key)
        return self._stances.get(key, [])

    # --- for the render cache (reads.py) ---------------------------------------------------

    def lookup(self, table: str, key: str) -> Any:
        """The entry ``key`` of a table (reads.ALL: the whole table), or reads.MISSING; notes nothing."""
        if table == "follow_ups":
            return self._follow_ups.get(key, [])
        if table == "stances":
            return self._stances.get(key, [])
        if table == "reports" and key != reads.ALL:
            return self._reports_by_id.get(key, reads.MISSING)
        attr = self.TABLES.get(table)
        if attr is None:  # a read no fingerprint can follow would keep a page forever: refuse it
            raise KeyError(f"no table named {table!r}")
        collection = getattr(self, attr)
        if key == reads.ALL:
            return collection.raw()
        return collection.raw().get(key, reads.MISSING) if isinstance(collection, dict) else reads.MISSING

    def set_fingerprints(self, fingerprints: dict[str, str]) -> None:
        """Report id -> hash of the report's file, from whoever read the files (site.py)."""
        self._fingerprints.update(fingerprints)

    def fingerprint(self, report: Report) -> str:
        """A hash of the report's content: its file's bytes when known, else its validated data."""
        found = self._fingerprints.get(report.id)
        if found is None or self._reports_by_id.get(report.id) is not report:
            found = reads.digest(report.model_dump_json())
            if self._reports_by_id.get(report.id) is report:
                self._fingerprints[report.id] = found
        return found
