"""Start a new report file: a commented skeleton that already validates.

Usage:
  python -m scripts.new_report --outlet ID --date YYYY[-MM[-DD]] --slug "a few words"
                               [--language en] [--headline TEXT] [--url URL] [--data-dir data]
  make new-report OUTLET=korea-daily DATE=2024-12-18 SLUG="second wave"

The file is data/reports/<date>-<outlet>-<slug>.yaml. Its values marked TODO
are placeholders: the file validates from the start, `make validate` warns
about each TODO, and CI refuses to merge one. Run without arguments in a
terminal to be asked for each value; without a terminal (CI, scripts) missing
arguments are an error, never a prompt.

Exit status: 0 written, 1 refused (the id is taken, the outlet is unknown, the
values do not validate), 2 usage mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import sys
import typing
from pathlib import Path

from pydantic import ValidationError
from slugify import slugify as python_slugify

from macros.claimkit.model import (
    AttributionStep,
    Claim,
    Credibility,
    PartialDate,
    Quantity,
    Report,
    Source,
    Stance,
    TranslationArtefact,
    Verdict,
)
from macros.claimkit.yamlsource import YamlProblem, read_yaml

SLUG_MAX = 80  # model.Slug's max_length
HEADLINE_PLACEHOLDER = "TODO: the headline exactly as printed"


class Refused(Exception):
    """A reason not to write the file, for the contributor."""


def slugify(words: str, max_length: int = 0) -> str:
    """'Second wave!' -> 'second-wave'; other scripts are transliterated ('북한 파병' -> 'bughan-pabyeong',
    'Северная Корея' -> 'severnaia-koreia') by python-slugify; with max_length, cut at a word boundary."""
    return python_slugify(words, max_length=max_length, word_boundary=True)


def choices(model: type, field: str) -> str:
    """The allowed values of a Literal field, from the model, e.g. 'quoted, paraphrased, ...'."""
    annotation = model.model_fields[field].annotation
    return ", ".join(_literal_args(annotation))


def _literal_args(annotation) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    found: list[str] = []
    for arg in typing.get_args(annotation):
        found += _literal_args(arg)
    return found


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def skeleton(report_id: str, outlet: str, date: str, language: str = "en",
             headline: str | None = None, url: str | None = None, case: str = "todo-case") -> str:
    """The text of a new report file."""
    source_how = choices(AttributionStep, "how")
    return f"""\
# yaml-language-server: $schema=../../schema/report.schema.json
#
# A new report, started by `make new-report`. Every value with TODO is a
# placeholder. The file validates as it is, so you start from a green file,
# but `make validate` warns about each TODO and a pull request with one
# cannot be merged. Lines that start with `# field:` are examples: delete the
# `# ` to use one, and delete what you do not need. Run `make validate` after
# each step. CONTRIBUTING.md explains the conventions with a worked example.

# The id is date-outlet-slug and must equal the file name without .yaml.
id: {report_id}

# The case study this report belongs to: an id in data/cases.yaml.
case: {case}

# The publishing outlet: an id in data/sources.yaml.
outlet: {outlet}
# What is and is not known about the outlet (optional):
# outlet_note: >-
#   The page shows the section label "DH NEWS" but not the outlet's full name.

# The publication date: YYYY-MM-DD, or YYYY-MM or YYYY when the day or month
# is not printed. Keep the quotation marks: an editor reads a bare 2024 as a number.
published: {_q(date)}
# How the date was established, needed when it is not printed:
# published_note: >-
#   No date is printed; the month is inferred from the events it calls recent.

# The author as printed (optional):
# byline: Youngnam Kim

# The headline exactly as printed, typos included. If the copy you read has no
# headline, delete it, give a neutral working title instead, and say why there
# is none: {choices(Report, "no_headline")} (the article had one, but your copy does not show it).
headline: {_q(headline or HEADLINE_PLACEHOLDER)}
# working_title: Korean column on a North Korean "volunteer army" for Russia
# no_headline: not-captured

# Wire copy: the news agencies the outlet credits for the text (optional).
# Each source is an id in data/sources.yaml (add the agency there first);
# credit is the credit as printed.
# wire:
#   - source: reuters
#     credit: Reuters

# The two-letter code of the language of the text as you read it (en, ko, ru ...).
language: {language}
# Is the text you read a translation? One of: {choices(Report, "translation")}.
translation: none
# The language of the original, needed when the text is a translation:
# original_language: ko

# Where you read the report (http or https). With no URL, delete this line
# and say where the text came from in access_note.
url: {_q(url or "https://example.com/TODO-the-address-of-the-report")}
# A saved copy, for when the page changes or disappears (optional):
# archive_url: https://web.archive.org/web/2024/https://example.com/report
# The day you read it, YYYY-MM-DD (optional):
# retrieved: "{dt.date.today().isoformat()}"
# Where the text was read, when there is no URL:
# access_note: >-
#   Text supplied to the project as a printout; no URL was recorded.

# Two or three neutral sentences: what the report says.
summary: >-
  TODO: two or three neutral sentences on what the report says.

# One entry per claim a lesson can use (at least one). A claim is one quote
# and what it asserts; keep each quote short.
claims:
  # A short id, unique in this report: lower case, digits and hyphens.
  - id: todo-claim-id
    # Where the words appear, one of: {choices(Claim, "where")}.
    where: body
    # The report's exact words, one or two sentences, as printed: typos, odd
    # spacing and curly quotes included. Hedges, attribution words and
    # figures below must appear in it character for character.
    quote: >-
      TODO: copy one or two sentences from the report, exactly as printed.
    # What is claimed, in your own plain and neutral words.
    claim: >-
      TODO: what is claimed, in plain and neutral words.
    # How the report presents it: asserted (in its own voice), attributed (to
    # a source), denied (a denial is reported), speculated (a possibility).
    status: asserted
    # Words in the quote printed with an error that you keep as printed; the
    # page shows [sic] after them (optional).
    # sic:
    #   - People's Democratic Republic of Korea

    # The attribution chain, from the source this report cites back to where
    # the claim started; leave it out when the report speaks in its own voice.
    # Each source is an id in data/sources.yaml (an unnamed source is a source
    # too, with named: false). How it is cited, one of: {source_how}.
    # The words are the attribution words exactly as in the quote (optional).
    # attribution:
    #   - source: new-york-post
    #     how: according-to
    #     words: According to the New York Post
    #   - source: channel-one-russia
    #     how: citing
    # When the report gives more than one independent source for the claim
    # ("Both Ukraine and South Korea say ..."), the first chain goes under
    # attribution and each other one here (optional):
    # also_attributed:
    #   - chain:
    #       - source: south-korea-nis
    #         how: according-to

    # Each cue, exactly as in the quote, with a category id from data/cues.yaml.
    # A category is of one kind: a hedge (could, reportedly, about), a
    # certainty marker (confirmed, inevitable), an attribution cue (according
    # to, said, sources familiar with) or a scare quote (write it with its
    # quotation marks, in single quotes: text: '"volunteers"'). Words that
    # appear twice can be annotated twice; occurrence: 2 picks the second one.
    # cues:
    #   - text: According to
    #     category: attribution
    #   - text: could
    #     category: possibility
    # Words the cue detector flags that are not a cue here, with the reason,
    # so `make validate --strict` passes (optional):
    # not_cues:
    #   - text: would
    #     reason: reported speech (he said they would come)
    #   - text: over
    #     occurrence: 2
    #     reason: "'the war is over': finished, not a number"

    # Each figure in the quote. The measure is an id in data/measures.yaml.
    # Give a value in digits only (no commas), or a min and a max for a range.
    # Qualifier, one of: {choices(Quantity, "qualifier")}.
    # Confidence in the reading of the figure, one of: {choices(Quantity, "confidence")}.
    # As printed: the figure exactly as in the quote. The note says how it was read.
    # Kind, one of: {choices(Quantity, "kind")} ("1,500 more" is an increment;
    # "10,000 by December" a target, with by: the date). interpreted: true when
    # the report prints no number and the value is your reading of words such as
    # "thousands" (say how in the note); trackers list those, never plot them.
    # quantities:
    #   - measure: nk-volunteers-offered
    #     value: 100000
    #     qualifier: over
    #     confidence: high
    #     as_printed: over 100,000
    #     note: The pundit's own words say "100,000", not "over 100,000".
    #   - measure: nk-troops-sent
    #     value: 10000
    #     kind: target
    #     by: "2024-12"
    #     as_printed: 10,000 by December
    #   - measure: nk-volunteers-offered
    #     min: 2000
    #     max: 9000
    #     interpreted: true
    #     as_printed: Thousands
    #     note: '"Thousands" gives no figure; read as several thousand (our bounds).'
    #   - measure: nk-volunteers-offered
    #     min: 80000
    #     max: 100000
    #     qualifier: about
    #     confidence: low
    #     as_printed: "8,10"

    # How this claim relates to a claim in another report (or to the headline
    # of this one), given as report-id#claim-id. Relation, one of:
    # {choices(Stance, "relation")}.
    # stance:
    #   - claim: "2022-08-dh-thousands-of-volunteers-offered#nyp-over-100000"
    #     relation: repeats
    #     note: Repeats the 2022 claim two years later.
    # A later claim's stance on this one, when you add an earlier report and
    # do not want to edit the later report's file (optional):
    # taken_up_by:
    #   - claim: "2024-12-18-korea-daily-second-wave#dod-confirmed-casualties"
    #     relation: confirms

    # What later reports in the data show (optional), in two parts, each one of
    # {choices(Verdict, "event")}:
    # event, did it happen (about says what, in a few words), and figure, is
    # the number right (required when the claim has quantities). as_of is the
    # date of the latest evidence; the evidence is a list of report-id#claim-id.
    # against says why the verdict stands although the claim's trail holds
    # reports pointing the other way (optional).
    # verdict:
    #   event: confirmed
    #   about: North Korean soldiers were sent to Russia
    #   figure: unproven
    #   as_of: "2024-12-18"
    #   explanation: The US confirmed casualties, but gave no number.
    #   evidence:
    #     - "2024-12-18-korea-daily-second-wave#dod-confirmed-casualties"
    #   against: Russia denied it, but the denial is itself rated false.

    # The claim's credibility on the Admiralty scale (optional), rated one of
    # {choices(Credibility, "rating")} (1 confirmed ... 6 cannot be judged), with a reason.
    # credibility:
    #   rating: "4"
    #   reason: Only one unnamed source, and later reports give far smaller figures.

# For a translated text: each span the translation garbled. What was printed
# must appear in one of the quotes above. Kind, one of: {choices(TranslationArtefact, "kind")};
# confidence, one of: {choices(TranslationArtefact, "confidence")}.
# artefacts:
#   - printed: "8,10"
#     likely: "100,000"
#     kind: number
#     confidence: medium
#     reasoning: >-
#       Korean writes 100,000 as 10만 (10 x 10,000); the unit 만 seems lost.
"""


# --- checks -----------------------------------------------------------------------


def _known_ids(path: Path, list_field: str) -> list[str]:
    try:
        data = read_yaml(path).data
    except YamlProblem as exc:
        raise Refused(f"cannot read {path}: {exc}") from None
    items = data.get(list_field, []) if isinstance(data, dict) else []
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def source_entry(source_id: str, name: str | None = None) -> str:
    """A data/sources.yaml entry for a new source, to paste and complete. Nothing is guessed: what
    only the contributor knows is a TODO, and `kind: TODO` fails validation until a kind is chosen."""
    return (
        f"  - id: {source_id}\n"
        f"    name: {_q(name or 'TODO: the name as a reader knows it')}\n"
        f"    # One of: {choices(Source, 'kind')}.\n"
        f"    kind: TODO\n"
        f"    # Its two-letter country code (ISO 3166-1), if it has one: delete the '# ' to use it.\n"
        f"    # country: XX\n"
        f"    description: \"TODO: one neutral sentence on who this is.\"\n"
        f"    grade:\n"
        f"      reliability: F\n"
        f"      reason: \"TODO: why this grade (F: reliability cannot be judged yet).\""
    )


def check_outlet(outlet: str, data_dir: Path) -> None:
    known = _known_ids(data_dir / "sources.yaml", "sources")
    if outlet not in known:
        close = difflib.get_close_matches(outlet, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise Refused(
            f"unknown outlet '{outlet}'{hint}. Add the outlet to {data_dir / 'sources.yaml'} first, e.g.\n"
            f"{source_entry(outlet)}"
        )


def pick_case(case: str | None, data_dir: Path) -> str:
    """The case the report joins: the one given, or the only case there is."""
    known = _known_ids(data_dir / "cases.yaml", "cases")
    if case is None:
        if len(known) == 1:
            return known[0]
        raise Refused(f"--case: say which case study the report belongs to, one of: {', '.join(known) or 'none'} "
                      f"(or add a new case to {data_dir / 'cases.yaml'} first)")
    if case not in known:
        close = difflib.get_close_matches(case, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise Refused(f"--case: unknown case '{case}'{hint}; add it to {data_dir / 'cases.yaml'} first")
    return case


def check_date(text: str) -> str:
    try:
        date = PartialDate.parse(text)
    except ValueError as exc:
        raise Refused(f"--date: {exc}") from None
    today = dt.date.today()
    if (date.year, date.month or 1, date.day or 1) > (today.year, today.month, today.day):
        raise Refused(f"--date: {text} is in the future")
    return date.iso()


def make_id(date: str, outlet: str, slug_words: str) -> str:
    slug = slugify(slug_words)
    if not slug:
        raise Refused("--slug: give a few words with letters or digits, e.g. --slug 'second wave'")
    report_id = f"{date}-{outlet}-{slug}"
    if len(report_id) > SLUG_MAX:
        room = SLUG_MAX - len(date) - len(outlet) - 2
        raise Refused(f"the id '{report_id}' is longer than {SLUG_MAX} characters; "
                      f"use a shorter --slug (at most {room} characters)")
    return report_id


def _validate_text(text: str, path: Path) -> None:
    """The skeleton must validate on its own (the outlet is checked against sources.yaml separately)."""
    path.write_text(text, encoding="utf-8")
    try:
        Report.model_validate(read_yaml(path, str(path)).data)
    except (YamlProblem, ValidationError) as exc:
        path.unlink()
        raise Refused(f"these values do not validate:\n{exc}") from None


def create(data_dir: Path, outlet: str, date: str, slug: str, *, language: str = "en",
           headline: str | None = None, url: str | None = None, case: str | None = None) -> Path:
    """Write the skeleton; return its path. Raises Refused with the reason."""
    check_outlet(outlet, data_dir)
    case = pick_case(case, data_dir)
    date = check_date(date)
    report_id = make_id(date, outlet, slug)
    reports = data_dir / "reports"
    path = reports / f"{report_id}.yaml"
    if path.exists():
        raise Refused(f"{path} already exists: edit that file, or choose another --slug")
    reports.mkdir(parents=True, exist_ok=True)
    text = skeleton(report_id, outlet, date, language, headline, url, case)
    _validate_text(text, path)
    return path


# --- command line -----------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.new_report",
        description="Start a new report file (data/reports/DATE-OUTLET-SLUG.yaml) that already validates.",
    )
    parser.add_argument("--outlet", help="id of the publishing outlet in data/sources.yaml")
    parser.add_argument("--date", help="publication date: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--slug", help="a few words for the file name, e.g. 'second wave'")
    parser.add_argument("--language", default="en", help="two-letter code of the text as read (default en)")
    parser.add_argument("--headline", help="the headline as printed (optional; else a TODO)")
    parser.add_argument("--url", help="where the report was read (optional; else a TODO)")
    parser.add_argument("--case", help="id of the case study in data/cases.yaml (needed when there are several)")
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="data directory (default data)")
    return parser


PROMPTS = {
    "outlet": "Outlet id (from data/sources.yaml, e.g. korea-daily): ",
    "date": "Publication date (YYYY-MM-DD, YYYY-MM or YYYY): ",
    "slug": "A few words for the file name (e.g. second wave): ",
}


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    missing = [name for name in PROMPTS if not getattr(args, name)]
    if missing:
        if not sys.stdin.isatty():
            parser.print_usage(sys.stderr)
            print(f"{parser.prog}: missing {', '.join('--' + m for m in missing)} "
                  "(prompts are only shown in a terminal)", file=sys.stderr)
            return 2
        try:
            for name in missing:
                setattr(args, name, input(PROMPTS[name]).strip())
        except (EOFError, KeyboardInterrupt):
            print("\nNothing written.", file=sys.stderr)
            return 1
    try:
        path = create(args.data_dir, args.outlet, args.date, args.slug, language=args.language,
                      headline=args.headline, url=args.url, case=args.case)
    except Refused as exc:
        print(f"Not written: {exc}", file=sys.stderr)
        return 1
    path = _shown(path)
    print(f"Wrote {path}\n")
    print("Next steps:")
    print(f"  1. Open {path} and replace every TODO; its comments explain each field.")
    print("  2. Add a claim for each quote a lesson can use; copy quotes exactly as printed.")
    print("  3. Run `make validate` until it prints no errors and no TODO warnings.")
    print("  4. Run `make serve` and look at the new page under Reports.")
    print("  5. Open a pull request; the template lists what reviewers check (see CONTRIBUTING.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
