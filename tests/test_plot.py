"""Charts, drawn on the Agg backend, their data checked: An Giang's round 1 of 2020."""

import datetime as dt

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure

from an_giang_round import an_giang
from ocop import plot
from ocop.calendar import date
from ocop.report import rows


def drawn(figure, tmp_path, name):
    path = tmp_path / f"{name}.png"
    figure.savefig(path)
    assert path.stat().st_size > 5_000
    return figure


def season_rows():
    round_ = an_giang()
    return rows(
        round_.products,
        on=date(2020, 12, 31),
        subjects=round_.subjects.values(),
        records=round_.records,
        certificates=round_.province.certificates,
    )


def test_the_stars_of_an_giang_per_legacy_district_are_stacked_bars(tmp_path):
    figure = drawn(plot.star_distribution(season_rows(), by="district"), tmp_path, "stars")
    assert isinstance(figure, Figure)
    (axes,) = figure.axes
    units = [label.get_text() for label in axes.get_yticklabels()]
    assert sorted(units) == sorted(
        [
            "Huyện Thoại Sơn",
            "Huyện Tri Tôn",
            "Thành phố Long Xuyên",
            "Huyện Châu Thành",
            "Thành phố Châu Đốc",
            "Thị xã Tân Châu",
        ]
    )
    three, four = axes.containers
    counts = {
        unit: (int(a.get_width()), int(b.get_width()))
        for unit, a, b in zip(units, three, four, strict=True)
    }
    assert counts["Huyện Thoại Sơn"] == (0, 1)
    assert counts["Thành phố Long Xuyên"] == (1, 0)
    assert sum(three_ + four_ for three_, four_ in counts.values()) == 6
    assert axes.get_xlabel() == "Số sản phẩm"


def test_the_stars_per_present_province_are_labelled_in_english(tmp_path):
    figure = drawn(
        plot.star_distribution(season_rows(), by="province", lang="en"), tmp_path, "stars-en"
    )
    (axes,) = figure.axes
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Tỉnh An Giang"]
    assert [int(bar.get_width()) for container in axes.containers for bar in container] == [4, 2]
    assert axes.get_title() == "OCOP products by star"


def test_an_unknown_unit_level_is_refused():
    with pytest.raises(ValueError, match="district"):
        plot.star_distribution([], by="huyen")


def test_the_plan_progress_counts_the_proposed_products_each_month(tmp_path):
    round_ = an_giang()
    days = [dt.date(2020, 1, 31), dt.date(2020, 2, 29), dt.date(2020, 12, 31)]
    figure = drawn(
        plot.plan_progress(
            round_.plan, round_.records, days=days, subjects=round_.subjects.values()
        ),
        tmp_path,
        "progress",
    )
    over_time, per_target = figure.axes
    achieved, target = over_time.get_lines()
    assert list(achieved.get_ydata()) == [0, 6, 6]
    assert target.get_ydata()[0] == 3 * 11  # each of 11 units at least 3 products
    planned, reached = per_target.containers
    assert [int(bar.get_width()) for bar in planned] == [3] * 11
    assert sum(int(bar.get_width()) for bar in reached) == 6


def test_the_plan_progress_reads_every_month_end_by_default():
    round_ = an_giang()
    figure = plot.plan_progress(
        round_.plan, round_.records, subjects=round_.subjects.values(), lang="en"
    )
    achieved, _ = figure.axes[0].get_lines()
    assert len(achieved.get_xdata()) == 12


def test_the_council_spread_shows_every_members_total_and_the_mean(tmp_path):
    round_ = an_giang()
    councils = [council for council, _ in round_.results]
    names = {product.id: product.name for product in round_.products}
    figure = drawn(plot.council_spread(councils, names=names), tmp_path, "spread")
    (axes,) = figure.axes
    members, means = axes.collections
    totals = [card.total for council in councils for card in council.cards]
    assert [float(x) for x, _ in members.get_offsets()] == totals
    assert [float(x) for x, _ in means.get_offsets()] == [float(c.score) for c in councils]
    assert [label.get_text() for label in axes.get_yticklabels()][2] == "Trà xạ đen"


def test_products_sit_at_the_centre_points_passed_in(tmp_path):
    round_ = an_giang()
    palmania = next(p for p in round_.products if p.id == "duong-thot-not-set-palmania")
    anas = next(p for p in round_.products if p.id == "lap-xuong-bo")
    tri_ton = palmania.place.present()[0].code
    chau_phong = anas.place.present()[0].code
    centres = {tri_ton: (10.42, 105.01), chau_phong: (10.69, 105.21)}
    stars = {palmania.id: 4, anas.id: 3}
    figure = drawn(plot.product_map(round_.products, stars=stars, centre=centres), tmp_path, "map")
    (axes,) = figure.axes
    three, four = axes.collections
    assert [tuple(map(float, point)) for point in three.get_offsets()] == [(105.21, 10.69)]
    assert [tuple(map(float, point)) for point in four.get_offsets()] == [(105.01, 10.42)]
    assert "4 chưa có toạ độ" in axes.get_title()
    assert axes.get_ylim() == plot.VIETNAM_BOUNDS[:2]


def test_a_district_wide_place_sits_at_the_mean_of_its_communes_centres():
    round_ = an_giang()
    tea = next(p for p in round_.products if p.id == "tra-xa-den")
    units = tea.place.present()
    assert len(units) > 1

    def centre(unit):
        return (10.0 + units.index(unit), 105.0)

    figure = plot.product_map([tea], centre=centre, bounds=None)
    (points,) = figure.axes[0].collections
    ((_lon, lat),) = points.get_offsets()
    assert float(lat) == pytest.approx(10.0 + (len(units) - 1) / 2)


def test_the_centre_accessor_reads_the_unit_s_own_coordinates():
    class Unit:
        centre = (10.5, 105.5)

    class Point:
        latitude, longitude = 21.0, 105.8

    class Holder:
        centre = Point()

    assert plot.unit_centre(Unit()) == (10.5, 105.5)
    assert plot.unit_centre(Holder()) == (21.0, 105.8)
