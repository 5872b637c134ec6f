"""Value types every data file uses: one-line text, ids, addresses, dates known to the day, month or year.

Part of the data model (see model.py); kept apart so the models read as what a file may say.
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
)

# A run of ASCII white space that is not already one plain space (most are: leaving them out of the
# matches makes the validation of a thousand reports a fifth of a second faster).
_ASCII_SPACE = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")


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
