"""Result codes of the pre/post check: a student's answers as a short text to copy, print or read out.

Format, version 1 (docs/assets/resultcode.js implements the same; a browser test makes them agree):

    RWC1 + data + checksum, in the Bech32 alphabet (BIP-173: digits and letters without 1, b, i, o),
    with the Bech32m checksum (BIP-350): six characters computed over "rwc" and the data.

The data is a string of bits, cut into 5-bit characters (zeros pad the last one):

    5 bits   version (1)
    5 bits   form number (1-31)
    10 bits  the form's fingerprint (prepost.FormKey.fingerprint): a code made with an older form is known
    2 bits   how many initials (0-3), then 5 bits for each letter (A=0 ... Z=25)
    n bits   for each question in order, one bit per option (option a is the first bit): the options chosen

Why this design: the alphabet avoids letters that are misread on paper (and ignores case); the
checksum catches any change of up to four characters, letters swapped, added or dropped, and
truncation; the form number and fingerprint tie the answers to one version of one form; the
length then must match that form exactly. The code holds answers, not a score: the class page
scores them with the same key. It carries no name unless the student types initials. The
checksum is public, so it stops mistakes and casual edits, not a forger who reads this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from .prepost import FormKey

PREFIX = "rwc"
VERSION = 1
CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32M = 0x2BC830A3
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
HEADER_BITS = 5 + 5 + 10


class CodeError(ValueError):
    """Why a line is not a valid result code (the message is shown to the teacher)."""


def _polymod(values: list[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            check ^= _GENERATOR[i] if (top >> i) & 1 else 0
    return check


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def checksum(hrp: str, data: list[int]) -> list[int]:
    polymod = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ BECH32M
    return [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]


def verify(hrp: str, data_with_checksum: list[int]) -> bool:
    return _polymod(_hrp_expand(hrp) + data_with_checksum) == BECH32M


def _bits(value: int, width: int) -> str:
    return format(value, f"0{width}b") if width else ""


def answer_bits(key: FormKey) -> int:
    return sum(q.options for q in key.questions)


def data_length(key: FormKey, initials: int) -> int:
    """How many 5-bit characters of data a code for this form carries (without the checksum)."""
    return -(-(HEADER_BITS + 2 + 5 * initials + answer_bits(key)) // 5)


def encode(key: FormKey, answers: list[set[int]], initials: str = "") -> str:
    initials = "".join(c for c in initials.upper() if "A" <= c <= "Z")[:3]
    if len(answers) != len(key.questions):
        raise ValueError(f"form {key.id} has {len(key.questions)} questions; got {len(answers)} answers")
    bits = _bits(VERSION, 5) + _bits(key.number, 5) + _bits(key.fingerprint, 10) + _bits(len(initials), 2)
    bits += "".join(_bits(ord(c) - ord("A"), 5) for c in initials)
    for q, chosen in zip(key.questions, answers, strict=True):
        if any(not 0 <= i < q.options for i in chosen):
            raise ValueError(f"question {q.id} has {q.options} options")
        bits += "".join("1" if i in chosen else "0" for i in range(q.options))
    bits += "0" * (-len(bits) % 5)
    data = [int(bits[i:i + 5], 2) for i in range(0, len(bits), 5)]
    return (PREFIX + "1" + "".join(CHARSET[d] for d in data + checksum(PREFIX, data))).upper()


def group(code: str, size: int = 4) -> str:
    """'RWC1QPZR Y9X8 ...' is easier to copy by hand: spaces every four characters (decode ignores them)."""
    head, body = code[:4], code[4:]
    return " ".join([head] + [body[i:i + size] for i in range(0, len(body), size)])


@dataclass(frozen=True)
class Decoded:
    form: FormKey
    initials: str
    answers: list[set[int]]


def decode(text: str, forms: dict[int, FormKey]) -> Decoded:
    """The answers in a code; raises CodeError saying what is wrong with it."""
    code = "".join(text.split()).replace("-", "").lower()
    if not code.startswith(PREFIX + "1"):
        raise CodeError("this is not a result code: a code starts with RWC1")
    body = code[len(PREFIX) + 1:]
    bad = sorted({c for c in body if c not in CHARSET})
    if bad:
        raise CodeError(f"the code has {', '.join(repr(c.upper()) for c in bad)}, which no code contains: "
                        "check that it was copied exactly")
    values = [CHARSET.index(c) for c in body]
    if len(values) < 4 + 6:
        raise CodeError("the code is too short: part of it is missing")
    form = forms.get(values[1])
    if form is not None:  # its length follows from the form and the number of initials (before any checksum)
        expected = data_length(form, values[4] >> 3) + 6
        if len(values) < expected:
            raise CodeError(f"the code is {expected - len(values)} character(s) too short for form "
                            f"{form.number} ({form.title}): part of it is missing")
        if len(values) > expected:
            raise CodeError(f"the code is {len(values) - expected} character(s) too long for form "
                            f"{form.number} ({form.title}): something was added to it")
    if not verify(PREFIX, values):
        raise CodeError("the check characters at the end do not match the rest: a character was changed, "
                        "mistyped, added or left out")
    data = values[:-6]
    bits = "".join(_bits(v, 5) for v in data)
    version, number, fingerprint = int(bits[0:5], 2), int(bits[5:10], 2), int(bits[10:20], 2)
    if version != VERSION:
        raise CodeError(f"the code was made by another version of the check (version {version}); this page reads "
                        f"version {VERSION}")
    form = forms.get(number)
    if form is None:
        raise CodeError(f"the code is for form {number}, which this site does not have")
    if fingerprint != form.fingerprint:
        raise CodeError(f"the code was made with an older version of form {number} ({form.title}), whose "
                        "questions have changed since: it cannot be scored with today's answers")
    count = int(bits[20:22], 2)
    if len(data) != data_length(form, count):
        raise CodeError(f"the code has the wrong length for form {number} ({form.title}): characters were added "
                        "or left out")
    position = 22
    initials = ""
    for _ in range(count):
        letter = int(bits[position:position + 5], 2)
        if letter > 25:
            raise CodeError("the initials in the code are not letters: it was not made by the check page")
        initials += chr(ord("A") + letter)
        position += 5
    answers = []
    for q in form.questions:
        chosen = {i for i in range(q.options) if bits[position + i] == "1"}
        if len(chosen) > 1 and len(q.correct) == 1:
            raise CodeError(f"the code gives two answers to question {q.id}, which has one: it was not made by "
                            "the check page")
        answers.append(chosen)
        position += q.options
    if "1" in bits[position:]:
        raise CodeError("the code has stray data at its end: it was not made by the check page")
    return Decoded(form, initials, answers)
