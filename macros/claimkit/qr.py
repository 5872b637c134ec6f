"""QR codes for printed addresses: a phone's camera opens the page a worksheet points to.

Drawn at build time by segno (pure Python, no network) as an inline SVG of two paths: a white
square and the dark modules as one stroked path, sized by CSS through its viewBox. The address
is only encoded, never written into the SVG as text, so nothing from data reaches the markup;
only segno's numbers and the fixed options below do. Always a full-size QR code (never a Micro
QR, which phone cameras do not all read) with error correction M, and segno's quiet zone of
four modules, so a code printed small still scans.
"""

from __future__ import annotations

import re
from functools import lru_cache

import segno
from markupsafe import Markup

# The whole SVG segno writes with the options below: anything else means segno changed its output.
_SHAPE = re.compile(
    r'<svg viewBox="0 0 (\d+) \1" class="ck-qr" aria-hidden="true" focusable="false">'
    r'<path fill="#fff" d="M0 0h\1v\1h-\1z"/><path stroke="#000" d="[Mmhv0-9. -]+"/></svg>'
)


class QRError(ValueError):
    """The address cannot be drawn as a QR code (empty, or too long for one)."""


def qr_svg(address: str) -> Markup:
    """An inline SVG QR code that opens ``address``; safe to put in any HTML page as it is."""
    return _qr_svg(address)


@lru_cache(maxsize=1024)  # a worksheet, its answer version and its lesson page draw the same addresses
def _qr_svg(address: str) -> Markup:
    if not address or not address.strip():
        raise QRError("no address to draw as a QR code")
    try:
        code = segno.make(address, error="m", micro=False, boost_error=False)
    except segno.DataOverflowError as exc:
        raise QRError(f"address too long for a QR code ({len(address)} characters)") from exc
    svg = code.svg_inline(border=4, omitsize=True, svgclass="ck-qr", lineclass=None, dark="#000", light="#fff")
    svg = svg.replace(' class="ck-qr">', ' class="ck-qr" aria-hidden="true" focusable="false">', 1)
    if not _SHAPE.fullmatch(svg):
        raise QRError("segno wrote an SVG of an unexpected shape; check macros/claimkit/qr.py against its version")
    return Markup(svg)
