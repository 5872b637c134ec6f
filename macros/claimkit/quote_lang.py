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

from markupsafe import Markup, escape

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
