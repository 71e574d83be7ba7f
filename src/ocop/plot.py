"""Charts of the programme: stars per unit, a plan's progress, a council's spread, a map.

Each function returns a ``matplotlib.figure.Figure`` made without pyplot (no global state, no
window): show it in a notebook, or save it with ``figure.savefig("stars.png")``. Labels are in
Vietnamese by default, in English with ``lang="en"``.

* :func:`star_distribution`: how many products of each star per unit (commune, district or
  province, in either era), from the rows of :func:`ocop.report.rows`;
* :func:`plan_progress`: a plan's products reaching its targets' steps over time, against the
  targets;
* :func:`council_spread`: each member's total per product, with the mean and the star floors;
* :func:`product_map`: products placed at their communes' centre points (read through
  :func:`unit_centre`).

Needs matplotlib: ``pip install 'ocop[plot]'``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from ocop.errors import Lang
from ocop.places import Point
from ocop.tables import missing_extra

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "LEVELS",
    "VIETNAM_BOUNDS",
    "council_spread",
    "plan_progress",
    "product_map",
    "star_distribution",
    "unit_centre",
]

LEVELS: Final[dict[str, tuple[str, str, str]]] = {
    "province": ("province", "Tỉnh, thành phố", "Province"),
    "commune": ("commune", "Xã, phường", "Commune"),
    "legacy_province": (
        "legacy_province",
        "Tỉnh (trước 1/7/2025)",
        "Province (before 1 July 2025)",
    ),
    "district": ("district", "Huyện (trước 1/7/2025)", "District (before 1 July 2025)"),
    "legacy_commune": (
        "legacy_commune",
        "Xã (trước 1/7/2025)",
        "Commune (before 1 July 2025)",
    ),
}
"""The units a star distribution may be drawn by: the column of :func:`ocop.report.rows` each
reads, and its label."""

VIETNAM_BOUNDS: Final = (8.0, 23.6, 102.0, 110.0)
"""The map's frame: latitude from 8.0 to 23.6 °N, longitude from 102.0 to 110.0 °E (the
mainland and the near islands; the Hoàng Sa and Trường Sa archipelagos lie outside)."""

_STAR_COLOURS: Final = {
    1: "#bdbdbd",
    2: "#9e9e9e",
    3: "#f4c542",
    4: "#f08c2e",
    5: "#d1495b",
    None: "#607d8b",
}


def _require() -> None:
    """Fail with the extra's name when matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise missing_extra("matplotlib", "plot") from None


def _figure(**options: Any) -> Figure:
    from matplotlib.figure import Figure

    return Figure(**options)


def _t(lang: Lang, vi: str, en: str) -> str:
    return en if lang == "en" else vi


# -- stars per unit ----------------------------------------------------------------------------


def star_distribution(
    rows: Iterable[Mapping[str, Any]],
    *,
    by: str = "province",
    lang: Lang = "vi",
    top: int | None = None,
) -> Figure:
    """Products per star in each unit, as stacked horizontal bars.

    Args:
        rows: product rows, as :func:`ocop.report.rows` makes them (the ``star`` column and the
            unit's column are read); products without a star are left out.
        by: the unit: ``"province"`` or ``"commune"`` (present units), ``"legacy_province"``,
            ``"district"`` or ``"legacy_commune"`` (units before 1 July 2025); see
            :data:`LEVELS`.
        lang: ``"vi"`` or ``"en"``.
        top: only the units with the most products, this many.

    Returns:
        A figure with one axes; its bar containers are the stars, lowest first, each bar a
        unit (units with the most products at the top).
    """
    _require()
    if by not in LEVELS:
        raise ValueError(f"by must be one of {', '.join(LEVELS)}, not {by!r}")
    column, label_vi, label_en = LEVELS[by]
    counts: dict[str, dict[int, int]] = {}
    unknown = _t(lang, "Không xác định", "Unknown")
    for row in rows:
        star = row.get("star")
        if star is None:
            continue
        unit = row.get(column) or unknown
        per_star = counts.setdefault(str(unit), {})
        per_star[int(star)] = per_star.get(int(star), 0) + 1
    units = sorted(counts, key=lambda unit: (-sum(counts[unit].values()), unit))
    if top is not None:
        units = units[:top]
    units.reverse()
    stars = sorted({star for per_star in counts.values() for star in per_star})
    figure = _figure(figsize=(8, 1.2 + 0.35 * max(len(units), 1)), layout="constrained")
    from matplotlib.ticker import MaxNLocator

    axes = figure.add_subplot()
    left = [0] * len(units)
    for star in stars:
        widths = [counts[unit].get(star, 0) for unit in units]
        axes.barh(
            units, widths, left=left, color=_STAR_COLOURS.get(star, "#888888"), label=f"{star}★"
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_xlabel(_t(lang, "Số sản phẩm", "Products"))
    axes.set_ylabel(_t(lang, label_vi, label_en))
    axes.set_title(_t(lang, "Sản phẩm OCOP theo hạng sao", "OCOP products by star"))
    if stars:
        axes.legend(title=_t(lang, "Hạng sao", "Star"), loc="lower right")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


# -- a plan's progress -------------------------------------------------------------------------


def _month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    days = []
    year, month = start.year, start.month
    while True:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        last = following - dt.timedelta(days=1)
        days.append(min(last, end))
        if last >= end:
            return days
        year, month = following.year, following.month


def plan_progress(
    plan: Any,
    records: Iterable[Any],
    *,
    days: Sequence[dt.date] | None = None,
    subjects: Iterable[Any] = (),
    lang: Lang = "vi",
) -> Figure:
    """A plan's progress over time: for each step, the products counted toward its targets.

    The left axes draws, on each day, the sum over the plan's targets of the products counted
    for the target's own step (its metric), against the sum of the targets' minimums (a dashed
    line). The right axes draws each target on the last day: achieved against planned.

    Args:
        plan: the :class:`~ocop.Plan`.
        records: the products' :class:`~ocop.ProductRecord` objects.
        days: the days to read progress on; by default the last day of each month of the plan's
            period.
        subjects: the subjects, to place products without a place.
        lang: ``"vi"`` or ``"en"``.
    """
    _require()
    from matplotlib.ticker import MaxNLocator

    from ocop.plan import progress

    known = tuple(records)
    owners = tuple(subjects)
    chosen = list(days) if days is not None else _month_ends(plan.period.start, plan.period.end)
    series = [progress(plan, known, on=day, subjects=owners) for day in chosen]
    achieved = [sum(item.achieved for item in done.targets) for done in series]
    planned = sum(target.minimum for target in plan.targets)
    figure = _figure(figsize=(11, 4.5), layout="constrained")
    over_time, per_target = figure.subplots(1, 2, width_ratios=(3, 2))
    over_time.plot(chosen, achieved, marker="o", label=_t(lang, "Đạt", "Achieved"))
    over_time.axhline(
        planned, linestyle="--", color="#d1495b", label=_t(lang, "Chỉ tiêu", "Target")
    )
    over_time.set_ylim(bottom=0)
    over_time.set_ylabel(_t(lang, "Số sản phẩm", "Products"))
    over_time.set_title(
        _t(lang, f"Kế hoạch {plan.number}: tiến độ", f"Plan {plan.number}: progress")
    )
    over_time.legend(loc="upper left")
    figure.autofmt_xdate()
    last = series[-1] if series else None
    names = [plan.unit_name(item.target) for item in last.targets] if last else []
    positions = list(range(len(names)))
    if last is not None:
        per_target.barh(
            [p + 0.2 for p in positions],
            [item.planned for item in last.targets],
            height=0.4,
            color="#cccccc",
            label=_t(lang, "Chỉ tiêu", "Target"),
        )
        per_target.barh(
            [p - 0.2 for p in positions],
            [item.achieved for item in last.targets],
            height=0.4,
            color="#2e86ab",
            label=_t(lang, "Đạt", "Achieved"),
        )
        per_target.set_yticks(positions, names)
        per_target.xaxis.set_major_locator(MaxNLocator(integer=True))
        per_target.invert_yaxis()
        per_target.legend(loc="lower right")
        per_target.set_title(
            _t(lang, f"Đến ngày {last.on.format('DD/MM/YYYY')}", f"On {last.on.isoformat()}")
        )
    return figure


# -- a council's spread ------------------------------------------------------------------------

_FLOORS: Final = (30, 50, 70, 90)
"""The lowest score of 2★, 3★, 4★ and 5★ (QĐ 26/2026/QĐ-TTg Art. 3.3; the same bands in
every decision)."""


def council_spread(
    results: Iterable[Any],
    *,
    names: Mapping[str, str] | None = None,
    lang: Lang = "vi",
) -> Figure:
    """Each member's total per product, the council's mean, and the star floors.

    Args:
        results: :class:`~ocop.CouncilResult` objects, one per product.
        names: product names by id, for the labels (else the ids).
        lang: ``"vi"`` or ``"en"``.

    Returns:
        A figure whose axes holds, per product in the order given, one point per member (the
        first collection) and the mean (the second).
    """
    _require()
    items = list(results)
    labels = [(names or {}).get(result.product, result.product) for result in items]
    figure = _figure(figsize=(8, 1.5 + 0.5 * max(len(items), 1)), layout="constrained")
    axes = figure.add_subplot()
    xs: list[float] = []
    ys: list[float] = []
    for position, result in enumerate(items):
        for card in result.cards:
            xs.append(card.total)
            ys.append(position)
    axes.scatter(xs, ys, color="#2e86ab", alpha=0.7, label=_t(lang, "Thành viên", "Member"))
    axes.scatter(
        [float(result.score) for result in items],
        list(range(len(items))),
        marker="D",
        color="#d1495b",
        label=_t(lang, "Điểm trung bình", "Mean"),
    )
    for floor, star in zip(_FLOORS, range(2, 6), strict=True):
        axes.axvline(floor, color="#999999", linewidth=0.8, linestyle=":")
        axes.text(floor + 0.5, -0.6, f"{star}★", fontsize=8, color="#666666")
    axes.set_yticks(list(range(len(items))), labels)
    axes.set_ylim(len(items) - 0.5, -0.8)
    axes.set_xlim(0, 100)
    axes.set_xlabel(_t(lang, "Tổng điểm", "Total score"))
    axes.set_title(_t(lang, "Điểm của từng thành viên hội đồng", "Each council member's total"))
    axes.legend(loc="lower left")
    return figure


# -- a map ---------------------------------------------------------------------------------


def unit_centre(unit: Any) -> tuple[float, float] | None:
    """The centre point of an administrative unit as ``(latitude, longitude)``, if it has one.

    This is the one place the map reads coordinates from. Present provinces and communes carry
    their centre as a :class:`~ocop.places.Point` (``centre``); legacy units have none. Units
    of another source may give ``centre`` as a ``(lat, lon)`` pair or an object with
    ``lat``/``lon`` or ``latitude``/``longitude``, or carry those attributes themselves;
    ``None`` when the unit has none of them.

    >>> from ocop import places
    >>> unit_centre(places.province(91))
    (10.1791, 105.096)
    >>> unit_centre(places.district(883)) is None
    True
    """
    centre = getattr(unit, "centre", None)
    if isinstance(centre, Point):
        return centre.lat, centre.lon
    if centre is not None:
        if isinstance(centre, tuple | list) and len(centre) == 2:
            return float(centre[0]), float(centre[1])
        unit = centre
    for lat_name, lon_name in (("lat", "lon"), ("latitude", "longitude")):
        lat = getattr(unit, lat_name, None)
        lon = getattr(unit, lon_name, None)
        if lat is not None and lon is not None:
            return float(lat), float(lon)
    return None


Centre = Callable[[Any], "tuple[float, float] | None"]


def _centres(centre: Centre | Mapping[str, tuple[float, float]] | None) -> Centre:
    if centre is None:
        return unit_centre
    if isinstance(centre, Mapping):
        table = centre

        def by_code(unit: Any) -> tuple[float, float] | None:
            found = table.get(unit.code)
            return None if found is None else (float(found[0]), float(found[1]))

        return by_code
    return centre


def _position(
    product: Any, owners: Mapping[str, Any], centre: Centre
) -> tuple[float, float] | None:
    place = product.place
    if place is None:
        owner = owners.get(product.subject_id)
        place = None if owner is None else owner.address
    if place is None:
        return None
    points = [point for unit in place.present() if (point := centre(unit)) is not None]
    if not points:
        return None
    # A legacy district spread over several present communes sits at their mean.
    return (
        sum(point[0] for point in points) / len(points),
        sum(point[1] for point in points) / len(points),
    )


def product_map(
    products: Iterable[Any],
    *,
    stars: Mapping[str, int] | None = None,
    centre: Centre | Mapping[str, tuple[float, float]] | None = None,
    subjects: Iterable[Any] = (),
    lang: Lang = "vi",
    bounds: tuple[float, float, float, float] | None = VIETNAM_BOUNDS,
) -> Figure:
    """Products on a map of Vietnam, each at the centre point of its commune.

    A product is placed through its place (or its subject's address) read in present units
    (:meth:`~ocop.Address.present`); a legacy district that became several communes is drawn
    at their mean. Products with no place or no known centre are counted in the title.

    Args:
        products: the products.
        stars: each product's star by id, for the colours (else one colour).
        centre: how to find a unit's ``(lat, lon)``: a function of the present
            :class:`~ocop.places.Commune`, or a mapping by commune code; by default
            :func:`unit_centre`.
        subjects: the subjects, to place products without a place of their own.
        lang: ``"vi"`` or ``"en"``.
        bounds: the frame ``(south, north, west, east)``, or ``None`` to fit the points.

    Returns:
        A figure whose axes holds one collection per star (lowest first), points as
        ``(longitude, latitude)``.
    """
    _require()
    read = _centres(centre)
    owners = {subject.id: subject for subject in subjects}
    placed: dict[int | None, list[tuple[float, float]]] = {}
    missing = 0
    for product in products:
        point = _position(product, owners, read)
        if point is None:
            missing += 1
            continue
        star = None if stars is None else stars.get(product.id)
        placed.setdefault(star, []).append(point)
    figure = _figure(figsize=(5, 8), layout="constrained")
    axes = figure.add_subplot()
    for star in sorted(placed, key=lambda key: -1 if key is None else key):
        points = placed[star]
        label = f"{star}★" if star is not None else _t(lang, "Sản phẩm", "Products")
        axes.scatter(
            [lon for _, lon in points],
            [lat for lat, _ in points],
            color=_STAR_COLOURS.get(star, "#888888"),
            edgecolor="#333333",
            s=40,
            label=label,
            zorder=3,
        )
    if bounds is not None:
        south, north, west, east = bounds
        axes.set_ylim(south, north)
        axes.set_xlim(west, east)
    middle = math.radians(sum(axes.get_ylim()) / 2)
    axes.set_aspect(1 / math.cos(middle))
    axes.grid(True, linewidth=0.3)
    axes.set_xlabel(_t(lang, "Kinh độ (°E)", "Longitude (°E)"))
    axes.set_ylabel(_t(lang, "Vĩ độ (°N)", "Latitude (°N)"))
    title = _t(lang, "Sản phẩm OCOP", "OCOP products")
    if missing:
        title += _t(lang, f" ({missing} chưa có toạ độ)", f" ({missing} without a position)")
    axes.set_title(title)
    if placed:
        axes.legend(loc="lower left")
    return figure
