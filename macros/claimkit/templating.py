"""The one Jinja set-up for every page: autoescape on, undefined names are errors, templates compiled once.

Data is only ever passed *into* templates, never rendered as one.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import escape

from . import analysis, labels, quote_lang, quote_markup

TEMPLATES = Path(__file__).parent / "templates"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the process: every build of `mkdocs serve` makes new
    renderers, and compiling the templates again took seconds of each rebuild. Jinja checks each
    template's source against the checksum it was compiled from, so an edited template compiles again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()  # one setup for every environment (template_environment): the same code
_THEME_COMPILED = _CompiledTemplates()  # the engine's theme, set up its own way


def keep_theme_compiled(env: jinja2.Environment) -> None:
    """Let the engine's theme environment keep its compiled templates for the process too: `mkdocs serve`
    makes a new one at every build, and compiling the theme's 60 templates again took 0.3 s of each."""
    env.bytecode_cache = _THEME_COMPILED


def template_environment(*, auto_reload: bool = True) -> jinja2.Environment:
    """The one way templates are set up: autoescape on, undefined names are errors. A Renderer reads
    each template once (``auto_reload`` off: no file check at each of the ~50 includes of a page); the
    site makes a new Renderer when a template changes (site.py)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        auto_reload=auto_reload,
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )
    env.globals.update(labels=labels, quantity=analysis.describe_quantity, fmt=analysis.format_number,
                       defid=quote_markup.definition_id, lang_attrs=quote_lang.lang_attributes,
                       in_lang=quote_lang.in_language)
    env.filters["first_sentence"] = first_sentence
    env.filters["quoted"] = escape  # a Renderer marks quoted words of other languages (quote_lang.mark_quotes)
    env.filters["upper_first"] = analysis.upper_first
    # data for the page scripts (data-practice, data-key...): compact, in every claim of every page
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return env


def first_sentence(text: str) -> str:
    """The first sentence of an explanation (tooltips repeat on every cue, so they stay short)."""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text
