"""Terms of reuse: the same licence everywhere a reader or a reuser looks (issue 16, item 4)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from testpaths import PROJECT

from macros.claimkit import export, licence
from macros.claimkit.loader import load_dataset


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_licence_files_name_mit_for_code_and_cc_by_for_content():
    code = (PROJECT / "LICENSE").read_text()
    assert code.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in code
    content = _flat((PROJECT / "LICENSE-CONTENT.md").read_text())
    assert "Creative Commons Attribution 4.0 International licence (CC BY 4.0)" in content
    assert licence.CONTENT_LICENCE_URL in content and licence.EXCERPTS in content


@pytest.mark.parametrize("path", ["README.md", "docs/licence.md", "overrides/partials/copyright.html"])
def test_readme_licence_page_and_footer_say_the_same(path):
    text = _flat((PROJECT / path).read_text())
    assert licence.EXCERPTS in text
    assert "CC BY 4.0" in text and "MIT" in text


def test_json_export_carries_the_licence(valid_data):
    document = json.loads(export.claims_json(load_dataset(valid_data)))
    assert document["licence"] == {
        "licence": "CC-BY-4.0", "licence_name": licence.CONTENT_LICENCE_NAME,
        "licence_url": "https://creativecommons.org/licenses/by/4.0/", "excerpts": licence.EXCERPTS,
        "code_licence": "MIT"}


def test_csv_metadata_file_describes_the_csv_and_its_licence(valid_data):
    metadata = json.loads(export.claims_csv_metadata())
    assert metadata["@context"] == "http://www.w3.org/ns/csvw" and metadata["url"] == "claims.csv"
    assert metadata["dc:license"] == {"@id": licence.CONTENT_LICENCE_URL}
    assert metadata["dc:rights"] == licence.EXCERPTS
    header = next(csv.reader(io.StringIO(export.claims_csv(load_dataset(valid_data)))))
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == header


def test_every_page_shows_the_terms_in_its_footer(real_site):
    pages = [p for p in real_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">'):]
        assert licence.EXCERPTS in _flat(footer), page
        link = re.search(r'<a href="([^"]*/)">Terms of reuse</a>', footer)
        target = (page.parent / link[1] / "index.html").resolve()
        assert target == real_site / "licence" / "index.html", page
    for name in ("claims.json", "claims.csv", "claims.csv-metadata.json"):
        assert (real_site / "data" / name).is_file()
    assert json.loads((real_site / "data" / "claims.json").read_text())["licence"]["licence"] == "CC-BY-4.0"
