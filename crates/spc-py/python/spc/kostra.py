"""KOSTRA and SSB indicators: read SSB's files, aggregate municipalities to county, country or
KOSTRA group, compare a municipality with its references, and chart every series.

Every function takes the table as a path (any SSB StatBank CSV variant, JSON-stat 1.x/2.0,
the tidy CSV layout, xlsx/ods) or as a DataFrame in the tidy layout of :func:`read`, and
returns polars DataFrames with the columns of the matching ``spc kostra`` command.

>>> import spc
>>> t = spc.kostra.read("data/kostra/ssb_kostra_eiendom_2015.csv")  # doctest: +SKIP
>>> t.columns  # doctest: +SKIP
['region_code', 'region_type', 'region_name', 'indicator', 'period', 'value', 'numerator', 'denominator', 'status']

Missing values stay as rows with an empty ``value`` and the SSB symbol (``..``, ``:``, ...) or
this library's reason (``missing``, ``zero_denominator``, ...) in ``status``.
"""

from __future__ import annotations

import functools
import os
import reprlib
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

import polars as pl

from . import _spc
from ._args import _call as _binding_call
from ._args import _fail, _names, _number, _picture

__all__ = ["Dashboard", "Funnel", "aggregate", "charts", "compare", "dashboard", "funnel", "harmonise", "read", "zscores"]

#: What a table may be given as: a path, the bytes of a file, or a tidy DataFrame.
Source = Union[str, "os.PathLike[str]", bytes, pl.DataFrame, Any]

def _source(data: Any, role: str = "data") -> Union[str, tuple[bytes, str]]:
    """The table argument as the binding takes it: a path, or (bytes, name)."""
    if isinstance(data, (str, os.PathLike)):
        return os.fspath(data)
    if isinstance(data, (bytes, bytearray, memoryview)):
        return (bytes(data), f"<{role} bytes>")
    if type(data).__module__.startswith("pandas"):
        data = pl.from_pandas(data)
    if isinstance(data, pl.LazyFrame):
        data = data.collect()
    if isinstance(data, pl.DataFrame):
        return (data.write_csv().encode("utf-8"), f"<{role} DataFrame>")
    raise TypeError(
        f"{role} must be a path, bytes or a DataFrame in the tidy layout of spc.kostra.read(); "
        f"got {type(data).__name__}"
    )


def _groups(groups: Any) -> Union[str, list[tuple[str, int]], None]:
    """Groups as a CSV path, a {municipality: group} mapping or a two-column DataFrame."""
    if groups is None:
        return None
    if isinstance(groups, (str, os.PathLike)):
        return os.fspath(groups)
    if isinstance(groups, Mapping):
        return [(str(k), _number(v, "groups", int)) for k, v in groups.items()]
    if type(groups).__module__.startswith("pandas"):
        groups = pl.from_pandas(groups)
    if isinstance(groups, pl.DataFrame):
        code, group = groups.columns[0], groups.columns[1]
        rows = groups.select(code, group).drop_nulls().iter_rows()
        return [(str(c), _number(g, "groups", int)) for c, g in rows]
    raise TypeError(f"groups must be a CSV path, a mapping or a DataFrame; got {type(groups).__name__}")


def _warn(messages: Sequence[str]) -> None:
    for m in messages:
        warnings.warn(m, UserWarning, stacklevel=3)


def _call(binding: Any, *args: Any, **kwargs: Any) -> Any:
    """``binding(*args, **kwargs)`` through :func:`spc._args._call` (``data_type`` is ``type`` here)."""
    return _binding_call(binding, args, kwargs, {"data_type": "type"})


def read(source: Source) -> pl.DataFrame:
    """Reads an SSB/KOSTRA table into the tidy layout of ``spc kostra read``.

    Columns: ``region_code, region_type, region_name, indicator, period, value, numerator,
    denominator, status`` (one row per cell of the source; codes normalised: ``K-3001`` ->
    ``3001``, ``030100`` -> ``0301``, ``EAK`` -> ``0``). What the reader noticed (letters lost
    before the file was saved, SSB's ``K-`` series) is issued as warnings.
    """
    df, msgs = _call(_spc.kostra_read, _source(source))
    _warn(msgs)
    return df


def harmonise(
    data: Source,
    to_year: int,
    *,
    mapping: Union[str, "os.PathLike[str]", None] = None,
    rates: Optional[Sequence[str]] = None,
) -> pl.DataFrame:
    """Rebuilds every municipality series on the borders of ``to_year``.

    Renumbered codes are relabelled (``0101`` Halden -> ``3001`` -> ``3101``); merged
    municipalities get Σnumerator/Σdenominator of their predecessors (totals are summed); a
    ratio without numerator and denominator cannot be rebuilt and gets status
    ``not_harmonisable``. ``mapping``: a CSV ``old_code,new_code,valid_from,weight,...``
    instead of the built-in changes (SSB's KLASS 131, reforms 2017-2024).
    """
    df, msgs = _call(
        _spc.kostra_harmonise,
        _source(data),
        _number(to_year, "to_year", int),
        mapping=None if mapping is None else os.fspath(mapping),
        rates=_names(rates),
    )
    _warn(msgs)
    return df


def aggregate(
    data: Source,
    to: str,
    *,
    groups: Any = None,
    group_column: Optional[str] = None,
    rates: Optional[Sequence[str]] = None,
    population: Optional[Source] = None,
) -> pl.DataFrame:
    """Aggregates the municipalities to ``to`` = ``"county"``, ``"country"`` or ``"group"``.

    Ratio indicators (rows with numerator and denominator) as Σnumerator/Σdenominator, totals
    as plain sums, indicators named in ``rates`` population-weighted (``population``: a table
    with ``population_total`` per municipality and period). Columns of ``spc kostra
    aggregate``: ``region_code, region_name, indicator, period, value, numerator, denominator,
    method, n_units, n_missing``.
    """
    df, msgs = _call(
        _spc.kostra_aggregate,
        _source(data),
        to,
        groups=_groups(groups),
        group_column=group_column,
        rates=_names(rates),
        population=None if population is None else _source(population, "population"),
    )
    _warn(msgs)
    return df


def compare(
    data: Source,
    region: str,
    groups: Any,
    *,
    indicators: Optional[Sequence[str]] = None,
    group_column: Optional[str] = None,
    rates: Optional[Sequence[str]] = None,
    population: Optional[Source] = None,
) -> pl.DataFrame:
    """One municipality against its KOSTRA group, county and country, per indicator and period.

    Columns of ``spc kostra compare``: value, reference value, difference and rank within the
    KOSTRA group (1 = highest value).
    """
    df, msgs = _call(
        _spc.kostra_compare,
        _source(data),
        str(region),
        _groups(groups),
        group_column=group_column,
        indicators=_names(indicators),
        rates=_names(rates),
        population=None if population is None else _source(population, "population"),
    )
    _warn(msgs)
    return df


def zscores(
    data: Source,
    region: str,
    groups: Any,
    *,
    indicators: Optional[Sequence[str]] = None,
    reference: Optional[str] = None,
    group_column: Optional[str] = None,
) -> pl.DataFrame:
    """Each indicator's latest value of ``region`` as a z-score against the members of its
    comparison group (``reference`` = ``"group"``, ``"county"`` or ``"country"``), so a
    committee sees at a glance which indicators stand out (``spc kostra compare --zscores``).
    """
    df, msgs = _call(
        _spc.kostra_compare,
        _source(data),
        str(region),
        _groups(groups),
        group_column=group_column,
        indicators=_names(indicators),
        zscores=True,
        reference=reference,
    )
    _warn(msgs)
    return df


def _years(years: Any) -> list[tuple[int, int]]:
    """``2015``, ``(2010, 2015)``, ``range(2010, 2016)``, ``"2010-2015"`` or a list of years."""
    try:
        return _year_ranges(years)
    except (TypeError, ValueError, OverflowError):
        raise _fail(
            "years", f"expected a year, (first, last), a range, 'YYYY-YYYY' or a list of years, got {reprlib.repr(years)}"
        ) from None


def _year_ranges(years: Any) -> list[tuple[int, int]]:
    if years is None:
        return []
    if isinstance(years, int):
        return [(years, years)]
    if isinstance(years, str):
        out = []
        for part in years.split(","):
            a, _, b = part.strip().partition("-")
            out.append((int(a), int(b or a)))
        return out
    if isinstance(years, range):
        return [(years.start, years.stop - 1)] if len(years) else []
    if isinstance(years, tuple) and len(years) == 2 and all(isinstance(y, int) for y in years):
        return [(years[0], years[1])]
    return [(int(y), int(y)) for y in years]


def charts(
    data: Source,
    *,
    chart: str = "i",
    regions: Union[str, Sequence[str], None] = None,
    indicators: Union[str, Sequence[str], None] = None,
    years: Any = None,
    freeze: Optional[int] = None,
    method: Optional[str] = None,
    rules: Union[str, Sequence[str], None] = None,
    multiply: Optional[float] = None,
    summary: bool = False,
) -> pl.DataFrame:
    """One run or control chart per region x indicator over the periods (``spc kostra chart``),
    computed in parallel.

    Returns one DataFrame with ``region_code, region_name, indicator, period, status`` and the
    chart columns of :func:`spc.qic` (``cl``, ``lcl``, ``ucl``, ``runs_signal``, ...) plus
    ``signal``; with ``summary=True`` one row per series instead (``n_obs``, ``cl``,
    ``runs_signal``, ``n_sigma_signals``, ``error`` for series that could not be charted).
    Missing cells stay as points without a value and with their status; a series that could
    not be charted keeps its rows (x, y, n) with no chart values, as in ``spc kostra chart``. For ``p``/``u``
    charts y is the numerator and n the denominator, drawn in the unit of the indicator's values
    (100 when they are percentages) unless ``multiply`` is given.
    """
    df, msgs = _call(
        _spc.kostra_charts,
        _source(data),
        chart=chart,
        regions=_names(regions),
        indicators=_names(indicators),
        years=_years(years),
        freeze=freeze,
        method=method,
        rules=_names(rules),
        multiply=None if multiply is None else _number(multiply, "multiply"),
        summary=bool(summary),
    )
    _warn(msgs)
    return df


# The options of Funnel.plot / save.
_FUNNEL_PICTURE_OPTIONS = ("title", "subtitle", "xlab", "ylab", "lang", "width", "height")


class Funnel:
    """A funnel plot of the municipalities for one indicator and period (:func:`funnel`).

    ``data`` has one row per municipality (value, target, limits per level, flag, direction,
    status; municipalities that cannot be plotted stay with their reason). Shows inline in
    Jupyter; ``plot``/``save`` draw it through the renderer of the ``spc`` command.
    """

    def __init__(self, result: Any, **render_options: Any) -> None:
        self._result = result
        self.render_options = {k: v for k, v in render_options.items() if v is not None}

    @functools.cached_property
    def data(self) -> pl.DataFrame:
        """One row per municipality, the columns of ``spc kostra funnel --data``."""
        return self._result.data()

    @property
    def target(self) -> float:
        """The target in the indicator's units (pooled Σy/Σn × multiplier unless given)."""
        return float(self._result.target)

    @property
    def phi(self) -> Optional[float]:
        """The over-dispersion factor φ̂ (mean squared winsorised z-score)."""
        return self._result.phi

    @property
    def tau2(self) -> Optional[float]:
        """The DerSimonian–Laird between-unit variance τ̂²."""
        return self._result.tau2

    @property
    def indicator(self) -> str:
        """The indicator."""
        return str(self._result.what[0])

    @property
    def period(self) -> str:
        """The period compared."""
        return str(self._result.what[1])

    @property
    def spec(self) -> dict[str, Any]:
        """data_type, multiplier, levels, method and overdispersion as used."""
        t, m, levels, method, od = self._result.spec
        return {"data_type": t, "multiplier": m, "levels": list(levels), "method": method, "overdispersion": od}

    def _render(self, fmt: str, options: dict[str, Any]) -> bytes:
        return _picture(self._result.render, fmt, {**self.render_options, **options}, _FUNNEL_PICTURE_OPTIONS)

    def plot(self, format: str = "svg", **options: Any) -> Any:
        """The funnel plot as a picture Jupyter shows inline (options: title, subtitle, xlab,
        ylab, lang, width, height)."""
        from . import Figure

        return Figure(self._render(format.lower(), options), format.lower())

    def save(self, path: Union[str, "os.PathLike[str]"], **options: Any) -> None:
        """Writes the funnel plot to ``path`` (.png, .svg or .pdf)."""
        from . import RenderError

        fmt = os.path.splitext(os.fspath(path))[1].lstrip(".").lower()
        if fmt not in ("png", "svg", "pdf"):
            raise RenderError(f"cannot tell the image format of '{os.fspath(path)}': use .png, .svg or .pdf")
        picture = self._render(fmt, options)  # first, so that a bad option leaves the file as it was
        _spc._write_file(path, picture)  # whole or not at all

    def _repr_svg_(self) -> str:
        return self._render("svg", {}).decode()

    def _repr_png_(self) -> bytes:
        return self._render("png", {})

    def __repr__(self) -> str:
        flags = self.data["flag"].value_counts(sort=True).rows() if self.data.height else []
        counts = ", ".join(f"{n} {f or 'not plotted'}" for f, n in flags)
        return f"<spc.kostra.Funnel {self.indicator} {self.period}: target {self.target:.4g}; {counts}>"


def funnel(
    data: Source,
    indicator: str,
    *,
    period: Union[str, int, None] = None,
    region: Optional[str] = None,
    type: Optional[str] = None,
    multiplier: Optional[float] = None,
    target: Optional[float] = None,
    levels: Union[float, Sequence[float], None] = None,
    method: Optional[str] = None,
    overdispersion: Optional[str] = None,
    **render_options: Any,
) -> Funnel:
    """A funnel plot of the municipalities of ``indicator`` in ``period`` (default: the latest),
    as ``spc kostra funnel`` draws it.

    Exact binomial (``type="proportion"``) or Poisson (``"rate"``) limits with Spiegelhalter's
    interpolation, χ² limits for standardised ratios (``"ratio"``); ``levels`` in per cent
    (95 and 99.8 by default); ``overdispersion`` ``"multiplicative"`` or ``"additive"``
    (DerSimonian–Laird). ``type``, ``multiplier`` and the target are inferred when not given.
    ``region`` highlights a municipality. Options given as None take the library's defaults
    (levels 95 and 99.8, method ``"exact"``, overdispersion ``"none"``), as the flags of
    ``spc kostra funnel`` left out do.
    """
    result, notes = _call(
        _spc.kostra_funnel,
        _source(data),
        indicator,
        period=None if period is None else str(period),
        region=None if region is None else str(region),
        data_type=type,
        multiplier=multiplier,
        target=target,
        levels=None if levels is None else [_number(v, "levels") for v in ([levels] if isinstance(levels, (int, float, str)) else levels)],
        method=method,
        overdispersion=overdispersion,
    )
    _warn(notes)
    return Funnel(result, **render_options)


class Dashboard:
    """A KOSTRA dashboard: one self-contained HTML page (:func:`dashboard`)."""

    def __init__(self, html: str) -> None:
        #: The page.
        self.html = html

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the page to ``path`` (UTF-8, whole or not at all)."""
        _spc._write_file(path, self.html.encode("utf-8"))

    def _repr_html_(self) -> str:
        import html

        return (
            f"<iframe srcdoc=\"{html.escape(self.html, quote=True)}\" "
            "style='width:100%;height:900px;border:1px solid #ddd'></iframe>"
        )

    def __repr__(self) -> str:
        return f"<spc.kostra.Dashboard {len(self.html)} characters of HTML>"


def dashboard(
    data: Source,
    region: str,
    *,
    groups: Any = None,
    group_column: Optional[str] = None,
    indicators: Union[str, Sequence[str], None] = None,
    years: Any = None,
    chart: Optional[str] = None,
    lang: Optional[str] = None,
    title: Optional[str] = None,
    improvement: Optional[Mapping[str, str]] = None,
    targets: Optional[Mapping[str, float]] = None,
    freeze: Optional[int] = None,
    path: Union[str, "os.PathLike[str]", None] = None,
) -> Dashboard:
    """The indicator dashboard of one municipality (``spc kostra dashboard``): a cover table of
    variation and assurance icons, z-scores and group/county/country values per indicator, then
    per indicator a small SPC chart (tooltips on every point), its signals and the verdict in
    words; Norwegian by default. ``improvement`` maps indicators to ``"increase"`` or
    ``"decrease"``, ``targets`` to a goal. Written to ``path`` when given.
    """
    yrs = sorted({y for a, b in _years(years) for y in range(a, b + 1)})
    html, msgs = _call(
        _spc.kostra_dashboard,
        _source(data),
        str(region),
        groups=_groups(groups),
        group_column=group_column,
        indicators=_names(indicators),
        years=yrs,
        chart=chart,
        lang=lang,
        title=title,
        improvement=dict(improvement or {}),
        targets={k: _number(v, "targets") for k, v in (targets or {}).items()},
        freeze=freeze,
    )
    _warn(msgs)
    d = Dashboard(html)
    if path is not None:
        d.save(path)
    return d
