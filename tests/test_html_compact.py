"""Compacting a page's HTML leaves out indentation only: what a reader sees and every script stay."""

from __future__ import annotations

from macros.claimkit.html_compact import compact_html
from macros.claimkit.visible_words import visible_text

PAGE = """<!doctype html>
<html>
  <head>
    <script>var a = 1;
        var b = 2;</script>
    <style>
      .x { color: red; }
    </style>
  </head>
  <body>
    <nav>
      <ul>
        <li><a href="/">Home</a></li>

        <li><a href="/lessons/">Lessons</a></li>
      </ul>
    </nav>
    <p>Two\u00a0words
       and <em>more</em>
       text</p>
    <pre><code>  indented
      code</code></pre>
    <textarea>
  typed text</textarea>
  </body>
</html>
"""


def test_indentation_goes_and_the_text_a_reader_sees_stays():
    compact = compact_html(PAGE)
    assert "<nav>\n<ul>\n<li><a href=\"/\">Home</a></li>\n<li>" in compact  # (the blank line went too)
    assert "Two\u00a0words\nand <em>more</em>\ntext</p>" in compact
    assert visible_text(compact).split() == visible_text(PAGE).split()
    assert "Two\u00a0words" in compact  # a no-break space is content


def test_scripts_styles_and_preformatted_text_stay_byte_for_byte():
    compact = compact_html(PAGE)
    for kept in ("<script>var a = 1;\n        var b = 2;</script>",
                 "<style>\n      .x { color: red; }\n    </style>",
                 "<pre><code>  indented\n      code</code></pre>",
                 "<textarea>\n  typed text</textarea>"):
        assert kept in compact


def test_compacting_twice_changes_nothing_more():
    once = compact_html(PAGE)
    assert compact_html(once) == once
