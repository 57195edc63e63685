"""The charts' geometry (freethem.appeals.charts): bars in proportion, mirrored on
right-to-left pages; the count line over time, with nothing, one or many snapshots."""

import datetime

from freethem.appeals import charts

UTC = datetime.UTC


def hour(day: int, h: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, h, tzinfo=UTC)


def test_it_draws_no_bars_without_a_count() -> None:
    assert charts.country_bars({}) is None
    assert charts.country_bars({"DE": 0}) is None


def test_it_draws_bars_in_proportion_largest_first() -> None:
    chart = charts.country_bars({"FR": 25, "DE": 100, "IR": 50}, names={"DE": "Germany"})
    assert chart is not None
    assert [bar.code for bar in chart.bars] == ["DE", "IR", "FR"]
    widths = [bar.width for bar in chart.bars]
    assert widths[1] == widths[0] / 2
    assert widths[2] == widths[0] / 4
    assert chart.bars[0].name == "Germany"
    assert chart.bars[1].name == "IR"  # no name given: the code
    assert [round(bar.share, 4) for bar in chart.bars] == [0.5714, 0.2857, 0.1429]
    assert chart.total == 175
    assert chart.height == 3 * charts.BAR_ROW + 4


def test_it_keeps_the_top_countries_and_a_visible_bar_for_one_signature() -> None:
    counts = {f"C{n}": 1000 - n for n in range(20)} | {"ZZ": 1}
    chart = charts.country_bars(counts, top=10)
    assert chart is not None
    assert len(chart.bars) == 10
    assert chart.total == sum(counts.values())
    tiny = charts.country_bars({"DE": 100_000, "FR": 1})
    assert tiny is not None
    assert tiny.bars[1].width >= 1


def test_it_mirrors_the_bars_right_to_left() -> None:
    counts = {"DE": 100, "FR": 30}
    ltr, rtl = charts.country_bars(counts), charts.country_bars(counts, rtl=True)
    assert ltr is not None and rtl is not None
    assert rtl.direction == "rtl"
    for left, right in zip(ltr.bars, rtl.bars, strict=True):
        assert right.width == left.width
        assert round(right.x + right.width, 2) == round(charts.BARS_WIDTH - left.x, 2)
        assert right.label_x == charts.BARS_WIDTH - left.label_x
        assert right.count_x == round(charts.BARS_WIDTH - left.count_x, 2)


def test_it_draws_no_line_without_a_snapshot() -> None:
    assert charts.history_line([]) is None


def test_it_draws_a_dot_for_a_single_snapshot() -> None:
    chart = charts.history_line([(hour(1, 5), 12)])
    assert chart is not None
    assert len(chart.dots) == 1
    x, y = chart.dots[0]
    assert x == chart.middle_x
    assert chart.top <= y < chart.bottom
    assert chart.latest == 12
    assert [tick.value for tick in chart.x_ticks] == [hour(1, 5)]


def test_it_runs_the_line_through_time_with_count_and_day_ticks() -> None:
    points = [(hour(1) + datetime.timedelta(hours=h), h * 10) for h in range(72)]
    chart = charts.history_line(points)
    assert chart is not None
    coordinates = [tuple(map(float, pair.split(","))) for pair in chart.line.split()]
    assert coordinates[0] == (chart.left, chart.bottom)  # 0 signatures at the start
    assert coordinates[-1][0] == chart.right
    assert [x for x, _y in coordinates] == sorted(x for x, _y in coordinates)
    assert [y for _x, y in coordinates] == sorted((y for _x, y in coordinates), reverse=True)
    assert chart.dots == []
    assert [tick.value for tick in chart.y_ticks] == [0, 200, 400, 600, 800]
    assert [tick.value for tick in chart.x_ticks] == [hour(1), hour(2), hour(3)]
    assert chart.area.startswith(f"M{chart.left:g},{chart.bottom:g}")
    assert chart.area.endswith("Z")


def test_it_runs_time_right_to_left_with_the_count_axis_on_the_right() -> None:
    points = [(hour(1), 0), (hour(2), 5), (hour(3), 9)]
    ltr, rtl = charts.history_line(points), charts.history_line(points, rtl=True)
    assert ltr is not None and rtl is not None
    assert rtl.axis_x == rtl.right > ltr.axis_x == ltr.left
    first_x = float(rtl.line.split()[0].split(",")[0])
    last_x = float(rtl.line.split()[-1].split(",")[0])
    assert first_x == rtl.right and last_x == rtl.left
    assert rtl.y_label_x > rtl.axis_x  # the counts stand outside the plot, on the right


def test_it_thins_a_long_history_keeping_the_first_and_last() -> None:
    points = [(hour(1) + datetime.timedelta(hours=h), h) for h in range(5000)]
    kept = charts.thinned(points)
    assert len(kept) <= charts.MAX_POINTS
    assert kept[0] == points[0] and kept[-1] == points[-1]
    chart = charts.history_line(points)
    assert chart is not None
    assert len(chart.line.split()) <= charts.MAX_POINTS
    assert chart.latest == 4999
    assert len(chart.x_ticks) <= charts.MAX_X_TICKS + 1
