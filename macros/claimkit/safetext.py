"""Characters data may not hold, and data text made safe for a terminal or a CI log.

Two rules, kept together because they are about the same characters:

* **Refused in data** (:data:`FORBIDDEN`): control characters (C0, DEL, C1),
  unpaired surrogates, Unicode noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF),
  the line and paragraph separators (U+2028, U+2029) and the bidirectional
  embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069),
  however they are written: typed into the file or as a YAML escape (``"\\e"``,
  ``"\\x01"``, ``"\\uFFFE"``). They are invisible on a page, break the SVG
  charts (not valid XML), reach the CSV and search index, and in a terminal can
  rewrite what was printed before them. A line break is allowed in values only
  (YAML joins the lines of long text); a tab is refused everywhere (write a
  space). A no-break space (``\\u00A0``) and other visible characters stay.
* **Escaped on the way to a terminal** (:func:`for_terminal`): every message that
  can hold text from data (a field name, a file name, a cue) shows these
  characters as ``\\x1b``-style escapes, so a crafted file cannot print a fake
  "valid" line or hide the lines after it.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_LINE_SEPARATORS = "\u2028\u2029"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and line feed, DEL, C1 (with NEL, U+0085)

# Refused in values (a line feed is allowed: YAML folds long text over lines).
FORBIDDEN = re.compile(f"[\t{_CONTROLS}\ud800-\udfff{_LINE_SEPARATORS}{_BIDI_CONTROLS}{_NONCHARACTERS}]")
# Refused in field names (keys are one line).
FORBIDDEN_IN_KEYS = re.compile(f"[\n{FORBIDDEN.pattern[1:]}")
# Refused typed into a file (outside any value): as FORBIDDEN, but a carriage return is a line ending.
FORBIDDEN_RAW = re.compile(f"[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_LINE_SEPARATORS}"
                           f"{_BIDI_CONTROLS}{_NONCHARACTERS}]")


def _characters(charset: str) -> frozenset[str]:
    """The characters of a regular expression's character set written as characters and ranges (a-z)."""
    found: set[str] = set()
    i = 0
    while i < len(charset):
        if i + 2 < len(charset) and charset[i + 1] == "-":
            found.update(map(chr, range(ord(charset[i]), ord(charset[i + 2]) + 1)))
            i += 3
        else:
            found.add(charset[i])
            i += 1
    return frozenset(found)


_FORBIDDEN_RAW_CHARACTERS = _characters(FORBIDDEN_RAW.pattern[1:-1])


def first_forbidden_raw(text: str) -> re.Match | None:
    """Where FORBIDDEN_RAW first matches in a whole file, if anywhere. A set test rules most files out
    first: the expression, with its astral ranges, reads a 10,000-character file four times slower."""
    if _FORBIDDEN_RAW_CHARACTERS.isdisjoint(text):
        return None
    return FORBIDDEN_RAW.search(text)


# Shown escaped in terminal output: the refused characters, line breaks and other format characters
# (zero-width and direction marks): a log line must show exactly what is there.
_TERMINAL_UNSAFE = re.compile(f"[\\n\\r{FORBIDDEN.pattern[1:-1]}\u00ad\u061c\u180e\u200b-\u200f\u2060-\u2064"
                              f"\ufeff\ufff9-\ufffb]")

_NAMES = {
    "\x00": "NUL", "\x07": "BELL", "\x08": "BACKSPACE", "\t": "TAB", "\n": "LINE FEED", "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE",
}


def escape(char: str) -> str:
    """One character as a Python-style escape: \\x1b, \\u202e, \\U0010fffe."""
    code = ord(char)
    if char in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def for_terminal(text: str) -> str:
    """``text`` with control and invisible format characters shown as escapes."""
    if not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(lambda m: escape(m.group()), text)


def describe(char: str) -> str:
    """'U+001B (ESCAPE)': a character a contributor cannot see, named so they can find it."""
    code = ord(char)
    name = _NAMES.get(char) or unicodedata.name(char, "")
    if not name:
        if 0xD800 <= code <= 0xDFFF:
            name = "half of a surrogate pair"
        elif unicodedata.category(char) == "Cn":
            name = "noncharacter"
        else:
            name = "control character"
    return f"U+{code:04X} ({name})"


def why_refused(char: str) -> str:
    """The end of the message for a refused character: what to do instead."""
    if char == "\t":
        return "write a space instead"
    if char == "\n":
        return "field names are one line"
    if char in "\u2028\u2029":
        return "start a new line in the file instead, or write a space"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "it reorders how the text around it is shown; remove it"
    return "it cannot be shown on a page; remove it"


def shorten(text: str, limit: int = 60) -> str:
    """At most ``limit`` characters of ``text``, for a message that echoes a value."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
