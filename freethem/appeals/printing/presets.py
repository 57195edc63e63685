"""Page sizes of the newspaper ad and the delivery pack, in PostScript points (1/72 inch)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

POINTS_PER_MM = 72 / 25.4
# A custom size, each side in millimetres: from a small flyer to a large poster.
CUSTOM_MIN_MM = 70
CUSTOM_MAX_MM = 1500
CUSTOM = "custom"


@dataclass(frozen=True)
class PageSize:
    key: str
    label: Promise | str
    width: float  # points
    height: float

    @property
    def width_mm(self) -> float:
        return self.width / POINTS_PER_MM

    @property
    def height_mm(self) -> float:
        return self.height / POINTS_PER_MM


def _mm(key: str, label: Promise, width: float, height: float) -> PageSize:
    return PageSize(key, label, width * POINTS_PER_MM, height * POINTS_PER_MM)


PRESETS = {
    size.key: size
    for size in (
        _mm("broadsheet", _("Broadsheet newspaper page (597 × 749 mm)"), 597, 749),
        _mm("tabloid", _("Tabloid newspaper page (280 × 430 mm)"), 280, 430),
        _mm("magazine", _("Magazine back cover (213 × 276 mm)"), 213, 276),
        _mm("a4", _("A4 (210 × 297 mm)"), 210, 297),
        PageSize("letter", _("US letter (8.5 × 11 in)"), 612, 792),
        _mm("a3", _("A3 poster (297 × 420 mm)"), 297, 420),
        _mm("a2", _("A2 poster (420 × 594 mm)"), 420, 594),
        _mm("a1", _("A1 poster (594 × 841 mm)"), 594, 841),
        _mm("a0", _("A0 poster (841 × 1189 mm)"), 841, 1189),
    )
}
PRESET_CHOICES = [(size.key, size.label) for size in PRESETS.values()] + [
    (CUSTOM, _("Custom size (width × height in mm)"))
]


def page_size(
    preset: str, width_mm: float | None = None, height_mm: float | None = None
) -> PageSize:
    """The preset's size, or the custom one (bounded: ValueError outside the bounds)."""
    if preset in PRESETS:
        return PRESETS[preset]
    if preset != CUSTOM or width_mm is None or height_mm is None:
        raise ValueError(f"unknown page size {preset!r}")
    for side in (width_mm, height_mm):
        if not CUSTOM_MIN_MM <= side <= CUSTOM_MAX_MM:
            raise ValueError(f"a side of {side} mm is outside {CUSTOM_MIN_MM}-{CUSTOM_MAX_MM} mm")
    return _mm(CUSTOM, _("Custom size"), width_mm, height_mm)
