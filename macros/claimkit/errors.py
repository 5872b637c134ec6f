"""Data problems, collected rather than raised one by one.

A contributor fixing a pull request wants every mistake in one run, each with
the place to look (file:line:column), the field path and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the whole file is at fault
    column: int  # 1-based
    path: str  # dotted field path such as "claims.0.quote", or "" for the file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class DataError(Exception):
    """Raised once, after loading, with every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} data {noun} found:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)
