"""Words shown to students for the model's codes, in one place for easy rewording."""

from __future__ import annotations

SOURCE_KINDS = {
    "state-media": "state media",
    "news-agency": "news agency",
    "newspaper": "newspaper",
    "tabloid": "tabloid",
    "regional-outlet": "regional outlet",
    "online-outlet": "online outlet",
    "magazine": "magazine",
    "broadcaster": "broadcaster",
    "think-tank": "think tank",
    "government": "government",
    "official": "official",
    "intelligence-agency": "intelligence agency",
    "military": "military",
    "pundit": "pundit",
    "expert": "expert",
    "unknown": "unknown kind",
}
STATUS = {
    "asserted": ("Asserted", "the report states it in its own voice"),
    "attributed": ("Attributed", "the report says someone else claims it"),
    "denied": ("Denied", "the report records a denial of it"),
    "speculated": ("Speculated", "the report presents it as a possibility, not a fact"),
}
HOW_CITED = {
    "quoted": "quotes",
    "paraphrased": "paraphrases",
    "according-to": "says “according to”",
    "citing": "cites",
    "unspecified": "vaguely cites",
}
QUALIFIER = {
    "exact": "",
    "about": "about ",
    "over": "over ",
    "under": "under ",
    "up-to": "up to ",
    "at-least": "at least ",
    "nearly": "nearly ",
}
RELATION = {
    "repeats": "repeats",
    "echoes": "echoes",
    "supports": "supports",
    "confirms": "confirms",
    "disputes": "disputes",
    "denies": "denies",
    "contradicts": "contradicts",
}
RELATION_ICON = {
    "repeats": "↻", "echoes": "≈", "supports": "+", "confirms": "✓",
    "disputes": "?", "denies": "✗", "contradicts": "≠",
}
VERDICT = {
    "confirmed": ("Confirmed", "later evidence in the data establishes it"),
    "supported": ("Supported", "credible sources back it, but it is not established"),
    "unproven": ("Unproven", "no evidence in the data either way"),
    "disputed": ("Disputed", "credible sources contradict it"),
    "false": ("False", "later evidence in the data shows it is wrong"),
}
# A verdict has two parts: did it happen, and is the number right?
VERDICT_PARTS = {"event": "What happened", "figure": "The figure"}
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
TRANSLATION = {"none": "original text", "human": "human translation", "machine": "machine translation"}
LANGUAGES = {
    "en": "English", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese",
    "fr": "French", "de": "German", "es": "Spanish", "ar": "Arabic", "pl": "Polish", "he": "Hebrew",
    "fa": "Persian", "ur": "Urdu", "yi": "Yiddish",
}
# The four kinds of cue, with the verb a page uses for each ("the report hedges with 'could'").
CUE_KINDS = {
    "hedge": ("Hedge", "hedges with", "withholds full commitment: the claim may not hold"),
    "certainty": ("Certainty marker", "signals certainty with", "presents the claim as settled"),
    "attribution": ("Attribution", "attributes with", "says who is speaking"),
    "scare-quote": ("Quotation marks around a word", "puts in quotation marks", "marks a word as someone else's: borrowed, or held at a distance"),
}
CUE_KINDS_SINGULAR = {"hedge": "hedge", "certainty": "certainty marker", "attribution": "attribution cue",
                      "scare-quote": "scare quote"}
CUE_KINDS_PLURAL = {"hedge": "hedges", "certainty": "certainty markers", "attribution": "attribution cues",
                    "scare-quote": "scare quotes"}
FIGURE_KIND = {"total": "", "increment": "an increase of ", "target": "a target of ", "forecast": "a forecast of "}
# Cue highlights never rely on colour alone: each style slot has its own symbol and underline.
CUE_SYMBOLS = ["◆", "↪", "?", "∴", "≈", "⇢", "!", "…", "❝", "✓", "»", "#"]
CHANGE = {
    "number": "Number changed",
    "headline": "Headline vs body",
    "hedge-dropped": "Hedge dropped",
    "hedge-added": "Hedge added",
    "certainty-dropped": "Certainty marker dropped",
    "certainty-added": "Certainty marker added",
    "origin": "Origin changed",
}
WHERE = {"headline": "headline", "subheading": "subheading", "body": "body text", "caption": "caption"}


def cue_slots(category_ids) -> dict[str, int]:
    """Each cue category's style slot (symbol and underline), by its order in the lexicon."""
    return {cid: i % len(CUE_SYMBOLS) for i, cid in enumerate(category_ids)}


def language(code: str) -> str:
    return LANGUAGES.get(code, code)
