"""Result codes: the Bech32m checksum, round trips, and every kind of bad code refused with a reason."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from macros.claimkit import result_code as rc
from macros.claimkit.prepost import FormKey, KeyQuestion, score

FORM = FormKey("before", 1, "before", "Before the lessons", tuple(
    KeyQuestion(f"q{n}", skill, options, correct) for n, (skill, options, correct) in enumerate([
        ("who-is-speaking", 4, (1,)), ("who-is-speaking", 4, (0,)), ("hedges", 4, (2,)), ("hedges", 4, (1,)),
        ("citation-chains", 4, (2,)), ("numbers", 2, (1,)), ("translation", 4, (3,)),
        ("rumour-to-confirmation", 5, (0,)), ("headline-vs-body", 4, (1, 3)), ("lateral-reading", 6, (2,)),
    ])))
AFTER = replace(FORM, id="after", number=2, when="after", title="After the lessons")
FORMS = {FORM.number: FORM, AFTER.number: AFTER}


def _answers(rng: random.Random, form: FormKey) -> list[set[int]]:
    out = []
    for q in form.questions:
        if len(q.correct) > 1:
            out.append({i for i in range(q.options) if rng.random() < 0.5})
        else:
            out.append({rng.randrange(q.options)})
    return out


# --- the checksum is Bech32m (BIP-350) --------------------------------------------------------------

BIP350_VALID = [
    "A1LQFN3A", "a1lqfn3a",
    "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
    "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
    "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
    "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
    "?1v759aa",
]


@pytest.mark.parametrize("code", BIP350_VALID)
def test_the_checksum_is_bech32m_by_the_standards_test_vectors(code):
    code = code.lower()
    hrp, data = code[:code.rindex("1")], code[code.rindex("1") + 1:]
    values = [rc.CHARSET.index(c) for c in data]
    assert rc.verify(hrp, values)
    assert rc.checksum(hrp, values[:-6]) == values[-6:]


def test_a_bech32_not_bech32m_string_fails():
    # A valid *Bech32* (BIP-173) string: the older constant, which BIP-350 replaced.
    code = "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
    values = [rc.CHARSET.index(c) for c in code[7:]]
    assert not rc.verify("abcdef", values)


# --- round trips ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_any_answers_and_initials_survive_a_round_trip(seed):
    rng = random.Random(seed)
    form = FORM if seed % 2 else AFTER
    answers = _answers(rng, form)
    initials = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(seed % 4))
    code = rc.encode(form, answers, initials)
    assert code.startswith("RWC1") and code == code.upper()
    assert len(code) == 4 + rc.data_length(form, len(initials)) + 6
    for shown in (code, code.lower(), rc.group(code), " " + rc.group(code).replace(" ", "-") + "\t"):
        decoded = rc.decode(shown, FORMS)
        assert decoded.form is form and decoded.initials == initials and decoded.answers == answers


def test_initials_are_letters_only_and_at_most_three():
    code = rc.encode(FORM, [{0}] * 9 + [{1}], "j.d-smith")
    assert rc.decode(code, FORMS).initials == "JDS"
    assert rc.decode(rc.encode(FORM, [{0}] * 10, ""), FORMS).initials == ""


def test_a_code_is_short_enough_to_copy_by_hand():
    code = rc.encode(FORM, [set(q.correct) for q in FORM.questions], "ABC")
    assert len(code) <= 30
    assert rc.group(code).count(" ") == (len(code) - 4 + 3) // 4


def test_the_score_counts_a_question_right_only_with_exactly_its_right_options():
    answers = [set(q.correct) for q in FORM.questions]
    assert score(FORM, answers)["headline-vs-body"] == (1, 1)
    answers[8] = {1}  # one of the two right options only
    assert score(FORM, answers)["headline-vs-body"] == (0, 1)
    assert score(FORM, answers)["who-is-speaking"] == (2, 2)


# --- bad codes ------------------------------------------------------------------------------------------


def _code(initials="AB") -> str:
    return rc.encode(FORM, _answers(random.Random(7), FORM), initials)


def _refused(text: str, words: str) -> None:
    with pytest.raises(rc.CodeError) as info:
        rc.decode(text, FORMS)
    assert words in str(info.value), str(info.value)


def test_every_changed_character_is_caught():
    code = _code()
    for position in range(4, len(code)):
        for char in rc.CHARSET.upper():
            if char != code[position]:
                with pytest.raises(rc.CodeError):
                    rc.decode(code[:position] + char + code[position + 1:], FORMS)


def test_swapped_neighbours_are_caught():
    code = _code()
    for position in range(4, len(code) - 1):
        if code[position] != code[position + 1]:
            swapped = code[:position] + code[position + 1] + code[position] + code[position + 2:]
            with pytest.raises(rc.CodeError):
                rc.decode(swapped, FORMS)


@pytest.mark.parametrize("cut", [1, 2, 5, 10])
def test_a_truncated_code_is_called_too_short(cut):
    _refused(_code()[:-cut], "too short")


def test_an_extra_character_is_caught():
    code = _code()
    _refused(code + "Q", "too long")
    _refused(code[:10] + "Q" + code[10:], "too long")


def test_other_mistakes_are_named():
    code = _code()
    _refused("HELLO", "not a result code: a code starts with RWC1")
    _refused(code[:8] + "B" + code[9:], "'B', which no code contains")
    _refused(code[:8] + "I" + code[9:], "'I', which no code contains")
    _refused("RWC1QQ", "too short")
    changed = code[:12] + ("Q" if code[12] != "Q" else "P") + code[13:]
    _refused(changed, "the check characters at the end do not match the rest")


def _forge(bits: str) -> str:
    """A code with a valid checksum around any bits: what someone who read the format could make."""
    bits += "0" * (-len(bits) % 5)
    data = [int(bits[i:i + 5], 2) for i in range(0, len(bits), 5)]
    return (rc.PREFIX + "1" + "".join(rc.CHARSET[d] for d in data + rc.checksum(rc.PREFIX, data))).upper()


def _header(version=1, number=1, fingerprint=None, initials=0) -> str:
    fingerprint = FORM.fingerprint if fingerprint is None else fingerprint
    return f"{version:05b}{number:05b}{fingerprint:010b}{initials:02b}"


def _answer_bits(form=FORM, chosen=None) -> str:
    chosen = chosen or {}
    return "".join("".join("1" if i in chosen.get(n, {0}) else "0" for i in range(q.options))
                   for n, q in enumerate(form.questions))


def test_a_forged_code_must_still_fit_its_form():
    assert rc.decode(_forge(_header() + _answer_bits()), FORMS).answers == [{0}] * 10
    _refused(_forge(_header(version=2) + _answer_bits()), "another version of the check (version 2)")
    _refused(_forge(_header(number=9) + _answer_bits()), "form 9, which this site does not have")
    _refused(_forge(_header(fingerprint=FORM.fingerprint ^ 1) + _answer_bits()),
             "an older version of form 1 (Before the lessons)")
    _refused(_forge(_header() + _answer_bits(chosen={0: {0, 1}})), "two answers to question q0, which has one")
    _refused(_forge(_header(initials=1) + "11111" + _answer_bits()), "initials in the code are not letters")


def test_the_fingerprint_changes_when_the_form_or_its_answers_change():
    changed_answer = replace(FORM, questions=(replace(FORM.questions[0], correct=(2,)),) + FORM.questions[1:])
    fewer_options = replace(FORM, questions=(replace(FORM.questions[0], options=3),) + FORM.questions[1:])
    prints = {FORM.fingerprint, changed_answer.fingerprint, fewer_options.fingerprint, AFTER.fingerprint}
    assert len(prints) == 4 and all(0 <= p < 1024 for p in prints)
    code = rc.encode(FORM, [{0}] * 10)
    with pytest.raises(rc.CodeError, match="older version of form 1"):
        rc.decode(code, {1: changed_answer})
