"""The language and writing direction of quoted words, as HTML attributes.

The site is in English (``<html lang="en">``). A quote from a report read in
another language is marked with that language (``lang``), so screen readers
pronounce it with the right voice and browsers pick the right fonts and
hyphenation; a quote in a right-to-left script also gets ``dir="rtl"``, so its
words and punctuation are laid out in reading order rather than scrambled by
the surrounding English. An English quote gets no attributes: it is in the
page's language already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from .model import Report

PAGE_LANGUAGE = "en"
# ISO 639-1 codes of languages written right to left (Hebrew, Arabic, Persian, Urdu, Yiddish).
RIGHT_TO_LEFT = frozenset({"he", "ar", "fa", "ur", "yi"})


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def lang_attributes(language: str) -> Markup:
    """`` lang="he" dir="rtl"`` for an element holding words in ``language``; nothing for English."""
    if not language or language == PAGE_LANGUAGE:
        return Markup("")
    extra = Markup(' dir="rtl"') if language in RIGHT_TO_LEFT else Markup("")
    return Markup(' lang="{}"').format(language) + extra


def in_language(text: str, language: str) -> Markup:
    """Words quoted from a text in ``language``, escaped, in a span that says their language.

    ``dir`` on an inline element isolates it, so a right-to-left quote keeps its own order inside
    an English sentence (and the English quotation marks around it stay where they belong).
    """
    attributes = lang_attributes(language)
    return Markup("<span{}>{}</span>").format(attributes, text) if attributes else escape(text)


_QUOTED = re.compile(r"“([^“”]+)”")


def foreign_quotes(reports: Iterable[Report]) -> dict[str, str]:
    """Every verbatim text of a report not in English (quotes, printed figures, a chain's words), with its
    language: sentences written by the site (a question, a chart's table) quote them between “ and ”."""
    found: dict[str, str] = {}
    for report in reports:
        if report.language == PAGE_LANGUAGE:
            continue
        for claim in report.claims:
            texts = [claim.quote, *(q.as_printed for q in claim.quantities)]
            texts += [step.words for step in claim.all_steps if step.words]
            found.update(dict.fromkeys(texts, report.language))
    return found


def mark_quotes(text: str, languages: Mapping[str, str]) -> Markup:
    """``text`` escaped, with each “quoted” run that is a known text of another language (see
    foreign_quotes) in a span saying its language."""
    out, position = Markup(""), 0
    for match in _QUOTED.finditer(text):
        language = languages.get(match[1])
        if language:
            out += escape(text[position:match.start(1)]) + in_language(match[1], language)
            position = match.end(1)
    return out + escape(text[position:])
