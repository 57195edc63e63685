"""Protests per province as a tile map: Iran's 31 provinces as equal squares on a grid that
keeps each roughly where it lies (north up, west left, in both languages: geography does not
mirror), each labelled with its short name and count and shaded by count, with a legend.

Equal tiles let a small province with many protests (Qom, Alborz) show as plainly as a large
one, which a map of areas would hide.
"""

import math
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from freethem.core.templatetags.freethem import grouped
from freethem.protests.vocab import Province

TILE, GAP, PAD = 64, 4, 8  # a tile's side, the gap between tiles, the space around the grid
COLUMNS, ROWS = 7, 5
LEGEND_HEIGHT = 44
# Light to dark; "none" is a province without protests.
SHADES = ("#fbe3e1", "#f3a9a3", "#e0655d", "#b8232a", "#7a0d13")
NONE_SHADE = "#eeeeee"
DARK_FROM = 2  # tiles from this shade on take white text

# (column, row) of each province: row 0 along the Caspian, row 4 along the Gulf.
GRID: dict[str, tuple[int, int]] = {
    Province.WEST_AZERBAIJAN: (0, 0),
    Province.EAST_AZERBAIJAN: (1, 0),
    Province.ARDABIL: (2, 0),
    Province.GILAN: (3, 0),
    Province.MAZANDARAN: (4, 0),
    Province.GOLESTAN: (5, 0),
    Province.NORTH_KHORASAN: (6, 0),
    Province.KURDISTAN: (0, 1),
    Province.ZANJAN: (1, 1),
    Province.QAZVIN: (2, 1),
    Province.ALBORZ: (3, 1),
    Province.TEHRAN: (4, 1),
    Province.SEMNAN: (5, 1),
    Province.RAZAVI_KHORASAN: (6, 1),
    Province.KERMANSHAH: (0, 2),
    Province.HAMADAN: (1, 2),
    Province.MARKAZI: (2, 2),
    Province.QOM: (3, 2),
    Province.ISFAHAN: (4, 2),
    Province.YAZD: (5, 2),
    Province.SOUTH_KHORASAN: (6, 2),
    Province.ILAM: (0, 3),
    Province.LORESTAN: (1, 3),
    Province.CHAHARMAHAL: (2, 3),
    Province.KOHGILUYEH: (3, 3),
    Province.FARS: (4, 3),
    Province.KERMAN: (5, 3),
    Province.SISTAN_BALUCHESTAN: (6, 3),
    Province.KHUZESTAN: (1, 4),
    Province.BUSHEHR: (3, 4),
    Province.HORMOZGAN: (5, 4),
}

# Names short enough for a tile; the full name is the tile's title.
SHORT: dict[str, Promise] = {
    Province.WEST_AZERBAIJAN: pgettext_lazy("province on a tile", "W. Azerb."),
    Province.EAST_AZERBAIJAN: pgettext_lazy("province on a tile", "E. Azerb."),
    Province.ARDABIL: pgettext_lazy("province on a tile", "Ardabil"),
    Province.GILAN: pgettext_lazy("province on a tile", "Gilan"),
    Province.MAZANDARAN: pgettext_lazy("province on a tile", "Mazand."),
    Province.GOLESTAN: pgettext_lazy("province on a tile", "Golestan"),
    Province.NORTH_KHORASAN: pgettext_lazy("province on a tile", "N. Khor."),
    Province.KURDISTAN: pgettext_lazy("province on a tile", "Kurdistan"),
    Province.ZANJAN: pgettext_lazy("province on a tile", "Zanjan"),
    Province.QAZVIN: pgettext_lazy("province on a tile", "Qazvin"),
    Province.ALBORZ: pgettext_lazy("province on a tile", "Alborz"),
    Province.TEHRAN: pgettext_lazy("province on a tile", "Tehran"),
    Province.SEMNAN: pgettext_lazy("province on a tile", "Semnan"),
    Province.RAZAVI_KHORASAN: pgettext_lazy("province on a tile", "Razavi Kh."),
    Province.KERMANSHAH: pgettext_lazy("province on a tile", "Kermansh."),
    Province.HAMADAN: pgettext_lazy("province on a tile", "Hamadan"),
    Province.MARKAZI: pgettext_lazy("province on a tile", "Markazi"),
    Province.QOM: pgettext_lazy("province on a tile", "Qom"),
    Province.ISFAHAN: pgettext_lazy("province on a tile", "Isfahan"),
    Province.YAZD: pgettext_lazy("province on a tile", "Yazd"),
    Province.SOUTH_KHORASAN: pgettext_lazy("province on a tile", "S. Khor."),
    Province.ILAM: pgettext_lazy("province on a tile", "Ilam"),
    Province.LORESTAN: pgettext_lazy("province on a tile", "Lorestan"),
    Province.CHAHARMAHAL: pgettext_lazy("province on a tile", "Chaharm."),
    Province.KOHGILUYEH: pgettext_lazy("province on a tile", "Kohgil."),
    Province.FARS: pgettext_lazy("province on a tile", "Fars"),
    Province.KERMAN: pgettext_lazy("province on a tile", "Kerman"),
    Province.SISTAN_BALUCHESTAN: pgettext_lazy("province on a tile", "Sistan B."),
    Province.KHUZESTAN: pgettext_lazy("province on a tile", "Khuzestan"),
    Province.BUSHEHR: pgettext_lazy("province on a tile", "Bushehr"),
    Province.HORMOZGAN: pgettext_lazy("province on a tile", "Hormozgan"),
}


@dataclass(frozen=True)
class Tile:
    code: str  # the province's ISO 3166-2 code, the list page's ?province=
    name: str
    short: str
    count: int
    x: int
    y: int
    fill: str
    dark: bool  # white text on it

    @property
    def middle(self) -> int:
        return self.x + TILE // 2


@dataclass(frozen=True)
class Key:
    """One shade of the legend and the counts it stands for."""

    fill: str
    label: str
    x: int


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    legend: list[Key]
    total: int
    width: int = PAD * 2 + COLUMNS * TILE + (COLUMNS - 1) * GAP
    height: int = PAD * 2 + ROWS * TILE + (ROWS - 1) * GAP + LEGEND_HEIGHT
    tile: int = TILE
    legend_y: int = PAD * 2 + ROWS * TILE + (ROWS - 1) * GAP


def _bounds(most: int) -> list[int]:
    """The upper bound of each shade: equal steps up to the largest count (fewer shades when
    the counts are small)."""
    steps = min(len(SHADES), most)
    return [math.ceil(most * (i + 1) / steps) for i in range(steps)]


def _range_label(low: int, high: int) -> str:
    return grouped(low) if low == high else f"{grouped(low)}–{grouped(high)}"


def tile_map(counts: dict[str, int], *, rtl: bool = False) -> TileMap:
    """The 31 tiles with their counts (0 where there is none) and the legend, which reads
    from the right on Persian pages (the tiles do not mirror)."""
    most = max(counts.values(), default=0)
    bounds = _bounds(most) if most else []
    shades = SHADES[len(SHADES) - len(bounds) :]
    tiles = []
    for code, (column, row) in GRID.items():
        n = counts.get(code, 0)
        level = next((i for i, bound in enumerate(bounds) if n <= bound), 0) if n else -1
        fill = shades[level] if n else NONE_SHADE
        tiles.append(
            Tile(code, str(Province(code).label), str(SHORT[code]), n,
                 PAD + column * (TILE + GAP), PAD + row * (TILE + GAP), fill,
                 n > 0 and SHADES.index(fill) >= DARK_FROM)
        )  # fmt: skip
    keys, low = [(NONE_SHADE, grouped(0))], 1
    for bound, fill in zip(bounds, shades, strict=True):
        keys.append((fill, _range_label(low, bound)))
        low = bound + 1
    last = PAD + (COLUMNS - 1) * (TILE + GAP)
    legend = [
        Key(fill, label, last - i * (TILE + GAP) if rtl else PAD + i * (TILE + GAP))
        for i, (fill, label) in enumerate(keys)
    ]
    return TileMap(tiles, legend, sum(counts.get(code, 0) for code in GRID))
