"""QR codes drawn at build time (macros/claimkit/qr.py): the right modules, inert markup, same every time."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import segno
from markupsafe import Markup

from macros.claimkit import qr
from macros.claimkit.qr import QRError, qr_svg

ADDRESS = "https://example.org/claims/reports/2022-08-dh-thousands-of-volunteers-offered/#claim-c1"
QUIET_ZONE = 4


def _dark_modules(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The viewBox size and the (row, column) of every dark module the stroked path draws."""
    root = ET.fromstring(svg)
    size = int(root.get("viewBox").split()[2])
    dark = [p for p in root if p.get("stroke") == "#000"]
    assert len(dark) == 1
    cells, x, y = set(), 0.0, 0.0
    for op, args in re.findall(r"([Mmhv])([^Mmhv]*)", dark[0].get("d")):
        numbers = [float(n) for n in args.split()]
        if op == "M":
            x, y = numbers
        elif op == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif op == "h":
            cells |= {(int(y - 0.5), int(x + i)) for i in range(int(numbers[0]))}
            x += numbers[0]
        else:
            raise AssertionError(f"unexpected path command {op}")
    return size, cells


def test_the_svg_draws_exactly_the_modules_of_the_code():
    svg = qr_svg(ADDRESS)
    expected = segno.make(ADDRESS, error="m", micro=False, boost_error=False)
    size, cells = _dark_modules(svg)
    assert size == len(expected.matrix) + 2 * QUIET_ZONE
    want = {(r + QUIET_ZONE, c + QUIET_ZONE) for r, row in enumerate(expected.matrix) for c, v in enumerate(row) if v}
    assert cells == want
    assert (size - 2 * QUIET_ZONE - 17) % 4 == 0, "not a full-size QR code (Micro QR is not read by every phone)"


def test_the_markup_is_two_paths_and_references_nothing():
    svg = qr_svg(ADDRESS)
    assert isinstance(svg, Markup)
    root = ET.fromstring(svg)
    assert root.tag == "svg" and [child.tag for child in root] == ["path", "path"]
    assert root.get("aria-hidden") == "true" and root.get("class") == "ck-qr"
    attributes = {name for element in root.iter() for name in element.attrib}
    assert attributes <= {"viewBox", "class", "aria-hidden", "focusable", "fill", "stroke", "d"}
    for reference in ("href", "src=", "url(", "http", "xmlns", "<script", "<style", "<image", "<use", "foreignObject"):
        assert reference not in svg
    assert root[0].get("fill") == "#fff", "a white square under the code, so it scans on a dark page too"


def test_the_address_is_encoded_never_written():
    hostile = 'https://example.org/"><script>alert(1)</script><a href="//evil.example/">'
    svg = qr_svg(hostile)
    assert "<script" not in svg and "evil" not in svg and "alert" not in svg
    ET.fromstring(svg)  # well-formed


def test_same_address_same_svg_across_calls_and_runs():
    first = qr_svg(ADDRESS)
    qr._qr_svg.cache_clear()
    assert qr_svg(ADDRESS) == first
    assert qr_svg(ADDRESS + "x") != first


def test_longer_addresses_need_more_modules():
    short, _ = _dark_modules(qr_svg("https://example.org/"))
    long, _ = _dark_modules(qr_svg("https://example.org/" + "reports/2023-korean-column-volunteer-army/" * 3))
    assert long > short


@pytest.mark.parametrize("address", ["", "   ", "x" * 3000])
def test_an_address_that_cannot_be_drawn_is_an_error(address):
    with pytest.raises(QRError):
        qr_svg(address)
