"""The stakeholder matrix as a picture for reports, drawn without a terminal or a plotting
library: an SVG (Markdown and HTML reports) and a PNG (Word, which does not take SVG).

Interest runs across (0..10), authority up (0..10), with the quadrant lines at 5. Each key
stakeholder is a numbered disc coloured by support (red low, amber neutral, green high);
the SVG writes the role and support beside it, the PNG carries the numbers only and the
report lists them in a legend table (a PNG has no fonts; the digits are drawn from a small
pixel font defined here). All text from data is escaped in the SVG (controls shown as
their escapes first: XML cannot hold them).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..analysis.stakeholder_matrix import StakeholderMatrix
from ..analysis.support import format_support
from ..textsafe import display

SIZE = 520
MARGIN = 60
PLOT = SIZE - 2 * MARGIN
COLOURS = {"low": (200, 60, 50), "neutral": (225, 160, 30), "high": (40, 150, 80)}


@dataclass(frozen=True)
class Mark:
    number: int
    label: str
    interest: int
    authority: int
    support: str
    tone: str
    """low, neutral or high."""


def marks(matrix: StakeholderMatrix) -> list[Mark]:
    return [
        Mark(
            number=index,
            label=point.name,
            interest=point.interest,
            authority=point.authority,
            support=format_support(point.support, matrix.scale),
            tone=point.support_class,
        )
        for index, point in enumerate(matrix.points, start=1)
    ]


def _xy(interest: float, authority: float) -> tuple[float, float]:
    return MARGIN + interest / 10 * PLOT, MARGIN + (10 - authority) / 10 * PLOT


def _spread(items: list[Mark]) -> dict[int, tuple[float, float]]:
    """Disc centres; stakeholders with the same figures sit side by side, not on top."""
    seen: dict[tuple[int, int], int] = {}
    centres = {}
    for mark in items:
        key = (mark.interest, mark.authority)
        shift = seen.get(key, 0)
        seen[key] = shift + 1
        x, y = _xy(mark.interest, mark.authority)
        centres[mark.number] = (x + shift * 28, y)
    return centres


def matrix_svg(items: list[Mark]) -> str:
    def rgb(tone: str) -> str:
        r, g, b = COLOURS.get(tone, (120, 120, 120))
        return f"rgb({r},{g},{b})"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" font-family="sans-serif" font-size="12">',
        f'<rect x="0" y="0" width="{SIZE}" height="{SIZE}" fill="white"/>',
    ]
    for step in range(11):
        x, y = _xy(step, step)
        tone = "#999" if step == 5 else "#e4e4e4"
        parts.append(
            f'<line x1="{x:.1f}" y1="{MARGIN}" x2="{x:.1f}" y2="{MARGIN + PLOT}" stroke="{tone}"/>'
        )
        parts.append(
            f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{MARGIN + PLOT}" y2="{y:.1f}" stroke="{tone}"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{MARGIN + PLOT + 16}" text-anchor="middle">{step}</text>'
        )
        parts.append(f'<text x="{MARGIN - 8}" y="{y + 4:.1f}" text-anchor="end">{step}</text>')
    parts.append(
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{PLOT}" height="{PLOT}" fill="none" '
        'stroke="#333"/>'
    )
    parts.append(
        f'<text x="{MARGIN + PLOT / 2}" y="{SIZE - 14}" text-anchor="middle" '
        'font-weight="bold">Interest</text>'
    )
    parts.append(
        f'<text x="16" y="{MARGIN + PLOT / 2}" text-anchor="middle" font-weight="bold" '
        f'transform="rotate(-90 16 {MARGIN + PLOT / 2})">Authority</text>'
    )
    centres = _spread(items)
    for mark in items:
        x, y = centres[mark.number]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="10" fill="{rgb(mark.tone)}" stroke="#222"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" fill="white" '
            f'font-weight="bold" font-size="11">{mark.number}</text>'
        )
    placed: dict[tuple[int, int], int] = {}
    for mark in items:
        key = (mark.interest, mark.authority)
        row = placed.get(key, 0)
        placed[key] = row + 1
        stacked = sum(1 for m in items if (m.interest, m.authority) == key)
        x, y = _xy(mark.interest, mark.authority)
        label = escape(display(f"{mark.number} {mark.label} ({mark.support})", lines=False))
        if x > MARGIN + PLOT * 0.7:
            anchor, lx = "end", x - 14
        else:
            anchor, lx = "start", x + (stacked - 1) * 28 + 14
        ly = y + 4 + (row - (stacked - 1) / 2) * 14
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --- PNG ---------------------------------------------------------------------------------

DIGITS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "010", "010", "010"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
}
"""A 3 x 5 pixel font for the digits a PNG needs (disc numbers and axis ticks)."""


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))

    def dot(self, x: int, y: int, colour: tuple[int, int, int]) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            at = (y * self.width + x) * 3
            self.pixels[at : at + 3] = bytes(colour)

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(max(0, y0), min(self.height, y1)):
            for x in range(max(0, x0), min(self.width, x1)):
                self.dot(x, y, colour)

    def disc(self, cx: float, cy: float, radius: float, colour: tuple[int, int, int]) -> None:
        for y in range(int(cy - radius) - 1, int(cy + radius) + 2):
            for x in range(int(cx - radius) - 1, int(cx + radius) + 2):
                if (x - cx) ** 2 + (y - cy) ** 2 <= radius**2:
                    self.dot(x, y, colour)

    def text(self, x: int, y: int, digits: str, scale: int, colour: tuple[int, int, int]) -> None:
        """Digits with their top-left corner at (x, y), each pixel `scale` wide."""
        for index, char in enumerate(digits):
            rows = DIGITS.get(char)
            if rows is None:
                continue
            left = x + index * 4 * scale
            for r, row in enumerate(rows):
                for c, bit in enumerate(row):
                    if bit == "1":
                        self.rect(
                            left + c * scale,
                            y + r * scale,
                            left + (c + 1) * scale,
                            y + (r + 1) * scale,
                            colour,
                        )

    def png(self) -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        stride = self.width * 3
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * stride : (y + 1) * stride]) for y in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b"")
        )


def matrix_png(items: list[Mark]) -> bytes:
    canvas = Canvas(SIZE, SIZE)
    light, dark, black = (228, 228, 228), (150, 150, 150), (40, 40, 40)
    for step in range(11):
        gx, gy = (round(v) for v in _xy(step, step))
        tone = dark if step == 5 else light
        canvas.rect(gx, MARGIN, gx + 1, MARGIN + PLOT, tone)
        canvas.rect(MARGIN, gy, MARGIN + PLOT, gy + 1, tone)
        tick = str(step)
        canvas.text(gx - len(tick) * 4 + 1, MARGIN + PLOT + 8, tick, 2, black)
        canvas.text(MARGIN - 10 - len(tick) * 8, gy - 5, tick, 2, black)
    for edge in (MARGIN, MARGIN + PLOT):
        canvas.rect(MARGIN, edge, MARGIN + PLOT + 1, edge + 2, black)
        canvas.rect(edge, MARGIN, edge + 2, MARGIN + PLOT + 1, black)
    centres = _spread(items)
    for mark in items:
        x, y = centres[mark.number]
        canvas.disc(x, y, 14, black)
        canvas.disc(x, y, 12.5, COLOURS.get(mark.tone, (120, 120, 120)))
        label = str(mark.number)
        scale = 3 if len(label) == 1 else 2
        canvas.text(
            round(x) - (len(label) * 4 - 1) * scale // 2,
            round(y) - 5 * scale // 2,
            label,
            scale,
            (255, 255, 255),
        )
    return canvas.png()


__all__ = ["Mark", "marks", "matrix_png", "matrix_svg"]
