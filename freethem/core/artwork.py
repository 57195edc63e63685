"""The campaign's mark, drawn here and nowhere else: prison bars whose middle bar is broken,
with birds flying out through the gap on the large picture that shared links show.

The mark is a handful of shapes on a 32 x 32 grid. The same shapes are written out as SVG
(the favicon) and drawn with Pillow (favicon.ico and the 1200 x 630 share image), so the two
cannot drift apart. Nothing is copied from elsewhere and no font is needed: the picture holds
no text, so one image serves both languages.
"""

import io
import math
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

# The campaign's colours (core/static/core/site.css: --accent, --paper, --ink).
ACCENT = "#a3121b"
PAPER = "#ffffff"
INK = "#1a1a1a"

GRID = 32  # the mark's drawing grid, in units
SHARE_SIZE = (1200, 630)  # what link previews (Open Graph, Twitter cards) expect
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]
OVERSAMPLE = 4  # Pillow draws without anti-aliasing: draw larger, then scale down smoothly


@dataclass(frozen=True)
class Box:
    """A filled rectangle from (x0, y0) to (x1, y1), with corners rounded by r."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: str
    r: float = 0


@dataclass(frozen=True)
class Stroke:
    """A line through points, width units wide, with round ends and joints."""

    points: tuple[tuple[float, float], ...]
    width: float
    colour: str


Shape = Box | Stroke

BAR = 2.4  # the width of a bar


def _bent_bar(x: float, bend: float) -> Stroke:
    """A bar from rail to rail at x, bent sideways by `bend` units in its middle."""
    middle = [(x + bend * math.sin(math.pi * i / 8), 10 + 12 * i / 8) for i in range(9)]
    return Stroke(((x, 6.5), *middle, (x, 25.5)), BAR, PAPER)


def _bird(x: float, y: float, span: float, width: float) -> Stroke:
    """A bird seen from afar: two wings curving up and out from a body at (x, y), span units
    wide (each wing a quadratic curve, its bend near the body)."""
    half = span / 2

    def wing(side: int) -> list[tuple[float, float]]:
        tip, bend = (x + side * half, y + 0.05 * half), (x + side * 0.4 * half, y - 0.8 * half)
        steps = [i / 6 for i in range(7)]
        return [
            (
                (1 - t) ** 2 * tip[0] + 2 * t * (1 - t) * bend[0] + t * t * x,
                (1 - t) ** 2 * tip[1] + 2 * t * (1 - t) * bend[1] + t * t * y,
            )
            for t in steps
        ]

    return Stroke((*wing(-1), *reversed(wing(1)[:-1])), width, PAPER)


# The mark: a red tile; two rails and four bars, the middle two bent apart as by hands that
# forced them open; a bird flies out through the opening.
MARK: tuple[Shape, ...] = (
    Box(0, 0, 32, 32, ACCENT, r=7),
    Box(4, 4.5, 28, 7, PAPER, r=1.25),
    Box(4, 25, 28, 27.5, PAPER, r=1.25),
    Box(5.6, 7, 5.6 + BAR, 25, PAPER),
    Box(26.4 - BAR, 7, 26.4, 25, PAPER),
    _bent_bar(12.4, -2.6),
    _bent_bar(19.6, 2.6),
    _bird(16, 16.4, 6.4, 1.3),
)
# More birds, already out: too small to see in a favicon, so drawn on the share image only.
BIRDS: tuple[Shape, ...] = (
    _bird(30.5, 11.5, 3.6, 0.7),
    _bird(34.5, 8, 2.6, 0.55),
)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Box):
        corner = f' rx="{shape.r:g}"' if shape.r else ""
        return (
            f'<rect x="{shape.x0:g}" y="{shape.y0:g}" width="{shape.x1 - shape.x0:g}" '
            f'height="{shape.y1 - shape.y0:g}"{corner} fill="{shape.colour}"/>'
        )
    points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
    return (
        f'<polyline points="{points}" fill="none" stroke="{shape.colour}" '
        f'stroke-width="{shape.width:g}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


@cache
def mark_svg() -> bytes:
    """The mark as an SVG document (the favicon that browsers draw at any size)."""
    shapes = "".join(_svg_shape(shape) for shape in MARK)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">'
        f"{shapes}</svg>\n"
    ).encode()


def _draw(
    draw: ImageDraw.ImageDraw, shapes: tuple[Shape, ...], scale: float, x: float, y: float
) -> None:
    """Draw shapes, each grid unit `scale` pixels, with the grid's origin at (x, y)."""

    def at(px: float, py: float) -> tuple[float, float]:
        return x + px * scale, y + py * scale

    for shape in shapes:
        if isinstance(shape, Box):
            box = (*at(shape.x0, shape.y0), *at(shape.x1, shape.y1))
            draw.rounded_rectangle(box, radius=shape.r * scale, fill=shape.colour)
            continue
        points = [at(px, py) for px, py in shape.points]
        width = shape.width * scale
        draw.line(points, fill=shape.colour, width=round(width), joint="curve")
        for cx, cy in (points[0], points[-1]):  # round ends
            draw.ellipse(
                (cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2), fill=shape.colour
            )


def _picture(
    size: tuple[int, int], background: str | None, shapes: tuple[Shape, ...], scale: float
) -> Image.Image:
    """shapes centred on a picture of this size, drawn large and scaled down smoothly."""
    width, height = size[0] * OVERSAMPLE, size[1] * OVERSAMPLE
    image = Image.new("RGBA", (width, height), background or (163, 18, 27, 0))
    scale *= OVERSAMPLE
    left, top = (width - GRID * scale) / 2, (height - GRID * scale) / 2
    _draw(ImageDraw.Draw(image), shapes, scale, left, top)
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


@cache
def favicon_ico() -> bytes:
    """/favicon.ico, which browsers ask for whatever the page links: the mark at 16 to 48 px."""
    largest = ICO_SIZES[-1][0]
    image = _picture((largest, largest), None, MARK, largest / GRID)
    return _encode(image, "ICO", sizes=ICO_SIZES)


@cache
def share_png() -> bytes:
    """The picture that link previews show: the mark's bars and birds, white on the campaign's
    red, 1200 x 630 px."""
    width, height = SHARE_SIZE
    foreground = tuple(shape for shape in MARK[1:] + BIRDS)  # the tile is the whole picture
    image = _picture(SHARE_SIZE, ACCENT, foreground, height * 0.9 / GRID)
    # A dark band along the foot, as the site's header has a red one.
    band = Image.new("RGBA", (width, height // 40), INK)
    image.paste(band, (0, height - band.height))
    return _encode(image.convert("RGB"), "PNG", optimize=True)
