"""Turn a report proposal (a GitHub issue filed with the "Propose a news report" form) into a
skeleton report file, for a teacher who does not use git.

Usage:
  python -m scripts.propose_report --body-file BODY.md [--issue N] [--data-dir data]
                                   [--pr-body PR.md] [--github-output FILE]

The workflow .github/workflows/propose-report.yml runs this when a maintainer labels such an
issue `draft-report`, then commits the file on a branch and opens a draft pull request.

The issue body comes from anyone with a GitHub account, so it is data and nothing else: it is
parsed by the form's headings only, never run, never put in a shell command, a template or a
path. Every field is checked (sizes, dates, http/https addresses, two-letter language codes;
control and bidirectional-override characters refused), the file is written by PyYAML's emitter
(every value quoted or escaped as YAML needs) and read back with the project's strict reader to
check it holds exactly the values given. The only file written is data/reports/<id>.yaml, where
the id is built from checked parts and matches the model's id pattern. The quotes are copied as
given; everything the form cannot say (summary, claim ids, status, chains, hedges) is a TODO, so
`make validate` flags it and CI refuses to merge the file until a maintainer completes it.

Exit status: 0 written; 1 refused (the reasons, one a line, on stderr; they quote no value from
the issue); 2 usage mistake.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from macros.claimkit.model import PartialDate, Report
from macros.claimkit.yamlsource import YamlProblem, read_yaml
from scripts.new_report import SLUG_MAX, Refused, pick_case, slugify, source_entry

# The form's field labels (.github/ISSUE_TEMPLATE/propose-report.yml; a test keeps them equal):
# GitHub writes each answer under "### <label>".
FIELDS = {
    "Outlet": "outlet",
    "Publication date": "date",
    "Address of the report": "url",
    "Archive link": "archive_url",
    "Headline": "headline",
    "Language": "language",
    "Quoted passages": "passages",
    "What each passage claims": "claims",
    "Anything else": "notes",
    "Checks": "checks",
}
REQUIRED = ("outlet", "date", "language", "passages")
SINGLE_LINE = ("outlet", "date", "url", "archive_url", "headline", "language")
NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty

MAX_BODY = 20_000  # characters in the whole issue body
MAX_PASSAGES = 6
LIMITS = {"outlet": 100, "date": 10, "url": 2000, "archive_url": 2000, "headline": 300, "language": 2,
          "passage": 600, "claim": 2000}  # the model's limits (ShortText, Quote, Text, WebUrl)
OUTLET_ID_MAX = 40
CASE_PLACEHOLDER = "todo-case"  # when data/cases.yaml has several cases: a maintainer picks one

# Characters a reader cannot see that change how text is shown or read back: C0/C1 controls (all
# but the newline), bidirectional embeddings, overrides and isolates, line/paragraph separators.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_SEPARATORS = {"\u2028", "\u2029", "\x85"}
_HEADING = re.compile(r"^### (.+?)\s*$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")

HEADER = """\
# yaml-language-server: $schema=../../schema/report.schema.json
#
# Drafted by scripts/propose_report.py from a proposal filed with the issue form{issue}.
# The outlet, date, addresses, headline and quoted passages are as the proposal gave them;
# every TODO is for a maintainer to complete (make validate lists them, CI refuses to merge
# one). Check each quote against the report: verbatim, short, attributed. CONTRIBUTING.md
# explains every field; `make new-report` writes a skeleton with examples of the others.

"""


def _refuse(reasons: list[str]) -> None:
    if reasons:
        raise Refused("\n".join(reasons))


# --- reading the form ----------------------------------------------------------------------------


def check_characters(body: str) -> list[str]:
    """Refuse characters no report needs: controls other than the newline, invisible direction marks."""
    reasons = []
    if "\t" in body:
        reasons.append("the proposal contains tab characters: use spaces")
    if any((unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in _SEPARATORS for ch in body):
        reasons.append("the proposal contains control characters (such as escape codes): remove them")
    if any(ch in _BIDI for ch in body):
        reasons.append("the proposal contains invisible text-direction characters: remove them")
    return reasons


def parse_form(body: str) -> dict[str, str]:
    """The answers, by field key, from an issue body written by the form. Only the form's own
    headings split it; each may appear once; nothing may come before the first."""
    if len(body) > MAX_BODY:
        raise Refused(f"the proposal is longer than {MAX_BODY:,} characters: quote less")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    _refuse(check_characters(body))
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    preamble: list[str] = []
    for line in body.split("\n"):
        heading = _HEADING.match(line)
        if heading and heading[1] in FIELDS:
            key = FIELDS[heading[1]]
            if key in answers:
                raise Refused(f"the heading '### {heading[1]}' appears twice: keep the form's headings as they are")
            current = answers[key] = []
        elif current is None:
            preamble.append(line)
        else:
            current.append(line)
    if "".join(preamble).strip():
        raise Refused("the proposal does not start with the form's first heading: file it with the form")
    values = {key: "\n".join(lines).strip() for key, lines in answers.items()}
    values = {key: "" if value == NO_RESPONSE else value for key, value in values.items()}
    labels = {key: label for label, key in FIELDS.items()}
    _refuse([f"'{labels[key]}' is missing or empty" for key in REQUIRED if not values.get(key)])
    return values


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines; the lines of each joined with single spaces (quotes are one line)."""
    blocks = re.split(r"\n[ ]*\n", text.strip()) if text.strip() else []
    return [" ".join(line.strip() for line in block.split("\n") if line.strip()) for block in blocks]


def _web_url(value: str, label: str) -> list[str]:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        return [f"'{label}' must be one http:// or https:// address"]
    return []


def _date(value: str) -> list[str]:
    try:
        date = PartialDate.parse(value)
    except ValueError:
        return ["'Publication date' must be a date written YYYY-MM-DD, YYYY-MM or YYYY"]
    today = dt.date.today()
    if (date.year, date.month or 1, date.day or 1) > (today.year, today.month, today.day):
        return ["'Publication date' is in the future"]
    return []


def check_values(values: dict[str, str]) -> list[str]:
    labels = {key: label for label, key in FIELDS.items()}
    reasons = []
    for key in SINGLE_LINE:
        if "\n" in values.get(key, ""):
            reasons.append(f"'{labels[key]}' must be one line")
    for key in ("outlet", "date", "url", "archive_url", "headline"):
        if len(values.get(key, "")) > LIMITS[key]:
            reasons.append(f"'{labels[key]}' is longer than {LIMITS[key]} characters")
    reasons += _date(values["date"])
    if not _LANGUAGE.match(values["language"].lower()):
        reasons.append("'Language' must be a two-letter code such as en, ko or ru")
    for key in ("url", "archive_url"):
        if values.get(key):
            reasons += _web_url(values[key], labels[key])
    passages, claims = _paragraphs(values["passages"]), _paragraphs(values.get("claims", ""))
    if len(passages) > MAX_PASSAGES:
        reasons.append(f"give at most {MAX_PASSAGES} quoted passages (one or two sentences each)")
    reasons += [f"quoted passage {n} is longer than {LIMITS['passage']} characters: quote one or two sentences"
                for n, p in enumerate(passages, 1) if len(p) > LIMITS["passage"]]
    if len(claims) > len(passages):
        reasons.append("there are more claims than quoted passages: give one claim per passage, in the same order")
    reasons += [f"claim {n} is longer than {LIMITS['claim']} characters"
                for n, c in enumerate(claims, 1) if len(c) > LIMITS["claim"]]
    return reasons


# --- the report -----------------------------------------------------------------------------------


def known_sources(data_dir: Path) -> dict[str, str]:
    """id -> name of every source in data/sources.yaml."""
    data = read_yaml(data_dir / "sources.yaml").data
    items = data.get("sources", []) if isinstance(data, dict) else []
    return {item["id"]: item.get("name", "") for item in items
            if isinstance(item, dict) and isinstance(item.get("id"), str)}


def resolve_outlet(given: str, sources: dict[str, str]) -> tuple[str, bool]:
    """(source id, known?): the given text as an id or a name in sources.yaml, else a new id from it."""
    wanted = " ".join(given.split()).casefold()
    for source_id, name in sources.items():
        if wanted in (source_id, str(name).casefold()) or slugify(given) == source_id:
            return source_id, True
    new_id = slugify(given, max_length=OUTLET_ID_MAX)
    if not new_id:
        raise Refused("'Outlet' must contain letters or digits")
    return new_id, False


def case_for(data_dir: Path) -> str:
    """The only case study there is, else a placeholder (the form cannot know the data's cases)."""
    try:
        return pick_case(None, data_dir)
    except Refused:
        return CASE_PLACEHOLDER


def report_data(values: dict[str, str], outlet: str, known_outlet: bool, case: str) -> dict:
    """The skeleton's values, in the order a report file lists them."""
    date = PartialDate.parse(values["date"]).iso()
    headline = values.get("headline", "")
    passages = _paragraphs(values["passages"])
    room = SLUG_MAX - len(date) - len(outlet) - 2
    # the id's words: from the headline, else from the first passage (any script, transliterated)
    slug = slugify(headline, max_length=room) or slugify(passages[0], max_length=room) or "report"
    report_id = f"{date}-{outlet}-{slug}"
    report: dict = {"id": report_id, "case": case, "outlet": outlet}
    if not known_outlet:
        report["outlet_note"] = (f"TODO: '{outlet}' is not in data/sources.yaml yet: add it (the pull request "
                                 "says how), then replace this note or delete it.")
    report["published"] = date
    if headline:
        report["headline"] = headline
    else:  # the form asks to leave the headline empty when the text has none
        report["no_headline"] = "none-printed"
        report["working_title"] = "TODO: a neutral working title (the text has no headline)"
    report["language"] = values["language"].lower()
    report["translation"] = "none"
    if values.get("url"):
        report["url"] = values["url"]
    else:
        report["access_note"] = "TODO: where the text was read, since it has no address"
    if values.get("archive_url"):
        report["archive_url"] = values["archive_url"]
    report["summary"] = "TODO: two or three neutral sentences on what the report says."
    claims = _paragraphs(values.get("claims", ""))
    report["claims"] = [
        {
            "id": f"todo-claim-{n}",
            "where": "body",
            "quote": passage,
            "claim": claims[n - 1] if n <= len(claims) else "TODO: what is claimed, in plain and neutral words.",
            "status": "asserted",
        }
        for n, passage in enumerate(passages, 1)
    ]
    return report


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe emitter, with list items indented under their key as in the project's files (yamllint)."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def render(report: dict, issue: int | None) -> str:
    """The file's text: a fixed header, then the values as PyYAML emits them (quoted where needed)."""
    # no line width: each quote stays on one line, easy to compare with the report word for word
    body = yaml.dump(report, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1_000_000)
    return HEADER.format(issue=f" (issue #{issue})" if issue is not None else "") + body


def check_text(text: str, report: dict) -> None:
    """The file validates, and the strict reader gets back exactly the values given."""
    handle, name = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        read = read_yaml(Path(name), f"data/reports/{report['id']}.yaml").data
        Report.model_validate(read)
    except YamlProblem as exc:
        raise Refused(f"the values do not make a valid report: {exc}") from None
    except ValidationError as exc:  # field and rule only: the comment on the issue repeats no value
        raise Refused("\n".join(f"the values do not make a valid report: {'.'.join(map(str, e['loc']))}: {e['msg']}"
                                for e in exc.errors())) from None
    finally:
        os.unlink(name)
    if read != report:
        raise Refused("the values do not read back as given")


def propose(body: str, data_dir: Path, issue: int | None = None) -> tuple[Path, dict, bool]:
    """Write data/reports/<id>.yaml from an issue body; return (path, report, outlet known?).
    Raises Refused with every reason it finds."""
    values = parse_form(body)
    _refuse(check_values(values))
    outlet, known = resolve_outlet(values["outlet"], known_sources(data_dir))
    report = report_data(values, outlet, known, case_for(data_dir))
    text = render(report, issue)
    check_text(text, report)
    reports = (data_dir / "reports").resolve()
    path = reports / f"{report['id']}.yaml"
    if path.parent != reports:  # the id matches the model's pattern, so this cannot happen
        raise Refused("the report id does not make a file name in data/reports/")
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": never replace an existing file
            out.write(text)
    except FileExistsError:
        raise Refused(f"data/reports/{path.name} already exists: this report may be in the data already") from None
    return path, report, known


# --- the pull request ---------------------------------------------------------------------------


def pull_request_body(report: dict, known_outlet: bool, issue: int | None) -> str:
    """The draft pull request's description. It repeats no text from the issue except checked ids."""
    lines = [f"Drafted from the report proposal in #{issue}." if issue is not None else "Drafted from a report proposal.",
             "",
             f"`data/reports/{report['id']}.yaml` holds the outlet, date, addresses, headline and quoted "
             "passages as proposed. Before merging, a maintainer:",
             "",
             "- [ ] compares each quote with the report (or its archive copy): verbatim, one or two sentences;",
             "- [ ] replaces every `TODO` (summary, claim ids, claims, status) and adds attribution chains, "
             "hedges and figures where the quotes have them;",
             "- [ ] runs `make validate` until it prints no errors and no TODO warnings."]
    if report["case"] == CASE_PLACEHOLDER:
        lines.insert(-1, "- [ ] sets `case:` to the case study the report belongs to (an id in `data/cases.yaml`);")
    if not known_outlet:
        lines += ["",
                  f"The outlet `{report['outlet']}` is not in `data/sources.yaml`. Add an entry like this one "
                  "(its name is in the issue), then delete the report's `outlet_note`:",
                  "", "```yaml", source_entry(report["outlet"]), "```"]
    lines += ["", "CI does not start by itself on a pull request a workflow opened: push a commit (or close "
              "and reopen the pull request) to run it."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.propose_report",
                                     description="Write a skeleton report from a report-proposal issue body.")
    parser.add_argument("--body-file", type=Path, required=True, help="the issue body, as a file")
    parser.add_argument("--issue", type=int, help="the issue number, for the file's header and the PR text")
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="data directory (default data)")
    parser.add_argument("--pr-body", type=Path, help="write the pull request's description here")
    parser.add_argument("--github-output", type=Path, help="append path=... and id=... here (GITHUB_OUTPUT)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        raw = args.body_file.read_bytes()
        if len(raw) > 4 * MAX_BODY:
            raise Refused(f"the proposal is longer than {MAX_BODY:,} characters: quote less")
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused("the proposal is not UTF-8 text") from None
        path, report, known = propose(body, args.data_dir, args.issue)
    except Refused as exc:
        print(f"Not written:\n{exc}", file=sys.stderr)
        return 1
    shown = (args.data_dir / "reports" / path.name).as_posix()
    if args.pr_body:
        args.pr_body.write_text(pull_request_body(report, known, args.issue), encoding="utf-8")
    if args.github_output:
        with args.github_output.open("a", encoding="utf-8") as out:
            out.write(f"path={shown}\nid={report['id']}\n")  # checked: an id pattern, no newline
    print(f"Wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
