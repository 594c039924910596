"""Printable QR posters for referral links: a one-line pitch, the QR code, and a caption.

Pure image making (segno draws the code, Pillow lays out the page); no Telegram here. The QR
module grid sits at a known place (`qr_box`), so tests can read the code back.
"""

import io
from dataclasses import dataclass

import segno
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1240, 1754  # A4 portrait at 150 dpi
MARGIN = 90
QR_SIZE = 800
QUIET_MODULES = 4  # the white border a QR reader needs around the code
INK = (20, 20, 20)
PAPER = (255, 255, 255)
ACCENT = (0, 102, 153)


@dataclass(frozen=True, slots=True)
class Poster:
    """A poster PNG and where its QR modules are: (left, top, module size in px, modules)."""

    png: bytes
    qr_box: tuple[int, int, int, int]


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR code for `url` as rows of dark (True) and light modules, without a border."""
    code = segno.make(url, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix]


def _font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled font at this size (no system fonts needed)."""
    font = ImageFont.load_default(size=size)
    assert isinstance(font, ImageFont.FreeTypeFont), "Pillow was built without FreeType"
    return font


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if draw.textlength(candidate, font=font) <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _centred(
    draw: ImageDraw.ImageDraw,
    lines: list[str],
    font: ImageFont.FreeTypeFont,
    top: int,
    fill: tuple[int, int, int],
) -> int:
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((WIDTH - width) / 2, top), line, font=font, fill=fill)
        top += int(font.size * 1.3)
    return top


def referral_poster(url: str, *, pitch: str, caption: str, footer: str) -> Poster:
    """A poster: `pitch` in large type, the QR code for `url`, then `caption` and `footer`."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    big = _font(72)
    medium = _font(40)
    small = _font(30)
    width = WIDTH - 2 * MARGIN
    matrix = qr_matrix(url)
    modules = len(matrix)
    scale = QR_SIZE // modules
    top = _centred(draw, _wrap(draw, pitch, big, width)[:2], big, MARGIN, INK)
    top += QUIET_MODULES * scale
    left = (WIDTH - scale * modules) // 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle(
                    (
                        left + x * scale,
                        top + y * scale,
                        left + (x + 1) * scale - 1,
                        top + (y + 1) * scale - 1,
                    ),
                    fill=INK,
                )
    qr_box = (left, top, scale, modules)
    top += scale * (modules + QUIET_MODULES)
    top = _centred(draw, _wrap(draw, caption, medium, width)[:3], medium, top, ACCENT) + 10
    _centred(draw, _wrap(draw, footer, small, width)[:3], small, top, INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return Poster(buffer.getvalue(), qr_box)
