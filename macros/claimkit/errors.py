"""Data problems, collected rather than raised one by one.

A contributor fixing a pull request wants every mistake in one run, each with
the place to look (file:line:column), the field path and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from .safetext import for_terminal


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the whole file is at fault
    column: int  # 1-based
    path: str  # dotted field path such as "claims.0.quote", or "" for the file
    message: str

    def __str__(self) -> str:
        """One line for a terminal or a log: text from data (file and field names, values in the
        message) has its control characters shown escaped, so it cannot rewrite the screen."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return for_terminal(f"{where}:{field} {self.message}")


class DataError(Exception):
    """Raised once, after loading, with every problem found.

    ``held_back`` names the report files that could not be read at all: references to their claims
    from other files cannot be checked, so they are counted (``held_back_references``), not listed as
    problems of their own, which would only repeat the first mistake.
    """

    def __init__(self, problems: list[Problem], held_back: dict[str, int] | None = None):
        self.problems = sorted(set(problems))
        self.held_back = dict(held_back or {})  # unreadable file -> references to it that were not checked
        super().__init__(self.report())

    def held_back_summary(self) -> str:
        if not self.held_back:
            return ""
        total = sum(self.held_back.values())
        files = for_terminal(", ".join(sorted(self.held_back)))  # file names come from the pull request
        return (f"{total} reference{'s' if total != 1 else ''} from other files to claims in {files} "
                f"{'were' if total != 1 else 'was'} not checked, because that file could not be read: "
                "fix it first, then run again")

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} data {noun} found:"]
        lines += [f"  {p}" for p in self.problems]
        if self.held_back:
            lines.append(f"  ({self.held_back_summary()})")
        return "\n".join(lines)
